/* CI program for the runtime's kernel handles beside the driver: a kernel registered as nvcc's host code registers it
 * is asked for by its host stub (cudaGetKernel: the real runtime's cudaKernel_t, a CUkernel; cudaGetFuncBySymbol: its
 * CUfunction in the current context), and the driver takes those handles (cuKernelGetFunction, cuFuncGetAttribute,
 * cuLaunchKernel), as cuBLAS and PyTorch pass them. Natively it runs against the runtime double built over the driver
 * double (tests/CudaRtDouble/cudart_over_driver.c); through both drop-ins it must print the same. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

typedef int cudaError_t;
typedef struct CUkern_st *cudaKernel_t;
typedef struct CUfunc_st *cudaFunction_t;
void **__cudaRegisterFatBinary(void *fatCubin);
void __cudaRegisterFatBinaryEnd(void **fatCubinHandle);
void __cudaRegisterFunction(void **fatCubinHandle, const char *hostFun, char *deviceFun, const char *deviceName, int thread_limit, void *tid, void *bid, void *bDim, void *gDim, int *wSize);
cudaError_t cudaGetKernel(cudaKernel_t *kernelPtr, const void *entryFuncAddr);
cudaError_t cudaGetFuncBySymbol(cudaFunction_t *functionPtr, const void *symbolPtr);
cudaError_t cudaGetLastError(void);
cudaError_t cudaMalloc(void **p, size_t n);
cudaError_t cudaMemcpy(void *dst, const void *src, size_t n, int kind);
cudaError_t cudaDeviceSynchronize(void);

/* The device image: a fat binary whose payload is a module image of the driver double. */
static const char payload[] = "cudadouble-module vec_add scale";
static struct { uint32_t magic; uint16_t version, header; uint64_t size; char bytes[sizeof payload]; } __attribute__((aligned(8)))
    fatbin = { 0xBA55ED50u, 1, 16, sizeof payload, "" };
static struct { uint32_t magic, version; const void *data; void *unused; } wrapper = { 0x466243B1u, 1, &fatbin, NULL };

static void vec_add(const float *a, const float *b, float *c, int n) { (void)a; (void)b; (void)c; (void)n; }
static void scale(float *x, float f, int n) { (void)x; (void)f; (void)n; }
static void never_registered(int n) { (void)n; }

__attribute__((constructor)) static void register_module(void)
{
    memcpy(fatbin.bytes, payload, sizeof payload);
    void **module = __cudaRegisterFatBinary(&wrapper);
    __cudaRegisterFunction(module, (const char *)vec_add, "vec_add", "vec_add", -1, NULL, NULL, NULL, NULL, NULL);
    __cudaRegisterFunction(module, (const char *)scale, "scale", "scale", -1, NULL, NULL, NULL, NULL, NULL);
    __cudaRegisterFatBinaryEnd(module);
}

static cudaFunction_t main_function;
static void *function_on_thread(void *arg)
{
    (void)arg;
    cudaFunction_t f = NULL;
    cudaError_t e = cudaGetFuncBySymbol(&f, (const void *)vec_add);
    printf("another thread: cudaGetFuncBySymbol = %d, the same function: %s\n", e, f == main_function ? "yes" : "no");
    return NULL;
}

enum { N = 256 };

int main(void)
{
    cudaKernel_t kernel = NULL, again = NULL, other = NULL, none = NULL;
    cudaFunction_t function = NULL;
    CUfunction driver_function = NULL;

    cudaError_t e = cudaGetKernel(&kernel, (const void *)vec_add);
    printf("cudaGetKernel(vec_add) = %d\n", e);
    e = cudaGetKernel(&again, (const void *)vec_add);
    printf("cudaGetKernel again = %d, the same kernel: %s\n", e, again == kernel ? "yes" : "no");
    e = cudaGetKernel(&other, (const void *)scale);
    printf("cudaGetKernel(scale) = %d, another kernel: %s\n", e, other && other != kernel ? "yes" : "no");
    e = cudaGetKernel(&none, (const void *)never_registered);
    printf("cudaGetKernel(never registered) = %d, last error %d\n", e, cudaGetLastError());
    e = cudaGetKernel(NULL, (const void *)vec_add);
    printf("cudaGetKernel(NULL) = %d, last error %d\n", e, cudaGetLastError());

    /* The kernel is the driver's: its function in the current context, which the runtime's own answer agrees with. */
    e = cudaGetFuncBySymbol(&function, (const void *)vec_add);
    printf("cudaGetFuncBySymbol(vec_add) = %d\n", e);
    main_function = function;
    CUresult r = cuKernelGetFunction(&driver_function, (CUkernel)kernel);
    printf("cuKernelGetFunction(runtime's kernel) = %d, the runtime's function: %s\n", r, driver_function == (CUfunction)function ? "yes" : "no");
    e = cudaGetFuncBySymbol(&function, (const void *)never_registered);
    printf("cudaGetFuncBySymbol(never registered) = %d, last error %d\n", e, cudaGetLastError());
    int threads = -1, params = -1;
    r = cuFuncGetAttribute(&threads, 0, (CUfunction)main_function);
    printf("cuFuncGetAttribute(MAX_THREADS_PER_BLOCK) = %d, %d\n", r, threads);
    size_t offset = 0, size = 0;
    params = cuFuncGetParamInfo((CUfunction)main_function, 3, &offset, &size);
    printf("cuFuncGetParamInfo(3) = %d, offset %zu size %zu\n", params, offset, size);

    pthread_t t;
    pthread_create(&t, NULL, function_on_thread, NULL);
    pthread_join(t, NULL);

    /* Launched through the driver by the runtime's function, on memory of the runtime. */
    static float a[N], b[N], c[N];
    for (int i = 0; i < N; i++) { a[i] = (float)i; b[i] = (float)(3 * i); }
    float *da, *db, *dc;
    cudaMalloc((void **)&da, sizeof a);
    cudaMalloc((void **)&db, sizeof b);
    cudaMalloc((void **)&dc, sizeof c);
    cudaMemcpy(da, a, sizeof a, 1);
    cudaMemcpy(db, b, sizeof b, 1);
    int n = N;
    void *args[] = { &da, &db, &dc, &n };
    r = cuLaunchKernel((CUfunction)main_function, 1, 1, 1, N, 1, 1, 0, NULL, args, NULL);
    printf("cuLaunchKernel(runtime's function) = %d\n", r);
    r = cuLaunchKernel((CUfunction)kernel, 1, 1, 1, N, 1, 1, 0, NULL, args, NULL);
    printf("cuLaunchKernel(runtime's kernel as a function) = %d\n", r);
    e = cudaDeviceSynchronize();
    printf("cudaDeviceSynchronize = %d\n", e);
    cudaMemcpy(c, dc, sizeof c, 2);
    double sum = 0;
    for (int i = 0; i < N; i++) sum += c[i];
    printf("vec_add: sum %.1f, c[%d] %.1f\n", sum, N - 1, c[N - 1]);
    return 0;
}
