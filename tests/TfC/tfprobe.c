/* Calls the functions of the TensorFlow C spec against whatever libtensorflow.so.1 is loaded and prints what they
 * answered, so a native run and a remoted run can be compared line by line. Usage: tfprobe GRAPH_FILE (the reference
 * graph of TfC/Reference/build.sh: input 1 x 299 x 299 x 3, 1001 classes). */
#include <tensorflow/c/c_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const char *what, TF_Status *s) { printf("%-34s %d %s\n", what, (int)TF_GetCode(s), TF_Message(s)); }
static void buffer_freed(void *data, size_t length) { printf("  buffer deallocator: %zu bytes\n", length); free(data); }
static void tensor_freed(void *data, size_t len, void *arg) { printf("  tensor deallocator: %zu bytes, arg %p\n", len, arg); free(data); }

static void print_top(const char *what, TF_Tensor *t) {
    if (!t) { printf("%-34s NULL\n", what); return; }
    const float *y = TF_TensorData(t);
    int64_t n = TF_TensorElementCount(t), best = 0;
    for (int64_t i = 1; i < n; i++) if (y[i] > y[best]) best = i;
    printf("%-34s type %d dims", what, (int)TF_TensorType(t));
    for (int d = 0; d < TF_NumDims(t); d++) printf(" %lld", (long long)TF_Dim(t, d));
    printf(" bytes %zu top %lld %.6f first %.6f\n", TF_TensorByteSize(t), (long long)best, y[best], y[0]);
}

static uint64_t varint(const unsigned char **p) {
    uint64_t v = 0; int shift = 0; unsigned char b;
    do { b = *(*p)++; v |= (uint64_t)(b & 0x7f) << shift; shift += 7; } while ((b & 0x80) && shift < 64);
    return v;
}
/* RunMetadata.step_stats (1) > StepStats.dev_stats (1) > DeviceStepStats: device (1), node_stats (2) > node_name (1). */
static void print_metadata(const TF_Buffer *m) {
    printf("  run_metadata                     data %s length %zu deallocator %s\n", m->data ? "set" : "NULL", m->length, m->data_deallocator ? "set" : "NULL");
    const unsigned char *p = m->data, *end = p + m->length;
    while (p && p < end) {
        uint64_t key = varint(&p), len = varint(&p); const unsigned char *step = p + len;
        for (; key == 0x0a && p < step; ) {
            uint64_t k = varint(&p), l = varint(&p); const unsigned char *dev = p + l;
            for (; k == 0x0a && p < dev; ) {
                uint64_t f = varint(&p), n = varint(&p);
                if (f == 0x0a) printf("    device %.*s\n", (int)n, p);
                if (f == 0x12) { const unsigned char *q = p; if (varint(&q) == 0x0a) { uint64_t nl = varint(&q); printf("    node_stats %.*s\n", (int)nl, q); } }
                p += n;
            }
            p = dev;
        }
        p = step;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: tfprobe GRAPH_FILE\n"); return 2; }
    printf("TF_Version                         %s\n", TF_Version());
    printf("TF_DataTypeSize                    float %zu double %zu string %zu\n", TF_DataTypeSize(TF_FLOAT), TF_DataTypeSize(TF_DOUBLE), TF_DataTypeSize(TF_STRING));

    TF_Status *s = TF_NewStatus();
    report("TF_NewStatus", s);
    TF_SetStatus(s, TF_NOT_FOUND, "nothing here");
    const char *message = TF_Message(s);
    report("TF_SetStatus", s);
    printf("  asked again                      %s\n", TF_Message(s) == message ? "the same string" : "another string");

    /* Buffers of the application's memory. */
    TF_Buffer *b = TF_NewBuffer();
    printf("TF_NewBuffer                       data %s length %zu\n", b->data ? "set" : "NULL", b->length);
    b->data = malloc(7); memcpy((void *)b->data, "payload", 7); b->length = 7; b->data_deallocator = buffer_freed;
    TF_Buffer copy = TF_GetBuffer(b);
    printf("TF_GetBuffer                       length %zu %.7s\n", copy.length, (const char *)copy.data);
    TF_DeleteBuffer(b);
    TF_Buffer *fromString = TF_NewBufferFromString("abc", 3);
    printf("TF_NewBufferFromString             length %zu %.3s\n", fromString->length, (const char *)fromString->data);
    TF_DeleteBuffer(fromString);

    /* Tensors. */
    int64_t dims[] = { 2, 3 };
    TF_Tensor *t = TF_AllocateTensor(TF_FLOAT, dims, 2, 6 * sizeof(float));
    float *values = TF_TensorData(t);
    for (int i = 0; i < 6; i++) values[i] = (float)i * 0.5f;
    printf("TF_AllocateTensor                  type %d dims %d (%lld, %lld) bytes %zu elements %lld last %.1f\n", (int)TF_TensorType(t), TF_NumDims(t),
           (long long)TF_Dim(t, 0), (long long)TF_Dim(t, 1), TF_TensorByteSize(t), (long long)TF_TensorElementCount(t), ((float *)TF_TensorData(t))[5]);
    printf("TF_TensorMaybeMove                 %s\n", TF_TensorMaybeMove(t) ? "moved" : "NULL");
    TF_DeleteTensor(t);
    float *data = malloc(6 * sizeof(float));
    TF_Tensor *wrong = TF_NewTensor(TF_FLOAT, dims, 2, data, 5 * sizeof(float), tensor_freed, (void *)0x51);
    printf("TF_NewTensor(wrong length)         %s\n", wrong ? "tensor" : "NULL");
    data = malloc(6 * sizeof(float));
    TF_Tensor *owned = TF_NewTensor(TF_FLOAT, dims, 2, data, 6 * sizeof(float), tensor_freed, (void *)0x52);
    printf("TF_NewTensor                       %s, data %s\n", owned ? "tensor" : "NULL", TF_TensorData(owned) == data ? "the caller's" : "a copy");
    TF_DeleteTensor(owned);

    /* Strings. */
    char encoded[32];
    size_t size = TF_StringEncodedSize(5);
    size_t written = TF_StringEncode("hello", 5, encoded, sizeof encoded, s);
    printf("TF_StringEncode                    size %zu wrote %zu first byte %d\n", size, written, encoded[0]);
    const char *decoded = NULL; size_t decodedLength = 0;
    size_t consumed = TF_StringDecode(encoded, written, &decoded, &decodedLength, s);
    printf("TF_StringDecode                    consumed %zu at offset %td: %.*s\n", consumed, decoded - encoded, (int)decodedLength, decoded);
    TF_StringEncode("hello", 5, encoded, 3, s);
    report("TF_StringEncode(too small)", s);
    TF_StringDecode(encoded, 1, &decoded, &decodedLength, s);
    report("TF_StringDecode(truncated)", s);

    /* Session options. */
    TF_SessionOptions *options = TF_NewSessionOptions();
    TF_SetTarget(options, "local");
    TF_SetConfig(options, NULL, 0, s);
    report("TF_SetConfig(empty)", s);
    TF_SetConfig(options, "\x10\x01\x20", 3, s);
    report("TF_SetConfig(3 bytes)", s);

    /* The graph, imported under a prefix. */
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END); long length = ftell(f); fseek(f, 0, SEEK_SET);
    char *bytes = malloc(length);
    if (fread(bytes, 1, length, f) != (size_t)length) return 2;
    fclose(f);
    TF_Graph *graph = TF_NewGraph();
    TF_ImportGraphDefOptions *import = TF_NewImportGraphDefOptions();
    TF_ImportGraphDefOptionsSetPrefix(import, "m");
    TF_Buffer *def = TF_NewBufferFromString(bytes, length);
    TF_GraphImportGraphDef(graph, def, import, s);
    report("TF_GraphImportGraphDef", s);
    TF_Buffer *junk = TF_NewBufferFromString("not a graph", 11);
    TF_GraphImportGraphDef(graph, junk, import, s);
    report("TF_GraphImportGraphDef(junk)", s);
    TF_DeleteBuffer(junk);
    TF_DeleteBuffer(def);
    TF_DeleteImportGraphDefOptions(import);
    size_t pos = 0;
    TF_Operation *op, *first = NULL;
    while ((op = TF_GraphNextOperation(graph, &pos)) != NULL) {
        if (!first) first = op;
        printf("  operation %zu %-34s %-12s inputs %d outputs %d device '%s'\n", pos, TF_OperationName(op), TF_OperationOpType(op),
               TF_OperationNumInputs(op), TF_OperationNumOutputs(op), TF_OperationDevice(op));
    }
    TF_Operation *input = TF_GraphOperationByName(graph, "m/input");
    printf("TF_GraphOperationByName            %s\n", input == first ? "the first operation" : "another");
    printf("  unknown name                     %s\n", TF_GraphOperationByName(graph, "nope") ? "operation" : "NULL");
    TF_Output in0 = { input, 0 }, in1 = { input, 1 };
    printf("TF_GraphGetTensorNumDims           %d\n", TF_GraphGetTensorNumDims(graph, in0, s));
    int64_t shape[] = { 1, 299, 299, 3 };
    TF_GraphSetTensorShape(graph, in0, shape, 4, s);
    report("TF_GraphSetTensorShape", s);
    printf("TF_GraphGetTensorNumDims           %d\n", TF_GraphGetTensorNumDims(graph, in0, s));
    TF_GraphSetTensorShape(graph, in1, shape, 4, s);
    report("TF_GraphSetTensorShape(index 1)", s);

    /* Operations built by hand. */
    TF_OperationDescription *d = TF_NewOperation(graph, "NoOp", "built/noop");
    TF_SetDevice(d, "/device:CPU:0");
    TF_SetAttrInt(d, "i", 42); TF_SetAttrFloat(d, "f", 1.5f); TF_SetAttrBool(d, "b", 1); TF_SetAttrType(d, "t", TF_FLOAT);
    TF_SetAttrString(d, "s", "text", 4);
    TF_Operation *noop = TF_FinishOperation(d, s);
    report("TF_FinishOperation", s);
    printf("  %s %s device '%s'\n", TF_OperationName(noop), TF_OperationOpType(noop), TF_OperationDevice(noop));
    TF_FinishOperation(TF_NewOperation(graph, "NoOp", "built/noop"), s);
    report("TF_FinishOperation(duplicate)", s);
    TF_FinishOperation(TF_NewOperation(graph, "Conv2D", "built/conv"), s);
    report("TF_FinishOperation(unknown op)", s);

    /* A session: two outputs fetched with the NoOp as a target, then a run without the feed, then a closed session. */
    TF_Session *session = TF_NewSession(graph, options, s);
    report("TF_NewSession", s);
    TF_Tensor *image = TF_AllocateTensor(TF_FLOAT, shape, 4, 299 * 299 * 3 * sizeof(float));
    float *pixels = TF_TensorData(image);
    for (int i = 0; i < 299 * 299 * 3; i++) pixels[i] = (float)((i * 37) % 256) / 255.0f;
    TF_Output outputs[] = { { TF_GraphOperationByName(graph, "m/InceptionV3/Predictions/Reshape_1"), 0 }, { TF_GraphOperationByName(graph, "m/logits"), 0 } };
    TF_Tensor *results[2] = { NULL, NULL };
    const TF_Operation *targets[] = { noop };
    TF_SessionRun(session, NULL, &in0, &image, 1, outputs, results, 2, targets, 1, NULL, s);
    report("TF_SessionRun", s);
    print_top("  predictions", results[0]);
    print_top("  logits", results[1]);
    TF_DeleteTensor(results[0]); TF_DeleteTensor(results[1]);
    TF_SessionRun(session, NULL, NULL, NULL, 0, outputs, results, 1, NULL, 0, NULL, s);
    report("TF_SessionRun(no feed)", s);
    printf("  output                           %s\n", results[0] ? "tensor" : "NULL");
    TF_SessionRun(session, NULL, &in0, &image, 1, NULL, NULL, 0, targets, 1, NULL, s);
    report("TF_SessionRun(target only)", s);

    /* Run metadata: filled when given (empty unless the run options ask for a trace), refused when it has data. */
    TF_Buffer *metadata = TF_NewBuffer();
    TF_SessionRun(session, NULL, &in0, &image, 1, NULL, NULL, 0, targets, 1, metadata, s);
    report("TF_SessionRun(run_metadata)", s);
    print_metadata(metadata);
    TF_DeleteBuffer(metadata);
    TF_Buffer *traced = TF_NewBufferFromString("\x08\x03", 2); /* RunOptions { trace_level: FULL_TRACE } */
    metadata = TF_NewBuffer();
    TF_SessionRun(session, traced, &in0, &image, 1, &outputs[1], results, 1, NULL, 0, metadata, s);
    report("TF_SessionRun(traced)", s);
    print_metadata(metadata);
    print_top("  logits", results[0]);
    TF_DeleteTensor(results[0]);
    TF_SessionRun(session, traced, &in0, &image, 1, &outputs[1], results, 1, NULL, 0, metadata, s);
    report("TF_SessionRun(metadata with data)", s);
    printf("  output                           %s\n", results[0] ? "tensor" : "NULL");
    TF_DeleteBuffer(metadata);
    metadata = TF_NewBuffer();
    TF_SessionRun(session, traced, NULL, NULL, 0, outputs, results, 1, NULL, 0, metadata, s);
    report("TF_SessionRun(traced, no feed)", s);
    print_metadata(metadata);
    TF_DeleteBuffer(metadata);
    TF_DeleteBuffer(traced);
    TF_Buffer *junkOptions = TF_NewBufferFromString("\x0f", 1);
    TF_SessionRun(session, junkOptions, &in0, &image, 1, outputs, results, 1, NULL, 0, NULL, s);
    report("TF_SessionRun(junk run_options)", s);
    TF_DeleteBuffer(junkOptions);
    TF_CloseSession(session, s);
    report("TF_CloseSession", s);
    TF_SessionRun(session, NULL, &in0, &image, 1, outputs, results, 1, NULL, 0, NULL, s);
    report("TF_SessionRun(closed)", s);
    TF_DeleteSession(session, s);
    report("TF_DeleteSession", s);
    TF_DeleteTensor(image);
    TF_DeleteSessionOptions(options);
    TF_DeleteGraph(graph);
    TF_DeleteStatus(s);
    free(bytes);
    return 0;
}
