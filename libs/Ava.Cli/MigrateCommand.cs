using System.CommandLine;
using System.Globalization;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Cli;

/// <summary>
/// <c>ava migrate SESSION --to WORKER|new [--manager ADDR]</c>: moves a live tenant of the manager to another worker
/// (an idle pooled one, or a new one) at its next call, keeping every handle its application holds.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("SESSION") { Description = "the tenant's session id, as ava status prints it (hex)" };

        // A session id is hex: a word that starts with '-' is an option this command does not have, and saying so
        // beats the parser's "--to is required" when the user mistyped an option.
        tenant.Validators.Add(result =>
        {
            var word = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (word.StartsWith('-'))
            {
                result.AddError($"Unrecognized option '{word}'.");
            }
        });
        var to = new Option<string>("--to") { HelpName = "WORKER|new", Required = true, Description = "new: a worker started for the move; or the pid of an idle pooled worker of the tenant's API" };
        var manager = new Option<string>("--manager") { HelpName = "ADDR", Description = "the manager's address (default: AVA_MANAGER_ADDR)" };
        var command = new Command("migrate", "move a live tenant to another worker: at its next call the guest drains its queues, the new worker replays its log (every handle keeps its id) and gets its buffers' contents, and the old worker goes; the tenant must record its log (AVA_RECORD_REPLAY=1, or AVA_RECOVER=1)")
        {
            tenant,
            to,
            manager,
        };
        command.WithEnvironment(
            ("AVA_MANAGER_ADDR", "the manager, when --manager is not given"),
            ("AVA_TOKEN", "the manager's token"),
            ("AVA_TOKEN_FILE=FILE", "where to read the token when AVA_TOKEN is unset (default: beside the socket, ADDR.token)"));
        command.SetAction(result => Move(result.GetValue(tenant)!, result.GetValue(to)!, result.GetValue(manager) ?? Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR")));
        return command;
    }

    private static int Move(string tenant, string to, string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            Console.Error.WriteLine("ava migrate: no manager: set AVA_MANAGER_ADDR or pass --manager ADDR");
            return 2;
        }

        var text = tenant.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? tenant[2..] : tenant;
        if (!ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var session) || session == 0)
        {
            Console.Error.WriteLine($"ava migrate: {tenant} is not a session id (ava status lists them, in hex)");
            return 2;
        }

        if (to != "new" && !int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Console.Error.WriteLine($"ava migrate: --to {to}: give new or a worker's pid");
            return 2;
        }

        var manager = ManagerAddress.Parse(address);
        try
        {
            using var socket = manager.Connect();
            ManagerProtocol.SendAdmit(socket, new AdmissionRequest(AdmissionKind.Migrate, Environment.ProcessId, session, to, StatusCommand.Token(manager)));
            var reply = ManagerProtocol.ReadAdmitAck(socket);
            if (reply.Refusal is not null)
            {
                Console.Error.WriteLine($"ava migrate: {reply.Refusal}");
                return 1;
            }

            Console.Out.WriteLine(reply.Message);
            return 0;
        }
        catch (Exception e) when (e is IOException or NativeException)
        {
            Console.Error.WriteLine($"ava migrate: cannot reach the manager at {manager}: {e.Message}");
            return 1;
        }
    }
}
