/* Kernel argument values a library must never take for its own pointers, for
 * the remoting worker only (natively each would make PoCL follow a wild
 * pointer, or assert): a forged address, a released buffer, a sampler where a
 * buffer goes, a buffer or forged address where a sampler goes, a forged image,
 * a buffer for an image and an image for a buffer, a by-value struct of no
 * size, and launches of a geometry no device runs. Each must come back with the
 * error a conformant library reports, and the kernel then still runs with valid
 * arguments: hostile_args.expected is the transcript. */
#include "common.h"

static const char *src =
    "typedef struct { int a; int b; } pair_t;\n"
    "__kernel void k(__global int *out, sampler_t smp, __read_only image2d_t im, pair_t p, long v) {\n"
    "    float4 px = read_imagef(im, smp, (int2)(0, 0));\n"
    "    out[get_global_id(0)] = p.a + (int)v + (int)(px.x * 255.0f + 0.5f);\n"
    "}\n";

typedef struct { cl_int a; cl_int b; } pair_t;

static void run(cl_device_id dev, cl_context ctx, cl_command_queue q, const char *options)
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
    cl_int result[4] = { 0 };
    REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, sizeof result, result, 0, NULL, NULL));
    printf("  results %d %d %d %d\n", result[0], result[1], result[2], result[3]);
    /* Geometry no device can run: natively PoCL may take some of it and run the kernel at wrapped global ids. */
    size_t far = SIZE_MAX - 1, none = 0, four[4] = { 4, 1, 1, 1 };
    REP("launch: offset and size past size_t", clEnqueueNDRangeKernel(q, k, 1, &far, &global, NULL, 0, NULL, NULL));
    REP("launch: 4 dimensions", clEnqueueNDRangeKernel(q, k, 4, NULL, four, NULL, 0, NULL, NULL));
    REP("launch: no global size", clEnqueueNDRangeKernel(q, k, 1, NULL, NULL, NULL, 0, NULL, NULL));
    REP("launch: work-group size 0", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &none, 0, NULL, NULL));

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
    run(dev, ctx, q, NULL);
    run(dev, ctx, q, "-cl-std=CL1.2");
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
