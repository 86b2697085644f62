// Guest-side hand-written parts of the TensorFlow C drop-in: tensors and buffers are memory of the application's
// process (TfC/Spec/TfC.cs says why), kept here; the calls that hand them to the library carry their bytes through the
// wire functions, and tensors the library made come back into tensors of this process.
using System.Runtime.InteropServices;

namespace Ava.TfC;

/// <summary>The guest's hand-written parts of the TensorFlow C drop-in.</summary>
public static unsafe partial class TfC
{
    private const int CodeInvalidArgument = 3;

    /// <summary>The most dimensions a tensor the library made may have here (TensorFlow allows 254; our tensors' shape fits).</summary>
    private const int MaxDims = 64;

    /// <summary>A TF_Tensor of the application's process: its type, shape and bytes, and who frees them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GuestTensor
    {
        public int Type;
        public int NumDims;
        public long* Dims;
        public void* Data;
        public nuint Length;
        public delegate* unmanaged<void*, nuint, void*, void> Deallocator;
        public void* DeallocatorArg;
    }

    // ---- Tensors ---------------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "TF_NewTensor")]
    public static partial nint TF_NewTensor(int dtype, long* dims, int num_dims, nint data, nuint len, nint deallocator, nint deallocator_arg) =>
        NewTensor(dtype, dims, num_dims, (void*)data, len, (delegate* unmanaged<void*, nuint, void*, void>)deallocator, (void*)deallocator_arg);

    [UnmanagedCallersOnly(EntryPoint = "TF_AllocateTensor")]
    public static partial nint TF_AllocateTensor(int dtype, long* dims, int num_dims, nuint len) => AllocateTensor(dtype, dims, num_dims, len);

    /// <summary>The content stays where it is (TensorFlow moves only a buffer no other tensor shares): NULL, the tensor untouched.</summary>
    [UnmanagedCallersOnly(EntryPoint = "TF_TensorMaybeMove")]
    public static partial nint TF_TensorMaybeMove(nint tensor) => 0;

    [UnmanagedCallersOnly(EntryPoint = "TF_DeleteTensor")]
    public static partial void TF_DeleteTensor(nint tensor)
    {
        var t = (GuestTensor*)tensor;
        if (t == null)
        {
            return;
        }

        if (t->Deallocator != null)
        {
            t->Deallocator(t->Data, t->Length, t->DeallocatorArg);
        }

        NativeMemory.Free(t->Dims);
        NativeMemory.Free(t);
    }

    [UnmanagedCallersOnly(EntryPoint = "TF_TensorType")]
    public static partial int TF_TensorType(nint tensor) => ((GuestTensor*)tensor)->Type;

    [UnmanagedCallersOnly(EntryPoint = "TF_NumDims")]
    public static partial int TF_NumDims(nint tensor) => ((GuestTensor*)tensor)->NumDims;

    [UnmanagedCallersOnly(EntryPoint = "TF_Dim")]
    public static partial long TF_Dim(nint tensor, int dim_index) => ((GuestTensor*)tensor)->Dims[dim_index];

    [UnmanagedCallersOnly(EntryPoint = "TF_TensorByteSize")]
    public static partial nuint TF_TensorByteSize(nint tensor) => ((GuestTensor*)tensor)->Length;

    [UnmanagedCallersOnly(EntryPoint = "TF_TensorData")]
    public static partial nint TF_TensorData(nint tensor) => (nint)((GuestTensor*)tensor)->Data;

    [UnmanagedCallersOnly(EntryPoint = "TF_TensorElementCount")]
    public static partial long TF_TensorElementCount(nint tensor) => Elements(((GuestTensor*)tensor)->Dims, ((GuestTensor*)tensor)->NumDims);

    private static long Elements(long* dims, int numDims)
    {
        long n = 1;
        for (var i = 0; i < numDims; i++)
        {
            n *= dims[i];
        }

        return n;
    }

    /// <summary>
    /// A tensor over the caller's bytes. As the library does, a length that does not fit the type and shape (for a type
    /// of fixed size, by the library's TF_DataTypeSize) gets NULL and the deallocator run at once.
    /// </summary>
    private static nint NewTensor(int dtype, long* dims, int numDims, void* data, nuint len, delegate* unmanaged<void*, nuint, void*, void> deallocator, void* arg)
    {
        var elementSize = Call_TF_DataTypeSize(dtype);
        if (numDims < 0 || (numDims > 0 && dims == null) || (elementSize != 0 && (ulong)Elements(dims, numDims) * elementSize != len))
        {
            if (deallocator != null)
            {
                deallocator(data, len, arg);
            }

            return 0;
        }

        var t = (GuestTensor*)NativeMemory.AllocZeroed((nuint)sizeof(GuestTensor));
        t->Type = dtype;
        t->NumDims = numDims;
        t->Dims = (long*)NativeMemory.Alloc((nuint)Math.Max(numDims, 1) * sizeof(long));
        if (numDims > 0)
        {
            new ReadOnlySpan<long>(dims, numDims).CopyTo(new Span<long>(t->Dims, numDims));
        }

        t->Data = data;
        t->Length = len;
        t->Deallocator = deallocator;
        t->DeallocatorArg = arg;
        return (nint)t;
    }

    /// <summary>A tensor over bytes of its own, 64-byte aligned as TensorFlow's allocator gives them.</summary>
    private static nint AllocateTensor(int dtype, long* dims, int numDims, nuint len)
    {
        var data = NativeMemory.AlignedAlloc(Math.Max(len, 1), 64);
        var t = NewTensor(dtype, dims, numDims, data, len, &FreeTensorData, null);
        return t;
    }

    [UnmanagedCallersOnly]
    private static void FreeTensorData(void* data, nuint len, void* arg) => NativeMemory.AlignedFree(data);

    // ---- Buffers ---------------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "TF_NewBuffer")]
    public static partial TF_Buffer* TF_NewBuffer() => (TF_Buffer*)NativeMemory.AllocZeroed((nuint)sizeof(TF_Buffer));

    /// <summary>A buffer with a copy of the caller's bytes, freed with it.</summary>
    [UnmanagedCallersOnly(EntryPoint = "TF_NewBufferFromString")]
    public static partial TF_Buffer* TF_NewBufferFromString(void* proto, nuint proto_len)
    {
        var b = (TF_Buffer*)NativeMemory.AllocZeroed((nuint)sizeof(TF_Buffer));
        var copy = NativeMemory.Alloc(Math.Max(proto_len, 1));
        if (proto_len > 0)
        {
            Buffer.MemoryCopy(proto, copy, proto_len, proto_len);
        }

        b->data = copy;
        b->length = proto_len;
        b->data_deallocator = &FreeBufferData;
        return b;
    }

    [UnmanagedCallersOnly]
    private static void FreeBufferData(void* data, nuint length) => NativeMemory.Free(data);

    [UnmanagedCallersOnly(EntryPoint = "TF_DeleteBuffer")]
    public static partial void TF_DeleteBuffer(TF_Buffer* buffer)
    {
        if (buffer == null)
        {
            return;
        }

        if (buffer->data_deallocator != null)
        {
            buffer->data_deallocator(buffer->data, buffer->length);
        }

        NativeMemory.Free(buffer);
    }

    [UnmanagedCallersOnly(EntryPoint = "TF_GetBuffer")]
    public static partial TF_Buffer TF_GetBuffer(TF_Buffer* buffer) => *buffer;

    // ---- Calls that carry them -------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "TF_GraphImportGraphDef")]
    public static partial void TF_GraphImportGraphDef(TF_Graph graph, TF_Buffer* graph_def, TF_ImportGraphDefOptions options, TF_Status status) =>
        Call_avaGraphImportGraphDef(graph, graph_def == null ? null : graph_def->data, graph_def == null ? 0 : graph_def->length, options, status);

    /// <summary>The decoded string lies in the caller's src, where the library found it in its copy.</summary>
    [UnmanagedCallersOnly(EntryPoint = "TF_StringDecode")]
    public static partial nuint TF_StringDecode(nint src, nuint src_len, nint dst, nint dst_len, TF_Status status)
    {
        nuint offset = 0, length = 0;
        var consumed = Call_avaStringDecode((sbyte*)src, src_len, &offset, &length, status);
        if (consumed != 0 && offset <= src_len)
        {
            if (dst != 0)
            {
                *(nint*)dst = src + (nint)offset;
            }

            if (dst_len != 0)
            {
                *(nuint*)dst_len = length;
            }
        }

        return consumed;
    }

    /// <summary>
    /// The input tensors travel as one blob; the library's output tensors come back as worker tensors, each read into a
    /// tensor of this process and deleted in the worker. A run_metadata buffer is filled as the library fills it: with
    /// bytes of this process that its data_deallocator frees; the library refuses one that has data, as natively.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "TF_SessionRun")]
    public static partial void TF_SessionRun(TF_Session session, TF_Buffer* run_options, TF_Output* inputs, nint* input_values, int ninputs,
        TF_Output* outputs, nint* output_values, int noutputs, TF_Operation* target_opers, int ntargets, TF_Buffer* run_metadata, TF_Status status)
    {
        if (ninputs < 0 || noutputs < 0 || ntargets < 0)
        {
            Fail(status, "TF_SessionRun: a negative count");
            return;
        }

        for (var i = 0; i < noutputs; i++)
        {
            output_values[i] = 0;
        }

        ulong blob = 0;
        for (var i = 0; i < ninputs; i++)
        {
            var t = (GuestTensor*)input_values[i];
            if (t == null)
            {
                Fail(status, $"TF_SessionRun: input {i} is NULL");
                return;
            }

            blob += TensorHeaderBytes(t->NumDims) + Padded(t->Length);
        }

        // Per call, native memory (never managed): the operations, indices, blob and result ids, freed on the way out.
        var arrays = (byte*)NativeMemory.Alloc((nuint)(((long)ninputs + noutputs) * 12 + ntargets * 8 + noutputs * 8 + 8));
        var metadata = default(TF_Tensor);
        var blobBytes = (byte*)NativeMemory.Alloc((nuint)Math.Max(blob, 8));
        try
        {
            var inOpers = (TF_Operation*)arrays;
            var inIndices = (int*)(inOpers + ninputs);
            var outOpers = (TF_Operation*)(inIndices + ninputs + (ninputs & 1));
            var outIndices = (int*)(outOpers + noutputs);
            var results = (TF_Tensor*)(outIndices + noutputs + (noutputs & 1));
            var at = blobBytes;
            for (var i = 0; i < ninputs; i++)
            {
                inOpers[i].Value = inputs[i].oper;
                inIndices[i] = inputs[i].index;
                at = WriteTensor(at, (GuestTensor*)input_values[i]);
            }

            for (var i = 0; i < noutputs; i++)
            {
                outOpers[i].Value = outputs[i].oper;
                outIndices[i] = outputs[i].index;
            }

            Call_avaSessionRun(session, run_options == null ? null : run_options->data, run_options == null ? 0 : run_options->length,
                ninputs == 0 ? null : inOpers, ninputs == 0 ? null : inIndices, ninputs, blobBytes, (nuint)blob,
                noutputs == 0 ? null : outOpers, noutputs == 0 ? null : outIndices, noutputs, noutputs == 0 ? null : results, target_opers, ntargets,
                run_metadata == null ? 0 : run_metadata->data == null ? 1 : 2, run_metadata == null ? null : &metadata, status);
            if (metadata.Value != 0)
            {
                TakeBytes(metadata, run_metadata);
            }

            for (var i = 0; i < noutputs; i++)
            {
                if (results[i].Value != 0)
                {
                    output_values[i] = TakeTensor(results[i]);
                }
            }
        }
        finally
        {
            NativeMemory.Free(blobBytes);
            NativeMemory.Free(arrays);
        }
    }

    /// <summary>Bytes of a tensor's header in the blob: type, rank, each dimension and the byte length, 8 bytes each.</summary>
    private static ulong TensorHeaderBytes(int numDims) => 8UL * (3 + (ulong)Math.Max(numDims, 0));

    private static ulong Padded(nuint bytes) => ((ulong)bytes + 7) & ~7UL;

    private static byte* WriteTensor(byte* at, GuestTensor* t)
    {
        var slots = (long*)at;
        slots[0] = t->Type;
        slots[1] = t->NumDims;
        for (var d = 0; d < t->NumDims; d++)
        {
            slots[2 + d] = t->Dims[d];
        }

        slots[2 + t->NumDims] = (long)t->Length;
        at += TensorHeaderBytes(t->NumDims);
        if (t->Length > 0)
        {
            Buffer.MemoryCopy(t->Data, at, t->Length, t->Length);
        }

        return at + Padded(t->Length);
    }

    /// <summary>A tensor of this process with the worker tensor's type, shape and bytes; the worker's is deleted.</summary>
    private static nint TakeTensor(TF_Tensor wire)
    {
        int dtype = 0, numDims = 0;
        nuint length = 0;
        var dims = stackalloc long[MaxDims];
        Call_avaTensorShape(wire, &dtype, &numDims, dims, MaxDims, &length);
        nint t = 0;
        if (numDims >= 0 && numDims <= MaxDims)
        {
            t = AllocateTensor(dtype, dims, numDims, length);
            if (t != 0)
            {
                Call_avaTensorRead(wire, ((GuestTensor*)t)->Data, length);
            }
        }

        Call_avaDeleteTensor(wire);
        return t;
    }

    /// <summary>A worker tensor's bytes into the buffer, in memory of this process that the buffer's deallocator frees; the worker's is deleted.</summary>
    private static void TakeBytes(TF_Tensor wire, TF_Buffer* buffer)
    {
        int dtype = 0, numDims = 0;
        nuint length = 0;
        long dims = 0;
        Call_avaTensorShape(wire, &dtype, &numDims, &dims, 1, &length);
        var data = NativeMemory.Alloc(Math.Max(length, 1));
        Call_avaTensorRead(wire, data, length);
        Call_avaDeleteTensor(wire);
        buffer->data = data;
        buffer->length = length;
        buffer->data_deallocator = &FreeBufferData;
    }

    private static void Fail(TF_Status status, string message)
    {
        var bytes = stackalloc byte[256];
        var n = System.Text.Encoding.UTF8.GetBytes(message.AsSpan(0, Math.Min(message.Length, 200)), new Span<byte>(bytes, 255));
        bytes[n] = 0;
        Call_TF_SetStatus(status, CodeInvalidArgument, (sbyte*)bytes);
    }

    // The wire functions are not the library's: the drop-in exports no such entry point, and a call here does nothing.
    public static partial void avaGraphImportGraphDef(TF_Graph graph, void* data, nuint length, TF_ImportGraphDefOptions options, TF_Status status)
    {
    }

    public static partial nuint avaStringDecode(sbyte* src, nuint src_len, nuint* offset, nuint* dst_len, TF_Status status) => 0;

    public static partial void avaSessionRun(TF_Session session, void* run_options, nuint run_options_length, TF_Operation* input_opers, int* input_indices, int ninputs,
        byte* tensors, nuint tensors_length, TF_Operation* output_opers, int* output_indices, int noutputs, TF_Tensor* output_values, TF_Operation* target_opers, int ntargets,
        int metadata, TF_Tensor* run_metadata, TF_Status status)
    {
    }

    public static partial void avaTensorShape(TF_Tensor tensor, int* dtype, int* num_dims, long* dims, int max_dims, nuint* length)
    {
    }

    public static partial void avaTensorRead(TF_Tensor tensor, void* data, nuint length)
    {
    }

    public static partial void avaDeleteTensor(TF_Tensor tensor)
    {
    }
}
