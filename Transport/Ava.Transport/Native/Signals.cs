namespace Ava.Transport.Native;

/// <summary>
/// Signal numbers for <see cref="LibC.Kill"/> (Linux values).
/// </summary>
/// <remarks>
/// This library never changes signal dispositions: they are process-wide and belong to the
/// host program. The exceptions end the process: <see cref="ProcessControl.DieOf"/> restores a
/// signal's default action to die of it. In particular SIGPIPE is not ignored; instead every socket send passes
/// MSG_NOSIGNAL, so writing to a dead peer fails with an EPIPE <see cref="NativeException"/>
/// rather than killing the host.
/// </remarks>
public static class Signals
{
    /// <summary>Hangup.</summary>
    public const int SIGHUP = 1;

    /// <summary>Interrupt (Ctrl-C).</summary>
    public const int SIGINT = 2;

    /// <summary>Quit (Ctrl-\); dumps core.</summary>
    public const int SIGQUIT = 3;

    /// <summary>Forced termination; cannot be caught.</summary>
    public const int SIGKILL = 9;

    /// <summary>Invalid memory access.</summary>
    public const int SIGSEGV = 11;

    /// <summary>Broken pipe; see the remarks for why sends never raise it.</summary>
    public const int SIGPIPE = 13;

    /// <summary>Polite termination request.</summary>
    public const int SIGTERM = 15;

    /// <summary>Child stopped or exited.</summary>
    public const int SIGCHLD = 17;

    /// <summary>Continue a stopped process.</summary>
    public const int SIGCONT = 18;

    /// <summary>Stop; cannot be caught.</summary>
    public const int SIGSTOP = 19;

    /// <summary>Background process group read from its terminal.</summary>
    public const int SIGTTIN = 21;

    /// <summary>Background process group wrote to its terminal or changed its settings.</summary>
    public const int SIGTTOU = 22;
}
