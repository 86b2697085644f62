/* CI program for page-locked host memory that kernels reach (cuMemHostAlloc with CU_MEMHOSTALLOC_DEVICEMAP,
 * cuMemHostGetDevicePointer): a kernel scales floats in place in host memory, and the application sees the result
 * in its own pages. Through libcuda.so.1 the kernel runs in the worker, which maps the same pages at the same
 * address. Runs against the CPU test double natively and through the drop-in and must print the same. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

#define CHECK(call) do { CUresult r_ = (call); printf("%-64.64s = %d\n", #call, r_); } while (0)

static const char image[] = "cudadouble-module: vec_add scale mix";

int main(void) {
    enum { N = 4096 };
    CUcontext ctx;
    CUmodule module;
    CUfunction scale;
    float *h = NULL, *plain = NULL;
    CUdeviceptr dp = 0, d;
    CHECK(cuInit(0));
    CHECK(cuCtxCreate_v2(&ctx, 0, 0));
    CHECK(cuModuleLoadData(&module, image));
    CHECK(cuModuleGetFunction(&scale, module, "scale"));

    CHECK(cuMemHostAlloc((void **)&h, N * sizeof(float), 0x2 /* CU_MEMHOSTALLOC_DEVICEMAP */));
    for (int i = 0; i < N; i++) h[i] = (float)i;
    CHECK(cuMemHostGetDevicePointer_v2(&dp, h, 0));
    printf("device address is the host address: %s\n", dp == (CUdeviceptr)(uintptr_t)h ? "yes" : "no");
    CHECK(cuMemHostGetDevicePointer_v2(&dp, h + 100, 0));
    printf("inside the allocation: %s\n", dp == (CUdeviceptr)(uintptr_t)(h + 100) ? "yes" : "no");
    CHECK(cuMemHostGetDevicePointer_v2(&dp, h, 1));

    /* A kernel writes the host pages; the application reads them after the context synchronizes. */
    CHECK(cuMemHostGetDevicePointer_v2(&dp, h, 0));
    float factor = 2.5f;
    int n = N;
    void *args[] = { &dp, &factor, &n };
    CHECK(cuLaunchKernel(scale, N / 256, 1, 1, 256, 1, 1, 0, NULL, args, NULL));
    CHECK(cuCtxSynchronize());
    printf("kernel on mapped host memory: h[10]=%.1f h[4095]=%.1f\n", h[10], h[4095]);

    /* The application writes, the kernel reads what it wrote. */
    h[7] = 100.0f;
    CHECK(cuLaunchKernel(scale, N / 256, 1, 1, 256, 1, 1, 0, NULL, args, NULL));
    CHECK(cuCtxSynchronize());
    printf("after a host write: h[7]=%.1f\n", h[7]);

    /* Copies between it and device memory. */
    CHECK(cuMemAlloc_v2(&d, N * sizeof(float)));
    CHECK(cuMemcpyHtoD_v2(d, h, N * sizeof(float)));
    memset(h, 0, N * sizeof(float));
    CHECK(cuMemcpyDtoH_v2(h, d, N * sizeof(float)));
    printf("copied back: h[10]=%.1f\n", h[10]);

    CHECK(cuMemAllocHost_v2((void **)&plain, 64));
    CHECK(cuMemFreeHost(plain));
    CHECK(cuMemFreeHost(h));
    CHECK(cuMemHostGetDevicePointer_v2(&dp, h, 0));
    CHECK(cuMemFreeHost(h));
    CHECK(cuMemFree_v2(d));
    CHECK(cuModuleUnload(module));
    CHECK(cuCtxDestroy_v2(ctx));
    return 0;
}
