/* Not a transcript of its own: a program whose state a test moves while it runs. It builds a kernel, fills a buffer
 * and runs rounds of a kernel over it (each round's result depends on all before it), prints "ready" with the sum so
 * far, and waits for a line on stdin; then it runs more rounds, with an event it waits on and queries, and prints the
 * sums and the event's status. A test moves it to another worker while it waits (`ava migrate`), so the move happens
 * at its next call, with the buffer's contents, the kernel's arguments and the queue all live: its output must be
 * the native one. */
#include "common.h"

static const char *src =
    "__kernel void advance(__global uint *v, uint round) {\n"
    "    size_t i = get_global_id(0);\n"
    "    v[i] = v[i] * 1664525u + 1013904223u + round + (uint)i;\n"
    "}\n";

#define COUNT 65536

static cl_ulong sum(cl_command_queue q, cl_mem buffer, cl_uint *host)
{
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, COUNT * sizeof(cl_uint), host, 0, NULL, NULL));
    cl_ulong total = 0;
    for (int i = 0; i < COUNT; i++) {
        total += host[i];
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
    cl_kernel k = clCreateKernel(prog, "advance", &err);
    OK("clCreateKernel", err);
    for (int i = 0; i < COUNT; i++) {
        host[i] = (cl_uint)i;
    }

    cl_mem buffer = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof host, host, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg", clSetKernelArg(k, 0, sizeof buffer, &buffer));
    size_t global = COUNT;
    cl_uint round = 0;
    for (; round < 20; round++) {
        OK("clSetKernelArg", clSetKernelArg(k, 1, sizeof round, &round));
        OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    }

    OK("clFinish", clFinish(q));
    printf("ready %llu\n", (unsigned long long)sum(q, buffer, host));
    fflush(stdout);
    char line[64];
    if (fgets(line, sizeof line, stdin) == NULL) {
        return 1;
    }

    cl_event done = NULL;
    for (; round < 40; round++) {
        OK("clSetKernelArg", clSetKernelArg(k, 1, sizeof round, &round));
        OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, round == 39 ? &done : NULL));
    }

    OK("clWaitForEvents", clWaitForEvents(1, &done));
    cl_int status = 1;
    OK("clGetEventInfo", clGetEventInfo(done, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof status, &status, NULL));
    printf("event status %d\n", status);
    printf("done %llu\n", (unsigned long long)sum(q, buffer, host));
    clReleaseEvent(done);
    clReleaseMemObject(buffer);
    clReleaseKernel(k);
    clReleaseProgram(prog);
    clReleaseCommandQueue(q);
    clReleaseContext(ctx);
    return 0;
}
