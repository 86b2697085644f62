/* Kernel arguments by type: clSetKernelArg with values of the right and of
 * the wrong shape for __global, __constant and __local pointers, by-value
 * scalars and structs, samplers and images, on kernels from clCreateKernel,
 * clCreateKernelsInProgram and clCloneKernel of a program built without
 * options (argument info available) and with options (not available); each
 * kernel then runs with valid arguments and its result is checked. Only the
 * error cases the library itself reports are here: a value that is no object
 * at all (a forged address, a released buffer) would make it follow a wild
 * pointer natively; `hostile_args` covers those through the worker. */
#include "common.h"

static const char *src =
    "typedef struct { int a; int b; } pair_t;\n"
    "__kernel void k(__global int *out, __constant int *in, __local int *scratch, long v, pair_t p,\n"
    "                sampler_t smp, __read_only image2d_t im, int n) {\n"
    "    size_t i = get_global_id(0);\n"
    "    scratch[get_local_id(0)] = in[i] + n;\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    float4 px = read_imagef(im, smp, (int2)(0, 0));\n"
    "    out[i] = scratch[get_local_id(0)] + (int)v + p.a * p.b + (int)(px.x * 255.0f + 0.5f);\n"
    "}\n";

typedef struct { cl_int a; cl_int b; } pair_t;

static cl_context ctx;
static cl_command_queue q;
static cl_mem in_buf, out_buf, img, other_img;
static cl_sampler smp;

static void set_errors(cl_kernel k)
{
    cl_long v = 5;
    pair_t p = { 3, 4 };
    char big[32] = { 0 };
    cl_mem none = NULL;
    cl_int n = 1;
    REP("global: size 4", clSetKernelArg(k, 0, 4, &out_buf));
    REP("global: size 16", clSetKernelArg(k, 0, 16, big));
    REP("global: NULL value", clSetKernelArg(k, 0, sizeof(cl_mem), NULL));
    REP("global: NULL cl_mem", clSetKernelArg(k, 0, sizeof(cl_mem), &none));
    REP("constant: size 0", clSetKernelArg(k, 1, 0, NULL));
    REP("local: value given", clSetKernelArg(k, 2, sizeof(cl_mem), &in_buf));
    REP("local: size 0", clSetKernelArg(k, 2, 0, NULL));
    REP("local: 64 bytes", clSetKernelArg(k, 2, 64, NULL));
    REP("long: NULL value", clSetKernelArg(k, 3, sizeof v, NULL));
    REP("long: size 4", clSetKernelArg(k, 3, 4, &v));
    REP("long: size 0", clSetKernelArg(k, 3, 0, &v));
    REP("struct: size 4", clSetKernelArg(k, 4, 4, &p));
    REP("struct: NULL value", clSetKernelArg(k, 4, sizeof p, NULL));
    REP("struct: size 0 NULL", clSetKernelArg(k, 4, 0, NULL));
    REP("sampler: NULL value", clSetKernelArg(k, 5, sizeof smp, NULL));
    REP("sampler: size 4", clSetKernelArg(k, 5, 4, &smp));
    REP("image: NULL value", clSetKernelArg(k, 6, sizeof img, NULL));
    REP("image: size 16", clSetKernelArg(k, 6, 16, big));
    REP("int: size 8", clSetKernelArg(k, 7, 8, big));
    REP("int: NULL value", clSetKernelArg(k, 7, sizeof n, NULL));
    REP("index 8", clSetKernelArg(k, 8, sizeof n, &n));
}

static void set_and_run(const char *what, cl_kernel k, cl_long v)
{
    pair_t p = { 3, 4 };
    cl_int n = 1;
    printf("== %s\n", what);
    set_errors(k);
    REP("global: buffer", clSetKernelArg(k, 0, sizeof out_buf, &out_buf));
    REP("constant: buffer", clSetKernelArg(k, 1, sizeof in_buf, &in_buf));
    REP("local: 16 ints", clSetKernelArg(k, 2, 16 * sizeof(cl_int), NULL));
    REP("long: value", clSetKernelArg(k, 3, sizeof v, &v));
    REP("struct: value", clSetKernelArg(k, 4, sizeof p, &p));
    REP("sampler: sampler", clSetKernelArg(k, 5, sizeof smp, &smp));
    REP("image: other image", clSetKernelArg(k, 6, sizeof other_img, &other_img));
    REP("image: image", clSetKernelArg(k, 6, sizeof img, &img));
    REP("int: value", clSetKernelArg(k, 7, sizeof n, &n));
    size_t global = 16, local = 16;
    REP("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &global, &local, 0, NULL, NULL));
    cl_int out[16] = { 0 };
    REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out_buf, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
    int good = 1;
    for (int i = 0; i < 16; i++)
        good &= out[i] == i + 1 + (int)v + 12 + 7;
    printf("  results %s (out[15]=%d)\n", good ? "correct" : "WRONG", out[15]);
}

static void program(cl_device_id dev, const char *options)
{
    cl_int err;
    printf("== program built with %s\n", options ? options : "no options");
    cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    OK("clCreateProgramWithSource", err);
    OK("clBuildProgram", clBuildProgram(prog, 1, &dev, options, NULL, NULL));
    cl_kernel_arg_address_qualifier aq = 0;
    cl_kernel k = clCreateKernel(prog, "k", &err);
    OK("clCreateKernel", err);
    REP("clGetKernelArgInfo(0, ADDRESS_QUALIFIER)", clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof aq, &aq, NULL));
    set_and_run("clCreateKernel", k, 5);

    cl_kernel all[2] = { NULL, NULL };
    cl_uint count = 0;
    OK("clCreateKernelsInProgram", clCreateKernelsInProgram(prog, 2, all, &count));
    printf("  kernels=%u\n", count);
    set_and_run("clCreateKernelsInProgram", all[0], 6);

    cl_kernel clone = clCloneKernel(k, &err);
    OK("clCloneKernel", err);
    set_and_run("clCloneKernel", clone, 7);

    REP("clReleaseKernel(clone)", clReleaseKernel(clone));
    REP("clReleaseKernel(all[0])", clReleaseKernel(all[0]));
    REP("clReleaseKernel(k)", clReleaseKernel(k));
    REP("clReleaseProgram", clReleaseProgram(prog));
}

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_int in[16];
    for (int i = 0; i < 16; i++)
        in[i] = i;
    in_buf = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in, in, &err);
    OK("clCreateBuffer(in)", err);
    out_buf = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof in, NULL, &err);
    OK("clCreateBuffer(out)", err);
    cl_image_format format = { CL_RGBA, CL_UNORM_INT8 };
    cl_image_desc desc = { .image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 2, .image_height = 2 };
    unsigned char pixels[16] = { 7, 0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0 };
    img = clCreateImage(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, &format, &desc, pixels, &err);
    OK("clCreateImage", err);
    other_img = clCreateImage(ctx, CL_MEM_READ_ONLY, &format, &desc, NULL, &err);
    OK("clCreateImage(other)", err);
    smp = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
    OK("clCreateSampler", err);

    program(dev, NULL);
    program(dev, "-cl-std=CL1.2");
    program(dev, "-cl-kernel-arg-info");

    REP("clReleaseSampler", clReleaseSampler(smp));
    REP("clReleaseMemObject(other image)", clReleaseMemObject(other_img));
    REP("clReleaseMemObject(image)", clReleaseMemObject(img));
    REP("clReleaseMemObject(out)", clReleaseMemObject(out_buf));
    REP("clReleaseMemObject(in)", clReleaseMemObject(in_buf));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
