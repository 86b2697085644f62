using System.Runtime.InteropServices;
using Ava.Transport;
using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>The worker side of one API, generated from its spec: binds the real library and dispatches records.</summary>
public abstract class ApiBackend(ApiDescriptor descriptor)
{
    /// <summary>The API.</summary>
    public ApiDescriptor Descriptor { get; } = descriptor;

    /// <summary>Path of the real library once bound.</summary>
    public string? LibraryPath { get; private set; }

    /// <summary>
    /// Why no real library could be bound (what was searched), when none was: the worker then answers its guest's
    /// hello so, and the guest returns the API's own no-driver error from every call.
    /// </summary>
    public string? MissingLibrary { get; set; }

    /// <summary>Entry points by function id, filled by <see cref="Bind"/>.</summary>
    protected abstract nint[] RealFunctions { get; }

    /// <summary>Decodes, validates and carries out one call record.</summary>
    public abstract void Dispatch(WorkerCall context, ref RecordReader record);

    /// <summary>Drops one reference to a real object the guest still held when it went away.</summary>
    public abstract void Release(int handleType, nint real);

    /// <summary>
    /// Loads the real library by absolute path and binds every function the spec names; missing ones stay 0 (or the
    /// API's own implementation, when its worker code registered one) and are answered with <see cref="TransportStatus.Unsupported"/>.
    /// </summary>
    public void Bind(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            throw new ArgumentException($"the real {Descriptor.Name} library must be given by absolute path, not '{path}'");
        }

        var handle = NativeLibrary.Load(path);
        var functions = RealFunctions;
        for (var id = 1; id < Descriptor.FunctionNames.Count && id < functions.Length; id++)
        {
            // An entry the API's worker code filled before binding (a wire-only function it implements itself) stays.
            functions[id] = NativeLibrary.TryGetExport(handle, Descriptor.FunctionNames[id], out var address) ? address : functions[id];
        }

        LibraryPath = path;
    }
}
