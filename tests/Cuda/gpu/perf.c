/* CUDA driver API costs through whatever libcuda.so.1 is loaded (native or our drop-in), for side-by-side runs:
 *  - synchronous null call round trip (cuStreamGetFlags: the driver answers from the stream, and our guest cannot), p50
 *    over many calls;
 *  - a call the guest answers once it knows (cuCtxGetDevice, [CachedInGuest]), p50: no round trip remoted;
 *  - issue time of an async cuLaunchKernel (a tiny kernel), averaged over a burst, not waiting for the GPU;
 *  - 256 MiB host-to-device and device-to-host cuMemcpy with pageable host memory, best of several;
 *  - the floor of a round trip between two processes: a C ping-pong on one shared word, both sides spinning, p50.
 * Usage: perf KERNELS.cubin. Prints one "perf:" line of figures (these vary run to run; they are measurements). */
#include "common.h"
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) { printf("usage: perf KERNELS.cubin\n"); return 2; }
    CUdevice dev;
    CHECK(cuInit(0));
    CHECK(cuDeviceGet(&dev, 0));
    CUcontext ctx = create_context(dev);
    size_t size;
    char *image = read_file(argv[1], &size, 0);
    CUmodule mod;
    CUfunction f;
    CHECK(cuModuleLoadData(&mod, image));
    CHECK(cuModuleGetFunction(&f, mod, "scale"));
    CUstream stream;
    CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));

    enum { Calls = 20000, Launches = 20000, Copies = 5 };
    static double samples[Calls];
    for (int i = 0; i < 1000; i++) { unsigned flags; CHECK(cuStreamGetFlags(stream, &flags)); }
    for (int i = 0; i < Calls; i++) {
        unsigned flags;
        double t0 = now_ns();
        CHECK(cuStreamGetFlags(stream, &flags));
        samples[i] = now_ns() - t0;
    }
    qsort(samples, Calls, sizeof samples[0], compare);
    double null_call = samples[Calls / 2];
    for (int i = 0; i < 1000; i++) { CUdevice d; CHECK(cuCtxGetDevice(&d)); }
    for (int i = 0; i < Calls; i++) {
        CUdevice d;
        double t0 = now_ns();
        CHECK(cuCtxGetDevice(&d));
        samples[i] = now_ns() - t0;
    }
    qsort(samples, Calls, sizeof samples[0], compare);
    double answered = samples[Calls / 2];

    CUdeviceptr x;
    CHECK(cuMemAlloc(&x, 4096));
    float factor = 1.0f;
    int n = 1;
    void *params[] = { &x, &factor, &n };
    for (int i = 0; i < 1000; i++) CHECK(cuLaunchKernel(f, 1, 1, 1, 32, 1, 1, 0, stream, params, NULL));
    CHECK(cuStreamSynchronize(stream));
    double l0 = now_ns();
    for (int i = 0; i < Launches; i++) CHECK(cuLaunchKernel(f, 1, 1, 1, 32, 1, 1, 0, stream, params, NULL));
    double issue = (now_ns() - l0) / Launches;
    CHECK(cuStreamSynchronize(stream));

    size_t bytes = (size_t)256 << 20;
    char *host = malloc(bytes);
    memset(host, 1, bytes);
    CUdeviceptr big;
    CHECK(cuMemAlloc(&big, bytes));
    double h2d = 1e30, d2h = 1e30;
    for (int i = 0; i < Copies; i++) {
        double t0 = now_ns();
        CHECK(cuMemcpyHtoD(big, host, bytes));
        double t1 = now_ns();
        CHECK(cuMemcpyDtoH(host, big, bytes));
        double t2 = now_ns();
        if (t1 - t0 < h2d) h2d = t1 - t0;
        if (t2 - t1 < d2h) d2h = t2 - t1;
    }
    /* The floor: a forked partner echoes a counter through shared memory; both spin, as the ring's two sides do. */
    struct words { _Alignas(128) _Atomic unsigned long request; _Alignas(128) _Atomic unsigned long reply; _Alignas(128) _Atomic int stop; };
    struct words *w = mmap(NULL, sizeof *w, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED) { perror("perf: mmap"); return 1; }
    memset(w, 0, sizeof *w);
    pid_t partner = fork();
    if (partner == 0) {
        unsigned long seen = 0;
        while (!atomic_load_explicit(&w->stop, memory_order_relaxed)) {
            unsigned long r = atomic_load_explicit(&w->request, memory_order_acquire);
            if (r != seen) { seen = r; atomic_store_explicit(&w->reply, r, memory_order_release); }
            else __builtin_ia32_pause();
        }
        _exit(0);
    }
    for (unsigned long i = 1; i <= Calls + 1000; i++) {
        double t0 = now_ns();
        atomic_store_explicit(&w->request, i, memory_order_release);
        while (atomic_load_explicit(&w->reply, memory_order_acquire) != i) __builtin_ia32_pause();
        if (i > 1000) samples[i - 1001] = now_ns() - t0;
    }
    atomic_store(&w->stop, 1);
    waitpid(partner, NULL, 0);
    qsort(samples, Calls, sizeof samples[0], compare);
    double pingpong = samples[Calls / 2];

    printf("perf: null_call_p50_ns=%.0f guest_answered_p50_ns=%.0f pingpong_p50_ns=%.0f launch_issue_ns=%.0f h2d_GBps=%.2f d2h_GBps=%.2f check=%d\n",
           null_call, answered, pingpong, issue, bytes / h2d, bytes / d2h, host[12345]);
    CHECK(cuMemFree(big));
    CHECK(cuMemFree(x));
    CHECK(cuCtxDestroy(ctx));
    return 0;
}
