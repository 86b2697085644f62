using System.Linq;
using Ava.Generator.Model;
using static Ava.Generator.Emit.Expressions;

namespace Ava.Generator.Emit.Marshalers;

/// <summary>
/// A function pointer the worker calls back: the guest registers it with its user data and sends a token; the worker
/// passes a trampoline that sends a callback record back, which the guest decodes and runs with the user's own data.
/// </summary>
internal sealed class CallbackMarshaler : Marshaler
{
    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        var index = f.Parameters.Where(x => x.Kind == ParamKind.Callback).ToList().IndexOf(p);
        w.Line($"__w.WriteUInt64(Connection.RegisterCallback((nint){Id(p.Name)}, (nint){Id(p.UserDataName!)}, {f.Id}, {index}, {(p.CallbackPersistent ? "true" : "false")}));");
    }

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p) => w.Line($"ulong __cb_{p.Name} = __r.ReadUInt64();");

    public override int BindOrder => 1;

    public override void WorkerBind(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        var index = f.Parameters.Where(x => x.Kind == ParamKind.Callback).ToList().IndexOf(p);
        w.Line($"{p.Type} {Id(p.Name)} = __cb_{p.Name} == 0 ? null : &Trampoline_{f.Name}_{index};");
    }

    /// <summary>Worker: the trampoline the real library calls, which sends the callback's arguments back to the guest.</summary>
    public static void EmitTrampoline(CodeWriter w, FunctionModel f, ParameterModel cb, int index)
    {
        var args = cb.CallbackArgs;
        var userData = args.Select((a, i) => (a, i)).LastOrDefault(x => x.a.IsUserData);
        var parameters = string.Join(", ", args.Select((a, i) => $"{a.Type} __a{i}"));
        w.Line("[global::System.Runtime.InteropServices.UnmanagedCallersOnly]");
        w.Open($"private static void Trampoline_{f.Name}_{index}({parameters})");
        w.Open("try");
        w.Line($"var __target = {WorkerRt}.CallbackTarget.Resolve((nint)__a{userData.i});");
        w.Line("if (__target is null) return;");
        var size = $"{Wire}.RecordLayout.HeaderSize + {args.Length * 8}";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].ScalarWire == "s")
            {
                // A callback's string (e.g. a context's error text) travels inline, bounded to keep the frame small.
                w.Line($"var __s{i} = __a{i} == null ? default : global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)__a{i});");
                w.Line($"if (__s{i}.Length > 1023) __s{i} = __s{i}[..1023];");
                size += $" + (__a{i} == null ? 0 : (int){Wire}.RecordLayout.AlignSlot(__s{i}.Length + 1))";
            }
        }

        w.Line($"global::System.Span<byte> __buffer = stackalloc byte[{size}];");
        w.Line($"var __w = new {Wire}.RecordWriter(__buffer);");
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.IsUserData)
            {
                w.Line("__w.WriteUInt64(__target.GuestSlot);");
            }
            else if (a.IsHandle)
            {
                w.Line($"__w.WriteUInt64(__target.HandleToWire(__a{i}.Value, {a.HandleTypeId}));");
            }
            else if (a.ScalarWire == "s")
            {
                w.Open($"if (__a{i} == null)");
                w.Line("__w.WriteNullBuffer();");
                w.Close();
                w.Open("else");
                w.Line($"var __room{i} = __w.ReserveInlineBuffer(__s{i}.Length + 1);");
                w.Line($"__s{i}.CopyTo(__room{i});");
                w.Line($"__room{i}[__s{i}.Length] = 0;");
                w.Close();
            }
            else if (a.ScalarWire == "p")
            {
                w.Line("__w.WriteInt64(0);");
            }
            else
            {
                w.Line(ScalarMarshaler.Write(a.ScalarWire, $"__a{i}"));
            }
        }

        w.Line($"__target.Send(ref __w, {f.Id}, {index});");
        w.Close();
        w.Open("catch (global::System.Exception __e)");
        w.Line($"{WorkerRt}.WorkerLog.CallbackFailed(\"{f.Name}\", __e);");
        w.Close();
        w.Close();
    }

    /// <summary>Guest: decodes a callback record's arguments and calls the application's function with its user data.</summary>
    public static void EmitGuestDispatch(CodeWriter w, ParameterModel cb)
    {
        var args = cb.CallbackArgs.Select((a, k) =>
        {
            if (a.IsUserData)
            {
                w.Line("__r.ReadUInt64();");
                return $"({a.Type})userData";
            }

            if (a.IsHandle)
            {
                w.Line($"var __a{k} = new {a.Type} {{ Value = Connection.HandleFromWire(__r.ReadUInt64(), {a.HandleTypeId}) }};");
                return $"__a{k}";
            }

            if (a.ScalarWire == "s")
            {
                w.Line($"var __a{k} = {Rt}.GuestMarshal.CallbackString(ref __r);");
                return $"({a.Type})__a{k}";
            }

            w.Line(a.ScalarWire == "p" ? $"__r.ReadInt64(); var __a{k} = ({a.Type})null;" : $"var __a{k} = {ScalarMarshaler.Read(a.ScalarWire, a.Type, "__r")};");
            return $"__a{k}";
        }).ToList();
        w.Line($"(({cb.Type})function)({string.Join(", ", args)});");
        for (var k = 0; k < cb.CallbackArgs.Length; k++)
        {
            if (cb.CallbackArgs[k].ScalarWire == "s")
            {
                w.Line($"{Rt}.GuestMarshal.FreeCallbackString(__a{k});");
            }
        }
    }
}

/// <summary>
/// A callback's user data: it stays in the guest; the worker passes a token that names the registered callback, or,
/// without one, keeps whether it was NULL (a library may check that).
/// </summary>
internal sealed class UserDataMarshaler : Marshaler
{
    public override void GuestWrite(CodeWriter w, ParameterModel p, FunctionModel f) => w.Line($"__w.WriteUInt64((ulong){Id(p.Name)});");

    public override void WorkerReadSlot(CodeWriter w, ParameterModel p) => w.Line($"ulong __ud_{p.Name} = __r.ReadUInt64();");

    public override void WorkerBind(CodeWriter w, ParameterModel p, FunctionModel f)
    {
        var owner = f.Parameters.FirstOrDefault(c => c.Kind == ParamKind.Callback && c.UserDataName == p.Name);
        // With no callback the user data is never used, but whether it is NULL is an argument the library checks
        // (OpenCL: user_data without pfn_notify is CL_INVALID_VALUE): a token keeps it non-NULL when it was.
        var noCallback = $"(__ud_{p.Name} == 0 ? null : (void*)1)";
        w.Line(owner is null
            ? $"void* {Id(p.Name)} = {noCallback};"
            : $"void* {Id(p.Name)} = __cb_{owner.Name} == 0 ? {noCallback} : __call.CallbackUserData(__cb_{owner.Name}, {(owner.CallbackPersistent ? "true" : "false")});");
    }
}
