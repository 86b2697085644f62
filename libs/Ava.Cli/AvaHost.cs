using System.CommandLine;
using Ava.Worker;

namespace Ava.Cli;

/// <summary>
/// What one <c>ava</c> executable is made of: the API backends its workers serve and the commands it adds to the
/// built-in ones. This library knows no API: its composition root (libs/Ava for the shipped command, tests/AvaTest/Host
/// for the tests' worker host) assembles the backends, so the layers stay one-way.
/// </summary>
public sealed class AvaHost
{
    /// <summary>Every API this executable can serve, by name; <c>ava run</c> preloads the drop-in of each one it finds (but <see cref="LoadedOnDemand"/>).</summary>
    public required IReadOnlyList<ApiBackend> Backends { get; init; }

    /// <summary>
    /// Backends whose drop-in <c>ava run</c> does not preload: each would put one more runtime into every program, and
    /// few programs use them, so the audit module hands the drop-in only to a program that loads the vendor library
    /// (as a needed library or by dlopen); the manager keeps no pool of pre-started workers for them.
    /// </summary>
    public IReadOnlyList<ApiBackend> LoadedOnDemand { get; init; } = [];

    /// <summary>
    /// Backends whose drop-ins <c>ava run</c> preloads only when asked for by name (<c>--api</c>): the CUDA runtime, whose
    /// drop-in has its own worker until the runtime and the driver share one (CudaRt/README.md), so that a program that
    /// mixes both (PyTorch, cuBLAS) keeps the real runtime over the driver drop-in unless it asks.
    /// </summary>
    public IReadOnlyList<ApiBackend> OnRequest { get; init; } = [];

    /// <summary>Commands beyond run, worker, manager, status and doctor (listed before doctor).</summary>
    public IReadOnlyList<Func<Command>> Commands { get; init; } = [];

    /// <summary>The names of <see cref="Backends"/>, for help and errors.</summary>
    public IEnumerable<string> Names => Backends.Select(b => b.Descriptor.Name);

    /// <summary>The backend of API <paramref name="name"/> (case-insensitive), or null.</summary>
    public ApiBackend? Find(string name) => Backends.FirstOrDefault(b => string.Equals(b.Descriptor.Name, name, StringComparison.OrdinalIgnoreCase));
}
