// The OpenCL connection of the ICD build: what the application holds is an ICD object, not a wire id.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Guest;
using Ava.Transport;
using Ava.Transport.Wire;

namespace Ava.OpenCL;

/// <summary>
/// Maps the worker's handle ids to ICD objects: the ICD loader reads the first word of every platform, device,
/// context, ... as the dispatch table it calls through, so each handle the application sees is a small native
/// block <c>{ dispatch table, wire id }</c>. One id always gives the same block (applications compare handles), and
/// blocks are never freed: an application may still hold a released handle, and the worker never reuses an id
/// (a slot's generation changes), so a block stays valid for the life of the process at 16 bytes an object.
/// </summary>
internal sealed unsafe class IcdConnection : ApiConnection
{
    private readonly ConcurrentDictionary<ulong, nint> _objects = new();
    private readonly ConcurrentDictionary<nint, ulong> _ids = new();
    private readonly object _gate = new();

    /// <summary>Creates the (not yet connected) connection.</summary>
    public IcdConnection(ApiDescriptor descriptor, delegate*<ref RecordReader, nint, nint, void> dispatchCallback)
        : base(descriptor, dispatchCallback)
    {
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A value that is no object of ours goes as it is: the guest's own parts pass on ids they read from untyped
    /// results (an info query's bytes), and the worker checks every id against its table anyway.
    /// </remarks>
    public override ulong HandleToWire(nint handle) => handle == 0 ? 0 : _ids.TryGetValue(handle, out var id) ? id : (ulong)handle;

    /// <inheritdoc/>
    public override nint HandleFromWire(ulong id, int handleType)
    {
        if (id == 0)
        {
            return 0;
        }

        return _objects.TryGetValue(id, out var handle) ? handle : Add(id);
    }

    /// <inheritdoc/>
    public override bool MapsHandles => true;

    /// <inheritdoc/>
    public override bool TryHandleToWire(nint handle, out ulong id) => _ids.TryGetValue(handle, out id);

    private nint Add(ulong id)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var block = (IcdObject*)NativeMemory.Alloc((nuint)sizeof(IcdObject));
            block->Dispatch = IcdDispatch.Table;
            block->Id = id;
            _ids[(nint)block] = id;
            _objects[id] = (nint)block;
            return (nint)block;
        }
    }

    /// <summary>An object as the ICD loader sees it: <c>struct _cl_platform_id { cl_icd_dispatch *dispatch; ... }</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IcdObject
    {
        public nint Dispatch;
        public ulong Id;
    }
}
