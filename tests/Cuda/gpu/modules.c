/* Modules and libraries: PTX text (cuModuleLoadDataEx), a cubin in memory (cuModuleLoadData), a globals lookup,
 * a library (cuLibraryLoadData) whose CUkernel is launched directly, cuLaunchKernelEx, cuGetProcAddress. */
#include <string.h>
#include "common.h"

int main(int argc, char **argv)
{
    CUdevice dev; CUcontext ctx; CUmodule ptxMod, cubinMod; CUfunction f; CUlibrary lib; CUkernel k;
    CHECK(cuInit(0));
    int version = 0, count = 0, major = 0;
    char name[128];
    CHECK(cuDriverGetVersion(&version));
    CHECK(cuDeviceGetCount(&count));
    CHECK(cuDeviceGet(&dev, 0));
    CHECK(cuDeviceGetName(name, sizeof name, dev));
    CHECK(cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev));
    printf("modules: driver %d, %d device(s), device 0 '%s' sm_%d\n", version, count, name, major);
    ctx = create_context(dev);
    char *ptx = read_file(argv[1], NULL, 1);
    size_t cubinSize;
    char *cubin = read_file(argv[2], &cubinSize, 0);
    CHECK(cuModuleLoadDataEx(&ptxMod, ptx, 0, NULL, NULL));
    CHECK(cuModuleLoadData(&cubinMod, cubin));
    CUdeviceptr counter; size_t bytes;
    CHECK(cuModuleGetGlobal(&counter, &bytes, cubinMod, "counter"));
    CHECK(cuModuleGetFunction(&f, cubinMod, "count_up"));
    CHECK(cuMemsetD32(counter, 40, 1));
    int times = 2;
    void *args[] = { &times };
    CUlaunchConfig config;
    memset(&config, 0, sizeof config);
    config.gridDimX = config.gridDimY = config.gridDimZ = 1;
    config.blockDimX = 32; config.blockDimY = config.blockDimZ = 1;
    CHECK(cuLaunchKernelEx(&config, f, args, NULL));
    int value = 0;
    CHECK(cuMemcpyDtoH(&value, counter, 4));
    printf("modules: global bytes %zu, counter %d\n", bytes, value);
    CHECK(cuLibraryLoadData(&lib, ptx, NULL, NULL, 0, NULL, NULL, 0));
    CHECK(cuLibraryGetKernel(&k, lib, "scale"));
    enum { N = 1024 };
    float h[N];
    for (int i = 0; i < N; i++) h[i] = 1.0f;
    CUdeviceptr d;
    CHECK(cuMemAlloc(&d, sizeof h));
    CHECK(cuMemcpyHtoD(d, h, sizeof h));
    float factor = 3.0f; int n = N;
    void *kargs[] = { &d, &factor, &n };
    CHECK(cuLaunchKernel((CUfunction)k, N / 256, 1, 1, 256, 1, 1, 0, NULL, kargs, NULL));
    CHECK(cuMemcpyDtoH(h, d, sizeof h));
    printf("modules: library kernel h[0]=%.1f h[1023]=%.1f\n", h[0], h[1023]);
    void *pfn = NULL;
    CUdriverProcAddressQueryResult status;
    CHECK(cuGetProcAddress("cuMemAlloc", &pfn, CUDA_VERSION, CU_GET_PROC_ADDRESS_DEFAULT, &status));
    CUresult missing = cuGetProcAddress("cuDoesNotExist", &pfn, CUDA_VERSION, CU_GET_PROC_ADDRESS_DEFAULT, &status);
    printf("modules: unknown proc -> %d, pfn %s, status %d\n", (int)missing, pfn ? "set" : "NULL", (int)status);
    CHECK(cuMemFree(d));
    CHECK(cuLibraryUnload(lib));
    CHECK(cuModuleUnload(ptxMod));
    CHECK(cuModuleUnload(cubinMod));
    CHECK(cuCtxDestroy(ctx));
    return 0;
}
