/* Extension and optional-feature queries: clGetExtensionFunctionAddress,
 * clGetExtensionFunctionAddressForPlatform, platform/device extension
 * strings, SVM capabilities vs clSVMAlloc, clCreatePipe, clGetHostTimer,
 * clGetDeviceAndHostTimer. */
#include "common.h"

static int has_token(const char *list, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = list; (p = strstr(p, tok)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
    return 0;
}

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);

    printf("== extension function addresses\n");
    static const char *bogus[] = { "clBogusFunctionXYZ", "clNotARealEntryPointKHR", "" };
    for (size_t i = 0; i < sizeof bogus / sizeof bogus[0]; i++) {
        void *a = clGetExtensionFunctionAddressForPlatform(plat, bogus[i]);
        printf("clGetExtensionFunctionAddressForPlatform(\"%s\") -> %s\n", bogus[i], NN(a));
        void *b = clGetExtensionFunctionAddress(bogus[i]);
        printf("clGetExtensionFunctionAddress(\"%s\") -> %s\n", bogus[i], NN(b));
    }

    printf("== extension strings\n");
    char pext[4096] = { 0 };
    REP("clGetPlatformInfo(CL_PLATFORM_EXTENSIONS)", clGetPlatformInfo(plat, CL_PLATFORM_EXTENSIONS, sizeof pext, pext, NULL));
    printf("  cl_khr_icd=%s\n", YN(has_token(pext, "cl_khr_icd")));
    size_t dsz = 0;
    REP("clGetDeviceInfo(CL_DEVICE_EXTENSIONS, size)", clGetDeviceInfo(dev, CL_DEVICE_EXTENSIONS, 0, NULL, &dsz));
    char *dext = calloc(dsz + 1, 1);
    REP("clGetDeviceInfo(CL_DEVICE_EXTENSIONS)", clGetDeviceInfo(dev, CL_DEVICE_EXTENSIONS, dsz, dext, NULL));
    static const char *exts[] = { "cl_khr_fp64", "cl_khr_global_int32_base_atomics", "cl_khr_local_int32_base_atomics",
                                  "cl_khr_byte_addressable_store", "cl_khr_3d_image_writes", "cl_khr_int64_base_atomics",
                                  "cl_khr_icd", "cl_khr_no_such_extension" };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        printf("  device %s=%s\n", exts[i], YN(has_token(dext, exts[i])));
    free(dext);

    printf("== SVM\n");
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_device_svm_capabilities caps = 0;
    REP("clGetDeviceInfo(CL_DEVICE_SVM_CAPABILITIES)",
        clGetDeviceInfo(dev, CL_DEVICE_SVM_CAPABILITIES, sizeof caps, &caps, NULL));
    void *svm = clSVMAlloc(ctx, CL_MEM_READ_WRITE, 4096, 0);
    /* The capability value itself may legitimately differ between
     * implementations; what must hold is that allocation succeeds exactly
     * when coarse-grain buffer SVM is reported. */
    int coarse = (caps & CL_DEVICE_SVM_COARSE_GRAIN_BUFFER) != 0;
    printf("  clSVMAlloc consistent with reported capabilities=%s\n", YN(coarse == (svm != NULL)));
    if (svm)
        clSVMFree(ctx, svm);
    void *svm0 = clSVMAlloc(ctx, CL_MEM_READ_WRITE, 0, 0);
    printf("clSVMAlloc(size 0) -> %s\n", NN(svm0));

    printf("== pipes\n");
    cl_bool pipes = CL_FALSE;
    REP("clGetDeviceInfo(CL_DEVICE_PIPE_SUPPORT)", clGetDeviceInfo(dev, CL_DEVICE_PIPE_SUPPORT, sizeof pipes, &pipes, NULL));
    printf("  value=%s\n", pipes ? "CL_TRUE" : "CL_FALSE");
    cl_mem pipe = clCreatePipe(ctx, CL_MEM_READ_WRITE, 16, 64, NULL, &err);
    if (REP("clCreatePipe(16 bytes x 64)", err) == CL_SUCCESS) {
        cl_uint ps = 0;
        REP("clGetPipeInfo(CL_PIPE_PACKET_SIZE)", clGetPipeInfo(pipe, CL_PIPE_PACKET_SIZE, sizeof ps, &ps, NULL));
        printf("  value=%u\n", ps);
        REP("clReleaseMemObject", clReleaseMemObject(pipe));
    }

    printf("== timers\n");
    cl_ulong ht = 0, dt = 0, ht2 = 0;
    REP("clGetHostTimer", clGetHostTimer(dev, &ht));
    REP("clGetDeviceAndHostTimer", clGetDeviceAndHostTimer(dev, &dt, &ht2));
    REP("clGetHostTimer(NULL timestamp)", clGetHostTimer(dev, NULL));
    REP("clGetDeviceAndHostTimer(NULL device timestamp)", clGetDeviceAndHostTimer(dev, NULL, &ht2));
    REP("clGetHostTimer(NULL device)", clGetHostTimer(NULL, &ht));

    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
