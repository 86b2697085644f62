namespace Ava.Transport.Diagnostics;

/// <summary>
/// Where guest and worker diagnostics go: nowhere unless <c>AVA_LOG</c> is set (a drop-in library must not change
/// what the application prints); 1 or stderr for standard error; otherwise a file both sides append to (the
/// guest's environment reaches its worker, so one setting covers both).
/// </summary>
public sealed class LogSink
{
    private readonly object _gate = new();
    private readonly TextWriter? _writer = Open();
    private readonly string _side;

    /// <summary>A sink whose lines start with <paramref name="side"/> and the process id.</summary>
    public LogSink(string side) => _side = side;

    /// <summary>Whether logging is on.</summary>
    public bool Enabled => _writer is not null;

    /// <summary>Writes one line.</summary>
    public void Write(string message)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_gate)
        {
            _writer.WriteLine($"[ava {_side} {Environment.ProcessId}] {message}");
            _writer.Flush();
        }
    }

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
