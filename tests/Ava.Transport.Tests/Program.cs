using Ava.Transport.Tests.Native;

namespace Ava.Transport.Tests;

/// <summary>
/// Entry point of the test assembly (replacing the test SDK's empty one) so that tests can run
/// parts of themselves in a separate process.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == ForkProbe.Verb)
        {
            return ForkProbe.Probe();
        }

        Console.Error.WriteLine($"usage: Ava.Transport.Tests {ForkProbe.Verb}");
        return 64;
    }
}
