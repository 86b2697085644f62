/* TEST DOUBLE of the CUDA driver API (libcudadouble.so): a CPU stand-in used only to test remoting (marshaling,
 * handles, per-thread contexts, async copies) where there is no GPU. It is not CUDA: "device memory" is malloc'd
 * blocks behind fake device addresses, a "module" is a text image naming a few built-in C kernels, every stream
 * runs its work at once. */
#include <dlfcn.h>
#include <stdio.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cuda_double.h"

#define FAKE_BASE 0x700000000000ULL
#define MAX_BLOCKS 1024

struct CUctx_st { int device; int primary; };
struct CUstream_st { int flags; };
struct CUevent_st { int recorded; long long stamp; };

typedef struct { unsigned gx, gy, gz, bx, by, bz; } dims;
typedef void (*kernel_fn)(const dims *d, unsigned idx, void **params);
typedef struct { const char *name; int count; size_t offsets[4], sizes[4]; kernel_fn run; } kernel_desc;
struct CUfunc_st { const kernel_desc *desc; int max_dynamic_shared; };
struct CUmod_st { struct CUfunc_st functions[3]; CUdeviceptr global; };
/* A kernel has a function's layout: as with the real driver, a CUkernel cast to CUfunction is accepted wherever a
 * CUfunction is (the double's kernel is its own function in every context). */
struct CUkern_st { const kernel_desc *desc; int max_dynamic_shared; };
struct CUlib_st { struct CUkern_st kernels[3]; };

static struct { CUdeviceptr addr; size_t size; char *host; } blocks[MAX_BLOCKS];
static CUdeviceptr next_addr = FAKE_BASE;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized;
static struct CUctx_st primary = { 0, 1 };
static long long clock_ticks;
static __thread CUcontext stack[16];
static __thread int depth;
/* The primary context's retains and flags; a reset destroys it (its generation moves on), wherever it is current: an
 * entry of a thread's stack that names it from an earlier generation names no context. */
static int primary_refs;
static unsigned primary_flags, primary_generation = 1;
static __thread unsigned stack_generation[16];
static CUcontext entry(int i) { return stack[i] == &primary && stack_generation[i] != primary_generation ? NULL : stack[i]; }
static void put(int i, CUcontext c) { stack[i] = c; stack_generation[i] = primary_generation; }

static char *host_of(CUdeviceptr p, size_t n) {
    char *found = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++)
        if (blocks[i].host && p >= blocks[i].addr && n <= blocks[i].size && p - blocks[i].addr <= blocks[i].size - n) { found = blocks[i].host + (p - blocks[i].addr); break; }
    pthread_mutex_unlock(&lock);
    return found;
}

/* Host memory registered mapped (CU_MEMHOSTREGISTER_DEVICEMAP) that kernels may reach at its own address. */
#define MAX_REGISTERED 64
static struct { char *p; size_t n; unsigned flags; } registered[MAX_REGISTERED];
static char *mapped_host(CUdeviceptr p, size_t n) {
    char *found = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_REGISTERED; i++)
        if (registered[i].p && (registered[i].flags & 2) && p >= (uintptr_t)registered[i].p && n <= registered[i].n && p - (uintptr_t)registered[i].p <= registered[i].n - n) { found = (char *)(uintptr_t)p; break; }
    pthread_mutex_unlock(&lock);
    return found;
}
/* What a kernel's pointer argument reaches: device memory, or mapped host memory. */
static char *device_view(CUdeviceptr p, size_t n) { char *h = host_of(p, n); return h ? h : mapped_host(p, n); }

/* Kernels: each runs once per thread index of the launch. */
static void k_vec_add(const dims *d, unsigned i, void **p) {
    int n = *(int *)p[3];
    if ((int)i >= n) return;
    float *a = (float *)device_view(*(CUdeviceptr *)p[0], (i + 1) * 4), *b = (float *)device_view(*(CUdeviceptr *)p[1], (i + 1) * 4);
    float *c = (float *)device_view(*(CUdeviceptr *)p[2], (i + 1) * 4);
    if (a && b && c) c[i] = a[i] + b[i];
}
static void k_scale(const dims *d, unsigned i, void **p) {
    int n = *(int *)p[2];
    if ((int)i >= n) return;
    float *x = (float *)device_view(*(CUdeviceptr *)p[0], (i + 1) * 4);
    if (x) x[i] *= *(float *)p[1];
}
static void k_mix(const dims *d, unsigned i, void **p) {
    /* mix(char tag, double weight, long long *out): checks that unaligned-looking layouts arrive at their offsets. */
    if (i != 0) return;
    long long *out = (long long *)device_view(*(CUdeviceptr *)p[2], 8);
    if (out) *out = (long long)(*(char *)p[0]) * 1000 + (long long)(*(double *)p[1] * 10);
}
static const kernel_desc kernels[] = {
    { "vec_add", 4, { 0, 8, 16, 24 }, { 8, 8, 8, 4 }, k_vec_add },
    { "scale", 3, { 0, 8, 12 }, { 8, 4, 4 }, k_scale },
    { "mix", 3, { 0, 8, 16 }, { 1, 8, 8 }, k_mix },
};

/* As the real driver, a NULL where a function writes its answer is CUDA_ERROR_INVALID_VALUE, never a crash: the worker
 * passes a guest's NULL output on as it is (tests/Fuzz feeds it every such call). */
#define NEED_INIT() do { if (!initialized) return CUDA_ERROR_NOT_INITIALIZED; } while (0)
#define NEED_CTX() do { NEED_INIT(); if (depth == 0 || !entry(depth - 1)) return CUDA_ERROR_INVALID_CONTEXT; } while (0)

CUresult cuInit(unsigned int Flags) { if (Flags) return CUDA_ERROR_INVALID_VALUE; initialized = 1; return CUDA_SUCCESS; }
CUresult cuDriverGetVersion(int *v) { if (!v) return CUDA_ERROR_INVALID_VALUE; *v = 13000; return CUDA_SUCCESS; }
CUresult cuGetErrorName(CUresult e, const char **s) {
    if (!s) return CUDA_ERROR_INVALID_VALUE;
    switch (e) {
    case 0: *s = "CUDA_SUCCESS"; return 0;
    case 1: *s = "CUDA_ERROR_INVALID_VALUE"; return 0;
    case 201: *s = "CUDA_ERROR_INVALID_CONTEXT"; return 0;
    case 500: *s = "CUDA_ERROR_NOT_FOUND"; return 0;
    default: *s = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}
CUresult cuGetErrorString(CUresult e, const char **s) {
    if (!s) return CUDA_ERROR_INVALID_VALUE;
    switch (e) {
    case 0: *s = "no error"; return 0;
    case 1: *s = "invalid argument"; return 0;
    case 201: *s = "invalid device context"; return 0;
    case 500: *s = "named symbol not found"; return 0;
    default: *s = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}
CUresult cuGetProcAddress_v2(const char *symbol, void **pfn, int v, unsigned long long flags, int *status) {
    char name[256];
    if (!symbol || !pfn) return CUDA_ERROR_INVALID_VALUE;
    snprintf(name, sizeof name, "%s_v2", symbol);
    *pfn = dlsym(RTLD_DEFAULT, name);
    if (!*pfn) *pfn = dlsym(RTLD_DEFAULT, symbol);
    if (status) *status = *pfn ? 0 : 1;
    /* As the real driver (seen with driver 580): an unknown name succeeds and says so through status. */
    return *pfn || status ? CUDA_SUCCESS : CUDA_ERROR_NOT_FOUND;
}
CUresult cuDeviceGet(CUdevice *d, int ordinal) { NEED_INIT(); if (!d) return CUDA_ERROR_INVALID_VALUE; if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE; *d = 0; return 0; }
CUresult cuDeviceGetCount(int *c) { NEED_INIT(); if (!c) return CUDA_ERROR_INVALID_VALUE; *c = 1; return 0; }
CUresult cuDeviceGetName(char *name, int len, CUdevice dev) {
    NEED_INIT(); if (dev != 0) return CUDA_ERROR_INVALID_DEVICE; if (!name || len <= 0) return CUDA_ERROR_INVALID_VALUE;
    strncpy(name, "CUDA test double (CPU)", (size_t)len); name[len - 1] = 0; return 0;
}
CUresult cuDeviceGetAttribute(int *pi, int attrib, CUdevice dev) {
    NEED_INIT(); if (dev != 0) return CUDA_ERROR_INVALID_DEVICE; if (!pi) return CUDA_ERROR_INVALID_VALUE;
    switch (attrib) {
    case CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK: *pi = 1024; return 0;
    case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *pi = 2; return 0;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *pi = 8; return 0;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *pi = 6; return 0;
    case CU_DEVICE_ATTRIBUTE_PCI_BUS_ID: *pi = 0x41; return 0;
    case CU_DEVICE_ATTRIBUTE_PCI_DEVICE_ID: case CU_DEVICE_ATTRIBUTE_PCI_DOMAIN_ID: *pi = 0; return 0;
    default: return CUDA_ERROR_INVALID_VALUE;
    }
}
CUresult cuDeviceGetUuid_v2(CUuuid *uuid, CUdevice dev) {
    NEED_INIT(); if (dev != 0) return CUDA_ERROR_INVALID_DEVICE; if (!uuid) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0; i < 16; i++) uuid->bytes[i] = (char)(0xA0 + i);
    return 0;
}
/* cuGetExportTable: only the slots the drop-in's worker forwards to: slot 2 of the runtime interface table
 * (CUDART_INTERFACE: the device's primary context, not retained) and slot 4 of the table cuBLASLt asks for (a value
 * of a context: here its device ordinal plus 1). */
static CUresult cudart_primary_context(CUcontext *pctx, CUdevice dev) { NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE; if (!pctx) return CUDA_ERROR_INVALID_VALUE; *pctx = &primary; return 0; }
static const void *cudart_interface[13] = { (const void *)(13 * sizeof(void *)), NULL, (const void *)cudart_primary_context };
static const unsigned char cudart_interface_id[16] = { 0x6B, 0xD5, 0xFB, 0x6C, 0x5B, 0xF4, 0xE7, 0x4A, 0x89, 0x87, 0xD9, 0x39, 0x12, 0xFD, 0x9D, 0xF9 };
static CUresult cublaslt_context_value(CUcontext ctx, int *value) { NEED_INIT(); if (!ctx || !value) return CUDA_ERROR_INVALID_VALUE; *value = ctx->device + 1; return 0; }
static const void *cublaslt_table[93] = { (const void *)(93 * sizeof(void *)), NULL, NULL, NULL, (const void *)cublaslt_context_value };
static const unsigned char cublaslt_table_id[16] = { 0x21, 0x31, 0x8C, 0x60, 0x97, 0x14, 0x32, 0x48, 0x8C, 0xA6, 0x41, 0xFF, 0x73, 0x24, 0xC8, 0xF2 };
CUresult cuGetExportTable(const void **ppExportTable, const CUuuid *pExportTableId) {
    if (!ppExportTable || !pExportTableId) return CUDA_ERROR_INVALID_VALUE;
    if (memcmp(pExportTableId->bytes, cudart_interface_id, 16) == 0) { *ppExportTable = cudart_interface; return 0; }
    if (memcmp(pExportTableId->bytes, cublaslt_table_id, 16) == 0) { *ppExportTable = cublaslt_table; return 0; }
    *ppExportTable = NULL;
    return CUDA_ERROR_NOT_SUPPORTED;
}
CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev) { NEED_INIT(); if (!bytes) return CUDA_ERROR_INVALID_VALUE; *bytes = (size_t)1 << 30; return 0; }
CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev) {
    NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE; if (!pctx) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&lock); primary_refs++; pthread_mutex_unlock(&lock);
    *pctx = &primary; return 0;
}
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) {
    NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE;
    pthread_mutex_lock(&lock); if (primary_refs > 0) primary_refs--; pthread_mutex_unlock(&lock);
    return 0;
}
CUresult cuDevicePrimaryCtxReset_v2(CUdevice dev) {
    NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE;
    pthread_mutex_lock(&lock); primary_refs = 0; primary_flags = 0; primary_generation++; pthread_mutex_unlock(&lock);
    return 0;
}
CUresult cuDevicePrimaryCtxSetFlags_v2(CUdevice dev, unsigned int flags) { NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE; primary_flags = flags; return 0; }
CUresult cuDevicePrimaryCtxGetState(CUdevice dev, unsigned int *flags, int *active) {
    NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE; if (!flags || !active) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&lock); *flags = primary_flags; *active = primary_refs > 0; pthread_mutex_unlock(&lock);
    return 0;
}
CUresult cuCtxCreate_v2(CUcontext *pctx, unsigned int flags, CUdevice dev) {
    NEED_INIT(); if (dev) return CUDA_ERROR_INVALID_DEVICE; if (!pctx) return CUDA_ERROR_INVALID_VALUE;
    CUcontext c = calloc(1, sizeof *c);
    put(depth < 16 ? depth++ : depth - 1, c);
    *pctx = c; return 0;
}
CUresult cuCtxDestroy_v2(CUcontext ctx) {
    NEED_INIT(); if (!ctx || ctx->primary) return CUDA_ERROR_INVALID_CONTEXT;
    for (int i = 0; i < depth; i++) if (stack[i] == ctx) stack[i] = NULL;
    free(ctx); return 0;
}
CUresult cuCtxSetCurrent(CUcontext ctx) { NEED_INIT(); if (depth == 0) depth = 1; put(depth - 1, ctx); return 0; }
CUresult cuCtxGetCurrent(CUcontext *pctx) { NEED_INIT(); if (!pctx) return CUDA_ERROR_INVALID_VALUE; *pctx = depth ? entry(depth - 1) : NULL; return 0; }
CUresult cuCtxPushCurrent_v2(CUcontext ctx) { NEED_INIT(); if (!ctx || depth == 16) return CUDA_ERROR_INVALID_VALUE; put(depth++, ctx); return 0; }
CUresult cuCtxPopCurrent_v2(CUcontext *pctx) { NEED_CTX(); CUcontext c = entry(--depth); if (pctx) *pctx = c; return 0; }
CUresult cuCtxGetDevice(CUdevice *d) { NEED_CTX(); if (!d) return CUDA_ERROR_INVALID_VALUE; *d = entry(depth - 1)->device; return 0; }
CUresult cuCtxGetDevice_v2(CUdevice *d, CUcontext ctx) { if (!ctx) return cuCtxGetDevice(d); NEED_INIT(); if (!d) return CUDA_ERROR_INVALID_VALUE; *d = ctx->device; return 0; }
CUresult cuCtxSynchronize(void) { NEED_CTX(); return 0; }

CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t n) {
    NEED_CTX(); if (!dptr || n == 0) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++)
        if (!blocks[i].host) {
            blocks[i].host = calloc(1, n); blocks[i].size = n; blocks[i].addr = next_addr;
            next_addr += (n + 0xFFFF) & ~0xFFFFULL;
            *dptr = blocks[i].addr;
            pthread_mutex_unlock(&lock); return 0;
        }
    pthread_mutex_unlock(&lock); return CUDA_ERROR_OUT_OF_MEMORY;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
    NEED_CTX();
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++)
        if (blocks[i].host && blocks[i].addr == p) { free(blocks[i].host); blocks[i].host = NULL; pthread_mutex_unlock(&lock); return 0; }
    pthread_mutex_unlock(&lock); return CUDA_ERROR_INVALID_VALUE;
}
CUresult cuMemGetInfo_v2(size_t *f, size_t *t) { NEED_CTX(); if (!f || !t) return CUDA_ERROR_INVALID_VALUE; *f = (size_t)1 << 29; *t = (size_t)1 << 30; return 0; }
CUresult cuMemGetAddressRange_v2(CUdeviceptr *pbase, size_t *psize, CUdeviceptr p) {
    NEED_CTX();
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++)
        if (blocks[i].host && p >= blocks[i].addr && p < blocks[i].addr + blocks[i].size) {
            if (pbase) *pbase = blocks[i].addr;
            if (psize) *psize = blocks[i].size;
            pthread_mutex_unlock(&lock); return 0;
        }
    pthread_mutex_unlock(&lock); return CUDA_ERROR_NOT_FOUND;
}

/* What the tests look at but a transcript cannot show: with CUDADOUBLE_COPY_LOG set, each host<->device copy and each
 * host-memory registration appends a line there (the worker's calls, when remoted). */
static void copy_log(const char *what, size_t n) {
    static FILE *log;
    static int opened;
    pthread_mutex_lock(&lock);
    if (!opened) { const char *path = getenv("CUDADOUBLE_COPY_LOG"); log = path ? fopen(path, "a") : NULL; opened = 1; }
    if (log) { fprintf(log, "%s %zu\n", what, n); fflush(log); }
    pthread_mutex_unlock(&lock);
}

/* Fault injection: with CUDADOUBLE_FAULT_AT=N, a host<->device copy that reaches byte N of an allocation fails with
 * CUDA_ERROR_ILLEGAL_ADDRESS and moves nothing, as a device fault would: a copy can then fail part way. */
static int faults(CUdeviceptr p, size_t n) {
    const char *at = getenv("CUDADOUBLE_FAULT_AT");
    CUdeviceptr base; size_t size;
    if (!at || cuMemGetAddressRange_v2(&base, &size, p) != 0) return 0;
    size_t fault = strtoull(at, NULL, 0);
    return fault < size && p + n > base + fault;
}

CUresult cuMemHostRegister_v2(void *p, size_t n, unsigned int flags) {
    NEED_CTX(); if (!p || !n) return CUDA_ERROR_INVALID_VALUE;
    int free_slot = -1;
    for (int i = 0; i < MAX_REGISTERED; i++) {
        if (registered[i].p && (char *)p < registered[i].p + registered[i].n && registered[i].p < (char *)p + n) return CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED;
        if (!registered[i].p && free_slot < 0) free_slot = i;
    }
    if (free_slot < 0) return CUDA_ERROR_OUT_OF_MEMORY;
    pthread_mutex_lock(&lock);
    registered[free_slot].p = p; registered[free_slot].n = n; registered[free_slot].flags = flags;
    pthread_mutex_unlock(&lock);
    copy_log("register", n);
    return 0;
}
CUresult cuMemHostUnregister(void *p) {
    NEED_CTX();
    for (int i = 0; i < MAX_REGISTERED; i++)
        if (registered[i].p == p) { copy_log("unregister", registered[i].n); registered[i].p = NULL; return 0; }
    return CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED;
}

/* Page-locked host memory: registered, portable and mapped, as under unified addressing; its device address is its
 * host address. Not logged as a registration (the log shows the worker's own registrations). */
CUresult cuMemHostAlloc(void **pp, size_t n, unsigned int flags) {
    NEED_CTX(); if (!pp || !n) return CUDA_ERROR_INVALID_VALUE;
    void *p = aligned_alloc(4096, (n + 4095) & ~(size_t)4095);
    if (!p) return CUDA_ERROR_OUT_OF_MEMORY;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_REGISTERED; i++)
        if (!registered[i].p) { registered[i].p = p; registered[i].n = n; registered[i].flags = 3; pthread_mutex_unlock(&lock); *pp = p; return 0; }
    pthread_mutex_unlock(&lock);
    free(p); return CUDA_ERROR_OUT_OF_MEMORY;
}
CUresult cuMemAllocHost_v2(void **pp, size_t n) { return cuMemHostAlloc(pp, n, 0); }
CUresult cuMemFreeHost(void *p) {
    NEED_CTX();
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_REGISTERED; i++)
        if (registered[i].p == p) { registered[i].p = NULL; pthread_mutex_unlock(&lock); free(p); return 0; }
    pthread_mutex_unlock(&lock); return CUDA_ERROR_INVALID_VALUE;
}
CUresult cuMemHostGetDevicePointer_v2(CUdeviceptr *pd, void *p, unsigned int flags) {
    NEED_CTX(); if (!pd || flags) return CUDA_ERROR_INVALID_VALUE;
    if (!mapped_host((CUdeviceptr)(uintptr_t)p, 1)) return CUDA_ERROR_INVALID_VALUE;
    *pd = (CUdeviceptr)(uintptr_t)p; return 0;
}

/* A device link: with CUDADOUBLE_COPY_GBPS=R, a host<->device copy of n bytes takes at least n / R seconds, the time
 * beyond the memcpy spent asleep, as a thread waiting for a DMA is; so whether copies overlap with other work (the
 * wire of a remote channel) shows as it would with a real device. */
static void device_link(size_t n, const struct timespec *start) {
    static double gbps = -1;
    if (gbps < 0) { const char *r = getenv("CUDADOUBLE_COPY_GBPS"); gbps = r ? strtod(r, NULL) : 0; }
    if (gbps <= 0) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double left = n / (gbps * 1e9) - ((now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) * 1e-9);
    if (left <= 0) return;
    struct timespec wait = { (time_t)left, (long)((left - (time_t)left) * 1e9) };
    while (nanosleep(&wait, &wait) != 0) { }
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *s, size_t n) {
    NEED_CTX(); char *h = host_of(d, n); if (!h) return CUDA_ERROR_INVALID_VALUE;
    if (faults(d, n)) return CUDA_ERROR_ILLEGAL_ADDRESS;
    struct timespec start; clock_gettime(CLOCK_MONOTONIC, &start);
    copy_log("HtoD", n); memcpy(h, s, n); device_link(n, &start); return 0;
}
CUresult cuMemcpyDtoH_v2(void *d, CUdeviceptr s, size_t n) {
    NEED_CTX(); char *h = host_of(s, n); if (!h) return CUDA_ERROR_INVALID_VALUE;
    if (faults(s, n)) return CUDA_ERROR_ILLEGAL_ADDRESS;
    struct timespec start; clock_gettime(CLOCK_MONOTONIC, &start);
    copy_log("DtoH", n); memcpy(d, h, n); device_link(n, &start); return 0;
}
CUresult cuMemcpyDtoD_v2(CUdeviceptr d, CUdeviceptr s, size_t n) { NEED_CTX(); char *a = host_of(d, n), *b = host_of(s, n); if (!a || !b) return CUDA_ERROR_INVALID_VALUE; memmove(a, b, n); return 0; }
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void *s, size_t n, CUstream st) { return cuMemcpyHtoD_v2(d, s, n); }
CUresult cuMemcpyDtoHAsync_v2(void *d, CUdeviceptr s, size_t n, CUstream st) { return cuMemcpyDtoH_v2(d, s, n); }
/* Unified addressing, as the real driver has it: an address inside an allocation is device memory, any other is the
 * process's host memory. */
static char *unified(CUdeviceptr p, size_t n) { char *h = host_of(p, n); return h ? h : (char *)(uintptr_t)p; }
CUresult cuMemcpy(CUdeviceptr d, CUdeviceptr s, size_t n) {
    NEED_CTX(); if (!d || !s) return CUDA_ERROR_INVALID_VALUE;
    char *dst = unified(d, n), *src = unified(s, n);
    copy_log(host_of(s, n) ? host_of(d, n) ? "unified DtoD" : "unified DtoH" : host_of(d, n) ? "unified HtoD" : "unified HtoH", n);
    memmove(dst, src, n); return 0;
}
CUresult cuMemcpyAsync(CUdeviceptr d, CUdeviceptr s, size_t n, CUstream st) { return cuMemcpy(d, s, n); }
CUresult cuMemcpy2D_v2(const CUDA_MEMCPY2D *c) {
    NEED_CTX(); if (!c) return CUDA_ERROR_INVALID_VALUE;
    for (size_t y = 0; y < c->Height; y++) {
        size_t so = c->srcXInBytes + (c->srcY + y) * c->srcPitch, d = c->dstXInBytes + (c->dstY + y) * c->dstPitch;
        char *src = c->srcMemoryType == CU_MEMORYTYPE_HOST ? (char *)c->srcHost + so
            : c->srcMemoryType == CU_MEMORYTYPE_UNIFIED ? unified(c->srcDevice + so, c->WidthInBytes) : host_of(c->srcDevice + so, c->WidthInBytes);
        char *dst = c->dstMemoryType == CU_MEMORYTYPE_HOST ? (char *)c->dstHost + d
            : c->dstMemoryType == CU_MEMORYTYPE_UNIFIED ? unified(c->dstDevice + d, c->WidthInBytes) : host_of(c->dstDevice + d, c->WidthInBytes);
        if (!src || !dst) return CUDA_ERROR_INVALID_VALUE;
        memmove(dst, src, c->WidthInBytes);
    }
    return 0;
}
CUresult cuMemsetD8_v2(CUdeviceptr d, unsigned char v, size_t n) { NEED_CTX(); char *h = host_of(d, n); if (!h) return CUDA_ERROR_INVALID_VALUE; memset(h, v, n); return 0; }
CUresult cuMemsetD32_v2(CUdeviceptr d, unsigned int v, size_t n) {
    NEED_CTX(); unsigned int *h = (unsigned int *)host_of(d, n * 4); if (!h) return CUDA_ERROR_INVALID_VALUE;
    for (size_t i = 0; i < n; i++) h[i] = v;
    return 0;
}
CUresult cuMemsetD32Async(CUdeviceptr d, unsigned int v, size_t n, CUstream s) { return cuMemsetD32_v2(d, v, n); }

/* A module image is text: "cudadouble-module" followed by the names of built-in kernels it contains. */
CUresult cuModuleLoadData(CUmodule *module, const void *image) {
    NEED_CTX(); if (!module || !image || strncmp(image, "cudadouble-module", 17) != 0) return CUDA_ERROR_INVALID_IMAGE;
    CUmodule m = calloc(1, sizeof *m);
    for (int i = 0; i < 3; i++) if (strstr(image, kernels[i].name)) m->functions[i].desc = &kernels[i];
    if (cuMemAlloc_v2(&m->global, 16) != 0) { free(m); return CUDA_ERROR_OUT_OF_MEMORY; }
    *module = m; return 0;
}
CUresult cuModuleUnload(CUmodule m) { NEED_CTX(); if (!m) return CUDA_ERROR_INVALID_HANDLE; cuMemFree_v2(m->global); free(m); return 0; }
CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name) {
    NEED_CTX(); if (!m || !f || !name) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0; i < 3; i++) if (m->functions[i].desc && strcmp(m->functions[i].desc->name, name) == 0) { *f = &m->functions[i]; return 0; }
    return CUDA_ERROR_NOT_FOUND;
}
CUresult cuModuleGetGlobal_v2(CUdeviceptr *d, size_t *bytes, CUmodule m, const char *name) {
    NEED_CTX(); if (!m || !name || strcmp(name, "counter") != 0) return CUDA_ERROR_NOT_FOUND;
    if (d) *d = m->global;
    if (bytes) *bytes = 16;
    return 0;
}
/* A module's functions in the order of the built-in kernels; fewer entries than functions is refused, as by the driver. */
CUresult cuModuleGetFunctionCount(unsigned int *count, CUmodule m) {
    NEED_CTX(); if (!count || !m) return CUDA_ERROR_INVALID_VALUE;
    unsigned int n = 0;
    for (int i = 0; i < 3; i++) n += m->functions[i].desc != NULL;
    *count = n; return 0;
}
CUresult cuModuleEnumerateFunctions(CUfunction *fs, unsigned int num, CUmodule m) {
    unsigned int n = 0;
    CUresult r = cuModuleGetFunctionCount(&n, m);
    if (r != 0) return r;
    if (!fs || num < n) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0, k = 0; i < 3; i++) if (m->functions[i].desc) fs[k++] = &m->functions[i];
    return 0;
}
/* The name a function or kernel has in its image; the string lives as long as the double. */
CUresult cuFuncGetName(const char **name, CUfunction f) {
    if (!name) return CUDA_ERROR_INVALID_VALUE;
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    *name = f->desc->name; return 0;
}
CUresult cuKernelGetName(const char **name, CUkernel k) {
    if (!name) return CUDA_ERROR_INVALID_VALUE;
    if (!k || !k->desc) return CUDA_ERROR_INVALID_HANDLE;
    *name = k->desc->name; return 0;
}
CUresult cuFuncGetParamInfo(CUfunction f, size_t i, size_t *off, size_t *size) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (i >= (size_t)f->desc->count) return CUDA_ERROR_INVALID_VALUE;
    if (off) *off = f->desc->offsets[i];
    if (size) *size = f->desc->sizes[i];
    return 0;
}
CUresult cuFuncGetAttribute(int *pi, int attrib, CUfunction f) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (!pi) return CUDA_ERROR_INVALID_VALUE;
    if (attrib == CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK) { *pi = 1024; return 0; }
    if (attrib == CU_FUNC_ATTRIBUTE_NUM_REGS) { *pi = 16 + f->desc->count; return 0; }
    if (attrib == CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES) { *pi = f->max_dynamic_shared; return 0; }
    return CUDA_ERROR_INVALID_VALUE;
}

/* The one settable attribute of the double: the dynamic shared memory a launch may ask for, up to 227 KiB. */
CUresult cuFuncSetAttribute(CUfunction f, int attrib, int value) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (attrib != CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES || value < 0 || value > 227 * 1024) return CUDA_ERROR_INVALID_VALUE;
    f->max_dynamic_shared = value;
    return 0;
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *n, CUfunction f, int block, size_t shared) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (!n || block <= 0) return CUDA_ERROR_INVALID_VALUE;
    *n = 2048 / block; return 0;
}

/* A library image is a module image; its kernels belong to no context until used. */
CUresult cuLibraryLoadData(CUlibrary *library, const void *code, int *jo, void **jv, unsigned nj, int *lo, void **lv, unsigned nl) {
    NEED_INIT(); if (!library || !code || strncmp(code, "cudadouble-module", 17) != 0) return CUDA_ERROR_INVALID_IMAGE;
    CUlibrary l = calloc(1, sizeof *l);
    for (int i = 0; i < 3; i++) if (strstr(code, kernels[i].name)) l->kernels[i].desc = &kernels[i];
    *library = l; return 0;
}
CUresult cuLibraryUnload(CUlibrary l) { NEED_INIT(); if (!l) return CUDA_ERROR_INVALID_HANDLE; free(l); return 0; }
CUresult cuLibraryGetKernel(CUkernel *k, CUlibrary l, const char *name) {
    NEED_INIT(); if (!k || !l || !name) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0; i < 3; i++) if (l->kernels[i].desc && strcmp(l->kernels[i].desc->name, name) == 0) { *k = &l->kernels[i]; return 0; }
    return CUDA_ERROR_NOT_FOUND;
}
CUresult cuKernelGetLibrary(CUlibrary *l, CUkernel k) {
    NEED_INIT(); if (!l || !k) return CUDA_ERROR_INVALID_VALUE;
    *l = (CUlibrary)(k - (k->desc - kernels)); return 0;
}
CUresult cuKernelGetFunction(CUfunction *f, CUkernel k) { NEED_CTX(); if (!f || !k) return CUDA_ERROR_INVALID_VALUE; *f = (CUfunction)k; return 0; }

/* The cluster dimension attribute (id 4, three unsigned ints) divides the double's 132 "multiprocessors". */
static unsigned cluster_size(const CUlaunchConfig *c) {
    for (unsigned i = 0; i < c->numAttrs; i++)
        if (c->attrs[i].id == 4) { const unsigned *d = (const unsigned *)c->attrs[i].value.bytes; return d[0] * d[1] * d[2]; }
    return 1;
}
CUresult cuOccupancyMaxActiveClusters(int *n, CUfunction f, const CUlaunchConfig *c) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (!n || !c) return CUDA_ERROR_INVALID_VALUE;
    *n = 132 / (int)cluster_size(c); return 0;
}
CUresult cuOccupancyMaxPotentialClusterSize(int *n, CUfunction f, const CUlaunchConfig *c) {
    if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    if (!n || !c) return CUDA_ERROR_INVALID_VALUE;
    *n = c->blockDimX >= 512 ? 8 : 16; return 0;
}

/* A tensor map is a digest of everything it was made from, so a value lost on the way changes it. */
CUresult cuTensorMapEncodeTiled(void *map, int type, unsigned rank, void *address, const unsigned long long *dims,
    const unsigned long long *strides, const unsigned *box, const unsigned *element_strides, int interleave, int swizzle, int l2, int oob) {
    if (!map || rank == 0 || rank > 5 || ((uintptr_t)map & 63) || !dims || !box || !element_strides || (rank > 1 && !strides)) return CUDA_ERROR_INVALID_VALUE;
    unsigned long long *m = map;
    memset(m, 0, 128);
    m[0] = (unsigned long long)(uintptr_t)address;
    m[1] = (unsigned long long)type | (unsigned long long)rank << 8 | (unsigned long long)interleave << 16 | (unsigned long long)swizzle << 24 | (unsigned long long)l2 << 32 | (unsigned long long)oob << 40;
    for (unsigned i = 0; i < rank; i++) {
        m[2 + i] = dims[i];
        m[7 + i] = (unsigned long long)box[i] << 32 | element_strides[i];
        if (i + 1 < rank) m[12 + i] = strides[i];
    }
    return 0;
}

CUresult cuStreamCreate(CUstream *s, unsigned int flags) { NEED_CTX(); if (!s) return CUDA_ERROR_INVALID_VALUE; *s = calloc(1, sizeof **s); (*s)->flags = (int)flags; return 0; }
CUresult cuStreamDestroy_v2(CUstream s) { NEED_CTX(); if (!s) return CUDA_ERROR_INVALID_HANDLE; free(s); return 0; }
CUresult cuStreamSynchronize(CUstream s) { NEED_CTX(); return 0; }
CUresult cuStreamQuery(CUstream s) { NEED_CTX(); return 0; }
CUresult cuStreamIsCapturing(CUstream s, int *status) { NEED_CTX(); if (!status) return CUDA_ERROR_INVALID_VALUE; *status = 0; return 0; }
/* The double never captures: every stream answers as a real driver's stream outside a capture (status NONE, no graph,
 * no dependencies), in each of the three forms of the query. */
CUresult cuStreamGetCaptureInfo_v3(CUstream s, int *status, unsigned long long *id, void **graph, const void **deps, const void **edges, size_t *count) {
    NEED_CTX();
    if (!status) return CUDA_ERROR_INVALID_VALUE;
    *status = 0;
    if (id) *id = 0;
    if (graph) *graph = NULL;
    if (deps) *deps = NULL;
    if (edges) *edges = NULL;
    if (count) *count = 0;
    return 0;
}
CUresult cuStreamGetCaptureInfo_v2(CUstream s, int *status, unsigned long long *id, void **graph, const void **deps, size_t *count) { return cuStreamGetCaptureInfo_v3(s, status, id, graph, deps, NULL, count); }
CUresult cuStreamGetCaptureInfo(CUstream s, int *status, unsigned long long *id) { return cuStreamGetCaptureInfo_v3(s, status, id, NULL, NULL, NULL, NULL); }
static __thread int capture_mode;
CUresult cuThreadExchangeStreamCaptureMode(int *mode) { if (!mode) return CUDA_ERROR_INVALID_VALUE; int old = capture_mode; capture_mode = *mode; *mode = old; return 0; }
/* Stream memory operations run at once, like all the double's stream work; a wait is met when the word compares
 * greater or equal (flags 0, CU_STREAM_WAIT_VALUE_GEQ) and fails otherwise, since nothing else could change it. */
CUresult cuStreamWriteValue32_v2(CUstream s, CUdeviceptr addr, unsigned value, unsigned flags) {
    NEED_CTX(); unsigned *word = (unsigned *)host_of(addr, 4); if (!word) return CUDA_ERROR_INVALID_VALUE; *word = value; return 0;
}
CUresult cuStreamWaitValue32_v2(CUstream s, CUdeviceptr addr, unsigned value, unsigned flags) {
    NEED_CTX(); unsigned *word = (unsigned *)host_of(addr, 4); if (!word) return CUDA_ERROR_INVALID_VALUE;
    return (int)(*word - value) >= 0 ? 0 : CUDA_ERROR_NOT_READY;
}
CUresult cuEventCreate(CUevent *e, unsigned int flags) { NEED_CTX(); if (!e) return CUDA_ERROR_INVALID_VALUE; *e = calloc(1, sizeof **e); return 0; }
CUresult cuEventRecord(CUevent e, CUstream s) { NEED_CTX(); if (!e) return CUDA_ERROR_INVALID_HANDLE; e->recorded = 1; e->stamp = __atomic_add_fetch(&clock_ticks, 1, __ATOMIC_SEQ_CST); return 0; }
CUresult cuEventSynchronize(CUevent e) { NEED_CTX(); return e ? 0 : CUDA_ERROR_INVALID_HANDLE; }
CUresult cuEventElapsedTime(float *ms, CUevent a, CUevent b) {
    NEED_CTX(); if (!a || !b || !a->recorded || !b->recorded) return CUDA_ERROR_INVALID_HANDLE;
    if (!ms) return CUDA_ERROR_INVALID_VALUE;
    *ms = (float)(b->stamp - a->stamp) * 0.5f; return 0;
}
CUresult cuEventDestroy_v2(CUevent e) { NEED_CTX(); if (!e) return CUDA_ERROR_INVALID_HANDLE; free(e); return 0; }

static CUresult run(CUfunction f, dims d, void **params, void **extra) {
    NEED_CTX(); if (!f || !f->desc) return CUDA_ERROR_INVALID_HANDLE;
    /* The shape limits every device has: the real driver refuses a launch outside them at the call. */
    if (!d.bx || !d.by || !d.bz || d.bx > 1024 || d.by > 1024 || d.bz > 64 || d.bx * d.by * d.bz > 1024 || !d.gx || !d.gy || !d.gz || d.gy > 65535 || d.gz > 65535)
        return CUDA_ERROR_INVALID_VALUE;
    void *unpacked[4];
    if (!params && extra) {
        char *buffer = NULL;
        for (int i = 0; extra[i] != CU_LAUNCH_PARAM_END; i += 2) if (extra[i] == CU_LAUNCH_PARAM_BUFFER_POINTER) buffer = extra[i + 1];
        if (!buffer) return CUDA_ERROR_INVALID_VALUE;
        for (int i = 0; i < f->desc->count; i++) unpacked[i] = buffer + f->desc->offsets[i];
        params = unpacked;
    }
    if (!params) return CUDA_ERROR_INVALID_VALUE;
    unsigned total = d.gx * d.gy * d.gz * d.bx * d.by * d.bz;
    for (unsigned i = 0; i < total; i++) f->desc->run(&d, i, params);
    return 0;
}
CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
    unsigned shared, CUstream s, void **params, void **extra) {
    dims d = { gx, gy, gz, bx, by, bz };
    if (f && shared > 48 * 1024 && (int)shared > f->max_dynamic_shared) return CUDA_ERROR_INVALID_VALUE;
    return run(f, d, params, extra);
}
CUresult cuLaunchKernelEx(const CUlaunchConfig *c, CUfunction f, void **params, void **extra) {
    if (!c) return CUDA_ERROR_INVALID_VALUE;
    dims d = { c->gridDimX, c->gridDimY, c->gridDimZ, c->blockDimX, c->blockDimY, c->blockDimZ };
    for (unsigned i = 0; i < c->numAttrs; i++) if (c->attrs[i].id != 2 || c->attrs[i].value.cooperative != 1) return CUDA_ERROR_INVALID_VALUE;
    if (f && c->sharedMemBytes > 48 * 1024 && (int)c->sharedMemBytes > f->max_dynamic_shared) return CUDA_ERROR_INVALID_VALUE;
    return run(f, d, params, extra);
}
