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
        Ava.CudaRt.CudaRt.Backend,
    ];

    /// <summary>
    /// The self-test API (tests/AvaTest): its drop-in exists only to prove the remoting core, so <c>ava run</c>
    /// preloads it only when asked for by name.
    /// </summary>
    public static ApiBackend SelfTest { get; } = Ava.AvaTest.AvaTestApi.Backend;

    /// <summary>
    /// APIs <c>ava run</c> preloads only when asked for by name: the self-test API, and the CUDA runtime, whose drop-in
    /// has its own worker until the runtime and the driver share one (CudaRt/README.md), so a program that mixes both
    /// (PyTorch, cuBLAS) keeps the real runtime over the driver drop-in unless it asks.
    /// </summary>
    public static IReadOnlyList<ApiBackend> OnRequest { get; } = [SelfTest, Ava.CudaRt.CudaRt.Backend];

    public static ApiBackend? Find(string name) => All.FirstOrDefault(b => string.Equals(b.Descriptor.Name, name, StringComparison.OrdinalIgnoreCase));
}
