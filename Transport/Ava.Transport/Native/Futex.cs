using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

/// <summary>
/// Futex wait/wake on a 32-bit word inside a <see cref="SharedSegment"/>. This is how a ring's
/// consumer sleeps until its producer in the other process publishes work.
/// </summary>
/// <remarks>
/// <para>The operations never use FUTEX_PRIVATE_FLAG: a private futex is keyed by the address
/// within one mm, so a waiter in one process would never see a wake from another. Shared
/// futexes are keyed by the backing page and offset and work across processes.</para>
/// <para>The call goes through libc's variadic <c>syscall()</c> with SYS_futex = 202, which is
/// the x86-64 number; other architectures get <see cref="PlatformNotSupportedException"/>.
/// Neither method allocates, so both are safe on hot paths.</para>
/// </remarks>
public static unsafe class Futex
{
    private const nint SYS_futex_x64 = 202;
    private const nint FUTEX_WAIT = 0;
    private const nint FUTEX_WAKE = 1;

    private static readonly bool Supported =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, for at most <paramref name="timeoutMilliseconds"/>
    /// (negative means no limit, 0 only re-checks the value).
    /// </summary>
    /// <returns>
    /// false when the timeout expired; true when woken, when the word no longer held
    /// <paramref name="expected"/> (EAGAIN), or when a signal interrupted the wait (EINTR).
    /// Wakes can be spurious, so callers re-check their condition in a loop.
    /// </returns>
    /// <exception cref="NativeException">Any other futex error, e.g. EINVAL for a misaligned word.</exception>
    public static bool Wait(int* address, int expected, int timeoutMilliseconds)
    {
        EnsureSupported();

        Timespec timeout;
        Timespec* timeoutPointer = null;
        if (timeoutMilliseconds >= 0)
        {
            // FUTEX_WAIT takes a relative timeout measured on CLOCK_MONOTONIC.
            timeout.Seconds = timeoutMilliseconds / 1000;
            timeout.Nanoseconds = (timeoutMilliseconds % 1000) * 1_000_000L;
            timeoutPointer = &timeout;
        }

        nint result = LibC.syscall_futex(SYS_futex_x64, address, FUTEX_WAIT, expected, timeoutPointer, null, 0);
        if (result == 0)
        {
            return true;
        }

        int errno = LibC.GetErrno();
        return errno switch
        {
            LibC.ETIMEDOUT => false,
            LibC.EAGAIN or LibC.EINTR => true,
            _ => throw new NativeException("futex(FUTEX_WAIT)", errno),
        };
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters on <paramref name="address"/>.</summary>
    /// <returns>The number of waiters woken.</returns>
    public static int Wake(int* address, int count)
    {
        EnsureSupported();

        nint result = LibC.syscall_futex(SYS_futex_x64, address, FUTEX_WAKE, count, null, null, 0);
        if (result < 0)
        {
            throw NativeException.FromLastError("futex(FUTEX_WAKE)");
        }

        return (int)result;
    }

    /// <summary>Wakes every waiter on <paramref name="address"/>.</summary>
    public static int WakeAll(int* address) => Wake(address, int.MaxValue);

    private static void EnsureSupported()
    {
        if (!Supported)
        {
            ThrowNotSupported();
        }
    }

    private static void ThrowNotSupported()
        => throw new PlatformNotSupportedException(
            $"Futex uses the x86-64 Linux syscall number; this process is {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}.");
}
