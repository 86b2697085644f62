/* REFERENCE IMPLEMENTATION of the Movidius NCSDK v2 API (mvnc.h 2.10.01) as libmvnc.so.0: a CPU device with
 * deterministic, documented semantics, so that programs written against NCSDK run where no Neural Compute Stick
 * exists, and the remoting path can be proven against it exactly as against the vendor's library. It is not the
 * Myriad firmware: a "graph" is a file in the reference graph format below, and an inference is computed on the CPU.
 *
 * Device: one, at index 0 ("ncs-reference-0", MA2480 hardware version), with 512 MiB of device memory. Graphs charge
 * their file's length, FIFOs capacity x element size; beyond the device's memory an allocation fails with
 * NC_OUT_OF_MEMORY. At most 8 graphs and 16 FIFOs per device.
 *
 * Reference graph format (little-endian; Mvnc/README.md has the same table):
 *   0   4  magic "NCRG"
 *   4   4  version, 1
 *   8  28  graph name, NUL-padded (NC_MAX_NAME_SIZE)
 *  36   4  input width W      40  4  input height H      44  4  input channels C
 *  48   4  grid G: the input is averaged over G x G cells per channel, giving F = G*G*C features
 *  52   4  outputs N
 *  56  4*N*F  weights, float32, row-major [N][F], features ordered (cell row, cell column, channel)
 *  ..  4*N    biases, float32
 * Inference: input FP32, H x W x C interleaved (row-major, channel fastest), values as given; cell (i, j) covers rows
 * [i*H/G, (i+1)*H/G) and columns [j*W/G, (j+1)*W/G); output = softmax(weights . features + biases), N FP32 values.
 * FIFOs carry FP32 elements only (NC_FIFO_FP16 is NC_UNSUPPORTED_FEATURE). NC_RO_GRAPH_TIME_TAKEN is a modelled
 * time: one nanosecond per multiply-add, so it is the same on every run.
 *
 * MVNC_REFERENCE_TRACE=FILE appends a line per inference to FILE: the graph's name, FNV-1a 64 hashes of the input and
 * output bytes, and the most probable class, so that a program which prints none of its results can still be
 * compared run against run (the file is written by whichever process loaded the library). */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mvnc.h"

#define DEVICE_MEMORY (512u << 20)
#define MAX_GRAPHS 8
#define MAX_FIFOS 16
#define HEADER 56

struct _devicePrivate_t {
    int state;       /* ncDeviceState_t */
    unsigned used;   /* device memory in use */
    int graphs, fifos;
};

struct _graphPrivate_t {
    struct ncDeviceHandle_t *device;
    int state; /* ncGraphState_t */
    char name[NC_MAX_NAME_SIZE];
    unsigned bytes; /* charged to the device */
    unsigned w, h, c, g, n;
    float *weights, *biases;
    float time_taken;
    int executors;
};

typedef struct element { void *data; void *user; } element;

struct _fifoPrivate_t {
    struct ncDeviceHandle_t *device;
    int state; /* ncFifoState_t */
    char name[NC_MAX_NAME_SIZE];
    int type, data_type, consumers, dont_block;
    struct ncTensorDescriptor_t desc, host_desc;
    unsigned capacity, count, head, bytes;
    element *ring;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int log_level = NC_LOG_WARN;
/* Live objects by kind, so that a stale or foreign handle is NC_INVALID_HANDLE rather than a crash. */
enum { DEVICE = 1, GRAPH, FIFO };
#define MAX_LIVE 1024
static struct { void *p; int kind; } live[MAX_LIVE];

static int track(void *p, int kind) {
    for (int i = 0; i < MAX_LIVE; i++) if (!live[i].p) { live[i].p = p; live[i].kind = kind; return 1; }
    return 0;
}
static void untrack(void *p) {
    for (int i = 0; i < MAX_LIVE; i++) if (live[i].p == p) live[i].p = NULL;
}
static int is(const void *p, int kind) {
    if (!p) return 0;
    for (int i = 0; i < MAX_LIVE; i++) if (live[i].p == p) return live[i].kind == kind;
    return 0;
}

static uint32_t u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* Writes an option value: NC_INVALID_DATA_LENGTH with the size needed when the caller's buffer is too small. */
static ncStatus_t answer(void *data, unsigned int *length, const void *value, unsigned size) {
    if (!length) return NC_INVALID_PARAMETERS;
    if (!data || *length < size) { *length = size; return NC_INVALID_DATA_LENGTH; }
    memcpy(data, value, size);
    *length = size;
    return NC_OK;
}

static ncStatus_t set_int(int *target, const void *data, unsigned length) {
    if (!data || length != sizeof(int)) return NC_INVALID_DATA_LENGTH;
    memcpy(target, data, sizeof(int));
    return NC_OK;
}

ncStatus_t ncGlobalSetOption(int option, const void *data, unsigned int dataLength) {
    if (option == NC_RW_LOG_LEVEL) {
        int level;
        ncStatus_t s = set_int(&level, data, dataLength);
        if (s != NC_OK) return s;
        if (level < NC_LOG_DEBUG || level > NC_LOG_FATAL) return NC_INVALID_PARAMETERS;
        log_level = level;
        return NC_OK;
    }
    return option == NC_RO_API_VERSION ? NC_UNAUTHORIZED : NC_INVALID_PARAMETERS;
}

ncStatus_t ncGlobalGetOption(int option, void *data, unsigned int *dataLength) {
    static const unsigned version[NC_VERSION_MAX_SIZE] = { 2, 10, 1, 0 };
    switch (option) {
    case NC_RW_LOG_LEVEL: return answer(data, dataLength, &log_level, sizeof log_level);
    case NC_RO_API_VERSION: return answer(data, dataLength, version, sizeof version);
    default: return NC_INVALID_PARAMETERS;
    }
}

ncStatus_t ncDeviceCreate(int index, struct ncDeviceHandle_t **deviceHandle) {
    if (!deviceHandle) return NC_INVALID_PARAMETERS;
    if (index != 0) return NC_DEVICE_NOT_FOUND;
    struct ncDeviceHandle_t *h = calloc(1, sizeof *h);
    h->private_data = calloc(1, sizeof *h->private_data);
    h->private_data->state = NC_DEVICE_CREATED;
    pthread_mutex_lock(&lock);
    int tracked = track(h, DEVICE);
    pthread_mutex_unlock(&lock);
    if (!tracked) { free(h->private_data); free(h); return NC_OUT_OF_MEMORY; }
    *deviceHandle = h;
    return NC_OK;
}

ncStatus_t ncDeviceOpen(struct ncDeviceHandle_t *deviceHandle) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = !is(deviceHandle, DEVICE) ? NC_INVALID_HANDLE
        : deviceHandle->private_data->state == NC_DEVICE_OPENED ? NC_BUSY : NC_OK;
    if (s == NC_OK) deviceHandle->private_data->state = NC_DEVICE_OPENED;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncDeviceClose(struct ncDeviceHandle_t *deviceHandle) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = !is(deviceHandle, DEVICE) ? NC_INVALID_HANDLE
        : deviceHandle->private_data->state != NC_DEVICE_OPENED ? NC_NOT_ALLOCATED : NC_OK;
    if (s == NC_OK) deviceHandle->private_data->state = NC_DEVICE_CLOSED;
    pthread_mutex_unlock(&lock);
    return s;
}

static void fifo_free(fifoPrivate_t *f) {
    if (f->ring) {
        for (unsigned i = 0; i < f->count; i++) free(f->ring[(f->head + i) % f->capacity].data);
        free(f->ring);
    }
    if (f->device) { f->device->private_data->used -= f->bytes; f->device->private_data->fifos--; }
    f->ring = NULL;
    f->count = f->head = f->capacity = f->bytes = 0;
    f->device = NULL;
    f->state = NC_FIFO_CREATED;
}

static void graph_free(graphPrivate_t *g) {
    if (g->device) { g->device->private_data->used -= g->bytes; g->device->private_data->graphs--; }
    free(g->weights);
    free(g->biases);
    g->weights = g->biases = NULL;
    g->bytes = 0;
    g->device = NULL;
    g->state = NC_GRAPH_CREATED;
}

/* Graphs and FIFOs still allocated on a device that goes lose it: they keep their handles, back in the CREATED state. */
static void detach(struct ncDeviceHandle_t *device) {
    for (int i = 0; i < MAX_LIVE; i++) {
        if (live[i].p && live[i].kind == GRAPH) {
            graphPrivate_t *g = ((struct ncGraphHandle_t *)live[i].p)->private_data;
            if (g->device == device) graph_free(g);
        } else if (live[i].p && live[i].kind == FIFO) {
            fifoPrivate_t *f = ((struct ncFifoHandle_t *)live[i].p)->private_data;
            if (f->device == device) fifo_free(f);
        }
    }
}

ncStatus_t ncDeviceDestroy(struct ncDeviceHandle_t **deviceHandle) {
    if (!deviceHandle) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    struct ncDeviceHandle_t *h = *deviceHandle;
    if (!is(h, DEVICE)) { pthread_mutex_unlock(&lock); return NC_INVALID_HANDLE; }
    untrack(h);
    detach(h);
    pthread_mutex_unlock(&lock);
    free(h->private_data);
    free(h);
    *deviceHandle = NULL;
    return NC_OK;
}

static ncStatus_t device_option(devicePrivate_t *d, int option, void *data, unsigned int *dataLength) {
    static const unsigned fw[NC_VERSION_MAX_SIZE] = { 2, 10, NC_MA2480, 1 };
    static const unsigned mvtensor[2] = { 1, 0 };
    static const char name[] = "ncs-reference-0";
    int value;
    switch (option) {
    case NC_RO_DEVICE_STATE: value = d->state; break;
    case NC_RO_DEVICE_THERMAL_THROTTLING_LEVEL: value = 0; break;
    case NC_RO_DEVICE_CURRENT_MEMORY_USED: value = (int)d->used; break;
    case NC_RO_DEVICE_MEMORY_SIZE: value = (int)DEVICE_MEMORY; break;
    case NC_RO_DEVICE_MAX_FIFO_NUM: value = MAX_FIFOS; break;
    case NC_RO_DEVICE_ALLOCATED_FIFO_NUM: value = d->fifos; break;
    case NC_RO_DEVICE_MAX_GRAPH_NUM: value = MAX_GRAPHS; break;
    case NC_RO_DEVICE_ALLOCATED_GRAPH_NUM: value = d->graphs; break;
    case NC_RO_DEVICE_OPTION_CLASS_LIMIT: value = 2; break;
    case NC_RO_DEVICE_MAX_EXECUTORS_NUM: value = 1; break;
    case NC_RO_DEVICE_HW_VERSION: value = NC_MA2480; break;
    case NC_RO_DEVICE_FW_VERSION: return answer(data, dataLength, fw, sizeof fw);
    case NC_RO_DEVICE_MVTENSOR_VERSION: return answer(data, dataLength, mvtensor, sizeof mvtensor);
    case NC_RO_DEVICE_NAME: return answer(data, dataLength, name, sizeof name);
    case NC_RO_DEVICE_THERMAL_STATS: {
        static const float temperatures[NC_THERMAL_BUFFER_SIZE] = { 40.0f };
        return answer(data, dataLength, temperatures, sizeof temperatures);
    }
    default: return NC_INVALID_PARAMETERS;
    }
    return answer(data, dataLength, &value, sizeof value);
}

ncStatus_t ncDeviceGetOption(struct ncDeviceHandle_t *deviceHandle, int option, void *data, unsigned int *dataLength) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = is(deviceHandle, DEVICE) ? device_option(deviceHandle->private_data, option, data, dataLength) : NC_INVALID_HANDLE;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncDeviceSetOption(struct ncDeviceHandle_t *deviceHandle, int option, const void *data, unsigned int dataLength) {
    (void)data; (void)dataLength;
    pthread_mutex_lock(&lock);
    ncStatus_t s = !is(deviceHandle, DEVICE) ? NC_INVALID_HANDLE
        : option >= NC_RO_DEVICE_THERMAL_STATS && option <= NC_RO_DEVICE_HW_VERSION ? NC_UNAUTHORIZED : NC_INVALID_PARAMETERS;
    pthread_mutex_unlock(&lock);
    return s;
}

static int copy_name(char *target, const char *name) {
    if (!name) return 0;
    size_t n = strlen(name);
    if (n >= NC_MAX_NAME_SIZE) n = NC_MAX_NAME_SIZE - 1;
    memcpy(target, name, n);
    target[n] = 0;
    return 1;
}

ncStatus_t ncGraphCreate(const char *name, struct ncGraphHandle_t **graphHandle) {
    if (!name || !graphHandle) return NC_INVALID_PARAMETERS;
    struct ncGraphHandle_t *h = calloc(1, sizeof *h);
    h->private_data = calloc(1, sizeof *h->private_data);
    copy_name(h->private_data->name, name);
    h->private_data->state = NC_GRAPH_CREATED;
    h->private_data->executors = 1;
    pthread_mutex_lock(&lock);
    int tracked = track(h, GRAPH);
    pthread_mutex_unlock(&lock);
    if (!tracked) { free(h->private_data); free(h); return NC_OUT_OF_MEMORY; }
    *graphHandle = h;
    return NC_OK;
}

ncStatus_t ncGraphAllocate(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle,
                           const void *graphBuffer, unsigned int graphBufferLength) {
    if (!graphBuffer) return NC_INVALID_PARAMETERS;
    const unsigned char *b = graphBuffer;
    if (graphBufferLength < HEADER || memcmp(b, "NCRG", 4) != 0) return NC_UNSUPPORTED_GRAPH_FILE;
    if (u32(b + 4) != 1) return NC_UNSUPPORTED_GRAPH_FILE;
    unsigned w = u32(b + 36), h = u32(b + 40), c = u32(b + 44), g = u32(b + 48), n = u32(b + 52);
    if (!w || !h || !c || !g || !n || g > w || g > h || w > 65536 || h > 65536 || c > 64 || n > 65536) return NC_UNSUPPORTED_GRAPH_FILE;
    uint64_t features = (uint64_t)g * g * c;
    if (features > 65536 || HEADER + 4 * ((uint64_t)n * features + n) != graphBufferLength) return NC_UNSUPPORTED_GRAPH_FILE;
    pthread_mutex_lock(&lock);
    ncStatus_t s = NC_OK;
    if (!is(deviceHandle, DEVICE) || !is(graphHandle, GRAPH)) s = NC_INVALID_HANDLE;
    else if (deviceHandle->private_data->state != NC_DEVICE_OPENED) s = NC_NOT_ALLOCATED;
    else if (graphHandle->private_data->state != NC_GRAPH_CREATED) s = NC_UNAUTHORIZED;
    else if (deviceHandle->private_data->graphs >= MAX_GRAPHS || graphBufferLength > DEVICE_MEMORY - deviceHandle->private_data->used) s = NC_OUT_OF_MEMORY;
    if (s == NC_OK) {
        graphPrivate_t *p = graphHandle->private_data;
        p->weights = malloc(4 * n * features);
        p->biases = malloc(4 * n);
        memcpy(p->weights, b + HEADER, 4 * n * features);
        memcpy(p->biases, b + HEADER + 4 * n * features, 4 * n);
        p->w = w; p->h = h; p->c = c; p->g = g; p->n = n;
        p->bytes = graphBufferLength;
        p->device = deviceHandle;
        p->state = NC_GRAPH_ALLOCATED;
        deviceHandle->private_data->used += graphBufferLength;
        deviceHandle->private_data->graphs++;
    }
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncGraphDestroy(struct ncGraphHandle_t **graphHandle) {
    if (!graphHandle) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    struct ncGraphHandle_t *h = *graphHandle;
    if (!is(h, GRAPH)) { pthread_mutex_unlock(&lock); return NC_INVALID_HANDLE; }
    untrack(h);
    graph_free(h->private_data);
    pthread_mutex_unlock(&lock);
    free(h->private_data);
    free(h);
    *graphHandle = NULL;
    return NC_OK;
}

static struct ncTensorDescriptor_t describe(unsigned w, unsigned h, unsigned c) {
    struct ncTensorDescriptor_t d = { 1, c, w, h, 4 * w * h * c, 4, 4 * c, 4 * c * w, NC_FIFO_FP32 };
    return d;
}

static struct ncTensorDescriptor_t input_of(const graphPrivate_t *g) { return describe(g->w, g->h, g->c); }
static struct ncTensorDescriptor_t output_of(const graphPrivate_t *g) { return describe(1, 1, g->n); }

static ncStatus_t graph_option(graphPrivate_t *g, int option, void *data, unsigned int *dataLength) {
    int value;
    struct ncTensorDescriptor_t d;
    static const char version[] = "NCRG 1";
    int allocated = g->state != NC_GRAPH_CREATED;
    switch (option) {
    case NC_RO_GRAPH_STATE: value = g->state; break;
    case NC_RO_GRAPH_INPUT_COUNT: case NC_RO_GRAPH_OUTPUT_COUNT:
        if (!allocated) return NC_NOT_ALLOCATED;
        value = 1; break;
    case NC_RO_GRAPH_OPTION_CLASS_LIMIT: value = 2; break;
    case NC_RO_GRAPH_TIME_TAKEN_ARRAY_SIZE: value = sizeof(float); break;
    case NC_RW_GRAPH_EXECUTORS_NUM: value = g->executors; break;
    case NC_RO_GRAPH_TIME_TAKEN: return answer(data, dataLength, &g->time_taken, sizeof g->time_taken);
    case NC_RO_GRAPH_NAME: return answer(data, dataLength, g->name, strlen(g->name) + 1);
    case NC_RO_GRAPH_VERSION: return answer(data, dataLength, version, sizeof version);
    case NC_RO_GRAPH_DEBUG_INFO: return answer(data, dataLength, "", 1);
    case NC_RO_GRAPH_INPUT_TENSOR_DESCRIPTORS:
        if (!allocated) return NC_NOT_ALLOCATED;
        d = input_of(g);
        return answer(data, dataLength, &d, sizeof d);
    case NC_RO_GRAPH_OUTPUT_TENSOR_DESCRIPTORS:
        if (!allocated) return NC_NOT_ALLOCATED;
        d = output_of(g);
        return answer(data, dataLength, &d, sizeof d);
    default: return NC_INVALID_PARAMETERS;
    }
    return answer(data, dataLength, &value, sizeof value);
}

ncStatus_t ncGraphGetOption(struct ncGraphHandle_t *graphHandle, int option, void *data, unsigned int *dataLength) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = is(graphHandle, GRAPH) ? graph_option(graphHandle->private_data, option, data, dataLength) : NC_INVALID_HANDLE;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncGraphSetOption(struct ncGraphHandle_t *graphHandle, int option, const void *data, unsigned int dataLength) {
    pthread_mutex_lock(&lock);
    ncStatus_t s;
    if (!is(graphHandle, GRAPH)) s = NC_INVALID_HANDLE;
    else if (option == NC_RW_GRAPH_EXECUTORS_NUM) {
        int n;
        s = set_int(&n, data, dataLength);
        if (s == NC_OK && graphHandle->private_data->state != NC_GRAPH_CREATED) s = NC_UNAUTHORIZED;
        else if (s == NC_OK && (n < 1 || n > 1)) s = NC_INVALID_PARAMETERS;
        else if (s == NC_OK) graphHandle->private_data->executors = n;
    } else s = option >= NC_RO_GRAPH_STATE && option <= NC_RO_GRAPH_TIME_TAKEN_ARRAY_SIZE ? NC_UNAUTHORIZED : NC_INVALID_PARAMETERS;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncFifoCreate(const char *name, ncFifoType_t type, struct ncFifoHandle_t **fifoHandle) {
    if (!name || !fifoHandle || (type != NC_FIFO_HOST_RO && type != NC_FIFO_HOST_WO)) return NC_INVALID_PARAMETERS;
    struct ncFifoHandle_t *h = calloc(1, sizeof *h);
    fifoPrivate_t *f = h->private_data = calloc(1, sizeof *h->private_data);
    copy_name(f->name, name);
    f->type = type;
    f->data_type = NC_FIFO_FP32;
    f->consumers = 1;
    f->state = NC_FIFO_CREATED;
    pthread_mutex_lock(&lock);
    int tracked = track(h, FIFO);
    pthread_mutex_unlock(&lock);
    if (!tracked) { free(f); free(h); return NC_OUT_OF_MEMORY; }
    *fifoHandle = h;
    return NC_OK;
}

/* Under the lock. */
static ncStatus_t fifo_allocate(fifoPrivate_t *f, struct ncDeviceHandle_t *device, const struct ncTensorDescriptor_t *desc, unsigned numElem) {
    if (!is(device, DEVICE)) return NC_INVALID_HANDLE;
    if (!desc || numElem == 0 || numElem > 1024 || desc->n != 1 || desc->totalSize == 0) return NC_INVALID_PARAMETERS;
    if (device->private_data->state != NC_DEVICE_OPENED) return NC_NOT_ALLOCATED;
    if (f->state != NC_FIFO_CREATED) return NC_UNAUTHORIZED;
    if (f->data_type != NC_FIFO_FP32) return NC_UNSUPPORTED_FEATURE;
    uint64_t bytes = (uint64_t)desc->totalSize * numElem;
    if (device->private_data->fifos >= MAX_FIFOS || bytes > DEVICE_MEMORY - device->private_data->used) return NC_OUT_OF_MEMORY;
    f->ring = calloc(numElem, sizeof *f->ring);
    f->capacity = numElem;
    f->count = f->head = 0;
    f->desc = *desc;
    f->host_desc = *desc;
    f->bytes = (unsigned)bytes;
    f->device = device;
    f->state = NC_FIFO_ALLOCATED;
    device->private_data->used += f->bytes;
    device->private_data->fifos++;
    return NC_OK;
}

ncStatus_t ncFifoAllocate(struct ncFifoHandle_t *fifoHandle, struct ncDeviceHandle_t *device,
                          struct ncTensorDescriptor_t *tensorDesc, unsigned int numElem) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = is(fifoHandle, FIFO) ? fifo_allocate(fifoHandle->private_data, device, tensorDesc, numElem) : NC_INVALID_HANDLE;
    pthread_mutex_unlock(&lock);
    return s;
}

static ncStatus_t fifo_option(fifoPrivate_t *f, int option, void *data, unsigned int *dataLength) {
    int value;
    int allocated = f->state == NC_FIFO_ALLOCATED;
    switch (option) {
    case NC_RW_FIFO_TYPE: value = f->type; break;
    case NC_RW_FIFO_CONSUMER_COUNT: value = f->consumers; break;
    case NC_RW_FIFO_DATA_TYPE: value = f->data_type; break;
    case NC_RW_FIFO_DONT_BLOCK: value = f->dont_block; break;
    case NC_RO_FIFO_STATE: value = f->state; break;
    case NC_RO_FIFO_CAPACITY: case NC_RO_FIFO_READ_FILL_LEVEL: case NC_RO_FIFO_WRITE_FILL_LEVEL: case NC_RO_FIFO_ELEMENT_DATA_SIZE:
        if (!allocated) return NC_NOT_ALLOCATED;
        value = option == NC_RO_FIFO_CAPACITY ? (int)f->capacity
            : option == NC_RO_FIFO_ELEMENT_DATA_SIZE ? (int)f->host_desc.totalSize
            : (option == NC_RO_FIFO_READ_FILL_LEVEL) == (f->type == NC_FIFO_HOST_RO) ? (int)f->count : 0;
        break;
    case NC_RO_FIFO_NAME: return answer(data, dataLength, f->name, strlen(f->name) + 1);
    case NC_RO_FIFO_GRAPH_TENSOR_DESCRIPTOR:
        if (!allocated) return NC_NOT_ALLOCATED;
        return answer(data, dataLength, &f->desc, sizeof f->desc);
    case NC_RW_FIFO_HOST_TENSOR_DESCRIPTOR:
        if (!allocated) return NC_NOT_ALLOCATED;
        return answer(data, dataLength, &f->host_desc, sizeof f->host_desc);
    default: return NC_INVALID_PARAMETERS;
    }
    return answer(data, dataLength, &value, sizeof value);
}

ncStatus_t ncFifoGetOption(struct ncFifoHandle_t *fifoHandle, int option, void *data, unsigned int *dataLength) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = is(fifoHandle, FIFO) ? fifo_option(fifoHandle->private_data, option, data, dataLength) : NC_INVALID_HANDLE;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncFifoSetOption(struct ncFifoHandle_t *fifoHandle, int option, const void *data, unsigned int dataLength) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = NC_OK;
    fifoPrivate_t *f = is(fifoHandle, FIFO) ? fifoHandle->private_data : NULL;
    int value = 0;
    if (!f) s = NC_INVALID_HANDLE;
    else if (option == NC_RW_FIFO_TYPE || option == NC_RW_FIFO_CONSUMER_COUNT || option == NC_RW_FIFO_DATA_TYPE || option == NC_RW_FIFO_DONT_BLOCK) {
        s = set_int(&value, data, dataLength);
        if (s == NC_OK && f->state != NC_FIFO_CREATED) s = NC_UNAUTHORIZED;
        if (s == NC_OK) {
            if (option == NC_RW_FIFO_TYPE && (value == NC_FIFO_HOST_RO || value == NC_FIFO_HOST_WO)) f->type = value;
            else if (option == NC_RW_FIFO_CONSUMER_COUNT && value >= 1) f->consumers = value;
            else if (option == NC_RW_FIFO_DATA_TYPE && (value == NC_FIFO_FP16 || value == NC_FIFO_FP32)) f->data_type = value;
            else if (option == NC_RW_FIFO_DONT_BLOCK && (value == 0 || value == 1)) f->dont_block = value;
            else s = NC_INVALID_PARAMETERS;
        }
    } else if (option == NC_RW_FIFO_HOST_TENSOR_DESCRIPTOR) {
        /* The host's layout must be the device's: the reference does not restride. */
        if (!data || dataLength != sizeof(struct ncTensorDescriptor_t)) s = NC_INVALID_DATA_LENGTH;
        else if (f->state != NC_FIFO_ALLOCATED) s = NC_NOT_ALLOCATED;
        else if (memcmp(data, &f->desc, sizeof f->desc) != 0) s = NC_UNSUPPORTED_FEATURE;
    } else s = option >= NC_RO_FIFO_CAPACITY && option <= NC_RO_FIFO_ELEMENT_DATA_SIZE ? NC_UNAUTHORIZED : NC_INVALID_PARAMETERS;
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncFifoDestroy(struct ncFifoHandle_t **fifoHandle) {
    if (!fifoHandle) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    struct ncFifoHandle_t *h = *fifoHandle;
    if (!is(h, FIFO)) { pthread_mutex_unlock(&lock); return NC_INVALID_HANDLE; }
    untrack(h);
    fifo_free(h->private_data);
    pthread_mutex_unlock(&lock);
    free(h->private_data);
    free(h);
    *fifoHandle = NULL;
    return NC_OK;
}

/* Under the lock: appends a copy of one element (NC_OUT_OF_MEMORY when full: the reference never blocks). */
static ncStatus_t push(fifoPrivate_t *f, const void *data, void *user) {
    if (f->count == f->capacity) return NC_OUT_OF_MEMORY;
    element *e = &f->ring[(f->head + f->count) % f->capacity];
    e->data = malloc(f->desc.totalSize);
    memcpy(e->data, data, f->desc.totalSize);
    e->user = user;
    f->count++;
    return NC_OK;
}

static element pop(fifoPrivate_t *f) {
    element e = f->ring[f->head];
    f->head = (f->head + 1) % f->capacity;
    f->count--;
    return e;
}

ncStatus_t ncFifoWriteElem(struct ncFifoHandle_t *fifoHandle, const void *inputTensor, unsigned int *inputTensorLength, void *userParam) {
    if (!inputTensor || !inputTensorLength) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    fifoPrivate_t *f = is(fifoHandle, FIFO) ? fifoHandle->private_data : NULL;
    ncStatus_t s = NC_OK;
    if (!f) s = NC_INVALID_HANDLE;
    else if (f->state != NC_FIFO_ALLOCATED) s = NC_NOT_ALLOCATED;
    else if (f->type != NC_FIFO_HOST_WO) s = NC_UNAUTHORIZED;
    else if (*inputTensorLength != f->host_desc.totalSize) { *inputTensorLength = f->host_desc.totalSize; s = NC_INVALID_DATA_LENGTH; }
    else s = push(f, inputTensor, userParam);
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncFifoReadElem(struct ncFifoHandle_t *fifoHandle, void *outputData, unsigned int *outputDataLen, void **userParam) {
    if (!outputData || !outputDataLen) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    fifoPrivate_t *f = is(fifoHandle, FIFO) ? fifoHandle->private_data : NULL;
    ncStatus_t s = NC_OK;
    if (!f) s = NC_INVALID_HANDLE;
    else if (f->state != NC_FIFO_ALLOCATED) s = NC_NOT_ALLOCATED;
    else if (f->type != NC_FIFO_HOST_RO) s = NC_UNAUTHORIZED;
    else if (*outputDataLen < f->host_desc.totalSize) { *outputDataLen = f->host_desc.totalSize; s = NC_INVALID_DATA_LENGTH; }
    else if (f->count == 0) s = NC_ERROR; /* nothing queued: the reference never waits for an inference that cannot come */
    else {
        element e = pop(f);
        memcpy(outputData, e.data, f->host_desc.totalSize);
        *outputDataLen = f->host_desc.totalSize;
        if (userParam) *userParam = e.user;
        free(e.data);
    }
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncFifoRemoveElem(struct ncFifoHandle_t *fifoHandle) {
    pthread_mutex_lock(&lock);
    ncStatus_t s = is(fifoHandle, FIFO) ? NC_UNSUPPORTED_FEATURE : NC_INVALID_HANDLE;
    pthread_mutex_unlock(&lock);
    return s;
}

static uint64_t fnv1a(const void *data, size_t n) {
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) h = (h ^ ((const unsigned char *)data)[i]) * 1099511628211ull;
    return h;
}

static void trace(const graphPrivate_t *g, const void *x, size_t nx, const float *y) {
    const char *path = getenv("MVNC_REFERENCE_TRACE");
    FILE *f = path && *path ? fopen(path, "a") : NULL;
    if (!f) return;
    unsigned best = 0;
    for (unsigned o = 1; o < g->n; o++) if (y[o] > y[best]) best = o;
    fprintf(f, "inference graph=%s input=%016llx output=%016llx top=%u p=%.6f\n", g->name,
            (unsigned long long)fnv1a(x, nx), (unsigned long long)fnv1a(y, 4 * (size_t)g->n), best, y[best]);
    fclose(f);
}

/* Under the lock: one inference, from the input FIFO's oldest element into the output FIFO. */
static ncStatus_t infer(graphPrivate_t *g, fifoPrivate_t *in, fifoPrivate_t *out) {
    if (g->state == NC_GRAPH_CREATED) return NC_NOT_ALLOCATED;
    if (in->state != NC_FIFO_ALLOCATED || out->state != NC_FIFO_ALLOCATED) return NC_NOT_ALLOCATED;
    if (in->device != g->device || out->device != g->device) return NC_INVALID_PARAMETERS;
    struct ncTensorDescriptor_t want_in = input_of(g), want_out = output_of(g);
    if (in->desc.totalSize != want_in.totalSize || out->desc.totalSize != want_out.totalSize) return NC_INVALID_PARAMETERS;
    if (in->count == 0) return NC_ERROR;
    if (out->count == out->capacity) return NC_OUT_OF_MEMORY;
    element e = pop(in);
    const float *x = e.data;
    unsigned features = g->g * g->g * g->c;
    double *pooled = calloc(features, sizeof *pooled);
    for (unsigned i = 0; i < g->g; i++) {
        unsigned r0 = i * g->h / g->g, r1 = (i + 1) * g->h / g->g;
        for (unsigned j = 0; j < g->g; j++) {
            unsigned c0 = j * g->w / g->g, c1 = (j + 1) * g->w / g->g;
            for (unsigned k = 0; k < g->c; k++) {
                double sum = 0;
                for (unsigned r = r0; r < r1; r++)
                    for (unsigned c = c0; c < c1; c++) sum += x[((size_t)r * g->w + c) * g->c + k];
                pooled[(i * g->g + j) * g->c + k] = sum / ((double)(r1 - r0) * (c1 - c0));
            }
        }
    }
    float *y = malloc(4 * g->n);
    double max = -INFINITY, total = 0;
    for (unsigned o = 0; o < g->n; o++) {
        double v = g->biases[o];
        for (unsigned f = 0; f < features; f++) v += (double)g->weights[(size_t)o * features + f] * pooled[f];
        y[o] = (float)v;
        if (v > max) max = v;
    }
    for (unsigned o = 0; o < g->n; o++) total += exp((double)y[o] - max);
    for (unsigned o = 0; o < g->n; o++) y[o] = (float)(exp((double)y[o] - max) / total);
    trace(g, x, in->desc.totalSize, y);
    ncStatus_t s = push(out, y, e.user);
    /* Modelled time: a nanosecond per multiply-add (pooling and the dense layer), in milliseconds. */
    g->time_taken = (float)(((double)g->w * g->h * g->c + (double)g->n * features) / 1e6);
    free(y);
    free(pooled);
    free(e.data);
    return s;
}

ncStatus_t ncGraphQueueInference(struct ncGraphHandle_t *graphHandle, struct ncFifoHandle_t **fifoIn, unsigned int inFifoCount,
                                 struct ncFifoHandle_t **fifoOut, unsigned int outFifoCount) {
    if (!fifoIn || !fifoOut || inFifoCount != 1 || outFifoCount != 1) return NC_INVALID_PARAMETERS;
    pthread_mutex_lock(&lock);
    ncStatus_t s = !is(graphHandle, GRAPH) || !is(fifoIn[0], FIFO) || !is(fifoOut[0], FIFO) ? NC_INVALID_HANDLE
        : infer(graphHandle->private_data, fifoIn[0]->private_data, fifoOut[0]->private_data);
    pthread_mutex_unlock(&lock);
    return s;
}

ncStatus_t ncGraphQueueInferenceWithFifoElem(struct ncGraphHandle_t *graphHandle, struct ncFifoHandle_t *fifoIn,
                                             struct ncFifoHandle_t *fifoOut, const void *inputTensor,
                                             unsigned int *inputTensorLength, void *userParam) {
    ncStatus_t s = ncFifoWriteElem(fifoIn, inputTensor, inputTensorLength, userParam);
    return s != NC_OK ? s : ncGraphQueueInference(graphHandle, &fifoIn, 1, &fifoOut, 1);
}

ncStatus_t ncGraphAllocateWithFifosEx(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle,
                                      const void *graphBuffer, unsigned int graphBufferLength,
                                      struct ncFifoHandle_t **inFifoHandle, ncFifoType_t inFifoType, int inNumElem, ncFifoDataType_t inDataType,
                                      struct ncFifoHandle_t **outFifoHandle, ncFifoType_t outFifoType, int outNumElem, ncFifoDataType_t outDataType) {
    if (!inFifoHandle || !outFifoHandle || inNumElem <= 0 || outNumElem <= 0) return NC_INVALID_PARAMETERS;
    ncStatus_t s = ncGraphAllocate(deviceHandle, graphHandle, graphBuffer, graphBufferLength);
    if (s != NC_OK) return s;
    struct ncFifoHandle_t *in = NULL, *out = NULL;
    s = ncFifoCreate("input", inFifoType, &in);
    if (s == NC_OK) s = ncFifoCreate("output", outFifoType, &out);
    pthread_mutex_lock(&lock);
    if (s == NC_OK) {
        in->private_data->data_type = inDataType;
        out->private_data->data_type = outDataType;
        struct ncTensorDescriptor_t di = input_of(graphHandle->private_data), dout = output_of(graphHandle->private_data);
        s = fifo_allocate(in->private_data, deviceHandle, &di, (unsigned)inNumElem);
        if (s == NC_OK) s = fifo_allocate(out->private_data, deviceHandle, &dout, (unsigned)outNumElem);
    }
    pthread_mutex_unlock(&lock);
    if (s != NC_OK) {
        if (in) ncFifoDestroy(&in);
        if (out) ncFifoDestroy(&out);
        pthread_mutex_lock(&lock);
        graph_free(graphHandle->private_data);
        pthread_mutex_unlock(&lock);
        return s;
    }
    *inFifoHandle = in;
    *outFifoHandle = out;
    return NC_OK;
}

ncStatus_t ncGraphAllocateWithFifos(struct ncDeviceHandle_t *deviceHandle, struct ncGraphHandle_t *graphHandle,
                                    const void *graphBuffer, unsigned int graphBufferLength,
                                    struct ncFifoHandle_t **inFifoHandle, struct ncFifoHandle_t **outFifoHandle) {
    return ncGraphAllocateWithFifosEx(deviceHandle, graphHandle, graphBuffer, graphBufferLength,
                                      inFifoHandle, NC_FIFO_HOST_WO, 2, NC_FIFO_FP32, outFifoHandle, NC_FIFO_HOST_RO, 2, NC_FIFO_FP32);
}
