/* Large host<->device copy bandwidth through whatever libOpenCL.so.1 is loaded (the ICD loader with PoCL, our
 * drop-in): blocking clEnqueueWriteBuffer and clEnqueueReadBuffer of one buffer of random (incompressible) or zero
 * bytes, from and into pageable host memory, best of several rounds after an untimed one; the bytes that come back are
 * compared with those sent. With "fresh", each read goes into newly allocated memory, as an application that
 * allocates its result does. The OpenCL twin of copy_bandwidth.c, with the same arguments and output line:
 *   cl_copy_bandwidth [MIB [ROUNDS [random|zeros [fresh]]]]       (defaults: 256 MiB, 3 rounds, random)
 * Prints "copy MIB MiB KIND: host->device X GB/s, device->host Y GB/s, same". Exit 1 when a call fails or the bytes differ. */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call) do { cl_int r_ = (call); if (r_ != CL_SUCCESS) { fprintf(stderr, "%s = %d\n", #call, (int)r_); return 1; } } while (0)

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
    if (mib == 0 || rounds <= 0) { fprintf(stderr, "usage: cl_copy_bandwidth [MIB [ROUNDS [random|zeros [fresh]]]]\n"); return 2; }
    size_t bytes = mib << 20;
    unsigned char *host = malloc(bytes), *back = malloc(bytes);
    if (!host || !back) { fprintf(stderr, "no memory for 2 x %zu MiB\n", mib); return 1; }
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < bytes; i += 8) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;   /* xorshift64: incompressible, and the same every run */
        uint64_t v = zeros ? 0 : x;
        memcpy(host + i, &v, bytes - i < 8 ? bytes - i : 8);
    }
    memset(back, 0xA5, bytes);

    cl_platform_id platform;
    cl_device_id device;
    cl_int err;
    CHECK(clGetPlatformIDs(1, &platform, NULL));
    CHECK(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL));
    cl_context context = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
    CHECK(err);
    cl_command_queue queue = clCreateCommandQueue(context, device, 0, &err);
    CHECK(err);
    cl_mem buffer = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, NULL, &err);
    CHECK(err);
    CHECK(clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, bytes, host, 0, NULL, NULL));
    CHECK(clEnqueueReadBuffer(queue, buffer, CL_TRUE, 0, bytes, back, 0, NULL, NULL));
    double up = 1e30, down = 1e30;
    int same = 1;
    for (int i = 0; i < rounds; i++) {
        unsigned char *into = back;
        if (fresh && !(into = malloc(bytes))) { fprintf(stderr, "no memory for %zu MiB\n", mib); return 1; }
        double t0 = now_s();
        CHECK(clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, bytes, host, 0, NULL, NULL));
        double t1 = now_s();
        CHECK(clEnqueueReadBuffer(queue, buffer, CL_TRUE, 0, bytes, into, 0, NULL, NULL));
        double t2 = now_s();
        if (t1 - t0 < up) up = t1 - t0;
        if (t2 - t1 < down) down = t2 - t1;
        same &= memcmp(host, into, bytes) == 0;
        if (fresh) free(into);
    }
    same &= memcmp(host, back, bytes) == 0;
    printf("copy %zu MiB %s%s: host->device %.2f GB/s, device->host %.2f GB/s, %s\n", mib, zeros ? "zeros" : "random",
        fresh ? " into fresh memory" : "", bytes / up / 1e9, bytes / down / 1e9, same ? "same" : "DIFFERENT");
    CHECK(clReleaseMemObject(buffer));
    CHECK(clReleaseCommandQueue(queue));
    CHECK(clReleaseContext(context));
    return same ? 0 : 1;
}
