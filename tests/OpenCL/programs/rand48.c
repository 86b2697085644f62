/* The drand48 family's state belongs to the program: it seeds it (srand48) before its first OpenCL call and draws
 * from it (lrand48, drand48) between calls that connect, build, launch and read, and prints every draw. Natively the
 * draws depend on the seed alone; a library that seeds or draws from that state itself (the .NET runtime's random
 * bytes do, when it first needs one) would change them, and differently each run. */
#include "common.h"

static const char *src =
    "__kernel void twice(__global int *v) { v[get_global_id(0)] *= 2; }\n";

static void draw(const char *after)
{
    long a = lrand48();
    long b = lrand48();
    double c = drand48();
    printf("after %s: %ld %ld %.9f\n", after, a, b, c);
}

int main(void)
{
    srand48(12345);
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    draw("clGetDeviceIDs");
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    OK("clBuildProgram", clBuildProgram(prog, 1, &dev, NULL, NULL, NULL));
    cl_kernel k = clCreateKernel(prog, "twice", &err);
    OK("clCreateKernel", err);
    draw("clCreateKernel");
    cl_int values[64];
    for (int i = 0; i < 64; i++) {
        values[i] = (cl_int)(lrand48() % 1000);
    }

    cl_mem buffer = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof values, values, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg", clSetKernelArg(k, 0, sizeof buffer, &buffer));
    size_t global = 64;
    for (int round = 0; round < 3; round++) {
        OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
        OK("clFinish", clFinish(q));
        draw("clFinish");
    }

    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, sizeof values, values, 0, NULL, NULL));
    long sum = 0;
    for (int i = 0; i < 64; i++) {
        sum += values[i];
    }

    printf("sum %ld\n", sum);
    clReleaseMemObject(buffer);
    clReleaseKernel(k);
    clReleaseProgram(prog);
    clReleaseCommandQueue(q);
    clReleaseContext(ctx);
    draw("the releases");
    return 0;
}
