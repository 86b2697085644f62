/* Device memory under a quota: 1 MiB buffers are created until one fails, then the program checks that a
 * refused creation reports CL_MEM_OBJECT_ALLOCATION_FAILURE for every kind of memory object, that a retained
 * buffer keeps its memory until its last release, that the memory of a released buffer can be allocated again,
 * and that the tenant keeps working (a kernel on the new buffer). Natively (no quota) no creation fails and
 * the program says so. With the argument "hold" it stops after the first failure, holding its buffers, until
 * it is killed. */
#include "common.h"

#include <unistd.h>

#define MIB ((size_t)1 << 20)
#define MAX_BUFFERS 64

static const char *source =
    "kernel void fill(global uint *b) { size_t i = get_global_id(0); b[i] = (uint)i * 3u; }\n";

static void refused(const char *what, cl_mem m, cl_int err)
{
    REP(what, err);
    printf("  handle %s\n", NN(m));
    if (m != NULL)
        clReleaseMemObject(m);
}

int main(int argc, char **argv)
{
    int hold = argc > 1 && strcmp(argv[1], "hold") == 0;
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);

    printf("== 1 MiB buffers until a creation fails\n");
    cl_mem buffers[MAX_BUFFERS];
    int n = 0;
    cl_mem over = NULL;
    for (; n < MAX_BUFFERS; n++) {
        cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, MIB, NULL, &err);
        if (err != CL_SUCCESS) {
            over = m;
            break;
        }
        buffers[n] = m;
    }
    if (n == MAX_BUFFERS) {
        printf("created %d buffers, none failed\n", n);
        for (int i = 0; i < n; i++)
            clReleaseMemObject(buffers[i]);
        clReleaseCommandQueue(q);
        clReleaseContext(ctx);
        return 0;
    }
    printf("created %d buffers\n", n);
    refused("clCreateBuffer(1 MiB, full)", over, err);
    if (hold) {
        printf("holding %d MiB\n", n);
        fflush(stdout);
        for (;;)
            pause();
    }

    printf("== every kind of memory object is refused while full\n");
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, MIB, NULL, NULL);
    printf("clCreateBuffer(1 MiB, full, errcode_ret NULL)\n  handle %s\n", NN(m));
    if (m != NULL)
        clReleaseMemObject(m);
    cl_mem_properties none[] = { 0 };
    m = clCreateBufferWithProperties(ctx, none, CL_MEM_READ_WRITE, 16, NULL, &err);
    refused("clCreateBufferWithProperties(16 bytes, full)", m, err);
    cl_image_format format = { CL_RGBA, CL_UNORM_INT8 };
    cl_image_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.image_type = CL_MEM_OBJECT_IMAGE2D;
    desc.image_width = 64;
    desc.image_height = 64;
    m = clCreateImage(ctx, CL_MEM_READ_WRITE, &format, &desc, NULL, &err);
    refused("clCreateImage(64x64 RGBA8, full)", m, err);
    m = clCreateImage2D(ctx, CL_MEM_READ_WRITE, &format, 64, 64, 0, NULL, &err);
    refused("clCreateImage2D(64x64 RGBA8, full)", m, err);

    printf("== a retained buffer keeps its memory until its last release\n");
    OK("clRetainMemObject(buffer 0)", clRetainMemObject(buffers[0]));
    OK("clReleaseMemObject(buffer 0, one of two references)", clReleaseMemObject(buffers[0]));
    m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, MIB, NULL, &err);
    refused("clCreateBuffer(1 MiB, buffer 0 still referenced)", m, err);
    OK("clReleaseMemObject(buffer 0, last reference)", clReleaseMemObject(buffers[0]));
    buffers[0] = clCreateBuffer(ctx, CL_MEM_READ_WRITE, MIB, NULL, &err);
    REP("clCreateBuffer(1 MiB, after the last release)", err);
    printf("  handle %s\n", NN(buffers[0]));
    m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, MIB, NULL, &err);
    refused("clCreateBuffer(1 MiB, full again)", m, err);

    printf("== the tenant keeps working\n");
    cl_program p = clt_build(ctx, dev, source, "", "fill");
    cl_kernel k = clt_kernel(p, "fill");
    OK("clSetKernelArg", clSetKernelArg(k, 0, sizeof(cl_mem), &buffers[0]));
    size_t items = MIB / sizeof(cl_uint);
    OK("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(q, k, 1, NULL, &items, NULL, 0, NULL, NULL));
    cl_uint *back = malloc(MIB);
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffers[0], CL_TRUE, 0, MIB, back, 0, NULL, NULL));
    size_t wrong = 0;
    for (size_t i = 0; i < items; i++)
        wrong += back[i] != (cl_uint)i * 3u;
    printf("kernel on the new buffer: %s\n", wrong == 0 ? "ok" : "MISMATCH");
    free(back);
    clReleaseKernel(k);
    clReleaseProgram(p);

    printf("== releasing everything gives all of it back\n");
    for (int i = 0; i < n; i++)
        clReleaseMemObject(buffers[i]);
    m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, (size_t)n * MIB, NULL, &err);
    REP("clCreateBuffer(all of it at once)", err);
    if (m != NULL)
        clReleaseMemObject(m);
    OK("clReleaseCommandQueue", clReleaseCommandQueue(q));
    OK("clReleaseContext", clReleaseContext(ctx));
    return 0;
}
