/* Calls in known numbers, for the call profiler's test (ProfileTests): a vector add launched 20 times.
 * clGetPlatformIDs 1, clGetDeviceIDs 1, clCreateContext 1, clCreateCommandQueue 1, clCreateProgramWithSource 1,
 * clBuildProgram 1, clCreateKernel 1, clCreateBuffer 3, clEnqueueWriteBuffer 2 (blocking, 1 MiB each),
 * clSetKernelArg 60, clEnqueueNDRangeKernel 20, clFinish 1, clEnqueueReadBuffer 1 (blocking, 1 MiB),
 * clGetDeviceInfo 5 (the same query), clReleaseMemObject 3, clReleaseKernel 1, clReleaseProgram 1,
 * clReleaseCommandQueue 1, clReleaseContext 1. Prints whether the sums came out right. */
#include "common.h"

#define N (1 << 18)
#define LAUNCHES 20

static const char *source =
    "__kernel void add(__global const float *a, __global const float *b, __global float *c) {\n"
    "    size_t i = get_global_id(0);\n"
    "    c[i] = a[i] + b[i];\n"
    "}\n";

int main(void)
{
    cl_platform_id platform;
    cl_device_id device;
    cl_int err;
    cl_uint units = 0;
    if (clGetPlatformIDs(1, &platform, NULL) != CL_SUCCESS || clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL) != CL_SUCCESS) {
        printf("no OpenCL device\n");
        return 1;
    }
    for (int i = 0; i < 5; i++)
        clGetDeviceInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof units, &units, NULL);
    cl_context context = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
    cl_command_queue queue = clCreateCommandQueue(context, device, 0, &err);
    cl_program program = clCreateProgramWithSource(context, 1, &source, NULL, &err);
    if (clBuildProgram(program, 1, &device, NULL, NULL, NULL) != CL_SUCCESS) {
        printf("build failed\n");
        return 1;
    }
    cl_kernel kernel = clCreateKernel(program, "add", &err);
    static float a[N], b[N], c[N];
    for (int i = 0; i < N; i++) {
        a[i] = (float)i;
        b[i] = (float)(2 * i);
    }
    cl_mem buffers[3];
    for (int i = 0; i < 3; i++)
        buffers[i] = clCreateBuffer(context, CL_MEM_READ_WRITE, sizeof a, NULL, &err);
    clEnqueueWriteBuffer(queue, buffers[0], CL_TRUE, 0, sizeof a, a, 0, NULL, NULL);
    clEnqueueWriteBuffer(queue, buffers[1], CL_TRUE, 0, sizeof b, b, 0, NULL, NULL);
    size_t global = N;
    for (int launch = 0; launch < LAUNCHES; launch++) {
        for (cl_uint arg = 0; arg < 3; arg++)
            clSetKernelArg(kernel, arg, sizeof(cl_mem), &buffers[arg]);
        clEnqueueNDRangeKernel(queue, kernel, 1, NULL, &global, NULL, 0, NULL, NULL);
    }
    err = clFinish(queue);
    err |= clEnqueueReadBuffer(queue, buffers[2], CL_TRUE, 0, sizeof c, c, 0, NULL, NULL);
    int bad = 0;
    for (int i = 0; i < N; i++)
        bad += c[i] != (float)(3 * i);
    for (int i = 0; i < 3; i++)
        clReleaseMemObject(buffers[i]);
    clReleaseKernel(kernel);
    clReleaseProgram(program);
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
    printf("profiled: err=%d mismatches=%d units>0=%s\n", (int)err, bad, YN(units > 0));
    return err == CL_SUCCESS && bad == 0 ? 0 : 1;
}
