/* Not a transcript of its own: a program for recovery at every call (AVA_RECOVER=1, AVA_FAULT_KILL_WORKER_AT=n for
 * each n). A kernel fills a buffer, a non-blocking read of it is enqueued and flushed, and only clFinish makes its bytes
 * the program's: a worker killed between the read and clFinish must not leave them unwritten. Then a second round
 * with a non-blocking read waited on through its event. Prints the checksums. */
#include "common.h"

static const char *src =
    "__kernel void fill(__global uint *v, uint k) { size_t i = get_global_id(0); v[i] = (uint)i * 2654435761u + k; }\n";

#define COUNT 4096

static unsigned long long checksum(const cl_uint *v)
{
    unsigned long long total = 0;
    for (int i = 0; i < COUNT; i++) {
        total = total * 31 + v[i];
    }

    return total;
}

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    static cl_uint host[COUNT];
    clt_first_device(&plat, &dev);
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    OK("clBuildProgram", clBuildProgram(prog, 1, &dev, NULL, NULL, NULL));
    cl_kernel k = clCreateKernel(prog, "fill", &err);
    OK("clCreateKernel", err);
    cl_mem buffer = clCreateBuffer(ctx, CL_MEM_READ_WRITE, sizeof host, NULL, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg", clSetKernelArg(k, 0, sizeof buffer, &buffer));
    size_t global = COUNT;
    cl_uint key = 7;
    OK("clSetKernelArg", clSetKernelArg(k, 1, sizeof key, &key));
    OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_FALSE, 0, sizeof host, host, 0, NULL, NULL));
    OK("clFlush", clFlush(q));
    OK("clFinish", clFinish(q));
    printf("first %llu\n", checksum(host));

    key = 11;
    cl_event read;
    OK("clSetKernelArg", clSetKernelArg(k, 1, sizeof key, &key));
    OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_FALSE, 0, sizeof host, host, 0, NULL, &read));
    OK("clFlush", clFlush(q));
    OK("clWaitForEvents", clWaitForEvents(1, &read));
    printf("second %llu\n", checksum(host));
    OK("clReleaseEvent", clReleaseEvent(read));
    OK("clReleaseMemObject", clReleaseMemObject(buffer));
    OK("clReleaseKernel", clReleaseKernel(k));
    OK("clReleaseProgram", clReleaseProgram(prog));
    OK("clReleaseCommandQueue", clReleaseCommandQueue(q));
    OK("clReleaseContext", clReleaseContext(ctx));
    return 0;
}
