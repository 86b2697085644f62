/* CI program for copies through unified addresses: cuMemcpy, cuMemcpyAsync and CU_MEMORYTYPE_UNIFIED 2D copies take
 * host and device addresses alike, and the library tells them apart. Through libcuda.so.1 the host side is the
 * application's memory and the device side lives in the worker, so the guest must decide each side. Runs against
 * the CPU test double natively and through the drop-in and must print the same. Prints values, never addresses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cuda_double.h"

#define CHECK(call) do { CUresult r_ = (call); printf("%-72.72s = %d\n", #call, r_); } while (0)
#define MIB ((size_t)1 << 20)
#define U(p) ((CUdeviceptr)(uintptr_t)(p))

static uint64_t checksum(const unsigned char *p, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

int main(void) {
    /* 8 MiB: more than a ring record, so the host sides travel in chunks. */
    size_t n = 8 * MIB;
    unsigned char *host = malloc(n), *back = malloc(n), *copy = malloc(n);
    unsigned char stack[256];
    for (size_t i = 0; i < n; i++) host[i] = (unsigned char)(i * 13 + (i >> 10));
    for (int i = 0; i < 256; i++) stack[i] = (unsigned char)(255 - i);
    CUcontext ctx;
    CUdeviceptr d, d2;
    CUstream stream;
    CHECK(cuInit(0));
    CHECK(cuCtxCreate_v2(&ctx, 0, 0));
    CHECK(cuMemAlloc_v2(&d, n));
    CHECK(cuMemAlloc_v2(&d2, n));
    CHECK(cuStreamCreate(&stream, 0));

    CHECK(cuMemcpy(d, U(host), n));
    CHECK(cuMemcpy(d2, d, n));
    memset(back, 0, n);
    CHECK(cuMemcpy(U(back), d2, n));
    printf("host -> device -> device -> host: %s\n", checksum(back, n) == checksum(host, n) ? "same" : "differs");
    CHECK(cuMemcpy(U(copy), U(back), n));
    printf("host -> host: %s\n", memcmp(copy, host, n) == 0 ? "same" : "differs");

    /* Inside an allocation, and from the stack. */
    CHECK(cuMemcpy(d + 4096, U(stack), sizeof stack));
    CHECK(cuMemcpy(U(back), d + 4000, 512));
    printf("at an offset: back[96]=%d back[351]=%d\n", back[96], back[351]);

    /* Stream-ordered: the device-to-host copy lands before the host-to-host one that reads it. */
    memset(back, 0, n);
    memset(copy, 0, n);
    CHECK(cuMemcpyAsync(d2, U(host + 1), n - 1, stream));
    CHECK(cuMemcpyAsync(U(back), d2, n - 1, stream));
    CHECK(cuMemcpyAsync(U(copy), U(back), n - 1, stream));
    CHECK(cuStreamSynchronize(stream));
    printf("async chain: %s\n", memcmp(copy, host + 1, n - 1) == 0 ? "same" : "differs");

    /* 2D: 64 rows of 100 bytes out of a 256-byte pitched host image, unified on both sides. */
    CUDA_MEMCPY2D c = {0};
    c.srcMemoryType = CU_MEMORYTYPE_UNIFIED; c.srcDevice = U(host); c.srcPitch = 256; c.srcXInBytes = 8; c.srcY = 2;
    c.dstMemoryType = CU_MEMORYTYPE_UNIFIED; c.dstDevice = d; c.dstPitch = 128;
    c.WidthInBytes = 100; c.Height = 64;
    CHECK(cuMemcpy2D_v2(&c));
    CUDA_MEMCPY2D b = {0};
    b.srcMemoryType = CU_MEMORYTYPE_UNIFIED; b.srcDevice = d; b.srcPitch = 128;
    b.dstMemoryType = CU_MEMORYTYPE_UNIFIED; b.dstDevice = U(back); b.dstPitch = 100;
    b.WidthInBytes = 100; b.Height = 64;
    memset(back, 0, n);
    CHECK(cuMemcpy2D_v2(&b));
    int rows = 1;
    for (int y = 0; y < 64; y++) rows &= memcmp(back + y * 100, host + (y + 2) * 256 + 8, 100) == 0;
    printf("2D unified rows: %s\n", rows ? "same" : "differ");

    /* A freed range is no longer device memory; a new allocation is. */
    CHECK(cuMemFree_v2(d2));
    CHECK(cuMemAlloc_v2(&d2, 4096));
    CHECK(cuMemcpy(d2, U(stack), sizeof stack));
    memset(back, 0, 256);
    CHECK(cuMemcpy(U(back), d2, sizeof stack));
    printf("new allocation: %s\n", memcmp(back, stack, sizeof stack) == 0 ? "same" : "differs");

    CHECK(cuMemFree_v2(d2));
    CHECK(cuMemFree_v2(d));
    CHECK(cuStreamDestroy_v2(stream));
    CHECK(cuCtxDestroy_v2(ctx));
    free(host); free(back); free(copy);
    return 0;
}
