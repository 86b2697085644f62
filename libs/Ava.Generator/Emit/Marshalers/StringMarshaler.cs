using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>A NUL-terminated C string, its terminator travelling with it; the worker checks that it ends where it says.</summary>
internal sealed class StringMarshaler : Marshaler
{
    public override void GuestPlan(CodeWriter w, ParameterModel p)
    {
        w.Line($"long __n_{p.Name} = {Id(p.Name)} == null ? -1 : {Rt}.GuestMarshal.StringBytes({Id(p.Name)});");
        w.Line($"var __m_{p.Name} = __ch.Plan(__n_{p.Name}, ref __total);");
    }

    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line($"{Rt}.GuestChannel.WriteBuffer(ref __w, __m_{p.Name}, {Id(p.Name)}, __n_{p.Name});");

    public override string? GuestStreamed(ParameterModel p) => $"__m_{p.Name} == {Wire}.BufferMode.Streamed";

    public override void GuestStream(CodeWriter w, ParameterModel p) =>
        w.Line($"if (__m_{p.Name} == {Wire}.BufferMode.Streamed) __ch.Stream({Id(p.Name)}, __n_{p.Name});");

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        w.Line($"{p.Type} {Id(p.Name)} = ({p.Type})__call.InString(ref __r, __k_{p.Name}, __l_{p.Name}, __i_{p.Name});");
        if (p.NeverNull)
        {
            // [String(NeverNull = true)]: the library reads it unchecked.
            w.Line($"{WorkerRt}.WorkerCall.RefuseNullString({Id(p.Name)}, \"{p.Name}\");");
        }
    }
}

/// <summary>
/// An array of C strings with a count expression and optional lengths (clCreateProgramWithSource): two slots, the
/// count and one blob of the strings.
/// </summary>
internal sealed class StringArrayMarshaler : Marshaler
{
    public override int Slots => 2;

    public override void GuestPlan(CodeWriter w, ParameterModel p)
    {
        w.Line($"ulong __c_{p.Name} = {WrappingSize(p.CountExpression!)};");
        w.Line($"long __n_{p.Name} = {Id(p.Name)} == null ? -1 : {Rt}.GuestMarshal.StringArrayBytes((byte**){Id(p.Name)}, (nuint*){Lengths(p)}, __c_{p.Name});");
        w.Line($"var __m_{p.Name} = __ch.Plan(__n_{p.Name}, ref __total);");
    }

    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        w.Line($"__w.WriteUInt64(__c_{p.Name});");
        w.Line($"{Rt}.GuestChannel.WriteStringArray(ref __w, __m_{p.Name}, (byte**){Id(p.Name)}, (nuint*){Lengths(p)}, __c_{p.Name}, __n_{p.Name});");
    }

    public override string? GuestStreamed(ParameterModel p) => $"__m_{p.Name} == {Wire}.BufferMode.Streamed";

    public override void GuestStream(CodeWriter w, ParameterModel p) =>
        w.Line($"if (__m_{p.Name} == {Wire}.BufferMode.Streamed) __ch.StreamStringArray((byte**){Id(p.Name)}, (nuint*){Lengths(p)}, __c_{p.Name});");

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p)
    {
        w.Line($"ulong __c_{p.Name} = __r.ReadUInt64();");
        base.WorkerReadSlot(w, p);
    }

    public override void WorkerDecode(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line($"{p.Type} {Id(p.Name)} = ({p.Type})__call.StringArray(ref __r, __k_{p.Name}, __l_{p.Name}, __i_{p.Name}, __c_{p.Name}, {Size(p.CountExpression!)});");

    /// <summary>Before the user data and callbacks: the lengths argument, whatever its place among the arguments.</summary>
    public override int BindOrder => -1;

    public override void WorkerBind(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        // A string array's lengths (in either argument order) make the library read that many bytes of each string
        // instead of up to its NUL: each is checked against its string as it arrived, in a private copy.
        if (p.LengthsName is not null)
        {
            var lengths = f.Parameters.First(q => q.Name == p.LengthsName);
            w.Line($"{Id(lengths.Name)} = ({lengths.Type})__call.StringLengths((byte**){Id(p.Name)}, __c_{p.Name}, (nuint*){Id(lengths.Name)});");
        }
    }

    private static string Lengths(ParameterModel p) => p.LengthsName is null ? "null" : Id(p.LengthsName);
}
