/* CI program for the drop-in's answer to cuGetExportTable (run through libcuda.so.1 with the worker pointed at the
 * test double, which has only the tables whose slots the worker forwards to). Calls the slots the CUDA runtime and
 * cuBLASLt call, as they call them, and prints what it gets back: status codes and values, never pointers; then looks
 * up the entry points cuBLAS looks up by name. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

static const unsigned char CUDART_INTERFACE[16] = {0x6B, 0xD5, 0xFB, 0x6C, 0x5B, 0xF4, 0xE7, 0x4A, 0x89, 0x87, 0xD9, 0x39, 0x12, 0xFD, 0x9D, 0xF9};
static const unsigned char TOOLS_HOOKS[16] = {0xA0, 0x94, 0x79, 0x8C, 0x2E, 0x74, 0x2E, 0x74, 0x93, 0xF2, 0x08, 0x00, 0x20, 0x0C, 0x0A, 0x66};
static const unsigned char CONTEXT_STORAGE[16] = {0xC6, 0x93, 0x33, 0x6E, 0x11, 0x21, 0xDF, 0x11, 0xA8, 0xC3, 0x68, 0xF3, 0x55, 0xD8, 0x95, 0x93};
static const unsigned char CONTEXT_CHECKS[16] = {0x26, 0x3E, 0x88, 0x60, 0x7C, 0xD2, 0x61, 0x43, 0x92, 0xF6, 0xBB, 0xD5, 0x00, 0x6D, 0xFA, 0x7E};
static const unsigned char INTEGRITY_CHECK[16] = {0xD4, 0x08, 0x20, 0x55, 0xBD, 0xE6, 0x70, 0x4B, 0x8D, 0x34, 0xBA, 0x12, 0x3C, 0x66, 0xE1, 0xF2};
static const unsigned char TOOLS_TLS[16] = {0x42, 0xD8, 0x5A, 0x81, 0x23, 0xF6, 0xCB, 0x47, 0x82, 0x98, 0xF6, 0xE7, 0x8A, 0x3A, 0xEC, 0xDC};
static const unsigned char CUBLASLT_CONTEXT[16] = {0x21, 0x31, 0x8C, 0x60, 0x97, 0x14, 0x32, 0x48, 0x8C, 0xA6, 0x41, 0xFF, 0x73, 0x24, 0xC8, 0xF2};
static const unsigned char CUBLASLT_KERNELS[16] = {0x17, 0x34, 0xDC, 0x26, 0x80, 0x0D, 0x47, 0x45, 0x87, 0x26, 0xC0, 0xF1, 0xE7, 0xDD, 0x8B, 0xCA};
static const unsigned char CUFFT[16] = {0x6E, 0x16, 0x3F, 0xBE, 0xB9, 0x58, 0x44, 0x4D, 0x83, 0x5C, 0xE1, 0x82, 0xAF, 0xF1, 0x99, 0x1E};
static const unsigned char STARTUP[16] = {0xF8, 0xCF, 0xF9, 0x51, 0x21, 0x46, 0x8B, 0x4E, 0xB9, 0xE2, 0xFB, 0x46, 0x9E, 0x7C, 0x0D, 0xD9};

/* cuFFT's slot 7 calls back once per function of a module; cuFFT's own callback keeps the function (*user = f). */
typedef uintptr_t (*module_functions_fn)(CUcontext, CUmodule, void *callback, void *user, CUmodule, void *table);
static int cufft_calls;
static char cufft_names[256];
static uintptr_t cufft_callback(void *user, CUfunction f, const char *name, void *a3, void *a4, CUmodule module) {
    (void)module;
    cufft_calls++;
    size_t n = strlen(cufft_names);
    snprintf(cufft_names + n, sizeof cufft_names - n, "%s%s%s", n ? " " : "", name ? name : "(null)", a3 || a4 ? "(extra)" : "");
    *(CUfunction *)user = f;
    return 0;
}

typedef CUresult (*integrity_fn)(unsigned version, unsigned long long seconds, unsigned char answer[16]);

/* Most tables start with their own size in bytes; context storage has none. */
static const uintptr_t *table(const unsigned char *id, const char *name, int sized) {
    const void *t = (const void *)1;
    CUresult r = cuGetExportTable(&t, (const CUuuid *)id);
    printf("table %-16s = %d%s", name, r, t ? "" : " (NULL)");
    if (t && sized) printf(", size word %lu", (unsigned long)((const uintptr_t *)t)[0]);
    printf("\n");
    return t;
}

static unsigned char other_thread_answer[16];
static void *other_thread(void *check) {
    ((integrity_fn)check)(13002, 1795586405ULL, other_thread_answer);
    return NULL;
}

/* The driver entry points cuBLAS and cuBLASLt 13.1 (and cuSPARSELt, which PyTorch loads too) look up by name with
 * dlsym on the libcuda.so.1 they open; one they do not find fails cublasCreate with CUBLAS_STATUS_INTERNAL_ERROR.
 * Recorded by tests/Cuda/probe on driver 580 (see Cuda/README.md). */
static const char *const NAMED[] = {
    "cuCtxDisablePeerAccess", "cuCtxEnablePeerAccess", "cuCtxGetCurrent", "cuCtxGetDevice", "cuCtxGetLimit", "cuCtxPopCurrent",
    "cuCtxPopCurrent_v2", "cuCtxPushCurrent", "cuCtxPushCurrent_v2", "cuCtxSetCurrent", "cuCtxSynchronize", "cuDeviceCanAccessPeer",
    "cuDeviceGet", "cuDeviceGetAttribute", "cuDeviceGetName", "cuDevicePrimaryCtxGetState", "cuDevicePrimaryCtxRelease",
    "cuDevicePrimaryCtxReset", "cuDevicePrimaryCtxRetain", "cuDeviceTotalMem_v2", "cuDriverGetVersion", "cuEventCreate",
    "cuEventDestroy_v2", "cuEventElapsedTime", "cuEventQuery", "cuEventRecord", "cuEventSynchronize", "cuFuncGetAttribute",
    "cuFuncSetAttribute", "cuFuncSetCacheConfig", "cuGetErrorName", "cuGetErrorString", "cuGetExportTable", "cuGetProcAddress_v2",
    "cuGraphDestroy", "cuGraphExecDestroy", "cuGraphExecKernelNodeSetParams", "cuGraphGetNodes", "cuGraphInstantiate",
    "cuGraphKernelNodeGetParams", "cuGraphLaunch", "cuGraphNodeGetType", "cuInit", "cuKernelGetAttribute", "cuKernelGetFunction",
    "cuKernelGetLibrary", "cuKernelSetAttribute", "cuLaunchKernel", "cuLaunchKernelEx", "cuLibraryGetKernel", "cuLibraryLoadData",
    "cuLibraryUnload", "cuLinkAddData_v2", "cuLinkAddFile_v2", "cuLinkComplete", "cuLinkCreate_v2", "cuLinkDestroy", "cuMemAlloc_v2",
    "cuMemFree_v2", "cuMemGetInfo_v2", "cuMemPrefetchAsync", "cuMemcpy", "cuMemcpy2DAsync_v2", "cuMemcpyAsync", "cuMemcpyDtoDAsync_v2",
    "cuMemcpyDtoH_v2", "cuMemcpyHtoD_v2", "cuMemsetD8_v2", "cuModuleGetFunction", "cuModuleGetGlobal_v2", "cuModuleLoadData",
    "cuModuleLoadDataEx", "cuModuleLoadFatBinary", "cuModuleUnload", "cuOccupancyMaxActiveBlocksPerMultiprocessor",
    "cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags", "cuPointerGetAttribute", "cuPointerGetAttributes", "cuStreamBatchMemOp",
    "cuStreamBeginCapture_v2", "cuStreamCreate", "cuStreamDestroy_v2", "cuStreamEndCapture", "cuStreamGetCaptureInfo_v2",
    "cuStreamGetCtx", "cuStreamIsCapturing", "cuStreamSynchronize", "cuStreamWaitEvent", "cuStreamWaitValue32",
    "cuTensorMapEncodeTiled", "cuThreadExchangeStreamCaptureMode",
};

/* Looks every name up in the libcuda.so.1 the process has (the drop-in, when preloaded), as those libraries do. */
static int named_entry_points(void) {
    void *driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD);
    int missing = 0;
    for (size_t i = 0; driver && i < sizeof NAMED / sizeof NAMED[0]; i++)
        if (!dlsym(driver, NAMED[i])) { printf("named entry point missing: %s\n", NAMED[i]); missing++; }
    printf("named entry points: %zu, missing %d\n", sizeof NAMED / sizeof NAMED[0], driver ? missing : -1);
    if (!driver) return 1;
    CUresult (*multicast_create)(unsigned long long *, const void *) = (CUresult (*)(unsigned long long *, const void *))dlsym(driver, "cuMulticastCreate");
    unsigned long long multicast = 0;
    printf("cuMulticastCreate (not remoted) = %d\n", multicast_create(&multicast, NULL));
    CUresult (*capture_info)(CUstream, int *, unsigned long long *, void **, void **, size_t *) =
        (CUresult (*)(CUstream, int *, unsigned long long *, void **, void **, size_t *))dlsym(driver, "cuStreamGetCaptureInfo_v2");
    int status = -1; unsigned long long id = 7; void *graph = (void *)1, *deps = (void *)1; size_t count = 9;
    CUresult r = capture_info(NULL, &status, &id, &graph, &deps, &count);
    printf("cuStreamGetCaptureInfo_v2 = %d, status %d, id %llu, graph %s, dependencies %zu\n", r, status, id, graph ? "set" : "NULL", count);
    return 0;
}

int main(void) {
    cuInit(0);
    table(STARTUP, "start-up", 0);

    const uintptr_t *cudart = table(CUDART_INTERFACE, "runtime", 1);
    CUcontext dark = NULL, retained = NULL;
    CUresult r = ((CUresult (*)(CUcontext *, int))cudart[2])(&dark, 0);
    cuDevicePrimaryCtxRetain(&retained, 0);
    printf("runtime[2] primary context = %d, same as retained: %s\n", r, dark && dark == retained ? "yes" : "no");
    printf("runtime[3] refused = %d\n", ((CUresult (*)(void))cudart[3])());
    printf("runtime[10] NULL as the driver has it: %s\n", cudart[10] ? "no" : "yes");

    const uintptr_t *hooks = table(TOOLS_HOOKS, "tools hooks", 1);
    void *buffer = NULL;
    size_t count = 0, size = 0;
    ((void *(*)(void **, size_t *))hooks[2])(&buffer, &count);
    int all_zero = 1;
    for (size_t i = 0; buffer && i < count; i++) all_zero &= ((unsigned char *)buffer)[i] == 0;
    printf("hooks[2] count %zu, switches all off: %s\n", count, buffer && all_zero ? "yes" : "no");
    ((void *(*)(void **, size_t *))hooks[6])(&buffer, &size);
    printf("hooks[6] size %zu\n", size);

    const uintptr_t *storage = table(CONTEXT_STORAGE, "context storage", 0);
    int key, other_key;
    void *value = (void *)1;
    CUresult (*put)(CUcontext, void *, void *, void *) = (void *)storage[0];
    CUresult (*del)(CUcontext, void *) = (void *)storage[1];
    CUresult (*get)(void **, CUcontext, void *) = (void *)storage[2];
    printf("storage get, no current context = %d\n", get(&value, NULL, &key));
    cuCtxSetCurrent(retained);
    printf("storage get before put = %d\n", get(&value, NULL, &key));
    printf("storage put (current context) = %d\n", put(NULL, &key, (void *)0x5eed, NULL));
    r = get(&value, retained, &key);
    printf("storage get (explicit context) = %d, value %s\n", r, value == (void *)0x5eed ? "as put" : "wrong");
    printf("storage get other key = %d\n", get(&value, NULL, &other_key));
    r = del(NULL, &key);
    printf("storage delete = %d, get after = %d\n", r, get(&value, NULL, &key));

    const uintptr_t *checks = table(CONTEXT_CHECKS, "context checks", 1);
    unsigned flag = 7;
    r = ((CUresult (*)(CUcontext, unsigned *))checks[2])(retained, &flag);
    printf("checks[2] = %d, flag %u\n", r, flag);
    printf("checks[3] = %d\n", ((CUresult (*)(void))checks[3])());

    /* What cuBLASLt does when it creates a handle: the current context, then a value of it from the real table. */
    const uintptr_t *tls = table(TOOLS_TLS, "tools tls", 1);
    CUcontext tls_current = NULL;
    r = ((CUresult (*)(CUcontext *))tls[2])(&tls_current);
    printf("tls[2] = %d, current is the retained context: %s\n", r, tls_current == retained ? "yes" : "no");
    const uintptr_t *lt = table(CUBLASLT_CONTEXT, "cublasLt context", 1);
    int lt_value = 0;
    r = ((CUresult (*)(CUcontext, int *))lt[4])(tls_current, &lt_value);
    printf("cublasLt[4] = %d, value %d\n", r, lt_value);
    printf("cublasLt[5] refused = %d\n", ((CUresult (*)(void))lt[5])());
    const uintptr_t *kernels = table(CUBLASLT_KERNELS, "cublasLt kernels", 1);
    void *first = NULL, *second = NULL;
    r = ((CUresult (*)(void **, void **))kernels[4])(&first, &second);
    printf("cublasLt kernels[4] refused = %d, outputs untouched: %s\n", r, !first && !second ? "yes" : "no");

    const uintptr_t *integrity = table(INTEGRITY_CHECK, "integrity", 1);
    integrity_fn check = (integrity_fn)integrity[1];
    unsigned char a[16], b[16];
    r = check(13000, 1795586405ULL, a);
    printf("integrity 13000 = %d, fixed answer %s\n", r, memcmp(a, "\x5c\x67\xcb\x03\x1c\x18\x41\x33\xe8\xd1\x4c\x1f\xaa\x83\xd3\x8e", 16) == 0 ? "yes" : "no");
    r = check(13001, 1795586405ULL, a);
    printf("integrity 13001 = %d, fixed answer %s\n", r, memcmp(a, "\x5c\x67\xcb\x03\x1c\x18\x41\x18\xe8\xd1\x4c\x1f\xaa\x83\xd3\x8e", 16) == 0 ? "yes" : "no");
    check(13002, 1795586405ULL, a);
    r = check(13002, 1795586405ULL, b);
    printf("integrity 13002 = %d, repeatable %s\n", r, memcmp(a, b, 16) == 0 ? "yes" : "no");
    check(13002, 1795586406ULL, b);
    printf("integrity covers the timestamp: %s\n", memcmp(a, b, 16) != 0 ? "yes" : "no");
    pthread_t thread;
    pthread_create(&thread, NULL, other_thread, (void *)check);
    pthread_join(thread, NULL);
    printf("integrity covers the thread: %s\n", memcmp(a, other_thread_answer, 16) != 0 ? "yes" : "no");

    /* What libcufft does at each plan: load a module, then ask slot 7 for its functions, and launch the one it kept. */
    const uintptr_t *cufft = table(CUFFT, "cufft", 1);
    const char image[] = "cudadouble-module vec_add scale";
    CUmodule module = NULL;
    r = cuModuleLoadData(&module, image);
    CUfunction kept = NULL, scale = NULL;
    uintptr_t answer = ((module_functions_fn)cufft[7])(retained, module, (void *)cufft_callback, &kept, module, NULL);
    cuModuleGetFunction(&scale, module, "scale");
    printf("cufft[7] = %lu, callbacks %d: %s, kept the last: %s\n", (unsigned long)answer, cufft_calls, cufft_names, kept && kept == scale ? "yes" : "no");
    const char *name = NULL;
    r = cuFuncGetName(&name, kept);
    printf("cuFuncGetName = %d, %s; asked again, the same string: %s\n", r, name ? name : "(null)", ({ const char *again = NULL; cuFuncGetName(&again, kept); again == name; }) ? "yes" : "no");
    printf("cuFuncGetName NULL = %d\n", cuFuncGetName(NULL, kept));
    printf("cufft[8] refused = %d\n", ((CUresult (*)(void))cufft[8])());
    cuModuleUnload(module);
    return named_entry_points();
}
