// Guest-side hand-written part of the GTI drop-in: GtiEvaluate's tensors (Gti/Spec/Gti.cs says why). The output tensor
// the application gets is this process's, one per model, reused by the model's next evaluation and freed with the
// model, as the library keeps its own.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ava.Gti;

/// <summary>The guest's hand-written part of the GTI drop-in.</summary>
public static unsafe partial class Gti
{
    /// <summary>Per model (its wire id), the output tensor handed to the application and the room of its buffer.</summary>
    private static readonly ConcurrentDictionary<nint, (nint Tensor, int Room)> s_outputs = new();

    /// <summary>The input's fields and bytes travel; the output's come back into the model's tensor of this process.</summary>
    [UnmanagedCallersOnly(EntryPoint = "GtiEvaluate")]
    public static partial GtiTensor* GtiEvaluate(GtiModel model, GtiTensor* input)
    {
        if (input == null || input->size < 0 || (input->size > 0 && input->buffer == null))
        {
            return null;
        }

        var header = stackalloc int[TensorHeaderInts] { input->width, input->height, input->depth, input->stride, input->size, input->format };
        var output = stackalloc int[TensorHeaderInts];
        if (Call_avaEvaluate(model, header, input->buffer, input->size, output) != 1 || output[4] < 0)
        {
            return null;
        }

        var size = output[4];
        var (tensor, room) = s_outputs.TryGetValue(model.Value, out var kept) ? kept : ((nint)NativeMemory.AllocZeroed((nuint)sizeof(GtiTensor)), 0);
        var t = (GtiTensor*)tensor;
        if (size + 1 > room)
        {
            // One byte more than the output, a NUL: programs print a JSON output as a C string.
            t->buffer = NativeMemory.Realloc(t->buffer, (nuint)size + 1);
            room = size + 1;
        }

        s_outputs[model.Value] = (tensor, room);
        var copied = Call_avaEvaluateOutput(model, t->buffer, size);
        ((byte*)t->buffer)[Math.Clamp(copied, 0, size)] = 0;
        t->width = output[0];
        t->height = output[1];
        t->depth = output[2];
        t->stride = output[3];
        t->size = size;
        t->format = output[5];
        t->tag = input->tag;
        return t;
    }

    /// <summary>After GtiDestroyModel: the model's output tensor goes with it.</summary>
    private static void ForgetOutput(int ret, GtiModel model)
    {
        if (s_outputs.TryRemove(model.Value, out var kept))
        {
            NativeMemory.Free(((GtiTensor*)kept.Tensor)->buffer);
            NativeMemory.Free((void*)kept.Tensor);
        }
    }

    // The wire functions are not the library's: the drop-in exports no such entry point, and a call here is refused.
    public static partial int avaEvaluate(GtiModel model, int* header, void* buffer, int size, int* output) => 0;

    public static partial int avaEvaluateOutput(GtiModel model, void* data, int length) => 0;
}
