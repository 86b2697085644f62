/* Device memory under a quota, against the CPU test double: 1 MiB allocations until one fails (natively none of 64
 * does), a free that fails (no current context) gives nothing back, cuMemFree_v2 gives the memory back and the
 * tenant keeps working. Prints values, never pointer values. */
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

#define MIB ((size_t)1 << 20)
#define MAX_BLOCKS 64

int main(void) {
    CUdevice dev;
    CUcontext ctx, popped;
    CUdeviceptr blocks[MAX_BLOCKS], extra;
    printf("cuInit = %d\n", cuInit(0));
    printf("cuDeviceGet = %d\n", cuDeviceGet(&dev, 0));
    printf("cuCtxCreate_v2 = %d\n", cuCtxCreate_v2(&ctx, 0, dev));

    int n = 0;
    CUresult r = CUDA_SUCCESS;
    for (; n < MAX_BLOCKS; n++) {
        r = cuMemAlloc_v2(&blocks[n], MIB);
        if (r != CUDA_SUCCESS)
            break;
    }
    if (n == MAX_BLOCKS) {
        printf("allocated %d MiB, none failed\n", n);
        for (int i = 0; i < n; i++)
            cuMemFree_v2(blocks[i]);
        printf("cuCtxDestroy_v2 = %d\n", cuCtxDestroy_v2(ctx));
        return 0;
    }
    printf("allocated %d MiB, then cuMemAlloc_v2 = %d\n", n, r);

    printf("cuCtxPopCurrent_v2 = %d\n", cuCtxPopCurrent_v2(&popped));
    printf("cuMemFree_v2(block 0, no current context) = %d\n", cuMemFree_v2(blocks[0]));
    printf("cuCtxPushCurrent_v2 = %d\n", cuCtxPushCurrent_v2(popped));
    printf("cuMemAlloc_v2(after the failed free) = %d\n", cuMemAlloc_v2(&extra, MIB));
    printf("cuMemFree_v2(block 0) = %d\n", cuMemFree_v2(blocks[0]));
    printf("cuMemAlloc_v2(after the free) = %d\n", cuMemAlloc_v2(&blocks[0], MIB));
    printf("cuMemAlloc_v2(full again) = %d\n", cuMemAlloc_v2(&extra, MIB));

    static char out[1 << 20], back[1 << 20];
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (char)(i * 7);
    printf("cuMemcpyHtoD_v2 = %d\n", cuMemcpyHtoD_v2(blocks[0], out, sizeof out));
    printf("cuMemcpyDtoH_v2 = %d\n", cuMemcpyDtoH_v2(back, blocks[0], sizeof back));
    printf("roundtrip on the new block %s\n", memcmp(out, back, sizeof out) == 0 ? "ok" : "MISMATCH");

    for (int i = 0; i < n; i++)
        cuMemFree_v2(blocks[i]);
    r = cuMemAlloc_v2(&extra, (size_t)n * MIB);
    printf("cuMemAlloc_v2(all of it at once) = %d\n", r);
    if (r == CUDA_SUCCESS)
        cuMemFree_v2(extra);
    printf("cuCtxDestroy_v2 = %d\n", cuCtxDestroy_v2(ctx));
    return 0;
}
