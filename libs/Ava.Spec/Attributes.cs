// The spec vocabulary (Lapis, in C#). An API spec is a static partial class of C declarations written as
// partial methods; these attributes say what C types cannot. The generator reads them by name, so each
// attribute here is the single definition of one annotation kind. Defaults follow Lapis: scalars are opaque
// values, parameters typed with a [HandleType] struct are handles, everything is synchronous.
namespace Ava.Spec;

/// <summary>Marks a static partial class as an API specification.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ApiAttribute(string name, int number) : Attribute
{
    /// <summary>API name used in logs, metadata and `ava worker --api`.</summary>
    public string Name { get; } = name;

    /// <summary>Small number unique across APIs; part of every function id on the wire.</summary>
    public int Number { get; } = number;

    /// <summary>Version of the C API the spec follows.</summary>
    public string Version { get; set; } = "";

    /// <summary>SONAME of the drop-in library.</summary>
    public string SoName { get; set; } = "";

    /// <summary>Header(s) and version the declarations were taken from.</summary>
    public string Header { get; set; } = "";

    /// <summary>
    /// The real library, in order of preference: a file name (<c>libcuda.so.1</c>) is found as the dynamic loader would
    /// find it for the application (LD_LIBRARY_PATH, ld.so.cache, the default folders), skipping our own drop-ins; a
    /// path (<c>{bin}</c> = the folder of the ava executable) is taken as it is.
    /// </summary>
    public string[] RealLibrary { get; set; } = [];

    /// <summary>
    /// Name of the folders that hold forward-compatibility builds of the real library (CUDA: <c>compat</c>). Such a
    /// build is chosen only when it is newer than the kernel module's (<see cref="KernelModule"/>), or when nothing
    /// else is found: beside an older kernel driver it is what the application needs, beside a newer one it fails.
    /// </summary>
    public string ForwardCompatibilityFolder { get; set; } = "";

    /// <summary>The kernel module whose version (<c>/sys/module/NAME/version</c>) the user-mode library must match (CUDA: <c>nvidia</c>).</summary>
    public string KernelModule { get; set; } = "";
}

/// <summary>
/// The API belongs to a group of APIs that share objects in the real stack (the CUDA runtime and driver: a
/// <c>cudaStream_t</c> is a <c>CUstream</c>, device pointers are the same). One worker process serves all the group's
/// APIs of one guest process, with one handle table, and a guest thread's calls of every API of the group run on one
/// worker thread. The API whose name is the group's name owns the guest's connection; the others hand their records
/// to it (libs/Ava.Guest/README.md, "API groups").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ApiGroupAttribute(string name) : Attribute
{
    /// <summary>The group's name: the name of the API that owns the connection.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// On a [HandleType] of an API in a group: its objects are those of the group's handle type with C name
/// <see cref="CName"/> (<c>[SharedHandle("CUstream")]</c> on <c>cudaStream_t</c>), so an id one API hands out is
/// accepted by the other's functions taking that type.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class SharedHandleAttribute(string cName) : Attribute
{
    /// <summary>C name of the group's handle type whose objects these are.</summary>
    public string CName { get; } = cName;
}

/// <summary>A struct that stands for an opaque C handle type (a pointer to an incomplete type).</summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class HandleTypeAttribute : Attribute
{
    /// <summary>The C type name, kept for logs and diagnostics.</summary>
    public string CName { get; set; } = "";

    /// <summary>When true, values pass through untranslated (e.g. CUdeviceptr, on which applications do arithmetic).</summary>
    public bool PassThrough { get; set; }

    /// <summary>Special values the C API defines for this type (e.g. CU_STREAM_LEGACY = 1) that pass untranslated.</summary>
    public long[] Untranslated { get; set; } = [];

    /// <summary>
    /// Other handle types the C API lets stand in for this one (cuda.h: a CUkernel cast to CUfunction is accepted by
    /// every call that takes a CUfunction). An argument of this type may then name a live object of either type;
    /// the real library gets that object as it is.
    /// </summary>
    public Type[] Accepts { get; set; } = [];

    /// <summary>
    /// The guest keeps what the calls tell it about each live object of this type: its type, its owner (the object it
    /// was created in, an OpenCL context), the references the application holds, whether its deletion calls the
    /// application back. The functions that create ([Allocates] with Owner or OwnsItself), retain ([Retains]),
    /// release ([Deallocates]) and watch ([NotifiesOnRelease]) objects keep that knowledge current, and an async call
    /// is proven valid from it ([ProvenByKnownObjects], and the release of a known object): no hand-written hook.
    /// </summary>
    public bool Tracked { get; set; }

    /// <summary>
    /// The library follows every argument of this type without a NULL check (TensorFlow's <c>TF_Status *</c>): the
    /// worker refuses a NULL one before the library sees it, where natively the program would crash. A [Deallocates]
    /// argument still passes NULL, which releases take as C's <c>free</c> does.
    /// </summary>
    public bool NeverNull { get; set; }
}

/// <summary>Pointer argument that is a buffer whose size in elements is a C expression over other arguments.</summary>
/// <remarks>Examples: <c>[Buffer("size")]</c>, <c>[Buffer("count * 4")]</c>. The expression is C that is also C#: argument
/// names, literals, + - * / and parentheses; <c>*p</c> reads the value an [In] pointer argument points at and <c>p[i]</c>
/// element i of an earlier [In] array argument.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Field)]
public sealed class BufferAttribute(string elements) : Attribute
{
    /// <summary>The element count expression.</summary>
    public string Elements { get; } = elements;

    /// <summary>Size of one element in bytes when the pointer type does not say it (void*).</summary>
    public int ElementSize { get; set; }

    /// <summary>Outputs only: element count the callee actually wrote (e.g. <c>"*num_devices"</c>), evaluated after the
    /// call and clamped to the capacity; elements past it are left untouched in the caller's memory, as natively.</summary>
    public string Returned { get; set; } = "";

    /// <summary>
    /// [In] arrays counted by another argument: the status the function answers when the pointer is NULL and the count
    /// is not 0 (an OpenCL event wait list's CL_INVALID_EVENT_WAIT_LIST, cudaSetValidDevices' cudaErrorInvalidValue).
    /// The guest answers it without a call, and the worker refuses such a call whatever the guest. 0: for an array of
    /// objects the guest leaves it to the worker, which refuses the call all the same; an array of plain elements then
    /// reaches the library as NULL with its count, as some APIs allow.
    /// </summary>
    public long NullWithCount { get; set; }
}

/// <summary>An input array whose length is found by scanning for a zero element, as C property lists are terminated.</summary>
/// <remarks><see cref="Stride"/> 2 scans only even positions, for (key, value) pairs ended by a zero key. The element
/// size is the pointer's element type (4 or 8 bytes). The terminator travels with the array.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ZeroTerminatedAttribute : Attribute
{
    /// <summary>Distance in elements between the positions that may hold the terminator.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>
    /// Zero elements the worker adds after the terminator: for lists whose first zero may end a sublist rather than the
    /// list (OpenCL's CL_DEVICE_PARTITION_BY_COUNTS counts end with LIST_END, 0, then the list's own 0), so the guest
    /// sends up to the first zero and the library still finds the end it reads up to.
    /// </summary>
    public int Padding { get; set; }
}

/// <summary>
/// On a <c>[ZeroTerminated(Stride = 2)]</c> property list: the value after the key <see cref="Key"/> is a handle of
/// <see cref="Handle"/> (OpenCL's CL_CONTEXT_PLATFORM), which the worker translates from the guest's id to the real
/// object before the call. One attribute per key.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = true)]
public sealed class PropertyHandleAttribute(long key, Type handle) : Attribute
{
    /// <summary>The property's key.</summary>
    public long Key { get; } = key;

    /// <summary>The [HandleType] of the property's value.</summary>
    public Type Handle { get; } = handle;
}

/// <summary>
/// On an [In] pointer to one struct: its field <see cref="Member"/> (a pointer-sized integer) holds a handle of
/// <see cref="Handle"/> or 0 (OpenCL's <c>cl_image_desc.buffer</c>). It travels as the handle's wire id (the guest
/// sends a copy with it where the application holds objects of the connection, ApiConnection.MapsHandles), and the
/// library gets a copy of the call's own with the real object. One attribute per field.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = true)]
public sealed class MemberHandleAttribute(string member, Type handle) : Attribute
{
    /// <summary>The struct's field.</summary>
    public string Member { get; } = member;

    /// <summary>The [HandleType] of the field's value.</summary>
    public Type Handle { get; } = handle;
}

/// <summary>
/// On an [In] buffer whose type the spec cannot tell (a kernel argument's value): a pointer-sized value that names
/// one of the application's handles travels as that handle's wire id where the application holds objects of the
/// connection (ApiConnection.MapsHandles, the OpenCL ICD); the worker decides what the value is.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class MayHoldHandleAttribute : Attribute;

/// <summary>
/// On an [In] buffer: the library always gets NULL here, whatever the guest sent, since the guest's hand-written side
/// carries these bytes another way (an OpenCL image's initial contents, written after it is made). A pointer to
/// bytes that did not travel never reaches the library.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class AlwaysNullAttribute : Attribute;

/// <summary>
/// The protocol of the API's info queries (OpenCL's <c>clGet*Info</c>, CUDA's <c>cuPointerGetAttribute</c>), declared
/// once on the spec class: a query's <see cref="Selector"/> argument names the value, written into its
/// <see cref="Value"/> buffer. A query lists what it knows of its values with <see cref="InfoValueAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InfoQueriesAttribute : Attribute
{
    /// <summary>The argument that names the value (e.g. <c>param_name</c>).</summary>
    public string Selector { get; set; } = "param_name";

    /// <summary>The [Out] buffer the value is written to (e.g. <c>param_value</c>).</summary>
    public string Value { get; set; } = "param_value";
}

/// <summary>
/// What an info query (see <see cref="InfoQueriesAttribute"/>) knows of the values of some selectors: that they are
/// handles (or arrays of handles) of <see cref="Handle"/>, which the worker gives back as the guest's ids, and their
/// size in <see cref="Bytes"/>. A query whose value buffer has no [Buffer] size is sized by this table: the entry
/// without selectors is the size of every other value.
/// </summary>
/// <remarks>The size rule is then data, not an expression: <c>[InfoValue(5, Bytes = 16)]</c>,
/// <c>[InfoValue(2, 6, Bytes = 4)]</c>, <c>[InfoValue(1, Handle = typeof(CUcontext))]</c>, <c>[InfoValue(Bytes = 8)]</c>.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class InfoValueAttribute(params long[] selectors) : Attribute
{
    /// <summary>The selector values the entry is about (e.g. CL_QUEUE_CONTEXT, 0x1090); none: every other value.</summary>
    public long[] Selectors { get; } = selectors;

    /// <summary>The [HandleType] of the value's elements, when they are handles.</summary>
    public Type? Handle { get; set; }

    /// <summary>
    /// Bits the worker clears in the 8-byte value the library gave: features remoting cannot offer (OpenCL's native
    /// kernels and shared virtual memory need the application's address space), so the application sees the device
    /// as one without them. -1 clears the whole value.
    /// </summary>
    public long Clears { get; set; }

    /// <summary>The value's size in bytes (0: given by the value buffer's [Buffer]; a handle's is 8).</summary>
    public int Bytes { get; set; }

    /// <summary>
    /// With <see cref="Handle"/>: the value is a (key, value) property list ended by a zero key, and only the value after
    /// this key is a handle (OpenCL's CL_CONTEXT_PROPERTIES, whose CL_CONTEXT_PLATFORM names a platform).
    /// </summary>
    public long PropertyKey { get; set; }
}

/// <summary>
/// A query whose answer cannot change for the same arguments (device and platform info, device attributes, a loaded
/// function's attributes): after the first successful answer the guest answers the same query itself, with the same
/// bytes and status, and nothing travels. The key is every scalar and handle argument and which outputs the caller
/// passed; only successes (status 0) are kept, so an error always comes from the real library; outputs must come back
/// inline (a few KiB at most), and a release of an object of a key's handle type forgets every answer kept.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CachedInGuestAttribute : Attribute
{
    /// <summary>The argument naming the value asked for; empty: the [InfoQueries] selector of an info query.</summary>
    public string Selector { get; set; } = "";

    /// <summary>Selector values whose answer can change (a reference count, a settable attribute): always asked.</summary>
    public long[] Except { get; set; } = [];

    /// <summary>
    /// A [GuestState] of the API the answer depends on (empty: none): the answer is kept per value of that state, so
    /// that a call declared to change it ([ChangesGuestState]) makes the next query ask the worker again (the current
    /// context for <c>cuCtxGetCurrent</c>, or for <c>cuKernelGetFunction</c>, whose function is the current context's).
    /// </summary>
    public string State { get; set; } = "";
}

/// <summary>
/// Library state that answers kept in the guest ([CachedInGuest(State = ...)]) may depend on, and that only the calls
/// declared with [ChangesGuestState] change: the guest needs no copy of the state itself, only to know when it may
/// have changed. <see cref="PerThread"/>: the state is the calling thread's (CUDA's current context), and a change by
/// one thread leaves the others' answers standing unless the change is declared for all threads.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GuestStateAttribute(string name) : Attribute
{
    /// <summary>The state's name, as [CachedInGuest(State)] and [ChangesGuestState] give it.</summary>
    public string Name { get; } = name;

    /// <summary>Whether each thread has its own value of the state.</summary>
    public bool PerThread { get; set; }

    /// <summary>
    /// The API of this API's group ([ApiGroup]) whose state this is, declared there under the same name and
    /// <see cref="PerThread"/> (empty: this API's own). This API's calls change it in the worker (the CUDA runtime's
    /// <c>cudaSetDevice</c> makes a context current, which the driver's kept <c>cuCtxGetCurrent</c> depends on), so
    /// its [ChangesGuestState] and [LazyGuestState] name it; the other API's kept answers are asked again after them.
    /// Its own kept answers cannot depend on it ([CachedInGuest(State)] names only the API's own states).
    /// </summary>
    public string Api { get; set; } = "";
}

/// <summary>
/// A per-thread [GuestState] of another API of the group that the library takes into use by itself, at the first call
/// on a thread that needs it (the CUDA runtime makes its device's primary context current at a thread's first runtime
/// call that needs a context, unless one is current already). So every call of this API that reaches the worker may
/// change it on the calling thread, and the states of <see cref="Also"/> with it (the primary context is retained),
/// unless the state is known to be in use there: a call declared [UsesGuestState] has returned success on the thread,
/// synchronously, and nothing has changed the state since.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LazyGuestStateAttribute(string name) : Attribute
{
    /// <summary>The per-thread state taken into use.</summary>
    public string Name { get; } = name;

    /// <summary>Other states the library changes when it takes <see cref="Name"/> into use.</summary>
    public string[] Also { get; set; } = [];
}

/// <summary>
/// A call that needs the [LazyGuestState] in use (a CUDA runtime call that needs a context: an allocation, a stream, a
/// synchronization): when it has returned success synchronously, the state is in use on the calling thread, and calls
/// after it take nothing into use until the state changes. A call that returned at once (async) proves nothing: its
/// status is not known yet.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UsesGuestStateAttribute(string name) : Attribute
{
    /// <summary>The [LazyGuestState] the call needs.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// A call that may change a [GuestState] (whether it succeeds or not, as far as the guest knows): after it, answers
/// that depend on the state are asked again. For a per-thread state, <see cref="AllThreads"/> says the call may change
/// other threads' values too (destroying a context that is current elsewhere); without it only the caller's.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ChangesGuestStateAttribute(string name) : Attribute
{
    /// <summary>The state that may change.</summary>
    public string Name { get; } = name;

    /// <summary>For a per-thread state: every thread's value may change, not only the caller's.</summary>
    public bool AllThreads { get; set; }
}

/// <summary>
/// Another entry point of the C API with this declaration's signature and annotations (CUDA's <c>_ptds</c> and
/// <c>_ptsz</c> per-thread default stream forms, <c>_v2</c> revisions): a function of its own, with its own id and
/// real symbol, declared once against its base. Hand-written hooks are the base's unless the variant names its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class VariantAttribute(string name) : Attribute
{
    /// <summary>The variant's C name.</summary>
    public string Name { get; } = name;

    /// <summary>The variant's own [WorkerHook(Chunked)] method or call (empty: the base's), for a hook that calls the real function by name.</summary>
    public string Chunked { get; set; } = "";
}

/// <summary>Data flows from the application to the device (the default for buffers).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class InAttribute : Attribute;

/// <summary>Data flows back to the application: the worker's value is written into the caller's memory.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OutAttribute : Attribute;

/// <summary>Data flows both ways.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class InOutAttribute : Attribute;

/// <summary>A NUL-terminated C string (const char*).</summary>
/// <remarks>
/// On the return value (<c>[return: String]</c>), a string the library returns and keeps (TF_Version, TF_Message,
/// GtiGetSDKVersion): its bytes come back with the reply and the guest hands the caller a copy of its own, kept per
/// function and per object the call is about (the first handle argument; none: one per function). The copy stays valid
/// until the same function, for the same object, answers a different string, or until a call that destroys that object
/// ([Deallocates]) completes, as the library's own string lives as long as its object.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue)]
public sealed class StringAttribute : Attribute
{
    /// <summary>
    /// On a string argument the library reads without a NULL check (TensorFlow's <c>TF_SetStatus</c> message): the
    /// worker refuses a NULL one before the library sees it, where natively the program would crash.
    /// </summary>
    public bool NeverNull { get; set; }
}

/// <summary>An array of C strings with the given count expression; optional lengths argument as in clCreateProgramWithSource.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class StringArrayAttribute(string count) : Attribute
{
    /// <summary>Element count expression.</summary>
    public string Count { get; } = count;

    /// <summary>Name of a size_t* argument giving each string's length (0 or NULL meaning NUL-terminated).</summary>
    public string Lengths { get; set; } = "";
}

/// <summary>The function creates the handle it returns (or writes to the named out argument).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
public sealed class AllocatesAttribute : Attribute
{
    /// <summary>
    /// For a [HandleType(Tracked = true)] object: the handle argument (or handle array, by its first element) the new
    /// object is created from. The new object belongs to that object's owner, and the guest knows it only when it
    /// knows that object; releasing the new one may release the named one (a kernel holds its program).
    /// </summary>
    public string Owner { get; set; } = "";

    /// <summary>For a [HandleType(Tracked = true)] object that is its own owner (an OpenCL context).</summary>
    public bool OwnsItself { get; set; }
}

/// <summary>
/// The address a successful call writes through this [Out] pointer (one pass-through handle, e.g. <c>CUdeviceptr*</c>)
/// starts <see cref="Size"/> bytes of device memory. The guest keeps these ranges so that a call taking an address of
/// either kind (CUDA's unified <c>cuMemcpy</c>) can tell device memory, which lives in the worker, from the
/// application's own host memory, as the real library tells them apart by its unified address space.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DeviceRangeAttribute(string size) : Attribute
{
    /// <summary>Size expression in bytes, over the arguments once the call has completed (e.g. <c>*pPitch * Height</c>).</summary>
    public string Size { get; } = size;
}

/// <summary>A successful call frees the device range starting at the address in this pass-through handle argument.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FreesDeviceRangeAttribute : Attribute;

/// <summary>The function destroys the handle passed in this argument.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DeallocatesAttribute : Attribute;

/// <summary>
/// A handle argument of a release function (one with a [Deallocates] argument) that the worker, releasing what a guest
/// held when it went away, fills with a scratch object: made by its handle type's allocating function that takes no
/// arguments, released by that type's release function after the call (<c>TF_DeleteSession(session, status)</c>: a
/// status of the worker's own). A release function with any other argument is not called at teardown.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ScratchAttribute : Attribute;

/// <summary>The function adds a reference to the handle in this argument (retain).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RetainsAttribute : Attribute;

/// <summary>
/// The function registers a callback the library runs when the object in this argument (of a tracked handle type) is
/// deleted: the application may look for its effect as soon as the release that deletes it returns, so every release
/// that may delete it (its own, one of an object it owns or holds) stays synchronous.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class NotifiesOnReleaseAttribute : Attribute;

/// <summary>
/// An [Async] call is proven valid (so its immediate success is the real library's answer) when every handle argument
/// names a live object the guest tracks, of the argument's type, every element of each handle array does too, all of
/// one owner, and <see cref="When"/> holds. An empty array proves nothing unless it is NULL (APIs reject a count of 0
/// with a list); anything unproven travels synchronously. Every handle and input argument must be of that kind.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProvenByKnownObjectsAttribute : Attribute
{
    /// <summary>A C expression over the scalar arguments that must hold as well (counts, flag masks); empty: none.</summary>
    public string When { get; set; } = "";
}

/// <summary>
/// Record/replay: a successful call of this function is kept in the guest's replay log, so that a new worker can
/// rebuild the object after a migration or a dead worker (replayed in the order the calls were made, each new object
/// bound to the id the application holds). Without <see cref="Of"/> the function creates a tracked object (it is
/// [Allocates] with an owner, or owns itself) and the entry lives while that object does, or while an object created
/// from it still lives (a kernel keeps its program). With <see cref="Of"/> it configures an existing tracked object
/// (builds a program, sets a kernel argument) and lives while that object does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RecordAttribute : Attribute
{
    /// <summary>The tracked handle argument the call configures; empty: the function creates the object it records.</summary>
    public string Of { get; set; } = "";

    /// <summary>
    /// A scalar argument that tells configurations of one object apart (clSetKernelArg's <c>arg_index</c>): a later
    /// call with the same object and key replaces the earlier entry, so a loop that sets arguments keeps the log
    /// bounded. Empty: each call is kept (until its object dies). Only with <see cref="Of"/>.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// A query's [Out] handle array whose objects belong to the library and live as long as it does (platforms,
    /// devices): the call is kept for good, and replaying it gives those objects the ids the application holds.
    /// </summary>
    public string Binds { get; set; } = "";
}

/// <summary>
/// When this call returns, the application may observe that commands completed (clFinish, clWaitForEvents, an event
/// status query): after the real call the worker finishes the work its backend left pending (non-blocking transfers
/// whose outputs are deferred), through the backend's <c>static partial void CompletePending(WorkerCall call)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CompletesPendingAttribute : Attribute;

/// <summary>
/// On the spec class: the completion events of the API's <see cref="PendingTransferAttribute"/> transfers.
/// <see cref="Events"/> names a type of the worker's *.Manual.cs that implements <c>Ava.Worker.IPendingEvents</c>; the
/// worker's <c>CompletePending</c> (<see cref="CompletesPendingAttribute"/>) is then generated.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PendingTransfersAttribute : Attribute
{
    /// <summary>The events type (a name the worker's part of the spec class can see).</summary>
    public string Events { get; set; } = "";
}

/// <summary>
/// Host memory of a command that the library may still read or write after the call returns, unless
/// <see cref="Blocking"/> is nonzero (<c>clEnqueueReadBuffer</c>'s <c>ptr</c>). The worker gives a non-blocking call's
/// bytes memory of their own that lives until the command of the <see cref="Event"/> argument (the worker's own event
/// when the guest asked for none) completes; an output's bytes then go to the guest as its [Deferred] output. A
/// non-blocking read whose guest did not ask for its output later is carried out blocking. Needs the class's
/// <see cref="PendingTransfersAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PendingTransferAttribute : Attribute
{
    /// <summary>The scalar argument that is nonzero for a blocking transfer.</summary>
    public string Blocking { get; set; } = "";

    /// <summary>The [Out] pointer to one handle the call writes its event to.</summary>
    public string Event { get; set; } = "";

    /// <summary>
    /// Where the library's pointer lies before the bytes that travel (an expression over the arguments; empty: 0):
    /// the guest sends only the bytes the call touches, from the lowest of them, and the worker hands the library its
    /// copy minus this many bytes, so the library's own address arithmetic lands inside the copy.
    /// </summary>
    public string Offset { get; set; } = "";
}

/// <summary>Asynchronous: the guest returns <see cref="Success"/> at once and does not wait for the worker.</summary>
/// <remarks>The caller must not read outputs of an async call: the generator rejects [Out] arguments unless they
/// are [Deferred]. <see cref="When"/> makes it conditional: <c>[Async(When = "blocking_read == 0")]</c>; a
/// conditionally async call may have other outputs, and is synchronous whenever the caller passes one non-NULL.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AsyncAttribute : Attribute
{
    /// <summary>The C return value reported at once (e.g. CL_SUCCESS); ignored for void functions.</summary>
    public long Success { get; set; }

    /// <summary>Optional C expression over arguments; when it is false the call is synchronous.</summary>
    public string When { get; set; } = "";
}

/// <summary>
/// An output that may reach the caller's memory apart from the reply. An async call's is written later, before the
/// application can observe completion. A synchronous call's, when too large for the reply, comes ahead of it in its
/// own record, so the worker can send the bytes while the call is still running (see <c>WorkerHook.Chunked</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DeferredAttribute : Attribute;

/// <summary>The call pushes pending async work to the worker and wakes it (clFlush-like).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlushAttribute : Attribute;

/// <summary>The value returned when the call cannot reach the worker or the worker rejects it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class TransportErrorAttribute(long value) : Attribute
{
    /// <summary>The API's own error value.</summary>
    public long Value { get; } = value;
}

/// <summary>
/// The value returned when the worker finds no real library to load: the API's own answer on a machine without its
/// driver (CUDA: CUDA_ERROR_NO_DEVICE from every call; an OpenCL loader with no platform: CL_PLATFORM_NOT_FOUND_KHR).
/// On a class: every function's; on a function: that function's. Without one, such calls get the transport error.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class NoDriverAttribute(long value) : Attribute
{
    /// <summary>The API's own error value.</summary>
    public long Value { get; } = value;
}

/// <summary>
/// The value returned when a bound of the tenant refuses the call (its principal's live objects or open channels):
/// the API's own out-of-resources answer (CUDA: CUDA_ERROR_OUT_OF_MEMORY). On a class: every function's; on a
/// function: that function's. Without one, such calls get the transport error.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class OutOfResourcesAttribute(long value) : Attribute
{
    /// <summary>The API's own error value.</summary>
    public long Value { get; } = value;
}

/// <summary>The status value that means success for this API's status-returning functions.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SuccessValueAttribute(long value) : Attribute
{
    /// <summary>E.g. CL_SUCCESS or CUDA_SUCCESS.</summary>
    public long Value { get; } = value;
}

/// <summary>A function-pointer argument that the worker calls back; the guest runs it with the user's data.</summary>
/// <remarks>The callback's last parameter must be its <c>void* user_data</c>, as in OpenCL and CUDA.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CallbackAttribute(string userData) : Attribute
{
    /// <summary>Name of the argument carrying the callback's user data (passed back untouched).</summary>
    public string UserData { get; } = userData;

    /// <summary>The callback's C# function-pointer signature is the parameter's type; when true the callback may run many times.</summary>
    public bool Persistent { get; set; }
}

/// <summary>An opaque user-data pointer that must come back to the guest unchanged.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class UserDataAttribute : Attribute;

/// <summary>Storage resource taken from the tenant's quota (e.g. device memory) by a successful call.</summary>
/// <remarks>
/// The worker evaluates <see cref="Amount"/> before the real call and asks the tenant's account whether it fits. If it
/// does not, the real function is not called: the call reports <see cref="Denied"/>, the API's own out-of-memory
/// error, as the library itself would when the device is full. A status-returning function returns it; a function
/// that returns the new handle returns NULL and writes it to <see cref="ErrorArgument"/> (when the caller gave one).
/// On success the amount is charged to the object the call created (<see cref="Of"/>) until a
/// [DeallocatesResource] call frees that object or the guest goes away. Such a call must be synchronous: a denial
/// has to reach the caller at the call, as the library's own failure would.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllocatesResourceAttribute(string resource, string amount) : Attribute
{
    /// <summary>Resource name, as in the manager's policy file.</summary>
    public string Resource { get; } = resource;

    /// <summary>Amount expression over arguments (the buffer size language; it may also call a static method of the spec class).</summary>
    public string Amount { get; } = amount;

    /// <summary>
    /// The API's error for an allocation the quota refuses (e.g. CL_MEM_OBJECT_ALLOCATION_FAILURE, CUDA_ERROR_OUT_OF_MEMORY).
    /// Required, except on a function that returns the new handle and reports failure only by returning NULL (no
    /// <see cref="ErrorArgument"/>): a refusal then returns NULL.
    /// </summary>
    public long Denied { get; set; }

    /// <summary>For a function that returns the new handle: its [Out] error-code argument (e.g. <c>errcode_ret</c>).</summary>
    public string ErrorArgument { get; set; } = "";

    /// <summary>
    /// The created object the amount is charged to. Default: the returned handle, else the one [Out] argument that
    /// points to a handle type (e.g. <c>CUdeviceptr* dptr</c>).
    /// </summary>
    public string Of { get; set; } = "";
}

/// <summary>Storage resource given back by the call when it frees the object the resource was charged to.</summary>
/// <remarks>
/// A handle of the tenant's table gives its charge back when its last reference goes (a release that only drops
/// one of several references keeps it); a pass-through handle (a device address) when the call succeeds.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeallocatesResourceAttribute(string resource) : Attribute
{
    /// <summary>Resource name.</summary>
    public string Resource { get; } = resource;

    /// <summary>The freed object's argument. Default: the [Deallocates] argument, else the one handle argument.</summary>
    public string Of { get; set; } = "";
}

/// <summary>Throughput resource consumed per call (e.g. command rate, bytes moved).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ConsumesResourceAttribute(string resource, string amount) : Attribute
{
    /// <summary>Resource name.</summary>
    public string Resource { get; } = resource;

    /// <summary>Amount expression over arguments.</summary>
    public string Amount { get; } = amount;
}

/// <summary>Which side takes the hand-written replacement of a function.</summary>
[Flags]
public enum Side
{
    /// <summary>The guest stub is written by hand in *.Manual.cs.</summary>
    Guest = 1,
    /// <summary>The worker dispatch is written by hand in *.Manual.cs.</summary>
    Worker = 2,
    /// <summary>Both sides.</summary>
    Both = Guest | Worker,
}

/// <summary>Escape hatch: the named side of this function is written by hand.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ManualAttribute(Side side) : Attribute
{
    /// <summary>The hand-written side(s).</summary>
    public Side Side { get; } = side;

    /// <summary>
    /// Version of the hand-written wire format (default 1), part of the spec hash: bump it whenever the hand-written
    /// side changes what it sends or expects, so a guest and a worker built before and after refuse each other.
    /// </summary>
    public int Protocol { get; set; } = 1;

    /// <summary>
    /// With <see cref="Side.Guest"/>: the generator emits the export, which only forwards to this call over the
    /// arguments (a method of the guest's *.Manual.cs, e.g. <c>CreateBuffer(context, null, flags, size, host_ptr,
    /// errcode_ret, withProperties: false)</c>), so the hand-written part is the method alone. The first export called
    /// starts the NativeAOT runtime, which replaces the stack cookie: the method must be [MethodImpl(NoInlining)].
    /// </summary>
    public string Forward { get; set; } = "";
}

/// <summary>
/// Escape hatch: the guest answers this function itself, in *.Manual.cs (its C form takes memory of the application's
/// process, so the guest carries it out with other calls, or has nothing to ask): nothing travels, and the worker
/// refuses a record that names it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GuestOnlyAttribute : Attribute;

/// <summary>
/// A function the drop-in exports with its C signature but does not carry to the worker (the API feature it belongs
/// to is not remoted): the guest answers <see cref="Status"/> at once and names the function in AVA_LOG, and the
/// worker refuses a record that names it. Loaders that look entry points up by name and require every one they know
/// (cuBLASLt does) then find them all.
/// </summary>
/// <remarks>
/// A status-returning function returns the status. A function that returns a handle, a pointer or nothing returns
/// NULL (or nothing) and writes the status to its <see cref="ErrorOutAttribute"/> argument when the caller gave one
/// (OpenCL's <c>errcode_ret</c>), as the library itself reports a feature it lacks. Without a status
/// (<c>[NotRemoted]</c>) such a function only returns NULL.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NotRemotedAttribute : Attribute
{
    /// <summary>A function that returns NULL or nothing and reports no status.</summary>
    public NotRemotedAttribute()
    {
    }

    /// <summary>A function that reports <paramref name="status"/>.</summary>
    public NotRemotedAttribute(long status) => Status = status;

    /// <summary>What the guest reports: the API's own "not supported" status.</summary>
    public long Status { get; }
}

/// <summary>
/// Hand-written worker code around the generated dispatch of a function, for what the vocabulary cannot say (handles
/// inside untyped values, arguments the worker must adjust). Each names a static method of the spec class:
/// <c>Before(WorkerCall call, ref arg1, ref arg2, ...)</c> runs after decoding, just before the real call;
/// <c>After(WorkerCall call, ref ret, ref arg1, ...)</c> (no <c>ret</c> for void) runs after it, before the reply.
/// <c>ret Chunked(WorkerCall call, ref arg1, ...)</c> carries out the call in place of the real call when its one
/// large buffer travels in chunks, so the worker can move each chunk while the next is on its way instead of staging
/// the whole buffer: an [In] buffer that arrived streamed, or a [Deferred] output the guest takes ahead of the reply
/// that would be streamed. That argument is NULL then; the hook takes the input with <c>WorkerCall.VisitInput</c> or
/// <c>ReadInput</c>, and sends the output with <c>WorkerCall.SendOutputChunks</c> or <c>SendOutput</c>.
/// Before, After and Chunked may instead be one call of a method of the worker's hand-written part over <c>call</c>
/// (the WorkerCall), some of the arguments (and a pointer argument's fields), the spec class's constants and literals
/// (After's also over <c>ret</c>, which <c>ref ret</c> may change): <c>Before = "CheckDeviceOnly(copyParams)"</c>,
/// for functions that share one check; the worker's <c>Before_{name}</c>, <c>After_{name}</c> and
/// <c>Chunked_{name}</c> making that call are generated.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkerHookAttribute : Attribute
{
    /// <summary>Method run before the real call (empty for none).</summary>
    public string Before { get; set; } = "";

    /// <summary>Method run after the real call (empty for none).</summary>
    public string After { get; set; } = "";

    /// <summary>Method run in place of the real call when the large buffer travels in chunks (empty for none).</summary>
    public string Chunked { get; set; } = "";

    /// <summary>
    /// Method run after <see cref="Before"/> that decides whether the real call may be made at all (empty for none):
    /// <c>bool Guard(WorkerCall call, out TReturn ret, ref arg1, ...)</c> returns false, with the call's answer in
    /// <c>ret</c>, for arguments the real library must never see (values it would take for pointers of its own).
    /// </summary>
    public string Guard { get; set; } = "";
}

/// <summary>
/// Hand-written guest code around the generated stub, for what the guest can know without asking the worker. Each
/// names a static method of the spec class's guest part:
/// <c>bool Check(arg1, arg2, ...)</c> runs only when an [Async] call would travel async, and returns true when the
/// guest can prove the call valid, so that its immediate success status is the one the real library would return;
/// false makes this call synchronous, so the real library's own status comes back (exact error codes, no guessing).
/// <c>After(ret, arg1, ...)</c> (no <c>ret</c> for void) runs when the call has completed: synchronously with the
/// real status, or async with the success status; it keeps the guest's knowledge of objects current.
/// Either may instead be one call of such a method over some of the arguments, the spec class's constants and
/// literals (After's also over <c>ret</c>, the call's result): <c>Check = "TransferValid(queue, buffer, size, ReadForbidden)"</c>,
/// for functions that share one proof; the guest's <c>Check_{name}</c> and <c>After_{name}</c> making that call are
/// generated.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GuestHookAttribute : Attribute
{
    /// <summary>Method proving an async call valid, or one call of it (empty for none; only on [Async] functions).</summary>
    public string Check { get; set; } = "";

    /// <summary>Method run after the call completed, or one call of it (empty for none).</summary>
    public string After { get; set; } = "";
}

/// <summary>
/// An output receiving the call's status (OpenCL's <c>errcode_ret</c>): when the worker cannot answer, the guest
/// writes the API's transport error there as well as returning its failure value.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ErrorOutAttribute : Attribute;

/// <summary>Time each call on the worker and report it in statistics (ava_time_me).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TimeMeAttribute : Attribute;

/// <summary>
/// Every exported function that returns a status passes it, as the caller gets it, through the named static method of
/// the spec class's guest part: <c>int Hook(int status)</c> returns what the caller gets. The generated stubs call it,
/// the not-remoted answers too; hand-written exports call it themselves. For state the API keeps per thread about the
/// statuses it returned (the CUDA runtime's last error), kept in the guest without a round trip.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatusHookAttribute(string method) : Attribute
{
    /// <summary>The guest-side method.</summary>
    public string Method { get; } = method;
}

/// <summary>Exported under a version node of the library's symbol map (e.g. OPENCL_1.2); on the spec class, the node of every function that names none.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class SymbolVersionAttribute(string node) : Attribute
{
    /// <summary>The version node.</summary>
    public string Node { get; } = node;
}


/// <summary>
/// A function the application may reach by name through the API's own lookup (an <see cref="ExtensionLookupAttribute"/>
/// function: OpenCL's clGetExtensionFunctionAddress), which answers <see cref="As"/> with this function's entry point of
/// the guest, never the real library's (an address in the worker's process means nothing in the application's).
/// With <see cref="Key"/> or <see cref="KeyOf"/> the real library does not export it either: the worker binds it at
/// each call through the API's own lookup, by the object the call belongs to (see <see cref="ExtensionFunctionsAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExtensionAttribute : Attribute
{
    /// <summary>The name the lookup answers with this function ("": its own; cl_khr_icd's clIcdGetPlatformIDsKHR is clGetPlatformIDs).</summary>
    public string As { get; set; } = "";

    /// <summary>
    /// An expression over the arguments (calling methods of the worker's *.Manual.cs) whose value selects the real entry
    /// point, handed to the API's entry method with the function's id (OpenCL: the platform of the call's queues). A
    /// function that returns a new handle remembers the key for it, for <see cref="KeyOf"/>.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>The handle argument whose key is the one remembered when an <see cref="Key"/> call created its object (a command buffer cannot name its platform itself).</summary>
    public string KeyOf { get; set; } = "";
}

/// <summary>
/// On the spec class: how the worker binds <c>[Extension(Key = ...)]</c> functions. <see cref="Entry"/> names a static
/// method of the worker's *.Manual.cs, <c>nint Entry(nint key, int function)</c>, that gives the real entry point for a
/// key (0 where none offers it); a call whose function has no entry reports <see cref="Unavailable"/>, through the
/// status return or the [ErrorOut] argument.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExtensionFunctionsAttribute : Attribute
{
    /// <summary>The worker's entry-point method.</summary>
    public string Entry { get; set; } = "";

    /// <summary>The status of a call with no entry point.</summary>
    public long Unavailable { get; set; }
}

/// <summary>
/// The API's lookup of functions by name (OpenCL's clGetExtensionFunctionAddress and ...ForPlatform): the guest answers
/// with its own entry point of the [Extension] function of that name, and only when the real library answers the same
/// name (the set of names answered is the library's); any other name gets NULL. The string argument is <paramref name="name"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExtensionLookupAttribute(string name) : Attribute
{
    /// <summary>The [String] argument holding the function's name.</summary>
    public string Name { get; } = name;
}
