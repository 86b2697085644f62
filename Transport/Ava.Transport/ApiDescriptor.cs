namespace Ava.Transport;

/// <summary>What the generator knows of a function, as flags both sides can read.</summary>
[Flags]
public enum FunctionFlags
{
    /// <summary>A plain synchronous call.</summary>
    None = 0,

    /// <summary>Always async.</summary>
    Async = 1,

    /// <summary>Async when its condition holds.</summary>
    ConditionalAsync = 2,

    /// <summary>Wakes the worker for pending async calls.</summary>
    Flush = 4,

    /// <summary>Timed on the worker.</summary>
    TimeMe = 8,

    /// <summary>Takes a callback.</summary>
    Callback = 16,
}

/// <summary>
/// An API as generated from its spec: identity, function names by id, and the spec hash that guest and worker
/// compare at handshake (different specs must refuse to talk).
/// </summary>
public sealed class ApiDescriptor(
    string name,
    int number,
    string version,
    string soName,
    string specHash,
    string[] functionNames,
    FunctionFlags[] functionFlags,
    string[] handleTypeNames,
    string[] realLibrary)
{
    /// <summary>API name (e.g. "opencl").</summary>
    public string Name { get; } = name;

    /// <summary>API number.</summary>
    public int Number { get; } = number;

    /// <summary>Version of the C API.</summary>
    public string Version { get; } = version;

    /// <summary>SONAME of the drop-in library.</summary>
    public string SoName { get; } = soName;

    /// <summary>Hash of the spec's wire-relevant content.</summary>
    public string SpecHash { get; } = specHash;

    /// <summary>Function names indexed by id (index 0 unused).</summary>
    public IReadOnlyList<string> FunctionNames { get; } = functionNames;

    /// <summary>Function flags indexed by id.</summary>
    public IReadOnlyList<FunctionFlags> FunctionFlags { get; } = functionFlags;

    /// <summary>C names of handle types indexed by type id (index 0 unused).</summary>
    public IReadOnlyList<string> HandleTypeNames { get; } = handleTypeNames;

    /// <summary>
    /// The real library in order of preference: file names the dynamic loader would search for, or paths
    /// (<c>{bin}</c> stands for the folder of the ava executable).
    /// </summary>
    public IReadOnlyList<string> RealLibrary { get; } = realLibrary;

    /// <summary>Name of the folders holding forward-compatibility builds of the real library; empty: none.</summary>
    public string ForwardCompatibilityFolder { get; init; } = "";

    /// <summary>The kernel module the real library must match (its version in <c>/sys/module/NAME/version</c>); empty: none.</summary>
    public string KernelModule { get; init; } = "";

    /// <summary>
    /// The API group the API belongs to ([ApiGroup]): the name of the group's API that owns the guest's connection;
    /// empty: none. APIs of one group are served by one worker with one handle table.
    /// </summary>
    public string Group { get; init; } = "";

    /// <summary>Whether the API owns its group's connection (its name is the group's).</summary>
    public bool OwnsGroup => Group.Length > 0 && Group == Name;

    /// <summary>
    /// Per handle type id, the C name of the group's handle type whose objects it names ([SharedHandle]; empty: its
    /// own). Empty when the API is in no group.
    /// </summary>
    public IReadOnlyList<string> SharedHandles { get; init; } = [];

    /// <summary>
    /// Names of the API's [GuestState]s by slot, which other APIs of its group name when their calls change them in the
    /// library (the runtime's <c>cudaSetDevice</c> changes the driver's current context). Empty when the API is in no
    /// group or declares none.
    /// </summary>
    public IReadOnlyList<string> GuestStates { get; init; } = [];

    /// <summary>Per slot of <see cref="GuestStates"/>, whether each thread has its own value of the state.</summary>
    public IReadOnlyList<bool> GuestStatesPerThread { get; init; } = [];

    /// <summary>Name of function <paramref name="id"/>, or a placeholder for an unknown id.</summary>
    public string FunctionName(int id) => id > 0 && id < FunctionNames.Count ? FunctionNames[id] : $"#{id}";
}
