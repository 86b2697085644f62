using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// [Out, String] <c>const char **</c>: a string the library writes through the pointer and keeps (cuFuncGetName). The
/// request says only whether the caller gave a pointer; the worker hands the real call a local of its own and sends
/// the string back as a returned string is sent (its bytes with the NUL, inline or streamed, or NULL); the guest keeps a
/// copy per function and per the call's first handle (<see cref="Ava.Guest.ReturnedStrings"/>) and writes that copy's
/// address to the caller's pointer. Nothing is written when the library wrote no string, as natively.
/// </summary>
internal sealed class OutStringMarshaler : Marshaler
{
    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line($"__w.WriteInt64({Id(p.Name)} == null ? 0 : 1);");

    public override void GuestRead(CodeWriter w, ParameterModel p, FunctionModel f, bool takenAhead)
    {
        var owner = f.Parameters.FirstOrDefault(x => x.Kind == ParamKind.Handle && !x.PassThrough) is { } h ? $"Connection.HandleToWire({Id(h.Name)}.Value)" : "0";
        w.Line($"var __s_{p.Name} = __ch.ReadReturnedString(ref __r, {f.Id}, {owner});");
        w.Line($"if ({Id(p.Name)} != null && __s_{p.Name} != null) *{Id(p.Name)} = ({p.ElementType})__s_{p.Name};");
    }

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p) =>
        w.Line($"var __asked_{p.Name} = __r.ReadInt64() != 0;");

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        w.Line($"{p.ElementType} __s_{p.Name} = null;");
        w.Line($"{p.Type} {Id(p.Name)} = __asked_{p.Name} ? &__s_{p.Name} : null;");
    }

    public override void WorkerPlanOutput(CodeWriter w, ParameterModel p, bool deferred, bool inReply)
    {
        w.Line($"long __o_{p.Name} = {WorkerRt}.WorkerCall.StringBytes((byte*)__s_{p.Name});");
        w.Line($"var __m_{p.Name} = __call.Plan(__o_{p.Name}, ref __total);");
    }

    public override void WorkerWriteOutput(CodeWriter w, ParameterModel p) =>
        w.Line($"__call.WriteOut(ref __w, __m_{p.Name}, __s_{p.Name}, __o_{p.Name});");

    public override void WorkerStreamOutput(CodeWriter w, ParameterModel p) =>
        w.Line($"if (__m_{p.Name} == {Wire}.BufferMode.Streamed) __call.Stream(__s_{p.Name}, __o_{p.Name});");
}
