/* The performance guard's probe (tests/Ava.Tests/PerformanceGuardTests.cs): medians of round trips measured side by
 * side in one process, so that their ratios hold on any machine, busy or quiet.
 *
 *   guard transport ROUNDS CALLS   per round, CALLS of each: a raw shared-memory ping-pong with a forked partner
 *                                  (both spinning), a raw Unix-socket ping-pong (both blocking in recv), and
 *                                  at_noop through whichever libavatest.so.1 the loader gives (LD_PRELOAD: ours)
 *   guard opencl ROUNDS CALLS      clGetDeviceInfo(CL_DEVICE_MAX_COMPUTE_UNITS) and clSetKernelArg (an int) through
 *                                  whichever libOpenCL.so.1 the loader gives, timed 16 calls at a time
 *
 * Output: one line per measure, "NAME P50 P10 P99": over rounds, the median of each round's median, 10th and 99th
 * percentile, in nanoseconds. The 10th percentile is what a call costs when neither side was preempted: on a busy
 * machine the median moves by tens of times (a spinning peer waits for a CPU), the low percentile far less; the 99th
 * is the tail a caller sees. */
#define _GNU_SOURCE
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "avatest.h"

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *values, int count)
{
    qsort(values, (size_t)count, sizeof *values, by_value);
    return values[count / 2];
}

/* The 99th percentile of values already sorted. */
static uint64_t high(const uint64_t *sorted, int count)
{
    return sorted[count - 1 - count / 100];
}

/* The 10th percentile of values already sorted. */
static uint64_t low(const uint64_t *sorted, int count)
{
    return sorted[count / 10];
}

struct pingpong {
    _Alignas(128) _Atomic uint64_t request;
    _Alignas(128) _Atomic uint64_t reply;
    _Alignas(128) _Atomic int stop;
};

static struct pingpong *shared;
static uint64_t counter;

static void counter_reset(void) { counter = 0; }
static pid_t shm_partner, socket_partner;
static int sockets[2];

/* The shared-memory partner spins, so it runs only while its own round runs: left spinning through the other
 * measures, it takes a core from the guest and the worker of the null call (on 2 cores, 10x its cost). */
static void start_shm_partner(void)
{
    atomic_store(&shared->stop, 0);
    atomic_store(&shared->request, 0);
    atomic_store(&shared->reply, 0);
    counter_reset();
    shm_partner = fork();
    if (shm_partner == 0) {
        uint64_t seen = 0;
        while (!atomic_load_explicit(&shared->stop, memory_order_relaxed)) {
            uint64_t r = atomic_load_explicit(&shared->request, memory_order_acquire);
            if (r != seen) {
                seen = r;
                atomic_store_explicit(&shared->reply, r, memory_order_release);
            } else {
                __builtin_ia32_pause();
            }
        }
        _exit(0);
    }
}

static void stop_shm_partner(void)
{
    atomic_store(&shared->stop, 1);
    waitpid(shm_partner, NULL, 0);
}

static void start_partners(void)
{
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) {
        perror("guard");
        exit(1);
    }
    memset(shared, 0, sizeof *shared);
    socket_partner = fork();
    if (socket_partner == 0) {
        char byte;
        close(sockets[0]);
        while (read(sockets[1], &byte, 1) == 1 && write(sockets[1], &byte, 1) == 1) {
        }
        _exit(0);
    }
    close(sockets[1]);
}

static void stop_partners(void)
{
    close(sockets[0]);
    waitpid(socket_partner, NULL, 0);
}


static void shm_round_trip(void)
{
    uint64_t r = ++counter;
    atomic_store_explicit(&shared->request, r, memory_order_release);
    while (atomic_load_explicit(&shared->reply, memory_order_acquire) != r)
        __builtin_ia32_pause();
}

static void socket_round_trip(void)
{
    char byte = 1;
    if (write(sockets[0], &byte, 1) != 1 || read(sockets[0], &byte, 1) != 1) {
        perror("guard: socket ping-pong");
        exit(1);
    }
}

static cl_device_id device;
static cl_kernel kernel;

static void noop_call(void) { at_noop(); }

static void device_info_call(void)
{
    cl_uint units;
    clGetDeviceInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof units, &units, NULL);
}

static void kernel_arg_call(void)
{
    cl_int value = 7;
    clSetKernelArg(kernel, 1, sizeof value, &value);
}

/* One round of CALLS samples, each BATCH calls timed together (in picoseconds per call, so that a call shorter than
 * the clock's own cost still measures): its median, its 10th percentile in *low_out and its 99th in *high_out. */
static uint64_t round_median(void (*call)(void), uint64_t *scratch, int calls, int batch, uint64_t *low_out, uint64_t *high_out)
{
    for (int i = 0; i < calls / 10 + 1; i++)
        call();
    for (int i = 0; i < calls; i++) {
        uint64_t start = now_ns();
        for (int b = 0; b < batch; b++)
            call();
        scratch[i] = (now_ns() - start) * 1000 / (uint64_t)batch;
    }
    uint64_t result = median(scratch, calls);
    *low_out = low(scratch, calls);
    *high_out = high(scratch, calls);
    return result;
}

static void measure(const char **names, void (**calls)(void), void (**begin)(void), void (**end)(void), int count, int rounds,
                    int per_round, int batch)
{
    uint64_t *scratch = malloc(sizeof(uint64_t) * (size_t)per_round);
    uint64_t *medians = malloc(sizeof(uint64_t) * (size_t)(rounds * count));
    uint64_t *lows = malloc(sizeof(uint64_t) * (size_t)(rounds * count));
    uint64_t *highs = malloc(sizeof(uint64_t) * (size_t)(rounds * count));
    for (int r = 0; r < rounds; r++)
        for (int c = 0; c < count; c++)
        {
            if (begin[c])
                begin[c]();
            medians[c * rounds + r] = round_median(calls[c], scratch, per_round, batch, &lows[c * rounds + r], &highs[c * rounds + r]);
            if (end[c])
                end[c]();
        }
    for (int c = 0; c < count; c++)
        printf("%s %.1f %.1f %.1f\n", names[c], median(medians + c * rounds, rounds) / 1000.0,
               median(lows + c * rounds, rounds) / 1000.0, median(highs + c * rounds, rounds) / 1000.0);
    free(scratch);
    free(medians);
    free(lows);
    free(highs);
}

static int opencl_setup(void)
{
    cl_platform_id platform;
    cl_int err;
    if (clGetPlatformIDs(1, &platform, NULL) != CL_SUCCESS || clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL) != CL_SUCCESS)
        return -1;
    cl_context context = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
    if (err != CL_SUCCESS)
        return -1;
    const char *source = "__kernel void k(__global int *out, int value) { out[get_global_id(0)] = value; }";
    cl_program program = clCreateProgramWithSource(context, 1, &source, NULL, &err);
    if (err != CL_SUCCESS || clBuildProgram(program, 1, &device, "", NULL, NULL) != CL_SUCCESS)
        return -1;
    kernel = clCreateKernel(program, "k", &err);
    return err == CL_SUCCESS ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: guard transport|opencl ROUNDS CALLS\n");
        return 2;
    }
    int rounds = atoi(argv[2]), per_round = atoi(argv[3]);
    if (rounds < 1 || per_round < 1) {
        fprintf(stderr, "guard: ROUNDS and CALLS must be positive\n");
        return 2;
    }
    if (strcmp(argv[1], "transport") == 0) {
        start_partners();
        const char *names[] = {"shm-ping-pong", "socket-ping-pong", "null-call"};
        void (*calls[])(void) = {shm_round_trip, socket_round_trip, noop_call};
        void (*begin[])(void) = {start_shm_partner, NULL, NULL};
        void (*end[])(void) = {stop_shm_partner, NULL, NULL};
        measure(names, calls, begin, end, 3, rounds, per_round, 1);
        stop_partners();
        return 0;
    }
    if (strcmp(argv[1], "opencl") == 0) {
        if (opencl_setup() != 0) {
            fprintf(stderr, "guard: no OpenCL device to measure\n");
            return 1;
        }
        const char *names[] = {"clGetDeviceInfo", "clSetKernelArg"};
        void (*calls[])(void) = {device_info_call, kernel_arg_call};
        void (*none[])(void) = {NULL, NULL};
        measure(names, calls, none, none, 2, rounds, per_round, 16);
        return 0;
    }
    fprintf(stderr, "guard: unknown measure '%s'\n", argv[1]);
    return 2;
}
