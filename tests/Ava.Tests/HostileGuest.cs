using System.Collections;
using System.Diagnostics;
using Ava.AvaTest;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Tests;

/// <summary>
/// A guest that tries to keep its worker alive after it is gone: it starts its private worker, says hello, passes the
/// worker descriptors that the worker would wait on for ever if it waited for their other ends, prints the worker's
/// pid and exits. The worker belongs to the process that made it, so it must end with it.
/// </summary>
internal static class HostileGuest
{
    public const string Verb = "hostile-guest";

    /// <summary>
    /// <c>socketpair</c>: both ends of one socket pair as two stream channels (each shadow thread then reads what the
    /// other writes); <c>control</c>: the guest's own end of the control connection as a stream channel (the worker
    /// then holds both ends of it).
    /// </summary>
    public static readonly string[] Modes = ["socketpair", "control"];

    /// <summary>Runs the guest in a fresh process; returns the pid of the worker it left behind.</summary>
    public static int StartAndAbandonWorker(string mode)
    {
        var start = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(Environment.ProcessPath!)!, "dotnet"))
        {
            RedirectStandardOutput = true,
        };
        if (!File.Exists(start.FileName))
        {
            start.FileName = "dotnet";
        }

        foreach (var argument in new[] { "exec", typeof(HostileGuest).Assembly.Location, Verb, mode })
        {
            start.ArgumentList.Add(argument);
        }

        using var guest = Process.Start(start)!;
        var line = guest.StandardOutput.ReadLine();
        Assert.True(guest.WaitForExit(30_000), "the hostile guest did not exit");
        Assert.Equal(0, guest.ExitCode);
        Assert.NotNull(line);
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static int Run(string mode)
    {
        var (control, theirs) = UnixSocket.Pair();
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToArray();
        var worker = ProcessSpawner.Spawn(Repo.TestAva, [Repo.TestAva, "worker", "--api", "avatest", "--fd", "3"], environment, [(theirs.Fd, 3)]);
        theirs.Dispose();
        ControlProtocol.SendHello(control, AvaTestApi.Descriptor, Environment.ProcessId);
        if (ControlProtocol.ReadHelloAck(control) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return 1;
        }

        switch (mode)
        {
            case "socketpair":
                var (first, second) = UnixSocket.Pair();
                ControlProtocol.SendOpenStreamChannel(control, first.Fd);
                ControlProtocol.SendOpenStreamChannel(control, second.Fd);
                first.Dispose();
                second.Dispose();
                break;
            case "control":
                ControlProtocol.SendOpenStreamChannel(control, control.Fd);
                break;
            default:
                return 64;
        }

        // The descriptors are in flight until the worker reads its control socket; they reach it even after this exits.
        Console.Out.WriteLine($"worker {worker}");
        Console.Out.Flush();
        Thread.Sleep(500);
        return 0;
    }
}
