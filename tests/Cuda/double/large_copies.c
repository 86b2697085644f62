/* CI program for the CUDA drop-in's large host<->device copies: copies larger than a ring record, of sizes that are
 * no multiple of a chunk, at offsets, on a stream, with ranges the driver refuses, and (argument "fault", with
 * CUDADOUBLE_FAULT_AT set) copies that fail part way. Runs against the CPU test double natively and through
 * libcuda.so.1 and must print the same. Prints values, never handle or pointer values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cuda_double.h"

#define CHECK(call) do { CUresult r_ = (call); printf("%-60.60s = %d\n", #call, r_); } while (0)
#define MIB ((size_t)1 << 20)

static uint64_t checksum(const unsigned char *p, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

int main(int argc, char **argv) {
    int fault = argc > 1 && strcmp(argv[1], "fault") == 0;
    size_t total = 64 * MIB;
    unsigned char *host = malloc(total), *back = malloc(total);
    for (size_t i = 0; i < total; i++) host[i] = (unsigned char)(i * 7 + (i >> 12));
    CUcontext ctx;
    CUdeviceptr d, small;
    CUstream stream;
    CHECK(cuInit(0));
    CHECK(cuCtxCreate_v2(&ctx, 0, 0));
    CHECK(cuMemAlloc_v2(&d, total));
    CHECK(cuMemAlloc_v2(&small, 4096));
    CHECK(cuStreamCreate(&stream, 0));

    if (fault) {
        /* The double faults at byte 40 MiB of the allocation: the first chunks would go through, a later one fails. */
        memset(back, 0x5A, total);
        CHECK(cuMemcpyHtoD_v2(d, host, total));
        CHECK(cuMemcpyHtoD_v2(small, host, 4096));
        CHECK(cuMemcpyDtoH_v2(back, d, total));
        CHECK(cuMemcpyDtoH_v2(back, small, 4096));
        printf("after faults: small copy back %s\n", memcmp(back, host, 4096) == 0 ? "ok" : "MISMATCH");
        CHECK(cuMemcpyHtoD_v2(d, host, 8 * MIB + 5));
        memset(back, 0, total);
        CHECK(cuMemcpyDtoH_v2(back, d, 8 * MIB + 5));
        printf("before the fault: 8 MiB + 5 round trip %s\n", memcmp(back, host, 8 * MIB + 5) == 0 ? "ok" : "MISMATCH");
        CHECK(cuCtxSynchronize());
        return 0;
    }

    /* Whole buffers, sizes no multiple of a chunk. */
    size_t sizes[] = { 10 * MIB + 123, 3 * MIB - 1, total };
    for (int i = 0; i < 3; i++) {
        memset(back, 0, total);
        CHECK(cuMemcpyHtoD_v2(d, host, sizes[i]));
        CHECK(cuMemcpyDtoH_v2(back, d, sizes[i]));
        printf("%zu bytes: round trip %s, checksum %016llx\n", sizes[i], memcmp(back, host, sizes[i]) == 0 ? "ok" : "MISMATCH",
            (unsigned long long)checksum(back, sizes[i]));
    }

    /* At an offset into device memory, from an odd host address, on a stream; the reads land by the synchronize. */
    memset(back, 0, total);
    CHECK(cuMemcpyHtoDAsync_v2(d + 1000, host + 7, 5 * MIB + 77, stream));
    CHECK(cuMemcpyDtoHAsync_v2(back + 3, d + 1000, 5 * MIB + 77, stream));
    CHECK(cuMemcpyDtoHAsync_v2(back + 6 * MIB, d, 2 * MIB, stream));
    CHECK(cuStreamSynchronize(stream));
    printf("stream: offset round trip %s, second read %s\n", memcmp(back + 3, host + 7, 5 * MIB + 77) == 0 ? "ok" : "MISMATCH",
        memcmp(back + 6 * MIB, host, 1000) == 0 && memcmp(back + 6 * MIB + 1000, host + 7, 2 * MIB - 1000) == 0 ? "ok" : "MISMATCH");

    /* Ranges past the allocation: refused whole, nothing written on either side. */
    memset(back, 0x5A, total);
    CHECK(cuMemcpyHtoD_v2(d + 60 * MIB, host, 8 * MIB));
    CHECK(cuMemcpyDtoH_v2(back, d + 60 * MIB, 8 * MIB));
    printf("refused read left host memory %s\n", back[0] == 0x5A && back[8 * MIB - 1] == 0x5A ? "untouched" : "WRITTEN");
    CHECK(cuMemcpyDtoH_v2(back, d + 60 * MIB, 4 * MIB));
    printf("refused write left device memory %s\n", memcmp(back, host + 60 * MIB, 4 * MIB) == 0 ? "untouched" : "WRITTEN");

    CHECK(cuStreamDestroy_v2(stream));
    CHECK(cuMemFree_v2(small));
    CHECK(cuMemFree_v2(d));
    CHECK(cuCtxDestroy_v2(ctx));
    free(host);
    free(back);
    return 0;
}
