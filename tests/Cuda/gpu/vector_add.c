/* Vector add through the driver API: module from a fatbin (cuModuleLoadFatBinary), sync copies, one launch. */
#include "common.h"

int main(int argc, char **argv)
{
    enum { N = 1 << 20 };
    CUdevice dev; CUcontext ctx; CUmodule mod; CUfunction f;
    CHECK(cuInit(0));
    CHECK(cuDeviceGet(&dev, 0));
    ctx = create_context(dev);
    char *fatbin = read_file(argv[1], NULL, 0);
    CHECK(cuModuleLoadFatBinary(&mod, fatbin));
    CHECK(cuModuleGetFunction(&f, mod, "vec_add"));
    float *a = malloc(N * 4), *b = malloc(N * 4), *c = malloc(N * 4);
    for (int i = 0; i < N; i++) { a[i] = (float)(i % 1000); b[i] = (float)(2 * (i % 777)); }
    CUdeviceptr da, db, dc;
    CHECK(cuMemAlloc(&da, N * 4)); CHECK(cuMemAlloc(&db, N * 4)); CHECK(cuMemAlloc(&dc, N * 4));
    CHECK(cuMemcpyHtoD(da, a, N * 4)); CHECK(cuMemcpyHtoD(db, b, N * 4));
    int n = N;
    void *args[] = { &da, &db, &dc, &n };
    CHECK(cuLaunchKernel(f, (N + 255) / 256, 1, 1, 256, 1, 1, 0, NULL, args, NULL));
    CHECK(cuMemcpyDtoH(c, dc, N * 4));
    double sum = 0; int bad = 0;
    for (int i = 0; i < N; i++) { sum += c[i]; bad += c[i] != a[i] + b[i]; }
    printf("vector_add: n=%d sum=%.0f wrong=%d\n", N, sum, bad);
    CHECK(cuMemFree(da)); CHECK(cuMemFree(db)); CHECK(cuMemFree(dc));
    CHECK(cuModuleUnload(mod));
    CHECK(cuCtxDestroy(ctx));
    return bad != 0;
}
