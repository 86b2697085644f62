/* Many short-lived threads: 300 threads run one after another (a thread per
 * task), each creating a kernel, setting its arguments, launching it on a
 * shared queue, flushing and releasing the kernel (all but the creation async
 * when remoted), then exiting without any synchronous call after those. Two
 * long-lived threads keep calling meanwhile. The main thread then reads what
 * every task wrote. With "hold" as argument the program prints "round N" after
 * each 100 threads and waits for a line on stdin, so a test can look at the
 * process and its worker in between. */
#include "common.h"
#include <pthread.h>

#define ROUNDS 3
#define PER_ROUND 100
#define TASKS (ROUNDS * PER_ROUND)
#define LIVE 2

static cl_context ctx;
static cl_command_queue queue;
static cl_program prog;
static cl_mem results;
static int stop;

static const char *ksrc =
    "__kernel void store(__global int *out, int slot, int value)\n"
    "{ if (get_global_id(0) == 0) out[slot] = value; }\n"
    "__kernel void bump(__global int *counter)\n"
    "{ if (get_global_id(0) == 0) counter[0] += 1; }\n";

static int task_value(int slot) { return slot * 7 + 1; }

struct task {
    int slot;
    cl_int error;
};

static void *task(void *arg)
{
    struct task *t = arg;
    cl_int err;
    cl_kernel k = clCreateKernel(prog, "store", &err);
    if (err != CL_SUCCESS) {
        t->error = err;
        return NULL;
    }

    cl_int value = task_value(t->slot);
    size_t one = 1;
    cl_int e = clSetKernelArg(k, 0, sizeof results, &results);
    if (e == CL_SUCCESS) e = clSetKernelArg(k, 1, sizeof t->slot, &t->slot);
    if (e == CL_SUCCESS) e = clSetKernelArg(k, 2, sizeof value, &value);
    if (e == CL_SUCCESS) e = clEnqueueNDRangeKernel(queue, k, 1, NULL, &one, NULL, 0, NULL, NULL);
    if (e == CL_SUCCESS) e = clFlush(queue);
    if (e == CL_SUCCESS) e = clReleaseKernel(k);
    t->error = e;
    return NULL;
}

struct live {
    cl_command_queue queue;
    cl_kernel kernel;
    cl_mem counter;
    int rounds;
    cl_int error;
};

/* A thread that stays for the whole run: launches on its own queue and waits,
 * again and again, while the tasks come and go. */
static void *live(void *arg)
{
    struct live *l = arg;
    size_t one = 1;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST) && l->error == CL_SUCCESS) {
        l->error = clEnqueueNDRangeKernel(l->queue, l->kernel, 1, NULL, &one, NULL, 0, NULL, NULL);
        if (l->error == CL_SUCCESS)
            l->error = clFinish(l->queue);
        l->rounds++;
        clt_sleep_ms(1);
    }

    return NULL;
}

int main(int argc, char **argv)
{
    int hold = argc > 1 && strcmp(argv[1], "hold") == 0;
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    queue = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    prog = clt_build(ctx, dev, ksrc, "", "churn");
    static cl_int zeros[TASKS];
    results = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zeros, zeros, &err);
    OK("clCreateBuffer(results)", err);

    struct live lives[LIVE];
    pthread_t live_threads[LIVE];
    for (int i = 0; i < LIVE; i++) {
        memset(&lives[i], 0, sizeof lives[i]);
        lives[i].queue = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
        OK("clCreateCommandQueueWithProperties(live)", err);
        lives[i].kernel = clCreateKernel(prog, "bump", &err);
        OK("clCreateKernel(bump)", err);
        cl_int zero = 0;
        lives[i].counter = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zero, &zero, &err);
        OK("clCreateBuffer(counter)", err);
        OK("clSetKernelArg(bump)", clSetKernelArg(lives[i].kernel, 0, sizeof lives[i].counter, &lives[i].counter));
        pthread_create(&live_threads[i], NULL, live, &lives[i]);
    }

    int failed = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < PER_ROUND; i++) {
            struct task t = { round * PER_ROUND + i, CL_SUCCESS };
            pthread_t thread;
            if (pthread_create(&thread, NULL, task, &t) != 0) {
                printf("FATAL: pthread_create failed\n");
                return 1;
            }

            pthread_join(thread, NULL);
            if (t.error != CL_SUCCESS && failed++ == 0)
                printf("task %d: %s\n", t.slot, clt_err(t.error));
        }

        if (hold) {
            printf("round %d\n", round + 1);
            fflush(stdout);
            char line[16];
            if (fgets(line, sizeof line, stdin) == NULL)
                return 1;
        }
    }

    printf("%d tasks ran on their own threads, %d failed\n", TASKS, failed);
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < LIVE; i++) {
        pthread_join(live_threads[i], NULL);
        cl_int count = -1;
        REP("clEnqueueReadBuffer(counter)", clEnqueueReadBuffer(lives[i].queue, lives[i].counter, CL_TRUE, 0, sizeof count, &count, 0, NULL, NULL));
        printf("live thread %d: %s, counter %s its launches\n", i, clt_err(lives[i].error), count == lives[i].rounds ? "matches" : "does not match");
        REP("clReleaseMemObject(counter)", clReleaseMemObject(lives[i].counter));
        REP("clReleaseKernel(bump)", clReleaseKernel(lives[i].kernel));
        REP("clReleaseCommandQueue(live)", clReleaseCommandQueue(lives[i].queue));
    }

    /* The tasks' launches were flushed by threads that are gone; the queue runs them in order before this read. */
    static cl_int got[TASKS];
    OK("clEnqueueReadBuffer(results)", clEnqueueReadBuffer(queue, results, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
    int wrong = 0;
    for (int i = 0; i < TASKS; i++)
        wrong += got[i] != task_value(i);
    printf("results: %d of %d slots as their task wrote them\n", TASKS - wrong, TASKS);
    REP("clReleaseMemObject(results)", clReleaseMemObject(results));
    REP("clReleaseProgram", clReleaseProgram(prog));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(queue));
    REP("clReleaseContext", clReleaseContext(ctx));
    return wrong == 0 && failed == 0 ? 0 : 1;
}
