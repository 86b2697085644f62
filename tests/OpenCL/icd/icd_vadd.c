/* Picks our platform among those the system ICD loader lists (it reads as the real platform, its
 * CL_PLATFORM_ICD_SUFFIX_KHR "AvA" tells it apart), and adds two vectors on it. Checks along the way that handles read back from info queries are the objects the application
 * holds (the ICD loader dispatches through them). Prints PASS or FAIL and exits 0 or 1. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <CL/cl_ext.h>
#include <stdio.h>
#include <string.h>

#define N 4096
#define CHECK(call)                                                                     \
    do {                                                                                \
        cl_int err_ = (call);                                                           \
        if (err_ != CL_SUCCESS) {                                                       \
            printf("%s -> %d\nFAIL\n", #call, err_);                                    \
            return 1;                                                                   \
        }                                                                               \
    } while (0)

static const char *source =
    "__kernel void vadd(__global const float *a, __global const float *b, __global float *c) {\n"
    "    size_t i = get_global_id(0);\n"
    "    c[i] = a[i] + b[i];\n"
    "}\n";

int main(void)
{
    cl_platform_id platforms[16], platform = NULL;
    cl_uint count = 0;
    CHECK(clGetPlatformIDs(16, platforms, &count));
    for (cl_uint i = 0; i < count && i < 16; i++) {
        char name[256] = "", suffix[64] = "";
        CHECK(clGetPlatformInfo(platforms[i], CL_PLATFORM_NAME, sizeof name, name, NULL));
        CHECK(clGetPlatformInfo(platforms[i], CL_PLATFORM_ICD_SUFFIX_KHR, sizeof suffix, suffix, NULL));
        printf("platform %u: %s (suffix %s)\n", i, name, suffix);
        if (strcmp(suffix, "AvA") == 0)
            platform = platforms[i];
    }
    if (platform == NULL) {
        printf("no remoted platform\nFAIL\n");
        return 1;
    }

    cl_device_id device, back_device;
    cl_platform_id back_platform;
    cl_int err;
    CHECK(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL));
    CHECK(clGetDeviceInfo(device, CL_DEVICE_PLATFORM, sizeof back_platform, &back_platform, NULL));
    cl_context_properties props[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)platform, 0};
    cl_context context = clCreateContext(props, 1, &device, NULL, NULL, &err);
    CHECK(err);
    CHECK(clGetContextInfo(context, CL_CONTEXT_DEVICES, sizeof back_device, &back_device, NULL));
    if (back_platform != platform || back_device != device) {
        printf("info handles differ from the application's\nFAIL\n");
        return 1;
    }

    cl_command_queue queue = clCreateCommandQueueWithProperties(context, device, NULL, &err);
    CHECK(err);
    cl_program program = clCreateProgramWithSource(context, 1, &source, NULL, &err);
    CHECK(err);
    CHECK(clBuildProgram(program, 1, &device, "", NULL, NULL));
    cl_kernel kernel = clCreateKernel(program, "vadd", &err);
    CHECK(err);

    static float a[N], b[N], c[N];
    for (int i = 0; i < N; i++) {
        a[i] = (float)i;
        b[i] = (float)(2 * i + 1);
    }
    cl_mem da = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof a, a, &err);
    CHECK(err);
    cl_mem db = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof b, b, &err);
    CHECK(err);
    cl_mem dc = clCreateBuffer(context, CL_MEM_WRITE_ONLY, sizeof c, NULL, &err);
    CHECK(err);
    CHECK(clSetKernelArg(kernel, 0, sizeof da, &da));
    CHECK(clSetKernelArg(kernel, 1, sizeof db, &db));
    CHECK(clSetKernelArg(kernel, 2, sizeof dc, &dc));
    size_t global = N;
    cl_event done;
    CHECK(clEnqueueNDRangeKernel(queue, kernel, 1, NULL, &global, NULL, 0, NULL, &done));
    CHECK(clWaitForEvents(1, &done));
    CHECK(clEnqueueReadBuffer(queue, dc, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));

    int wrong = 0;
    for (int i = 0; i < N; i++)
        wrong += c[i] != a[i] + b[i];
    printf("vadd of %d elements: %d wrong\n", N, wrong);

    clReleaseEvent(done);
    clReleaseMemObject(da);
    clReleaseMemObject(db);
    clReleaseMemObject(dc);
    clReleaseKernel(kernel);
    clReleaseProgram(program);
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
    printf(wrong == 0 ? "PASS\n" : "FAIL\n");
    return wrong != 0;
}
