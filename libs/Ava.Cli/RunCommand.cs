using System.CommandLine;
using System.CommandLine.Parsing;

namespace Ava.Cli;

/// <summary><c>ava run [options] [--] CMD ARGS</c>: the command line; <see cref="ProgramRunner"/> runs the program.</summary>
internal static class RunCommand
{
    /// <summary>The options and program argument every command that runs a program as <c>ava run</c> does takes.</summary>
    internal sealed record ProgramOptions(Option<string> Channel, Option<string[]> Apis, Argument<string[]> Program)
    {
        public static ProgramOptions Create(AvaHost host, string command)
        {
            var channel = new Option<string>("--channel")
            {
                HelpName = "LOCAL|SHM|UNIX",
                Description = "the channel between the program and its workers (sets AVA_CHANNEL for it; default: AVA_CHANNEL, else LOCAL)",
            };
            channel.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>().ToUpperInvariant();
                if (value is not ("LOCAL" or "SHM" or "UNIX"))
                {
                    result.AddError($"channel {value} needs a manager (AVA_MANAGER_ADDR); LOCAL, SHM and UNIX are built in");
                }
            });
            var apis = new Option<string[]>("--api")
            {
                HelpName = "NAME",
                Description = $"preload only the drop-in library of API NAME: {string.Join(", ", host.Names)} (repeatable; default: each of them whose drop-in is built)",
            };
            var program = new Argument<string[]>("CMD ARGS")
            {
                Arity = ArgumentArity.OneOrMore,
                // The program's own arguments are its business, even those that look like ours (`ava run -- ls --help`).
                CaptureRemainingTokens = true,
                Description = $"the program and its arguments, verbatim: everything after --, or from the first argument that is not an option of ava {command} (its options go before the program)",
            };
            return new ProgramOptions(channel, apis, program);
        }

        /// <summary>
        /// The program's words, or null when the first looks like an option but did not follow <c>--</c>: a mistyped
        /// option of ours, not a program (captured words start at the first token the parser did not know).
        /// </summary>
        public string[]? Words(ParseResult result)
        {
            var words = result.GetRequiredValue(Program);
            var first = result.Tokens.Count - words.Length;
            return words[0].StartsWith('-') && (first == 0 || result.Tokens[first - 1].Type != TokenType.DoubleDash) ? null : words;
        }

        /// <summary>What <see cref="ProgramRunner"/> needs from these options.</summary>
        public RunSettings Settings(ParseResult result, string[] words) =>
            new(result.GetValue(Apis) ?? [], result.GetValue(Channel)?.ToUpperInvariant(), words);
    }

    public static Command Create(AvaHost host)
    {
        var options = ProgramOptions.Create(host, "run");
        var (channel, apis, program) = options;
        var command = new Command("run", "run an unmodified program with the real APIs' drop-in libraries preloaded and every dlopen of a vendor library redirected to them (LD_AUDIT): each API it uses gets a private worker process that calls the real library; signals, stops and the exit status (or the signal it died of) pass through as if it ran directly.")
        {
            channel,
            apis,
            program,
        };
        command.WithEnvironment(
            ("AVA_CHANNEL", "LOCAL (default), SHM or UNIX, when --channel is not given"),
            ("LD_PRELOAD", "kept, after our libraries"),
            ("AVA_LOG=1|FILE", "diagnostics from the drop-in libraries and workers"),
            ("AVA_REAL_<API>=PATH", "the real library the workers load (default: found as the dynamic loader would find it)"),
            ("AVA_QUOTA_DEVICE_MEMORY=BYTES", "the program's device memory quota"),
            ("AVA_SYNC_CALLS=1", "every call waits for its own status (debugging)"),
            ("AVA_CROSS_MEMORY=0", "OpenCL: large buffer transfers through the rings, never copied across processes"));
        command.SetAction(result =>
        {
            return options.Words(result) is { } words
                ? ProgramRunner.Run(host, options.Settings(result, words))
                : AvaCommandLine.Fail(result, $"Unrecognized command or argument '{result.GetRequiredValue(program)[0]}'.");
        });
        return command;
    }
}
