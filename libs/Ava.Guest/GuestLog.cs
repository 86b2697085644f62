namespace Ava.Guest;

/// <summary>
/// Diagnostics of a guest library. Silent unless <c>AVA_LOG</c> is set (to a file path, or to 1/stderr), because a
/// drop-in library must not change what the application prints.
/// </summary>
public static class GuestLog
{
    private static readonly object Gate = new();
    private static readonly TextWriter? Writer = Open();

    /// <summary>Whether logging is on.</summary>
    public static bool Enabled => Writer is not null;

    /// <summary>Writes one line.</summary>
    public static void Write(string message)
    {
        if (Writer is null)
        {
            return;
        }

        lock (Gate)
        {
            Writer.WriteLine($"[ava guest {Environment.ProcessId}] {message}");
            Writer.Flush();
        }
    }

    /// <summary>A call could not be carried out; the stub returns the API's error value.</summary>
    public static void CallFailed(string function, Exception error) => Write($"{function}: {error.GetType().Name}: {error.Message}");

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
