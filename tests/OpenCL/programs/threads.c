/* Multi-threaded use: two pthreads share one context and program, each with
 * its own command queue and kernel object, running kernels and reading
 * results many times. Output is collected per thread and printed after join
 * in a fixed order. */
#include "common.h"
#include <pthread.h>

#define N 2048
#define ITERS 40
#define NTHREADS 2

static cl_context ctx;
static cl_device_id dev;
static cl_program prog;

static const char *ksrc =
    "__kernel void advance(__global int *d, int salt)\n"
    "{ int i = get_global_id(0); d[i] = (d[i] * 1103515245 + 12345 + salt) & 0x7fffffff; }\n"
    "__kernel void sum(__global const int *d, __global long *out, int n)\n"
    "{ if (get_global_id(0) == 0) { long s = 0; for (int i = 0; i < n; i++) s += d[i]; *out = s; } }\n";

struct result {
    int id;
    cl_int first_error;
    char first_error_call[64];
    int calls;
    int mismatches;
    uint32_t checksums[ITERS];
    long long sums[ITERS];
};

static void note(struct result *r, const char *call, cl_int e)
{
    r->calls++;
    if (e != CL_SUCCESS && r->first_error == CL_SUCCESS) {
        r->first_error = e;
        snprintf(r->first_error_call, sizeof r->first_error_call, "%s", call);
    }
}

static void *worker(void *arg)
{
    struct result *r = arg;
    cl_int err;
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    note(r, "clCreateCommandQueueWithProperties", err);
    cl_kernel ks = clCreateKernel(prog, "advance", &err);
    note(r, "clCreateKernel(advance)", err);
    cl_kernel kt = clCreateKernel(prog, "sum", &err);
    note(r, "clCreateKernel(sum)", err);
    if (r->first_error != CL_SUCCESS)
        return NULL;
    static __thread int host[N], dev_copy[N];
    for (int i = 0; i < N; i++)
        host[i] = i * (r->id + 1);
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof host, host, &err);
    note(r, "clCreateBuffer", err);
    cl_mem s = clCreateBuffer(ctx, CL_MEM_READ_WRITE, sizeof(cl_long), NULL, &err);
    note(r, "clCreateBuffer", err);
    cl_int n = N;
    note(r, "clSetKernelArg", clSetKernelArg(ks, 0, sizeof b, &b));
    note(r, "clSetKernelArg", clSetKernelArg(kt, 0, sizeof b, &b));
    note(r, "clSetKernelArg", clSetKernelArg(kt, 1, sizeof s, &s));
    note(r, "clSetKernelArg", clSetKernelArg(kt, 2, sizeof n, &n));
    for (int it = 0; it < ITERS; it++) {
        cl_int salt = r->id * 1000 + it;
        note(r, "clSetKernelArg", clSetKernelArg(ks, 1, sizeof salt, &salt));
        size_t g = N, l = 64, one = 1;
        note(r, "clEnqueueNDRangeKernel(advance)", clEnqueueNDRangeKernel(q, ks, 1, NULL, &g, &l, 0, NULL, NULL));
        note(r, "clEnqueueNDRangeKernel(sum)", clEnqueueNDRangeKernel(q, kt, 1, NULL, &one, NULL, 0, NULL, NULL));
        cl_long sum = 0;
        cl_event e;
        note(r, "clEnqueueReadBuffer(sum)", clEnqueueReadBuffer(q, s, CL_FALSE, 0, sizeof sum, &sum, 0, NULL, &e));
        note(r, "clEnqueueReadBuffer(data)", clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof dev_copy, dev_copy, 0, NULL, NULL));
        note(r, "clWaitForEvents", clWaitForEvents(1, &e));
        note(r, "clReleaseEvent", clReleaseEvent(e));
        long long hs = 0;
        for (int i = 0; i < N; i++) {
            host[i] = (int)(((unsigned)host[i] * 1103515245u + 12345u + (unsigned)salt) & 0x7fffffffu);
            hs += host[i];
        }
        if (memcmp(host, dev_copy, sizeof host) != 0 || hs != sum)
            r->mismatches++;
        r->checksums[it] = clt_fnv(dev_copy, sizeof dev_copy);
        r->sums[it] = (long long)sum;
    }
    note(r, "clFinish", clFinish(q));
    note(r, "clReleaseMemObject", clReleaseMemObject(b));
    note(r, "clReleaseMemObject", clReleaseMemObject(s));
    note(r, "clReleaseKernel", clReleaseKernel(ks));
    note(r, "clReleaseKernel", clReleaseKernel(kt));
    note(r, "clReleaseCommandQueue", clReleaseCommandQueue(q));
    return NULL;
}

int main(void)
{
    cl_platform_id plat;
    cl_int err;
    clt_first_device(&plat, &dev);
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    prog = clt_build(ctx, dev, ksrc, "", "thread kernels");

    for (int round = 0; round < 2; round++) {
        printf("== round %d\n", round);
        struct result res[NTHREADS];
        pthread_t th[NTHREADS];
        memset(res, 0, sizeof res);
        for (int t = 0; t < NTHREADS; t++) {
            res[t].id = t + round * NTHREADS;
            if (pthread_create(&th[t], NULL, worker, &res[t]) != 0) {
                printf("FATAL: pthread_create\n");
                return 1;
            }
        }
        for (int t = 0; t < NTHREADS; t++)
            pthread_join(th[t], NULL);
        for (int t = 0; t < NTHREADS; t++) {
            struct result *r = &res[t];
            uint32_t all = clt_fnv(r->checksums, sizeof r->checksums);
            printf("thread %d: calls=%d first_error=%s%s%s mismatches=%d\n", r->id, r->calls, clt_err(r->first_error),
                   r->first_error ? " in " : "", r->first_error_call, r->mismatches);
            printf("  first checksum=%08x last checksum=%08x combined=%08x\n", r->checksums[0], r->checksums[ITERS - 1], all);
            printf("  first sum=%lld last sum=%lld\n", r->sums[0], r->sums[ITERS - 1]);
            printf("  %s\n", r->first_error == CL_SUCCESS && r->mismatches == 0 ? "PASS" : "FAIL");
        }
    }
    cl_uint rc = 0;
    REP("clGetContextInfo(CL_CONTEXT_REFERENCE_COUNT)", clGetContextInfo(ctx, CL_CONTEXT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    /* The threads released their queues, kernels and buffers before they were joined, so only the program and
     * our own reference hold the context. An implementation may keep one more while it retires the last
     * commands (PoCL does under load), so the exact count is not printed. */
    printf("  threads' references released: %s\n", rc >= 2 && rc <= 3 ? "yes" : "no");
    REP("clReleaseProgram", clReleaseProgram(prog));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
