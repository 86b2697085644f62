using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit;

/// <summary>
/// The guest's knowledge of tracked objects ([HandleType(Tracked = true)]), per function: <c>Track_{name}</c> runs when
/// the call has completed (the creation, retain, release or release callback it made), <c>Prove_{name}</c> decides
/// whether an async call is valid from what is known ([ProvenByKnownObjects], the release of a known object). Both
/// call the generic <c>Ava.Guest.GuestObjects</c>; an API's own [GuestHook] runs after them and may refine them.
/// <c>Track_{name}</c> also keeps the device ranges of <c>Ava.Guest.DeviceRanges</c> ([DeviceRange], [FreesDeviceRange]).
/// </summary>
internal static class GuestTracking
{
    private const string Objects = "KnownObjects";
    private const string Ranges = "global::Ava.Guest.DeviceRanges";

    /// <summary>The generated completion method of <paramref name="f"/>, or null when it tracks nothing.</summary>
    public static string? TrackName(FunctionModel f) => Tracks(f) && HasCall(f) ? $"Track_{f.Name}" : null;

    /// <summary>The generated method that keeps a completed call of <paramref name="f"/> in the replay log ([Record]), or null.</summary>
    public static string? RecordName(FunctionModel f) => f.Record is not null && HasCall(f) ? $"Record_{f.Name}" : null;

    /// <summary>
    /// A recorded creation whose object the API's [GuestHook(After)] learns by hand, after queries of its own (a kernel's
    /// argument count): the journal learns the new id at the reply, so that a recovery one of those queries meets
    /// replays the creation bound to the id the application holds. Null when Track learns it, or there is none.
    /// </summary>
    public static string? LearnAtReply(FunctionModel f) =>
        f.Record is { Of: null, Binds: null } && HasCall(f) && f.ReturnIsHandle && f.ReturnCreatedFrom is null && f.GuestAfter is not null
            ? "Connection.Log.Learnt(Connection.HandleToWire(__ret.Value));"
            : null;

    /// <summary>The generated proof of <paramref name="f"/>, or null when it has none (or a hand-written one).</summary>
    public static string? ProofName(FunctionModel f) => Released(f) is not null || f.ProvenByKnownObjects
        ? f.Async && f.GuestCheck is null && HasCall(f) ? $"Prove_{f.Name}" : null
        : null;

    public static void Emit(CodeWriter w, ApiModel api, FunctionModel f)
    {
        var parameters = string.Join(", ", f.Parameters.Select(p => $"{p.Type} {Id(p.Name)}"));
        if (TrackName(f) is { } track)
        {
            var isVoid = f.ReturnType == "void";
            w.Line();
            w.Line($"/// <summary>What <c>{f.Name}</c> tells the guest about its objects once it has completed.</summary>");
            w.Open($"private static void {track}({(isVoid ? "" : $"{f.ReturnType} __ret{(parameters.Length > 0 ? ", " : "")}")}{parameters})");
            if (f.ReturnIsHandle)
            {
                w.Line("if (__ret.Value == 0) return;");
            }
            else if (!isVoid)
            {
                w.Line($"if (__ret != unchecked(({f.ReturnType}){api.SuccessValue ?? f.AsyncSuccess})) return;");
            }

            if (f.ReturnCreatedFrom is { } from)
            {
                w.Line(Created("__ret.Value", f.ReturnHandleTypeId, from, f));
            }

            foreach (var p in f.Parameters)
            {
                if (p.CreatedFrom is { } owner)
                {
                    w.Line($"if ({Id(p.Name)} != null) {Created($"{Id(p.Name)}->Value", p.ElementHandleTypeId, owner, f)}");
                }
                else if (p.DeviceRange is { } size)
                {
                    w.Line($"if ({Id(p.Name)} != null) {Ranges}.Add((ulong){Id(p.Name)}->Value, {WrappingSize(size)});");
                }
                else if (p.FreesDeviceRange)
                {
                    w.Line($"{Ranges}.Remove((ulong){Id(p.Name)}.Value);");
                }
                else if (p.Kind == ParamKind.Handle && p.Tracked && (p.Retains || p.Deallocates || p.NotifiesOnRelease))
                {
                    var what = p.Retains ? "Retained" : p.Deallocates ? "Released" : "WatchRelease";
                    w.Line($"{Objects}.{what}({Wire(p)});");
                }
            }

            w.Close();
        }

        if (RecordName(f) is { } record)
        {
            var isVoid = f.ReturnType == "void";
            w.Line();
            w.Line($"/// <summary>Keeps a completed <c>{f.Name}</c> in the replay log, to rebuild its object in a new worker.</summary>");
            w.Open($"private static void {record}(global::Ava.Guest.GuestChannel __ch{(isVoid ? "" : $", {f.ReturnType} __ret")}{(parameters.Length > 0 ? ", " : "")}{parameters})");
            w.Line("if (!__ch.TakeCapture(out var __call)) return;");
            if (f.ReturnIsHandle)
            {
                w.Line("if (__ret.Value == 0) return;");
            }
            else if (!isVoid)
            {
                w.Line($"if (__ret != unchecked(({f.ReturnType}){api.SuccessValue ?? f.AsyncSuccess})) return;");
            }

            if (f.Record!.Of is { } of)
            {
                var subject = f.Parameters.First(p => p.Name == of);
                var key = f.Record.Key is { } k ? $"(long){Id(k)}" : "null";
                w.Line($"Connection.Log.Configured({Wire(subject)}, {key}, __call);");
            }
            else if (f.Record.Binds is { } infoValue && f.InfoQuery is { } q && q.Value == infoValue)
            {
                // Only values of untracked types: objects of tracked ones are rebuilt by their own entries.
                var value = f.Parameters.First(p => p.Name == q.Value);
                w.Line($"if ({Id(q.Value)} == null) return;");
                w.Open($"var __type = {Id(q.Selector)} switch");
                foreach (var h in q.Handles.Where(h => !h.Tracked))
                {
                    w.Line($"0x{h.Selector:X} => {h.HandleTypeId},");
                }

                w.Line("_ => 0,");
                w.Close(";");
                w.Line("if (__type == 0) return;");
                w.Line($"var __bytes = {WrappingSize(value.SizeExpression!)};");
                if (q.Count is { } count)
                {
                    // Only what the callee wrote is the value: the rest of the buffer is the caller's memory as it was.
                    w.Line($"if ({Id(count)} != null && (ulong)(*{Id(count)}) < __bytes) __bytes = (ulong)(*{Id(count)});");
                }

                w.Line("var __ids = new ulong[__bytes / 8];");
                w.Line($"for (ulong __i = 0; __i < __bytes / 8; __i++) __ids[__i] = Connection.HandleToWire(((nint*){Id(q.Value)})[__i]);");
                var queried = f.Parameters.FirstOrDefault(p => p.Kind == ParamKind.Handle && p.Tracked);
                w.Line($"Connection.Log.Found(__ids, __call, {(queried is null ? "0UL" : Wire(queried))});");
            }
            else if (f.Record.Binds is { } binds)
            {
                var array = f.Parameters.First(p => p.Name == binds);
                w.Line($"if ({Id(array.Name)} == null) return;");
                w.Line($"var __n = {WrappingSize(array.SizeExpression!)};");
                if (array.ReturnedExpression is { } returned && returned.StartsWith("*", System.StringComparison.Ordinal))
                {
                    // Only what the callee wrote is an object: the rest of the array is the caller's memory as it was.
                    var count = Id(returned.Substring(1));
                    w.Line($"if ({count} != null && (ulong)(*{count}) < __n) __n = (ulong)(*{count});");
                }

                w.Line("var __ids = new ulong[__n];");
                w.Line($"for (ulong __i = 0; __i < __n; __i++) __ids[__i] = Connection.HandleToWire({Id(array.Name)}[__i].Value);");
                w.Line("Connection.Log.Found(__ids, __call);");
            }
            else if (f.ReturnIsHandle)
            {
                w.Line($"Connection.Log.Created(Connection.HandleToWire(__ret.Value), {f.ReturnHandleTypeId}, {RecordParent(f.ReturnCreatedFrom, f)}, __call);");
            }
            else
            {
                var created = f.Parameters.First(p => p.Allocates && p.Tracked);
                w.Line($"if ({Id(created.Name)} != null) Connection.Log.Created(Connection.HandleToWire({Id(created.Name)}->Value), {created.ElementHandleTypeId}, {RecordParent(created.CreatedFrom, f)}, __call);");
            }

            w.Close();
        }

        if (ProofName(f) is { } proof)
        {
            w.Line();
            w.Line($"/// <summary>Whether what the guest knows proves <c>{f.Name}</c> valid, so that it may travel async.</summary>");
            if (!f.ProvenByKnownObjects)
            {
                var released = Released(f)!;
                w.Line($"private static bool {proof}({parameters}) => {Objects}.ReleaseProven({Wire(released)}, {released.HandleTypeId});");
                return;
            }

            w.Open($"private static bool {proof}({parameters})");
            if (f.ProofWhen is { } when)
            {
                w.Line($"if (!({Condition(when)})) return false;");
            }

            w.Line("ulong __owner = 0;");
            foreach (var p in f.Parameters)
            {
                if (p.Kind == ParamKind.Handle)
                {
                    w.Line($"if (!{Objects}.SameOwner({Wire(p)}, {p.HandleTypeId}, ref __owner)) return false;");
                }
                else if (p.Kind == ParamKind.InBuffer)
                {
                    // An empty array must be NULL: APIs refuse a count of 0 with a list (OpenCL's CL_INVALID_EVENT_WAIT_LIST).
                    var n = $"__n_{p.Name}";
                    w.Line($"var {n} = {WrappingSize(p.SizeExpression!)};");
                    w.Line($"if ({n} == 0 ? {Id(p.Name)} != null : {Id(p.Name)} == null) return false;");
                    w.Line($"for (ulong __i = 0; __i < {n}; __i++) if (!{Objects}.SameOwner(Connection.HandleToWire({Id(p.Name)}[__i].Value), {p.ElementHandleTypeId}, ref __owner)) return false;");
                }
            }

            w.Line("return __owner != 0;");
            w.Close();
        }
    }

    private static bool HasCall(FunctionModel f) => !f.GuestOnly && f.NotRemoted is null;

    private static bool Tracks(FunctionModel f) =>
        f.ReturnCreatedFrom is not null
        || f.Parameters.Any(p => p.CreatedFrom is not null || p.DeviceRange is not null || p.FreesDeviceRange || (p.Kind == ParamKind.Handle && p.Tracked && (p.Retains || p.Deallocates || p.NotifiesOnRelease)));

    private static ParameterModel? Released(FunctionModel f) => f.Parameters.FirstOrDefault(p => p.Kind == ParamKind.Handle && p.Tracked && p.Deallocates);

    private static string Wire(ParameterModel p) => $"Connection.HandleToWire({Id(p.Name)}.Value)";

    /// <summary>The call that remembers a new object: one that owns itself, or one created from the owner argument.</summary>
    private static string Created(string handle, int type, string owner, FunctionModel f) => owner.Length == 0
        ? $"{Objects}.CreatedOwner(Connection.HandleToWire({handle}), {type});"
        : $"{Objects}.Created(Connection.HandleToWire({handle}), {type}, {Parent(owner, f)});";

    /// <summary>
    /// What a recorded object is created from, which its log entries keep alive: its owner argument, else (an object
    /// whose hook learns it by hand, a kernel) its first handle argument of a tracked type; 0UL for none.
    /// </summary>
    private static string RecordParent(string? owner, FunctionModel f) => owner is { Length: > 0 } ? Parent(owner, f)
        : owner is null && f.Parameters.FirstOrDefault(p => p.Kind == ParamKind.Handle && p.Tracked) is { } from ? Wire(from)
        : "0UL";

    /// <summary>The wire id of the object a new one is created from (the owner argument, an array's first element); 0UL for one that owns itself.</summary>
    private static string Parent(string owner, FunctionModel f)
    {
        if (owner.Length == 0)
        {
            return "0UL";
        }

        var from = f.Parameters.First(p => p.Name == owner);
        return from.Kind == ParamKind.Handle
            ? Wire(from)
            : $"({Id(from.Name)} != null && {WrappingSize(from.SizeExpression!)} != 0 ? Connection.HandleToWire({Id(from.Name)}[0].Value) : 0UL)";
    }
}
