/* Error paths: NULL handles, NULL required pointers, invalid flags, zero
 * sizes, bad enum values and cross-context objects, each printing the exact
 * error code. Objects of a wrong type (e.g. a buffer passed as a queue) are
 * not used: their behaviour is undefined in OpenCL and crashes some native
 * implementations. */
#include "common.h"

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_context ctx2 = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext(second)", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_command_queue q2 = clCreateCommandQueueWithProperties(ctx2, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties(second context)", err);
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 1024, NULL, &err);
    OK("clCreateBuffer", err);
    cl_mem b2 = clCreateBuffer(ctx2, CL_MEM_READ_WRITE, 1024, NULL, &err);
    OK("clCreateBuffer(second context)", err);
    const char *src = "__kernel void k(__global int *d) { d[get_global_id(0)] = 1; }\n";
    cl_program p = clt_build(ctx, dev, src, NULL, "k");
    cl_kernel k = clt_kernel(p, "k");
    char buf[256];
    cl_uint u = 0;
    size_t sz = 0;
    cl_mem m;
    cl_event ev = NULL;

    printf("== NULL handles\n");
    REP("clGetPlatformInfo(bad param 0)", clGetPlatformInfo(plat, 0, sizeof buf, buf, NULL));
    REP("clGetDeviceIDs(NULL out pointers)", clGetDeviceIDs(plat, CL_DEVICE_TYPE_ALL, 0, NULL, NULL));
    REP("clGetDeviceInfo(NULL device)", clGetDeviceInfo(NULL, CL_DEVICE_NAME, sizeof buf, buf, NULL));
    REP("clGetContextInfo(NULL context)", clGetContextInfo(NULL, CL_CONTEXT_NUM_DEVICES, sizeof u, &u, NULL));
    REP("clGetCommandQueueInfo(NULL queue)", clGetCommandQueueInfo(NULL, CL_QUEUE_REFERENCE_COUNT, sizeof u, &u, NULL));
    REP("clGetMemObjectInfo(NULL memobj)", clGetMemObjectInfo(NULL, CL_MEM_SIZE, sizeof sz, &sz, NULL));
    REP("clGetImageInfo(NULL image)", clGetImageInfo(NULL, CL_IMAGE_WIDTH, sizeof sz, &sz, NULL));
    REP("clGetProgramInfo(NULL program)", clGetProgramInfo(NULL, CL_PROGRAM_NUM_DEVICES, sizeof u, &u, NULL));
    REP("clGetProgramBuildInfo(NULL program)", clGetProgramBuildInfo(NULL, dev, CL_PROGRAM_BUILD_STATUS, sizeof u, &u, NULL));
    REP("clGetKernelInfo(NULL kernel)", clGetKernelInfo(NULL, CL_KERNEL_NUM_ARGS, sizeof u, &u, NULL));
    REP("clGetKernelWorkGroupInfo(NULL kernel)",
        clGetKernelWorkGroupInfo(NULL, dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof sz, &sz, NULL));
    REP("clGetEventInfo(NULL event)", clGetEventInfo(NULL, CL_EVENT_REFERENCE_COUNT, sizeof u, &u, NULL));
    REP("clGetEventProfilingInfo(NULL event)", clGetEventProfilingInfo(NULL, CL_PROFILING_COMMAND_END, 8, buf, NULL));
    REP("clGetSamplerInfo(NULL sampler)", clGetSamplerInfo(NULL, CL_SAMPLER_REFERENCE_COUNT, sizeof u, &u, NULL));
    REP("clRetainContext(NULL)", clRetainContext(NULL));
    REP("clRetainCommandQueue(NULL)", clRetainCommandQueue(NULL));
    REP("clRetainMemObject(NULL)", clRetainMemObject(NULL));
    REP("clRetainProgram(NULL)", clRetainProgram(NULL));
    REP("clRetainKernel(NULL)", clRetainKernel(NULL));
    REP("clRetainEvent(NULL)", clRetainEvent(NULL));
    REP("clRetainSampler(NULL)", clRetainSampler(NULL));
    REP("clReleaseMemObject(NULL)", clReleaseMemObject(NULL));
    REP("clFlush(NULL)", clFlush(NULL));
    REP("clFinish(NULL)", clFinish(NULL));
    REP("clEnqueueReadBuffer(NULL queue)", clEnqueueReadBuffer(NULL, b, CL_TRUE, 0, 4, buf, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(NULL buffer)", clEnqueueWriteBuffer(q, NULL, CL_TRUE, 0, 4, buf, 0, NULL, NULL));
    REP("clEnqueueCopyBuffer(NULL src)", clEnqueueCopyBuffer(q, NULL, b, 0, 0, 4, 0, NULL, NULL));
    REP("clEnqueueFillBuffer(NULL buffer)", clEnqueueFillBuffer(q, NULL, &u, 4, 0, 4, 0, NULL, NULL));
    REP("clEnqueueMarkerWithWaitList(NULL queue)", clEnqueueMarkerWithWaitList(NULL, 0, NULL, NULL));
    REP("clEnqueueBarrierWithWaitList(NULL queue)", clEnqueueBarrierWithWaitList(NULL, 0, NULL, NULL));
    void *mp = clEnqueueMapBuffer(q, NULL, CL_TRUE, CL_MAP_READ, 0, 4, 0, NULL, NULL, &err);
    REP("clEnqueueMapBuffer(NULL buffer)", err);
    printf("  pointer %s\n", NN(mp));
    m = clCreateSubBuffer(NULL, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &(cl_buffer_region){ 0, 4 }, &err);
    REP("clCreateSubBuffer(NULL buffer)", err);
    cl_kernel kk = clCreateKernel(NULL, "k", &err);
    REP("clCreateKernel(NULL program)", err);
    (void)kk;
    REP("clCreateKernelsInProgram(NULL program)", clCreateKernelsInProgram(NULL, 0, NULL, &u));
    cl_event ue = clCreateUserEvent(NULL, &err);
    REP("clCreateUserEvent(NULL context)", err);
    (void)ue;
    REP("clWaitForEvents(NULL event)", clWaitForEvents(1, &ev));
    REP("clSetMemObjectDestructorCallback(NULL)", clSetMemObjectDestructorCallback(NULL, NULL, NULL));

    printf("== NULL required pointers and zero sizes\n");
    REP("clGetPlatformIDs(0, NULL, NULL)", clGetPlatformIDs(0, NULL, NULL));
    m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 0, NULL, &err);
    REP("clCreateBuffer(size 0)", err);
    m = clCreateBuffer(ctx, CL_MEM_USE_HOST_PTR, 64, NULL, &err);
    REP("clCreateBuffer(USE_HOST_PTR, NULL)", err);
    REP("clEnqueueReadBuffer(NULL ptr)", clEnqueueReadBuffer(q, b, CL_TRUE, 0, 4, NULL, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(NULL ptr)", clEnqueueWriteBuffer(q, b, CL_TRUE, 0, 4, NULL, 0, NULL, NULL));
    REP("clEnqueueFillBuffer(pattern size 0)", clEnqueueFillBuffer(q, b, &u, 0, 0, 4, 0, NULL, NULL));
    REP("clEnqueueCopyBuffer(size 0)", clEnqueueCopyBuffer(q, b, b, 0, 512, 0, 0, NULL, NULL));
    REP("clWaitForEvents(0, NULL)", clWaitForEvents(0, NULL));
    REP("clEnqueueReadBuffer(num_events 1, NULL list)", clEnqueueReadBuffer(q, b, CL_TRUE, 0, 4, buf, 1, NULL, NULL));
    REP("clEnqueueReadBuffer(num_events 0, non-NULL list)",
        clEnqueueReadBuffer(q, b, CL_TRUE, 0, 4, buf, 0, &ev, NULL));
    /* The same empty list where the call could travel async: it must reach the library as a list, not as NULL. */
    REP("clEnqueueWriteBuffer(non-blocking, num_events 0, non-NULL list)",
        clEnqueueWriteBuffer(q, b, CL_FALSE, 0, 4, buf, 0, &ev, NULL));
    REP("clEnqueueFillBuffer(num_events 0, non-NULL list)", clEnqueueFillBuffer(q, b, &u, sizeof u, 0, 4, 0, &ev, NULL));
    REP("clEnqueueCopyBuffer(num_events 0, non-NULL list)", clEnqueueCopyBuffer(q, b, b, 0, 512, 4, 0, &ev, NULL));
    REP("clEnqueueBarrierWithWaitList(num_events 0, non-NULL list)", clEnqueueBarrierWithWaitList(q, 0, &ev, NULL));
    REP("clEnqueueMarkerWithWaitList(num_events 0, non-NULL list)", clEnqueueMarkerWithWaitList(q, 0, &ev, NULL));
    REP("clWaitForEvents(0, non-NULL list)", clWaitForEvents(0, &ev));
    /* PoCL 3.1 does not look at a launch's empty list (CL_SUCCESS): the remoted launch must say what PoCL says. */
    cl_kernel kl = clt_kernel(p, "k");
    OK("clSetKernelArg(launch kernel)", clSetKernelArg(kl, 0, sizeof b, &b));
    size_t g1 = 4;
    REP("clEnqueueNDRangeKernel(num_events 0, non-NULL list)", clEnqueueNDRangeKernel(q, kl, 1, NULL, &g1, NULL, 0, &ev, NULL));
    REP("clFinish", clFinish(q));
    REP("clReleaseKernel(launch kernel)", clReleaseKernel(kl));
    REP("clGetDeviceInfo(size 0 with non-NULL value)", clGetDeviceInfo(dev, CL_DEVICE_NAME, 0, buf, NULL));
    REP("clSetKernelArg(buffer arg, size 0)", clSetKernelArg(k, 0, 0, &b));
    cl_program pp = clCreateProgramWithSource(ctx, 0, NULL, NULL, &err);
    REP("clCreateProgramWithSource(count 0, NULL)", err);
    (void)pp;

    printf("== invalid flags and enum values\n");
    m = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, 64, NULL, &err);
    REP("clCreateBuffer(READ_ONLY|WRITE_ONLY)", err);
    m = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_READ_WRITE, 64, NULL, &err);
    REP("clCreateBuffer(READ_ONLY|READ_WRITE)", err);
    m = clCreateBuffer(ctx, CL_MEM_HOST_NO_ACCESS | CL_MEM_HOST_READ_ONLY, 64, NULL, &err);
    REP("clCreateBuffer(HOST_NO_ACCESS|HOST_READ_ONLY)", err);
    m = clCreateBuffer(ctx, (cl_mem_flags)1 << 50, 64, NULL, &err);
    REP("clCreateBuffer(unknown flag)", err);
    (void)m;
    cl_command_queue qb = clCreateCommandQueue(ctx, dev, (cl_command_queue_properties)1 << 40, &err);
    REP("clCreateCommandQueue(unknown property bit)", err);
    (void)qb;
    REP("clGetDeviceInfo(param 0)", clGetDeviceInfo(dev, 0, sizeof buf, buf, NULL));
    REP("clGetContextInfo(param 0)", clGetContextInfo(ctx, 0, sizeof buf, buf, NULL));
    REP("clGetCommandQueueInfo(param 0)", clGetCommandQueueInfo(q, 0, sizeof buf, buf, NULL));
    REP("clGetMemObjectInfo(param 0)", clGetMemObjectInfo(b, 0, sizeof buf, buf, NULL));
    REP("clGetProgramInfo(param 0)", clGetProgramInfo(p, 0, sizeof buf, buf, NULL));
    REP("clGetProgramBuildInfo(param 0)", clGetProgramBuildInfo(p, dev, 0, sizeof buf, buf, NULL));
    REP("clGetKernelInfo(param 0)", clGetKernelInfo(k, 0, sizeof buf, buf, NULL));
    REP("clGetKernelWorkGroupInfo(param 0)", clGetKernelWorkGroupInfo(k, dev, 0, sizeof buf, buf, NULL));
    REP("clGetKernelArgInfo(param 0)", clGetKernelArgInfo(k, 0, 0, sizeof buf, buf, NULL));
    REP("clGetDeviceIDs(type 0x100)", clGetDeviceIDs(plat, (cl_device_type)0x100, 1, &dev, NULL));
    mp = clEnqueueMapBuffer(q, b, CL_TRUE, (cl_map_flags)1 << 10, 0, 4, 0, NULL, NULL, &err);
    if (REP("clEnqueueMapBuffer(unknown map flag)", err) == CL_SUCCESS) {
        clEnqueueUnmapMemObject(q, b, mp, 0, NULL, NULL);
        clFinish(q);
    }
    cl_sampler s = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_MIRRORED_REPEAT, CL_FILTER_NEAREST, &err);
    if (REP("clCreateSampler(MIRRORED_REPEAT with unnormalized coords)", err) == CL_SUCCESS)
        clReleaseSampler(s);
    REP("clGetSupportedImageFormats(type BUFFER)",
        clGetSupportedImageFormats(ctx, CL_MEM_READ_ONLY, CL_MEM_OBJECT_BUFFER, 0, NULL, &u));

    printf("== objects from another context\n");
    REP("clEnqueueReadBuffer(buffer of other context)", clEnqueueReadBuffer(q, b2, CL_TRUE, 0, 4, buf, 0, NULL, NULL));
    REP("clEnqueueCopyBuffer(src and dst in different contexts)", clEnqueueCopyBuffer(q, b, b2, 0, 0, 4, 0, NULL, NULL));
    /* Setting a buffer of another context as a kernel argument is not
     * exercised: PoCL 3.1 accepts it and would then run the kernel on it. */
    size_t g = 4;
    REP("clEnqueueNDRangeKernel(kernel of other context)", clEnqueueNDRangeKernel(q2, k, 1, NULL, &g, NULL, 0, NULL, NULL));
    cl_event u2 = clCreateUserEvent(ctx2, &err);
    OK("clCreateUserEvent(other context)", err);
    REP("clEnqueueMarkerWithWaitList(event of other context)", clEnqueueMarkerWithWaitList(q, 1, &u2, NULL));
    OK("clSetUserEventStatus", clSetUserEventStatus(u2, CL_COMPLETE));
    REP("clReleaseEvent", clReleaseEvent(u2));
    REP("clBuildProgram(device list with NULL)", clBuildProgram(p, 1, (cl_device_id[]){ NULL }, NULL, NULL, NULL));

    printf("== program state errors\n");
    cl_program unbuilt = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    cl_kernel ku = clCreateKernel(unbuilt, "k", &err);
    REP("clCreateKernel(unbuilt program)", err);
    (void)ku;
    REP("clCreateKernelsInProgram(unbuilt program)", clCreateKernelsInProgram(unbuilt, 0, NULL, &u));
    REP("clGetProgramInfo(CL_PROGRAM_NUM_KERNELS, unbuilt)", clGetProgramInfo(unbuilt, CL_PROGRAM_NUM_KERNELS, sizeof sz, &sz, NULL));
    REP("clReleaseProgram", clReleaseProgram(unbuilt));
    REP("clEnqueueNDRangeKernel(arg not set)", clEnqueueNDRangeKernel(q, k, 1, NULL, &g, NULL, 0, NULL, NULL));

    REP("clReleaseKernel", clReleaseKernel(k));
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clReleaseMemObject", clReleaseMemObject(b));
    REP("clReleaseMemObject", clReleaseMemObject(b2));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q2));
    REP("clReleaseContext", clReleaseContext(ctx));
    REP("clReleaseContext", clReleaseContext(ctx2));
    printf("DONE\n");
    return 0;
}
