namespace Ava.Transport.Stream;

/// <summary>
/// A connected, blocking byte stream: what <see cref="StreamPipe"/> needs from a socket. A Unix socket, a TCP
/// socket, or a TCP socket with LZ4 framing (<see cref="Tcp.Lz4FramedSocket"/>) all serve.
/// </summary>
public interface IStreamSocket : IDisposable
{
    /// <summary>Sends every byte of <paramref name="data"/>.</summary>
    void SendAll(ReadOnlySpan<byte> data);

    /// <summary>Fills <paramref name="buffer"/>; end of stream before that is an <see cref="EndOfStreamException"/>.</summary>
    void ReceiveExactly(Span<byte> buffer);

    /// <summary>Waits up to <paramref name="timeoutMs"/> (negative: no limit) until a receive would not block.</summary>
    bool PollReadable(int timeoutMs);

    /// <summary>Shuts down both directions, waking blocked receivers.</summary>
    void Shutdown();
}
