/* Two host threads, each with its own context, module and data; each checks its current context stays its own. */
#include <pthread.h>
#include "common.h"

static const char *cubin;
static char report[2][200];

static void *work(void *arg)
{
    int id = (int)(long)arg;
    CUdevice dev; CUcontext ctx, cur; CUmodule mod; CUfunction f;
    CHECK(cuDeviceGet(&dev, 0));
    ctx = create_context(dev);
    CHECK(cuModuleLoad(&mod, cubin));
    CHECK(cuModuleGetFunction(&f, mod, "scale"));
    enum { N = 4096 };
    float h[N];
    for (int i = 0; i < N; i++) h[i] = (float)i;
    CUdeviceptr d;
    CHECK(cuMemAlloc(&d, sizeof h));
    int stable = 1;
    for (int round = 0; round < 20; round++) {
        CHECK(cuMemcpyHtoD(d, h, sizeof h));
        float factor = (float)(id + 2); int n = N;
        void *args[] = { &d, &factor, &n };
        CHECK(cuLaunchKernel(f, N / 256, 1, 1, 256, 1, 1, 0, NULL, args, NULL));
        CHECK(cuMemcpyDtoH(h, d, sizeof h));
        CHECK(cuCtxGetCurrent(&cur));
        stable &= cur == ctx;
        for (int i = 0; i < N; i++) h[i] /= factor;
    }
    snprintf(report[id], sizeof report[id], "threads: %d h[4095]=%.0f own_context=%s", id, h[4095], stable ? "yes" : "NO");
    CHECK(cuMemFree(d));
    CHECK(cuModuleUnload(mod));
    CHECK(cuCtxDestroy(ctx));
    return NULL;
}

int main(int argc, char **argv)
{
    cubin = argv[1];
    CHECK(cuInit(0));
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++) printf("%s\n", report[i]);
    return 0;
}
