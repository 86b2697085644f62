using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Ava.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ava.Generator.Parsing;

/// <summary>Turns an [Api] class symbol into an <see cref="ApiModel"/> plus diagnostics (the transform step).</summary>
internal static class SpecParser
{
    private const string SpecNamespace = "Ava.Spec.";

    public static (ApiModel? Model, EquatableArray<DiagnosticInfo> Diagnostics) Parse(INamedTypeSymbol type, AttributeData api)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!type.IsStatic || !type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotStaticPartial, type, type.Name));
            return (null, diagnostics.ToEquatableArray());
        }

        var name = api.ConstructorArguments[0].Value as string ?? type.Name;
        var number = api.ConstructorArguments[1].Value is int n ? n : 0;
        string Named(string key) => api.NamedArguments.FirstOrDefault(a => a.Key == key).Value.Value as string ?? "";
        var realLibrary = api.NamedArguments.FirstOrDefault(a => a.Key == "RealLibrary").Value;
        var real = realLibrary.Kind == TypedConstantKind.Array ? realLibrary.Values.Select(v => v.Value as string ?? "").ToEquatableArray() : default;

        long? success = FindAttribute(type, "SuccessValueAttribute") is { } s ? Convert.ToInt64(s.ConstructorArguments[0].Value) : null;
        var transportError = FindAttribute(type, "TransportErrorAttribute") is { } t ? Convert.ToInt64(t.ConstructorArguments[0].Value) : -1;
        long? noDriver = FindAttribute(type, "NoDriverAttribute") is { } nd ? Convert.ToInt64(nd.ConstructorArguments[0].Value) : null;
        long? outOfResources = FindAttribute(type, "OutOfResourcesAttribute") is { } oor ? Convert.ToInt64(oor.ConstructorArguments[0].Value) : null;

        // Handle types: every [HandleType] struct declared in the spec's namespace or nested in the class.
        var handleTypes = new Dictionary<string, HandleTypeModel>();
        var handleSymbols = type.ContainingNamespace.GetTypeMembers().Concat(type.GetTypeMembers())
            .Where(h => FindAttribute(h, "HandleTypeAttribute") is not null)
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var handle in handleSymbols)
        {
            var attr = FindAttribute(handle, "HandleTypeAttribute")!;
            var fields = handle.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).ToList();
            if (handle.TypeKind != TypeKind.Struct || fields.Count != 1 || fields[0].Name != "Value" || fields[0].Type.SpecialType != SpecialType.System_IntPtr)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadHandleType, handle, handle.Name));
                continue;
            }

            var cName = attr.NamedArguments.FirstOrDefault(a => a.Key == "CName").Value.Value as string;
            var passThrough = attr.NamedArguments.FirstOrDefault(a => a.Key == "PassThrough").Value.Value is true;
            var fullName = handle.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var special = attr.NamedArguments.FirstOrDefault(a => a.Key == "Untranslated").Value;
            var untranslated = special.Kind == TypedConstantKind.Array ? string.Join(" or ", special.Values.Select(v => Convert.ToInt64(v.Value) + "UL")) : "";
            var tracked = attr.NamedArguments.FirstOrDefault(a => a.Key == "Tracked").Value.Value is true;
            var neverNull = attr.NamedArguments.FirstOrDefault(a => a.Key == "NeverNull").Value.Value is true;
            var sharedWith = FindAttribute(handle, "SharedHandleAttribute")?.ConstructorArguments[0].Value as string ?? "";
            handleTypes[fullName] = new HandleTypeModel(fullName, string.IsNullOrEmpty(cName) ? handle.Name : cName!, handleTypes.Count + 1, passThrough, null, untranslated, Tracked: tracked && !passThrough, SharedWith: sharedWith, NeverNull: neverNull && !passThrough);
        }

        // Accepted stand-ins name other handle types of the spec, known once all have their ids.
        foreach (var handle in handleSymbols)
        {
            var fullName = handle.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var accepts = FindAttribute(handle, "HandleTypeAttribute")!.NamedArguments.FirstOrDefault(a => a.Key == "Accepts").Value;
            if (!handleTypes.TryGetValue(fullName, out var accepting) || accepts.Kind != TypedConstantKind.Array || accepts.Values.Length == 0)
            {
                continue;
            }

            var ids = new List<int>();
            foreach (var value in accepts.Values)
            {
                if (value.Value is ITypeSymbol accepted && handleTypes.TryGetValue(accepted.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), out var other) && !other.PassThrough)
                {
                    ids.Add(other.TypeId);
                }
                else
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadAcceptedHandle, handle, handle.Name, value.Value?.ToString() ?? "null"));
                }
            }

            handleTypes[fullName] = accepting with { Accepted = string.Join(", ", ids) };
        }

        var methods = type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.IsStatic && m.IsPartialDefinition)
            .ToList();
        if (methods.Count > ushort.MaxValue - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TooManyFunctions, type, name, methods.Count.ToString()));
        }

        var infoQueries = FindAttribute(type, "InfoQueriesAttribute") is { } iq
            ? (iq.NamedArguments.FirstOrDefault(a => a.Key == "Selector").Value.Value as string ?? "param_name", iq.NamedArguments.FirstOrDefault(a => a.Key == "Value").Value.Value as string ?? "param_value")
            : ((string, string)?)null;
        var apiGroup = FindAttribute(type, "ApiGroupAttribute")?.ConstructorArguments[0].Value as string ?? "";
        var guestStates = ParseGuestStates(type, name, apiGroup, diagnostics);
        var lazyState = ParseLazyState(type, name, guestStates, diagnostics);
        var lazyName = lazyState is null ? null : guestStates.Values.First(s => s.Api.Length > 0 && s.Slot == lazyState.Slot).Name;
        var extensions = FindAttribute(type, "ExtensionFunctionsAttribute");
        var extensionEntry = extensions?.NamedArguments.FirstOrDefault(a => a.Key == "Entry").Value.Value as string ?? "";
        var extensionUnavailable = extensions?.NamedArguments.FirstOrDefault(a => a.Key == "Unavailable").Value.Value is { } eu ? Convert.ToInt64(eu) : 0L;
        if (extensions is not null && !SyntaxFacts.IsValidIdentifier(extensionEntry))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, type, "ExtensionFunctions", name, $"Entry '{extensionEntry}' is not a method name"));
            extensionEntry = "";
        }

        var pendingEvents = FindAttribute(type, "PendingTransfersAttribute")?.NamedArguments.FirstOrDefault(a => a.Key == "Events").Value.Value as string ?? "";
        if (FindAttribute(type, "PendingTransfersAttribute") is not null && !SyntaxFacts.IsValidIdentifier(pendingEvents))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, type, "PendingTransfers", name, $"Events '{pendingEvents}' is not a type name"));
            pendingEvents = "";
        }

        var functions = new List<FunctionModel>();
        var id = 1;
        foreach (var method in methods)
        {
            var function = ParseFunction(method, id, handleTypes, transportError, noDriver, outOfResources, infoQueries, extensionEntry.Length > 0, diagnostics, pendingEvents.Length > 0);
            function = function is null ? null : ApplyGuestStates(method, function, guestStates, lazyName, diagnostics);
            // A [SymbolVersion] on the class is every function's that names none of its own (libtensorflow's VERS_1.0).
            if (function is { SymbolVersion: null } && FindAttribute(type, "SymbolVersionAttribute")?.ConstructorArguments[0].Value is string classVersion)
            {
                function = function with { SymbolVersion = classVersion };
            }

            if (function is not null)
            {
                functions.Add(function);
                id++;

                // Variants follow their base: each is a function of its own, with the base's declaration.
                foreach (var variant in method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "VariantAttribute"))
                {
                    var variantName = variant.ConstructorArguments[0].Value as string ?? "";
                    var own = variant.NamedArguments.FirstOrDefault(a => a.Key == "Chunked").Value.Value as string is { Length: > 0 } c ? c : null;
                    var chunked = own ?? function.HookChunked;
                    var variantOk = true;
                    var chunkedCall = own is null ? null : ParseWorkerHook(method, "Chunked", variantName, ref chunked, new HashSet<string>(function.Parameters.Select(p => p.Name)), diagnostics, ref variantOk);
                    if (!variantOk)
                    {
                        continue;
                    }

                    if (!SyntaxFacts.IsValidIdentifier(variantName) || methods.Any(m => m.Name == variantName) || functions.Any(f => f.Name == variantName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadVariant, method, variantName, method.Name));
                        continue;
                    }

                    if (chunked is not null && function.HookChunked is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Variant(Chunked)", variantName, $"{method.Name} has no [WorkerHook(Chunked)] for the variant to replace"));
                        continue;
                    }

                    // The base's generated Before and After hooks serve the variant too; its own chunked call gets its own.
                    functions.Add(function with { Name = variantName, Id = id++, HookChunked = chunked, VariantOf = function.Name, WorkerBeforeCall = null, WorkerAfterCall = null, WorkerGuardCall = null, WorkerChunkedCall = chunkedCall });
                }
            }
        }

        // Names the lookup answers are one function's each; a remembered key is remembered by some creation.
        foreach (var group in functions.Where(f => f.Extension is not null && f.VariantOf is null).GroupBy(f => f.Extension!.As).Where(g => g.Count() > 1))
        {
            var method = methods.First(m => m.Name == group.Last().Name);
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Extension", method.Name, $"the lookup answers '{group.Key}' with another function already"));
        }

        foreach (var f in functions.Where(f => f.Extension?.KeyOf is not null && f.VariantOf is null))
        {
            var typeId = f.Parameters.First(p => p.Name == f.Extension!.KeyOf).HandleTypeId;
            if (!functions.Any(c => c.Extension?.Key is not null && c.ReturnIsHandle && c.ReturnHandleTypeId == typeId))
            {
                var method = methods.First(m => m.Name == f.Name);
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Extension(KeyOf)", method.Name, $"no [Extension(Key = ...)] function returns the handle type of '{f.Extension!.KeyOf}', so no key is remembered for it"));
            }
        }

        // Release function per handle type: the function whose [Deallocates] argument has that type.
        var handles = handleTypes.Values.Select(h =>
        {
            var release = functions.FirstOrDefault(f => f.Parameters.Any(p => p.Deallocates && (p.HandleTypeId == h.TypeId || p.ElementHandleTypeId == h.TypeId)));
            return h with { ReleaseFunction = release?.Name };
        }).OrderBy(h => h.TypeId).ToEquatableArray();

        // A [Scratch] argument's type must be one the worker can make and release by itself.
        foreach (var f in functions.Where(f => f.VariantOf is null))
        {
            foreach (var p in f.Parameters.Where(p => p.Scratch))
            {
                var scratch = handles.First(h => h.TypeId == p.HandleTypeId);
                var makes = functions.Any(m => m.Parameters.Length == 0 && m.ReturnIsHandle && m.ReturnAllocates && m.ReturnHandleTypeId == p.HandleTypeId);
                var releases = functions.FirstOrDefault(r => r.Name == scratch.ReleaseFunction)?.Parameters.Length == 1;
                if (!makes || !releases)
                {
                    var method = methods.First(m => m.Name == f.Name);
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Scratch", $"'{p.Name}' of {f.Name}",
                        $"{scratch.CName} needs a function without arguments that returns one and a release function with one argument"));
                }
            }
        }

        var statusHook = FindAttribute(type, "StatusHookAttribute")?.ConstructorArguments[0].Value as string ?? "";
        if (statusHook.Length > 0 && (!SyntaxFacts.IsValidIdentifier(statusHook) || success is null))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, type, "StatusHook", name,
                success is null ? "the API declares no [SuccessValue], so its functions return no status" : $"'{statusHook}' is not a method name"));
            statusHook = "";
        }

        var model = new ApiModel(
            type.ContainingNamespace.ToDisplayString(), type.Name, name, number, Named("Version"), Named("SoName"), Named("Header"),
            real, success, transportError, functions.ToEquatableArray(), handles, "", Named("ForwardCompatibilityFolder"), Named("KernelModule"), statusHook,
            apiGroup, extensionEntry, extensionUnavailable,
            GuestStates: guestStates.Values.ToEquatableArray(), LazyState: lazyState, PendingEvents: pendingEvents);
        return (model with { SpecHash = ModelHash.Of(model) }, diagnostics.ToEquatableArray());
    }

    private static FunctionModel? ParseFunction(IMethodSymbol method, int id, Dictionary<string, HandleTypeModel> handles, long apiTransportError, long? apiNoDriver, long? apiOutOfResources, (string Selector, string Value)? infoQueries, bool hasExtensionEntry, List<DiagnosticInfo> diagnostics, bool hasPendingEvents = false)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var asyncAttr = FindAttribute(method, "AsyncAttribute");
        var isAsync = asyncAttr is not null;
        var asyncWhen = asyncAttr?.NamedArguments.FirstOrDefault(a => a.Key == "When").Value.Value as string;
        var asyncSuccess = asyncAttr?.NamedArguments.FirstOrDefault(a => a.Key == "Success").Value.Value is { } sv ? Convert.ToInt64(sv) : 0L;
        var manualAttr = FindAttribute(method, "ManualAttribute");
        var manual = manualAttr is { } m ? Convert.ToInt32(m.ConstructorArguments[0].Value) : 0;
        var manualProtocol = manualAttr?.NamedArguments.FirstOrDefault(a => a.Key == "Protocol").Value.Value is { } mp ? Convert.ToInt32(mp) : manualAttr is null ? 0 : 1;
        var guestOnly = FindAttribute(method, "GuestOnlyAttribute") is not null;
        var transportError = FindAttribute(method, "TransportErrorAttribute") is { } te ? Convert.ToInt64(te.ConstructorArguments[0].Value) : apiTransportError;
        var parameters = new List<ParameterModel>();
        var ok = true;

        foreach (var p in method.Parameters)
        {
            var parameter = ParseParameter(method, p, names, handles, infoQueries, diagnostics);
            if (parameter is null)
            {
                ok = false;
                continue;
            }

            // A string output has no deferred form: the caller's pointer must hold the guest's copy when the call returns.
            if ((isAsync && string.IsNullOrEmpty(asyncWhen) && parameter.Kind is ParamKind.OutBuffer or ParamKind.InOutBuffer && !parameter.Deferred)
                || (isAsync && parameter.Kind == ParamKind.OutString))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AsyncWithOutputs, p, method.Name, p.Name));
                ok = false;
            }

            parameters.Add(parameter);
        }

        ok &= ParseTracking(method, parameters, diagnostics);
        ok &= ParsePendingTransfers(method, parameters, hasPendingEvents, (manual & 2) != 0, names, diagnostics);
        foreach (var cb in parameters.Where(x => x.Kind == ParamKind.Callback))
        {
            if (!parameters.Any(x => x.Kind == ParamKind.UserData && x.Name == cb.UserDataName))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.CallbackUserDataMissing, method, cb.Name, method.Name, cb.UserDataName ?? ""));
                ok = false;
            }
        }

        if (!string.IsNullOrEmpty(asyncWhen) && !CheckExpression(method, asyncWhen!, names, diagnostics, condition: true))
        {
            ok = false;
        }

        // What is generated around the real call does not exist for a hand-written worker side.
        if ((manual & 2) != 0)
        {
            foreach (var other in new[] { "WorkerHookAttribute", "TimeMeAttribute", "CompletesPendingAttribute", "RecordAttribute" })
            {
                if (FindAttribute(method, other) is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, other.Substring(0, other.Length - "Attribute".Length), method.Name, "its worker side is [Manual]: nothing is generated around the real call"));
                    ok = false;
                }
            }
        }

        // A validity check decides between async and sync: on a function that is never async it would never run.
        var guestCheck = HookName(method, "GuestHookAttribute", "Check");
        if (guestCheck is not null && !isAsync)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.CheckWithoutAsync, method, guestCheck, method.Name));
            ok = false;
        }

        var guestCheckCall = ParseGuestHook(method, "Check", ref guestCheck, names, diagnostics, ref ok);
        var guestAfter = HookName(method, "GuestHookAttribute", "After");
        var guestAfterCall = ParseGuestHook(method, "After", ref guestAfter, names, diagnostics, ref ok);

        // A chunked hook moves the one buffer that can travel in chunks: an input, or an output ahead of the reply.
        var chunked = HookName(method, "WorkerHookAttribute", "Chunked");
        if (chunked is not null && parameters.Count(IsChunkable) != 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ChunkedWithoutBuffer, method, chunked, method.Name));
            ok = false;
        }

        var chunkedCall = ParseWorkerHook(method, "Chunked", method.Name, ref chunked, names, diagnostics, ref ok);
        var workerBefore = HookName(method, "WorkerHookAttribute", "Before");
        var workerBeforeCall = ParseWorkerHook(method, "Before", method.Name, ref workerBefore, names, diagnostics, ref ok);
        var workerAfter = HookName(method, "WorkerHookAttribute", "After");
        var workerAfterCall = ParseWorkerHook(method, "After", method.Name, ref workerAfter, names, diagnostics, ref ok);
        var workerGuard = HookName(method, "WorkerHookAttribute", "Guard");
        var workerGuardCall = ParseWorkerHook(method, "Guard", method.Name, ref workerGuard, names, diagnostics, ref ok);

        var infoQuery = ParseInfoQuery(method, parameters, handles, infoQueries, diagnostics, ref ok);
        var cache = ParseCache(method, parameters, isAsync, guestOnly, handles, infoQueries, diagnostics, ref ok);
        var proof = FindAttribute(method, "ProvenByKnownObjectsAttribute");
        var proofWhen = proof?.NamedArguments.FirstOrDefault(a => a.Key == "When").Value.Value as string is { Length: > 0 } pw ? pw : null;
        if (proof is not null)
        {
            ok &= CheckProof(method, parameters, isAsync, guestCheck, proofWhen, names, diagnostics);
        }

        if (guestOnly)
        {
            // Nothing is generated around a call the guest answers itself: no side to write by hand, no hook to run.
            foreach (var other in new[] { "ManualAttribute", "AsyncAttribute", "FlushAttribute", "WorkerHookAttribute", "GuestHookAttribute", "AllocatesResourceAttribute", "DeallocatesResourceAttribute", "TimeMeAttribute", "CompletesPendingAttribute", "RecordAttribute" })
            {
                if (FindAttribute(method, other) is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, other.Substring(0, other.Length - "Attribute".Length), method.Name, "the function is [GuestOnly]: the guest answers it itself"));
                    ok = false;
                }
            }
        }

        if (!ok)
        {
            return null;
        }

        var returnType = method.ReturnType;
        var returnIsHandle = handles.TryGetValue(returnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), out var returnHandle);
        if (FindAttribute(method, "AllocatesAttribute") is not null && !returnIsHandle)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Allocates", method.Name, "it returns no handle; mark the [Out] argument that receives the new handle [Allocates]"));
            ok = false;
        }

        var returnCreatedFrom = FindAttribute(method, "AllocatesAttribute") is { } allocates && returnIsHandle
            ? CreatedFrom(method, allocates, returnHandle!.Tracked, $"the handle {method.Name} returns", parameters, diagnostics, ref ok)
            : null;
        var record = ParseRecord(method, parameters, infoQuery, returnIsHandle && returnHandle!.Tracked && FindAttribute(method, "AllocatesAttribute") is not null, diagnostics, ref ok);

        // A returned string ([return: String]) is a char pointer; the guest's copy belongs to the first handle argument's object.
        string? returnStringOf = null;
        if (method.GetReturnTypeAttributes().Any(a => a.AttributeClass?.Name == "StringAttribute" && a.AttributeClass.ToDisplayString().StartsWith(SpecNamespace, StringComparison.Ordinal)))
        {
            var isCharPointer = returnType is IPointerTypeSymbol { PointedAtType.SpecialType: SpecialType.System_SByte or SpecialType.System_Byte };
            if (!isCharPointer || isAsync)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadReturnedString, method, method.Name,
                    !isCharPointer ? $"returns '{returnType.ToDisplayString()}'" : "is [Async]: the caller could not get the string"));
                return null;
            }

            returnStringOf = parameters.FirstOrDefault(x => x.Kind == ParamKind.Handle && !x.PassThrough)?.Name ?? "";
        }

        long? notRemoted = null;
        if (FindAttribute(method, "NotRemotedAttribute") is { } nr)
        {
            notRemoted = nr.ConstructorArguments.Length > 0 ? Convert.ToInt64(nr.ConstructorArguments[0].Value) : 0;
            ok &= CheckNotRemoted(method, notRemoted.Value, !returnIsHandle && WireKind(returnType) is "i" or "u", parameters, diagnostics);
        }

        if (!ok)
        {
            return null;
        }

        var extension = ParseExtension(method, parameters, manual, guestOnly || notRemoted is not null, hasExtensionEntry, names, diagnostics, ref ok);
        var lookupName = ParseLookup(method, parameters, manual, guestOnly || notRemoted is not null, diagnostics, ref ok);
        var forward = manualAttr?.NamedArguments.FirstOrDefault(a => a.Key == "Forward").Value.Value as string is { Length: > 0 } fw ? fw : null;
        if (forward is not null && ((manual & 1) == 0 || guestOnly || notRemoted is not null))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Manual(Forward)", method.Name, "only a hand-written guest side has an export to forward"));
            ok = false;
        }
        else if (forward is not null && !CheckExpression(method, forward, names, diagnostics, anyCall: true))
        {
            ok = false;
        }
        var resources = new List<ResourceModel>();
        foreach (var attribute in method.GetAttributes())
        {
            ok &= TryParseResource(method, attribute, parameters, returnIsHandle, isAsync, names, diagnostics, out var resource);
            if (resource is not null)
            {
                resources.Add(resource);
            }
        }

        if (!ok)
        {
            return null;
        }

        return new FunctionModel(
            method.Name,
            id,
            TypeName(returnType),
            returnIsHandle,
            returnHandle?.TypeId ?? 0,
            returnType.SpecialType == SpecialType.System_Void ? "" : (returnIsHandle ? "h" : returnStringOf is not null ? "s" : WireKind(returnType)),
            FindAttribute(method, "AllocatesAttribute") is not null,
            parameters.ToEquatableArray(),
            isAsync,
            string.IsNullOrEmpty(asyncWhen) ? null : asyncWhen,
            asyncSuccess,
            FindAttribute(method, "FlushAttribute") is not null,
            (manual & 1) != 0 || guestOnly,
            (manual & 2) != 0,
            FindAttribute(method, "TimeMeAttribute") is not null,
            FindAttribute(method, "SymbolVersionAttribute")?.ConstructorArguments[0].Value as string,
            transportError,
            resources.ToEquatableArray(),
            workerBefore,
            workerAfter,
            guestCheck,
            guestAfter,
            chunked,
            notRemoted,
            FindAttribute(method, "NoDriverAttribute") is { } nd ? Convert.ToInt64(nd.ConstructorArguments[0].Value) : apiNoDriver,
            workerGuard,
            infoQuery,
            GuestOnly: guestOnly,
            OutOfResources: FindAttribute(method, "OutOfResourcesAttribute") is { } oor ? Convert.ToInt64(oor.ConstructorArguments[0].Value) : apiOutOfResources,
            ManualProtocol: manualProtocol,
            ReturnTracked: returnIsHandle && returnHandle!.Tracked,
            ReturnCreatedFrom: returnCreatedFrom,
            ProvenByKnownObjects: proof is not null,
            ProofWhen: proofWhen,
            CompletesPending: FindAttribute(method, "CompletesPendingAttribute") is not null,
            ReturnStringOf: returnStringOf,
            Cache: cache,
            Record: record,
            Extension: extension,
            LookupName: lookupName,
            GuestForward: forward,
            GuestCheckCall: guestCheckCall,
            GuestAfterCall: guestAfterCall,
            WorkerBeforeCall: workerBeforeCall,
            WorkerAfterCall: workerAfterCall,
            WorkerChunkedCall: chunkedCall,
            WorkerGuardCall: workerGuardCall);
    }

    /// <summary>
    /// A [WorkerHook] member (<paramref name="key"/>: Before, After, Chunked, Guard) is a method's name, called with the
    /// WorkerCall and every argument by reference (After with the result after the call, Guard with the answer it
    /// gives out), or one call of a hand-written worker method over <c>call</c> (the WorkerCall), the arguments, the
    /// spec class's constants and literals (After's and Guard's also over <c>ret</c>, the result: After's by
    /// reference, Guard's out). For a call, <paramref name="hook"/>
    /// becomes the name of the worker's generated method that makes it (<c>{key}_{function}</c>) and the call is
    /// returned; anything else is AVA025 (AVA001 for a name that is none of those).
    /// </summary>
    private static string? ParseWorkerHook(IMethodSymbol method, string key, string function, ref string? hook, HashSet<string> names, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (hook is null || SyntaxFacts.IsValidIdentifier(hook))
        {
            return null;
        }

        var result = key is "After" or "Guard" && method.ReturnType.SpecialType != SpecialType.System_Void;
        var problem = SyntaxFactory.ParseExpression(hook) is not InvocationExpressionSyntax { Expression: IdentifierNameSyntax }
            ? "give a method's name, or one call of a method over the arguments"
            : names.Contains("call") ? "an argument is named 'call', the name of the WorkerCall in the call"
            : result && names.Contains("ret") ? "an argument is named 'ret', the name of the result in the call"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadWorkerHookCall, method, key, hook, function, problem));
            ok = false;
            return null;
        }

        var scope = new HashSet<string>(names) { "call" };
        if (result)
        {
            scope.Add("ret");
        }

        // A pointer argument's fields (pCopy->srcMemoryType) may be read: the hook runs where the worker decoded them.
        if (!CheckExpression(method, hook, scope, diagnostics, condition: true, anyCall: true))
        {
            ok = false;
            return null;
        }

        var call = hook;
        hook = $"{key}_{function}";
        return call;
    }

    /// <summary>
    /// A [GuestHook] member (<paramref name="key"/>) is a method's name, called with every argument (and After with the
    /// result first), or one call of a hand-written method over some arguments, the spec class's constants and literals
    /// (After's also over <c>ret</c>, the result). For a call, <paramref name="hook"/> becomes the name of the guest's
    /// generated method that makes it (<c>Check_{name}</c>, <c>After_{name}</c>) and the call is returned; anything
    /// else is AVA024 (AVA001 for a name that is none of those).
    /// </summary>
    private static string? ParseGuestHook(IMethodSymbol method, string key, ref string? hook, HashSet<string> names, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (hook is null || SyntaxFacts.IsValidIdentifier(hook))
        {
            return null;
        }

        var after = key == "After";
        var returns = method.ReturnType.SpecialType != SpecialType.System_Void;
        var problem = SyntaxFactory.ParseExpression(hook) is not InvocationExpressionSyntax { Expression: IdentifierNameSyntax }
            ? "give a method's name, or one call of a method over the arguments"
            : after && returns && names.Contains("ret") ? "an argument is named 'ret', the name of the result in the call"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadHookCall, method, key, hook, method.Name, problem));
            ok = false;
            return null;
        }

        var scope = after && returns ? new HashSet<string>(names) { "ret" } : names;
        if (!CheckExpression(method, hook, scope, diagnostics, anyCall: true))
        {
            ok = false;
            return null;
        }

        var call = hook;
        hook = $"{key}_{method.Name}";
        return call;
    }

    /// <summary>
    /// [PendingTransfer] on a buffer of plain bytes: Blocking names a scalar argument, Event an [Out] pointer to a
    /// handle, an output is [Deferred] (its bytes reach the guest later), the class names its events
    /// ([PendingTransfers]), the worker side is generated, and a function has one; anything else is AVA021.
    /// </summary>
    private static bool ParsePendingTransfers(IMethodSymbol method, List<ParameterModel> parameters, bool hasEvents, bool manualWorker, HashSet<string> names, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        var seen = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (method.Parameters.FirstOrDefault(s => s.Name == p.Name) is not { } symbol || FindAttribute(symbol, "PendingTransferAttribute") is not { } attribute)
            {
                continue;
            }

            string Named(string key) => attribute.NamedArguments.FirstOrDefault(a => a.Key == key).Value.Value as string ?? "";
            var blocking = parameters.FirstOrDefault(x => x.Name == Named("Blocking").TrimStart('@'));
            var @event = parameters.FirstOrDefault(x => x.Name == Named("Event").TrimStart('@'));
            var problem =
                !hasEvents ? "the spec class names no events ([PendingTransfers(Events = ...)])"
                : manualWorker ? "the worker side is hand-written"
                : p.Kind is not (ParamKind.InBuffer or ParamKind.OutBuffer or ParamKind.InOutBuffer) || p.ElementIsHandle || p.TerminatorStride > 0 ? "it needs an [In], [Out] or [InOut] buffer of plain elements"
                : p.Kind != ParamKind.InBuffer && !p.Deferred ? "an output of a command still running reaches the guest later: it needs [Deferred]"
                : blocking is not { Kind: ParamKind.Scalar } ? $"Blocking '{Named("Blocking")}' names no scalar argument"
                : @event is not { Kind: ParamKind.OutBuffer, ElementIsHandle: true } ? $"Event '{Named("Event")}' names no [Out] pointer to a handle"
                : ++seen > 1 ? "a function has one pending transfer"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, symbol, "PendingTransfer", $"'{p.Name}' of {method.Name}", problem));
                ok = false;
                continue;
            }

            var offset = Named("Offset");
            if (offset.Length > 0 && !CheckExpression(method, offset, names, diagnostics))
            {
                ok = false;
                continue;
            }

            parameters[i] = p with { Pending = new PendingTransferModel(blocking!.Name, @event!.Name, offset) };
        }

        return ok;
    }

    /// <summary>
    /// [Extension]: a name the lookup answers (a C identifier), and at most one way to select the worker's entry point:
    /// an expression over the arguments, or the key remembered for a handle argument's object; either needs the class's
    /// [ExtensionFunctions] and a generated worker side.
    /// </summary>
    private static ExtensionModel? ParseExtension(IMethodSymbol method, List<ParameterModel> parameters, int manual, bool notCalled, bool hasEntry, HashSet<string> names, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (FindAttribute(method, "ExtensionAttribute") is not { } attribute)
        {
            return null;
        }

        string? Named(string key) => attribute.NamedArguments.FirstOrDefault(a => a.Key == key).Value.Value as string is { Length: > 0 } v ? v : null;
        var answered = Named("As") ?? method.Name;
        var key = Named("Key");
        var keyOf = Named("KeyOf");
        var bound = key ?? keyOf;
        var problem = !SyntaxFacts.IsValidIdentifier(answered) ? $"'{answered}' is not a C identifier"
            : key is not null && keyOf is not null ? "the worker's entry point is selected by Key or by KeyOf, not both"
            : bound is not null && !hasEntry ? "the spec class has no [ExtensionFunctions(Entry = ...)] to bind it with"
            : bound is not null && ((manual & 2) != 0 || notCalled) ? "the worker makes no real call of it"
            : keyOf is not null && !parameters.Any(p => p.Name == keyOf && p.Kind == ParamKind.Handle && !p.PassThrough) ? $"KeyOf names '{keyOf}', which is no translated handle argument"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Extension", method.Name, problem));
            ok = false;
            return null;
        }

        // The key's methods live in the worker's hand-written part, which the other sides do not compile.
        if (key is not null && !CheckExpression(method, key, names, diagnostics, anyCall: true))
        {
            ok = false;
            return null;
        }

        return new ExtensionModel(answered, key, keyOf);
    }

    /// <summary>[ExtensionLookup]: a generated guest export returning a pointer, its name a [String] argument.</summary>
    private static string? ParseLookup(IMethodSymbol method, List<ParameterModel> parameters, int manual, bool notCalled, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (FindAttribute(method, "ExtensionLookupAttribute") is not { } attribute)
        {
            return null;
        }

        var name = attribute.ConstructorArguments[0].Value as string ?? "";
        var problem = method.ReturnType is not IPointerTypeSymbol ? $"it returns '{method.ReturnType.ToDisplayString()}', not a function's address"
            : !parameters.Any(p => p.Name == name && p.Kind == ParamKind.String) ? $"'{name}' is no [String] argument"
            : (manual & 1) != 0 || notCalled ? "the guest's export is not generated"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "ExtensionLookup", method.Name, problem));
            ok = false;
            return null;
        }

        return name;
    }

    /// <summary>
    /// [Record]: a creation must create one tracked object the guest learns (an owner or OwnsItself on its
    /// [Allocates]); a configuration names a tracked handle argument with Of, and Key a scalar argument; a query names
    /// with Binds its [Out] array of handles, or its info value when some of its [InfoValue]s are of an untracked type.
    /// </summary>
    private static RecordModel? ParseRecord(IMethodSymbol method, List<ParameterModel> parameters, InfoQueryModel? infoQuery, bool returnsTrackedCreation, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (FindAttribute(method, "RecordAttribute") is not { } attribute)
        {
            return null;
        }

        string? Named(string name) => attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string is { Length: > 0 } v ? v : null;
        var of = Named("Of");
        var key = Named("Key");
        var binds = Named("Binds");
        var subject = of is null ? null : parameters.FirstOrDefault(p => p.Name == of);
        var keyed = key is null ? null : parameters.FirstOrDefault(p => p.Name == key);
        var found = binds is null ? null : parameters.FirstOrDefault(p => p.Name == binds);
        var foundInInfo = binds is not null && infoQuery is { } iq && iq.Value == binds;
        var problem = of is null && key is not null ? "Key tells configurations of one object apart; it needs Of"
            : of is not null && binds is not null ? "a call either configures an object (Of) or finds the library's objects (Binds)"
            : foundInInfo && !infoQuery!.Handles.Any(h => !h.Tracked)
                ? $"Binds = \"{binds}\" names the info value, but no [InfoValue] of {method.Name} is of an untracked handle type"
            : binds is not null && !foundInInfo && (found is null || found.Kind != ParamKind.OutBuffer || !found.ElementIsHandle)
                ? $"Binds = \"{binds}\" must name an [Out] array of handles, or the info value of an info query"
            : of is null && binds is null && !returnsTrackedCreation && !parameters.Any(p => p.Allocates && p.Tracked)
                ? "it creates no object of a tracked type; mark what it creates [Allocates] (of a [HandleType(Tracked = true)] type), name the configured object with Of, or the found ones with Binds"
            : of is not null && (subject is null || subject.Kind != ParamKind.Handle || !subject.Tracked)
                ? $"Of = \"{of}\" must name a handle argument of a tracked type"
            : key is not null && (keyed is null || keyed.Kind != ParamKind.Scalar) ? $"Key = \"{key}\" must name a scalar argument"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Record", method.Name, problem));
            ok = false;
            return null;
        }

        return new RecordModel(of, key, binds);
    }

    /// <summary>
    /// Where a new object of a tracked handle type belongs ([Allocates(Owner = ...)] or OwnsItself): the owner argument's
    /// name, "" for an object that owns itself; null for an untracked type or one the function's [GuestHook(After)]
    /// learns by hand. Otherwise a tracked creation must say which, the owner must be a handle (or handle array)
    /// argument of a tracked type, and an untracked type takes neither.
    /// </summary>
    private static string? CreatedFrom(IMethodSymbol method, AttributeData allocates, bool tracked, string what, List<ParameterModel> parameters, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        var owner = allocates.NamedArguments.FirstOrDefault(a => a.Key == "Owner").Value.Value as string ?? "";
        var ownsItself = allocates.NamedArguments.FirstOrDefault(a => a.Key == "OwnsItself").Value.Value is true;
        string? problem = null;
        if (!tracked && (owner.Length > 0 || ownsItself))
        {
            problem = $"{what} is of a handle type that is not [HandleType(Tracked = true)]: the guest keeps nothing of it";
        }
        else if (tracked && owner.Length > 0 && ownsItself)
        {
            problem = $"{what} cannot both own itself and belong to '{owner}'";
        }
        else if (tracked && owner.Length == 0 && !ownsItself)
        {
            if (HookName(method, "GuestHookAttribute", "After") is not null || FindAttribute(method, "NotRemotedAttribute") is not null)
            {
                // The function's own guest hook learns the object (what it knows of it needs more than its owner), or
                // the function is not remoted and creates nothing.
                return null;
            }

            problem = $"{what} is of a tracked handle type: say where it belongs, with Owner = \"argument\" or OwnsItself = true (or learn it in a [GuestHook(After)])";
        }
        else if (owner.Length > 0 && !parameters.Any(p => p.Name == owner && p.Tracked && (p.Kind == ParamKind.Handle || (p.Kind == ParamKind.InBuffer && p.ElementIsHandle))))
        {
            problem = $"Owner '{owner}' is not a handle or handle array argument of a tracked type";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "Allocates", method.Name, problem));
            ok = false;
            return null;
        }

        return tracked ? owner : null;
    }

    /// <summary>The tracking an argument's [Allocates(Owner = ...)] asks for: one new handle written through an [Out] pointer.</summary>
    private static bool ParseTracking(IMethodSymbol method, List<ParameterModel> parameters, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var symbol = method.Parameters.First(s => s.Name == p.Name);
            if (FindAttribute(symbol, "AllocatesAttribute") is not { } allocates || !p.Allocates)
            {
                continue;
            }

            var named = allocates.NamedArguments.Any(a => a.Key is "Owner" or "OwnsItself");
            if (!named)
            {
                // An array of new handles (clCreateKernelsInProgram's) is the worker's to allocate; the guest learns it by hand.
                continue;
            }

            if (p.Kind != ParamKind.OutBuffer || p.SizeExpression != "1")
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, symbol, "Allocates", $"'{p.Name}' of {method.Name}", "the guest learns one new handle written through an [Out] pointer, not an array"));
                ok = false;
                continue;
            }

            var created = CreatedFrom(method, allocates, p.Tracked, $"'{p.Name}'", parameters, diagnostics, ref ok);
            parameters[i] = p with { CreatedFrom = created };
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var symbol = method.Parameters.First(s => s.Name == parameters[i].Name);
            if (FindAttribute(symbol, "NotifiesOnReleaseAttribute") is not null && parameters[i].Kind == ParamKind.Handle && parameters[i].Tracked)
            {
                parameters[i] = parameters[i] with { NotifiesOnRelease = true };
            }
        }

        return ok;
    }

    /// <summary>
    /// [ProvenByKnownObjects] proves an async call from its handles alone: it needs an async function without a
    /// hand-written check whose every input is a scalar, a tracked handle or an array of them.
    /// </summary>
    private static bool CheckProof(IMethodSymbol method, List<ParameterModel> parameters, bool isAsync, string? guestCheck, string? when, HashSet<string> names, List<DiagnosticInfo> diagnostics)
    {
        var unproven = parameters.FirstOrDefault(p => p.Kind switch
        {
            ParamKind.Scalar or ParamKind.OutBuffer => false,
            ParamKind.Handle => !p.Tracked,
            ParamKind.InBuffer => !(p.ElementIsHandle && p.Tracked),
            _ => true,
        });
        var problem = !isAsync ? "the function is never async: the proof would never run"
            : guestCheck is not null ? $"it has its own [GuestHook(Check = \"{guestCheck}\")]"
            : unproven is not null ? $"argument '{unproven.Name}' is neither a scalar nor a handle (or handle array) of a tracked type, so the guest cannot know it valid"
            : !parameters.Any(p => p.Tracked) ? "it names no object of a tracked type"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "ProvenByKnownObjects", method.Name, problem));
            return false;
        }

        return when is null || CheckExpression(method, when, names, diagnostics, condition: true);
    }

    /// <summary>A function's [InfoValue] entries: (selectors, handle type or null, bytes); empty when it has none.</summary>
    private static List<(long[] Selectors, ITypeSymbol? Handle, int Bytes, long Clears, long PropertyKey)> InfoValues(IMethodSymbol method) =>
        method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "InfoValueAttribute")
            .Select(a => (
                a.ConstructorArguments.Length == 0 || a.ConstructorArguments[0].IsNull ? [] : a.ConstructorArguments[0].Values.Select(v => Convert.ToInt64(v.Value)).ToArray(),
                a.NamedArguments.FirstOrDefault(n => n.Key == "Handle").Value.Value as ITypeSymbol,
                a.NamedArguments.FirstOrDefault(n => n.Key == "Bytes").Value.Value is int bytes ? bytes : 0,
                a.NamedArguments.FirstOrDefault(n => n.Key == "Clears").Value.Value is { } clears ? Convert.ToInt64(clears) : 0L,
                a.NamedArguments.FirstOrDefault(n => n.Key == "PropertyKey").Value.Value is { } key ? Convert.ToInt64(key) : 0L))
            .ToList();

    /// <summary>
    /// The size expression of an info value sized by its query's table (<c>s == 5 ? 16 : (s == 2 || s == 6) ? 4 : 8</c>):
    /// null when the table does not size it (no entry with a size, or no default entry).
    /// </summary>
    private static string? InfoValueSize(IMethodSymbol method, string selector)
    {
        var entries = InfoValues(method).Select(e => (e.Selectors, Bytes: e.Handle is not null && e.Bytes == 0 ? 8 : e.Bytes)).ToList();
        var fallback = entries.Where(e => e.Selectors.Length == 0 && e.Bytes > 0).Select(e => e.Bytes).FirstOrDefault();
        if (fallback == 0)
        {
            return null;
        }

        var expression = fallback.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var group in entries.Where(e => e.Selectors.Length > 0 && e.Bytes != fallback).GroupBy(e => e.Bytes).Reverse())
        {
            var test = string.Join(" || ", group.SelectMany(e => e.Selectors).Select(v => $"{selector} == {v}"));
            expression = $"({test}) ? {group.Key} : {expression}";
        }

        return expression;
    }

    /// <summary>
    /// A function's [InfoValue] entries under the spec's [InfoQueries] protocol: the selector is a scalar argument, the
    /// value an [Out] buffer sized by a Returned count or by the table, each handle type a translated handle type.
    /// </summary>
    private static InfoQueryModel? ParseInfoQuery(IMethodSymbol method, List<ParameterModel> parameters, Dictionary<string, HandleTypeModel> handles, (string Selector, string Value)? protocol, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        var entries = InfoValues(method);
        if (entries.Count == 0)
        {
            return null;
        }

        string? problem = null;
        var selector = protocol is { } pr ? parameters.FirstOrDefault(p => p.Name == pr.Selector && p.Kind == ParamKind.Scalar) : null;
        var value = protocol is { } pv ? parameters.FirstOrDefault(p => p.Name == pv.Value && p.Kind == ParamKind.OutBuffer && !p.ElementIsHandle) : null;
        var count = value is null ? null : Emit.WorkerEmitter.ReturnedCounts(parameters.ToEquatableArray()).FirstOrDefault(c => c.Buffer == value).Count;
        var sized = value is not null && protocol is { } ps && value.SizeExpression == InfoValueSize(method, ps.Selector);
        if (protocol is null)
        {
            problem = "the spec class declares no [InfoQueries] protocol";
        }
        else if (selector is null || value is null || (count is null && !sized))
        {
            problem = $"{method.Name} is no info query: it needs a scalar '{protocol.Value.Selector}' and an [Out] buffer '{protocol.Value.Value}' sized by a Returned count or by a default [InfoValue(Bytes = n)]";
        }

        var translated = new List<InfoHandleModel>();
        var cleared = new List<InfoClearModel>();
        foreach (var (selectors, type, bytes, clears, _) in entries.Where(e => e.Clears != 0))
        {
            if (problem is null && (type is not null || selectors.Length == 0 || bytes is not 0 and not 8))
            {
                problem = "[InfoValue(Clears = ...)] names its selectors and is about an 8-byte value that is no handle";
            }
            else if (problem is null)
            {
                cleared.AddRange(selectors.Select(v => new InfoClearModel(v, clears)));
            }
        }

        if (problem is null && entries.Any(e => e.Handle is null && e.PropertyKey != 0))
        {
            problem = "[InfoValue(PropertyKey = ...)] names the Handle type of the property's value";
        }

        foreach (var (selectors, type, bytes, _, key) in entries.Where(e => e.Handle is not null))
        {
            if (problem is null && key != 0 && bytes != 0)
            {
                problem = "a property list's size is what the callee wrote: [InfoValue(PropertyKey = ...)] has no Bytes";
            }

            if (problem is null && (!handles.TryGetValue(TypeName(type!), out var handle) || handle.PassThrough))
            {
                problem = $"'{type!.ToDisplayString()}' is not a translated [HandleType] of the spec";
            }
            else if (problem is null && selectors.Length == 0)
            {
                problem = "an [InfoValue] of handles names the selectors it is about";
            }
            else if (problem is null)
            {
                translated.AddRange(selectors.Select(v => new InfoHandleModel(v, handles[TypeName(type!)].TypeId, key, handles[TypeName(type!)].Tracked)));
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "InfoValue", method.Name, problem));
            ok = false;
            return null;
        }

        return translated.Count == 0 && cleared.Count == 0 ? null : new InfoQueryModel(selector!.Name, value!.Name, count?.Name, translated.ToEquatableArray(), cleared.ToEquatableArray());
    }

    /// <summary>Most [GuestState] declarations an API has (Ava.Guest.GuestStates' slots).</summary>
    private const int GuestStateSlots = 8;

    /// <summary>
    /// The API class's [GuestState] declarations: name to slot, whether it is per thread, and whether it is another
    /// API's of the group ([GuestState(Api = ...)]). The API's own states and the other APIs' are numbered apart: a
    /// slot of an own state is one of this image's GuestStates, a slot of another API's one of its ForeignStates.
    /// </summary>
    private static Dictionary<string, GuestStateModel> ParseGuestStates(INamedTypeSymbol type, string api, string group, List<DiagnosticInfo> diagnostics)
    {
        var states = new Dictionary<string, GuestStateModel>();
        foreach (var attribute in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "GuestStateAttribute"))
        {
            var stateName = attribute.ConstructorArguments[0].Value as string ?? "";
            var perThread = attribute.NamedArguments.FirstOrDefault(a => a.Key == "PerThread").Value.Value is true;
            var owner = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Api").Value.Value as string ?? "";
            var count = states.Values.Count(s => (s.Api.Length == 0) == (owner.Length == 0));
            var problem = stateName.Length == 0 ? "a state needs a name"
                : states.ContainsKey(stateName) ? $"the state '{stateName}' is declared twice"
                : count == GuestStateSlots ? $"at most {GuestStateSlots} states are kept"
                : owner == api ? $"Api names this API itself: its own states name no API"
                : owner.Length > 0 && group.Length == 0 ? $"the state is API '{owner}'s, and this API is in no [ApiGroup] with it"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, type, "GuestState", api, problem));
                continue;
            }

            states[stateName] = new GuestStateModel(stateName, perThread, owner, count);
        }

        return states;
    }

    /// <summary>
    /// [LazyGuestState]: the per-thread state of another API of the group that the library takes into use by itself,
    /// with the states it changes then; null when the API declares none (or the declaration is reported).
    /// </summary>
    private static LazyStateModel? ParseLazyState(INamedTypeSymbol type, string api, Dictionary<string, GuestStateModel> states, List<DiagnosticInfo> diagnostics)
    {
        if (FindAttribute(type, "LazyGuestStateAttribute") is not { } attribute)
        {
            return null;
        }

        var stateName = attribute.ConstructorArguments[0].Value as string ?? "";
        var also = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Also").Value is { Kind: TypedConstantKind.Array } list
            ? list.Values.Select(v => v.Value as string ?? "").ToList()
            : [];
        string? problem = !states.TryGetValue(stateName, out var state) ? $"the API declares no [GuestState(\"{stateName}\")]"
            : state.Api.Length == 0 ? $"the state '{stateName}' is this API's own: only another API's state of the group is taken into use by this one's calls"
            : !state.PerThread ? $"the state '{stateName}' is not per thread: a state is taken into use on a thread"
            : also.FirstOrDefault(a => !states.TryGetValue(a, out var other) || other.Api.Length == 0 || a == stateName) is { } bad
                ? $"Also names '{bad}', which is not another API's [GuestState] besides '{stateName}'"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, type, "LazyGuestState", api, problem));
            return null;
        }

        return new LazyStateModel(state!.Slot, also.Aggregate(0, (mask, a) => mask | (1 << states[a].Slot)));
    }

    /// <summary>
    /// [CachedInGuest(State)], [ChangesGuestState] and [UsesGuestState] of one function against the API's declared
    /// states: a state that is not declared, AllThreads on a state every thread shares, a kept answer depending on
    /// another API's state, or a proof of use from a call whose status is not known when it returns, is reported.
    /// </summary>
    private static FunctionModel ApplyGuestStates(IMethodSymbol method, FunctionModel function, Dictionary<string, GuestStateModel> states, string? lazyState, List<DiagnosticInfo> diagnostics)
    {
        if (FindAttribute(method, "CachedInGuestAttribute")?.NamedArguments.FirstOrDefault(a => a.Key == "State").Value.Value is string { Length: > 0 } cachedState)
        {
            if (function.Cache is null)
            {
                // ParseCache reported why the answer cannot be kept.
            }
            else if (!states.TryGetValue(cachedState, out var state))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "CachedInGuest(State)", method.Name, $"the API declares no [GuestState(\"{cachedState}\")]"));
            }
            else if (state.Api.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "CachedInGuest(State)", method.Name, $"the state '{cachedState}' is API '{state.Api}'s: this API's kept answers depend only on its own states"));
            }
            else if (function.Parameters.Count(p => p.Kind is ParamKind.Scalar or ParamKind.Handle) >= CacheKeySlots)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "CachedInGuest(State)", method.Name, $"its key and the state's value would need more than {CacheKeySlots} slots"));
            }
            else
            {
                function = function with { Cache = function.Cache with { State = state.Slot, StatePerThread = state.PerThread } };
            }
        }

        var answeredHere = function.GuestOnly || function.NotRemoted is not null;
        var changes = new List<StateChangeModel>();
        foreach (var attribute in method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "ChangesGuestStateAttribute"))
        {
            var stateName = attribute.ConstructorArguments[0].Value as string ?? "";
            var allThreads = attribute.NamedArguments.FirstOrDefault(a => a.Key == "AllThreads").Value.Value is true;
            if (!states.TryGetValue(stateName, out var state))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "ChangesGuestState", method.Name, $"the API declares no [GuestState(\"{stateName}\")]"));
            }
            else if (allThreads && !state.PerThread)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "ChangesGuestState(AllThreads)", method.Name, $"the state '{stateName}' is not per thread: every change is every thread's"));
            }
            else if (answeredHere)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "ChangesGuestState", method.Name, "a call answered in the guest changes no library state"));
            }
            else
            {
                changes.Add(new StateChangeModel(state.Slot, state.PerThread, allThreads, Foreign: state.Api.Length > 0));
            }
        }

        var uses = false;
        if (FindAttribute(method, "UsesGuestStateAttribute") is { } usesAttribute)
        {
            var stateName = usesAttribute.ConstructorArguments[0].Value as string ?? "";
            string? problem = stateName != lazyState ? $"the API declares no [LazyGuestState(\"{stateName}\")]"
                : answeredHere ? "a call answered in the guest takes nothing into use in the library"
                : function.Async && function.AsyncWhen is null ? "the call always returns at once, before its status is known"
                : function.ReturnType == "void" || function.ReturnIsHandle ? "the call returns no status that could say it succeeded"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "UsesGuestState", method.Name, problem));
            }
            else
            {
                uses = true;
            }
        }

        function = changes.Count == 0 ? function : function with { StateChanges = changes.ToEquatableArray() };
        return uses ? function with { UsesLazyState = true } : function;
    }

    /// <summary>Most scalar and handle arguments a kept answer's key holds (Ava.Guest.AnswerKey's slots).</summary>
    private const int CacheKeySlots = 6;

    /// <summary>
    /// [CachedInGuest]: a synchronous call returning a status whose arguments are scalars and handles (the key) and
    /// plain [Out] buffers (the answer), so that a repeat with the same key can be answered with the same bytes.
    /// </summary>
    private static CacheModel? ParseCache(IMethodSymbol method, List<ParameterModel> parameters, bool isAsync, bool guestOnly, Dictionary<string, HandleTypeModel> handles, (string Selector, string Value)? infoQueries, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        if (FindAttribute(method, "CachedInGuestAttribute") is not { } attribute)
        {
            return null;
        }

        var named = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Selector").Value.Value as string;
        var except = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Except").Value is { Kind: TypedConstantKind.Array } list
            ? list.Values.Select(v => Convert.ToInt64(v.Value)).ToArray()
            : [];
        var selectorName = !string.IsNullOrEmpty(named) ? named
            : infoQueries is { } q && parameters.Any(p => p.Name == q.Selector) ? q.Selector
            : null;
        var keys = parameters.Where(p => p.Kind is ParamKind.Scalar or ParamKind.Handle).ToList();
        var returnsStatus = !handles.ContainsKey(TypeName(method.ReturnType)) && WireKind(method.ReturnType) is "i" or "u";
        string? problem = null;
        if (isAsync || guestOnly || FindAttribute(method, "NotRemotedAttribute") is not null)
        {
            problem = "only a synchronous remote call has an answer to keep";
        }
        else if (!returnsStatus)
        {
            problem = "it returns no status, so a kept answer could not be told from an error";
        }
        else if (parameters.FirstOrDefault(p => !(p.Kind is ParamKind.Scalar or ParamKind.Handle && p.ScalarWire is "i" or "u" or "h" or "")
            && !(p.Kind == ParamKind.OutBuffer && !p.Deferred && !p.Allocates && (!p.ElementIsHandle || !handles.Values.Any(h => h.TypeId == p.ElementHandleTypeId && h.Tracked)))) is { } other)
        {
            problem = $"'{other.Name}' is neither an integer or handle argument of the key nor a plain [Out] buffer of the answer (values, or handles of an untracked type that the call does not create)";
        }
        else if (keys.Count > CacheKeySlots)
        {
            problem = $"its key would need {keys.Count} arguments; at most {CacheKeySlots} are kept";
        }
        else if (selectorName is not null && !parameters.Any(p => p.Name == selectorName && p.Kind == ParamKind.Scalar))
        {
            problem = $"its selector '{selectorName}' is not a scalar argument";
        }
        else if (selectorName is null && except.Length > 0)
        {
            problem = "Except names selector values, but no Selector argument is given and the function is no [InfoQueries] query";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, "CachedInGuest", method.Name, problem));
            ok = false;
            return null;
        }

        var released = keys.Where(p => p.Kind == ParamKind.Handle).Select(p => p.HandleTypeId).Distinct().ToEquatableArray();
        return new CacheModel(selectorName, except.ToEquatableArray(), released);
    }

    /// <summary>
    /// A function that is not remoted has nothing generated around a call, so hand-written sides and hooks cannot
    /// apply; a status it reports needs a status return or an [ErrorOut] argument to go to.
    /// </summary>
    private static bool CheckNotRemoted(IMethodSymbol method, long status, bool returnsStatus, List<ParameterModel> parameters, List<DiagnosticInfo> diagnostics)
    {
        var valid = true;
        foreach (var other in new[] { "ManualAttribute", "GuestOnlyAttribute", "AsyncAttribute", "FlushAttribute", "WorkerHookAttribute", "GuestHookAttribute", "AllocatesResourceAttribute", "DeallocatesResourceAttribute", "TimeMeAttribute", "CompletesPendingAttribute", "RecordAttribute" })
        {
            if (FindAttribute(method, other) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, method, other.Substring(0, other.Length - "Attribute".Length), method.Name, "the function is [NotRemoted]: no call is made"));
                valid = false;
            }
        }

        if (status != 0 && !returnsStatus && !parameters.Any(p => p.ErrorOut))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotRemotedStatusNowhere, method, method.Name, status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            valid = false;
        }

        return valid;
    }

    /// <summary>
    /// An [InOut] pointer to one handle: the application's variable that a destroy function reads and clears
    /// (NCSDK's <c>ncGraphDestroy(struct ncGraphHandle_t **)</c>).
    /// </summary>
    internal static bool IsHandleSlot(ParameterModel p) =>
        p.Kind == ParamKind.InOutBuffer && p.ElementIsHandle && p.SizeExpression == "1";

    /// <summary>Whether a [WorkerHook(Chunked)] hook can move this argument's bytes chunk by chunk.</summary>
    internal static bool IsChunkable(ParameterModel p) =>
        !p.ElementIsHandle && ((p.Kind == ParamKind.InBuffer && p.TerminatorStride == 0) || (p.Kind == ParamKind.OutBuffer && p.Deferred));

    /// <summary>
    /// Resolves a resource annotation against the arguments (<paramref name="resource"/> stays null when
    /// <paramref name="attribute"/> is not one); false when it is invalid, after reporting why.
    /// </summary>
    private static bool TryParseResource(IMethodSymbol method, AttributeData attribute, List<ParameterModel> parameters, bool returnIsHandle, bool isAsync, HashSet<string> names, List<DiagnosticInfo> diagnostics, out ResourceModel? resource)
    {
        resource = null;
        var kind = attribute.AttributeClass?.ToDisplayString() switch
        {
            SpecNamespace + "AllocatesResourceAttribute" => ResourceKind.Allocates,
            SpecNamespace + "DeallocatesResourceAttribute" => ResourceKind.Deallocates,
            SpecNamespace + "ConsumesResourceAttribute" => ResourceKind.Consumes,
            _ => (ResourceKind?)null,
        };
        if (kind is null)
        {
            return true;
        }

        var name = attribute.ConstructorArguments[0].Value as string ?? "";
        var amount = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string ?? "" : "";
        TypedConstant Named(string key) => attribute.NamedArguments.FirstOrDefault(a => a.Key == key).Value;
        var of = Named("Of").Value as string is { Length: > 0 } o ? o : null;
        switch (kind)
        {
            case ResourceKind.Consumes:
                resource = new ResourceModel(kind.Value, name, amount);
                return true;

            case ResourceKind.Deallocates:
            {
                // The freed object: the named handle argument, the [Deallocates] one, or the only handle there is; a
                // destroy function that clears the caller's variable frees the handle its pointer holds.
                var handles = parameters.Where(p => p.Kind == ParamKind.Handle || IsHandleSlot(p)).ToList();
                var freed = of is not null ? handles.FirstOrDefault(p => p.Name == of)
                    : handles.FirstOrDefault(p => p.Deallocates) ?? (handles.Count == 1 ? handles[0] : null);
                if (freed is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceWithoutObject, method, method.Name, name,
                        of is null ? " (no [Deallocates] argument and not exactly one handle argument)" : $" ('{of}' is not a handle argument)"));
                    return false;
                }

                resource = new ResourceModel(kind.Value, name, "", Of: freed.Name);
                return true;
            }
        }

        var valid = true;
        if (isAsync)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceAllocationAsync, method, method.Name, name));
            valid = false;
        }

        var denied = Named("Denied");
        var errorName = Named("ErrorArgument").Value as string is { Length: > 0 } e ? e : null;

        // A function whose only failure report is the NULL handle it returns (GTI's GtiCreateModelFromBuffer) is refused
        // with NULL alone, and names no Denied value; every other one says what a refusal reports.
        var nullAlone = returnIsHandle && errorName is null && denied.IsNull;
        if (denied.IsNull && !nullAlone)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceDeniedMissing, method, method.Name, name));
            valid = false;
        }

        valid &= CheckExpression(method, amount, names, diagnostics);

        // Where the denial goes: the status return, and the [Out] error-code argument when one is named.
        var returnsStatus = !returnIsHandle && WireKind(method.ReturnType) is "i" or "u";
        if (errorName is not null)
        {
            var error = parameters.FirstOrDefault(p => p.Name == errorName);
            if (error is not { Kind: ParamKind.OutBuffer or ParamKind.InOutBuffer, ElementHandleTypeId: 0, SizeExpression: "1", ElementType: "int" or "uint" or "long" or "ulong" })
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceDeniedNowhere, method, method.Name, TypeName(method.ReturnType), $"'{errorName}' is not an [Out] integer argument"));
                valid = false;
            }
        }
        else if (!returnsStatus && !nullAlone)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceDeniedNowhere, method, method.Name, TypeName(method.ReturnType), "no ErrorArgument"));
            valid = false;
        }

        // The created object: the named [Out] handle argument, the returned handle, or the only [Out] handle argument.
        var outHandles = parameters.Where(p => p.Kind == ParamKind.OutBuffer && p.ElementHandleTypeId != 0 && p.SizeExpression == "1").ToList();
        ParameterModel? created = null;
        if (of is not null)
        {
            // Named, it may also be a handle argument: an object made before and given its device memory by this call
            // (NCSDK's ncGraphAllocate), charged when the call succeeds.
            created = outHandles.FirstOrDefault(p => p.Name == of) ?? parameters.FirstOrDefault(p => p.Name == of && p.Kind == ParamKind.Handle && !p.PassThrough);
        }
        else if (!returnIsHandle && outHandles.Count == 1)
        {
            created = outHandles[0];
        }

        if (created is null && (of is not null || !returnIsHandle))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ResourceWithoutObject, method, method.Name, name,
                of is null ? " (it returns no handle and has not exactly one [Out] handle argument)" : $" ('{of}' is neither a handle argument nor an [Out] argument pointing to one handle)"));
            valid = false;
        }

        resource = valid ? new ResourceModel(kind.Value, name, amount, Convert.ToInt64(denied.Value), errorName, created?.Name) : null;
        return valid;
    }

    private static string? HookName(IMethodSymbol method, string attribute, string key) =>
        FindAttribute(method, attribute)?.NamedArguments.FirstOrDefault(a => a.Key == key).Value.Value is string { Length: > 0 } hook ? hook : null;

    private static ParameterModel? ParseParameter(IMethodSymbol method, IParameterSymbol p, HashSet<string> names, Dictionary<string, HandleTypeModel> handles, (string Selector, string Value)? infoQueries, List<DiagnosticInfo> diagnostics)
    {
        var parameter = ParseParameterKind(method, p, names, handles, infoQueries, diagnostics);
        return parameter is null || !CheckParameterAttributes(method, p, parameter, diagnostics) ? null : parameter;
    }

    /// <summary>
    /// An annotation that does not fit the argument's kind (a [Deferred] input, [Retains] on a value that is no handle)
    /// would be silently ignored: it is a spec mistake, reported at the argument.
    /// </summary>
    private static bool CheckParameterAttributes(IMethodSymbol method, IParameterSymbol p, ParameterModel parameter, List<DiagnosticInfo> diagnostics)
    {
        var output = parameter.Kind is ParamKind.OutBuffer or ParamKind.InOutBuffer;
        var buffer = output || parameter.Kind == ParamKind.InBuffer;
        (string Attribute, bool Fits, string Needs)[] rules =
        [
            ("Deferred", output, "an [Out] or [InOut] buffer"),
            ("ErrorOut", parameter.Kind == ParamKind.OutBuffer && parameter.ElementHandleTypeId == 0 && parameter.SizeExpression == "1", "an [Out] pointer to one integer"),
            ("Allocates", output && parameter.ElementHandleTypeId != 0, "an [Out] pointer to handles"),
            ("Deallocates", parameter.Kind == ParamKind.Handle || IsHandleSlot(parameter), "a handle argument or an [InOut] pointer to one handle"),
            ("Retains", parameter.Kind == ParamKind.Handle, "a handle argument"),
            ("Scratch", parameter.Kind == ParamKind.Handle && !parameter.Deallocates && method.Parameters.Any(o => FindAttribute(o, "DeallocatesAttribute") is not null),
                "a handle argument of a release function other than its [Deallocates] one"),
            ("NotifiesOnRelease", parameter.Kind == ParamKind.Handle && parameter.Tracked, "a handle argument of a [HandleType(Tracked = true)] type"),
            ("DeviceRange", parameter.DeviceRange is not null, "an [Out] pointer to one address of a [HandleType(PassThrough = true)] type"),
            ("FreesDeviceRange", parameter.Kind == ParamKind.Handle && parameter.PassThrough, "an address of a [HandleType(PassThrough = true)] type"),
            ("Buffer", buffer, "a pointer argument with [In], [Out] or [InOut]"),
            ("String", parameter.Kind is ParamKind.String or ParamKind.OutString, "a char pointer, or an [Out] pointer to one"),
            ("Callback", parameter.Kind == ParamKind.Callback, "a function pointer argument"),
            ("UserData", p.Type is IPointerTypeSymbol, "a pointer argument"),
            ("PropertyHandle", parameter.TerminatorStride > 0, "a [ZeroTerminated(Stride = 2)] property list"),
            ("MemberHandle", parameter.MemberHandles.Length > 0, "an [In] pointer to one struct"),
            ("MayHoldHandle", parameter.Kind == ParamKind.InBuffer && !parameter.ElementIsHandle && parameter.TerminatorStride == 0, "an [In] buffer of plain elements"),
            ("AlwaysNull", parameter.Kind == ParamKind.InBuffer && !parameter.ElementIsHandle && parameter.TerminatorStride == 0, "an [In] buffer of plain elements"),
        ];
        var valid = true;
        foreach (var (attribute, fits, needs) in rules)
        {
            if (!fits && FindAttribute(p, attribute + "Attribute") is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, attribute, $"'{p.Name}' of {method.Name}", $"it needs {needs}"));
                valid = false;
            }
        }

        if (parameter.NullWithCount != 0 && !IsCountedList(parameter))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, "Buffer(NullWithCount)", $"'{p.Name}' of {method.Name}", "it needs an [In] array counted by another argument"));
            valid = false;
        }

        return valid;
    }

    /// <summary>An [In] array whose count is an expression over other arguments, not a constant (a device list).</summary>
    internal static bool IsCountedList(ParameterModel p) =>
        p.Kind == ParamKind.InBuffer && p.SizeExpression is { } count && !long.TryParse(count, out _);

    /// <summary>An [In] array of handles whose count is an expression over other arguments, not a constant (an event wait list).</summary>
    internal static bool IsCountedObjectList(ParameterModel p) => IsCountedList(p) && p.ElementIsHandle;

    private static ParameterModel? ParseParameterKind(IMethodSymbol method, IParameterSymbol p, HashSet<string> names, Dictionary<string, HandleTypeModel> handles, (string Selector, string Value)? infoQueries, List<DiagnosticInfo> diagnostics)
    {
        var type = p.Type;
        var typeName = TypeName(type);
        bool Has(string attribute) => FindAttribute(p, attribute) is not null;
        var buffer = FindAttribute(p, "BufferAttribute");
        var isIn = Has("InAttribute");
        var isOut = Has("OutAttribute");
        var isInOut = Has("InOutAttribute");
        var empty = new ParameterModel(p.Name, typeName, ParamKind.Scalar, "", "", false, 0, null, null, Has("DeferredAttribute"), Has("AllocatesAttribute"),
            Has("DeallocatesAttribute"), Has("RetainsAttribute"), null, null, false, default, null, null, 0, "") { Scratch = Has("ScratchAttribute") };

        if (type is IFunctionPointerTypeSymbol fp)
        {
            var callback = FindAttribute(p, "CallbackAttribute");
            if (callback is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnannotatedPointer, p, p.Name, method.Name));
                return null;
            }

            var args = fp.Signature.Parameters.Select((a, i) =>
            {
                var isHandle = handles.TryGetValue(a.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), out var h);
                var isUserData = i == fp.Signature.Parameters.Length - 1 && a.Type is IPointerTypeSymbol { PointedAtType.SpecialType: SpecialType.System_Void };
                // s: a C string, copied to the guest; p: any other pointer, an address in the worker, so it reaches the guest as NULL.
                var isString = a.Type is IPointerTypeSymbol { PointedAtType.SpecialType: SpecialType.System_SByte or SpecialType.System_Byte };
                return new CallbackArgModel(TypeName(a.Type), isHandle, h?.TypeId ?? 0, isUserData, isString && !isUserData ? "s" : isHandle || isUserData || a.Type is IPointerTypeSymbol ? "p" : WireKind(a.Type));
            }).ToEquatableArray();
            return empty with
            {
                Kind = ParamKind.Callback,
                UserDataName = callback.ConstructorArguments[0].Value as string,
                CallbackPersistent = callback.NamedArguments.FirstOrDefault(a => a.Key == "Persistent").Value.Value is true,
                CallbackArgs = args,
            };
        }

        if (Has("UserDataAttribute"))
        {
            return empty with { Kind = ParamKind.UserData };
        }

        var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (handles.TryGetValue(fullName, out var handleType))
        {
            if (isOut || isInOut)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.OutOnScalar, p, p.Name, method.Name));
                return null;
            }

            // A pass-through handle (CUdeviceptr) is a value the application does arithmetic on: it travels as it is.
            return empty with
            {
                Kind = ParamKind.Handle, HandleTypeId = handleType.TypeId, PassThrough = handleType.PassThrough, Untranslated = handleType.Untranslated,
                Accepted = handleType.Accepted, Tracked = handleType.Tracked, FreesDeviceRange = handleType.PassThrough && Has("FreesDeviceRangeAttribute"),

                // A release takes NULL (as C's free does); every other argument of such a type is followed unchecked.
                NeverNull = handleType.NeverNull && !Has("DeallocatesAttribute"),
            };
        }

        if (type is not IPointerTypeSymbol pointer)
        {
            if (isOut || isInOut)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.OutOnScalar, p, p.Name, method.Name));
                return null;
            }

            var wire = WireKind(type);
            if (wire.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, p, p.Name, method.Name, typeName));
                return null;
            }

            return empty with { Kind = ParamKind.Scalar, ScalarWire = wire };
        }

        var element = pointer.PointedAtType;
        if (Has("StringAttribute"))
        {
            static bool IsChar(ITypeSymbol t) => t.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte;
            if (isOut && element is IPointerTypeSymbol { PointedAtType: var pointed } && IsChar(pointed))
            {
                return empty with { Kind = ParamKind.OutString, ElementType = TypeName(element), ElementSize = "8" };
            }

            if (!IsChar(element) || isOut || isInOut)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, "String", $"'{p.Name}' of {method.Name}", "it needs a char pointer, or an [Out] pointer to one"));
                return null;
            }

            var neverNull = FindAttribute(p, "StringAttribute")!.NamedArguments.FirstOrDefault(a => a.Key == "NeverNull").Value.Value is true;
            return empty with { Kind = ParamKind.String, ElementType = TypeName(element), ElementSize = "1", NeverNull = neverNull };
        }

        if (FindAttribute(p, "StringArrayAttribute") is { } sa)
        {
            var count = sa.ConstructorArguments[0].Value as string ?? "";
            var lengths = sa.NamedArguments.FirstOrDefault(a => a.Key == "Lengths").Value.Value as string;
            if (!CheckExpression(method, count, names, diagnostics) || (!string.IsNullOrEmpty(lengths) && !CheckExpression(method, lengths!, names, diagnostics, p.Name)))
            {
                return null;
            }

            return empty with { Kind = ParamKind.StringArray, CountExpression = count, LengthsName = string.IsNullOrEmpty(lengths) ? null : lengths };
        }

        if (!isIn && !isOut && !isInOut)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnannotatedPointer, p, p.Name, method.Name));
            return null;
        }

        var elementFull = element.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var elementIsHandle = handles.TryGetValue(elementFull, out var elementHandle) && !elementHandle.PassThrough;
        var explicitSize = buffer?.NamedArguments.FirstOrDefault(a => a.Key == "ElementSize").Value.Value is int es && es > 0 ? es : 0;
        string elementSize;
        if (element.SpecialType == SpecialType.System_Void)
        {
            if (explicitSize == 0 && !(buffer is null && infoQueries is { } info && p.Name == info.Value && InfoValueSize(method, info.Selector) is not null))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.VoidElementSize, p, p.Name, method.Name));
                return null;
            }

            elementSize = explicitSize.ToString();
        }
        else
        {
            elementSize = explicitSize > 0 ? explicitSize.ToString() : $"sizeof({TypeName(element)})";
        }

        if (FindAttribute(p, "ZeroTerminatedAttribute") is { } terminated)
        {
            var stride = terminated.NamedArguments.FirstOrDefault(a => a.Key == "Stride").Value.Value is int st && st > 0 ? st : 1;
            if (!isIn || isOut || isInOut || element.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
                or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, p, p.Name, method.Name, typeName));
                return null;
            }

            var padding = terminated.NamedArguments.FirstOrDefault(a => a.Key == "Padding").Value.Value is int pad ? pad : 0;
            if (padding is < 0 or > 16)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, "ZeroTerminated(Padding)", $"'{p.Name}' of {method.Name}", "the worker adds 0 to 16 zero elements after the terminator"));
                return null;
            }

            // Keys whose value is a handle: a translated handle type of the spec, in a (key, value) list of 8-byte elements.
            var propertyHandles = new List<PropertyHandleModel>();
            foreach (var property in p.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "PropertyHandleAttribute"))
            {
                var key = Convert.ToInt64(property.ConstructorArguments[0].Value);
                var known = property.ConstructorArguments[1].Value is ITypeSymbol t && handles.TryGetValue(TypeName(t), out var h) && !h.PassThrough ? h : null;
                var problem = stride != 2 || element.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 ? "it needs a [ZeroTerminated(Stride = 2)] list of 8-byte (key, value) pairs"
                    : known is null ? $"'{property.ConstructorArguments[1].Value}' is not a translated [HandleType] of the spec"
                    : key == 0 || propertyHandles.Any(x => x.Key == key) ? $"key {key} ends the list or is named twice"
                    : null;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, "PropertyHandle", $"'{p.Name}' of {method.Name}", problem));
                    return null;
                }

                propertyHandles.Add(new PropertyHandleModel(key, known!.TypeId));
            }

            return empty with
            {
                Kind = ParamKind.InBuffer,
                ElementType = TypeName(element),
                ElementSize = element.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 ? "4" : "8",
                SizeExpression = "",
                TerminatorStride = stride,
                TerminatorPadding = padding,
                PropertyHandles = propertyHandles.ToEquatableArray(),
            };
        }

        // An info query's value without a [Buffer] is sized by its [InfoValue] table.
        var infoSize = buffer is null && infoQueries is { } iq && p.Name == iq.Value ? InfoValueSize(method, iq.Selector) : null;
        if (infoSize is not null)
        {
            elementSize = "1";
        }

        var size = buffer?.ConstructorArguments[0].Value as string ?? infoSize ?? "1";
        var returned = buffer?.NamedArguments.FirstOrDefault(a => a.Key == "Returned").Value.Value as string;
        if (!CheckExpression(method, size, names, diagnostics, p.Name) || (returned is not null && !CheckExpression(method, returned, names, diagnostics, p.Name)))
        {
            return null;
        }

        var kind = isInOut || (isIn && isOut) ? ParamKind.InOutBuffer : isOut ? ParamKind.OutBuffer : ParamKind.InBuffer;
        var deviceRange = FindAttribute(p, "DeviceRangeAttribute")?.ConstructorArguments[0].Value as string;
        if (deviceRange is not null && !(kind == ParamKind.OutBuffer && size == "1" && handles.TryGetValue(elementFull, out var address) && address.PassThrough))
        {
            deviceRange = null; // reported by CheckParameterAttributes
        }
        else if (deviceRange is not null && !CheckExpression(method, deviceRange, names, diagnostics, p.Name))
        {
            return null;
        }

        // Fields of an [In] struct that hold handles: pointer-sized integers of the struct, of translated handle types.
        var memberHandles = new List<MemberHandleModel>();
        foreach (var attribute in p.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SpecNamespace + "MemberHandleAttribute"))
        {
            var member = attribute.ConstructorArguments[0].Value as string ?? "";
            var known = attribute.ConstructorArguments[1].Value is ITypeSymbol t && handles.TryGetValue(TypeName(t), out var h) && !h.PassThrough ? h : null;
            var field = element.GetMembers(member).OfType<IFieldSymbol>().FirstOrDefault(x => !x.IsStatic);
            var problem = kind != ParamKind.InBuffer || size != "1" || element.TypeKind != TypeKind.Struct || elementIsHandle ? "it needs an [In] pointer to one struct"
                : field is null || field.Type.SpecialType is not (SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Int64 or SpecialType.System_UInt64)
                    ? $"'{member}' is no pointer-sized integer field of {element.Name}"
                : known is null ? $"'{attribute.ConstructorArguments[1].Value}' is not a translated [HandleType] of the spec"
                : memberHandles.Any(x => x.Member == member) ? $"'{member}' is named twice"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AttributeWithoutMeaning, p, "MemberHandle", $"'{p.Name}' of {method.Name}", problem));
                return null;
            }

            memberHandles.Add(new MemberHandleModel(member, TypeName(field!.Type), known!.TypeId));
        }

        return empty with
        {
            MemberHandles = memberHandles.ToEquatableArray(),
            MayHoldHandle = Has("MayHoldHandleAttribute"),
            AlwaysNull = Has("AlwaysNullAttribute"),
            DeviceRange = deviceRange,
            Kind = kind,
            ElementType = TypeName(element),
            ElementSize = elementSize,
            ElementIsHandle = elementIsHandle,
            ElementHandleTypeId = elementHandle?.TypeId ?? 0,
            Tracked = elementIsHandle && elementHandle!.Tracked,
            SizeExpression = size,
            ReturnedExpression = returned,
            ErrorOut = FindAttribute(p, "ErrorOutAttribute") is not null,
            NullWithCount = buffer?.NamedArguments.FirstOrDefault(a => a.Key == "NullWithCount").Value.Value is { } status ? Convert.ToInt64(status, System.Globalization.CultureInfo.InvariantCulture) : 0,
        };
    }

    /// <summary>Checks that a C expression parses and names only arguments of the function (and static methods of the spec class it calls).</summary>
    /// <remarks>
    /// A <paramref name="condition"/> (an [Async] or proof condition, C# over the arguments as they are typed) may
    /// also read a field of a struct argument through a pointer (<c>config->numAttrs</c>); a size expression may not,
    /// since it is evaluated as unsigned arithmetic over the arguments themselves.
    /// </remarks>
    private static bool CheckExpression(IMethodSymbol method, string expression, HashSet<string> names, List<DiagnosticInfo> diagnostics, string? owner = null, bool condition = false, bool anyCall = false)
    {
        var syntax = SyntaxFactory.ParseExpression(expression);
        var errors = syntax.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadExpression, method, expression, method.Name, errors[0].GetMessage()));
            return false;
        }

        foreach (var identifier in syntax.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            // A call names a static method of the spec class, for what the expression language cannot say.
            var called = identifier.Parent is InvocationExpressionSyntax call && call.Expression == identifier;
            if (identifier.Parent is NameColonSyntax)
            {
                // A named argument of a call (withProperties: false) names a parameter of the method called.
                continue;
            }

            if (condition && identifier.Parent is MemberAccessExpressionSyntax member && member.Name == identifier && member.IsKind(SyntaxKind.PointerMemberAccessExpression))
            {
                continue;
            }

            // A call expression of one side's hand-written part (anyCall) may also read the spec class's constants.
            var constant = anyCall && method.ContainingType.GetMembers(identifier.Identifier.ValueText).OfType<IFieldSymbol>().Any(f => f.IsConst);
            if (called ? !anyCall && !method.ContainingType.GetMembers(identifier.Identifier.ValueText).OfType<IMethodSymbol>().Any(m => m.IsStatic) : !names.Contains(identifier.Identifier.ValueText) && !constant)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SizeNamesMissingArgument, method, expression, owner ?? method.Name, method.Name, identifier.Identifier.ValueText));
                return false;
            }
        }

        return true;
    }

    /// <summary>How a scalar travels: i(signed), u(unsigned), f(float), d(double), b(bool); empty if not a scalar.</summary>
    private static string WireKind(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } e)
        {
            type = e.EnumUnderlyingType!;
        }

        return type.SpecialType switch
        {
            SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr => "i",
            SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UIntPtr or SpecialType.System_Char => "u",
            SpecialType.System_Single => "f",
            SpecialType.System_Double => "d",
            SpecialType.System_Boolean => "b",
            _ => "",
        };
    }

    private static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static AttributeData? FindAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == name && a.AttributeClass.ToDisplayString().StartsWith(SpecNamespace, StringComparison.Ordinal));
}
