using System.Runtime.Intrinsics.X86;

namespace Ava.Transport.Ring;

/// <summary>
/// Copies streamed chunks out of a ring into the reader's memory. A stream of many megabytes (a large device-to-host
/// copy) cannot stay in the cache until the application reads it; written with ordinary stores, every destination line
/// is first read from memory for ownership only to be overwritten, doubling the memory traffic of a copy that is bound
/// by it. Stores that bypass the cache write each line once, as the C library's memcpy does for large blocks (each
/// chunk alone is too small for it to choose that).
/// </summary>
internal static unsafe class ChunkCopy
{
    /// <summary>Streams from this size on are written around the cache: far beyond what one core's share of the cache holds.</summary>
    public const long BypassCacheFrom = 4L << 20;

    /// <summary>Copies <paramref name="length"/> bytes; with <paramref name="bypassCache"/>, call <see cref="Fence"/> after the last chunk.</summary>
    public static void Copy(byte* destination, byte* source, int length, bool bypassCache)
    {
        if (!bypassCache || !Sse2.IsSupported || length < 256)
        {
            Buffer.MemoryCopy(source, destination, length, length);
            return;
        }

        // Non-temporal stores need aligned addresses: the bytes up to the first 16-byte boundary go the ordinary way.
        var head = (int)((16 - ((nuint)destination & 15)) & 15);
        Buffer.MemoryCopy(source, destination, head, head);
        var at = head;
        for (; at + 64 <= length; at += 64)
        {
            var a = Sse2.LoadVector128(source + at);
            var b = Sse2.LoadVector128(source + at + 16);
            var c = Sse2.LoadVector128(source + at + 32);
            var d = Sse2.LoadVector128(source + at + 48);
            Sse2.StoreAlignedNonTemporal(destination + at, a);
            Sse2.StoreAlignedNonTemporal(destination + at + 16, b);
            Sse2.StoreAlignedNonTemporal(destination + at + 32, c);
            Sse2.StoreAlignedNonTemporal(destination + at + 48, d);
        }

        Buffer.MemoryCopy(source + at, destination + at, length - at, length - at);
    }

    /// <summary>
    /// Makes the bypassing stores visible before any later store: the caller's memory holds the bytes when the call
    /// that streamed them returns, for this thread and for any thread it then signals.
    /// </summary>
    public static void Fence()
    {
        if (Sse.IsSupported)
        {
            Sse.StoreFence();
        }
    }
}
