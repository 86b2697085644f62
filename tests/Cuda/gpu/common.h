/* Shared by the GPU proof programs: error checks that print the CUresult name, file loading, context creation
 * that compiles against cuda.h of CUDA 12 and 13. Programs print results, never pointers, handles or timings. */
#include <cuda.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(call) do { CUresult r_ = (call); if (r_ != CUDA_SUCCESS) { const char *n_ = NULL; cuGetErrorName(r_, &n_); \
    printf("FAILED %s = %d %s (line %d)\n", #call, (int)r_, n_ ? n_ : "?", __LINE__); exit(1); } } while (0)

static inline char *read_file(const char *path, size_t *size, int terminate)
{
    FILE *f = fopen(path, "rb");
    if (!f) { printf("cannot open %s\n", path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = (char *)malloc((size_t)n + 1);
    if (fread(data, 1, (size_t)n, f) != (size_t)n) { printf("cannot read %s\n", path); exit(1); }
    fclose(f);
    if (terminate) data[n] = 0;
    if (size) *size = (size_t)n;
    return data;
}

static inline CUcontext create_context(CUdevice dev)
{
    CUcontext ctx;
#if CUDA_VERSION >= 13000
    CHECK(cuCtxCreate(&ctx, NULL, 0, dev));
#else
    CHECK(cuCtxCreate(&ctx, 0, dev));
#endif
    return ctx;
}
