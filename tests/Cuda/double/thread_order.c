/* CI program for the order of calls across threads: the main thread queues async work (memsets on the legacy default
 * stream) and, without synchronising, hands over to a thread that makes its first CUDA call there: a copy of that
 * memory, which must see every memset before it, as the stream orders them natively. Over a byte-stream channel
 * (TCP, UNIX) records held back in the main thread's channel would be overtaken by the new thread's first call.
 * Runs against the CPU test double natively and through libcuda.so.1, and must print the same. */
#include <pthread.h>
#include <stdio.h>
#include "cuda_double.h"

#define N 4096
#define ROUNDS 50

static CUcontext primary;
static CUdeviceptr device;
static unsigned int expected;
static int wrong;

static void *reader(void *arg)
{
    (void)arg;
    static unsigned int back[N];
    cuCtxSetCurrent(primary);
    if (cuMemcpyDtoH_v2(back, device, sizeof back) != 0) {
        wrong++;
        return NULL;
    }

    for (int i = 0; i < N; i++) {
        wrong += back[i] != expected;
    }

    return NULL;
}

int main(void)
{
    cuInit(0);
    cuDevicePrimaryCtxRetain(&primary, 0);
    cuCtxSetCurrent(primary);
    cuMemAlloc_v2(&device, N * sizeof(unsigned int));
    for (int round = 0; round < ROUNDS; round++) {
        for (int k = 0; k < 8; k++) {
            expected = 0x1000u * (unsigned int)round + (unsigned int)k;
            cuMemsetD32Async(device, expected, N, 0);
        }

        pthread_t t;
        pthread_create(&t, NULL, reader, NULL);
        pthread_join(t, NULL);
    }

    printf("thread order: %d rounds, %d words read before the memsets queued ahead of them\n", ROUNDS, wrong);
    cuMemFree_v2(device);
    cuDevicePrimaryCtxRelease_v2(0);
    return wrong != 0;
}
