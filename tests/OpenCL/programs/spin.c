/* A kernel that never ends: it waits for a flag that nobody sets. The program
 * prints its pid and "waiting", then waits in clFinish for ever; a test kills
 * it there and checks that its worker does not outlive it (the kernel must
 * die with its tenant). Not a transcript program: it never exits by itself. */
#include "common.h"
#include <unistd.h>

static const char *src =
    "__kernel void spin(__global volatile int *flag) {\n"
    "    while (flag[0] == 0) { }\n"
    "}\n";

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    OK("clBuildProgram", clBuildProgram(prog, 1, &dev, NULL, NULL, NULL));
    cl_kernel k = clCreateKernel(prog, "spin", &err);
    OK("clCreateKernel", err);
    cl_int zero = 0;
    cl_mem flag = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zero, &zero, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg", clSetKernelArg(k, 0, sizeof flag, &flag));
    size_t global = 2;
    OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    OK("clFlush", clFlush(q));
    printf("pid %d waiting\n", (int)getpid());
    fflush(stdout);
    REP("clFinish", clFinish(q));
    return 1;
}
