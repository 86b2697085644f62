/* Large host<->device copy bandwidth through whatever libcuda.so.1 is loaded (the vendor driver, our drop-in, the CPU
 * test double): cuMemcpyHtoD and cuMemcpyDtoH of one buffer of random (incompressible) or zero bytes, from and into
 * pageable host memory, best of several rounds after an untimed one; the bytes that come back are compared with those
 * sent. With "fresh", each device->host copy goes into newly allocated memory, as an application that allocates its
 * result does (PyTorch's tensor.cpu()): the pages are then faulted in during the copy, natively as remoted.
 *   copy_bandwidth [MIB [ROUNDS [random|zeros [fresh]]]]       (defaults: 256 MiB, 3 rounds, random)
 * Prints one line: "copy MIB MiB KIND: host->device X GB/s, device->host Y GB/s, same". Exit 1 when a copy fails or
 * the bytes differ. Builds against cuda.h (nvcc, -lcuda) or, without a CUDA toolkit, tests/CudaDouble/cuda_double.h. */
#if __has_include(<cuda.h>)
#include <cuda.h>
#else
#include "cuda_double.h"
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call) do { CUresult r_ = (call); if (r_ != 0) { fprintf(stderr, "%s = %d\n", #call, (int)r_); return 1; } } while (0)

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 256;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    int zeros = argc > 3 && strcmp(argv[3], "zeros") == 0;
    int fresh = argc > 4 && strcmp(argv[4], "fresh") == 0;
    if (mib == 0 || rounds <= 0) { fprintf(stderr, "usage: copy_bandwidth [MIB [ROUNDS [random|zeros [fresh]]]]\n"); return 2; }
    size_t bytes = mib << 20;
    unsigned char *host = malloc(bytes), *back = malloc(bytes);
    if (!host || !back) { fprintf(stderr, "no memory for 2 x %zu MiB\n", mib); return 1; }
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < bytes; i += 8) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;   /* xorshift64: incompressible, and the same every run */
        uint64_t v = zeros ? 0 : x;
        memcpy(host + i, &v, bytes - i < 8 ? bytes - i : 8);
    }
    memset(back, 0xA5, bytes);   /* touched once, as an application's buffer would be */

    CUdevice dev;
    CUcontext ctx;
    CUdeviceptr d;
    CHECK(cuInit(0));
    CHECK(cuDeviceGet(&dev, 0));
    CHECK(cuDevicePrimaryCtxRetain(&ctx, dev));
    CHECK(cuCtxSetCurrent(ctx));
    CHECK(cuMemAlloc_v2(&d, bytes));
    /* One untimed round first: device memory and the channel's buffers are touched once, as in a running application. */
    CHECK(cuMemcpyHtoD_v2(d, host, bytes));
    CHECK(cuMemcpyDtoH_v2(back, d, bytes));
    double up = 1e30, down = 1e30;
    int same = 1;
    for (int i = 0; i < rounds; i++) {
        unsigned char *into = back;
        if (fresh && !(into = malloc(bytes))) { fprintf(stderr, "no memory for %zu MiB\n", mib); return 1; }
        double t0 = now_s();
        CHECK(cuMemcpyHtoD_v2(d, host, bytes));
        double t1 = now_s();
        CHECK(cuMemcpyDtoH_v2(into, d, bytes));
        double t2 = now_s();
        if (t1 - t0 < up) up = t1 - t0;
        if (t2 - t1 < down) down = t2 - t1;
        same &= memcmp(host, into, bytes) == 0;
        if (fresh) free(into);
    }
    same &= memcmp(host, back, bytes) == 0;
    printf("copy %zu MiB %s%s: host->device %.2f GB/s, device->host %.2f GB/s, %s\n", mib, zeros ? "zeros" : "random",
        fresh ? " into fresh memory" : "", bytes / up / 1e9, bytes / down / 1e9, same ? "same" : "DIFFERENT");
    CHECK(cuMemFree_v2(d));
    CHECK(cuDevicePrimaryCtxRelease_v2(dev));
    return same ? 0 : 1;
}
