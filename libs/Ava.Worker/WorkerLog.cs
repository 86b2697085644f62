using Ava.Transport.Diagnostics;

namespace Ava.Worker;

/// <summary>Worker diagnostics (see <see cref="LogSink"/>: off unless <c>AVA_LOG</c> is set).</summary>
public static class WorkerLog
{
    private static readonly LogSink Sink = new("worker");

    /// <summary>Whether logging is on.</summary>
    public static bool Enabled => Sink.Enabled;

    /// <summary>Writes one line.</summary>
    public static void Write(string message) => Sink.Write(message);

    /// <summary>A callback could not be delivered.</summary>
    public static void CallbackFailed(string function, Exception error) => Write($"callback of {function} failed: {error.Message}");
}
