/* CI program for the driver's kept answers beside the runtime (one worker for both drop-ins): cuCtxGetCurrent,
 * cuCtxGetDevice, cuDevicePrimaryCtxGetState and cuKernelGetFunction are asked again and again between runtime calls
 * that change what they answer: cudaSetDevice, cudaDeviceReset on another thread (which destroys the primary context
 * wherever it is current), and the runtime's own lazy initialisation (its first call on a thread that needs a context
 * makes the primary context current when none is), interleaved with cuCtxSetCurrent and cuCtxCreate on several
 * threads. Each answer must be the one the driver gives at that moment. Natively it runs against the runtime double
 * built over the driver double (tests/CudaRtDouble/cudart_over_driver.c), where cudaGetDevice initialises as the
 * others do and cudaDriverGetVersion does not; through both drop-ins it must print the same. Contexts are printed by
 * name, never by handle value. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

typedef int cudaError_t;
typedef struct CUstream_st *cudaStream_t;
cudaError_t cudaSetDevice(int device);
cudaError_t cudaGetDevice(int *device);
cudaError_t cudaDriverGetVersion(int *version);
cudaError_t cudaDeviceReset(void);
cudaError_t cudaDeviceSynchronize(void);
cudaError_t cudaMalloc(void **p, size_t n);
cudaError_t cudaFree(void *p);
cudaError_t cudaStreamCreate(cudaStream_t *s);
cudaError_t cudaStreamSynchronize(cudaStream_t s);
cudaError_t cudaStreamDestroy(cudaStream_t s);

static CUcontext primary, a;
static CUkernel kernel;
static CUfunction function;

static const char *name(CUcontext c)
{
    return c == NULL ? "none" : c == primary ? "primary" : c == a ? "a" : "other";
}

/* The thread's current context asked eleven times (all must agree), its device, the primary context's state. */
static void report(char *out, size_t size, const char *when)
{
    CUcontext first = NULL, again;
    int device = -1, active = -1, agree = 1;
    unsigned flags = 0;
    CUresult status = cuCtxGetCurrent(&first);
    for (int i = 0; i < 10; i++) {
        cuCtxGetCurrent(&again);
        agree &= again == first;
    }
    CUresult devStatus = cuCtxGetDevice(&device);
    CUresult stateStatus = cuDevicePrimaryCtxGetState(0, &flags, &active);
    size_t used = strlen(out);
    snprintf(out + used, size - used, "%-40s current %-8s (status %d, repeats agree %s), device status %d value %d, primary status %d active %d\n",
        when, name(first), status, agree ? "yes" : "NO", devStatus, devStatus == 0 ? device : -1, stateStatus, stateStatus == 0 ? active : -1);
}

static char main_out[8192];
#define MAIN(when) do { report(main_out, sizeof main_out, when); fputs(main_out, stdout); main_out[0] = 0; } while (0)
#define RT(out, call) do { cudaError_t e_ = (call); if (e_) { size_t u_ = strlen(out); snprintf(out + u_, sizeof out - u_, "%s = %d\n", #call, e_); } } while (0)

/* A thread that starts with no context: its first runtime call takes the primary context into use. */
static char first_out[4096];
static void *first_calls(void *arg)
{
    (void)arg;
    cudaStream_t s;
    report(first_out, sizeof first_out, "T1 at start");
    RT(first_out, cudaStreamCreate(&s));
    report(first_out, sizeof first_out, "T1 after cudaStreamCreate");
    cuCtxSetCurrent(NULL);
    report(first_out, sizeof first_out, "T1 after unset");
    RT(first_out, cudaStreamSynchronize(s));
    report(first_out, sizeof first_out, "T1 after cudaStreamSynchronize");
    RT(first_out, cudaStreamDestroy(s));
    for (int i = 0; i < 5; i++) {
        void *p;
        RT(first_out, cudaMalloc(&p, 64));
        RT(first_out, cudaFree(p));
    }
    report(first_out, sizeof first_out, "T1 after 5 allocations");
    return NULL;
}

static char reset_out[4096];
static void *resetter(void *arg)
{
    (void)arg;
    RT(reset_out, cudaDeviceReset());
    report(reset_out, sizeof reset_out, "R after cudaDeviceReset");
    return NULL;
}

/* Rounds of runtime calls between driver queries, each round with a context change in the middle; tallies answers. */
enum { ROUNDS = 20, WORKERS = 3 };
static char worker_out[WORKERS][512];
static void *worker(void *arg)
{
    int index = (int)(size_t)arg, after_malloc = 0, after_unset = 0, after_get = 0, devices = 0, functions = 0;
    for (int i = 0; i < ROUNDS; i++) {
        void *p = NULL;
        CUcontext c = NULL;
        CUfunction f = NULL;
        int device = -1;
        cudaMalloc(&p, 32);
        cuCtxGetCurrent(&c);
        after_malloc += c == primary;
        cuKernelGetFunction(&f, kernel);
        functions += f == function;
        cuCtxSetCurrent(NULL);
        cuCtxGetCurrent(&c);
        after_unset += c == NULL;
        cudaGetDevice(&device);
        cuCtxGetCurrent(&c);
        after_get += c == primary;
        devices += cuCtxGetDevice(&device) == 0 && device == 0;
        cudaFree(p);
    }
    snprintf(worker_out[index], sizeof worker_out[index], "worker %d: %d rounds, primary after cudaMalloc %d, none after unset %d, primary after cudaGetDevice %d, device 0 %d, kernel's function %d\n",
        index, ROUNDS, after_malloc, after_unset, after_get, devices, functions);
    return NULL;
}

int main(void)
{
    pthread_t t, workers[WORKERS];
    int version = 0, device = -1;
    void *p = NULL;

    printf("cuInit = %d\n", cuInit(0));
    MAIN("at start");
    RT(main_out, cudaDriverGetVersion(&version));
    printf("cudaDriverGetVersion: %s\n", version > 0 ? "a version" : "none");
    MAIN("after cudaDriverGetVersion");
    RT(main_out, cudaGetDevice(&device));
    cuCtxGetCurrent(&primary);
    MAIN("after cudaGetDevice");
    cuCtxSetCurrent(NULL);
    MAIN("after unset");
    RT(main_out, cudaMalloc(&p, 256));
    MAIN("after cudaMalloc");
    RT(main_out, cudaFree(p));
    MAIN("after cudaFree");
    cuCtxCreate_v2(&a, 0, 0);
    MAIN("after cuCtxCreate a");
    RT(main_out, cudaMalloc(&p, 256));
    MAIN("after cudaMalloc in a");
    RT(main_out, cudaFree(p));
    cuCtxSetCurrent(primary);
    cuCtxDestroy_v2(a);
    MAIN("after set primary, destroy a");

    /* A kernel of a library, whose function is the current context's (cuKernelGetFunction's kept answer). */
    CUlibrary library;
    printf("cuLibraryLoadData = %d\n", cuLibraryLoadData(&library, "cudadouble-module vec_add scale", NULL, NULL, 0, NULL, NULL, 0));
    printf("cuLibraryGetKernel = %d\n", cuLibraryGetKernel(&kernel, library, "vec_add"));
    printf("cuKernelGetFunction = %d\n", cuKernelGetFunction(&function, kernel));

    /* Steady state: runtime calls between driver queries on a thread whose context the runtime has in use. */
    int steady = 0;
    for (int i = 0; i < 50; i++) {
        CUcontext c = NULL;
        CUfunction f = NULL;
        cudaMalloc(&p, 16);
        cuCtxGetCurrent(&c);
        cuKernelGetFunction(&f, kernel);
        cudaFree(p);
        cuCtxGetDevice(&device);
        steady += c == primary && f == function && device == 0;
    }
    printf("steady rounds agreeing: %d of 50\n", steady);

    pthread_create(&t, NULL, first_calls, NULL);
    pthread_join(t, NULL);
    MAIN("after T1");
    pthread_create(&t, NULL, resetter, NULL);
    pthread_join(t, NULL);
    MAIN("after cudaDeviceReset elsewhere");
    RT(main_out, cudaDeviceSynchronize());
    MAIN("after cudaDeviceSynchronize");
    RT(main_out, cudaSetDevice(0));
    MAIN("after cudaSetDevice");
    RT(main_out, cudaDeviceReset());
    MAIN("after cudaDeviceReset here");
    RT(main_out, cudaSetDevice(0));
    cuCtxGetCurrent(&primary);
    MAIN("after cudaSetDevice again");
    printf("cuKernelGetFunction after the resets = %d\n", cuKernelGetFunction(&function, kernel));

    for (int i = 0; i < WORKERS; i++) pthread_create(&workers[i], NULL, worker, (void *)(size_t)i);
    for (int i = 0; i < WORKERS; i++) pthread_join(workers[i], NULL);
    MAIN("at end");

    fputs(first_out, stdout);
    fputs(reset_out, stdout);
    for (int i = 0; i < WORKERS; i++) fputs(worker_out[i], stdout);
    return 0;
}
