namespace Ava.Worker;

/// <summary>
/// Worker diagnostics, off unless <c>AVA_LOG</c> is set: 1 or stderr for standard error, else a file appended to.
/// The guest's environment reaches its worker, so one setting covers both sides.
/// </summary>
public static class WorkerLog
{
    private static readonly object Gate = new();
    private static readonly TextWriter? Writer = Open();

    /// <summary>Writes one line.</summary>
    public static void Write(string message)
    {
        if (Writer is null)
        {
            return;
        }

        lock (Gate)
        {
            Writer.WriteLine($"[ava worker {Environment.ProcessId}] {message}");
            Writer.Flush();
        }
    }

    /// <summary>A callback could not be delivered.</summary>
    public static void CallbackFailed(string function, Exception error) => Write($"callback of {function} failed: {error.Message}");

    private static TextWriter? Open()
    {
        var target = Environment.GetEnvironmentVariable("AVA_LOG");
        if (string.IsNullOrEmpty(target) || target == "0")
        {
            return null;
        }

        if (target is "1" or "stderr")
        {
            return Console.Error;
        }

        try
        {
            return new StreamWriter(new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (IOException)
        {
            return Console.Error;
        }
        catch (UnauthorizedAccessException)
        {
            return Console.Error;
        }
    }
}
