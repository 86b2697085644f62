// Worker-side hand-written parts of the GTI backend: the wire functions of GtiEvaluate (Gti/Spec/Gti.cs), carried out
// with the real library over memory of the worker's, and the last output of each model, kept until it is read.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Worker;

namespace Ava.Gti;

/// <summary>The worker's hand-written parts of the GTI backend.</summary>
public static unsafe partial class Gti
{
    /// <summary>Per model, the output tensor of its last evaluation (the library's, valid until the next one).</summary>
    private static readonly ConcurrentDictionary<nint, nint> s_lastOutputs = new();

    static Gti()
    {
        // Wire-only functions have no export in the real library: the worker carries them out itself.
        __real[FunctionIds.avaEvaluate] = (nint)(delegate* unmanaged<GtiModel, int*, void*, int, int*, int>)&Evaluate;
        __real[FunctionIds.avaEvaluateOutput] = (nint)(delegate* unmanaged<GtiModel, void*, int, int>)&EvaluateOutput;
    }

    [UnmanagedCallersOnly]
    private static int Evaluate(GtiModel model, int* header, void* buffer, int size, int* output)
    {
        // The guest's NULL travels as NULL whatever the size it claimed: no tensor then, as for a missing header.
        if (header == null || output == null || (buffer == null && size != 0))
        {
            return 0;
        }

        var input = new GtiTensor
        {
            width = header[0], height = header[1], depth = header[2], stride = header[3], buffer = buffer, size = size, format = header[5],
        };
        var result = GtiEvaluate(model, &input);
        if (result == null)
        {
            s_lastOutputs.TryRemove(model.Value, out _);
            return 0;
        }

        s_lastOutputs[model.Value] = (nint)result;
        output[0] = result->width;
        output[1] = result->height;
        output[2] = result->depth;
        output[3] = result->stride;
        output[4] = result->buffer == null ? 0 : Math.Max(result->size, 0);
        output[5] = result->format;
        return 1;
    }

    /// <summary>The bytes of the model's last output, no more than the guest has room for; 0 when it has none.</summary>
    [UnmanagedCallersOnly]
    private static int EvaluateOutput(GtiModel model, void* data, int length)
    {
        if (!s_lastOutputs.TryGetValue(model.Value, out var kept) || data == null || length <= 0)
        {
            return 0;
        }

        var result = (GtiTensor*)kept;
        var n = Math.Min(length, result->size);
        if (result->buffer == null || n <= 0)
        {
            return 0;
        }

        Buffer.MemoryCopy(result->buffer, data, length, n);
        return n;
    }

    /// <summary>After GtiDestroyModel: the model's last output is the library's no more.</summary>
    private static void ForgetOutput(WorkerCall call, ref int ret, ref GtiModel model) => s_lastOutputs.TryRemove(model.Value, out _);
}
