// Worker-side hand-written parts of the TensorFlow C backend: the wire functions (TfC/Spec/TfC.cs), which the worker
// carries out with the real library over memory of its own. A guest may be hostile: the tensor blob is read with
// every length checked against what arrived, and a malformed one is the call's TF_INVALID_ARGUMENT.
using System.Runtime.InteropServices;

namespace Ava.TfC;

/// <summary>The worker's hand-written parts of the TensorFlow C backend.</summary>
public static unsafe partial class TfC
{
    private const int CodeInvalidArgument = 3;

    /// <summary>The most dimensions an input tensor may have (TensorFlow's own bound on a shape's rank).</summary>
    private const int MaxInputDims = 254;

    static TfC()
    {
        // Wire-only functions have no export in the real library: the worker carries them out itself.
        __real[FunctionIds.avaGraphImportGraphDef] = (nint)(delegate* unmanaged<TF_Graph, void*, nuint, TF_ImportGraphDefOptions, TF_Status, void>)&GraphImportGraphDef;
        __real[FunctionIds.avaStringDecode] = (nint)(delegate* unmanaged<sbyte*, nuint, nuint*, nuint*, TF_Status, nuint>)&StringDecode;
        __real[FunctionIds.avaSessionRun] = (nint)(delegate* unmanaged<TF_Session, void*, nuint, TF_Operation*, int*, int, byte*, nuint, TF_Operation*, int*, int, TF_Tensor*, TF_Operation*, int, int, TF_Tensor*, TF_Status, void>)&SessionRun;
        __real[FunctionIds.avaTensorShape] = (nint)(delegate* unmanaged<TF_Tensor, int*, int*, long*, int, nuint*, void>)&TensorShape;
        __real[FunctionIds.avaTensorRead] = (nint)(delegate* unmanaged<TF_Tensor, void*, nuint, void>)&TensorRead;
        __real[FunctionIds.avaDeleteTensor] = (nint)(delegate* unmanaged<TF_Tensor, void>)&DeleteTensor;
    }

    [UnmanagedCallersOnly]
    private static void GraphImportGraphDef(TF_Graph graph, void* data, nuint length, TF_ImportGraphDefOptions options, TF_Status status)
    {
        // A NULL graph definition arrives with whatever length the guest claimed: the library gets none of it.
        var buffer = new TF_Buffer { data = data, length = data == null ? 0 : length };
        TF_GraphImportGraphDef(graph, &buffer, options, status);
    }

    [UnmanagedCallersOnly]
    private static nuint StringDecode(sbyte* src, nuint srcLength, nuint* offset, nuint* length, TF_Status status)
    {
        if (offset == null || length == null || (src == null && srcLength != 0))
        {
            Fail(status, "TF_StringDecode: no room for the answer, or no bytes to decode");
            return 0;
        }

        sbyte* decoded = null;
        nuint decodedLength = 0;
        var consumed = TF_StringDecode((nint)src, srcLength, (nint)(&decoded), (nint)(&decodedLength), status);
        if (consumed != 0 && decoded >= src && decoded + decodedLength <= src + srcLength)
        {
            *offset = (nuint)(decoded - src);
            *length = decodedLength;
        }

        return consumed;
    }

    /// <summary>
    /// Input tensors rebuilt from the blob in tensors of the library's, the run, the inputs deleted again. The run's
    /// metadata goes to a buffer of the worker's, whose bytes (and deallocator) are the library's: they leave as a tensor.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void SessionRun(TF_Session session, void* runOptions, nuint runOptionsLength, TF_Operation* inputOpers, int* inputIndices, int ninputs,
        byte* tensors, nuint tensorsLength, TF_Operation* outputOpers, int* outputIndices, int noutputs, TF_Tensor* outputValues, TF_Operation* targets, int ntargets,
        int metadata, TF_Tensor* runMetadata, TF_Status status)
    {
        if (runMetadata != null)
        {
            *runMetadata = default;
        }

        if (ninputs < 0 || noutputs < 0 || ntargets < 0 || tensorsLength > int.MaxValue)
        {
            Fail(status, "TF_SessionRun: a negative count, or an input blob of 2 GiB or more");
            return;
        }

        // Arrays a count says are there must be (the guest's NULL travels as NULL whatever the count).
        if ((ninputs > 0 && (inputOpers == null || inputIndices == null || tensors == null))
            || (noutputs > 0 && (outputOpers == null || outputIndices == null || outputValues == null)) || (ntargets > 0 && targets == null))
        {
            Fail(status, "TF_SessionRun: a count without its array");
            return;
        }

        var inputs = (TF_Output*)NativeMemory.AllocZeroed((nuint)Math.Max(ninputs, 1) * (nuint)sizeof(TF_Output));
        var values = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(ninputs, 1) * (nuint)sizeof(nint));
        var outputs = (TF_Output*)NativeMemory.AllocZeroed((nuint)Math.Max(noutputs, 1) * (nuint)sizeof(TF_Output));
        try
        {
            var blob = new ReadOnlySpan<byte>(tensors, tensors == null ? 0 : (int)tensorsLength);
            for (var i = 0; i < ninputs; i++)
            {
                inputs[i] = new TF_Output { oper = inputOpers[i].Value, index = inputIndices[i] };
                values[i] = ReadTensor(ref blob, out var problem);
                if (values[i] == 0)
                {
                    Fail(status, $"TF_SessionRun: input tensor {i}: {problem}");
                    return;
                }
            }

            for (var i = 0; i < noutputs; i++)
            {
                outputs[i] = new TF_Output { oper = outputOpers[i].Value, index = outputIndices[i] };
            }

            var options = new TF_Buffer { data = runOptions, length = runOptionsLength };
            // The caller's buffer with data is shown to the library as one with data of no length, never to be freed.
            byte callersData = 0;
            var filled = new TF_Buffer { data = metadata == 2 ? &callersData : null };
            TF_SessionRun(session, runOptions == null ? null : &options, ninputs == 0 ? null : inputs, ninputs == 0 ? null : values, ninputs,
                noutputs == 0 ? null : outputs, (nint*)outputValues, noutputs, targets, ntargets, metadata is 1 or 2 ? &filled : null, status);
            if (filled.data != null && filled.data != &callersData)
            {
                if (runMetadata != null)
                {
                    *runMetadata = BytesTensor(filled.data, filled.length);
                }

                if (filled.data_deallocator != null)
                {
                    filled.data_deallocator(filled.data, filled.length);
                }
            }
        }
        finally
        {
            for (var i = 0; i < ninputs; i++)
            {
                TF_DeleteTensor(values[i]);
            }

            NativeMemory.Free(inputs);
            NativeMemory.Free(values);
            NativeMemory.Free(outputs);
        }
    }

    /// <summary>One tensor of the blob (TfC/README.md): a library tensor with its bytes, or 0 with what is wrong.</summary>
    private static nint ReadTensor(ref ReadOnlySpan<byte> blob, out string problem)
    {
        problem = "";
        if (blob.Length < 16)
        {
            problem = "the blob ends before its header";
            return 0;
        }

        var dtype = MemoryMarshal.Read<long>(blob);
        var numDims = MemoryMarshal.Read<long>(blob[8..]);
        if (dtype is < 1 or > int.MaxValue || numDims is < 0 or > MaxInputDims || blob.Length < 8 * (3 + (int)numDims))
        {
            problem = $"type {dtype} or rank {numDims} out of range, or the blob ends in its header";
            return 0;
        }

        var dims = stackalloc long[(int)numDims + 1];
        for (var d = 0; d < numDims; d++)
        {
            dims[d] = MemoryMarshal.Read<long>(blob[(16 + (8 * d))..]);
        }

        var length = MemoryMarshal.Read<long>(blob[(16 + (8 * (int)numDims))..]);
        var header = 8 * (3 + (int)numDims);
        var padded = (length + 7) & ~7L;
        if (length < 0 || padded > blob.Length - header)
        {
            problem = $"{length} bytes, more than the blob holds";
            return 0;
        }

        var tensor = TF_AllocateTensor((int)dtype, dims, (int)numDims, (nuint)length);
        if (tensor == 0)
        {
            problem = "the library made no tensor of that type and shape";
            return 0;
        }

        if (length > 0)
        {
            blob.Slice(header, (int)length).CopyTo(new Span<byte>((void*)TF_TensorData(tensor), (int)length));
        }

        blob = blob[(header + (int)padded)..];
        return tensor;
    }

    /// <summary>A TF_UINT8 vector of the library's with a copy of the bytes.</summary>
    private static TF_Tensor BytesTensor(void* data, nuint length)
    {
        const int uint8 = 4;
        var dims = (long)length;
        var tensor = TF_AllocateTensor(uint8, &dims, 1, length);
        if (tensor != 0 && length > 0)
        {
            Buffer.MemoryCopy(data, (void*)TF_TensorData(tensor), length, length);
        }

        return new TF_Tensor { Value = tensor };
    }

    [UnmanagedCallersOnly]
    private static void TensorShape(TF_Tensor tensor, int* dtype, int* numDims, long* dims, int maxDims, nuint* length)
    {
        if (dtype == null || numDims == null || length == null || (dims == null && maxDims > 0))
        {
            return;
        }

        *dtype = TF_TensorType(tensor.Value);
        *numDims = TF_NumDims(tensor.Value);
        for (var d = 0; d < Math.Min(*numDims, maxDims); d++)
        {
            dims[d] = TF_Dim(tensor.Value, d);
        }

        *length = TF_TensorByteSize(tensor.Value);
    }

    /// <summary>The tensor's bytes, as many as the guest has room for and the tensor holds.</summary>
    [UnmanagedCallersOnly]
    private static void TensorRead(TF_Tensor tensor, void* data, nuint length)
    {
        var bytes = Math.Min(length, TF_TensorByteSize(tensor.Value));
        if (data != null && bytes > 0)
        {
            Buffer.MemoryCopy((void*)TF_TensorData(tensor.Value), data, length, bytes);
        }
    }

    [UnmanagedCallersOnly]
    private static void DeleteTensor(TF_Tensor tensor) => TF_DeleteTensor(tensor.Value);

    private static void Fail(TF_Status status, string message)
    {
        var bytes = stackalloc byte[256];
        var n = System.Text.Encoding.UTF8.GetBytes(message.AsSpan(0, Math.Min(message.Length, 200)), new Span<byte>(bytes, 255));
        bytes[n] = 0;
        TF_SetStatus(status, CodeInvalidArgument, (sbyte*)bytes);
    }
}
