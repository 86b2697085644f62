using System.Runtime.InteropServices;
using System.Text.Json;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Manager.Tests;

/// <summary>
/// A channel reaches a worker only for its session's own guest: the shared token and a session id (which `ava status`
/// shows to every holder of the token) are not enough; the channel must present the secret only the session's guest
/// was given, and over a Unix socket come from the session owner's uid. Replays the cross-tenant attack: a second
/// client opens a channel into another tenant's worker to read and overwrite its objects.
/// </summary>
public sealed partial class AdmissionTests
{
    private const string Token = "admission-test-token";

    [Fact]
    public void ChannelWithTokenAndSessionIdButNoSecret_IsRefused_AndTheVictimsObjectsAreUntouched()
    {
        using var manager = new ManagerProcess();
        AttackAndCheckVictim(manager, ManagerAddress.Parse(manager.Socket), Repo.GuestEnv(manager.Socket), manager.Token);
    }

    [Fact]
    public void ChannelOverTcp_WithTokenAndSessionIdButNoSecret_IsRefused_AndTheVictimsObjectsAreUntouched()
    {
        var address = $"127.0.0.1:{FreePort()}";
        using var manager = new ManagerProcess(["--listen", address], new Dictionary<string, string> { ["AVA_TOKEN"] = Token });
        var env = Repo.GuestEnv(address, Token);
        AttackAndCheckVictim(manager, ManagerAddress.Parse(address), env, Token, statusToken: Token);
    }

    [Fact]
    public void ChannelFromAnotherUid_EvenWithTheSessionsSecret_IsRefused_AndTheOwnersUidIsAdmitted()
    {
        Assert.True(Environment.IsPrivilegedProcess, "the test takes another uid for one thread, which needs root");
        using var manager = new ManagerProcess();

        // Others may reach the socket (its mode is 0666); the token decides, and then the session's credentials.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.GetDirectoryName(manager.Socket)!, (UnixFileMode)0x1ED);
        }
        var address = ManagerAddress.Parse(manager.Socket);
        using var owner = address.Connect();
        ManagerProtocol.SendAdmit(owner, new AdmissionRequest(AdmissionKind.Guest, Environment.ProcessId, 0, "avatest", manager.Token));
        var admitted = ManagerProtocol.ReadAdmitAck(owner);
        Assert.Null(admitted.Refusal);
        Assert.Matches("^[0-9a-f]{64}$", admitted.Secret);
        Assert.DoesNotContain(admitted.Secret, manager.Status(), StringComparison.Ordinal);

        var channel = new AdmissionRequest(AdmissionKind.Channel, Environment.ProcessId, admitted.Session, "avatest", manager.Token, admitted.Secret);
        var stranger = AsUid(65534, () => Ask(address, channel));
        Assert.Equal("channel refused: the session belongs to another user", stranger.Refusal);

        var own = Ask(address, channel);
        Assert.Null(own.Refusal);
        Assert.Equal(admitted.Session, own.Session);
    }

    private static void AttackAndCheckVictim(ManagerProcess manager, ManagerAddress address, Dictionary<string, string> env, string token, string? statusToken = null)
    {
        using var victim = Repo.Start(NativePrograms.Victim, [], env, input: true);
        Assert.Equal("ready", victim.StandardOutput.ReadLine());

        // What the attacker sees: every session id, never a secret.
        var report = statusToken is null ? manager.Status()
            : Repo.Run(Repo.Ava, ["status", "--json", "--manager", manager.Socket], new Dictionary<string, string> { ["AVA_TOKEN"] = statusToken }).Out;
        using var status = JsonDocument.Parse(report);
        var tenant = Assert.Single(status.RootElement.GetProperty("tenants").EnumerateArray());
        Assert.False(tenant.TryGetProperty("secret", out _));
        var session = tenant.GetProperty("session").GetUInt64();

        foreach (var secret in new[] { "", new string('0', 64), "not hex at all" })
        {
            var reply = Ask(address, new AdmissionRequest(AdmissionKind.Channel, Environment.ProcessId, session, "avatest", token, secret));
            Assert.Equal("channel refused: no such session, or not its secret (a channel needs the secret its session's guest was given)", reply.Refusal);
        }

        // A session id that does not exist gets the very same answer.
        var unknown = Ask(address, new AdmissionRequest(AdmissionKind.Channel, Environment.ProcessId, session ^ 2, "avatest", token));
        Assert.Equal("channel refused: no such session, or not its secret (a channel needs the secret its session's guest was given)", unknown.Refusal);

        victim.StandardInput.WriteLine("go");
        victim.StandardInput.Close();
        Assert.True(victim.WaitForExit(20_000));
        Assert.Equal("rc=0 value=42 kind=7 live=1\n", victim.StandardOutput.ReadToEnd());
        Assert.Equal(0, victim.ExitCode);

        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var worker = ManagerTests.Departed(manager)[0].GetProperty("worker");
        Assert.Equal(1, worker.GetProperty("channels").GetInt32());
        Assert.Equal(0, worker.GetProperty("rejected").GetInt32());
        using var after = ManagerTests.StatusJson(manager);
        Assert.True(after.RootElement.GetProperty("manager").GetProperty("refused").GetInt32() >= 4);
    }

    /// <summary>A TCP port free a moment ago (tests of other checkouts may run on this host at the same time).</summary>
    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>One admission request on a fresh connection, and the manager's answer.</summary>
    private static AdmissionReply Ask(ManagerAddress address, AdmissionRequest request)
    {
        using var socket = address.Connect();
        ManagerProtocol.SendAdmit(socket, request);
        return ManagerProtocol.ReadAdmitAck(socket);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own whose effective uid is <paramref name="uid"/>: the raw
    /// system call changes only the calling thread's credentials (glibc's setresuid would change every thread's), and
    /// a socket connected there carries that uid in SO_PEERCRED, as one from another user's process would.
    /// </summary>
    private static T AsUid<T>(int uid, Func<T> action)
    {
        const long SysSetresuid = 117;
        Assert.Equal(Architecture.X64, RuntimeInformation.ProcessArchitecture);
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Assert.Equal(0, Syscall(SysSetresuid, -1, uid, -1));
                try
                {
                    result = action();
                }
                finally
                {
                    Assert.Equal(0, Syscall(SysSetresuid, -1, 0, -1));
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("the other uid's request failed", failure);
        }

        return result;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, long c);
}
