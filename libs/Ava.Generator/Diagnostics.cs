using Microsoft.CodeAnalysis;

namespace Ava.Generator;

/// <summary>Every diagnostic the generator reports: a spec mistake is a compile error with an id, not a runtime surprise.</summary>
internal static class Diagnostics
{
    private const string Category = "Ava.Spec";

    public static readonly DiagnosticDescriptor SizeNamesMissingArgument = new(
        "AVA001", "Buffer size names a missing argument", "Size expression '{0}' of '{1}' in {2} names '{3}', which is not an argument of {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutOnScalar = new(
        "AVA002", "[Out] on a by-value argument", "Argument '{0}' of {1} is passed by value; [Out]/[InOut] need a pointer",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AsyncWithOutputs = new(
        "AVA003", "Async function whose outputs the caller reads", "{0} is [Async] but its argument '{1}' is an output the caller reads; mark it [Deferred] or make the function sync",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnannotatedPointer = new(
        "AVA004", "Pointer argument without a direction", "Argument '{0}' of {1} is a pointer to data; say [In], [Out], [InOut], [String], [StringArray], [Callback] or [UserData]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CallbackUserDataMissing = new(
        "AVA005", "Callback user data argument missing", "Callback '{0}' of {1} names user data '{2}', which is not a [UserData] void* argument",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadHandleType = new(
        "AVA006", "Handle type shape", "[HandleType] struct '{0}' must have exactly one instance field 'nint Value'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "AVA007", "Unsupported argument type", "Argument '{0}' of {1} has type '{2}', which the generator cannot marshal",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotStaticPartial = new(
        "AVA008", "Spec class shape", "[Api] class '{0}' must be static partial, and its functions static partial methods without bodies",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadExpression = new(
        "AVA010", "Unparsable expression", "Expression '{0}' of {1}: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor VoidElementSize = new(
        "AVA011", "Buffer of void needs an element size", "Buffer '{0}' of {1} is void*; give [Buffer(..., ElementSize = n)]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooManyFunctions = new(
        "AVA012", "Too many functions", "Spec '{0}' has {1} functions; function ids are 16-bit",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ResourceDeniedMissing = new(
        "AVA013", "Resource allocation without a denied value", "{0} takes '{1}' from the tenant's quota but does not say what a refused allocation reports; give [AllocatesResource(..., Denied = <the API's out-of-memory error>)]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ResourceDeniedNowhere = new(
        "AVA014", "A refused allocation cannot report its error", "{0} returns '{1}': a refused allocation reports Denied as a status return, or through ErrorArgument naming an [Out] error-code argument ({2})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ResourceAllocationAsync = new(
        "AVA015", "Resource allocation in an async call", "{0} is [Async] but takes '{1}' from the tenant's quota; a refused allocation must report its error at the call, so the function must be synchronous",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ResourceWithoutObject = new(
        "AVA016", "Resource without an object to charge", "{0} takes or gives back '{1}' but has no object it is charged to{2}; name it with Of",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CheckWithoutAsync = new(
        "AVA017", "Guest check on a synchronous function", "[GuestHook(Check = \"{0}\")] on {1}, which is never async: the check would never run",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // AVA009 ([Deferred] on a synchronous function) is retired: a synchronous call's large [Deferred] output comes ahead of its reply.

    public static readonly DiagnosticDescriptor ChunkedWithoutBuffer = new(
        "AVA018", "Chunked hook without one buffer to move", "[WorkerHook(Chunked = \"{0}\")] on {1}, which needs exactly one [In] buffer or [Deferred] output of plain data for the hook to move in chunks",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadAcceptedHandle = new(
        "AVA019", "Accepted stand-in is not a handle type", "[HandleType(Accepts = ...)] of '{0}' names '{1}', which is not a translated [HandleType] of the spec",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotRemotedStatusNowhere = new(
        "AVA020", "A function that is not remoted cannot report its status", "{0} is [NotRemoted({1})] but returns no status and has no [ErrorOut] argument for it; give [NotRemoted] without a status, or mark the error-code argument [ErrorOut]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AttributeWithoutMeaning = new(
        "AVA021", "Attribute without meaning here", "[{0}] on {1} has no meaning: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadVariant = new(
        "AVA022", "Variant name", "[Variant(\"{0}\")] of {1}: a variant's name must be a C identifier that no other function of the spec has",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadReturnedString = new(
        "AVA023", "Returned string of a function that returns no C string", "[return: String] on {0}, which {1}; a returned string is a const char* the guest copies",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadHookCall = new(
        "AVA024", "Guest hook that is no method and no call", "[GuestHook({0} = \"{1}\")] on {2}: {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadWorkerHookCall = new(
        "AVA025", "Worker hook that is no method and no call", "[WorkerHook({0} = \"{1}\")] on {2}: {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
