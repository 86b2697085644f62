/* Kernel argument values a library must never take for its own pointers, for
 * the remoting worker only (natively each would make PoCL follow a wild
 * pointer, or assert): a forged address, a released buffer, a sampler where a
 * buffer goes, a buffer or forged address where a sampler goes, a forged image,
 * a buffer for an image and an image for a buffer, a by-value struct of no
 * size, and launches of a geometry no device runs. Each must come back with the
 * error a conformant library reports, and the kernel then still runs with valid
 * arguments. Then what is checked when a kernel is launched: a buffer, sampler
 * or image released after it was set (PoCL would follow freed memory), also in
 * a clone of the kernel and through clEnqueueTask, objects of another context
 * (PoCL 3.1 takes them), and a command buffer's kernel command with the same
 * hostile geometry and arguments (PoCL 3.1 records an offset past size_t and
 * follows a NULL kernel), and a launch whose event wait list is NULL with a
 * count. hostile_args.expected is the transcript. */
#include "common.h"
#include <CL/cl_ext.h>

static const char *src =
    "typedef struct { int a; int b; } pair_t;\n"
    "__kernel void k(__global int *out, sampler_t smp, __read_only image2d_t im, pair_t p, long v) {\n"
    "    float4 px = read_imagef(im, smp, (int2)(0, 0));\n"
    "    out[get_global_id(0)] = p.a + (int)v + (int)(px.x * 255.0f + 0.5f);\n"
    "}\n";

typedef struct { cl_int a; cl_int b; } pair_t;

/* A launch that must be refused: with an event, so that it answers for itself. */
static void refused(const char *what, cl_int status, cl_event *event)
{
    REP(what, status);
    if (status == CL_SUCCESS) {
        clWaitForEvents(1, event);
        clReleaseEvent(*event);
    }
}

static cl_int read_results(cl_command_queue q, cl_mem out)
{
    cl_int result[4] = { 0 };
    cl_int status = REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, sizeof result, result, 0, NULL, NULL));
    printf("  results %d %d %d %d\n", result[0], result[1], result[2], result[3]);
    return status;
}

/* Arguments whose objects went after they were set, and objects of another context. */
static void at_launch(cl_platform_id plat, cl_device_id dev, cl_context ctx, cl_command_queue q, cl_kernel k, cl_mem out, cl_sampler smp, cl_mem img)
{
    cl_int err;
    cl_event ev;
    size_t global = 4;
    printf("-- released after they were set\n");
    cl_mem gone = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 64, NULL, &err);
    OK("clCreateBuffer(to release)", err);
    REP("global: buffer to release", clSetKernelArg(k, 0, sizeof gone, &gone));
    cl_kernel clone = clCloneKernel(k, &err);
    OK("clCloneKernel", err);
    REP("clReleaseMemObject", clReleaseMemObject(gone));
    refused("launch: released buffer", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, &ev), &ev);
    refused("task: released buffer", clEnqueueTask(q, k, 0, NULL, &ev), &ev);
    refused("launch clone: released buffer", clEnqueueNDRangeKernel(q, clone, 1, NULL, &global, NULL, 0, NULL, &ev), &ev);
    REP("clReleaseKernel(clone)", clReleaseKernel(clone));
    REP("global: buffer", clSetKernelArg(k, 0, sizeof out, &out));

    cl_sampler gone_smp = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
    OK("clCreateSampler(to release)", err);
    REP("sampler: sampler to release", clSetKernelArg(k, 1, sizeof gone_smp, &gone_smp));
    REP("clReleaseSampler", clReleaseSampler(gone_smp));
    refused("launch: released sampler", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, &ev), &ev);
    REP("sampler: sampler", clSetKernelArg(k, 1, sizeof smp, &smp));

    cl_image_format format = { CL_RGBA, CL_UNORM_INT8 };
    cl_image_desc desc = { .image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 1, .image_height = 1 };
    cl_mem gone_img = clCreateImage(ctx, CL_MEM_READ_ONLY, &format, &desc, NULL, &err);
    OK("clCreateImage(to release)", err);
    REP("image: image to release", clSetKernelArg(k, 2, sizeof gone_img, &gone_img));
    REP("clReleaseMemObject(image)", clReleaseMemObject(gone_img));
    refused("launch: released image", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, &ev), &ev);
    REP("image: image", clSetKernelArg(k, 2, sizeof img, &img));
    REP("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    read_results(q, out);

    printf("-- objects of another context\n");
    cl_context other = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext(other)", err);
    cl_command_queue other_q = clCreateCommandQueueWithProperties(other, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties(other)", err);
    cl_mem other_buf = clCreateBuffer(other, CL_MEM_READ_WRITE, 4 * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer(other)", err);
    cl_sampler other_smp = clCreateSampler(other, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
    OK("clCreateSampler(other)", err);
    cl_mem other_img = clCreateImage(other, CL_MEM_READ_ONLY, &format, &desc, NULL, &err);
    OK("clCreateImage(other)", err);
    REP("global: buffer of another context", clSetKernelArg(k, 0, sizeof other_buf, &other_buf));
    REP("sampler: sampler of another context", clSetKernelArg(k, 1, sizeof other_smp, &other_smp));
    REP("image: image of another context", clSetKernelArg(k, 2, sizeof other_img, &other_img));
    refused("launch: queue of another context", clEnqueueNDRangeKernel(other_q, k, 1, NULL, &global, NULL, 0, NULL, &ev), &ev);
    refused("task: queue of another context", clEnqueueTask(other_q, k, 0, NULL, &ev), &ev);
    REP("clReleaseMemObject(other image)", clReleaseMemObject(other_img));
    REP("clReleaseSampler(other)", clReleaseSampler(other_smp));
    REP("clReleaseMemObject(other buffer)", clReleaseMemObject(other_buf));
    REP("clReleaseCommandQueue(other)", clReleaseCommandQueue(other_q));
    REP("clReleaseContext(other)", clReleaseContext(other));

    printf("-- command buffer kernel commands\n");
    clCreateCommandBufferKHR_fn create_cb = (clCreateCommandBufferKHR_fn)clGetExtensionFunctionAddressForPlatform(plat, "clCreateCommandBufferKHR");
    clCommandNDRangeKernelKHR_fn ndrange_cb = (clCommandNDRangeKernelKHR_fn)clGetExtensionFunctionAddressForPlatform(plat, "clCommandNDRangeKernelKHR");
    clFinalizeCommandBufferKHR_fn finalize_cb = (clFinalizeCommandBufferKHR_fn)clGetExtensionFunctionAddressForPlatform(plat, "clFinalizeCommandBufferKHR");
    clEnqueueCommandBufferKHR_fn enqueue_cb = (clEnqueueCommandBufferKHR_fn)clGetExtensionFunctionAddressForPlatform(plat, "clEnqueueCommandBufferKHR");
    clReleaseCommandBufferKHR_fn release_cb = (clReleaseCommandBufferKHR_fn)clGetExtensionFunctionAddressForPlatform(plat, "clReleaseCommandBufferKHR");
    if (create_cb == NULL || ndrange_cb == NULL || finalize_cb == NULL || enqueue_cb == NULL || release_cb == NULL) {
        printf("  no cl_khr_command_buffer\n");
        return;
    }
    cl_command_buffer_khr cb = create_cb(1, &q, NULL, &err);
    OK("clCreateCommandBufferKHR", err);
    /* errors.c's kernel, which takes no sampler. */
    const char *plain_src = "__kernel void k(__global int *d) { d[get_global_id(0)] = 1; }\n";
    cl_program plain_prog = clCreateProgramWithSource(ctx, 1, &plain_src, NULL, &err);
    OK("clCreateProgramWithSource(no sampler)", err);
    OK("clBuildProgram(no sampler)", clBuildProgram(plain_prog, 1, &dev, NULL, NULL, NULL));
    cl_kernel plain = clCreateKernel(plain_prog, "k", &err);
    OK("clCreateKernel(no sampler)", err);
    size_t far = SIZE_MAX - 1, none = 0, four[4] = { 4, 1, 1, 1 };
    REP("command: offset and size past size_t", ndrange_cb(cb, NULL, NULL, k, 1, &far, &global, NULL, 0, NULL, NULL, NULL));
    REP("command: 4 dimensions", ndrange_cb(cb, NULL, NULL, k, 4, NULL, four, NULL, 0, NULL, NULL, NULL));
    REP("command: 0 dimensions", ndrange_cb(cb, NULL, NULL, k, 0, NULL, &global, NULL, 0, NULL, NULL, NULL));
    REP("command: no global size", ndrange_cb(cb, NULL, NULL, k, 1, NULL, NULL, NULL, 0, NULL, NULL, NULL));
    REP("command: work-group size 0", ndrange_cb(cb, NULL, NULL, k, 1, NULL, &global, &none, 0, NULL, NULL, NULL));
    REP("command: no kernel", ndrange_cb(cb, NULL, NULL, NULL, 1, NULL, &global, NULL, 0, NULL, NULL, NULL));
    /* PoCL 3.1 aborts recording a kernel with a sampler argument. */
    REP("command: a kernel with a sampler argument", ndrange_cb(cb, NULL, NULL, k, 1, NULL, &global, NULL, 0, NULL, NULL, NULL));
    gone = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 64, NULL, &err);
    OK("clCreateBuffer(to release)", err);
    REP("global: buffer to release", clSetKernelArg(plain, 0, sizeof gone, &gone));
    REP("clReleaseMemObject", clReleaseMemObject(gone));
    REP("command: released buffer", ndrange_cb(cb, NULL, NULL, plain, 1, NULL, &global, NULL, 0, NULL, NULL, NULL));
    /* A recorded command keeps its objects: one released after recording still runs. */
    cl_mem kept = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 4 * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer(released after recording)", err);
    REP("global: buffer released after recording", clSetKernelArg(plain, 0, sizeof kept, &kept));
    REP("command: valid", ndrange_cb(cb, NULL, NULL, plain, 1, NULL, &global, NULL, 0, NULL, NULL, NULL));
    REP("clReleaseMemObject(recorded)", clReleaseMemObject(kept));
    REP("global: buffer", clSetKernelArg(plain, 0, sizeof out, &out));
    REP("command: valid, into out", ndrange_cb(cb, NULL, NULL, plain, 1, NULL, &global, NULL, 0, NULL, NULL, NULL));
    REP("clFinalizeCommandBufferKHR", finalize_cb(cb));
    REP("clEnqueueCommandBufferKHR", enqueue_cb(0, NULL, cb, 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    read_results(q, out);
    REP("clReleaseCommandBufferKHR", release_cb(cb));
    REP("clReleaseKernel(no sampler)", clReleaseKernel(plain));
    REP("clReleaseProgram(no sampler)", clReleaseProgram(plain_prog));
}

static void run(cl_platform_id plat, cl_device_id dev, cl_context ctx, cl_command_queue q, const char *options)
{
    cl_int err;
    printf("== program built with %s\n", options ? options : "no options");
    cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    OK("clBuildProgram", clBuildProgram(prog, 1, &dev, options, NULL, NULL));
    cl_kernel k = clCreateKernel(prog, "k", &err);
    OK("clCreateKernel", err);

    cl_mem out = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, 4 * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer", err);
    cl_mem gone = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 64, NULL, &err);
    OK("clCreateBuffer(to release)", err);
    REP("clReleaseMemObject", clReleaseMemObject(gone));
    cl_image_format format = { CL_RGBA, CL_UNORM_INT8 };
    cl_image_desc desc = { .image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 1, .image_height = 1 };
    unsigned char pixel[4] = { 9, 0, 0, 0 };
    cl_mem img = clCreateImage(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, &format, &desc, pixel, &err);
    OK("clCreateImage", err);
    cl_sampler smp = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
    OK("clCreateSampler", err);

    uint64_t forged = 0x4141414141414141ull;
    pair_t p = { 2, 0 };
    REP("global: forged address", clSetKernelArg(k, 0, sizeof forged, &forged));
    REP("global: released buffer", clSetKernelArg(k, 0, sizeof gone, &gone));
    REP("global: a sampler", clSetKernelArg(k, 0, sizeof smp, &smp));
    REP("sampler: a buffer", clSetKernelArg(k, 1, sizeof out, &out));
    REP("sampler: forged address", clSetKernelArg(k, 1, sizeof forged, &forged));
    REP("image: forged address", clSetKernelArg(k, 2, sizeof forged, &forged));
    REP("image: released buffer", clSetKernelArg(k, 2, sizeof gone, &gone));
    /* An image's storage is no array of ints, and a buffer holds no image descriptor. */
    REP("image: a buffer", clSetKernelArg(k, 2, sizeof out, &out));
    REP("global: an image", clSetKernelArg(k, 0, sizeof img, &img));
    REP("struct: no size", clSetKernelArg(k, 3, 0, &p));
    /* A scalar is a number, whatever it equals. */
    cl_long v = (cl_long)(intptr_t)out;
    REP("long: the value of a handle", clSetKernelArg(k, 4, sizeof v, &v));
    v = (cl_long)forged;
    REP("long: the forged value", clSetKernelArg(k, 4, sizeof v, &v));

    v = 1;
    REP("global: buffer", clSetKernelArg(k, 0, sizeof out, &out));
    REP("sampler: sampler", clSetKernelArg(k, 1, sizeof smp, &smp));
    REP("image: image", clSetKernelArg(k, 2, sizeof img, &img));
    REP("struct: value", clSetKernelArg(k, 3, sizeof p, &p));
    REP("long: value", clSetKernelArg(k, 4, sizeof v, &v));
    size_t global = 4;
    REP("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 0, NULL, NULL));
    read_results(q, out);
    /* Geometry no device can run: natively PoCL may take some of it and run the kernel at wrapped global ids. */
    size_t far = SIZE_MAX - 1, none = 0, four[4] = { 4, 1, 1, 1 };
    REP("launch: offset and size past size_t", clEnqueueNDRangeKernel(q, k, 1, &far, &global, NULL, 0, NULL, NULL));
    REP("launch: 4 dimensions", clEnqueueNDRangeKernel(q, k, 4, NULL, four, NULL, 0, NULL, NULL));
    REP("launch: no global size", clEnqueueNDRangeKernel(q, k, 1, NULL, NULL, NULL, 0, NULL, NULL));
    REP("launch: work-group size 0", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &none, 0, NULL, NULL));
    /* PoCL 3.1 walks the wait list of a launch before it checks it: natively a NULL list of one event is a crash. */
    REP("launch: NULL wait list of 1 event", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, NULL, 1, NULL, NULL));
    at_launch(plat, dev, ctx, q, k, out, smp, img);

    REP("clReleaseSampler", clReleaseSampler(smp));
    REP("clReleaseMemObject(image)", clReleaseMemObject(img));
    REP("clReleaseMemObject(out)", clReleaseMemObject(out));
    REP("clReleaseKernel", clReleaseKernel(k));
    REP("clReleaseProgram", clReleaseProgram(prog));
}

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
    run(plat, dev, ctx, q, NULL);
    run(plat, dev, ctx, q, "-cl-std=CL1.2");
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
