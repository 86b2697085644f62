namespace Ava.Cli;

/// <summary><c>ava run [options] -- CMD ARGS</c>: the command line; <see cref="ProgramRunner"/> runs the program.</summary>
internal static class RunCommand
{
    public static int Run(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var options = separator < 0 ? [] : args[..separator];
        var command = separator < 0 ? args : args[(separator + 1)..];
        var apis = new List<string>();
        string? channel = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--channel" when i + 1 < options.Length:
                    channel = options[++i].ToUpperInvariant();
                    if (channel is not ("LOCAL" or "SHM" or "UNIX"))
                    {
                        Console.Error.WriteLine($"ava run: channel {channel} needs a manager (AVA_MANAGER_ADDR); LOCAL, SHM and UNIX are built in");
                        return 2;
                    }

                    break;
                case "--api" when i + 1 < options.Length:
                    apis.Add(options[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"ava run: unknown option '{options[i]}'");
                    return 2;
            }
        }

        if (command.Length == 0)
        {
            Console.Error.WriteLine("ava run: nothing to run; usage: ava run [options] -- CMD ARGS");
            return 2;
        }

        return ProgramRunner.Run(new RunSettings(apis, channel, command));
    }
}
