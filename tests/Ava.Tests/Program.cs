namespace Ava.Tests;

/// <summary>
/// Entry point of the test assembly (replacing the test SDK's empty one), so that a test can run a hostile guest of its
/// own as a separate process, one that can die while its worker still holds what it passed it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == HostileGuest.Verb)
        {
            return HostileGuest.Run(args[1]);
        }

        Console.Error.WriteLine($"usage: Ava.Tests {HostileGuest.Verb} {string.Join('|', HostileGuest.Modes)}");
        return 64;
    }
}
