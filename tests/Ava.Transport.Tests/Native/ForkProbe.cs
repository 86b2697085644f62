using System.Collections;
using System.Runtime.InteropServices;
using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

/// <summary>
/// Checks MADV_WIPEONFORK from inside a real fork().
/// </summary>
/// <remarks>
/// <para>The test host cannot fork itself usefully: with the runtime's default W^X scheme the
/// JIT's code heap is not inherited by a forked child, so the child faults as soon as it returns
/// into managed code. The probe therefore runs as this test assembly's entry point in a fresh
/// <c>dotnet</c> process started with DOTNET_EnableWriteXorExecute=0 (spawned, not forked).</para>
/// <para>Inside the probe, the child of fork() may only run code that needs nothing from the
/// threads that did not survive the fork, so both native calls go through function pointers
/// resolved beforehand, with SuppressGCTransition: the child never enters the JIT, the GC or a
/// P/Invoke stub; it reads two bytes and calls _exit.</para>
/// </remarks>
internal static unsafe class ForkProbe
{
    public const string Verb = "fork-probe";

    /// <summary>Exit codes of the probe process.</summary>
    public const int Passed = 0;
    public const int WipedPageKeptItsValue = 1;
    public const int OrdinaryMemoryWasLost = 2;
    public const int ForkFailed = 100;

    /// <summary>Runs the probe in a new process and returns its exit code.</summary>
    public static int RunInFreshProcess(TimeSpan timeout)
    {
        string dotnet = FindDotnetHost();
        string assembly = typeof(ForkProbe).Assembly.Location;

        var environment = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{variable.Key}={variable.Value}");
        }

        environment.Add("DOTNET_EnableWriteXorExecute=0");
        int pid = ProcessSpawner.Spawn(dotnet, ["dotnet", "exec", assembly, Verb], environment.ToArray(), []);
        return Reap(pid, timeout);
    }

    /// <summary>The probe itself: fork, inspect memory in the child, report through the exit code.</summary>
    public static int Probe()
    {
        nint libc = NativeLibrary.Load("libc.so.6");
        var fork = (delegate* unmanaged[Cdecl, SuppressGCTransition]<int>)NativeLibrary.GetExport(libc, "fork");
        var exit = (delegate* unmanaged[Cdecl, SuppressGCTransition]<int, void>)NativeLibrary.GetExport(libc, "_exit");

        byte* wiped = SharedSegment.AllocateWipeOnForkPage();
        wiped[0] = 0x5A;
        byte* ordinary = (byte*)NativeMemory.Alloc(16);
        ordinary[0] = 0x5A;

        int pid = fork();
        if (pid == 0)
        {
            exit((wiped[0] == 0 ? Passed : WipedPageKeptItsValue) | (ordinary[0] == 0x5A ? Passed : OrdinaryMemoryWasLost));
        }

        if (pid < 0)
        {
            return ForkFailed;
        }

        int status = ProcessSpawner.WaitExit(pid);
        // The parent's own copy is untouched by the child's view.
        return wiped[0] == 0x5A ? status : ForkFailed + 1;
    }

    private static int Reap(int pid, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (ProcessSpawner.TryReap(pid, out int status))
            {
                return status;
            }

            Thread.Sleep(10);
        }

        LibC.Kill(pid, Signals.SIGKILL);
        ProcessSpawner.WaitExit(pid);
        throw new TimeoutException($"probe process {pid} did not exit");
    }

    private static string FindDotnetHost()
    {
        // The dotnet CLI exports its own path to the processes it starts (dotnet test included).
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileName(current) == "dotnet")
        {
            return current;
        }

        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return root is not null ? Path.Combine(root, "dotnet") : "/usr/bin/dotnet";
    }
}
