using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

/// <summary>
/// A failed system call. The message names the call and the errno so that a failure seen in a
/// host program's log can be traced without a debugger.
/// </summary>
public sealed class NativeException : IOException
{
    /// <summary>Creates an exception without a call name; <see cref="Errno"/> is 0.</summary>
    public NativeException()
        : this("native call failed")
    {
    }

    /// <summary>Creates an exception with a message only; <see cref="Errno"/> is 0.</summary>
    public NativeException(string message)
        : base(message)
    {
        Call = string.Empty;
    }

    /// <summary>Creates an exception with a message and inner exception; <see cref="Errno"/> is 0.</summary>
    public NativeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Call = string.Empty;
    }

    /// <summary>Creates an exception for <paramref name="call"/> failing with <paramref name="errno"/>.</summary>
    public NativeException(string call, int errno)
        : base(FormatMessage(call, errno))
    {
        Call = call;
        Errno = errno;
        // IOException.HResult is what generic handlers log; keep the errno visible there too.
        HResult = errno;
    }

    /// <summary>The errno value reported by the failed call (0 when not from a system call).</summary>
    public int Errno { get; }

    /// <summary>The system call (and its salient argument) that failed.</summary>
    public string Call { get; }

    /// <summary>Builds an exception from the errno captured by the last <c>SetLastError</c> P/Invoke.</summary>
    internal static NativeException FromLastError(string call) => new(call, Marshal.GetLastPInvokeError());

    private static string FormatMessage(string call, int errno)
        => $"{call} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
