/* CI program for the CUDA drop-in: runs against the CPU test double natively and through libcuda.so.1 (worker
 * pointed at the double) and must print the same. Prints values, never handle or pointer values. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

#define CHECK(call) do { CUresult r_ = (call); printf("%-60.60s = %d\n", #call, r_); } while (0)

static const char image[] = "cudadouble-module: vec_add scale mix";

/* Each thread reports into its own line, printed by main after the join, so the transcript does not depend on
 * how the threads interleave. */
static char reports[2][256];

static void *thread_main(void *arg) {
    int id = (int)(long)arg;
    CUcontext mine, current;
    CUresult created = cuCtxCreate_v2(&mine, 0, 0);
    int stable = 1;
    for (int i = 0; i < 50; i++) {
        cuCtxGetCurrent(&current);
        stable &= current == mine;
    }
    CUdeviceptr d;
    float v[64], back[64];
    for (int i = 0; i < 64; i++) v[i] = (float)(i * (id + 1));
    cuMemAlloc_v2(&d, sizeof v);
    cuMemcpyHtoD_v2(d, v, sizeof v);
    cuMemcpyDtoH_v2(back, d, sizeof back);
    cuMemFree_v2(d);
    CUresult destroyed = cuCtxDestroy_v2(mine);
    snprintf(reports[id], sizeof reports[id], "thread %d: create %d, own current %s, roundtrip %s, destroy %d", id, created,
        stable ? "stable" : "CHANGED", memcmp(v, back, sizeof v) == 0 ? "ok" : "MISMATCH", destroyed);
    return NULL;
}

int main(void) {
    int version = 0, count = 0, value = 0;
    char name[64];
    size_t total = 0;
    CUdevice dev;
    const char *text;

    CHECK(cuDeviceGetCount(&count));
    CHECK(cuInit(0));
    CHECK(cuDriverGetVersion(&version));
    printf("driver version %d\n", version);
    CHECK(cuDeviceGetCount(&count));
    CHECK(cuDeviceGet(&dev, 0));
    CHECK(cuDeviceGet(&dev, 7));
    CHECK(cuDeviceGetName(name, sizeof name, dev));
    printf("device %d of %d: %s\n", dev, count, name);
    CHECK(cuDeviceGetAttribute(&value, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev));
    printf("compute major %d\n", value);
    CHECK(cuDeviceTotalMem_v2(&total, dev));
    printf("total memory %zu\n", total);

    CUcontext primary, current = NULL, popped;
    CHECK(cuCtxGetCurrent(&current));
    printf("current before: %s\n", current ? "set" : "NULL");
    CHECK(cuMemAlloc_v2(&(CUdeviceptr){0}, 16));
    CHECK(cuDevicePrimaryCtxRetain(&primary, dev));
    CHECK(cuCtxSetCurrent(primary));
    CHECK(cuCtxGetCurrent(&current));
    printf("current is primary: %s\n", current == primary ? "yes" : "no");
    CHECK(cuCtxPushCurrent_v2(primary));
    CHECK(cuCtxPopCurrent_v2(&popped));
    printf("popped is primary: %s\n", popped == primary ? "yes" : "no");

    CUmodule module;
    CUfunction vec_add, scale, mix, missing;
    CHECK(cuModuleLoadData(&module, "not an image"));
    CHECK(cuModuleLoadData(&module, image));
    CHECK(cuModuleGetFunction(&vec_add, module, "vec_add"));
    CHECK(cuModuleGetFunction(&scale, module, "scale"));
    CHECK(cuModuleGetFunction(&mix, module, "mix"));
    CHECK(cuModuleGetFunction(&missing, module, "nope"));
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_NUM_REGS, mix));
    printf("mix regs %d\n", value);
    CUdeviceptr counter; size_t counter_bytes;
    CHECK(cuModuleGetGlobal_v2(&counter, &counter_bytes, module, "counter"));
    printf("global bytes %zu\n", counter_bytes);

    enum { N = 1000 };
    static float a[N], b[N], c[N];
    for (int i = 0; i < N; i++) { a[i] = (float)i; b[i] = (float)(2 * i); }
    CUdeviceptr da, db, dc;
    CHECK(cuMemAlloc_v2(&da, sizeof a));
    CHECK(cuMemAlloc_v2(&db, sizeof b));
    CHECK(cuMemAlloc_v2(&dc, sizeof c));
    CHECK(cuMemcpyHtoD_v2(da, a, sizeof a));
    CHECK(cuMemcpyHtoD_v2(db, b, sizeof b));
    int n = N;
    void *args[] = { &da, &db, &dc, &n };
    CHECK(cuLaunchKernel(vec_add, (N + 255) / 256, 1, 1, 256, 1, 1, 0, NULL, args, NULL));
    /* Refused at the call: more threads in a block than any device has. */
    CHECK(cuLaunchKernel(vec_add, 1, 1, 1, 2048, 1, 1, 0, NULL, args, NULL));
    CHECK(cuCtxSynchronize());
    CHECK(cuMemcpyDtoH_v2(c, dc, sizeof c));
    double sum = 0;
    for (int i = 0; i < N; i++) sum += c[i];
    printf("vec_add sum %.1f c[999]=%.1f\n", sum, c[999]);

    /* Parameters by CU_LAUNCH_PARAM_BUFFER_POINTER. */
    struct { CUdeviceptr x; float f; int n; } packed = { dc, 0.5f, N };
    size_t packed_size = sizeof packed;
    void *extra[] = { CU_LAUNCH_PARAM_BUFFER_POINTER, &packed, CU_LAUNCH_PARAM_BUFFER_SIZE, &packed_size, CU_LAUNCH_PARAM_END };
    CHECK(cuLaunchKernel(scale, 4, 1, 1, 256, 1, 1, 0, NULL, NULL, extra));
    CHECK(cuMemcpyDtoH_v2(c, dc, sizeof c));
    printf("scaled c[10]=%.1f\n", c[10]);

    /* Mixed parameter sizes and cuLaunchKernelEx with an attribute. */
    CUdeviceptr dout; long long out = 0; char tag = 7; double weight = 2.5;
    CHECK(cuMemAlloc_v2(&dout, 8));
    void *mix_args[] = { &tag, &weight, &dout };
    CUlaunchAttribute attr; memset(&attr, 0, sizeof attr); attr.id = 2; attr.value.cooperative = 1;
    CUlaunchConfig config = { 1, 1, 1, 1, 1, 1, 0, NULL, &attr, 1 };
    CHECK(cuLaunchKernelEx(&config, mix, mix_args, NULL));
    CHECK(cuMemcpyDtoH_v2(&out, dout, 8));
    printf("mix %lld\n", out);

    /* Libraries: the CUDA runtime passes a CUkernel, cast to CUfunction, to the function and occupancy calls. */
    CUlibrary library; CUkernel kernel; CUfunction kernel_function;
    CHECK(cuLibraryLoadData(&library, image, NULL, NULL, 0, NULL, NULL, 0));
    CHECK(cuLibraryGetKernel(&kernel, library, "mix"));
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_NUM_REGS, (CUfunction)kernel));
    printf("kernel as function: regs %d\n", value);
    CHECK(cuOccupancyMaxActiveBlocksPerMultiprocessor(&value, (CUfunction)kernel, 256, 0));
    printf("kernel as function: occupancy %d\n", value);
    CHECK(cuKernelGetFunction(&kernel_function, kernel));
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, kernel_function));
    printf("kernel's function: max threads %d\n", value);
    /* A settable attribute, asked before and after it is set (the guest keeps answers only until an attribute is set). */
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, kernel_function));
    printf("dynamic shared before: %d\n", value);
    CHECK(cuFuncSetAttribute(kernel_function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, 100 * 1024));
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, kernel_function));
    printf("dynamic shared after: %d\n", value);
    printf("set too large: %d\n", cuFuncSetAttribute(kernel_function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, 1 << 30));
    CHECK(cuFuncGetAttribute(&value, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, kernel_function));
    printf("dynamic shared still: %d\n", value);
    /* More than 48 KiB of dynamic shared memory needs the opt-in: accepted twice (the second may travel async), refused
     * once the opt-in is taken back, which the guest must ask the driver again to know. */
    for (int i = 0; i < 2; i++)
        printf("launch with 64 KiB shared: %d\n", cuLaunchKernel(kernel_function, 1, 1, 1, 1, 1, 1, 64 * 1024, NULL, mix_args, NULL));
    CHECK(cuFuncSetAttribute(kernel_function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, 0));
    printf("launch with 64 KiB shared, opt-in taken back: %d\n", cuLaunchKernel(kernel_function, 1, 1, 1, 1, 1, 1, 64 * 1024, NULL, mix_args, NULL));
    CHECK(cuCtxSynchronize());
    tag = 3; out = 0;
    CHECK(cuLaunchKernel((CUfunction)kernel, 1, 1, 1, 1, 1, 1, 0, NULL, mix_args, NULL));
    CHECK(cuMemcpyDtoH_v2(&out, dout, 8));
    printf("kernel launch: mix %lld\n", out);
    CUlibrary owner;
    CHECK(cuKernelGetLibrary(&owner, kernel));
    printf("kernel's library is the loaded one: %s\n", owner == library ? "yes" : "no");

    /* Cluster occupancy: the configuration's attributes (a 2x2x1 cluster) reach the driver. */
    CUlaunchAttribute cluster; memset(&cluster, 0, sizeof cluster); cluster.id = 4;
    unsigned cluster_dims[3] = { 2, 2, 1 }; memcpy(cluster.value.bytes, cluster_dims, sizeof cluster_dims);
    CUlaunchConfig cluster_config = { 8, 1, 1, 128, 1, 1, 0, NULL, &cluster, 1 };
    CHECK(cuOccupancyMaxActiveClusters(&value, (CUfunction)kernel, &cluster_config));
    printf("clusters of 4: %d\n", value);
    CHECK(cuOccupancyMaxPotentialClusterSize(&value, mix, &cluster_config));
    printf("potential cluster size: %d\n", value);

    /* A tensor map: plain values in, 128 bytes out. */
    static unsigned long long map[16] __attribute__((aligned(64)));
    unsigned long long dims[2] = { 1024, 512 }, strides[1] = { 4096 };
    unsigned box[2] = { 64, 32 }, element_strides[2] = { 1, 1 };
    CHECK(cuTensorMapEncodeTiled(map, 7, 2, (void *)(uintptr_t)dout, dims, strides, box, element_strides, 0, 3, 2, 0));
    printf("tensor map: rank %llu dims %llu,%llu box %llu stride %llu address %s\n", (map[1] >> 8) & 0xff, map[2], map[3], map[7] >> 32, map[12], map[0] == dout ? "as given" : "wrong");

    /* Stream memory operations and the thread's capture mode. */
    CHECK(cuStreamWriteValue32_v2(NULL, dout, 41, 0));
    CHECK(cuStreamWaitValue32_v2(NULL, dout, 40, 0));
    CHECK(cuCtxSynchronize());
    unsigned word = 0;
    CHECK(cuMemcpyDtoH_v2(&word, dout, 4));
    printf("stream word %u\n", word);
    int mode = 2;
    CHECK(cuThreadExchangeStreamCaptureMode(&mode));
    printf("capture mode before %d\n", mode);
    CHECK(cuThreadExchangeStreamCaptureMode(&mode));
    printf("capture mode set %d\n", mode);
    CHECK(cuCtxGetDevice_v2(&value, primary));
    printf("device of the primary context %d\n", value);
    CHECK(cuLibraryUnload(library));

    /* Streams, events, async copies and memsets: results are in host memory once the stream is synchronized. */
    CUstream stream; CUevent start, stop;
    CHECK(cuStreamCreate(&stream, 0));
    CHECK(cuEventCreate(&start, 0));
    CHECK(cuEventCreate(&stop, 0));
    CHECK(cuEventRecord(start, stream));
    static unsigned int fill[N], got[N], got2[N];
    CHECK(cuMemsetD32Async(da, 0xABCD, N, stream));
    CHECK(cuMemcpyDtoHAsync_v2(got, da, sizeof got, stream));
    for (int i = 0; i < N; i++) fill[i] = (unsigned)i * 3u;
    CHECK(cuMemcpyHtoDAsync_v2(db, fill, sizeof fill, stream));
    CHECK(cuMemcpyDtoHAsync_v2(got2, db, sizeof got2, stream));
    CHECK(cuEventRecord(stop, stream));
    CHECK(cuStreamSynchronize(stream));
    printf("async memset got[0]=%x got[999]=%x, async copy got2[999]=%u\n", got[0], got[999], got2[999]);
    CHECK(cuEventSynchronize(stop));
    float ms = 0;
    CHECK(cuEventElapsedTime(&ms, start, stop));
    printf("elapsed %.1f\n", ms);
    CHECK(cuStreamQuery(stream));

    /* 2D: device to device through the descriptor, host to device row by row. */
    CUDA_MEMCPY2D copy; memset(&copy, 0, sizeof copy);
    copy.srcMemoryType = CU_MEMORYTYPE_DEVICE; copy.srcDevice = db; copy.srcPitch = 40;
    copy.dstMemoryType = CU_MEMORYTYPE_DEVICE; copy.dstDevice = dc; copy.dstPitch = 80;
    copy.WidthInBytes = 20; copy.Height = 10;
    CHECK(cuMemcpy2D_v2(&copy));
    unsigned int rows[200];
    CHECK(cuMemcpyDtoH_v2(rows, dc, sizeof rows));
    printf("2D d2d rows[20]=%u rows[24]=%u\n", rows[20], rows[24]);
    static unsigned int host2d[10][12];
    for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) host2d[y][x] = (unsigned)(100 * y + x);
    memset(&copy, 0, sizeof copy);
    copy.srcMemoryType = CU_MEMORYTYPE_HOST; copy.srcHost = host2d; copy.srcPitch = sizeof host2d[0]; copy.srcXInBytes = 8;
    copy.dstMemoryType = CU_MEMORYTYPE_DEVICE; copy.dstDevice = da; copy.dstPitch = 16;
    copy.WidthInBytes = 16; copy.Height = 10;
    CHECK(cuMemcpy2D_v2(&copy));
    CHECK(cuMemcpyDtoH_v2(rows, da, 160));
    printf("2D h2d rows[0]=%u rows[5]=%u rows[39]=%u\n", rows[0], rows[5], rows[39]);

    /* Errors. */
    CHECK(cuMemFree_v2(12345));
    CHECK(cuGetErrorName(CUDA_ERROR_INVALID_CONTEXT, &text));
    printf("name %s\n", text);
    CHECK(cuGetErrorString(CUDA_ERROR_NOT_FOUND, &text));
    printf("string %s\n", text);
    void *pfn = (void *)1; int status = -1;
    CHECK(cuGetProcAddress_v2("cuMemAlloc", &pfn, 13000, CU_GET_PROC_ADDRESS_DEFAULT, &status));
    printf("proc cuMemAlloc: %s status %d\n", pfn ? "found" : "NULL", status);
    if (pfn) {
        CUdeviceptr via; 
        CHECK(((CUresult (*)(CUdeviceptr *, size_t))pfn)(&via, 64));
        CHECK(cuMemFree_v2(via));
    }
    pfn = (void *)1;
    CHECK(cuGetProcAddress_v2("cuNoSuchFunction", &pfn, 13000, CU_GET_PROC_ADDRESS_DEFAULT, &status));
    printf("proc cuNoSuchFunction: %s status %d\n", pfn ? "found" : "NULL", status);

    /* Two host threads, each with its own context. */
    pthread_t threads[2];
    for (long i = 0; i < 2; i++) pthread_create(&threads[i], NULL, thread_main, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < 2; i++) printf("%s\n", reports[i]);
    CHECK(cuCtxGetCurrent(&current));
    printf("main current still primary: %s\n", current == primary ? "yes" : "no");

    CHECK(cuEventDestroy_v2(start));
    CHECK(cuEventDestroy_v2(stop));
    CHECK(cuStreamDestroy_v2(stream));
    CHECK(cuMemFree_v2(da));
    CHECK(cuMemFree_v2(db));
    CHECK(cuMemFree_v2(dc));
    CHECK(cuMemFree_v2(dout));
    CHECK(cuModuleUnload(module));
    CHECK(cuDevicePrimaryCtxRelease_v2(dev));
    printf("done\n");
    return 0;
}
