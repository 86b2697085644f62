/* A program that mixes the CUDA runtime and driver APIs as cuBLAS and PyTorch do: memory from cudaMalloc copied and
 * launched on through the driver, a cudaStream_t and cudaEvent_t used as CUstream and CUevent (and back), the context
 * cudaSetDevice makes current seen by cuCtxGetCurrent on the same thread (and not on another), async copies of one
 * API synchronized by the other, a host function the runtime runs on a stream the driver made. Natively it runs
 * against the runtime double built over the driver double (tests/CudaRtDouble/cudart_over_driver.c); through our
 * libcuda.so.1 and libcudart.so.13 it must print the same, served by one worker. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cuda_double.h"

typedef int cudaError_t;
typedef struct CUstream_st *cudaStream_t;
typedef struct CUevent_st *cudaEvent_t;
cudaError_t cudaSetDevice(int device);
cudaError_t cudaMalloc(void **p, size_t n);
cudaError_t cudaFree(void *p);
cudaError_t cudaMemcpy(void *dst, const void *src, size_t n, int kind);
cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t n, int kind, cudaStream_t stream);
cudaError_t cudaStreamCreate(cudaStream_t *s);
cudaError_t cudaStreamDestroy(cudaStream_t s);
cudaError_t cudaStreamSynchronize(cudaStream_t s);
cudaError_t cudaLaunchHostFunc(cudaStream_t s, void (*fn)(void *), void *user);
cudaError_t cudaEventCreate(cudaEvent_t *e);
cudaError_t cudaEventRecord(cudaEvent_t e, cudaStream_t s);
cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t a, cudaEvent_t b);
cudaError_t cudaEventDestroy(cudaEvent_t e);
cudaError_t cudaDeviceSynchronize(void);
cudaError_t cudaGetLastError(void);
cudaError_t cudaGetDriverEntryPoint(const char *symbol, void **fn, unsigned long long flags, int *query);
const char *cudaGetErrorName(cudaError_t e);

#define RT(call) do { cudaError_t e_ = (call); if (e_) printf("%s = %s\n", #call, cudaGetErrorName(e_)); } while (0)
#define DRV(call) do { CUresult r_ = (call); if (r_) printf("%s = %d\n", #call, r_); } while (0)

enum { N = 1000 };

static void *current_on_thread(void *set_device)
{
    if (set_device) RT(cudaSetDevice(0));
    CUcontext ctx = NULL;
    DRV(cuCtxGetCurrent(&ctx));
    return ctx;
}

static volatile int host_seen;
static void host_fn(void *user) { host_seen = *(int *)user; }

int main(void)
{
    static float a[N], b[N], c[N], d[N];
    for (int i = 0; i < N; i++) { a[i] = (float)i; b[i] = (float)(2 * i); }

    /* The runtime's device makes the primary context current: the driver sees it on this thread. */
    CUcontext ctx = NULL;
    RT(cudaSetDevice(0));
    DRV(cuCtxGetCurrent(&ctx));
    printf("cuCtxGetCurrent after cudaSetDevice: %s\n", ctx ? "set" : "NULL");
    pthread_t t;
    void *other;
    pthread_create(&t, NULL, current_on_thread, NULL);
    pthread_join(t, &other);
    printf("another thread, no cudaSetDevice: %s\n", other ? "set" : "NULL");
    pthread_create(&t, NULL, current_on_thread, (void *)1);
    pthread_join(t, &other);
    printf("another thread after its cudaSetDevice: %s, same context: %s\n", other ? "set" : "NULL", other == ctx ? "yes" : "no");

    /* Memory of the runtime, filled and launched on by the driver. */
    float *da, *db, *dc;
    RT(cudaMalloc((void **)&da, sizeof a));
    RT(cudaMalloc((void **)&db, sizeof b));
    RT(cudaMalloc((void **)&dc, sizeof c));
    DRV(cuMemcpyHtoD_v2((CUdeviceptr)(size_t)da, a, sizeof a));
    RT(cudaMemcpy(db, b, sizeof b, 1));

    CUmodule module;
    CUfunction vec_add;
    DRV(cuModuleLoadData(&module, "cudadouble-module vec_add scale"));
    DRV(cuModuleGetFunction(&vec_add, module, "vec_add"));

    /* A runtime stream and events, used by the driver. */
    cudaStream_t stream;
    cudaEvent_t start, stop;
    RT(cudaStreamCreate(&stream));
    RT(cudaEventCreate(&start));
    RT(cudaEventCreate(&stop));
    DRV(cuEventRecord((CUevent)start, (CUstream)stream));
    int n = N;
    CUdeviceptr pa = (CUdeviceptr)(size_t)da, pb = (CUdeviceptr)(size_t)db, pc = (CUdeviceptr)(size_t)dc;
    void *args[] = { &pa, &pb, &pc, &n };
    DRV(cuLaunchKernel(vec_add, (N + 255) / 256, 1, 1, 256, 1, 1, 0, (CUstream)stream, args, NULL));
    DRV(cuEventRecord((CUevent)stop, (CUstream)stream));
    DRV(cuStreamSynchronize((CUstream)stream));
    float ms = -1;
    RT(cudaEventElapsedTime(&ms, start, stop));
    RT(cudaMemcpy(c, dc, sizeof c, 2));
    double sum = 0;
    for (int i = 0; i < N; i++) sum += c[i];
    printf("vec_add on the runtime's stream: sum %.1f, c[999] %.1f, elapsed %.1f ms\n", sum, c[999], ms);

    /* A driver stream: the runtime copies on it asynchronously, the driver synchronizes; and the other way round. */
    CUstream dstream;
    DRV(cuStreamCreate(&dstream, 0));
    memset(d, 0, sizeof d);
    RT(cudaMemcpyAsync(d, dc, sizeof d, 2, (cudaStream_t)dstream));
    DRV(cuStreamSynchronize(dstream));
    printf("runtime async copy, driver sync: d[0] %.1f d[999] %.1f\n", d[0], d[999]);
    memset(d, 0, sizeof d);
    DRV(cuMemcpyDtoHAsync_v2(d, pc, sizeof d, dstream));
    RT(cudaStreamSynchronize((cudaStream_t)dstream));
    printf("driver async copy, runtime sync: d[0] %.1f d[999] %.1f\n", d[0], d[999]);

    /* A host function of the runtime on the driver's stream runs in this process with its own user data. */
    int value = 42;
    RT(cudaLaunchHostFunc((cudaStream_t)dstream, host_fn, &value));
    RT(cudaStreamSynchronize((cudaStream_t)dstream));
    for (int i = 0; i < 5000 && !host_seen; i++) usleep(1000);
    printf("host function saw %d\n", host_seen);

    /* The driver's entry points as the runtime hands them out (cuBLAS and PyTorch call the driver so). */
    void *entry = NULL;
    int query = -1;
    cudaError_t got = cudaGetDriverEntryPoint("cuMemAlloc", &entry, 0, &query);
    CUdeviceptr extra = 0;
    CUresult allocated = entry ? ((CUresult (*)(CUdeviceptr *, size_t))entry)(&extra, 4096) : -1;
    printf("entry point cuMemAlloc: %d, query %d, allocated %d, freed by cudaFree %d\n", got, query, allocated, cudaFree((void *)(size_t)extra));
    entry = (void *)1;
    got = cudaGetDriverEntryPoint("cuNoSuchFunction", &entry, 0, &query);
    printf("entry point cuNoSuchFunction: %d, query %d, %s\n", got, query, entry ? "set" : "NULL");

    /* Objects released by the other API than the one that made them. */
    DRV(cuEventDestroy_v2((CUevent)start));
    RT(cudaEventDestroy(stop));
    RT(cudaStreamDestroy((cudaStream_t)dstream));
    DRV(cuStreamDestroy_v2((CUstream)stream));
    DRV(cuMemFree_v2(pa));
    RT(cudaFree(db));
    RT(cudaFree(dc));
    DRV(cuModuleUnload(module));
    RT(cudaDeviceSynchronize());
    printf("last error %s\n", cudaGetErrorName(cudaGetLastError()));
    return 0;
}
