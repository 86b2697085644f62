namespace Ava.Fuzz.Targets;

/// <summary>
/// <c>Ava.Fuzz.Targets TARGET</c> under the libFuzzer driver (tests/Fuzz/run.sh starts it so): runs TARGET on every
/// input libFuzzer makes; a fault (<see cref="FuzzFaultException"/>) or any exception that escapes is reported to libFuzzer as a
/// crash, with the input saved. <c>Ava.Fuzz.Targets TARGET FILE...</c> replays files (a crash, a corpus) once each and
/// exits 1 on the first fault. <c>Ava.Fuzz.Targets --list</c> prints the targets.
/// </summary>
internal static class Program
{
    public static unsafe int Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is null)
        {
            // The instrumented assemblies count branches into this map; outside libFuzzer nobody reads it, but it must be
            // there. Set by name: an assembly that references SharpFuzz.Common counts as instrumented already, and this
            // harness must stay uninstrumented (its branches are not the worker's).
            var map = System.Reflection.Pointer.Box(System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16), typeof(byte*));
            Type.GetType("SharpFuzz.Common.Trace, SharpFuzz.Common", throwOnError: true)!.GetField("SharedMem")!.SetValue(null, map);
        }

        if (args.Length == 1 && args[0] == "--list")
        {
            foreach (var target in FuzzTargets.All)
            {
                Console.WriteLine($"{target.Name,-10} {target.Covers}");
            }

            return 0;
        }

        if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is not null && args.Length == 1)
        {
            // Nothing instrumented may run before the driver's map is attached (inside Run): the target is looked up
            // on the first input, and a name that is none is that input's fault.
            FuzzTarget? target = null;
            SharpFuzz.Fuzzer.LibFuzzer.Run(input => (target ??= FuzzTargets.Find(args[0]) ?? throw new ArgumentException($"no fuzz target {args[0]}")).Run(input));
            return 0;
        }

        var chosen = args.Length > 0 ? FuzzTargets.Find(args[0]) : null;
        if (chosen is null)
        {
            Console.Error.WriteLine($"usage: Ava.Fuzz.Targets ({string.Join(" | ", FuzzTargets.All.Select(t => t.Name))}) [FILE...] | --list");
            return 64;
        }

        foreach (var file in args.Skip(1).SelectMany(Files))
        {
            try
            {
                chosen.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"{file}: {e}");
                return 1;
            }
        }

        Console.WriteLine($"{chosen.Name}: replayed {args.Skip(1).SelectMany(Files).Count()} inputs, no fault");
        return 0;
    }

    private static IEnumerable<string> Files(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [path];
}
