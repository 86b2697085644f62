using Ava.Transport.Stream;

namespace Ava.Transport.Tests.Stream;

/// <summary>
/// A byte stream in memory: sends are kept, receives are served from a script of bytes a hostile peer wrote, and
/// each receive is checked against the most a pipe may ever ask for at once (its record limit, padding included), so
/// a length that slipped through shows as a failed assertion instead of as heap damage.
/// </summary>
internal sealed class ScriptedSocket(byte[] script, int largestReceive = int.MaxValue) : IStreamSocket
{
    private int _read;

    public MemoryStream Sent { get; } = new();

    public int LargestReceive { get; private set; }

    public void SendAll(ReadOnlySpan<byte> data) => Sent.Write(data);

    public void ReceiveExactly(Span<byte> buffer)
    {
        LargestReceive = Math.Max(LargestReceive, buffer.Length);
        Assert.True(buffer.Length <= largestReceive, $"a receive of {buffer.Length} bytes, more than the pipe's {largestReceive}");
        var n = Math.Min(buffer.Length, script.Length - _read);
        script.AsSpan(_read, n).CopyTo(buffer);
        _read += n;
        if (n < buffer.Length)
        {
            throw new EndOfStreamException("script ended");
        }
    }

    public bool PollReadable(int timeoutMs) => true;

    public void Shutdown()
    {
    }

    public void Dispose()
    {
    }
}
