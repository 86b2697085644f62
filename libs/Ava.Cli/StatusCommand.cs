using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Cli;

/// <summary><c>ava status [--json] [--manager ADDR]</c>: what the manager is serving, from the manager itself.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print the manager's report as JSON (adds ended sessions and what their workers released)" };
        var manager = new Option<string>("--manager") { HelpName = "ADDR", Description = "the manager's address (default: AVA_MANAGER_ADDR)" };
        var command = new Command("status", "live tenants, their workers, calls, bytes moved, handles and device memory held, from the manager")
        {
            json,
            manager,
        };
        command.WithEnvironment(
            ("AVA_MANAGER_ADDR", "the manager, when --manager is not given"),
            ("AVA_TOKEN", "the manager's token"),
            ("AVA_TOKEN_FILE=FILE", "where to read the token when AVA_TOKEN is unset (default: beside the socket, ADDR.token)"));
        command.SetAction(result => Report(result.GetValue(json), result.GetValue(manager) ?? Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR")));
        return command;
    }

    private static int Report(bool json, string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            Console.Error.WriteLine("ava status: no manager: set AVA_MANAGER_ADDR or pass --manager ADDR");
            return 2;
        }

        var manager = ManagerAddress.Parse(address);
        string report;
        try
        {
            using var socket = manager.Connect();
            ManagerProtocol.SendAdmit(socket, new AdmissionRequest(AdmissionKind.Status, Environment.ProcessId, 0, "", Token(manager)));
            var reply = ManagerProtocol.ReadReport(socket);
            if (reply.Refusal is not null)
            {
                Console.Error.WriteLine($"ava status: the manager refused: {reply.Refusal}");
                return 1;
            }

            report = reply.Message;
        }
        catch (Exception e) when (e is IOException or NativeException)
        {
            Console.Error.WriteLine($"ava status: cannot reach the manager at {manager}: {e.Message}");
            return 1;
        }

        if (json)
        {
            Console.Out.WriteLine(report);
            return 0;
        }

        Print(report, Console.Out);
        return 0;
    }

    internal static string Token(ManagerAddress manager)
    {
        var token = Environment.GetEnvironmentVariable("AVA_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            return token;
        }

        var file = Environment.GetEnvironmentVariable("AVA_TOKEN_FILE") ?? manager.DefaultTokenFile;
        return file is not null && File.Exists(file) ? File.ReadAllText(file).Trim() : "";
    }

    private static void Print(string report, TextWriter w)
    {
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        var m = root.GetProperty("manager");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"manager pid {m.GetProperty("pid")} on {m.GetProperty("listen").GetString()}, up {m.GetProperty("uptime_s")} s, admitted {m.GetProperty("admitted")}, refused {m.GetProperty("refused")}"));
        var pids = m.TryGetProperty("idle_worker_pids", out var known) ? known : default;
        string Pids(string api) => pids.ValueKind == JsonValueKind.Object && pids.TryGetProperty(api, out var list) && list.GetArrayLength() > 0
            ? $" (pids {string.Join(", ", list.EnumerateArray().Select(p => p.ToString()))})" : "";
        var idle = string.Join(", ", m.GetProperty("idle_workers").EnumerateObject().Select(p => $"{p.Name} {p.Value}{Pids(p.Name)}"));
        if (idle.Length > 0)
        {
            w.WriteLine($"idle workers: {idle}");
        }

        w.WriteLine($"{"SESSION",-18} {"PRINCIPAL",-12} {"API",-8} {"GUEST",7} {"WORKER",7} {"CALLS",10} {"BYTES IN",12} {"BYTES OUT",12} {"HANDLES",7} {"RATE/S",8} {"DEVICE MEMORY",23}");
        foreach (var t in root.GetProperty("tenants").EnumerateArray())
        {
            var worker = t.GetProperty("worker");
            string Field(string name) => worker.ValueKind == JsonValueKind.Object && worker.TryGetProperty(name, out var v) ? v.ToString() : "-";
            var principal = t.TryGetProperty("principal", out var p) ? p.GetString() : "-";
            w.WriteLine($"{t.GetProperty("session").GetUInt64():x16}   {principal,-12} {t.GetProperty("api").GetString(),-8} {t.GetProperty("guest_pid"),7} {t.GetProperty("worker_pid"),7} {Field("calls"),10} {Field("bytes_in"),12} {Field("bytes_out"),12} {Field("handles"),7} {Field("command_rate"),8} {DeviceMemory(worker),23}");
        }

        var departed = root.GetProperty("departed").GetArrayLength();
        if (departed > 0)
        {
            w.WriteLine($"{departed} recent sessions ended (ava status --json lists them with the objects their workers released)");
        }
    }

    /// <summary>Bytes of device memory the tenant holds, and of its quota when it has one ("held/limit").</summary>
    private static string DeviceMemory(JsonElement worker)
    {
        if (worker.ValueKind != JsonValueKind.Object || !worker.TryGetProperty("resources", out var resources)
            || !resources.TryGetProperty("device_memory", out var memory))
        {
            return "-";
        }

        var held = memory.GetProperty("held").GetInt64();
        var limit = memory.GetProperty("limit").GetInt64();
        return limit > 0 ? string.Create(CultureInfo.InvariantCulture, $"{held}/{limit}") : held.ToString(CultureInfo.InvariantCulture);
    }
}
