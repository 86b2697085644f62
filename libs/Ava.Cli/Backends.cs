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
    ];

    public static ApiBackend? Find(string name) => All.FirstOrDefault(b => string.Equals(b.Descriptor.Name, name, StringComparison.OrdinalIgnoreCase));
}
