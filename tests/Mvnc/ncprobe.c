/* Exercises every function of mvnc.h (NCSDK v2) and prints what each returns, so that a run against the library and
 * a run through the drop-in can be compared line by line: options of every class (and the too-small-buffer answer),
 * explicit FIFOs with user parameters, ncGraphQueueInference, the Ex allocation, the top-5 classes of a synthetic
 * image, errors for bad indices, stale handles and wrong lengths. Usage: ncprobe GRAPH LABELS */
#include <mvnc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(const char *what, ncStatus_t s) { printf("%-40s %d\n", what, (int)s); }

static char *slurp(const char *path, unsigned *length) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (fread(b, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(1); }
    fclose(f);
    b[n] = 0;
    *length = (unsigned)n;
    return b;
}

static void top5(const float *p, unsigned n, char **labels, unsigned nlabels) {
    int used[8] = { -1, -1, -1, -1, -1 };
    for (int k = 0; k < 5; k++) {
        int best = -1;
        for (unsigned i = 0; i < n; i++) {
            int taken = 0;
            for (int j = 0; j < k; j++) taken |= used[j] == (int)i;
            if (!taken && (best < 0 || p[i] > p[best])) best = (int)i;
        }
        used[k] = best;
        printf("  %d %-24s %.6f\n", best, best < (int)nlabels ? labels[best] : "?", p[best]);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s GRAPH LABELS\n", argv[0]); return 2; }
    unsigned graph_length, labels_length, nlabels = 0;
    char *graph = slurp(argv[1], &graph_length);
    char *text = slurp(argv[2], &labels_length);
    char *labels[2048];
    for (char *line = strtok(text, "\n"); line && nlabels < 2048; line = strtok(NULL, "\n")) labels[nlabels++] = line;

    unsigned version[4] = { 0 }, length = sizeof version;
    show("ncGlobalGetOption(API_VERSION)", ncGlobalGetOption(NC_RO_API_VERSION, version, &length));
    printf("  version %u.%u.%u.%u length %u\n", version[0], version[1], version[2], version[3], length);
    int level = NC_LOG_ERROR;
    show("ncGlobalSetOption(LOG_LEVEL)", ncGlobalSetOption(NC_RW_LOG_LEVEL, &level, sizeof level));
    show("ncGlobalSetOption(LOG_LEVEL, short)", ncGlobalSetOption(NC_RW_LOG_LEVEL, &level, 2));
    level = -1; length = sizeof level;
    show("ncGlobalGetOption(LOG_LEVEL)", ncGlobalGetOption(NC_RW_LOG_LEVEL, &level, &length));
    printf("  level %d\n", level);

    struct ncDeviceHandle_t *device = NULL, *missing = NULL;
    show("ncDeviceCreate(1)", ncDeviceCreate(1, &missing));
    printf("  missing is %s\n", missing ? "set" : "NULL");
    show("ncDeviceCreate(0)", ncDeviceCreate(0, &device));
    show("ncDeviceClose(unopened)", ncDeviceClose(device));
    show("ncDeviceOpen", ncDeviceOpen(device));
    char name[NC_MAX_NAME_SIZE] = "";
    length = 4;
    show("ncDeviceGetOption(NAME, 4 bytes)", ncDeviceGetOption(device, NC_RO_DEVICE_NAME, name, &length));
    printf("  needed %u\n", length);
    length = sizeof name;
    show("ncDeviceGetOption(NAME)", ncDeviceGetOption(device, NC_RO_DEVICE_NAME, name, &length));
    printf("  name %s length %u\n", name, length);
    unsigned fw[4] = { 0 };
    length = sizeof fw;
    show("ncDeviceGetOption(FW_VERSION)", ncDeviceGetOption(device, NC_RO_DEVICE_FW_VERSION, fw, &length));
    printf("  fw %u.%u.%u.%u\n", fw[0], fw[1], fw[2], fw[3]);
    int options[] = { NC_RO_DEVICE_STATE, NC_RO_DEVICE_MEMORY_SIZE, NC_RO_DEVICE_MAX_GRAPH_NUM, NC_RO_DEVICE_MAX_FIFO_NUM, NC_RO_DEVICE_HW_VERSION };
    for (unsigned i = 0; i < sizeof options / sizeof options[0]; i++) {
        int value = -1;
        length = sizeof value;
        ncStatus_t s = ncDeviceGetOption(device, options[i], &value, &length);
        printf("ncDeviceGetOption(%d) %d value %d\n", options[i], (int)s, value);
    }
    show("ncDeviceSetOption(STATE)", ncDeviceSetOption(device, NC_RO_DEVICE_STATE, &level, sizeof level));

    /* A graph with FIFOs made by hand. */
    struct ncGraphHandle_t *g1 = NULL;
    show("ncGraphCreate", ncGraphCreate("probe-graph", &g1));
    int executors = 1;
    show("ncGraphSetOption(EXECUTORS)", ncGraphSetOption(g1, NC_RW_GRAPH_EXECUTORS_NUM, &executors, sizeof executors));
    show("ncGraphAllocate(truncated)", ncGraphAllocate(device, g1, graph, 40));
    show("ncGraphAllocate", ncGraphAllocate(device, g1, graph, graph_length));
    int used = 0;
    length = sizeof used;
    show("ncDeviceGetOption(MEMORY_USED)", ncDeviceGetOption(device, NC_RO_DEVICE_CURRENT_MEMORY_USED, &used, &length));
    printf("  used %d\n", used);
    struct ncTensorDescriptor_t in_desc, out_desc;
    length = sizeof in_desc;
    show("ncGraphGetOption(INPUT_DESCRIPTORS)", ncGraphGetOption(g1, NC_RO_GRAPH_INPUT_TENSOR_DESCRIPTORS, &in_desc, &length));
    printf("  input n %u c %u w %u h %u total %u strides %u %u %u type %d\n", in_desc.n, in_desc.c, in_desc.w, in_desc.h,
           in_desc.totalSize, in_desc.cStride, in_desc.wStride, in_desc.hStride, (int)in_desc.dataType);
    length = sizeof out_desc;
    show("ncGraphGetOption(OUTPUT_DESCRIPTORS)", ncGraphGetOption(g1, NC_RO_GRAPH_OUTPUT_TENSOR_DESCRIPTORS, &out_desc, &length));
    printf("  output c %u total %u\n", out_desc.c, out_desc.totalSize);
    length = sizeof name;
    show("ncGraphGetOption(NAME)", ncGraphGetOption(g1, NC_RO_GRAPH_NAME, name, &length));
    printf("  graph %s\n", name);

    struct ncFifoHandle_t *in = NULL, *out = NULL;
    show("ncFifoCreate(in)", ncFifoCreate("probe-in", NC_FIFO_HOST_WO, &in));
    show("ncFifoCreate(out)", ncFifoCreate("probe-out", NC_FIFO_HOST_RO, &out));
    int type = NC_FIFO_FP32;
    show("ncFifoSetOption(DATA_TYPE)", ncFifoSetOption(in, NC_RW_FIFO_DATA_TYPE, &type, sizeof type));
    show("ncFifoAllocate(in)", ncFifoAllocate(in, device, &in_desc, 3));
    show("ncFifoAllocate(out)", ncFifoAllocate(out, device, &out_desc, 3));
    show("ncFifoSetOption(DATA_TYPE, allocated)", ncFifoSetOption(in, NC_RW_FIFO_DATA_TYPE, &type, sizeof type));
    unsigned count = in_desc.totalSize / sizeof(float);
    float *image = malloc(in_desc.totalSize);
    for (unsigned i = 0; i < count; i++) {
        unsigned pixel = i / 3, row = pixel / in_desc.w, column = pixel % in_desc.w;
        image[i] = (float)((row * 7 + column * 3 + (i % 3) * 50) % 256) / 255.0f;
    }
    unsigned in_length = in_desc.totalSize - 4;
    show("ncFifoWriteElem(short)", ncFifoWriteElem(in, image, &in_length, NULL));
    printf("  needed %u\n", in_length);
    show("ncFifoWriteElem", ncFifoWriteElem(in, image, &in_length, (void *)0x1234));
    int fill = -1;
    length = sizeof fill;
    show("ncFifoGetOption(WRITE_FILL_LEVEL)", ncFifoGetOption(in, NC_RO_FIFO_WRITE_FILL_LEVEL, &fill, &length));
    printf("  fill %d\n", fill);
    show("ncGraphQueueInference", ncGraphQueueInference(g1, &in, 1, &out, 1));
    float *result = malloc(out_desc.totalSize);
    unsigned out_length = out_desc.totalSize;
    void *user = NULL;
    show("ncFifoReadElem", ncFifoReadElem(out, result, &out_length, &user));
    printf("  length %u user %p\n", out_length, user);
    top5(result, out_length / 4, labels, nlabels);
    float taken = 0;
    length = sizeof taken;
    show("ncGraphGetOption(TIME_TAKEN)", ncGraphGetOption(g1, NC_RO_GRAPH_TIME_TAKEN, &taken, &length));
    printf("  modelled %.6f ms\n", taken);
    out_length = out_desc.totalSize;
    show("ncFifoReadElem(empty)", ncFifoReadElem(out, result, &out_length, &user));
    show("ncFifoRemoveElem", ncFifoRemoveElem(out));
    show("ncFifoDestroy(in)", ncFifoDestroy(&in));
    printf("  in is %s\n", in ? "set" : "NULL");
    show("ncFifoDestroy(out)", ncFifoDestroy(&out));
    show("ncGraphDestroy", ncGraphDestroy(&g1));
    printf("  graph is %s\n", g1 ? "set" : "NULL");

    /* The Ex allocation, and an inference through ncGraphQueueInferenceWithFifoElem. */
    struct ncGraphHandle_t *g2 = NULL;
    show("ncGraphCreate(2)", ncGraphCreate("probe-graph-2", &g2));
    show("ncGraphAllocateWithFifosEx", ncGraphAllocateWithFifosEx(device, g2, graph, graph_length, &in, NC_FIFO_HOST_WO, 1, NC_FIFO_FP32,
                                                                  &out, NC_FIFO_HOST_RO, 1, NC_FIFO_FP32));
    int state = -1;
    length = sizeof state;
    show("ncGraphGetOption(STATE)", ncGraphGetOption(g2, NC_RO_GRAPH_STATE, &state, &length));
    printf("  state %d\n", state);
    for (unsigned i = 0; i < count; i++) image[i] = 1.0f - image[i];
    in_length = in_desc.totalSize;
    show("ncGraphQueueInferenceWithFifoElem", ncGraphQueueInferenceWithFifoElem(g2, in, out, image, &in_length, NULL));
    out_length = out_desc.totalSize;
    show("ncFifoReadElem(2)", ncFifoReadElem(out, result, &out_length, NULL));
    top5(result, out_length / 4, labels, nlabels);
    show("ncFifoDestroy(in 2)", ncFifoDestroy(&in));
    show("ncFifoDestroy(out 2)", ncFifoDestroy(&out));
    show("ncGraphDestroy(2)", ncGraphDestroy(&g2));

    show("ncDeviceClose", ncDeviceClose(device));
    show("ncDeviceDestroy", ncDeviceDestroy(&device));
    printf("  device is %s\n", device ? "set" : "NULL");
    free(image);
    free(result);
    free(graph);
    free(text);
    return 0;
}
