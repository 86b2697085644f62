/*
 * live_state - a process whose OpenCL state is MIB mebibytes of buffers, for timing a migration against live state
 * size (ava bench migration).
 *
 * It builds a program, fills buffers of up to 64 MiB each (MIB in all) with a kernel, so their contents exist only on
 * the device, then makes IDLE calls of clFinish, prints how many OpenCL calls it made before them ("calls before
 * idle: N"), reads every buffer back (printing how long the reads took: the reference a move's time is set against)
 * and checks each word. A migration at a call among the idle ones moves all that state; PASS says the contents
 * survived it.
 *
 * Usage: live_state MIB [IDLE]   (1 <= MIB <= 65536; IDLE default 200)
 * Exit status: 0 verified, 1 mismatch, 2 usage or OpenCL error.
 */
#define _POSIX_C_SOURCE 199309L
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long calls;

/* Every OpenCL call goes through CALL, so the program knows its own call count. */
#define CALL(expr) (calls++, (expr))

static void check(cl_int err, const char *what)
{
    if (err != CL_SUCCESS) {
        fprintf(stderr, "%s failed: error %d\n", what, (int)err);
        exit(2);
    }
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static const char *source =
    "__kernel void fill(__global uint *data, uint seed) {\n"
    "    uint i = get_global_id(0);\n"
    "    data[i] = (i * 2654435761u) ^ seed;\n"
    "}\n";

int main(int argc, char **argv)
{
    char *end = NULL;
    long mib = argc >= 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc < 2 || argc > 3 || *end != '\0' || mib < 1 || mib > 65536) {
        fprintf(stderr, "usage: %s MIB [IDLE]   (1 <= MIB <= 65536)\n", argv[0]);
        return 2;
    }
    long idle = argc == 3 ? strtol(argv[2], &end, 10) : 200;
    if (idle < 1 || *end != '\0') {
        fprintf(stderr, "usage: %s MIB [IDLE]   (IDLE >= 1)\n", argv[0]);
        return 2;
    }

    cl_platform_id platform;
    cl_device_id device;
    cl_int err;
    check(CALL(clGetPlatformIDs(1, &platform, NULL)), "clGetPlatformIDs");
    check(CALL(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL)), "clGetDeviceIDs");
    cl_context ctx = CALL(clCreateContext(NULL, 1, &device, NULL, NULL, &err));
    check(err, "clCreateContext");
    cl_command_queue queue = CALL(clCreateCommandQueue(ctx, device, 0, &err));
    check(err, "clCreateCommandQueue");
    cl_program program = CALL(clCreateProgramWithSource(ctx, 1, &source, NULL, &err));
    check(err, "clCreateProgramWithSource");
    check(CALL(clBuildProgram(program, 1, &device, "", NULL, NULL)), "clBuildProgram");
    cl_kernel kernel = CALL(clCreateKernel(program, "fill", &err));
    check(err, "clCreateKernel");

    const size_t chunk = (size_t)64 << 20;
    const size_t total = (size_t)mib << 20;
    const size_t count = (total + chunk - 1) / chunk;
    cl_mem *buffers = calloc(count, sizeof(cl_mem));
    uint32_t *host = malloc(chunk);
    if (!buffers || !host) {
        fprintf(stderr, "out of host memory\n");
        return 2;
    }

    for (size_t b = 0; b < count; b++) {
        size_t bytes = b + 1 < count ? chunk : total - (chunk * b);
        buffers[b] = CALL(clCreateBuffer(ctx, CL_MEM_READ_WRITE, bytes, NULL, &err));
        check(err, "clCreateBuffer");
        cl_uint seed = (cl_uint)(0x9E3779B9u * (b + 1));
        check(CALL(clSetKernelArg(kernel, 0, sizeof(cl_mem), &buffers[b])), "clSetKernelArg");
        check(CALL(clSetKernelArg(kernel, 1, sizeof(cl_uint), &seed)), "clSetKernelArg");
        size_t global = bytes / sizeof(uint32_t);
        check(CALL(clEnqueueNDRangeKernel(queue, kernel, 1, NULL, &global, NULL, 0, NULL, NULL)), "clEnqueueNDRangeKernel");
    }
    check(CALL(clFinish(queue)), "clFinish");

    printf("calls before idle: %ld\n", calls);
    fflush(stdout);
    for (long i = 0; i < idle; i++)
        check(CALL(clFinish(queue)), "clFinish");

    long wrong = 0;
    double reading = 0;
    for (size_t b = 0; b < count; b++) {
        size_t bytes = b + 1 < count ? chunk : total - (chunk * b);
        double started = now_ms();
        check(CALL(clEnqueueReadBuffer(queue, buffers[b], CL_TRUE, 0, bytes, host, 0, NULL, NULL)), "clEnqueueReadBuffer");
        reading += now_ms() - started;
        cl_uint seed = (cl_uint)(0x9E3779B9u * (b + 1));
        for (size_t i = 0; i < bytes / sizeof(uint32_t); i++)
            wrong += host[i] != (((uint32_t)i * 2654435761u) ^ seed);
        CALL(clReleaseMemObject(buffers[b]));
    }

    CALL(clReleaseKernel(kernel));
    CALL(clReleaseProgram(program));
    CALL(clReleaseCommandQueue(queue));
    CALL(clReleaseContext(ctx));
    free(host);
    free(buffers);
    printf("read back: %.3f ms\n", reading);
    printf("%ld MiB in %zu buffers: %s\n", mib, count, wrong == 0 ? "PASS" : "FAIL");
    return wrong == 0 ? 0 : 1;
}
