namespace Ava.Transport.Diagnostics;

/// <summary>
/// Where guest and worker diagnostics go: nowhere unless <c>AVA_LOG</c> is set (a drop-in library must not change
/// what the application prints); 1 or stderr for standard error; otherwise a file both sides append to (the
/// guest's environment reaches its worker, so one setting covers both).
/// </summary>
public sealed class LogSink
{
    private readonly object _gate = new();
    private readonly TextWriter? _writer;
    private readonly string _side;

    /// <summary>A sink whose lines start with <paramref name="side"/> and the process id.</summary>
    public LogSink(string side)
        : this(side, Environment.GetEnvironmentVariable("AVA_LOG"))
    {
    }

    /// <summary>A sink writing where <paramref name="target"/> says, as AVA_LOG would.</summary>
    internal LogSink(string side, string? target)
    {
        _side = side;
        _writer = Open(target);
    }

    /// <summary>Whether logging is on.</summary>
    public bool Enabled => _writer is not null;

    /// <summary>Writes one line; never throws.</summary>
    public void Write(string message)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _writer.WriteLine($"[ava {_side} {Environment.ProcessId}] {message}");
                _writer.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
            {
                // Diagnostics must not change what the program does: natively a full disk (ENOSPC) or a closed stderr
                // does not stop the application, so a line that cannot be written is dropped, and the next one tried.
            }
        }
    }

    private static TextWriter? Open(string? target)
    {
        if (string.IsNullOrEmpty(target) || target == "0")
        {
            return null;
        }

        if (target is "1" or "stderr")
        {
            return Console.Error;
        }

        // The guest and its worker append to the same file: each line is one write at the file's end (O_APPEND).
        var fd = Native.LibC.OpenAppend(target);
        if (fd < 0)
        {
            return Console.Error;
        }

        try
        {
            return new StreamWriter(new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0));
        }
        catch (IOException)
        {
            Native.LibC.CloseQuietly(fd);
            return Console.Error;
        }
    }
}
