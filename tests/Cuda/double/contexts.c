/* CI program for the guest's kept answers of context queries ([CachedInGuest(State = "context")] in Cuda/Spec): the
 * current context, its device and a kernel's function are asked many times between the calls that change the
 * current context (set, push, pop, create, destroy, on this thread and on another), and every answer must be the one
 * the driver gives at that moment. Runs against the CPU test double natively and through libcuda.so.1, and must print
 * the same. Prints which context is current by name, never handle values. */
#include <pthread.h>
#include <stdio.h>
#include "cuda_double.h"

static CUcontext primary, a, b;

static const char *name(CUcontext c)
{
    return c == NULL ? "none" : c == primary ? "primary" : c == a ? "a" : c == b ? "b" : "other";
}

/* Asks the current context ten times: all answers must agree; prints the answer once, with its device. */
static void report(const char *when)
{
    CUcontext first = NULL, again;
    int device = -1, agree = 1;
    CUresult status = cuCtxGetCurrent(&first);
    for (int i = 0; i < 10; i++) {
        cuCtxGetCurrent(&again);
        agree &= again == first;
    }
    CUresult devStatus = cuCtxGetDevice(&device);
    printf("%-34s current %-8s (status %d, repeats agree %s), device status %d value %d\n", when, name(first), status,
        agree ? "yes" : "NO", devStatus, devStatus == 0 ? device : -1);
}

static void *other_thread(void *arg)
{
    (void)arg;
    report("other thread, at start");
    cuCtxSetCurrent(b);
    report("other thread, after set b");
    return NULL;
}

static void *destroyer(void *arg)
{
    (void)arg;
    printf("destroy a on another thread = %d\n", cuCtxDestroy_v2(a));
    return NULL;
}

int main(void)
{
    pthread_t t;
    report("before cuInit");
    printf("cuInit = %d\n", cuInit(0));
    report("after cuInit");
    printf("retain primary = %d\n", cuDevicePrimaryCtxRetain(&primary, 0));
    report("after retain (not current yet)");
    printf("set primary = %d\n", cuCtxSetCurrent(primary));
    report("after set primary");
    printf("create a = %d\n", cuCtxCreate_v2(&a, 0, 0));
    report("after create a (pushed)");
    printf("create b = %d\n", cuCtxCreate_v2(&b, 0, 0));
    report("after create b (pushed)");
    CUcontext popped = NULL;
    CUresult pop = cuCtxPopCurrent_v2(&popped);
    printf("pop = %d (%s)\n", pop, name(popped));
    report("after pop");
    printf("push b = %d\n", cuCtxPushCurrent_v2(b));
    report("after push b");
    pthread_create(&t, NULL, other_thread, NULL);
    pthread_join(t, NULL);
    report("main, after the other thread");
    printf("set a = %d\n", cuCtxSetCurrent(a));
    report("after set a");
    printf("set b = %d\n", cuCtxSetCurrent(b));
    pthread_create(&t, NULL, destroyer, NULL);
    pthread_join(t, NULL);
    report("after a was destroyed elsewhere");
    printf("set primary = %d\n", cuCtxSetCurrent(primary));
    CUkernel kernel = (CUkernel)0;
    CUfunction function = NULL;
    printf("kernel function of NULL = %d\n", cuKernelGetFunction(&function, kernel));
    printf("destroy b = %d\n", cuCtxDestroy_v2(b));
    report("after destroy b");
    printf("set NULL = %d\n", cuCtxSetCurrent(NULL));
    report("after set NULL");
    printf("release primary = %d\n", cuDevicePrimaryCtxRelease_v2(0));
    return 0;
}
