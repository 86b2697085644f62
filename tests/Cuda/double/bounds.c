/* Live objects under a bound, against the CPU test double: a context, then streams until a creation fails (natively
 * none of 32 does); the tenant keeps working once one is destroyed. Prints values, never handle values. */
#include <stdio.h>
#include "cuda_double.h"

#define MAX_STREAMS 32

int main(void) {
    CUdevice dev;
    CUcontext ctx;
    CUstream streams[MAX_STREAMS], extra;
    printf("cuInit = %d\n", cuInit(0));
    printf("cuDeviceGet = %d\n", cuDeviceGet(&dev, 0));
    printf("cuCtxCreate_v2 = %d\n", cuCtxCreate_v2(&ctx, 0, dev));
    int n = 0;
    CUresult r = CUDA_SUCCESS;
    for (; n < MAX_STREAMS; n++) {
        r = cuStreamCreate(&streams[n], 0);
        if (r != CUDA_SUCCESS)
            break;
    }
    if (n == MAX_STREAMS)
        printf("created %d streams, none failed\n", n);
    else
        printf("created %d streams, then cuStreamCreate = %d\n", n, r);
    if (n > 0) {
        printf("cuStreamDestroy_v2 = %d\n", cuStreamDestroy_v2(streams[--n]));
        printf("cuStreamCreate(after the destroy) = %d\n", cuStreamCreate(&extra, 0));
        printf("cuStreamSynchronize = %d\n", cuStreamSynchronize(extra));
        printf("cuStreamDestroy_v2 = %d\n", cuStreamDestroy_v2(extra));
    }
    for (int i = 0; i < n; i++)
        cuStreamDestroy_v2(streams[i]);
    printf("cuCtxDestroy_v2 = %d\n", cuCtxDestroy_v2(ctx));
    return 0;
}
