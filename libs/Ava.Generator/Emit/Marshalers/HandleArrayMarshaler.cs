using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// An array of handles, in, out or both ways: always inline, one wire id per slot (<c>RecordWriter.WriteIds</c>,
/// <c>RecordReader.ReadIds</c>); each side translates ids with its own table.
/// </summary>
internal sealed class HandleArrayMarshaler : Marshaler
{
    public override void GuestPlan(CodeWriter w, ParameterModel p)
    {
        w.Line($"long __n_{p.Name} = {Id(p.Name)} == null ? -1 : {Rt}.GuestMarshal.WrappedBytes({WrappingSize(p.SizeExpression!)}, 8) / 8;");
        if (p.Kind != ParamKind.OutBuffer)
        {
            w.Line($"__total = __ch.PlanHandles(__n_{p.Name}, __total);");
        }
    }

    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line(p.Kind == ParamKind.OutBuffer
            ? $"{Rt}.GuestChannel.WriteOutRoom(ref __w, __n_{p.Name} < 0 ? -1 : __n_{p.Name} * 8);"
            : $"__ch.WriteHandles(ref __w, (nint*){Id(p.Name)}, __n_{p.Name});");

    public override void GuestRead(CodeWriter w, ParameterModel p, FunctionModel f, bool takenAhead)
    {
        if (p.Kind != ParamKind.InBuffer)
        {
            w.Line($"__ch.ReadOutHandles(ref __r, (nint*){Id(p.Name)}, __n_{p.Name}, {p.ElementHandleTypeId});");
        }
    }

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        w.Line(p.Kind == ParamKind.OutBuffer
            ? $"{p.Type} {Id(p.Name)} = ({p.Type})__call.Out(__k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {ExpectedBytes(p, "8")});"
            : $"{p.Type} {Id(p.Name)} = ({p.Type})__call.InHandles(__k_{p.Name}, __l_{p.Name}, __i_{p.Name}, {ExpectedBytes(p, "8")}, {p.ElementHandleTypeId});");
        if (Parsing.SpecParser.IsCountedObjectList(p))
        {
            // A list of objects counted by another argument (an event wait list, a device list, graph dependencies) that
            // is NULL with a non-zero count: every API answers it with an error (the guest answers its spec's status
            // itself, [Buffer(NullWithCount)]), but a library may follow the NULL for as many elements before it looks
            // (PoCL 3.1's kernel launches walk the wait list so): it never reaches the library.
            RefuseNullWithCount(w, p);
        }

        if (p.Deallocates)
        {
            // The variable a destroy function clears: the guest's id and the object it names, kept for after the call.
            w.Line($"ulong __id_{p.Name} = {Id(p.Name)} == null ? 0UL : {Wire}.WireArrays.ReadId(__i_{p.Name}, 0);");
            w.Line($"nint __freed_{p.Name} = {Id(p.Name)} == null ? 0 : {Id(p.Name)}->Value;");
        }
    }

    public override void WorkerPlanOutput(CodeWriter w, ParameterModel p, bool deferred, bool inReply)
    {
        // A failed call's handles are never sent: the guest would take them for objects it holds.
        PlanOutputBytes(w, p, "8", alwaysDropOnFailure: true, deferred, inReply);
        w.Line($"__total = {WorkerRt}.WorkerCall.PlanHandles(__o_{p.Name} < 0 ? -1 : __o_{p.Name} / 8, __total);");
    }

    public override void WorkerWriteOutput(CodeWriter w, ParameterModel p) =>
        w.Line($"__call.WriteOutHandles(ref __w, (nint*){Id(p.Name)}, __o_{p.Name} < 0 ? -1 : __o_{p.Name} / 8, {p.ElementHandleTypeId}, {(p.Allocates ? "true" : "false")});");
}
