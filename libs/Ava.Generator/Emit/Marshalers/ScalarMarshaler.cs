using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>A value copied as one slot: signed, unsigned, float, double or bool (<see cref="ParameterModel.ScalarWire"/>).</summary>
internal sealed class ScalarMarshaler : Marshaler
{
    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) => w.Line(Write(p.ScalarWire, Id(p.Name)));

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p) =>
        w.Line($"{p.Type} {Id(p.Name)} = {Read(p.ScalarWire, p.Type, "__r")};");

    /// <summary>Writes a value of wire kind <paramref name="wire"/> to the record writer <c>__w</c>.</summary>
    public static string Write(string wire, string value) => wire switch
    {
        "f" => $"__w.WriteSingle({value});",
        "d" => $"__w.WriteDouble({value});",
        "b" => $"__w.WriteInt64({value} ? 1 : 0);",
        "u" => $"__w.WriteUInt64((ulong){value});",
        _ => $"__w.WriteInt64((long){value});",
    };

    /// <summary>Reads a value of wire kind <paramref name="wire"/> as <paramref name="type"/> from <paramref name="reader"/>.</summary>
    public static string Read(string wire, string type, string reader) => wire switch
    {
        "f" => $"{reader}.ReadSingle()",
        "d" => $"{reader}.ReadDouble()",
        "b" => $"({reader}.ReadInt64() != 0)",
        "u" => $"unchecked(({type}){reader}.ReadUInt64())",
        _ => $"unchecked(({type}){reader}.ReadInt64())",
    };
}
