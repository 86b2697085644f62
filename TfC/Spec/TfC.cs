// Spec of the TensorFlow C API as exported by libtensorflow.so.1 (declarations from tensorflow/c/c_api.h of the 1.x
// line, 1.13 by content, the header AvA's benchmark programs compile against; every symbol under the VERS_1.0 node of
// TensorFlow's version script). Each declaration keeps the C name and parameter names; the /// comment gives the C
// signature. Design choices that shape the annotations:
// - Status, graph, operation, operation description, session options, session and import options are the worker's
//   wire ids. An operation belongs to its graph: TF_GraphOperationByName hands back the same id for the same operation.
// - Strings the library returns and keeps (TF_Version, TF_Message, TF_OperationName, ...) are [return: String]: the
//   caller gets the guest's copy, alive as long as the object the call is about.
// - A TF_Tensor and a TF_Buffer are memory of the application's process: the application writes TF_TensorData and
//   TF_Buffer's fields itself and the deallocators it gives are its functions. The guest keeps both in that process
//   ([GuestOnly]: TF_NewTensor, TF_TensorData, TF_NewBuffer, ...), as the library keeps a CPU tensor in host memory.
//   Where one crosses to the library, a wire function carries its bytes (avaGraphImportGraphDef, avaSessionRun: the
//   input tensors as one blob, TfC/README.md has its layout), and a tensor the library made comes back as a worker
//   tensor (TF_Tensor) whose shape and bytes the guest reads into a tensor of its own before deleting it.
// - A TF_Output passed by value (an operation and an output index) is declared as its two fields: the x86-64 System V
//   ABI passes the 16-byte struct in two integer registers, as it passes two arguments, and every function here that
//   takes one has its arguments in registers (six or fewer, none floating point).
// - Nothing the application allocates is device memory it controls: no call is charged to a quota.
// - The release functions that take a status (TF_DeleteSession, TF_FinishOperation) are called for what a guest held
//   when it went away too: their status is [Scratch], one of the worker's own.
using Ava.Spec;

namespace Ava.TfC;

/// <summary><c>TF_Status *</c>: the code and message of the last call that took it.</summary>
[HandleType(CName = "TF_Status *", NeverNull = true)]
public struct TF_Status
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_Graph *</c>: a computation graph.</summary>
[HandleType(CName = "TF_Graph *", NeverNull = true)]
public struct TF_Graph
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_Operation *</c>: an operation of a graph (owned by its graph).</summary>
[HandleType(CName = "TF_Operation *", NeverNull = true)]
public struct TF_Operation
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_OperationDescription *</c>: an operation being built, until TF_FinishOperation.</summary>
[HandleType(CName = "TF_OperationDescription *", NeverNull = true)]
public struct TF_OperationDescription
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_SessionOptions *</c>: options of a new session.</summary>
[HandleType(CName = "TF_SessionOptions *", NeverNull = true)]
public struct TF_SessionOptions
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_Session *</c>: a session running a graph.</summary>
[HandleType(CName = "TF_Session *", NeverNull = true)]
public struct TF_Session
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_ImportGraphDefOptions *</c>: options of a graph import.</summary>
[HandleType(CName = "TF_ImportGraphDefOptions *", NeverNull = true)]
public struct TF_ImportGraphDefOptions
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>TF_Tensor *</c>: a tensor in the worker (the wire functions' results; the application's tensors live in its own process).</summary>
[HandleType(CName = "TF_Tensor *", NeverNull = true)]
public struct TF_Tensor
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct TF_Buffer { const void* data; size_t length; void (*data_deallocator)(void* data, size_t length); } TF_Buffer;</c></summary>
public unsafe struct TF_Buffer
{
    /// <summary>The bytes.</summary>
    public void* data;

    /// <summary>Bytes at <see cref="data"/>.</summary>
    public nuint length;

    /// <summary>Called with data and length when the buffer is deleted (NULL: none).</summary>
    public delegate* unmanaged<void*, nuint, void> data_deallocator;
}

/// <summary><c>typedef struct TF_Output { TF_Operation* oper; int index; } TF_Output;</c></summary>
public struct TF_Output
{
    /// <summary>The operation.</summary>
    public nint oper;

    /// <summary>Which of its outputs.</summary>
    public int index;
}

/// <summary>The TensorFlow C API of the 1.x line.</summary>
[Api("tensorflow", 12, Version = "1.13", SoName = "libtensorflow.so.1", Header = "tensorflow/c/c_api.h (TensorFlow 1.13)",
    RealLibrary = new[] { "{bin}/../lib/reference/libtensorflow.so.1" })]
[SymbolVersion("VERS_1.0")]
[TransportError(14)] // TF_UNAVAILABLE, for the functions that return a number
public static unsafe partial class TfC
{
    // ---- Version, data types -----------------------------------------------------------------------------------

    /// <summary><c>const char* TF_Version(void);</c></summary>
    [return: String]
    public static partial sbyte* TF_Version();

    /// <summary><c>size_t TF_DataTypeSize(TF_DataType dt);</c></summary>
    public static partial nuint TF_DataTypeSize(int dt);

    // ---- Status ------------------------------------------------------------------------------------------------

    /// <summary><c>TF_Status* TF_NewStatus(void);</c></summary>
    [Allocates]
    public static partial TF_Status TF_NewStatus();

    /// <summary><c>void TF_DeleteStatus(TF_Status*);</c></summary>
    public static partial void TF_DeleteStatus([Deallocates] TF_Status s);

    /// <summary><c>void TF_SetStatus(TF_Status* s, TF_Code code, const char* msg);</c></summary>
    public static partial void TF_SetStatus(TF_Status s, int code, [String(NeverNull = true)] sbyte* msg);

    /// <summary><c>TF_Code TF_GetCode(const TF_Status* s);</c></summary>
    public static partial int TF_GetCode(TF_Status s);

    /// <summary><c>const char* TF_Message(const TF_Status* s);</c></summary>
    [return: String]
    public static partial sbyte* TF_Message(TF_Status s);

    // ---- Buffers (memory of the application's process) -----------------------------------------------------------

    /// <summary><c>TF_Buffer* TF_NewBufferFromString(const void* proto, size_t proto_len);</c></summary>
    [GuestOnly]
    public static partial TF_Buffer* TF_NewBufferFromString([In, Buffer("proto_len", ElementSize = 1)] void* proto, nuint proto_len);

    /// <summary><c>TF_Buffer* TF_NewBuffer(void);</c></summary>
    [GuestOnly]
    public static partial TF_Buffer* TF_NewBuffer();

    /// <summary><c>void TF_DeleteBuffer(TF_Buffer*);</c></summary>
    [GuestOnly]
    public static partial void TF_DeleteBuffer([In] TF_Buffer* buffer);

    /// <summary><c>TF_Buffer TF_GetBuffer(TF_Buffer* buffer);</c></summary>
    [GuestOnly]
    public static partial TF_Buffer TF_GetBuffer([In] TF_Buffer* buffer);

    // ---- Tensors (memory of the application's process) -----------------------------------------------------------

    /// <summary><c>TF_Tensor* TF_NewTensor(TF_DataType, const int64_t* dims, int num_dims, void* data, size_t len, void (*deallocator)(void* data, size_t len, void* arg), void* deallocator_arg);</c></summary>
    [GuestOnly]
    public static partial nint TF_NewTensor(int dtype, [In, Buffer("num_dims")] long* dims, int num_dims, nint data, nuint len, nint deallocator, nint deallocator_arg);

    /// <summary><c>TF_Tensor* TF_AllocateTensor(TF_DataType, const int64_t* dims, int num_dims, size_t len);</c></summary>
    [GuestOnly]
    public static partial nint TF_AllocateTensor(int dtype, [In, Buffer("num_dims")] long* dims, int num_dims, nuint len);

    /// <summary><c>TF_Tensor* TF_TensorMaybeMove(TF_Tensor* tensor);</c></summary>
    [GuestOnly]
    public static partial nint TF_TensorMaybeMove(nint tensor);

    /// <summary><c>void TF_DeleteTensor(TF_Tensor*);</c></summary>
    [GuestOnly]
    public static partial void TF_DeleteTensor(nint tensor);

    /// <summary><c>TF_DataType TF_TensorType(const TF_Tensor*);</c></summary>
    [GuestOnly]
    public static partial int TF_TensorType(nint tensor);

    /// <summary><c>int TF_NumDims(const TF_Tensor*);</c></summary>
    [GuestOnly]
    public static partial int TF_NumDims(nint tensor);

    /// <summary><c>int64_t TF_Dim(const TF_Tensor* tensor, int dim_index);</c></summary>
    [GuestOnly]
    public static partial long TF_Dim(nint tensor, int dim_index);

    /// <summary><c>size_t TF_TensorByteSize(const TF_Tensor*);</c></summary>
    [GuestOnly]
    public static partial nuint TF_TensorByteSize(nint tensor);

    /// <summary><c>void* TF_TensorData(const TF_Tensor*);</c></summary>
    [GuestOnly]
    public static partial nint TF_TensorData(nint tensor);

    /// <summary><c>int64_t TF_TensorElementCount(const TF_Tensor* tensor);</c></summary>
    [GuestOnly]
    public static partial long TF_TensorElementCount(nint tensor);

    // ---- Strings of TF_STRING tensors ----------------------------------------------------------------------------

    /// <summary><c>size_t TF_StringEncode(const char* src, size_t src_len, char* dst, size_t dst_len, TF_Status* status);</c></summary>
    public static partial nuint TF_StringEncode([In, Buffer("src_len", ElementSize = 1)] sbyte* src, nuint src_len, [Out, Buffer("dst_len", ElementSize = 1)] sbyte* dst, nuint dst_len, TF_Status status);

    /// <summary><c>size_t TF_StringDecode(const char* src, size_t src_len, const char** dst, size_t* dst_len, TF_Status* status);</c>
    /// The decoded string is inside the caller's src: the guest asks where (avaStringDecode).</summary>
    [GuestOnly]
    public static partial nuint TF_StringDecode(nint src, nuint src_len, nint dst, nint dst_len, TF_Status status);

    /// <summary><c>size_t TF_StringEncodedSize(size_t len);</c></summary>
    public static partial nuint TF_StringEncodedSize(nuint len);

    // ---- Session options ---------------------------------------------------------------------------------------

    /// <summary><c>TF_SessionOptions* TF_NewSessionOptions(void);</c></summary>
    [Allocates]
    public static partial TF_SessionOptions TF_NewSessionOptions();

    /// <summary><c>void TF_SetTarget(TF_SessionOptions* options, const char* target);</c></summary>
    public static partial void TF_SetTarget(TF_SessionOptions options, [String(NeverNull = true)] sbyte* target);

    /// <summary><c>void TF_SetConfig(TF_SessionOptions* options, const void* proto, size_t proto_len, TF_Status* status);</c></summary>
    public static partial void TF_SetConfig(TF_SessionOptions options, [In, Buffer("proto_len", ElementSize = 1)] void* proto, nuint proto_len, TF_Status status);

    /// <summary><c>void TF_DeleteSessionOptions(TF_SessionOptions*);</c></summary>
    public static partial void TF_DeleteSessionOptions([Deallocates] TF_SessionOptions options);

    // ---- Graphs and operations ---------------------------------------------------------------------------------

    /// <summary><c>TF_Graph* TF_NewGraph(void);</c></summary>
    [Allocates]
    public static partial TF_Graph TF_NewGraph();

    /// <summary><c>void TF_DeleteGraph(TF_Graph*);</c></summary>
    public static partial void TF_DeleteGraph([Deallocates] TF_Graph graph);

    /// <summary><c>void TF_GraphSetTensorShape(TF_Graph* graph, TF_Output output, const int64_t* dims, const int num_dims, TF_Status* status);</c></summary>
    public static partial void TF_GraphSetTensorShape(TF_Graph graph, TF_Operation output_oper, int output_index, [In, Buffer("num_dims")] long* dims, int num_dims, TF_Status status);

    /// <summary><c>int TF_GraphGetTensorNumDims(TF_Graph* graph, TF_Output output, TF_Status* status);</c></summary>
    public static partial int TF_GraphGetTensorNumDims(TF_Graph graph, TF_Operation output_oper, int output_index, TF_Status status);

    /// <summary><c>TF_OperationDescription* TF_NewOperation(TF_Graph* graph, const char* op_type, const char* oper_name);</c></summary>
    [Allocates]
    public static partial TF_OperationDescription TF_NewOperation(TF_Graph graph, [String(NeverNull = true)] sbyte* op_type, [String(NeverNull = true)] sbyte* oper_name);

    /// <summary><c>void TF_SetDevice(TF_OperationDescription* desc, const char* device);</c></summary>
    public static partial void TF_SetDevice(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* device);

    /// <summary><c>void TF_SetAttrString(TF_OperationDescription* desc, const char* attr_name, const void* value, size_t length);</c></summary>
    public static partial void TF_SetAttrString(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* attr_name, [In, Buffer("length", ElementSize = 1)] void* value, nuint length);

    /// <summary><c>void TF_SetAttrInt(TF_OperationDescription* desc, const char* attr_name, int64_t value);</c></summary>
    public static partial void TF_SetAttrInt(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* attr_name, long value);

    /// <summary><c>void TF_SetAttrFloat(TF_OperationDescription* desc, const char* attr_name, float value);</c></summary>
    public static partial void TF_SetAttrFloat(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* attr_name, float value);

    /// <summary><c>void TF_SetAttrBool(TF_OperationDescription* desc, const char* attr_name, unsigned char value);</c></summary>
    public static partial void TF_SetAttrBool(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* attr_name, byte value);

    /// <summary><c>void TF_SetAttrType(TF_OperationDescription* desc, const char* attr_name, TF_DataType value);</c></summary>
    public static partial void TF_SetAttrType(TF_OperationDescription desc, [String(NeverNull = true)] sbyte* attr_name, int value);

    /// <summary><c>TF_Operation* TF_FinishOperation(TF_OperationDescription* desc, TF_Status* status);</c> The description is consumed, whatever the status:
    /// the one way to free it, so a guest that goes away with one has it finished into its graph (which is newer, so still there).</summary>
    public static partial TF_Operation TF_FinishOperation([Deallocates] TF_OperationDescription desc, [Scratch] TF_Status status);

    /// <summary><c>const char* TF_OperationName(TF_Operation* oper);</c></summary>
    [return: String]
    public static partial sbyte* TF_OperationName(TF_Operation oper);

    /// <summary><c>const char* TF_OperationOpType(TF_Operation* oper);</c></summary>
    [return: String]
    public static partial sbyte* TF_OperationOpType(TF_Operation oper);

    /// <summary><c>const char* TF_OperationDevice(TF_Operation* oper);</c></summary>
    [return: String]
    public static partial sbyte* TF_OperationDevice(TF_Operation oper);

    /// <summary><c>int TF_OperationNumOutputs(TF_Operation* oper);</c></summary>
    public static partial int TF_OperationNumOutputs(TF_Operation oper);

    /// <summary><c>int TF_OperationNumInputs(TF_Operation* oper);</c></summary>
    public static partial int TF_OperationNumInputs(TF_Operation oper);

    /// <summary><c>TF_Operation* TF_GraphOperationByName(TF_Graph* graph, const char* oper_name);</c></summary>
    public static partial TF_Operation TF_GraphOperationByName(TF_Graph graph, [String(NeverNull = true)] sbyte* oper_name);

    /// <summary><c>TF_Operation* TF_GraphNextOperation(TF_Graph* graph, size_t* pos);</c></summary>
    public static partial TF_Operation TF_GraphNextOperation(TF_Graph graph, [InOut] nuint* pos);

    // ---- Graph import ------------------------------------------------------------------------------------------

    /// <summary><c>TF_ImportGraphDefOptions* TF_NewImportGraphDefOptions(void);</c></summary>
    [Allocates]
    public static partial TF_ImportGraphDefOptions TF_NewImportGraphDefOptions();

    /// <summary><c>void TF_DeleteImportGraphDefOptions(TF_ImportGraphDefOptions* opts);</c></summary>
    public static partial void TF_DeleteImportGraphDefOptions([Deallocates] TF_ImportGraphDefOptions opts);

    /// <summary><c>void TF_ImportGraphDefOptionsSetPrefix(TF_ImportGraphDefOptions* opts, const char* prefix);</c></summary>
    public static partial void TF_ImportGraphDefOptionsSetPrefix(TF_ImportGraphDefOptions opts, [String(NeverNull = true)] sbyte* prefix);

    /// <summary><c>void TF_GraphImportGraphDef(TF_Graph* graph, const TF_Buffer* graph_def, const TF_ImportGraphDefOptions* options, TF_Status* status);</c></summary>
    [GuestOnly]
    public static partial void TF_GraphImportGraphDef(TF_Graph graph, [In] TF_Buffer* graph_def, TF_ImportGraphDefOptions options, TF_Status status);

    // ---- Sessions ----------------------------------------------------------------------------------------------

    /// <summary><c>TF_Session* TF_NewSession(TF_Graph* graph, const TF_SessionOptions* opts, TF_Status* status);</c></summary>
    [Allocates]
    public static partial TF_Session TF_NewSession(TF_Graph graph, TF_SessionOptions opts, TF_Status status);

    /// <summary><c>void TF_CloseSession(TF_Session*, TF_Status* status);</c></summary>
    public static partial void TF_CloseSession(TF_Session session, TF_Status status);

    /// <summary><c>void TF_DeleteSession(TF_Session*, TF_Status* status);</c></summary>
    public static partial void TF_DeleteSession([Deallocates] TF_Session session, [Scratch] TF_Status status);

    /// <summary><c>void TF_SessionRun(TF_Session* session, const TF_Buffer* run_options, const TF_Output* inputs, TF_Tensor* const* input_values, int ninputs, const TF_Output* outputs, TF_Tensor** output_values, int noutputs, const TF_Operation* const* target_opers, int ntargets, TF_Buffer* run_metadata, TF_Status*);</c></summary>
    [GuestOnly]
    public static partial void TF_SessionRun(TF_Session session, [In] TF_Buffer* run_options, [In, Buffer("ninputs")] TF_Output* inputs, [In, Buffer("ninputs")] nint* input_values, int ninputs,
        [In, Buffer("noutputs")] TF_Output* outputs, [Out, Buffer("noutputs")] nint* output_values, int noutputs, [In, Buffer("ntargets")] TF_Operation* target_opers, int ntargets, [In] TF_Buffer* run_metadata, TF_Status status);

    // ---- Wire functions (not exported by the library; the worker carries them out with it) -----------------------

    /// <summary>TF_GraphImportGraphDef with the graph definition's bytes.</summary>
    [Manual(Side.Guest)]
    public static partial void avaGraphImportGraphDef(TF_Graph graph, [In, Buffer("length", ElementSize = 1)] void* data, nuint length, TF_ImportGraphDefOptions options, TF_Status status);

    /// <summary>TF_StringDecode over the bytes of src: where in them the string starts (<paramref name="offset"/>) and its length.</summary>
    [Manual(Side.Guest)]
    public static partial nuint avaStringDecode([In, Buffer("src_len", ElementSize = 1)] sbyte* src, nuint src_len, [Out] nuint* offset, [Out] nuint* dst_len, TF_Status status);

    /// <summary>TF_SessionRun: run options' bytes, inputs and outputs as operations and indices, the input tensors as one blob
    /// (TfC/README.md), and the output tensors the library made, as worker tensors. <paramref name="metadata"/> says what the
    /// caller's run_metadata is (0: NULL, 1: an empty buffer, 2: a buffer with data, which the library is shown as one);
    /// the bytes the library fills it with come back as a worker tensor of TF_UINT8 (<paramref name="run_metadata"/>).</summary>
    [Manual(Side.Guest)]
    public static partial void avaSessionRun(TF_Session session, [In, Buffer("run_options_length", ElementSize = 1)] void* run_options, nuint run_options_length,
        [In, Buffer("ninputs")] TF_Operation* input_opers, [In, Buffer("ninputs")] int* input_indices, int ninputs, [In, Buffer("tensors_length", ElementSize = 1)] byte* tensors, nuint tensors_length,
        [In, Buffer("noutputs")] TF_Operation* output_opers, [In, Buffer("noutputs")] int* output_indices, int noutputs, [Out, Allocates, Buffer("noutputs")] TF_Tensor* output_values,
        [In, Buffer("ntargets")] TF_Operation* target_opers, int ntargets, int metadata, [Out, Allocates] TF_Tensor* run_metadata, TF_Status status);

    /// <summary>A worker tensor's type, shape (up to <paramref name="max_dims"/> dimensions; <paramref name="num_dims"/> is its rank) and byte size.</summary>
    [Manual(Side.Guest)]
    public static partial void avaTensorShape(TF_Tensor tensor, [Out] int* dtype, [Out] int* num_dims, [Out, Buffer("max_dims")] long* dims, int max_dims, [Out] nuint* length);

    /// <summary>A worker tensor's bytes.</summary>
    [Manual(Side.Guest)]
    public static partial void avaTensorRead(TF_Tensor tensor, [Out, Buffer("length", ElementSize = 1)] void* data, nuint length);

    /// <summary>TF_DeleteTensor of a worker tensor.</summary>
    [Manual(Side.Guest)]
    public static partial void avaDeleteTensor([Deallocates] TF_Tensor tensor);
}
