using System.Collections.Generic;
using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// How one kind of argument travels, written once for both sides, stage by stage (as the interop generators of
/// dotnet/runtime do per marshalling stage). The emitters walk the stages in order and ask each argument's strategy:
/// <list type="bullet">
/// <item>guest stub: <see cref="GuestPlan"/> (sizes, before the request is reserved), <see cref="GuestWrite"/> (its
/// slots), <see cref="GuestStreamed"/> and <see cref="GuestStream"/> (bytes after the record),
/// <see cref="GuestRead"/> (outputs from the reply);</item>
/// <item>worker dispatch: <see cref="WorkerReadSlot"/>, <see cref="WorkerDecode"/> (pointers, each checked against the
/// record), <see cref="WorkerBind"/> (locals that depend on other arguments), then after the real call
/// <see cref="WorkerPlanOutput"/>, <see cref="WorkerWriteOutput"/>, <see cref="WorkerStreamOutput"/>.</item>
/// </list>
/// The wire form of each kind is the record writer's and reader's (Transport/Ava.Transport/Wire): a slot per value, a
/// buffer descriptor (null, inline bytes or streamed) per pointer.
/// </summary>
internal abstract class Marshaler
{
    protected const string Rt = "global::Ava.Guest";
    protected const string WorkerRt = "global::Ava.Worker";
    protected const string Wire = "global::Ava.Transport.Wire";

    /// <summary>Record slots the argument takes.</summary>
    public virtual int Slots => 1;

    /// <summary>Guest, before the request is reserved: the argument's size and how its bytes travel.</summary>
    public virtual void GuestPlan(CodeWriter w, ParameterModel p)
    {
    }

    /// <summary>Guest: the argument's slots in the request.</summary>
    public abstract void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f);

    /// <summary>Guest: the condition under which the argument's bytes follow the record (null: never).</summary>
    public virtual string? GuestStreamed(ParameterModel p) => null;

    /// <summary>Guest, after the request is committed: the argument's streamed bytes.</summary>
    public virtual void GuestStream(CodeWriter w, ParameterModel p)
    {
    }

    /// <summary>Guest: the argument's output from the reply (<paramref name="takenAhead"/>: it may have come in a record of its own).</summary>
    public virtual void GuestRead(CodeWriter w, ParameterModel p, FunctionModel f, bool takenAhead)
    {
    }

    /// <summary>Worker: the argument's slots, read in argument order.</summary>
    public virtual void WorkerReadSlot(CodeWriter w, ParameterModel p) =>
        w.Line($"var __k_{p.Name} = __r.ReadBuffer(out long __l_{p.Name}, out var __i_{p.Name});");

    /// <summary>Worker, once every slot is read: the pointer the real call gets, its size checked against the record.</summary>
    public virtual void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
    }

    /// <summary>Order of <see cref="WorkerBind"/> among kinds (user data before the callbacks that carry it).</summary>
    public virtual int BindOrder => 0;

    /// <summary>Worker, once every pointer is decoded: locals that depend on other arguments.</summary>
    public virtual void WorkerBind(CodeWriter w, ParameterModel p, FunctionModel f)
    {
    }

    /// <summary>Worker, after the call: how much of the output goes back (<paramref name="deferred"/>: one the guest may take ahead).</summary>
    public virtual void WorkerPlanOutput(CodeWriter w, ParameterModel p, bool deferred, bool inReply)
    {
    }

    /// <summary>Worker: the output's slot in the reply.</summary>
    public virtual void WorkerWriteOutput(CodeWriter w, ParameterModel p)
    {
    }

    /// <summary>Worker, after the reply is committed: the output's streamed bytes.</summary>
    public virtual void WorkerStreamOutput(CodeWriter w, ParameterModel p)
    {
    }

    /// <summary>The bytes the worker expects of a pointer argument, from its size expression (0 for NULL).</summary>
    protected static string ExpectedBytes(ParameterModel p, string elementSize) =>
        p.SizeExpression is null ? "0" : $"(__k_{p.Name} == {Wire}.BufferKind.Null ? 0 : checked((long){Size(p.SizeExpression)} * {elementSize}))";

    /// <summary>Worker: a counted [In] list that is NULL with a non-zero count refuses the call as a malformed record.</summary>
    protected static void RefuseNullWithCount(CodeWriter w, ParameterModel p) =>
        w.Line($"if ({Id(p.Name)} == null && {Size(p.SizeExpression!)} != 0) throw new {WorkerRt}.CallRejectedException({Wire}.TransportStatus.MalformedRecord, \"{p.Name} is NULL with a count of \" + ({Size(p.SizeExpression!)}).ToString(global::System.Globalization.CultureInfo.InvariantCulture));");

    /// <summary>
    /// What goes back of an output: its capacity from the record, bounded by the count the callee returned; a failed
    /// status call's large output not at all (small ones travelled with the caller's bytes and go back as they are).
    /// </summary>
    protected static void PlanOutputBytes(CodeWriter w, ParameterModel p, string elementSize, bool alwaysDropOnFailure, bool deferred, bool inReply)
    {
        w.Line($"long __o_{p.Name} = __k_{p.Name} == {Wire}.BufferKind.Null ? -1 : __l_{p.Name};");
        if (p.ReturnedExpression is not null)
        {
            w.Line($"if (__o_{p.Name} > 0 && __ok) __o_{p.Name} = global::System.Math.Min(__o_{p.Name}, (long)global::System.Math.Min((ulong)long.MaxValue / 2, {Size(p.ReturnedExpression, "ulong.MaxValue")}) * {elementSize});");
        }

        w.Line($"if (!__ok && (__o_{p.Name} > {Wire}.RecordLayout.PreservedOutputLimit || {(alwaysDropOnFailure ? "true" : "false")})) __o_{p.Name} = -1;");
        if (deferred && inReply)
        {
            w.Line($"if (__call.DefersOutputs) __o_{p.Name} = -1;");
        }
    }

    /// <summary>
    /// The order in which pointer arguments are decoded by the worker and their streamed bytes sent by the guest:
    /// argument order, except that a pointer another argument's size expression reads (<c>*dataLength</c> sizing
    /// <c>data</c> before it) comes first, so the worker knows the size when it checks the buffer.
    /// </summary>
    public static List<ParameterModel> DecodeOrder(IEnumerable<ParameterModel> arguments)
    {
        var ps = arguments.ToList();
        var order = new List<ParameterModel>(ps.Count);
        void Visit(ParameterModel p, int depth)
        {
            if (order.Contains(p))
            {
                return;
            }

            // A cycle (a size that reads itself) cannot be ordered: the arguments keep their own order.
            if (depth < ps.Count && p.SizeExpression is { Length: > 0 } size)
            {
                foreach (System.Text.RegularExpressions.Match name in System.Text.RegularExpressions.Regex.Matches(size, "[A-Za-z_][A-Za-z0-9_]*"))
                {
                    if (ps.FirstOrDefault(q => q.Name == name.Value && q != p && q.Kind is ParamKind.InBuffer or ParamKind.InOutBuffer) is { } source)
                    {
                        Visit(source, depth + 1);
                    }
                }
            }

            if (!order.Contains(p))
            {
                order.Add(p);
            }
        }

        foreach (var p in ps)
        {
            Visit(p, 0);
        }

        return order;
    }

    private static readonly Marshaler ScalarKind = new ScalarMarshaler();
    private static readonly Marshaler HandleKind = new HandleMarshaler();
    private static readonly Marshaler HandleArrayKind = new HandleArrayMarshaler();
    private static readonly Marshaler BufferKind = new BufferMarshaler();
    private static readonly Marshaler DeferredKind = new DeferredOutputMarshaler();
    private static readonly Marshaler TerminatedKind = new TerminatedArrayMarshaler();
    private static readonly Marshaler StringKind = new StringMarshaler();
    private static readonly Marshaler StringArrayKind = new StringArrayMarshaler();
    private static readonly Marshaler CallbackKind = new CallbackMarshaler();
    private static readonly Marshaler UserDataKind = new UserDataMarshaler();
    private static readonly Marshaler OutStringKind = new OutStringMarshaler();

    /// <summary>The strategy for an argument.</summary>
    public static Marshaler For(ParameterModel p) => p.Kind switch
    {
        ParamKind.Scalar => ScalarKind,
        ParamKind.Handle => HandleKind,
        ParamKind.InBuffer or ParamKind.OutBuffer or ParamKind.InOutBuffer when p.ElementIsHandle => HandleArrayKind,
        ParamKind.InBuffer when p.TerminatorStride > 0 => TerminatedKind,
        ParamKind.OutBuffer or ParamKind.InOutBuffer when p.Deferred => DeferredKind,
        ParamKind.InBuffer or ParamKind.OutBuffer or ParamKind.InOutBuffer => BufferKind,
        ParamKind.String => StringKind,
        ParamKind.StringArray => StringArrayKind,
        ParamKind.OutString => OutStringKind,
        ParamKind.Callback => CallbackKind,
        _ => UserDataKind,
    };
}
