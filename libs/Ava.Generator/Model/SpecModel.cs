using System;

namespace Ava.Generator.Model;

// The generator's model: small equatable records built from the spec's symbols in the transform step.
// Nothing here holds an ISymbol or syntax node, so unrelated edits leave the pipeline's cached steps Unchanged.

/// <summary>One API spec class.</summary>
internal sealed record ApiModel(
    string Namespace,
    string ClassName,
    string Name,
    int Number,
    string Version,
    string SoName,
    string Header,
    EquatableArray<string> RealLibrary,
    long? SuccessValue,
    long TransportError,
    EquatableArray<FunctionModel> Functions,
    EquatableArray<HandleTypeModel> HandleTypes,
    string SpecHash,
    string ForwardCompatibilityFolder = "",
    string KernelModule = "",
    string StatusHook = "",
    string Group = "",
    string ExtensionEntry = "",
    long ExtensionUnavailable = 0,
    EquatableArray<GuestStateModel> GuestStates = default,
    LazyStateModel? LazyState = null,
    string PendingEvents = "");

/// <summary>A [GuestState]: its name, whether it is per thread, the API of the group it belongs to ("": this one).</summary>
/// <param name="Slot">Its place among the API's own states, or among the other APIs' states this spec names.</param>
internal sealed record GuestStateModel(string Name, bool PerThread, string Api, int Slot);

/// <summary>[LazyGuestState]: another API's per-thread state the library takes into use by itself.</summary>
/// <param name="Slot">The state's slot among the other APIs' states.</param>
/// <param name="Also">Slots (as bits) of the other APIs' states changed with it.</param>
internal sealed record LazyStateModel(int Slot, int Also);

/// <summary>A [HandleType] struct.</summary>
/// <param name="Accepted">Type ids of the handle types accepted in place of this one, as a C# list ("5, 6"); empty: none.</param>
/// <param name="Tracked">The guest keeps what calls tell it about live objects of this type ([HandleType(Tracked = true)]).</param>
/// <param name="SharedWith">C name of the group's handle type whose objects these are ([SharedHandle]); empty: none.</param>
internal sealed record HandleTypeModel(string FullName, string CName, int TypeId, bool PassThrough, string? ReleaseFunction, string Untranslated = "", string Accepted = "", bool Tracked = false, string SharedWith = "", bool NeverNull = false);

/// <summary>How an argument travels.</summary>
internal enum ParamKind
{
    /// <summary>A value copied as one slot.</summary>
    Scalar,

    /// <summary>A handle passed by value, translated through the tenant's table.</summary>
    Handle,

    /// <summary>Pointer to elements the worker reads.</summary>
    InBuffer,

    /// <summary>Pointer to elements the worker writes back.</summary>
    OutBuffer,

    /// <summary>Pointer to elements both ways.</summary>
    InOutBuffer,

    /// <summary>NUL-terminated string.</summary>
    String,

    /// <summary>Array of strings with optional lengths.</summary>
    StringArray,

    /// <summary>Function pointer the worker calls back through a trampoline.</summary>
    Callback,

    /// <summary>Callback user data, kept on the guest.</summary>
    UserData,

    /// <summary>
    /// [Out, String] on a pointer to a char pointer: a string the library writes there and keeps (cuFuncGetName); the
    /// caller gets the guest's copy, as for [return: String].
    /// </summary>
    OutString,
}

/// <summary>One argument.</summary>
internal sealed record ParameterModel(
    string Name,
    string Type,
    ParamKind Kind,
    string ElementType,
    string ElementSize,
    bool ElementIsHandle,
    int ElementHandleTypeId,
    string? SizeExpression,
    string? ReturnedExpression,
    bool Deferred,
    bool Allocates,
    bool Deallocates,
    bool Retains,
    string? UserDataName,
    string? CallbackOf,
    bool CallbackPersistent,
    EquatableArray<CallbackArgModel> CallbackArgs,
    string? LengthsName,
    string? CountExpression,
    int HandleTypeId,
    string ScalarWire,
    int TerminatorStride = 0,
    bool PassThrough = false,
    string Untranslated = "",
    bool ErrorOut = false,
    string Accepted = "",
    bool Tracked = false,
    string? CreatedFrom = null,
    bool NotifiesOnRelease = false,
    string? DeviceRange = null,
    bool FreesDeviceRange = false,
    int TerminatorPadding = 0,
    EquatableArray<PropertyHandleModel> PropertyHandles = default,
    PendingTransferModel? Pending = null,
    EquatableArray<MemberHandleModel> MemberHandles = default,
    bool MayHoldHandle = false,
    bool AlwaysNull = false,
    bool Scratch = false,
    long NullWithCount = 0,
    bool NeverNull = false);

/// <summary>[MemberHandle]: a field of an [In] struct that holds a handle (or 0), translated on a copy of the call's own.</summary>
/// <param name="Member">The field.</param>
/// <param name="MemberType">The field's (pointer-sized integer) type.</param>
/// <param name="HandleTypeId">The handle type of its value.</param>
internal sealed record MemberHandleModel(string Member, string MemberType, int HandleTypeId);

/// <summary>[PendingTransfer]: host memory the library may use until the command of the call's event completes.</summary>
/// <param name="Blocking">The scalar argument that is nonzero for a blocking transfer.</param>
/// <param name="Event">The [Out] pointer to one handle the call writes its event to.</param>
/// <param name="Offset">How far before the bytes that travel the library's pointer lies (an expression); empty: 0.</param>
internal sealed record PendingTransferModel(string Blocking, string Event, string Offset);

/// <summary>A key of a (key, value) property list whose value is a handle the worker translates ([PropertyHandle]).</summary>
internal sealed record PropertyHandleModel(long Key, int HandleTypeId);

/// <summary>One argument of a callback signature.</summary>
internal sealed record CallbackArgModel(string Type, bool IsHandle, int HandleTypeId, bool IsUserData, string ScalarWire);

/// <summary>One function.</summary>
/// <param name="GuestCheckCall">A [GuestHook(Check)] given as one call over the arguments: the body of the generated <see cref="GuestCheck"/>; null: a hand-written method.</param>
/// <param name="GuestAfterCall">A [GuestHook(After)] given as one call over the arguments and <c>ret</c>: the body of the generated <see cref="GuestAfter"/>; null: a hand-written method.</param>
/// <param name="WorkerBeforeCall">A [WorkerHook(Before)] given as one call over <c>call</c> and the arguments: the body of the generated <see cref="HookBefore"/>; null: a hand-written method (or the base's, for a variant).</param>
/// <param name="WorkerAfterCall">A [WorkerHook(After)] given as one call over <c>call</c>, <c>ret</c> and the arguments: the body of the generated <see cref="HookAfter"/>; null: a hand-written method (or the base's, for a variant).</param>
/// <param name="WorkerChunkedCall">A [WorkerHook(Chunked)] (or a [Variant]'s Chunked) given as one call: the body of the generated <see cref="HookChunked"/>; null: a hand-written method (or the base's).</param>
/// <param name="WorkerGuardCall">A [WorkerHook(Guard)] given as one call over <c>call</c>, <c>ret</c> (out) and the arguments: the body of the generated <see cref="HookGuard"/>; null: a hand-written method (or the base's).</param>
/// <param name="ReturnStringOf">For [return: String]: the handle argument whose object the guest's copy belongs to ("" for none); null: no returned string.</param>
internal sealed record FunctionModel(
    string Name,
    int Id,
    string ReturnType,
    bool ReturnIsHandle,
    int ReturnHandleTypeId,
    string ReturnWire,
    bool ReturnAllocates,
    EquatableArray<ParameterModel> Parameters,
    bool Async,
    string? AsyncWhen,
    long AsyncSuccess,
    bool Flush,
    bool ManualGuest,
    bool ManualWorker,
    bool TimeMe,
    string? SymbolVersion,
    long TransportError,
    EquatableArray<ResourceModel> Resources,
    string? HookBefore = null,
    string? HookAfter = null,
    string? GuestCheck = null,
    string? GuestAfter = null,
    string? HookChunked = null,
    long? NotRemoted = null,
    long? NoDriver = null,
    string? HookGuard = null,
    InfoQueryModel? InfoQuery = null,
    string? VariantOf = null,
    bool GuestOnly = false,
    long? OutOfResources = null,
    int ManualProtocol = 0,
    bool ReturnTracked = false,
    string? ReturnCreatedFrom = null,
    bool ProvenByKnownObjects = false,
    string? ProofWhen = null,
    bool CompletesPending = false,
    string? ReturnStringOf = null,
    CacheModel? Cache = null,
    RecordModel? Record = null,
    EquatableArray<StateChangeModel> StateChanges = default,
    ExtensionModel? Extension = null,
    string? LookupName = null,
    string? GuestForward = null,
    bool UsesLazyState = false,
    string? GuestCheckCall = null,
    string? GuestAfterCall = null,
    string? WorkerBeforeCall = null,
    string? WorkerAfterCall = null,
    string? WorkerChunkedCall = null,
    string? WorkerGuardCall = null) : IEquatable<FunctionModel>
{
    /// <summary>The function returns a C string ([return: String]) the guest keeps a copy of.</summary>
    public bool ReturnsString => ReturnStringOf is not null;
}

/// <summary>[Extension]: reached by name through the API's lookup, and (with a key) bound by the worker at each call.</summary>
/// <param name="As">The name the guest's lookup answers with this function.</param>
/// <param name="Key">The expression selecting the real entry point; null: bound by name as any other.</param>
/// <param name="KeyOf">The handle argument whose remembered key selects the entry point; null: none.</param>
internal sealed record ExtensionModel(string As, string? Key, string? KeyOf);

/// <summary>[CachedInGuest]: the guest keeps the first successful answer per key and answers repeats itself.</summary>
/// <param name="Selector">The argument naming the value asked for, null when every value is kept.</param>
/// <param name="Except">Selector values whose answer can change, always asked of the worker.</param>
/// <param name="ForgetOnRelease">Handle type ids of the key's handles: a release of one of these forgets the answers.</param>
/// <param name="State">The [GuestState] slot the answer is kept per value of; -1: none.</param>
/// <param name="StatePerThread">Whether that state is each thread's own.</param>
internal sealed record CacheModel(string? Selector, EquatableArray<long> Except, EquatableArray<int> ForgetOnRelease, int State = -1, bool StatePerThread = false);

/// <summary>[ChangesGuestState]: after the call, answers kept per this [GuestState] slot are asked again.</summary>
/// <param name="State">The state's slot (its place among the API's [GuestState] declarations).</param>
/// <param name="PerThread">Whether the state is each thread's own.</param>
/// <param name="AllThreads">For a per-thread state: every thread's value may have changed.</param>
/// <param name="Foreign">The state is another API's of the group ([GuestState(Api = ...)]): the slot is among those.</param>
internal sealed record StateChangeModel(int State, bool PerThread, bool AllThreads, bool Foreign = false);

/// <summary>[Record]: the guest keeps a successful call in its replay log.</summary>
/// <param name="Of">The tracked handle argument the call configures; null: the call creates the object it records.</param>
/// <param name="Key">The scalar argument whose value tells configurations of one object apart; null: none.</param>
/// <param name="Binds">
/// The [Out] handle array of a query whose objects live as long as the library, or an info query's value (whose values
/// of untracked handle types are those objects); null: none.
/// </param>
internal sealed record RecordModel(string? Of, string? Key, string? Binds = null);

/// <summary>An info query whose values for some selectors are handles the worker gives back as wire ids.</summary>
/// <param name="Selector">The argument naming the value.</param>
/// <param name="Value">The [Out] buffer the value goes to.</param>
/// <param name="Count">The [Out] argument the callee writes the value's size in bytes to; null: the size is the table's.</param>
/// <param name="Handles">Selector values whose value is handles, with their handle type ids.</param>
/// <param name="Clears">Selector values whose 8-byte value has bits the worker clears ([InfoValue(Clears = ...)]).</param>
internal sealed record InfoQueryModel(string Selector, string Value, string? Count, EquatableArray<InfoHandleModel> Handles, EquatableArray<InfoClearModel> Clears);

/// <summary>One selector value whose 8-byte info value has bits the worker clears.</summary>
internal sealed record InfoClearModel(long Selector, long Mask);

/// <summary>One selector value whose info value is a handle or an array of handles.</summary>
/// <param name="Selector">The selector value.</param>
/// <param name="HandleTypeId">The handle type of the value's elements.</param>
/// <param name="PropertyKey">Nonzero: the value is a (key, value) property list, only the value after this key a handle.</param>
/// <param name="Tracked">Whether that type is tracked (its objects are rebuilt by their own log entries); untracked ones live as long as the library.</param>
internal sealed record InfoHandleModel(long Selector, int HandleTypeId, long PropertyKey = 0, bool Tracked = false);

/// <summary>Kinds of resource annotation.</summary>
internal enum ResourceKind
{
    /// <summary>[AllocatesResource]: a storage resource taken from the tenant's quota.</summary>
    Allocates,

    /// <summary>[DeallocatesResource]: the storage resource given back.</summary>
    Deallocates,

    /// <summary>[ConsumesResource]: a throughput resource (not enforced per call by the generated code).</summary>
    Consumes,
}

/// <summary>A resource annotation, resolved against the function's arguments.</summary>
/// <param name="Kind">Which annotation.</param>
/// <param name="Resource">Resource name, as in the policy file.</param>
/// <param name="Amount">Amount expression (allocations and throughput).</param>
/// <param name="Denied">What a refused allocation reports.</param>
/// <param name="ErrorArgument">The [Out] error-code argument a refused allocation writes, if any.</param>
/// <param name="Of">The argument naming the object charged or freed; null: the returned handle.</param>
internal sealed record ResourceModel(ResourceKind Kind, string Resource, string Amount, long Denied = 0, string? ErrorArgument = null, string? Of = null);
