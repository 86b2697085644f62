/* A CPU test double of the CUDA runtime built over the driver test double (libcudadouble.so), as the real runtime is
 * built over the real driver: device memory, streams, events and the current context are the driver double's, so a
 * program may mix both APIs (cudaMalloc, then cuMemcpyHtoD on that pointer; a cudaStream_t passed to cuLaunchKernel;
 * cudaSetDevice, then cuCtxGetCurrent), as cuBLAS and PyTorch do. Only what the CI programs of tests/CudaRt/group use
 * is here. The worker loads it as the real runtime (AVA_REAL_CUDART), beside the driver double as the real driver
 * (AVA_REAL_CUDA): the dynamic loader then gives both the one driver double. It is not CUDA. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cuda_double.h"

typedef int cudaError_t;
typedef struct CUstream_st *cudaStream_t;
typedef struct CUevent_st *cudaEvent_t;
typedef void (*cudaHostFn_t)(void *);

static __thread cudaError_t last_error;

/* The driver's status as the runtime names it (the few the programs can meet). */
static cudaError_t status(CUresult r)
{
    cudaError_t e = r == 0 ? 0 : r == 1 ? 1 : r == 2 ? 2 : r == 101 ? 101 : r == 400 ? 400 : r == 201 ? 709 : 999;
    if (e) last_error = e;
    return e;
}

/* The primary context the runtime holds: retained once, by the first thread that needs it, until a reset. */
static pthread_mutex_t held_lock = PTHREAD_MUTEX_INITIALIZER;
static CUcontext held;

static CUresult primary_context(CUcontext *primary)
{
    CUresult r = 0;
    pthread_mutex_lock(&held_lock);
    if (!held) r = cuDevicePrimaryCtxRetain(&held, 0);
    *primary = held;
    pthread_mutex_unlock(&held_lock);
    return r;
}

/* The runtime makes the device's primary context current on a thread's first call that needs a context, when no
 * context is current there, as the real one does. */
static CUresult context(void)
{
    CUcontext current = NULL, primary;
    CUresult r = cuInit(0);
    if (r == 0) r = cuCtxGetCurrent(&current);
    if (r == 0 && !current && (r = primary_context(&primary)) == 0) r = cuCtxSetCurrent(primary);
    return r;
}

cudaError_t cudaSetDevice(int device)
{
    CUcontext primary;
    CUresult r = cuInit(0);
    if (r == 0) r = device == 0 ? primary_context(&primary) : 101;
    if (r == 0) r = cuCtxSetCurrent(primary);
    return status(r);
}

/* Destroys the primary context, wherever it is current; the next call that needs one takes it into use again. */
cudaError_t cudaDeviceReset(void)
{
    CUresult r = cuInit(0);
    pthread_mutex_lock(&held_lock);
    if (r == 0) r = cuDevicePrimaryCtxReset_v2(0);
    held = NULL;
    pthread_mutex_unlock(&held_lock);
    return status(r);
}
cudaError_t cudaGetDevice(int *device) { CUresult r = context(); if (r == 0) r = cuCtxGetDevice(device); return status(r); }
cudaError_t cudaGetDeviceCount(int *count) { CUresult r = cuInit(0); if (r == 0) r = cuDeviceGetCount(count); return status(r); }
cudaError_t cudaDriverGetVersion(int *version) { return status(cuDriverGetVersion(version)); }
cudaError_t cudaRuntimeGetVersion(int *version) { if (!version) return status(1); *version = 13000; return 0; }
cudaError_t cudaDeviceSynchronize(void) { CUresult r = context(); if (r == 0) r = cuCtxSynchronize(); return status(r); }

cudaError_t cudaMalloc(void **p, size_t n)
{
    CUdeviceptr d = 0;
    CUresult r = context();
    if (r == 0) r = p ? cuMemAlloc_v2(&d, n) : 1;
    if (r == 0) *p = (void *)(uintptr_t)d;
    return status(r);
}
cudaError_t cudaFree(void *p) { CUresult r = context(); if (r == 0 && p) r = cuMemFree_v2((CUdeviceptr)(uintptr_t)p); return status(r); }

cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t n, int kind, cudaStream_t stream)
{
    CUresult r = context();
    if (r != 0) return status(r);
    switch (kind) {
    case 0: memmove(dst, src, n); return 0;
    case 1: return status(cuMemcpyHtoDAsync_v2((CUdeviceptr)(uintptr_t)dst, src, n, stream));
    case 2: return status(cuMemcpyDtoHAsync_v2(dst, (CUdeviceptr)(uintptr_t)src, n, stream));
    case 3: return status(cuMemcpyDtoD_v2((CUdeviceptr)(uintptr_t)dst, (CUdeviceptr)(uintptr_t)src, n));
    default: last_error = 21; return 21;
    }
}
cudaError_t cudaMemcpy(void *dst, const void *src, size_t n, int kind) { return cudaMemcpyAsync(dst, src, n, kind, NULL); }

cudaError_t cudaStreamCreate(cudaStream_t *s) { CUresult r = context(); if (r == 0) r = cuStreamCreate(s, 0); return status(r); }
cudaError_t cudaStreamCreateWithFlags(cudaStream_t *s, unsigned flags) { CUresult r = context(); if (r == 0) r = cuStreamCreate(s, flags); return status(r); }
cudaError_t cudaStreamDestroy(cudaStream_t s) { CUresult r = context(); if (r == 0) r = cuStreamDestroy_v2(s); return status(r); }
cudaError_t cudaStreamSynchronize(cudaStream_t s) { CUresult r = context(); if (r == 0) r = cuStreamSynchronize(s); return status(r); }
cudaError_t cudaLaunchHostFunc(cudaStream_t s, cudaHostFn_t fn, void *user)
{
    /* The double's streams are done at once: the function runs now, as the stream's next work would. */
    CUresult r = context();
    if (r == 0 && !fn) r = 1;
    if (r == 0) fn(user);
    return status(r);
}

cudaError_t cudaEventCreate(cudaEvent_t *e) { CUresult r = context(); if (r == 0) r = cuEventCreate(e, 0); return status(r); }
cudaError_t cudaEventRecord(cudaEvent_t e, cudaStream_t s) { CUresult r = context(); if (r == 0) r = cuEventRecord(e, s); return status(r); }
cudaError_t cudaEventSynchronize(cudaEvent_t e) { CUresult r = context(); if (r == 0) r = cuEventSynchronize(e); return status(r); }
cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t a, cudaEvent_t b) { CUresult r = context(); if (r == 0) r = cuEventElapsedTime(ms, a, b); return status(r); }
cudaError_t cudaEventDestroy(cudaEvent_t e) { CUresult r = context(); if (r == 0) r = cuEventDestroy_v2(e); return status(r); }

cudaError_t cudaGetDriverEntryPoint(const char *symbol, void **fn, unsigned long long flags, int *query)
{
    CUresult r = cuGetProcAddress_v2(symbol, fn, 13000, flags, query);
    cudaError_t e = r == 0 ? 0 : r == 1 ? 1 : 500;
    if (e) last_error = e;
    return e;
}

cudaError_t cudaGetLastError(void) { cudaError_t e = last_error; last_error = 0; return e; }
cudaError_t cudaPeekAtLastError(void) { return last_error; }
const char *cudaGetErrorName(cudaError_t e)
{
    switch (e) {
    case 0: return "cudaSuccess";
    case 1: return "cudaErrorInvalidValue";
    case 2: return "cudaErrorMemoryAllocation";
    case 21: return "cudaErrorInvalidMemcpyDirection";
    case 400: return "cudaErrorInvalidResourceHandle";
    default: return "cudaErrorUnknown";
    }
}

/* Registration as nvcc's host code makes it: a module's image (a fat binary whose payload is a driver double module
 * image) becomes a library of the driver double, and each kernel's host stub names its CUkernel, as the real runtime
 * keeps a CUkernel per registered kernel. */
typedef struct CUkern_st *cudaKernel_t;
typedef struct CUfunc_st *cudaFunction_t;
enum { MAX_KERNELS = 64 };
static struct { const void *host; CUkernel kernel; } kernels[MAX_KERNELS];
static int nkernels;

void **__cudaRegisterFatBinary(void *fatCubin)
{
    const struct { uint32_t magic, version; const void *data; void *unused; } *w = fatCubin;
    CUlibrary *library = calloc(1, sizeof *library);
    if (library && w && w->magic == 0x466243B1u && *(const uint32_t *)w->data == 0xBA55ED50u) {
        const unsigned char *h = w->data;
        uint16_t header = *(const uint16_t *)(h + 6);
        uint64_t size = *(const uint64_t *)(h + 8);
        char *image = malloc(size + 1);
        if (image) {
            memcpy(image, h + header, size);
            image[size] = 0;
            if (cuInit(0) != 0 || cuLibraryLoadData(library, image, NULL, NULL, 0, NULL, NULL, 0) != 0) *library = NULL;
            free(image);
        }
    }
    return (void **)library;
}
void __cudaRegisterFatBinaryEnd(void **fatCubinHandle) { (void)fatCubinHandle; }
void __cudaUnregisterFatBinary(void **fatCubinHandle)
{
    CUlibrary library = *(CUlibrary *)fatCubinHandle;
    pthread_mutex_lock(&held_lock);
    for (int i = 0; i < nkernels; i++)
        if (kernels[i].kernel) { CUlibrary of = NULL; if (cuKernelGetLibrary(&of, kernels[i].kernel) == 0 && of == library) kernels[i].kernel = NULL; }
    pthread_mutex_unlock(&held_lock);
    if (library) cuLibraryUnload(library);
    free(fatCubinHandle);
}
void __cudaRegisterFunction(void **fatCubinHandle, const char *hostFun, char *deviceFun, const char *deviceName, int thread_limit, void *tid, void *bid, void *bDim, void *gDim, int *wSize)
{
    CUkernel kernel;
    CUlibrary library = *(CUlibrary *)fatCubinHandle;
    if (!library || cuLibraryGetKernel(&kernel, library, deviceName) != 0) return;
    pthread_mutex_lock(&held_lock);
    if (nkernels < MAX_KERNELS) { kernels[nkernels].host = hostFun; kernels[nkernels].kernel = kernel; nkernels++; }
    pthread_mutex_unlock(&held_lock);
}
void __cudaRegisterVar(void **fatCubinHandle, char *hostVar, char *deviceAddress, const char *deviceName, int ext, size_t size, int constant, int global) {}

/* The CUkernel of a registered host stub (or a kernel handle itself); NULL: none. */
static CUkernel kernel_of(const void *func)
{
    CUkernel found = NULL;
    pthread_mutex_lock(&held_lock);
    for (int i = 0; i < nkernels && !found; i++)
        if (kernels[i].kernel && (kernels[i].host == func || (const void *)kernels[i].kernel == func)) found = kernels[i].kernel;
    pthread_mutex_unlock(&held_lock);
    return found;
}

/* A registered kernel's handle: its CUkernel, which needs no context. */
cudaError_t cudaGetKernel(cudaKernel_t *kernelPtr, const void *entryFuncAddr)
{
    CUkernel kernel = kernel_of(entryFuncAddr);
    if (!kernelPtr) return status(1);
    if (!kernel) { last_error = 98; return 98; }
    *kernelPtr = kernel;
    return 0;
}

/* A registered kernel's function in the current context (the runtime takes one into use first). */
cudaError_t cudaGetFuncBySymbol(cudaFunction_t *functionPtr, const void *symbolPtr)
{
    CUkernel kernel = kernel_of(symbolPtr);
    CUresult r = context();
    if (r != 0) return status(r);
    if (!functionPtr) return status(1);
    if (!kernel) { last_error = 98; return 98; }
    return status(cuKernelGetFunction(functionPtr, kernel));
}

cudaError_t cudaFuncGetParamInfo(const void *func, size_t paramIndex, size_t *paramOffset, size_t *paramSize)
{
    CUkernel kernel = kernel_of(func);
    CUresult r = context();
    if (r != 0) return status(r);
    if (!kernel) { last_error = 98; return 98; }
    return status(cuFuncGetParamInfo((CUfunction)kernel, paramIndex, paramOffset, paramSize));
}
