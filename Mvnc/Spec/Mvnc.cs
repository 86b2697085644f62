// Spec of the Movidius Neural Compute SDK v2 API as exported by libmvnc.so.0 (declarations from mvnc.h, NCSDK
// 2.10.01, unversioned symbols). Each declaration keeps the C name and parameter names; the /// comment gives the C
// signature. Design choices that shape the annotations:
// - The three handle types (struct ncDeviceHandle_t *, struct ncGraphHandle_t *, struct ncFifoHandle_t *) are the
//   worker's wire ids: an application only passes them back, never reads their private_data.
// - Destroy functions take the address of the application's handle, which the library sets to NULL:
//   [InOut, Deallocates] on a pointer to one handle.
// - Get-option functions take the buffer's capacity in *dataLength and write the size they need or wrote there; the
//   buffer travels at the caller's capacity and comes back at the size written.
// - The user parameter of an element (ncFifoWriteElem, ncGraphQueueInferenceWithFifoElem) is the application's
//   pointer, which the library only stores and hands back from ncFifoReadElem: it travels as a number.
// - Graphs and FIFOs take device memory from the tenant's quota: a graph its file's length, a FIFO its capacity times
//   the element size of its tensor descriptor; beyond it the call fails with NC_OUT_OF_MEMORY without reaching the
//   device. The FIFOs ncGraphAllocateWithFifos makes are sized by the graph inside the library and are not charged.
// - Every call is synchronous: a set-option call's status is the library's own.
using Ava.Spec;

namespace Ava.Mvnc;

/// <summary><c>struct ncDeviceHandle_t *</c>: a Neural Compute device.</summary>
[HandleType(CName = "struct ncDeviceHandle_t *")]
public struct ncDeviceHandle_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>struct ncGraphHandle_t *</c>: a network graph, allocated to a device.</summary>
[HandleType(CName = "struct ncGraphHandle_t *")]
public struct ncGraphHandle_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>struct ncFifoHandle_t *</c>: a queue of tensors between the host and a graph.</summary>
[HandleType(CName = "struct ncFifoHandle_t *")]
public struct ncFifoHandle_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>struct ncTensorDescriptor_t</c>: the shape, strides and element type of a tensor.</summary>
public struct ncTensorDescriptor_t
{
    /// <summary>Batch size (1).</summary>
    public uint n;

    /// <summary>Channels.</summary>
    public uint c;

    /// <summary>Width.</summary>
    public uint w;

    /// <summary>Height.</summary>
    public uint h;

    /// <summary>Bytes of the tensor (the largest stride times its dimension).</summary>
    public uint totalSize;

    /// <summary>Stride of the channel dimension in bytes.</summary>
    public uint cStride;

    /// <summary>Stride of the horizontal dimension in bytes.</summary>
    public uint wStride;

    /// <summary>Stride of the vertical dimension in bytes.</summary>
    public uint hStride;

    /// <summary><c>ncFifoDataType_t</c>: NC_FIFO_FP16 (0) or NC_FIFO_FP32 (1).</summary>
    public int dataType;
}

/// <summary>The NCSDK v2 API, version 2.10.01.</summary>
[Api("mvnc", 10, Version = "2.10.01", SoName = "libmvnc.so.0", Header = "mvnc.h (NCSDK 2.10.01, branch ncsdk2)",
    RealLibrary = new[] { "{bin}/../lib/reference/libmvnc.so.0" })]
[SuccessValue(0)] // NC_OK
[TransportError(-2)] // NC_ERROR: error communicating with the device
[OutOfResources(-3)] // NC_OUT_OF_MEMORY: a bound of the tenant (live objects, threads) refused the call
public static unsafe partial class Mvnc
{
    /// <summary>NC_OUT_OF_MEMORY, the answer to an allocation the tenant's device-memory quota refuses.</summary>
    private const int NC_OUT_OF_MEMORY = -3;

    /// <summary>Device memory a FIFO takes: its capacity in elements times the descriptor's bytes (0 for no descriptor).</summary>
    internal static ulong FifoBytes(ncTensorDescriptor_t* tensorDesc, uint numElem) =>
        tensorDesc == null ? 0 : (ulong)numElem * tensorDesc->totalSize;

    // ---- Global options --------------------------------------------------------------------------------------

    /// <summary><c>ncStatus_t ncGlobalSetOption(int option, const void *data, unsigned int dataLength);</c></summary>
    public static partial int ncGlobalSetOption(int option, [In, Buffer("dataLength", ElementSize = 1)] void* data, uint dataLength);

    /// <summary><c>ncStatus_t ncGlobalGetOption(int option, void *data, unsigned int *dataLength);</c></summary>
    public static partial int ncGlobalGetOption(int option, [Out, Buffer("*dataLength", ElementSize = 1, Returned = "*dataLength")] void* data, [InOut] uint* dataLength);

    // ---- Devices ---------------------------------------------------------------------------------------------

    /// <summary><c>ncStatus_t ncDeviceSetOption(struct ncDeviceHandle_t *deviceHandle, int option, const void *data, unsigned int dataLength);</c></summary>
    public static partial int ncDeviceSetOption(ncDeviceHandle_t deviceHandle, int option, [In, Buffer("dataLength", ElementSize = 1)] void* data, uint dataLength);

    /// <summary><c>ncStatus_t ncDeviceGetOption(struct ncDeviceHandle_t *deviceHandle, int option, void *data, unsigned int *dataLength);</c></summary>
    public static partial int ncDeviceGetOption(ncDeviceHandle_t deviceHandle, int option, [Out, Buffer("*dataLength", ElementSize = 1, Returned = "*dataLength")] void* data, [InOut] uint* dataLength);

    /// <summary><c>ncStatus_t ncDeviceCreate(int index, struct ncDeviceHandle_t **deviceHandle);</c></summary>
    public static partial int ncDeviceCreate(int index, [Out, Allocates] ncDeviceHandle_t* deviceHandle);

    /// <summary><c>ncStatus_t ncDeviceOpen(struct ncDeviceHandle_t *deviceHandle);</c></summary>
    public static partial int ncDeviceOpen(ncDeviceHandle_t deviceHandle);

    /// <summary><c>ncStatus_t ncDeviceClose(struct ncDeviceHandle_t *deviceHandle);</c></summary>
    public static partial int ncDeviceClose(ncDeviceHandle_t deviceHandle);

    /// <summary><c>ncStatus_t ncDeviceDestroy(struct ncDeviceHandle_t **deviceHandle);</c></summary>
    public static partial int ncDeviceDestroy([InOut, Deallocates] ncDeviceHandle_t* deviceHandle);

    // ---- Graphs ----------------------------------------------------------------------------------------------

    /// <summary><c>ncStatus_t ncGraphCreate(const char *name, struct ncGraphHandle_t **graphHandle);</c></summary>
    public static partial int ncGraphCreate([String] sbyte* name, [Out, Allocates] ncGraphHandle_t* graphHandle);

    /// <summary><c>ncStatus_t ncGraphAllocate(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle, const void *graphBuffer, unsigned int graphBufferLength);</c></summary>
    [AllocatesResource("device_memory", "graphBufferLength", Denied = NC_OUT_OF_MEMORY, Of = "graphHandle")]
    public static partial int ncGraphAllocate(ncDeviceHandle_t deviceHandle, ncGraphHandle_t graphHandle, [In, Buffer("graphBufferLength", ElementSize = 1)] void* graphBuffer, uint graphBufferLength);

    /// <summary><c>ncStatus_t ncGraphDestroy(struct ncGraphHandle_t **graphHandle);</c></summary>
    [DeallocatesResource("device_memory")]
    public static partial int ncGraphDestroy([InOut, Deallocates] ncGraphHandle_t* graphHandle);

    /// <summary><c>ncStatus_t ncGraphSetOption(struct ncGraphHandle_t *graphHandle, int option, const void *data, unsigned int dataLength);</c></summary>
    public static partial int ncGraphSetOption(ncGraphHandle_t graphHandle, int option, [In, Buffer("dataLength", ElementSize = 1)] void* data, uint dataLength);

    /// <summary><c>ncStatus_t ncGraphGetOption(struct ncGraphHandle_t *graphHandle, int option, void *data, unsigned int *dataLength);</c></summary>
    public static partial int ncGraphGetOption(ncGraphHandle_t graphHandle, int option, [Out, Buffer("*dataLength", ElementSize = 1, Returned = "*dataLength")] void* data, [InOut] uint* dataLength);

    /// <summary><c>ncStatus_t ncGraphQueueInference(struct ncGraphHandle_t *graphHandle, struct ncFifoHandle_t **fifoIn, unsigned int inFifoCount, struct ncFifoHandle_t **fifoOut, unsigned int outFifoCount);</c></summary>
    public static partial int ncGraphQueueInference(ncGraphHandle_t graphHandle, [In, Buffer("inFifoCount")] ncFifoHandle_t* fifoIn, uint inFifoCount, [In, Buffer("outFifoCount")] ncFifoHandle_t* fifoOut, uint outFifoCount);

    /// <summary><c>ncStatus_t ncGraphQueueInferenceWithFifoElem(struct ncGraphHandle_t *graphHandle, struct ncFifoHandle_t *fifoIn, struct ncFifoHandle_t *fifoOut, const void *inputTensor, unsigned int *inputTensorLength, void *userParam);</c></summary>
    public static partial int ncGraphQueueInferenceWithFifoElem(ncGraphHandle_t graphHandle, ncFifoHandle_t fifoIn, ncFifoHandle_t fifoOut, [In, Buffer("*inputTensorLength", ElementSize = 1)] void* inputTensor, [InOut] uint* inputTensorLength, nint userParam);

    /// <summary><c>ncStatus_t ncGraphAllocateWithFifos(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle, const void *graphBuffer, unsigned int graphBufferLength, struct ncFifoHandle_t **inFifoHandle, struct ncFifoHandle_t **outFifoHandle);</c></summary>
    [AllocatesResource("device_memory", "graphBufferLength", Denied = NC_OUT_OF_MEMORY, Of = "graphHandle")]
    public static partial int ncGraphAllocateWithFifos(ncDeviceHandle_t deviceHandle, ncGraphHandle_t graphHandle, [In, Buffer("graphBufferLength", ElementSize = 1)] void* graphBuffer, uint graphBufferLength,
        [Out, Allocates] ncFifoHandle_t* inFifoHandle, [Out, Allocates] ncFifoHandle_t* outFifoHandle);

    /// <summary><c>ncStatus_t ncGraphAllocateWithFifosEx(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle, const void *graphBuffer, unsigned int graphBufferLength, struct ncFifoHandle_t **inFifoHandle, ncFifoType_t inFifoType, int inNumElem, ncFifoDataType_t inDataType, struct ncFifoHandle_t **outFifoHandle, ncFifoType_t outFifoType, int outNumElem, ncFifoDataType_t outDataType);</c></summary>
    [AllocatesResource("device_memory", "graphBufferLength", Denied = NC_OUT_OF_MEMORY, Of = "graphHandle")]
    public static partial int ncGraphAllocateWithFifosEx(ncDeviceHandle_t deviceHandle, ncGraphHandle_t graphHandle, [In, Buffer("graphBufferLength", ElementSize = 1)] void* graphBuffer, uint graphBufferLength,
        [Out, Allocates] ncFifoHandle_t* inFifoHandle, int inFifoType, int inNumElem, int inDataType,
        [Out, Allocates] ncFifoHandle_t* outFifoHandle, int outFifoType, int outNumElem, int outDataType);

    // ---- FIFOs -----------------------------------------------------------------------------------------------

    /// <summary><c>ncStatus_t ncFifoCreate(const char *name, ncFifoType_t type, struct ncFifoHandle_t **fifoHandle);</c></summary>
    public static partial int ncFifoCreate([String] sbyte* name, int type, [Out, Allocates] ncFifoHandle_t* fifoHandle);

    /// <summary><c>ncStatus_t ncFifoAllocate(struct ncFifoHandle_t *fifoHandle, struct ncDeviceHandle_t *device, struct ncTensorDescriptor_t *tensorDesc, unsigned int numElem);</c></summary>
    [AllocatesResource("device_memory", "FifoBytes(tensorDesc, numElem)", Denied = NC_OUT_OF_MEMORY, Of = "fifoHandle")]
    public static partial int ncFifoAllocate(ncFifoHandle_t fifoHandle, ncDeviceHandle_t device, [In] ncTensorDescriptor_t* tensorDesc, uint numElem);

    /// <summary><c>ncStatus_t ncFifoSetOption(struct ncFifoHandle_t *fifoHandle, int option, const void *data, unsigned int dataLength);</c></summary>
    public static partial int ncFifoSetOption(ncFifoHandle_t fifoHandle, int option, [In, Buffer("dataLength", ElementSize = 1)] void* data, uint dataLength);

    /// <summary><c>ncStatus_t ncFifoGetOption(struct ncFifoHandle_t *fifoHandle, int option, void *data, unsigned int *dataLength);</c></summary>
    public static partial int ncFifoGetOption(ncFifoHandle_t fifoHandle, int option, [Out, Buffer("*dataLength", ElementSize = 1, Returned = "*dataLength")] void* data, [InOut] uint* dataLength);

    /// <summary><c>ncStatus_t ncFifoDestroy(struct ncFifoHandle_t **fifoHandle);</c></summary>
    [DeallocatesResource("device_memory")]
    public static partial int ncFifoDestroy([InOut, Deallocates] ncFifoHandle_t* fifoHandle);

    /// <summary><c>ncStatus_t ncFifoWriteElem(struct ncFifoHandle_t *fifoHandle, const void *inputTensor, unsigned int *inputTensorLength, void *userParam);</c></summary>
    public static partial int ncFifoWriteElem(ncFifoHandle_t fifoHandle, [In, Buffer("*inputTensorLength", ElementSize = 1)] void* inputTensor, [InOut] uint* inputTensorLength, nint userParam);

    /// <summary><c>ncStatus_t ncFifoReadElem(struct ncFifoHandle_t *fifoHandle, void *outputData, unsigned int *outputDataLen, void **userParam);</c></summary>
    public static partial int ncFifoReadElem(ncFifoHandle_t fifoHandle, [Out, Buffer("*outputDataLen", ElementSize = 1, Returned = "*outputDataLen")] void* outputData, [InOut] uint* outputDataLen, [Out] nint* userParam);

    /// <summary><c>ncStatus_t ncFifoRemoveElem(struct ncFifoHandle_t *fifoHandle);</c> (not supported by NCSDK 2.10)</summary>
    public static partial int ncFifoRemoveElem(ncFifoHandle_t fifoHandle);
}
