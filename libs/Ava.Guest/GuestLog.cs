using Ava.Transport.Diagnostics;

namespace Ava.Guest;

/// <summary>Diagnostics of a guest library (see <see cref="LogSink"/>: silent unless <c>AVA_LOG</c> is set).</summary>
public static class GuestLog
{
    private static readonly LogSink Sink = new("guest");

    /// <summary>Whether logging is on.</summary>
    public static bool Enabled => Sink.Enabled;

    /// <summary>Writes one line.</summary>
    public static void Write(string message) => Sink.Write(message);

    /// <summary>A function the drop-in exports but does not remote was called; it answers <paramref name="status"/>.</summary>
    public static void NotRemoted(string function, long status)
    {
        if (Sink.Enabled)
        {
            Sink.Write($"{function} is not remoted: answered {status}");
        }
    }

    /// <summary>A call could not be carried out; the stub returns the API's error value.</summary>
    public static void CallFailed(string function, Exception error)
    {
        if (Sink.Enabled)
        {
            Sink.Write($"{function}: {error.GetType().Name}: {error.Message}");
        }
    }
}
