using System.Runtime.InteropServices;
using Ava.Transport.Native;
using Ava.Worker;

namespace Ava.Cli;

/// <summary>
/// What <c>ava run</c> was asked to do: the APIs to remote (every one served when empty), the channel, the program, and
/// variables to set for it beyond ours (<c>ava profile</c>'s).
/// </summary>
internal sealed record RunSettings(IReadOnlyList<string> Apis, string? Channel, IReadOnlyList<string> Command)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Runs an unmodified program with our drop-in libraries in place of the vendor's and stands in for it: whoever
/// started <c>ava run</c> sees the program's exit status, its death by a signal, its stops, and reaches it with
/// signals, as if it had been started directly.
/// </summary>
/// <remarks>
/// The drop-ins are preloaded, and the rtld-audit module (artifacts/lib/audit/libava-audit.so, LD_AUDIT) answers
/// every other way the program could load the vendor library (dlopen of the development name, of the versioned
/// name, of an absolute path) with the drop-in. The program is the child of this process's main thread, with
/// SIGKILL as its parent-death signal, so killing <c>ava run</c> by any means ends it; its orphaned descendants (the
/// workers its drop-ins started) become our children and are reaped before we exit.
/// </remarks>
internal static class ProgramRunner
{
    /// <summary>
    /// How long to wait, after the program ended, for its workers: each exits as soon as its guest's socket closes,
    /// which happened when the program ended; a worker still busy in the real library is left to finish alone.
    /// </summary>
    private static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every signal that one process can send another and that we can catch: HUP, INT, QUIT, USR1, USR2, PIPE,
    /// ALRM, TERM, CONT, TSTP, TTIN, TTOU, XCPU, XFSZ, VTALRM, PROF, WINCH, IO, PWR. The synchronous ones (SEGV, BUS,
    /// FPE, ILL, TRAP, ABRT, SYS) are the runtime's own, and SIGCHLD tells us about our children.
    /// </summary>
    private static readonly int[] Forwarded = [1, 2, 3, 10, 12, 13, 14, 15, 18, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30];

    /// <summary>
    /// Runs the program as <c>ava run</c> does; <paramref name="ended"/> runs once it has ended and its workers are
    /// reaped, with its exit status (or the signal that killed it), before we pass that on.
    /// </summary>
    internal static int Run(AvaHost host, RunSettings settings, Action<int>? ended = null)
    {
        var bin = Path.GetDirectoryName(Environment.ProcessPath)!;
        var lib = Path.GetFullPath(Path.Combine(bin, "..", "lib"));
        var apis = new List<ApiBackend>();
        foreach (var name in settings.Apis)
        {
            var backend = host.Find(name);
            if (backend is null)
            {
                Console.Error.WriteLine($"ava run: unknown API '{name}'; known: {string.Join(", ", host.Names)}");
                return 2;
            }

            apis.Add(backend);
        }

        if (apis.Count == 0)
        {
            apis.AddRange(host.Backends.Where(b => !host.OnRequest.Contains(b)));
        }

        var dropIns = apis.Select(b => (b.Descriptor.SoName, Path: Path.Combine(lib, b.Descriptor.SoName), Preload: !host.LoadedOnDemand.Contains(b))).Where(d => File.Exists(d.Path)).ToList();
        var audit = Path.Combine(lib, "audit", "libava-audit.so");
        if (dropIns.Count == 0 || !File.Exists(audit))
        {
            Console.Error.WriteLine($"ava run: no drop-in libraries or no audit module in {lib}; build them with publish.ps1");
            return 1;
        }

        var program = Resolve(settings.Command[0]);
        if (program is null)
        {
            Console.Error.WriteLine($"ava run: {settings.Command[0]}: command not found");
            return 127;
        }

        var environment = ProgramEnvironment(settings, dropIns, audit, Path.Combine(bin, "ava"));
        return Supervise(program, settings.Command, environment, ended);
    }

    /// <summary>
    /// Our environment with the drop-ins first on LD_PRELOAD, the audit module first on LD_AUDIT, and the audit
    /// module's table: each drop-in under the API's development name (libOpenCL.so for libOpenCL.so.1), which the
    /// module also matches with any version suffix.
    /// </summary>
    private static string[] ProgramEnvironment(RunSettings settings, List<(string SoName, string Path, bool Preload)> dropIns, string audit, string ava)
    {
        static IEnumerable<string> Existing(string name) => (Environment.GetEnvironmentVariable(name) ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);

        string[] replaced = ["LD_PRELOAD", "LD_AUDIT", "AVA_AUDIT_MAP", "AVA_WORKER", .. settings.Channel is null ? Array.Empty<string>() : ["AVA_CHANNEL"], .. settings.Environment.Keys];
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => Array.IndexOf(replaced, (string)e.Key) < 0)
            .Select(e => $"{e.Key}={e.Value}")
            .ToList();
        environment.Add($"LD_PRELOAD={string.Join(':', dropIns.Where(d => d.Preload).Select(d => d.Path).Concat(Existing("LD_PRELOAD")))}");
        environment.Add($"LD_AUDIT={string.Join(':', Existing("LD_AUDIT").Prepend(audit))}");
        environment.Add($"AVA_AUDIT_MAP={string.Join(':', dropIns.Select(d => $"{DevelopmentName(d.SoName)}={d.Path}"))}");
        environment.Add($"AVA_WORKER={ava}");
        if (settings.Channel is not null)
        {
            environment.Add($"AVA_CHANNEL={settings.Channel}");
        }

        environment.AddRange(settings.Environment.Select(e => $"{e.Key}={e.Value}"));

        return [.. environment];
    }

    /// <summary>The name a program links or dlopens in development: the SONAME without its version (libcuda.so).</summary>
    private static string DevelopmentName(string soName)
    {
        var end = soName.IndexOf(".so", StringComparison.Ordinal);
        return end < 0 ? soName : soName[..(end + 3)];
    }

    private static int Supervise(string program, IReadOnlyList<string> command, string[] environment, Action<int>? ended)
    {
        ProcessControl.BecomeSubreaper();

        // Started from a terminal whose foreground we hold, the program takes the foreground in a group of its own:
        // what the terminal sends (Ctrl-C, Ctrl-\, Ctrl-Z, window size) reaches the program alone, once, and what
        // is sent to us we forward, so nothing arrives twice.
        var terminal = ProcessControl.ForegroundTerminal();

        // A signal ignored when we started (SIGINT and SIGQUIT in a shell's background job, anything under nohup)
        // stays ignored, by us and by the program, as it would be for the program started directly. SIGPIPE
        // cannot be told apart: the runtime ignores it itself, so the program gets its default action.
        var ignored = Forwarded.Where(s => s != Signals.SIGPIPE && ProcessControl.IsIgnored(s)).ToArray();

        // Listening before the program exists: a signal sent the moment it starts is held, then passed on.
        var forwarder = new SignalForwarder(terminal);
        var registrations = Forwarded.Except(ignored).Select(s => PosixSignalRegistration.Create((PosixSignal)s, c => forwarder.Forward(c, s))).ToList();
        int pid;
        try
        {
            pid = ProcessSpawner.SpawnSupervised(program, [.. command], environment, terminal, ignored);
        }
        catch (NativeException e)
        {
            registrations.ForEach(r => r.Dispose());
            Console.Error.WriteLine($"ava run: cannot run {program}: {e.Message}");
            return 126;
        }

        forwarder.Started(pid);
        ChildState end;
        while ((end = ProcessControl.WaitForChange(pid)).Change == ChildChange.Stopped)
        {
            // The program stopped (Ctrl-Z, SIGTSTP, SIGSTOP): so do we, so that our parent sees the job stop. The
            // SIGCONT that resumes us is forwarded.
            ProcessControl.StopSelf();
        }

        forwarder.Ended();
        ProcessControl.Reap(pid);
        registrations.ForEach(r => r.Dispose());
        if (terminal >= 0 && ProcessControl.IsForeground(terminal, pid))
        {
            ProcessControl.SetForeground(terminal, ProcessControl.ProcessGroup());
        }

        ReapWorkers();
        ended?.Invoke(end.Change == ChildChange.Killed ? 128 + end.Value : end.Value);
        if (end.Change == ChildChange.Killed)
        {
            // Our parent must see what it would have seen of the program: death by the same signal. A core dump,
            // if the signal makes one, would be of us, not of the program.
            ProcessControl.SuppressCoreDumps();
            ProcessControl.DieOf(end.Value);
        }

        return end.Value;
    }

    /// <summary>Reaps the program's workers, reparented to us, for at most <see cref="WorkerGrace"/>.</summary>
    private static void ReapWorkers()
    {
        var deadline = DateTime.UtcNow + WorkerGrace;
        var ava = Environment.ProcessPath;
        while (ProcessControl.ReapEnded() && DateTime.UtcNow < deadline)
        {
            // A child we cannot read the executable of has just ended; another program (a daemon the program left
            // behind) does not keep us.
            if (!ProcessControl.Children().Any(pid => Executable(pid) is not { } exe || exe == ava))
            {
                return;
            }

            Thread.Sleep(10);
        }
    }

    private static string? Executable(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Resolve(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Passes the signals sent to us on to the program, on the runtime's signal thread; those that come before the
    /// program exists wait for it. Once the program has ended (reported but not yet reaped, so its pid cannot have
    /// been reused) nothing more is sent.
    /// </summary>
    private sealed class SignalForwarder(int terminal)
    {
        private readonly Lock _gate = new();
        private readonly List<int> _early = [];
        private int _pid;
        private bool _ended;

        public void Forward(PosixSignalContext context, int signal)
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_pid == 0)
                {
                    _early.Add(signal);
                }
                else if (!_ended)
                {
                    Send(signal);
                }
            }
        }

        public void Started(int pid)
        {
            lock (_gate)
            {
                _pid = pid;
                _early.ForEach(Send);
                _early.Clear();
            }
        }

        public void Ended()
        {
            lock (_gate)
            {
                _ended = true;
            }
        }

        private void Send(int signal)
        {
            if (signal != Signals.SIGCONT || terminal < 0)
            {
                _ = LibC.Kill(_pid, signal);
                return;
            }

            // Continued in the foreground (the shell's fg): the terminal goes back to the program. The whole group
            // continues, since the terminal's stop reached the program's workers too.
            if (ProcessControl.IsForeground(terminal, ProcessControl.ProcessGroup()))
            {
                ProcessControl.SetForeground(terminal, _pid);
            }

            _ = ProcessControl.SignalGroup(_pid, signal);
        }
    }
}
