using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// A handle by value: the guest sends its wire id, the worker resolves it in the tenant's table, of its own type or
/// of one the spec accepts in its place. A pass-through handle (a device address) and the API's special values travel
/// as they are.
/// </summary>
internal sealed class HandleMarshaler : Marshaler
{
    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) =>
        w.Line(p.PassThrough ? $"__w.WriteUInt64((ulong){Id(p.Name)}.Value);" : $"__w.WriteUInt64(Connection.HandleToWire({Id(p.Name)}.Value));");

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p)
    {
        var n = Id(p.Name);
        w.Line($"ulong __id_{p.Name} = __r.ReadUInt64();");
        if (p.NeverNull)
        {
            w.Line($"global::Ava.Worker.WorkerCall.RefuseNullHandle(__id_{p.Name}, \"{p.Name}\");");
        }

        w.Line(p.PassThrough
            ? $"{p.Type} {n} = new {p.Type} {{ Value = unchecked((nint)__id_{p.Name}) }};"
            : p.Untranslated.Length > 0
            ? $"{p.Type} {n} = new {p.Type} {{ Value = __id_{p.Name} is {p.Untranslated} ? (nint)__id_{p.Name} : {FromWire(p)} }};"
            : $"{p.Type} {n} = new {p.Type} {{ Value = {FromWire(p)} }};");
    }

    /// <summary>The real object a handle argument names: of its own type, or of a type the spec accepts in its place.</summary>
    private static string FromWire(ParameterModel p) => p.Accepted.Length == 0
        ? $"__call.HandleFromWire(__id_{p.Name}, {p.HandleTypeId})"
        : $"__call.HandleFromWire(__id_{p.Name}, {p.HandleTypeId}, [{p.Accepted}])";
}
