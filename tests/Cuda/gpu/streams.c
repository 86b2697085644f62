/* Two streams overlapping async copies and kernels from pinned host memory, events between them; the results must
 * be in host memory when each stream synchronizes. */
#include "common.h"

int main(int argc, char **argv)
{
    enum { N = 1 << 18, CHUNKS = 8 };
    CUdevice dev; CUcontext ctx; CUmodule mod; CUfunction f;
    CHECK(cuInit(0));
    CHECK(cuDeviceGet(&dev, 0));
    ctx = create_context(dev);
    char *ptx = read_file(argv[1], NULL, 1);
    CHECK(cuModuleLoadData(&mod, ptx));
    CHECK(cuModuleGetFunction(&f, mod, "scale"));
    float *host;
    CHECK(cuMemAllocHost((void **)&host, (size_t)N * CHUNKS * 4));
    for (int i = 0; i < N * CHUNKS; i++) host[i] = (float)(i % 100);
    CUstream s[2]; CUevent start, done[2];
    CHECK(cuStreamCreate(&s[0], CU_STREAM_NON_BLOCKING));
    CHECK(cuStreamCreate(&s[1], CU_STREAM_NON_BLOCKING));
    CHECK(cuEventCreate(&start, CU_EVENT_DEFAULT));
    CHECK(cuEventCreate(&done[0], CU_EVENT_DEFAULT));
    CHECK(cuEventCreate(&done[1], CU_EVENT_DEFAULT));
    CUdeviceptr d;
    CHECK(cuMemAlloc(&d, (size_t)N * CHUNKS * 4));
    CHECK(cuEventRecord(start, s[0]));
    CHECK(cuStreamWaitEvent(s[1], start, 0));
    for (int c = 0; c < CHUNKS; c++) {
        CUstream st = s[c % 2];
        CUdeviceptr part = d + (size_t)c * N * 4;
        float factor = (float)(c + 1);
        int n = N;
        void *args[] = { &part, &factor, &n };
        CHECK(cuMemcpyHtoDAsync(part, host + (size_t)c * N, N * 4, st));
        CHECK(cuLaunchKernel(f, N / 256, 1, 1, 256, 1, 1, 0, st, args, NULL));
        CHECK(cuMemcpyDtoHAsync(host + (size_t)c * N, part, N * 4, st));
    }
    CHECK(cuEventRecord(done[0], s[0]));
    CHECK(cuEventRecord(done[1], s[1]));
    CHECK(cuStreamSynchronize(s[0]));
    CHECK(cuEventSynchronize(done[1]));
    float ms = -1;
    CHECK(cuEventElapsedTime(&ms, start, done[0]));
    double sum = 0;
    for (int i = 0; i < N * CHUNKS; i++) sum += host[i];
    printf("streams: sum=%.0f elapsed_positive=%s query=%d\n", sum, ms >= 0 ? "yes" : "no", (int)cuStreamQuery(s[1]));
    CHECK(cuMemFree(d));
    CHECK(cuMemFreeHost(host));
    CHECK(cuStreamDestroy(s[0])); CHECK(cuStreamDestroy(s[1]));
    CHECK(cuEventDestroy(start)); CHECK(cuEventDestroy(done[0])); CHECK(cuEventDestroy(done[1]));
    CHECK(cuCtxDestroy(ctx));
    return 0;
}
