/* Unified addressing on the GPU: cuMemcpy and cuMemcpyAsync between pageable host memory, pinned host memory
 * (cuMemAllocHost), device memory (cuMemAlloc, cuMemAllocPitch, cuMemAllocAsync) and the stack, and 2D copies with
 * CU_MEMORYTYPE_UNIFIED sides, as the CUDA runtime issues them for cudaMemcpyDefault. Prints results only. */
#include "common.h"
#include <stdint.h>
#include <string.h>

#define U(p) ((CUdeviceptr)(uintptr_t)(p))

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

int main(void)
{
    size_t n = 32u << 20;
    unsigned char *host = (unsigned char *)malloc(n), *back = (unsigned char *)malloc(n), *pinned;
    unsigned char stack[300];
    for (size_t i = 0; i < n; i++) host[i] = (unsigned char)(i * 29 + (i >> 11));
    for (int i = 0; i < 300; i++) stack[i] = (unsigned char)(i ^ 0x5a);
    CHECK(cuInit(0));
    CUdevice dev;
    CHECK(cuDeviceGet(&dev, 0));
    CUcontext ctx = create_context(dev);
    CUdeviceptr d, d2, pitched, pooled;
    size_t pitch;
    CUstream stream;
    CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
    CHECK(cuMemAlloc(&d, n));
    CHECK(cuMemAlloc(&d2, n));
    CHECK(cuMemAllocHost((void **)&pinned, n));

    CHECK(cuMemcpy(d, U(host), n));
    CHECK(cuMemcpy(d2, d, n));
    memset(back, 0, n);
    CHECK(cuMemcpy(U(back), d2, n));
    printf("pageable -> device -> device -> pageable: %s\n", checksum(back, n) == checksum(host, n) ? "same" : "differs");
    CHECK(cuMemcpy(U(pinned), d, n));
    printf("device -> pinned: %s\n", memcmp(pinned, host, n) == 0 ? "same" : "differs");
    CHECK(cuMemcpy(U(back), U(pinned), 4096));
    printf("pinned -> pageable: %s\n", memcmp(back, host, 4096) == 0 ? "same" : "differs");
    CHECK(cuMemcpy(d + 1000, U(stack), sizeof stack));
    CHECK(cuMemcpy(U(back), d + 900, 600));
    printf("stack at an offset: back[100]=%d back[399]=%d back[400]=%d\n", back[100], back[399], back[400]);

    memset(back, 0, n);
    CHECK(cuMemcpyAsync(d2, U(host + 3), n - 3, stream));
    CHECK(cuMemcpyAsync(U(back), d2, n - 3, stream));
    CHECK(cuStreamSynchronize(stream));
    printf("async on a stream: %s\n", memcmp(back, host + 3, n - 3) == 0 ? "same" : "differs");

    CHECK(cuMemAllocAsync(&pooled, 1 << 20, stream));
    CHECK(cuMemcpyAsync(pooled, U(host), 1 << 20, stream));
    CHECK(cuMemcpyAsync(U(back), pooled, 1 << 20, stream));
    CHECK(cuStreamSynchronize(stream));
    printf("stream-ordered allocation: %s\n", memcmp(back, host, 1 << 20) == 0 ? "same" : "differs");
    CHECK(cuMemFreeAsync(pooled, stream));
    CHECK(cuStreamSynchronize(stream));

    CHECK(cuMemAllocPitch(&pitched, &pitch, 1000, 64, 4));
    CUDA_MEMCPY2D c;
    memset(&c, 0, sizeof c);
    c.srcMemoryType = CU_MEMORYTYPE_UNIFIED; c.srcDevice = U(host); c.srcPitch = 1024; c.srcXInBytes = 16; c.srcY = 1;
    c.dstMemoryType = CU_MEMORYTYPE_UNIFIED; c.dstDevice = pitched; c.dstPitch = pitch;
    c.WidthInBytes = 1000; c.Height = 64;
    CHECK(cuMemcpy2D(&c));
    CUDA_MEMCPY2D b;
    memset(&b, 0, sizeof b);
    b.srcMemoryType = CU_MEMORYTYPE_UNIFIED; b.srcDevice = pitched; b.srcPitch = pitch; b.srcY = 63;
    b.dstMemoryType = CU_MEMORYTYPE_UNIFIED; b.dstDevice = U(back); b.dstPitch = 1000;
    b.WidthInBytes = 1000; b.Height = 1;
    memset(back, 0, n);
    CHECK(cuMemcpy2D(&b));
    printf("2D unified, last pitched row: %s\n", memcmp(back, host + 64 * 1024 + 16, 1000) == 0 ? "same" : "differs");

    CHECK(cuMemFree(pitched));
    CHECK(cuMemFreeHost(pinned));
    CHECK(cuMemFree(d2));
    CHECK(cuMemFree(d));
    CHECK(cuStreamDestroy(stream));
    CHECK(cuCtxDestroy(ctx));
    free(host);
    free(back);
    printf("unified: done\n");
    return 0;
}
