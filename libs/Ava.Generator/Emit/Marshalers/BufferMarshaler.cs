using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// A pointer to plain elements whose count is a size expression over the arguments, in, out or both ways. Its bytes
/// travel inline or, when large, streamed after the record; a small output carries the caller's bytes, so the ones the
/// callee leaves untouched stay as they were.
/// </summary>
internal class BufferMarshaler : Marshaler
{
    public override void GuestPlan(CodeWriter w, ParameterModel p)
    {
        EmitGuestMemberHandles(w, p);
        w.Line($"long __n_{p.Name} = {Id(p.Name)} == null ? -1 : {Rt}.GuestMarshal.WrappedBytes({WrappingSize(p.SizeExpression!)}, {p.ElementSize});");
        if (p.MayHoldHandle)
        {
            // [MayHoldHandle]: a pointer-sized value that is one of the application's objects goes as its id.
            w.Line($"ulong __wire_{p.Name} = 0;");
            w.Line($"if (Connection.MapsHandles && __n_{p.Name} == 8 && Connection.TryHandleToWire(*(nint*){Id(p.Name)}, out __wire_{p.Name})) {Id(p.Name)} = ({p.Type})&__wire_{p.Name};");
        }

        w.Line(p.Kind == ParamKind.OutBuffer
            ? $"__total = {Rt}.GuestChannel.PlanOut(__n_{p.Name}, __total);"
            : $"var __m_{p.Name} = __ch.Plan(__n_{p.Name}, ref __total);");
    }

    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line(p.Kind == ParamKind.OutBuffer
            ? $"{Rt}.GuestChannel.WriteOut(ref __w, {Id(p.Name)}, __n_{p.Name});"
            : $"{Rt}.GuestChannel.WriteBuffer(ref __w, __m_{p.Name}, {Id(p.Name)}, __n_{p.Name});");

    public override string? GuestStreamed(ParameterModel p) => p.Kind == ParamKind.OutBuffer ? null : $"__m_{p.Name} == {Wire}.BufferMode.Streamed";

    public override void GuestStream(CodeWriter w, ParameterModel p)
    {
        if (p.Kind != ParamKind.OutBuffer)
        {
            w.Line($"if (__m_{p.Name} == {Wire}.BufferMode.Streamed) __ch.Stream({Id(p.Name)}, __n_{p.Name});");
        }
    }

    public override void GuestRead(CodeWriter w, ParameterModel p, FunctionModel f, bool takenAhead)
    {
        if (p.Kind != ParamKind.InBuffer)
        {
            w.Line($"__ch.ReadOut(ref __r, {Id(p.Name)}, __n_{p.Name});");
        }
    }

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        var chunked = f.HookChunked is not null && Parsing.SpecParser.IsChunkable(p);
        var expected = ExpectedBytes(p, p.ElementSize);
        var decode = p.Kind switch
        {
            ParamKind.InBuffer => $"{(chunked ? "InChunked" : "In")}(ref __r, __k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {expected})",
            ParamKind.InOutBuffer => $"InOut(ref __r, __k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {expected})",
            _ => $"{(chunked ? "OutChunked" : "Out")}(__k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {expected})",
        };
        w.Line($"{p.Type} {Id(p.Name)} = ({p.Type})__call.{decode};");
        if (p.NullWithCount != 0)
        {
            // [Buffer(NullWithCount)]: the guest answers such a call itself, so only a guest that skips its own stub sends
            // one; a worker hook or wire form may read the bytes before the library looks at the pointer.
            RefuseNullWithCount(w, p);
        }

        if (p.AlwaysNull)
        {
            // [AlwaysNull]: the guest carries these bytes another way; the library never sees what the record holds.
            w.Line($"{Id(p.Name)} = null;");
        }

        if (p.MemberHandles.Length > 0)
        {
            // [MemberHandle]: the library gets a copy of the call's own (whatever the guest writes into its ring
            // afterwards), its handle fields translated from the guest's ids.
            w.Open($"if ({Id(p.Name)} != null)");
            w.Line($"var __own_{p.Name} = ({p.Type})__call.Allocate(sizeof({p.ElementType}));");
            w.Line($"*__own_{p.Name} = *{Id(p.Name)};");
            foreach (var m in p.MemberHandles)
            {
                w.Line($"if (__own_{p.Name}->{Id(m.Member)} != 0) __own_{p.Name}->{Id(m.Member)} = unchecked(({m.MemberType})__call.HandleFromWire((ulong)__own_{p.Name}->{Id(m.Member)}, {m.HandleTypeId}));");
            }

            w.Line($"{Id(p.Name)} = __own_{p.Name};");
            w.Close();
        }
    }

    /// <summary>
    /// [MemberHandle] where the application holds objects of the connection (the OpenCL ICD): the struct travels as a
    /// copy with the ids of the handles its fields name.
    /// </summary>
    private static void EmitGuestMemberHandles(CodeWriter w, ParameterModel p)
    {
        if (p.MemberHandles.Length == 0)
        {
            return;
        }

        w.Line($"{p.ElementType} __copy_{p.Name} = default;");
        w.Open($"if (Connection.MapsHandles && {Id(p.Name)} != null)");
        w.Line($"__copy_{p.Name} = *{Id(p.Name)};");
        foreach (var m in p.MemberHandles)
        {
            w.Line($"__copy_{p.Name}.{Id(m.Member)} = unchecked(({m.MemberType})Connection.HandleToWire((nint)__copy_{p.Name}.{Id(m.Member)}));");
        }

        w.Line($"{Id(p.Name)} = &__copy_{p.Name};");
        w.Close();
    }

    public override void WorkerPlanOutput(CodeWriter w, ParameterModel p, bool deferred, bool inReply)
    {
        PlanOutputBytes(w, p, p.ElementSize, alwaysDropOnFailure: false, deferred, inReply);
        w.Line($"var __m_{p.Name} = __call.Plan(__o_{p.Name}, ref __total);");
    }

    public override void WorkerWriteOutput(CodeWriter w, ParameterModel p) =>
        w.Line($"__call.WriteOut(ref __w, __m_{p.Name}, {Id(p.Name)}, __o_{p.Name});");

    public override void WorkerStreamOutput(CodeWriter w, ParameterModel p) =>
        w.Line($"if (__m_{p.Name} == {Wire}.BufferMode.Streamed) __call.Stream({Id(p.Name)}, __o_{p.Name});");
}

/// <summary>
/// An output that may reach the caller's memory apart from the reply ([Deferred]): in a record of its own ahead of
/// the reply (a large synchronous one) or later (an async call's), so the reply's copy goes to NULL then.
/// </summary>
internal sealed class DeferredOutputMarshaler : BufferMarshaler
{
    public override void GuestRead(CodeWriter w, ParameterModel p, FunctionModel f, bool takenAhead) =>
        w.Line(takenAhead
            ? $"__ch.ReadOut(ref __r, __defer ? null : {Id(p.Name)}, __n_{p.Name});"
            : $"__ch.ReadOut(ref __r, {Id(p.Name)}, __n_{p.Name});");
}

/// <summary>An input array ended by a zero element (a C property list), its terminator travelling with it.</summary>
internal sealed class TerminatedArrayMarshaler : BufferMarshaler
{
    public override void GuestPlan(CodeWriter w, ParameterModel p)
    {
        if (p.PropertyHandles.Length > 0)
        {
            // The handles after the list's keys as ids, where the application holds objects of the connection (the ICD).
            var keys = string.Join(", ", p.PropertyHandles.Select(h => $"{h.Key}L"));
            w.Line($"if (Connection.MapsHandles && {Id(p.Name)} != null) {Id(p.Name)} = ({p.Type})Connection.PropertyHandlesToWire((long*){Id(p.Name)}, [{keys}]);");
        }

        w.Line($"long __n_{p.Name} = {Id(p.Name)} == null ? -1 : checked({Rt}.GuestMarshal.TerminatedCount({Id(p.Name)}, {p.ElementSize}, {p.TerminatorStride}) * {p.ElementSize});");
        w.Line($"var __m_{p.Name} = __ch.Plan(__n_{p.Name}, ref __total);");
    }

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        // Padding or handles to translate: the list is the call's own copy, which the library gets.
        var own = p.TerminatorPadding > 0 || p.PropertyHandles.Length > 0 ? $", {p.TerminatorPadding}" : "";
        w.Line($"{p.Type} {Id(p.Name)} = ({p.Type})__call.InTerminated(ref __r, __k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {p.ElementSize}, {p.TerminatorStride}{own});");
        foreach (var h in p.PropertyHandles)
        {
            w.Line($"__call.PropertyHandlesFromWire((long*){Id(p.Name)}, {h.Key}L, {h.HandleTypeId});");
        }
    }
}
