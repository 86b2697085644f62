namespace Ava.Worker;

/// <summary>Worker diagnostics: to stderr when <c>AVA_LOG</c> is set (the guest's environment reaches the worker).</summary>
public static class WorkerLog
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("AVA_LOG") is { Length: > 0 } v && v != "0";

    /// <summary>Writes one line.</summary>
    public static void Write(string message)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[ava worker {Environment.ProcessId}] {message}");
        }
    }

    /// <summary>A callback could not be delivered.</summary>
    public static void CallbackFailed(string function, Exception error) => Write($"callback of {function} failed: {error.Message}");
}
