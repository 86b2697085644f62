using System.CommandLine;
using System.Globalization;
using System.Text;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Worker.RealLibraries;

namespace Ava.Cli;

/// <summary>
/// <c>ava doctor</c>: what remoting would do on this machine, item by item, each with a one-line verdict: the real
/// library each API's worker would load and why, whether our drop-ins and this worker were built from the same specs,
/// which channels work, whether workers may copy straight from a guest's memory, and which manager guests would use.
/// </summary>
internal static class DoctorCommand
{
    private enum Verdict
    {
        Ok,
        Note,
        Fail,
    }

    public static Command Create(AvaHost host)
    {
        var command = new Command("doctor", "what remoting would do here, item by item: the real library each API's worker would load and why, whether the drop-ins and this worker share their specs, which channels work, cross-memory copies, the manager");
        command.WithEnvironment(
            ("LD_LIBRARY_PATH", "searched first for each API's real library, as the dynamic loader does"),
            ("AVA_REAL_<API>=PATH", "the real library, named instead of searched"),
            ("AVA_MANAGER_ADDR", "the manager guests would ask for workers"));
        command.SetAction(_ => Run(host));
        return command;
    }

    private static int Run(AvaHost host)
    {
        var items = new List<(string Item, Verdict Verdict, string Detail)>();
        var bin = Path.GetDirectoryName(Environment.ProcessPath) ?? AppContext.BaseDirectory;
        var lib = Path.GetFullPath(Path.Combine(bin, "..", "lib"));
        foreach (var backend in host.Backends)
        {
            var api = backend.Descriptor;
            var choice = new RealLibraryResolver(api).Resolve();
            // A machine without an API's driver is no fault of ours: its programs get the API's own no-driver error.
            items.Add(($"{api.Name}: real library", choice.Path is null ? Verdict.Note : Verdict.Ok,
                choice.Path is null ? $"{choice.Reason}; its programs get the API's no-driver error (AVA_LOG=1 lists every file looked at)" : $"{choice.Path} ({choice.Reason})"));
            items.Add(($"{api.Name}: drop-in {api.SoName}", DropIn(lib, api.SoName, api.SpecHash, out var detail), detail));
        }

        items.Add(Check("channel: shared memory", () =>
        {
            using var segment = SharedSegment.Create("ava-doctor", 4096);
            return "memfd segments map (the default, fastest channel)";
        }));
        items.Add(Check("channel: Unix socket", () =>
        {
            var (a, b) = UnixSocket.Pair();
            using (a)
            using (b)
            {
                return RoundTrip(a, b, "socket pairs carry records (AVA_CHANNEL=UNIX)");
            }
        }));
        items.Add(Check("channel: TCP loopback", () =>
        {
            using var listener = Ava.Transport.Tcp.TcpSocket.Listen("127.0.0.1", 0, out var port);
            using var client = Ava.Transport.Tcp.TcpSocket.Connect("127.0.0.1", port);
            using var server = listener.Accept();
            return RoundTrip(client, server, $"127.0.0.1 listens and connects (remote managers: AVA_MANAGER_ADDR=host:port)");
        }));
        items.Add(Check("channel: VSOCK loopback", () =>
        {
            // VMADDR_CID_LOCAL (1) needs the vsock_loopback module; guests of a virtual machine reach CID 2 instead.
            const uint local = 1;
            var port = (uint)Random.Shared.Next(40000, 60000);
            using var listener = Ava.Transport.Tcp.VsockSocket.Listen(local, port);
            using var client = Ava.Transport.Tcp.VsockSocket.Connect(local, port);
            using var server = listener.Accept();
            return RoundTrip(client, server, "AF_VSOCK loopback works");
        }, unavailable: Verdict.Note));
        items.Add(CrossMemory());
        items.Add(Manager());

        var width = items.Max(i => i.Item.Length);
        foreach (var (item, verdict, detail) in items)
        {
            var mark = verdict switch { Verdict.Ok => "ok  ", Verdict.Note => "note", _ => "FAIL" };
            Console.WriteLine($"{mark}  {item.PadRight(width)}  {detail}");
        }

        var failed = items.Count(i => i.Verdict == Verdict.Fail);
        Console.WriteLine(failed == 0 ? "ava doctor: nothing stands in the way" : $"ava doctor: {failed} item(s) need attention");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Whether the drop-in exists and carries this worker's spec hash (a NativeAOT image keeps its string literals as UTF-16).</summary>
    private static Verdict DropIn(string lib, string soName, string specHash, out string detail)
    {
        var path = new[] { Path.Combine(lib, soName), Path.Combine(lib, "real", soName) }.FirstOrDefault(File.Exists);
        if (path is null || ElfImage.Inspect(path) is not { NativeAot: true })
        {
            detail = $"not built in {lib} (publish.ps1 builds it)";
            return Verdict.Fail;
        }

        // In the file, before the loader relocates it, a frozen string's last character can share bytes with the next
        // object's header; all but that character (60 of the hash's 64 bits) are compared.
        var image = File.ReadAllBytes(path);
        var agree = image.AsSpan().IndexOf(Encoding.Unicode.GetBytes(specHash[..^1])) >= 0;
        detail = agree
            ? $"{path}: spec hash {specHash} agrees with this worker"
            : $"{path}: built from another spec than this worker ({specHash}); they would refuse to talk: rebuild both";
        return agree ? Verdict.Ok : Verdict.Fail;
    }

    private static string RoundTrip(UnixSocket from, UnixSocket to, string success)
    {
        from.SendAll("ava"u8);
        Span<byte> got = stackalloc byte[3];
        to.ReceiveExactly(got);
        return got.SequenceEqual("ava"u8) ? success : throw new IOException("bytes changed on the way");
    }

    private static (string, Verdict, string) Check(string item, Func<string> probe, Verdict unavailable = Verdict.Fail)
    {
        try
        {
            return (item, Verdict.Ok, probe());
        }
        catch (Exception e) when (e is IOException or NativeException or UnauthorizedAccessException)
        {
            return (item, unavailable, $"unavailable: {e.Message}");
        }
    }

    /// <summary>
    /// Whether a worker may copy large transfers straight from its guest's memory (process_vm_readv). The worker is
    /// the guest's child, so Yama's ptrace_scope 1 (descendants only) refuses it even where a parent may read a child.
    /// </summary>
    private static (string, Verdict, string) CrossMemory()
    {
        const string item = "cross-memory copies";
        var scopeText = File.Exists("/proc/sys/kernel/yama/ptrace_scope") ? File.ReadAllText("/proc/sys/kernel/yama/ptrace_scope").Trim() : null;
        var scope = int.TryParse(scopeText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var child = ProcessSpawner.Spawn("/bin/sleep", ["sleep", "5"], []);
        try
        {
            var first = File.ReadLines($"/proc/{child}/maps").First();
            var address = ulong.Parse(first[..first.IndexOf('-', StringComparison.Ordinal)], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var allowed = LibC.CanReadProcess(child, address, out var error);
            return !allowed
                ? (item, Verdict.Note, $"process_vm_readv refused (errno {error}): large transfers go through the rings instead")
                : scope >= 1
                    ? (item, Verdict.Note, $"Yama ptrace_scope {scope}: a worker may not read its guest, so large transfers go through the rings instead")
                    : (item, Verdict.Ok, $"process_vm_readv allowed{(scopeText is null ? "" : $" (Yama ptrace_scope {scope})")}: large OpenCL transfers take one copy");
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException)
        {
            return (item, Verdict.Note, $"could not be checked: {e.Message}");
        }
        finally
        {
            LibC.Kill(child, Signals.SIGKILL);
            ProcessSpawner.WaitExit(child);
        }
    }

    private static (string, Verdict, string) Manager()
    {
        const string item = "manager";
        if (Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR") is not { Length: > 0 } text)
        {
            return (item, Verdict.Ok, "none (AVA_MANAGER_ADDR unset): each guest starts a private worker");
        }

        try
        {
            var address = ManagerAddress.Parse(text);
            using var socket = address.Path is not null ? UnixSocket.Connect(address.Path)
                : address.Vsock ? Ava.Transport.Tcp.VsockSocket.Connect(address.Cid, (uint)address.Port)
                : Ava.Transport.Tcp.TcpSocket.Connect(address.Host!, address.Port);
            return (item, Verdict.Ok, $"{text} accepts connections (guests ask it for workers)");
        }
        catch (Exception e) when (e is IOException or NativeException or FormatException or ArgumentException)
        {
            return (item, Verdict.Fail, $"{text} (AVA_MANAGER_ADDR) cannot be reached: {e.Message}; guests will fail to start");
        }
    }
}
