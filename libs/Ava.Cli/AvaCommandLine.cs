using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

namespace Ava.Cli;

/// <summary>
/// The <c>ava</c> command line: the commands, help that also names the environment variables each command reads, and
/// parse errors as one line on stderr with exit status 2.
/// </summary>
public static class AvaCommandLine
{
    /// <summary>The exit status of a command line that does not parse (System.CommandLine's own is 1; ours has been 2).</summary>
    public const int UsageError = 2;

    private static readonly ConditionalWeakTable<Command, (string Variable, string Meaning)[]> s_environment = [];

    /// <summary>Parses and runs one command line of the <c>ava</c> that <paramref name="host"/> makes up.</summary>
    public static int Invoke(string[] args, AvaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = Create(host).Parse(args, Parser);
        return result.Action is ParseErrorAction
            ? Fail(result, string.Join(' ', result.Errors.Select(e => e.Message)))
            : result.Invoke();
    }

    /// <summary>Reports a command line that cannot run, in one line that names the command and where its help is.</summary>
    public static int Fail(ParseResult result, string message)
    {
        var path = new Stack<string>();
        for (SymbolResult? r = result.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult command)
            {
                path.Push(command.Command.Name);
            }
        }

        var name = string.Join(' ', path);
        // Some of System.CommandLine's messages list the accepted values on lines of their own.
        var line = string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Console.Error.WriteLine($"{name}: {line} (see '{name} --help')");
        return UsageError;
    }

    /// <summary>Names the environment variables <paramref name="command"/> reads, for its help.</summary>
    public static T WithEnvironment<T>(this T command, params (string Variable, string Meaning)[] variables)
        where T : Command
    {
        s_environment.AddOrUpdate(command, variables);
        return command;
    }

    // Response files (@FILE) are off: `ava run -- prog @data` must hand '@data' to the program untouched.
    private static ParserConfiguration Parser { get; } = new() { ResponseFileTokenReplacer = null };

    private static RootCommand Create(AvaHost host)
    {
        var root = new RootCommand("ava: accelerator virtualization by API remoting")
        {
            RunCommand.Create(host),
            ProfileCommand.Create(host),
            WorkerCommand.Create(host),
            ManagerCommand.Create(host),
            StatusCommand.Create(),
            MigrateCommand.Create(),
        };
        foreach (var command in host.Commands)
        {
            root.Add(command());
        }

        root.Add(DoctorCommand.Create(host));
        root.Add(InstallCommand.Create(host));
        root.Add(InstallCommand.CreateUninstall());
        root.Add(LinkBenchCommand.Create());
        root.Add(HelpCommand(root));
        // `ava` alone runs nothing: it prints the help on stderr and fails, as it always has.
        root.SetAction(_ =>
        {
            root.Parse(["--help"], Parser).Invoke(new InvocationConfiguration { Output = Console.Error });
            return UsageError;
        });
        root.WithEnvironment(
            ("AVA_LOG=1|FILE", "diagnostics from guest libraries and workers (silent otherwise)"),
            ("AVA_WORKER=PATH", "the ava command a guest library starts (default: ../bin/ava beside the library)"),
            ("AVA_REAL_<API>=PATH", "the real library a worker loads (default: found as the dynamic loader finds it; see ava doctor)"),
            ("AVA_MAX_CALL_BYTES", "most bytes one call may make a worker hold (default 8 GiB)"),
            ("AVA_SCRATCH_KEEP_BYTES", "largest scratch block a worker channel keeps between calls (default 64 MiB)"),
            ("AVA_CHANNEL", "LOCAL (default), SHM or UNIX: the channel between a guest and its private worker"),
            ("AVA_MANAGER_ADDR", "guests: ask the manager there for a worker instead of starting one"),
            ("AVA_TOKEN", "the manager's shared token (default: the 0600 file beside its socket, ADDR.token)"),
            ("AVA_WPOOL=TRUE", "manager: keep --pool N pre-started workers per API"),
            ("AVA_LZ4=auto|on|off", "TCP channels: LZ4-compress large frames when it pays (auto)"),
            ("AVA_QUOTA_DEVICE_MEMORY=BYTES", "private workers: the tenant's device memory quota (managed: the policy)"),
            ("AVA_SYNC_CALLS=1", "every call waits for its own status (debugging; async calls are exact anyway)"),
            ("AVA_CROSS_MEMORY=0", "OpenCL: large buffer transfers through the rings, never copied across processes"),
            ("AVA_ICD_PLATFORM_PREFIX=TEXT", "OpenCL ICD: TEXT before our platform's name (default none; the ICD suffix \"AvA\" tells it apart)"));

        // The help option is recursive: this one action answers --help for every command.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithEnvironment((SynchronousCommandLineAction)help.Action!);
        return root;
    }

    /// <summary><c>ava help [COMMAND]</c>: the same as <c>ava [COMMAND] --help</c>; <c>ava help</c> has always answered.</summary>
    private static Command HelpCommand(RootCommand root)
    {
        var names = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore };
        var help = new Command("help", "show the help of ava or of one of its commands") { Hidden = true };
        help.Add(names);
        help.SetAction(result => root.Parse([.. result.GetValue(names) ?? [], "--help"], Parser).Invoke());
        return help;
    }

    /// <summary>System.CommandLine's help, then the environment variables the command reads.</summary>
    private sealed class HelpWithEnvironment(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var status = standard.Invoke(parseResult);
            if (s_environment.TryGetValue(parseResult.CommandResult.Command, out var variables) && variables.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                var width = variables.Max(v => v.Variable.Length) + 2;
                output.WriteLine("Environment:");
                foreach (var (variable, meaning) in variables)
                {
                    output.WriteLine($"  {variable.PadRight(width)}{meaning}");
                }

                output.WriteLine();
            }

            return status;
        }
    }
}
