using Ava.Worker;

namespace Ava.Cli;

/// <summary>Every API this worker can serve, by name.</summary>
internal static class Backends
{
    public static IReadOnlyList<ApiBackend> All { get; } =
    [
        Ava.AvaTest.AvaTestApi.Backend,
        Ava.OpenCL.OpenCl.Backend,
        Ava.Cuda.Cuda.Backend,
        Ava.Mvnc.Mvnc.Backend,
        Ava.Qat.Qat.Backend,
    ];

    /// <summary>
    /// APIs whose drop-in <c>ava run</c> does not preload: each would put one more runtime into every program, and
    /// few programs use them, so the audit module hands the drop-in only to a program that loads the vendor library
    /// (as a needed library or by dlopen).
    /// </summary>
    public static IReadOnlyList<ApiBackend> LoadedOnDemand { get; } =
    [
        Ava.Mvnc.Mvnc.Backend,
        Ava.Qat.Qat.Backend,
    ];

    /// <summary>
    /// The self-test API (tests/AvaTest): its drop-in exists only to prove the remoting core, so <c>ava run</c>
    /// preloads it only when asked for by name.
    /// </summary>
    public static ApiBackend SelfTest { get; } = Ava.AvaTest.AvaTestApi.Backend;

    public static ApiBackend? Find(string name) => All.FirstOrDefault(b => string.Equals(b.Descriptor.Name, name, StringComparison.OrdinalIgnoreCase));
}
