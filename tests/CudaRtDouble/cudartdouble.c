/* A CPU test double of the CUDA runtime's registration and launch path (libcudart.so.13), for CI without a GPU: the
 * worker loads it as the real runtime (AVA_REAL_CUDART), and the CI programs run against it natively too, so both
 * transcripts can be compared. "Device memory" is host memory in the double's process; kernels are the few the CI
 * programs register, found by device name in the registered fat binary and run on the CPU, one thread after another.
 * It checks what remoting must keep intact: the fat binary's bytes, names, host addresses as keys, parameter layouts,
 * per-thread state (current device, last error), stream and event handles. It is not CUDA. */
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cudart_double.h"

#define FATBIN_WRAPPER_MAGIC 0x466243B1u
#define FATBIN_MAGIC 0xBA55ED50u
#define MAX_ENTRIES 256

struct module { char *payload; size_t size; int ended; };
struct function { const void *host; struct module *module; char name[64]; };
struct variable { const void *host; char *storage; size_t size; };
struct allocation { char *base; size_t size; };
struct CUstream_st { int id; };
struct CUevent_st { unsigned long long tick; int recorded; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct function functions[MAX_ENTRIES];
static int nfunctions;
static struct variable variables[MAX_ENTRIES];
static int nvariables;
static struct allocation allocations[MAX_ENTRIES];
static int nallocations;
static unsigned long long ticks;
static __thread int last_error;
static __thread int current_device;

static cudaError_t fail(cudaError_t e) { if (e != cudaSuccess) last_error = e; return e; }

/* ---- Kernels the CI programs use --------------------------------------------------------------------------- */

struct launch { dim3 grid, block; void **args; };

static void each_thread(struct launch *l, void (*body)(struct launch *, unsigned i))
{
    unsigned n = l->grid.x * l->grid.y * l->grid.z * l->block.x * l->block.y * l->block.z;
    for (unsigned i = 0; i < n; i++) body(l, i);
}

static int32_t k_offset_value(void);

static void vec_add(struct launch *l, unsigned i)
{
    const float *a = *(const float **)l->args[0], *b = *(const float **)l->args[1];
    float *c = *(float **)l->args[2];
    int n = *(int *)l->args[3];
    if ((int)i < n) c[i] = a[i] + b[i];
}

static void scale(struct launch *l, unsigned i)
{
    float *x = *(float **)l->args[0];
    float f = *(float *)l->args[1];
    int n = *(int *)l->args[2];
    if ((int)i < n) x[i] *= f;
}

static void add_const(struct launch *l, unsigned i)
{
    int *x = *(int **)l->args[0];
    int n = *(int *)l->args[1];
    if ((int)i < n) x[i] += k_offset_value();
}

static const struct { const char *name; void (*body)(struct launch *, unsigned); int count; size_t offsets[4], sizes[4]; } kernels[] = {
    { "vec_add", vec_add, 4, { 0, 8, 16, 24 }, { 8, 8, 8, 4 } },
    { "scale", scale, 3, { 0, 8, 12 }, { 8, 4, 4 } },
    { "add_const", add_const, 2, { 0, 8 }, { 8, 4 } },
};

static int kernel_index(const char *name)
{
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++)
        if (strcmp(kernels[k].name, name) == 0) return (int)k;
    return -1;
}

static struct function *find_function(const void *host)
{
    for (int i = 0; i < nfunctions; i++)
        if (functions[i].host == host && functions[i].module != NULL) return &functions[i];
    return NULL;
}

static struct variable *find_variable(const void *host)
{
    for (int i = 0; i < nvariables; i++)
        if (variables[i].host == host) return &variables[i];
    return NULL;
}

static int32_t k_offset_value(void)
{
    for (int i = 0; i < nvariables; i++)
        if (variables[i].size == 4) return *(int32_t *)variables[i].storage;
    return 0;
}

/* A device address: inside one allocation of cudaMalloc or a registered variable. */
/* Whether count bytes at c lie in the size bytes at base, in arithmetic that cannot wrap: an address near the top of
 * the address space plus a huge count would otherwise come out below the block's end. */
static int inside(const char *c, size_t count, const char *base, size_t size)
{
    return base != NULL && (uintptr_t)c >= (uintptr_t)base && count <= size && (uintptr_t)c - (uintptr_t)base <= size - count;
}

static int is_device(const void *p, size_t count)
{
    const char *c = p;
    for (int i = 0; i < nallocations; i++)
        if (inside(c, count, allocations[i].base, allocations[i].size)) return 1;
    for (int i = 0; i < nvariables; i++)
        if (inside(c, count, variables[i].storage, variables[i].size)) return 1;
    return 0;
}

/* ---- Registration ------------------------------------------------------------------------------------------ */

void **__cudaRegisterFatBinary(void *fatCubin)
{
    const struct { uint32_t magic, version; const void *data; void *unused; } *w = fatCubin;
    struct module *m = calloc(1, sizeof *m);
    if (w != NULL && w->magic == FATBIN_WRAPPER_MAGIC && *(const uint32_t *)w->data == FATBIN_MAGIC) {
        const unsigned char *h = w->data;
        uint16_t header = *(const uint16_t *)(h + 6);
        uint64_t size = *(const uint64_t *)(h + 8);
        m->payload = malloc(size + 1);
        memcpy(m->payload, h + header, size);
        m->payload[size] = 0;
        m->size = size;
    }
    void **handle = malloc(sizeof(void *));
    *handle = m;
    return handle;
}

void __cudaRegisterFatBinaryEnd(void **fatCubinHandle) { ((struct module *)*fatCubinHandle)->ended = 1; }

void __cudaUnregisterFatBinary(void **fatCubinHandle)
{
    struct module *m = *fatCubinHandle;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nfunctions; i++)
        if (functions[i].module == m) functions[i].module = NULL;
    pthread_mutex_unlock(&lock);
    free(m->payload);
    free(m);
    free(fatCubinHandle);
}

void __cudaRegisterFunction(void **fatCubinHandle, const char *hostFun, char *deviceFun, const char *deviceName, int thread_limit, void *tid, void *bid, dim3 *bDim, dim3 *gDim, int *wSize)
{
    struct module *m = *fatCubinHandle;
    /* A kernel exists only when the module's image names it: a damaged image leaves it unregistered. */
    if (m->payload == NULL || strstr(m->payload, deviceName) == NULL || kernel_index(deviceName) < 0) return;
    pthread_mutex_lock(&lock);
    if (nfunctions < MAX_ENTRIES) {
        functions[nfunctions].host = hostFun;
        functions[nfunctions].module = m;
        strncpy(functions[nfunctions].name, deviceName, sizeof functions[nfunctions].name - 1);
        nfunctions++;
    }
    pthread_mutex_unlock(&lock);
}

void __cudaRegisterVar(void **fatCubinHandle, char *hostVar, char *deviceAddress, const char *deviceName, int ext, size_t size, int constant, int global)
{
    struct module *m = *fatCubinHandle;
    if (m->payload == NULL || strstr(m->payload, deviceName) == NULL) return;
    pthread_mutex_lock(&lock);
    if (nvariables < MAX_ENTRIES) {
        variables[nvariables].host = hostVar;
        variables[nvariables].storage = calloc(1, size);
        variables[nvariables].size = size;
        nvariables++;
    }
    pthread_mutex_unlock(&lock);
}

/* ---- Launches ------------------------------------------------------------------------------------------------ */

static __thread struct { dim3 grid, block; size_t shared; cudaStream_t stream; } pending[16];
static __thread int npending;

unsigned __cudaPushCallConfiguration(dim3 gridDim, dim3 blockDim, size_t sharedMem, cudaStream_t stream)
{
    if (npending == 16) return fail(cudaErrorInvalidValue);
    pending[npending].grid = gridDim;
    pending[npending].block = blockDim;
    pending[npending].shared = sharedMem;
    pending[npending].stream = stream;
    npending++;
    return 0;
}

cudaError_t __cudaPopCallConfiguration(dim3 *gridDim, dim3 *blockDim, size_t *sharedMem, void *stream)
{
    if (npending == 0) return fail(cudaErrorMissingConfiguration);
    if (gridDim == NULL || blockDim == NULL || sharedMem == NULL || stream == NULL) return fail(cudaErrorInvalidValue);
    npending--;
    *gridDim = pending[npending].grid;
    *blockDim = pending[npending].block;
    *sharedMem = pending[npending].shared;
    *(cudaStream_t *)stream = pending[npending].stream;
    return cudaSuccess;
}

cudaError_t cudaLaunchKernel(const void *func, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream)
{
    struct function *f = find_function(func);
    if (f == NULL) return fail(cudaErrorInvalidDeviceFunction);
    if (gridDim.x == 0 || blockDim.x == 0 || blockDim.x * blockDim.y * blockDim.z > 1024) return fail(9);
    int k = kernel_index(f->name);
    if (k < 0) return fail(cudaErrorInvalidDeviceFunction);
    if (args == NULL) return fail(cudaErrorInvalidValue);
    /* What a GPU's memory management unit does for a kernel that follows a pointer outside device memory: the
     * launch fails with an illegal address, the process lives. Every kernel here touches elements 0 to n - 1 of
     * 4 bytes through each pointer argument, n its last argument, bounded by the threads launched. */
    unsigned long long threads = (unsigned long long)gridDim.x * gridDim.y * gridDim.z * blockDim.x * blockDim.y * blockDim.z;
    int n = *(int *)args[kernels[k].count - 1];
    size_t touched = n <= 0 ? 0 : 4 * (size_t)((unsigned long long)n < threads ? (unsigned long long)n : threads);
    for (int a = 0; a < kernels[k].count; a++)
        if (kernels[k].sizes[a] == 8 && touched > 0 && !is_device(*(void **)args[a], touched)) return fail(cudaErrorIllegalAddress);
    struct launch l = { gridDim, blockDim, args };
    each_thread(&l, kernels[k].body);
    return cudaSuccess;
}

cudaError_t cudaLaunchKernel_ptsz(const void *func, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream)
{
    return cudaLaunchKernel(func, gridDim, blockDim, args, sharedMem, stream);
}

/* Attributes the double knows: a cluster shape the grid must be a multiple of, a cooperative launch, and an event
 * recorded when the kernel completes, which must be one of the double's own. */
static int is_event(cudaEvent_t event);

cudaError_t cudaLaunchKernelExC(const cudaLaunchConfig_t *config, const void *func, void **args)
{
    if (config == NULL || (config->numAttrs > 0 && config->attrs == NULL)) return fail(cudaErrorInvalidValue);
    cudaEvent_t completion = NULL;
    for (unsigned i = 0; i < config->numAttrs; i++) {
        const cudaLaunchAttribute *a = &config->attrs[i];
        switch (a->id) {
        case cudaLaunchAttributeClusterDimension:
            if (a->val.clusterDim.x == 0 || config->gridDim.x % a->val.clusterDim.x != 0) return fail(cudaErrorInvalidClusterSize);
            break;
        case cudaLaunchAttributeCooperative:
            break;
        case cudaLaunchAttributeLaunchCompletionEvent:
            if (!is_event(a->val.launchCompletionEvent.event)) return fail(cudaErrorInvalidResourceHandle);
            completion = a->val.launchCompletionEvent.event;
            break;
        default:
            return fail(cudaErrorInvalidValue);
        }
    }
    cudaError_t e = cudaLaunchKernel(func, config->gridDim, config->blockDim, args, config->dynamicSmemBytes, config->stream);
    return e == cudaSuccess && completion != NULL ? cudaEventRecord(completion, config->stream) : e;
}

cudaError_t cudaLaunchKernelExC_ptsz(const cudaLaunchConfig_t *config, const void *func, void **args) { return cudaLaunchKernelExC(config, func, args); }

cudaError_t __cudaGetKernel(void **kernel, const void *hostFun)
{
    if (find_function(hostFun) == NULL) return fail(cudaErrorInvalidDeviceFunction);
    if (kernel == NULL) return fail(cudaErrorInvalidValue);
    *kernel = (void *)hostFun;
    return cudaSuccess;
}

cudaError_t __cudaLaunchKernel(void *kernel, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream)
{
    return cudaLaunchKernel(kernel, gridDim, blockDim, args, sharedMem, stream);
}

cudaError_t cudaFuncGetParamInfo(const void *func, size_t paramIndex, size_t *paramOffset, size_t *paramSize)
{
    struct function *f = find_function(func);
    if (f == NULL) return fail(cudaErrorInvalidDeviceFunction);
    int k = kernel_index(f->name);
    if (k < 0) return fail(cudaErrorInvalidDeviceFunction);
    if (paramIndex >= (size_t)kernels[k].count || paramOffset == NULL || paramSize == NULL) return fail(cudaErrorInvalidValue);
    *paramOffset = kernels[k].offsets[paramIndex];
    *paramSize = kernels[k].sizes[paramIndex];
    return cudaSuccess;
}

cudaError_t cudaFuncGetName(const char **name, const void *func)
{
    struct function *f = find_function(func);
    if (f == NULL) return fail(cudaErrorInvalidDeviceFunction);
    if (name == NULL) return fail(cudaErrorInvalidValue);
    *name = f->name;
    return cudaSuccess;
}

/* ---- Variables ------------------------------------------------------------------------------------------------ */

cudaError_t cudaGetSymbolAddress(void **devPtr, const void *symbol)
{
    struct variable *v = find_variable(symbol);
    if (v == NULL) return fail(cudaErrorInvalidSymbol);
    if (devPtr == NULL) return fail(cudaErrorInvalidValue);
    *devPtr = v->storage;
    return cudaSuccess;
}

cudaError_t cudaGetSymbolSize(size_t *size, const void *symbol)
{
    struct variable *v = find_variable(symbol);
    if (v == NULL) return fail(cudaErrorInvalidSymbol);
    if (size == NULL) return fail(cudaErrorInvalidValue);
    *size = v->size;
    return cudaSuccess;
}

cudaError_t cudaMemcpyToSymbol(const void *symbol, const void *src, size_t count, size_t offset, int kind)
{
    struct variable *v = find_variable(symbol);
    if (v == NULL) return fail(cudaErrorInvalidSymbol);
    if (offset > v->size || count > v->size - offset) return fail(cudaErrorInvalidValue);
    memcpy(v->storage + offset, src, count);
    return cudaSuccess;
}

cudaError_t cudaMemcpyFromSymbol(void *dst, const void *symbol, size_t count, size_t offset, int kind)
{
    struct variable *v = find_variable(symbol);
    if (v == NULL) return fail(cudaErrorInvalidSymbol);
    if (offset > v->size || count > v->size - offset) return fail(cudaErrorInvalidValue);
    memcpy(dst, v->storage + offset, count);
    return cudaSuccess;
}

/* ---- Memory ---------------------------------------------------------------------------------------------------- */

cudaError_t cudaMalloc(void **devPtr, size_t size)
{
    if (devPtr == NULL) return fail(cudaErrorInvalidValue);
    pthread_mutex_lock(&lock);
    if (nallocations == MAX_ENTRIES) { pthread_mutex_unlock(&lock); return fail(cudaErrorMemoryAllocation); }
    allocations[nallocations].base = calloc(1, size ? size : 1);
    allocations[nallocations].size = size;
    *devPtr = allocations[nallocations++].base;
    pthread_mutex_unlock(&lock);
    return cudaSuccess;
}

cudaError_t cudaFree(void *devPtr)
{
    if (devPtr == NULL) return cudaSuccess;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nallocations; i++)
        if (allocations[i].base == devPtr) {
            free(allocations[i].base);
            allocations[i].base = NULL;
            pthread_mutex_unlock(&lock);
            return cudaSuccess;
        }
    pthread_mutex_unlock(&lock);
    return fail(cudaErrorInvalidValue);
}

cudaError_t cudaMemset(void *devPtr, int value, size_t count)
{
    if (!is_device(devPtr, count)) return fail(cudaErrorInvalidValue);
    memset(devPtr, value, count);
    return cudaSuccess;
}

cudaError_t cudaMemset_ptds(void *devPtr, int value, size_t count) { return cudaMemset(devPtr, value, count); }
cudaError_t cudaMemsetAsync(void *devPtr, int value, size_t count, cudaStream_t stream) { return cudaMemset(devPtr, value, count); }

cudaError_t cudaMemcpy(void *dst, const void *src, size_t count, int kind)
{
    if (kind == cudaMemcpyDefault) kind = is_device(src, count) ? (is_device(dst, count) ? 3 : 2) : (is_device(dst, count) ? 1 : 0);
    switch (kind) {
    case cudaMemcpyHostToHost: break;
    case cudaMemcpyHostToDevice: if (!is_device(dst, count)) return fail(cudaErrorInvalidValue); break;
    case cudaMemcpyDeviceToHost: if (!is_device(src, count)) return fail(cudaErrorInvalidValue); break;
    case cudaMemcpyDeviceToDevice: if (!is_device(src, count) || !is_device(dst, count)) return fail(cudaErrorInvalidValue); break;
    default: return fail(cudaErrorInvalidMemcpyDirection);
    }
    memcpy(dst, src, count);
    return cudaSuccess;
}

cudaError_t cudaMemcpy_ptds(void *dst, const void *src, size_t count, int kind) { return cudaMemcpy(dst, src, count, kind); }
cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t count, int kind, cudaStream_t stream) { return cudaMemcpy(dst, src, count, kind); }
cudaError_t cudaMemcpyAsync_ptsz(void *dst, const void *src, size_t count, int kind, cudaStream_t stream) { return cudaMemcpy(dst, src, count, kind); }

cudaError_t cudaMemcpy2D(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width, size_t height, int kind)
{
    for (size_t r = 0; r < height; r++) {
        cudaError_t e = cudaMemcpy((char *)dst + r * dpitch, (const char *)src + r * spitch, width, kind);
        if (e != cudaSuccess) return e;
    }
    return cudaSuccess;
}

cudaError_t cudaPointerGetAttributes(struct cudaPointerAttributes *attributes, const void *ptr)
{
    if (attributes == NULL) return fail(cudaErrorInvalidValue);
    int device = is_device(ptr, 1);
    attributes->type = device ? cudaMemoryTypeDevice : cudaMemoryTypeUnregistered;
    attributes->device = 0;
    attributes->devicePointer = device ? (void *)ptr : NULL;
    attributes->hostPointer = NULL;
    return cudaSuccess;
}

cudaError_t cudaMallocHost(void **ptr, size_t size) { if (ptr == NULL) return fail(cudaErrorInvalidValue); *ptr = aligned_alloc(4096, (size + 4095) / 4096 * 4096); return cudaSuccess; }
cudaError_t cudaFreeHost(void *ptr) { free(ptr); return cudaSuccess; }

cudaError_t cudaMemGetInfo(size_t *free_bytes, size_t *total)
{
    if (free_bytes == NULL || total == NULL) return fail(cudaErrorInvalidValue);
    *free_bytes = (size_t)1 << 30;
    *total = (size_t)2 << 30;
    return cudaSuccess;
}

/* ---- Devices ---------------------------------------------------------------------------------------------------- */

cudaError_t cudaGetDeviceCount(int *count) { if (count == NULL) return fail(cudaErrorInvalidValue); *count = 1; return cudaSuccess; }

cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *prop, int device)
{
    if (prop == NULL) return fail(cudaErrorInvalidValue);
    if (device != 0) return fail(cudaErrorInvalidDevice);
    memset(prop, 0, sizeof *prop);
    strcpy(prop->name, "CUDA runtime test double");
    prop->totalGlobalMem = (size_t)2 << 30;
    prop->warpSize = 32;
    prop->maxThreadsPerBlock = 1024;
    prop->major = 9;
    prop->minor = 0;
    prop->multiProcessorCount = 132;
    prop->rest[154] = 0x5a5a5a5a; /* the last word: the whole block must arrive */
    return cudaSuccess;
}

cudaError_t cudaDeviceGetAttribute(int *value, int attr, int device)
{
    if (value == NULL) return fail(cudaErrorInvalidValue);
    if (device != 0) return fail(cudaErrorInvalidDevice);
    *value = attr == 16 ? 132 : attr == 1 ? 1024 : 0;
    return cudaSuccess;
}

/* What a transcript cannot show: with CUDARTDOUBLE_CALL_LOG set, each cudaSetValidDevices appends a line there (the
 * worker's calls, when remoted), so a test sees which calls reached the runtime. */
static void call_log(const char *what, const void *list, int len)
{
    static FILE *log;
    static int opened;
    pthread_mutex_lock(&lock);
    if (!opened) { const char *path = getenv("CUDARTDOUBLE_CALL_LOG"); log = path ? fopen(path, "a") : NULL; opened = 1; }
    if (log) { fprintf(log, "%s %s %d\n", what, list ? "list" : "NULL", len); fflush(log); }
    pthread_mutex_unlock(&lock);
}

/* As documented: a len of 0 restores the default list, NULL with another len or more devices than there are is
 * cudaErrorInvalidValue, a device that does not exist cudaErrorInvalidDevice. */
cudaError_t cudaSetValidDevices(int *device_arr, int len)
{
    call_log("cudaSetValidDevices", device_arr, len);
    if (len == 0) return cudaSuccess;
    if (device_arr == NULL || len < 0 || len > 1) return fail(cudaErrorInvalidValue);
    for (int i = 0; i < len; i++) if (device_arr[i] != 0) return fail(cudaErrorInvalidDevice);
    return cudaSuccess;
}

cudaError_t cudaSetDevice(int device) { if (device != 0) return fail(cudaErrorInvalidDevice); current_device = device; return cudaSuccess; }
cudaError_t cudaGetDevice(int *device) { if (device == NULL) return fail(cudaErrorInvalidValue); *device = current_device; return cudaSuccess; }
cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }
cudaError_t cudaDriverGetVersion(int *version) { if (version == NULL) return fail(cudaErrorInvalidValue); *version = 13000; return cudaSuccess; }
cudaError_t cudaRuntimeGetVersion(int *version) { if (version == NULL) return fail(cudaErrorInvalidValue); *version = 13000; return cudaSuccess; }

/* ---- Streams and events ------------------------------------------------------------------------------------------- */

static int streams;

cudaError_t cudaStreamCreateWithFlags(cudaStream_t *stream, unsigned int flags)
{
    if (stream == NULL) return fail(cudaErrorInvalidValue);
    *stream = calloc(1, sizeof **stream);
    pthread_mutex_lock(&lock);
    (*stream)->id = ++streams;
    pthread_mutex_unlock(&lock);
    return cudaSuccess;
}

cudaError_t cudaStreamCreate(cudaStream_t *stream) { return cudaStreamCreateWithFlags(stream, 0); }
/* Only a stream of cudaStreamCreate is destroyed: the special handles (NULL, cudaStreamLegacy, cudaStreamPerThread)
 * are refused, as the real runtime refuses them. */
cudaError_t cudaStreamDestroy(cudaStream_t stream)
{
    if ((uintptr_t)stream <= 2) return fail(cudaErrorInvalidResourceHandle);
    free(stream);
    return cudaSuccess;
}
cudaError_t cudaStreamSynchronize(cudaStream_t stream) { return cudaSuccess; }
cudaError_t cudaStreamSynchronize_ptsz(cudaStream_t stream) { return cudaSuccess; }
cudaError_t cudaStreamQuery(cudaStream_t stream) { return cudaSuccess; }
cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int flags) { return event == NULL ? fail(cudaErrorInvalidResourceHandle) : cudaSuccess; }

static cudaEvent_t events[MAX_ENTRIES];
static int nevents;

static int is_event(cudaEvent_t event)
{
    for (int i = 0; i < nevents; i++)
        if (events[i] == event && event != NULL) return 1;
    return 0;
}

cudaError_t cudaEventCreateWithFlags(cudaEvent_t *event, unsigned int flags)
{
    if (event == NULL) return fail(cudaErrorInvalidValue);
    *event = calloc(1, sizeof **event);
    pthread_mutex_lock(&lock);
    if (nevents < MAX_ENTRIES) events[nevents++] = *event;
    pthread_mutex_unlock(&lock);
    return cudaSuccess;
}

cudaError_t cudaEventCreate(cudaEvent_t *event) { return cudaEventCreateWithFlags(event, 0); }

cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream)
{
    if (event == NULL) return fail(cudaErrorInvalidResourceHandle);
    pthread_mutex_lock(&lock);
    event->tick = ++ticks;
    pthread_mutex_unlock(&lock);
    event->recorded = 1;
    return cudaSuccess;
}

cudaError_t cudaEventSynchronize(cudaEvent_t event) { return event == NULL ? fail(cudaErrorInvalidResourceHandle) : cudaSuccess; }
cudaError_t cudaEventQuery(cudaEvent_t event) { return event == NULL ? fail(cudaErrorInvalidResourceHandle) : event->recorded ? cudaSuccess : cudaSuccess; }

cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t start, cudaEvent_t end)
{
    if (ms == NULL || start == NULL || end == NULL) return fail(cudaErrorInvalidValue);
    if (!start->recorded || !end->recorded) return fail(cudaErrorInvalidResourceHandle);
    /* Half a millisecond per event recorded in between: deterministic, so transcripts compare. */
    *ms = 0.5f * (float)(end->tick - start->tick);
    return cudaSuccess;
}

cudaError_t cudaEventDestroy(cudaEvent_t event)
{
    if (!is_event(event)) return fail(cudaErrorInvalidResourceHandle);
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nevents; i++)
        if (events[i] == event) events[i] = NULL;
    pthread_mutex_unlock(&lock);
    free(event);
    return cudaSuccess;
}

/* Host callbacks run at once, on the calling thread: the stream has no pending work in the double. */
cudaError_t cudaLaunchHostFunc(cudaStream_t stream, void (*fn)(void *), void *userData)
{
    if (fn == NULL) return fail(cudaErrorInvalidValue);
    fn(userData);
    return cudaSuccess;
}

cudaError_t cudaStreamAddCallback(cudaStream_t stream, void (*callback)(cudaStream_t, cudaError_t, void *), void *userData, unsigned int flags)
{
    if (callback == NULL || flags != 0) return fail(cudaErrorInvalidValue);
    callback(stream, cudaSuccess, userData);
    return cudaSuccess;
}

/* ---- Errors and features the double lacks -------------------------------------------------------------------- */

cudaError_t cudaGetLastError(void) { cudaError_t e = last_error; last_error = cudaSuccess; return e; }
cudaError_t cudaPeekAtLastError(void) { return last_error; }

const char *cudaGetErrorName(cudaError_t error)
{
    switch (error) {
    case cudaSuccess: return "cudaSuccess";
    case cudaErrorInvalidValue: return "cudaErrorInvalidValue";
    case cudaErrorInvalidSymbol: return "cudaErrorInvalidSymbol";
    case cudaErrorInvalidMemcpyDirection: return "cudaErrorInvalidMemcpyDirection";
    case cudaErrorInvalidDeviceFunction: return "cudaErrorInvalidDeviceFunction";
    case cudaErrorNotSupported: return "cudaErrorNotSupported";
    case cudaErrorInvalidClusterSize: return "cudaErrorInvalidClusterSize";
    case cudaErrorInvalidResourceHandle: return "cudaErrorInvalidResourceHandle";
    default: return "unrecognized error code";
    }
}

const char *cudaGetErrorString(cudaError_t error)
{
    switch (error) {
    case cudaSuccess: return "no error";
    case cudaErrorInvalidValue: return "invalid argument";
    case cudaErrorInvalidSymbol: return "invalid device symbol";
    case cudaErrorInvalidMemcpyDirection: return "invalid copy direction for memcpy";
    case cudaErrorInvalidDeviceFunction: return "invalid device function";
    case cudaErrorNotSupported: return "operation not supported";
    default: return "unrecognized error code";
    }
}

/* Graphs are a feature this runtime lacks. */
cudaError_t cudaGraphCreate(void **graph, unsigned int flags) { return fail(cudaErrorNotSupported); }
