/* Tiled matrix multiply with shared memory, module from a cubin file (cuModuleLoad); checked against the CPU. */
#include "common.h"

int main(int argc, char **argv)
{
    enum { N = 256, TILE = 16 };
    CUdevice dev; CUmodule mod; CUfunction f; CUcontext primary;
    CHECK(cuInit(0));
    CHECK(cuDeviceGet(&dev, 0));
    CHECK(cuDevicePrimaryCtxRetain(&primary, dev));
    CHECK(cuCtxSetCurrent(primary));
    CHECK(cuModuleLoad(&mod, argv[1]));
    CHECK(cuModuleGetFunction(&f, mod, "matmul_tiled"));
    int regs = 0, maxThreads = 0, blocks = 0;
    CHECK(cuFuncGetAttribute(&maxThreads, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, f));
    CHECK(cuFuncGetAttribute(&regs, CU_FUNC_ATTRIBUTE_NUM_REGS, f));
    CHECK(cuOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, f, TILE * TILE, 0));
    printf("matmul: attributes read, occupancy %s\n", blocks > 0 ? "positive" : "ZERO");
    float *A = malloc(N * N * 4), *B = malloc(N * N * 4), *C = malloc(N * N * 4);
    for (int i = 0; i < N * N; i++) { A[i] = (float)((i * 7) % 13) / 13.0f; B[i] = (float)((i * 5) % 11) / 11.0f; }
    CUdeviceptr dA, dB, dC;
    CHECK(cuMemAlloc(&dA, N * N * 4)); CHECK(cuMemAlloc(&dB, N * N * 4)); CHECK(cuMemAlloc(&dC, N * N * 4));
    CHECK(cuMemcpyHtoD(dA, A, N * N * 4)); CHECK(cuMemcpyHtoD(dB, B, N * N * 4));
    CHECK(cuMemsetD32(dC, 0, N * N));
    int n = N;
    void *args[] = { &dA, &dB, &dC, &n };
    CHECK(cuLaunchKernel(f, N / TILE, N / TILE, 1, TILE, TILE, 1, 0, NULL, args, NULL));
    CHECK(cuCtxSynchronize());
    CHECK(cuMemcpyDtoH(C, dC, N * N * 4));
    double maxErr = 0, trace = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {
        double ref = 0;
        for (int k = 0; k < N; k++) ref += (double)A[i * N + k] * B[k * N + j];
        double e = ref - C[i * N + j]; if (e < 0) e = -e; if (e > maxErr) maxErr = e;
        if (i == j) trace += C[i * N + j];
    }
    printf("matmul: n=%d trace=%.2f max_error_below_1e-3=%s\n", N, trace, maxErr < 1e-3 ? "yes" : "NO");
    CHECK(cuMemFree(dA)); CHECK(cuMemFree(dB)); CHECK(cuMemFree(dC));
    CHECK(cuModuleUnload(mod));
    CHECK(cuDevicePrimaryCtxRelease(dev));
    return 0;
}
