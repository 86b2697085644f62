/* A CUDA runtime program as nvcc's host code makes it, written out in C so CI can build it without nvcc: a fat
 * binary registered from a constructor with its kernels and a __constant__ variable, host stubs that pop the
 * <<<>>> configuration and launch by their own address (CUDA 12 style, cudaLaunchKernel; CUDA 13 style,
 * __cudaGetKernel and __cudaLaunchKernel), copies of every kind, streams, events, device queries and errors kept per
 * thread. Run against the CPU test double natively and through libcudart.so.13: the transcripts must be equal. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cudart_double.h"

#define CHECK(call) do { cudaError_t e_ = (call); if (e_ != cudaSuccess) { printf("%s failed: %d %s\n", #call, e_, cudaGetErrorName(e_)); exit(1); } } while (0)

/* The device image: a fat binary header and a payload that names what the module holds. */
static const char payload[] = "test module: kernels vec_add scale add_const; constants k_offset";
static struct { uint32_t magic; uint16_t version, header; uint64_t size; char bytes[sizeof payload]; } __attribute__((aligned(8)))
    fatbin = { 0xBA55ED50u, 1, 16, sizeof payload, "" };
static struct { uint32_t magic, version; const void *data; void *unused; } wrapper = { 0x466243B1u, 1, &fatbin, NULL };
static void **module;
static int k_offset; /* host shadow of __constant__ int k_offset */

static void vec_add(const float *a, const float *b, float *c, int n)
{
    void *args[] = { &a, &b, &c, &n };
    dim3 grid, block;
    size_t shared;
    cudaStream_t stream;
    if (__cudaPopCallConfiguration(&grid, &block, &shared, &stream) == cudaSuccess)
        cudaLaunchKernel((const void *)vec_add, grid, block, args, shared, stream);
}

static void scale(float *x, float f, int n)
{
    static void *kernel;
    void *args[] = { &x, &f, &n };
    dim3 grid, block;
    size_t shared;
    cudaStream_t stream;
    if (kernel == NULL) __cudaGetKernel(&kernel, (const void *)scale);
    if (__cudaPopCallConfiguration(&grid, &block, &shared, &stream) == cudaSuccess)
        __cudaLaunchKernel(kernel, grid, block, args, shared, stream);
}

static void add_const(int *x, int n) { (void)x; (void)n; }
static void never_registered(int n) { (void)n; }

static void unregister(void) { __cudaUnregisterFatBinary(module); }

__attribute__((constructor)) static void register_module(void)
{
    memcpy(fatbin.bytes, payload, sizeof payload);
    module = __cudaRegisterFatBinary(&wrapper);
    __cudaRegisterFunction(module, (const char *)vec_add, "vec_add", "vec_add", -1, NULL, NULL, NULL, NULL, NULL);
    __cudaRegisterFunction(module, (const char *)scale, "scale", "scale", -1, NULL, NULL, NULL, NULL, NULL);
    __cudaRegisterFunction(module, (const char *)add_const, "add_const", "add_const", -1, NULL, NULL, NULL, NULL, NULL);
    __cudaRegisterVar(module, (char *)&k_offset, "k_offset", "k_offset", 0, sizeof k_offset, 1, 0);
    __cudaRegisterFatBinaryEnd(module);
    atexit(unregister);
}

static void *other_thread(void *arg)
{
    (void)arg;
    cudaError_t before = cudaPeekAtLastError();
    int device = -1;
    cudaError_t set = cudaSetDevice(0), get = cudaGetDevice(&device);
    printf("other thread: last error %d, set %d get %d device %d\n", before, set, get, device);
    return NULL;
}

int main(void)
{
    int count = 0, version = 0;
    CHECK(cudaGetDeviceCount(&count));
    struct cudaDeviceProp prop, again;
    CHECK(cudaGetDeviceProperties(&prop, 0));
    CHECK(cudaGetDeviceProperties(&again, 0));
    printf("devices %d: %s, sm %d.%d, %d SMs, %zu MiB, last word %x, same again %s\n", count, prop.name, prop.major, prop.minor,
        prop.multiProcessorCount, prop.totalGlobalMem >> 20, (unsigned)prop.rest[154], memcmp(&prop, &again, sizeof prop) == 0 ? "yes" : "no");
    /* A NULL device list with a count: the runtime's cudaErrorInvalidValue, which the drop-in answers itself. */
    cudaError_t null_list = cudaSetValidDevices(NULL, 3);
    cudaError_t null_last = cudaGetLastError();
    int valid[1] = { 0 };
    cudaError_t one = cudaSetValidDevices(valid, 1), none = cudaSetValidDevices(NULL, 0);
    printf("valid devices: NULL with 3 %s, last %s; one device %d; none %d\n", cudaGetErrorName(null_list), cudaGetErrorName(null_last), one, none);
    CHECK(cudaRuntimeGetVersion(&version));
    printf("runtime %d\n", version);
    int sms = 0;
    CHECK(cudaDeviceGetAttribute(&sms, 16, 0));
    printf("attribute SMs %d\n", sms);

    /* <<<4, 256>>> vec_add through the configuration stack and cudaLaunchKernel. */
    enum { N = 1000 };
    float a[N], b[N], c[N];
    for (int i = 0; i < N; i++) { a[i] = (float)i; b[i] = 2.0f * (float)i; }
    float *da, *db, *dc;
    CHECK(cudaMalloc((void **)&da, sizeof a));
    CHECK(cudaMalloc((void **)&db, sizeof b));
    CHECK(cudaMalloc((void **)&dc, sizeof c));
    CHECK(cudaMemcpy(da, a, sizeof a, cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(db, b, sizeof b, cudaMemcpyDefault));
    CHECK(__cudaPushCallConfiguration((dim3){ 4, 1, 1 }, (dim3){ 256, 1, 1 }, 0, NULL));
    vec_add(da, db, dc, N);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    CHECK(cudaMemcpy(c, dc, sizeof c, cudaMemcpyDeviceToHost));
    double sum = 0;
    for (int i = 0; i < N; i++) sum += c[i];
    printf("vec_add sum %.1f\n", sum);
    const char *name = NULL;
    CHECK(cudaFuncGetName(&name, (const void *)vec_add));
    size_t offset = 0, size = 0;
    CHECK(cudaFuncGetParamInfo((const void *)vec_add, 3, &offset, &size));
    printf("kernel %s: parameter 3 at %zu, %zu bytes\n", name, offset, size);

    /* A stream: async copies, a CUDA 13 style launch, events around it. */
    cudaStream_t stream;
    cudaEvent_t start, stop;
    CHECK(cudaStreamCreate(&stream));
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreateWithFlags(&stop, 0));
    float *pinned;
    CHECK(cudaMallocHost((void **)&pinned, sizeof c));
    CHECK(cudaEventRecord(start, stream));
    CHECK(cudaMemcpyAsync(dc, a, sizeof a, cudaMemcpyHostToDevice, stream));
    CHECK(__cudaPushCallConfiguration((dim3){ 1, 1, 1 }, (dim3){ 1000, 1, 1 }, 0, stream));
    scale(dc, 0.5f, N);
    CHECK(cudaMemcpyAsync(pinned, dc, sizeof c, cudaMemcpyDeviceToHost, stream));
    CHECK(cudaEventRecord(stop, stream));
    CHECK(cudaStreamWaitEvent(NULL, stop, 0));
    CHECK(cudaStreamSynchronize(stream));
    CHECK(cudaEventSynchronize(stop));
    float ms = -1;
    CHECK(cudaEventElapsedTime(&ms, start, stop));
    printf("stream: scaled[999] %.1f, query %d, elapsed %.1f ms\n", pinned[999], cudaStreamQuery(stream), ms);

    /* cudaLaunchKernelExC with a cluster shape and a completion event among its attributes. */
    cudaEvent_t done;
    CHECK(cudaEventCreate(&done));
    cudaLaunchAttribute attributes[2];
    memset(attributes, 0, sizeof attributes);
    attributes[0].id = cudaLaunchAttributeClusterDimension;
    attributes[0].val.clusterDim.x = 2;
    attributes[0].val.clusterDim.y = attributes[0].val.clusterDim.z = 1;
    attributes[1].id = cudaLaunchAttributeLaunchCompletionEvent;
    attributes[1].val.launchCompletionEvent.event = done;
    memset(c, 0, sizeof c);
    CHECK(cudaMemset(dc, 0, sizeof c));
    int count4 = N;
    void *vec_args[] = { &da, &db, &dc, &count4 };
    cudaLaunchConfig_t config = { { 4, 1, 1 }, { 256, 1, 1 }, 0, stream, attributes, 2 };
    cudaError_t ex = cudaLaunchKernelExC(&config, (const void *)vec_add, vec_args);
    CHECK(cudaMemcpy(c, dc, sizeof c, cudaMemcpyDeviceToHost));
    float since = -1;
    CHECK(cudaEventElapsedTime(&since, stop, done));
    config.gridDim.x = 3;
    cudaError_t odd = cudaLaunchKernelExC(&config, (const void *)vec_add, vec_args);
    printf("launch ex: %d, c[999] %.1f, completion event %.1f ms after stop; odd grid: %s, last %s\n", ex, c[999], since,
        cudaGetErrorName(odd), cudaGetErrorName(cudaGetLastError()));
    CHECK(cudaEventDestroy(done));

    /* A __constant__ variable and a launch by cudaLaunchKernel without <<<>>>. */
    int seven = 7, back = 0, values[64];
    size_t symbolSize = 0;
    for (int i = 0; i < 64; i++) values[i] = i;
    int *dv;
    CHECK(cudaMalloc((void **)&dv, sizeof values));
    CHECK(cudaMemcpyToSymbol(&k_offset, &seven, sizeof seven, 0, cudaMemcpyHostToDevice));
    CHECK(cudaMemcpyFromSymbol(&back, &k_offset, sizeof back, 0, cudaMemcpyDeviceToHost));
    CHECK(cudaGetSymbolSize(&symbolSize, &k_offset));
    CHECK(cudaMemcpy(dv, values, sizeof values, cudaMemcpyHostToDevice));
    int n = 64;
    void *args[] = { &dv, &n };
    CHECK(cudaLaunchKernel((const void *)add_const, (dim3){ 1, 1, 1 }, (dim3){ 64, 1, 1 }, args, 0, NULL));
    CHECK(cudaMemcpy(values, dv, sizeof values, cudaMemcpyDefault));
    printf("constant %d (%zu bytes): values[0] %d values[63] %d\n", back, symbolSize, values[0], values[63]);

    /* A 2D copy with pitches, device to device and back. */
    float rows[4][8], out[4][8];
    for (int r = 0; r < 4; r++) for (int i = 0; i < 8; i++) rows[r][i] = (float)(r * 10 + i);
    memset(out, 0, sizeof out);
    CHECK(cudaMemcpy2D(dc, 64, rows, sizeof rows[0], 5 * sizeof(float), 4, cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy2D(out, sizeof out[0], dc, 64, 5 * sizeof(float), 4, cudaMemcpyDeviceToHost));
    printf("2D: out[3][4] %.0f out[3][5] %.0f\n", out[3][4], out[3][5]);

    /* Errors: kept per thread, reset by cudaGetLastError, named in the process. */
    cudaError_t e = cudaLaunchKernel((const void *)never_registered, (dim3){ 1, 1, 1 }, (dim3){ 1, 1, 1 }, args, 0, NULL);
    printf("unregistered launch: %d %s (%s)\n", e, cudaGetErrorName(e), cudaGetErrorString(e));
    pthread_t thread;
    pthread_create(&thread, NULL, other_thread, NULL);
    pthread_join(thread, NULL);
    cudaError_t peek = cudaPeekAtLastError(), get = cudaGetLastError(), again_get = cudaGetLastError();
    printf("peek %d, get %d, get again %d\n", peek, get, again_get);
    e = cudaMemcpy(c, dc, sizeof c, 7);
    printf("bad kind: %s, last %d\n", cudaGetErrorName(e), cudaGetLastError());
    e = cudaMemcpyToSymbol(&seven, &seven, sizeof seven, 0, cudaMemcpyHostToDevice);
    printf("not a symbol: %s\n", cudaGetErrorName(e));
    void *graph = NULL;
    e = cudaGraphCreate(&graph, 0);
    printf("graph: %s, last %s\n", cudaGetErrorName(e), cudaGetErrorName(cudaGetLastError()));

    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(stop));
    CHECK(cudaStreamDestroy(stream));
    CHECK(cudaFreeHost(pinned));
    CHECK(cudaFree(da));
    CHECK(cudaFree(db));
    CHECK(cudaFree(dc));
    CHECK(cudaFree(dv));
    printf("done\n");
    return 0;
}
