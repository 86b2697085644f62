using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Ava.Cli.Profile;

namespace Ava.Cli;

/// <summary>
/// <c>ava profile [--json] [--output FILE] [--] CMD ARGS</c>: runs a program as <c>ava run</c> does, with every call's
/// stages stamped (<c>AVA_PROFILE</c>), then merges what its drop-ins and workers recorded into one report.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(AvaHost host)
    {
        var json = new Option<bool>("--json") { Description = "the report as JSON" };
        var output = new Option<string>("--output", "-o") { HelpName = "FILE", Description = "write the report to FILE (default: standard error, after the program's own output)" };
        var keep = new Option<string>("--data") { HelpName = "DIR", Description = "keep the per-process profile files in DIR (default: a temporary folder, removed)" };
        var options = RunCommand.ProgramOptions.Create(host, "profile");
        var (channel, apis, program) = options;
        var command = new Command("profile", "run an unmodified program as ava run does, with each remoted call's stages timed (guest marshal, travel to the worker, unmarshal, the real call, the reply, travel back), and print per function its calls (sync, async, answered in the guest), bytes each way and time in each stage, sorted by what the calls cost the program; then the synchronous round trips per kernel launch and the call sites that made synchronous calls.")
        {
            json,
            output,
            keep,
            channel,
            apis,
            program,
        };
        command.WithEnvironment(("AVA_PROFILE=DIR", "set for the program (each drop-in and worker writes its own file there); workers a manager starts do not see it, so only the guest's stages are measured for them"));
        command.SetAction(result =>
        {
            if (options.Words(result) is not { } words)
            {
                return AvaCommandLine.Fail(result, $"Unrecognized command or argument '{result.GetRequiredValue(program)[0]}'.");
            }

            var kept = result.GetValue(keep);
            var directory = kept ?? Path.Combine(Path.GetTempPath(), $"ava-profile-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                // A kept folder's files of an earlier run would be merged into this one's: ours go (nothing else).
                Directory.CreateDirectory(directory);
                foreach (var stale in Directory.EnumerateFiles(directory, "guest-*.prof").Concat(Directory.EnumerateFiles(directory, "worker-*.prof")))
                {
                    File.Delete(stale);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"ava profile: cannot use {directory}: {e.Message}");
                return 1;
            }

            var settings = options.Settings(result, words) with
            {
                Environment = new Dictionary<string, string> { ["AVA_PROFILE"] = Path.GetFullPath(directory) },
            };
            try
            {
                return ProgramRunner.Run(host, settings, status => Report(directory, words, status, result.GetValue(json), result.GetValue(output)));
            }
            finally
            {
                if (kept is null)
                {
                    try
                    {
                        Directory.Delete(directory, recursive: true);
                    }
                    catch (IOException)
                    {
                        // A temporary folder left behind is harmless.
                    }
                }
            }
        });
        return command;
    }

    private static void Report(string directory, IReadOnlyList<string> command, int status, bool json, string? output)
    {
        ProfileReport report;
        try
        {
            report = ProfileReport.Read(directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ava profile: cannot read the profile: {e.Message}");
            return;
        }

        using var stream = new MemoryStream();
        if (json)
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            report.WriteJson(writer, command, status);
        }
        else
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(report.ToText(command, status)));
        }

        try
        {
            if (output is null)
            {
                using var stderr = Console.OpenStandardError();
                stream.WriteTo(stderr);
                if (json)
                {
                    stderr.WriteByte((byte)'\n');
                }
            }
            else
            {
                File.WriteAllBytes(output, stream.ToArray());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ava profile: cannot write the report: {e.Message}");
        }
    }
}
