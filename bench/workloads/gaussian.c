/*
 * gaussian - Gaussian elimination of a dense linear system (Rodinia
 * "gaussian" pattern).
 *
 * For every pivot t the host launches two kernels: the first computes the
 * multipliers of column t for all rows below the pivot, the second subtracts
 * the scaled pivot row from the trailing sub-matrix and right-hand side.
 * That is 2(n-1) launches with the pivot index re-bound each time.  The
 * reduced system is read back and solved by back substitution on the host.
 * The system is built from a known solution, so the check compares the
 * computed solution with it and also evaluates the residual of the original
 * system.
 *
 * Usage: gaussian [scale]
 *   scale  optional positive factor applied to the matrix order
 *          (default 1.0: n = 2048).  "gaussian 0.1" is a quick run.
 * Exit status: 0 verified, 1 mismatch, 2 usage or OpenCL error.
 */
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared boilerplate (identical in every workload) ------------------- */

typedef struct {
    cl_device_id device;
    cl_context ctx;
    cl_command_queue queue;
} ocl_env;

static void check(cl_int err, const char *call)
{
    if (err != CL_SUCCESS) {
        fprintf(stderr, "%s failed: error %d\n", call, (int)err);
        exit(2);
    }
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of host memory (%zu bytes)\n", n);
        exit(2);
    }
    return p;
}

static double parse_scale(int argc, char **argv)
{
    if (argc < 2)
        return 1.0;
    char *end = NULL;
    double s = strtod(argv[1], &end);
    if (argc > 2 || end == argv[1] || *end != '\0' || !(s > 0.0) || s > 10.0) {
        fprintf(stderr, "usage: %s [scale]   (0 < scale <= 10, default 1)\n", argv[0]);
        exit(2);
    }
    return s;
}

/* 64-bit LCG (Knuth MMIX constants); the upper bits are returned. */
static uint64_t lcg_state = 0x2545F4914F6CDD1DULL;

static void lcg_seed(uint64_t seed) { lcg_state = seed; }

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 32);
}

/* Uniform float in [0, 1). */
static inline float lcg_float(void) { return (float)(lcg_next() >> 8) * (1.0f / 16777216.0f); }

static void ocl_init(ocl_env *e)
{
    cl_uint nplat = 0;
    check(clGetPlatformIDs(0, NULL, &nplat), "clGetPlatformIDs");
    if (nplat == 0) {
        fprintf(stderr, "clGetPlatformIDs failed: no platform\n");
        exit(2);
    }
    cl_platform_id *plats = xmalloc(nplat * sizeof *plats);
    check(clGetPlatformIDs(nplat, plats, NULL), "clGetPlatformIDs");
    const cl_device_type order[2] = { CL_DEVICE_TYPE_GPU, CL_DEVICE_TYPE_CPU };
    e->device = NULL;
    for (int t = 0; t < 2 && !e->device; t++) {
        for (cl_uint p = 0; p < nplat && !e->device; p++) {
            cl_uint ndev = 0;
            cl_int err = clGetDeviceIDs(plats[p], order[t], 1, &e->device, &ndev);
            if (err == CL_DEVICE_NOT_FOUND || ndev == 0) {
                e->device = NULL;
                continue;
            }
            check(err, "clGetDeviceIDs");
        }
    }
    free(plats);
    if (!e->device) {
        fprintf(stderr, "clGetDeviceIDs failed: no GPU or CPU device\n");
        exit(2);
    }
    cl_int err;
    e->ctx = clCreateContext(NULL, 1, &e->device, NULL, NULL, &err);
    check(err, "clCreateContext");
    e->queue = clCreateCommandQueue(e->ctx, e->device, 0, &err);
    check(err, "clCreateCommandQueue");
}

static cl_program ocl_build(ocl_env *e, const char *src, const char *opts)
{
    cl_int err;
    cl_program prog = clCreateProgramWithSource(e->ctx, 1, &src, NULL, &err);
    check(err, "clCreateProgramWithSource");
    err = clBuildProgram(prog, 1, &e->device, opts, NULL, NULL);
    if (err != CL_SUCCESS) {
        size_t len = 0;
        clGetProgramBuildInfo(prog, e->device, CL_PROGRAM_BUILD_LOG, 0, NULL, &len);
        char *log = xmalloc(len + 1);
        log[0] = '\0';
        clGetProgramBuildInfo(prog, e->device, CL_PROGRAM_BUILD_LOG, len, log, NULL);
        log[len] = '\0';
        fprintf(stderr, "%s\n", log);
        free(log);
        check(err, "clBuildProgram");
    }
    return prog;
}

static cl_kernel ocl_kernel(cl_program prog, const char *name)
{
    cl_int err;
    cl_kernel k = clCreateKernel(prog, name, &err);
    check(err, "clCreateKernel");
    return k;
}

static inline cl_mem ocl_buffer(ocl_env *e, cl_mem_flags flags, size_t size, void *host)
{
    cl_int err;
    cl_mem m = clCreateBuffer(e->ctx, flags, size, host, &err);
    check(err, "clCreateBuffer");
    return m;
}

static void ocl_release(ocl_env *e)
{
    check(clReleaseCommandQueue(e->queue), "clReleaseCommandQueue");
    check(clReleaseContext(e->ctx), "clReleaseContext");
}

static inline void set_arg(cl_kernel k, cl_uint idx, size_t size, const void *val)
{
    check(clSetKernelArg(k, idx, size, val), "clSetKernelArg");
}

static inline size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

/* ---- workload ------------------------------------------------------------ */

static const char *kSource =
    "__kernel void fan1(__global const float *a, __global float *m, int n, int t)\n"
    "{\n"
    "    int i = get_global_id(0) + t + 1;\n"
    "    if (i >= n) return;\n"
    "    m[i * n + t] = a[i * n + t] / a[t * n + t];\n"
    "}\n"
    "__kernel void fan2(__global float *a, __global float *b, __global const float *m,\n"
    "                   int n, int t)\n"
    "{\n"
    "    int j = get_global_id(0) + t;\n"
    "    int i = get_global_id(1) + t + 1;\n"
    "    if (i >= n || j >= n) return;\n"
    "    float mult = m[i * n + t];\n"
    "    a[i * n + j] -= mult * a[t * n + j];\n"
    "    if (j == t) b[i] -= mult * b[t];\n"
    "}\n";

/* Running maximum that turns a NaN into +inf so it can never pass a bound. */
static double nan_max(double acc, double v) { return isnan(v) ? INFINITY : fmax(acc, v); }

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int n = (int)(2048 * scale + 0.5);
    if (n < 16)
        n = 16;
    size_t nn = (size_t)n * n;

    float *a = xmalloc(nn * sizeof(float));
    float *a0 = xmalloc(nn * sizeof(float));
    float *b = xmalloc((size_t)n * sizeof(float));
    float *b0 = xmalloc((size_t)n * sizeof(float));
    float *m = xmalloc(nn * sizeof(float));
    double *x_true = xmalloc((size_t)n * sizeof(double));
    double *x = xmalloc((size_t)n * sizeof(double));
    lcg_seed(0x47415553ULL);
    for (size_t i = 0; i < nn; i++)
        a0[i] = 2.0f * lcg_float() - 1.0f;
    for (int i = 0; i < n; i++) {
        a0[(size_t)i * n + i] += 0.5f * (float)n; /* diagonally dominant: no pivoting */
        x_true[i] = 1.0 + (double)(i % 17) * 0.25 - (double)(i % 5);
    }
    for (int i = 0; i < n; i++) {
        double s = 0.0;
        for (int j = 0; j < n; j++)
            s += (double)a0[(size_t)i * n + j] * x_true[j];
        b0[i] = (float)s;
    }
    memcpy(a, a0, nn * sizeof(float));
    memcpy(b, b0, (size_t)n * sizeof(float));
    memset(m, 0, nn * sizeof(float));

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k1 = ocl_kernel(prog, "fan1");
    cl_kernel k2 = ocl_kernel(prog, "fan2");
    cl_mem d_a = ocl_buffer(&env, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, nn * sizeof(float), a);
    cl_mem d_b = ocl_buffer(&env, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                            (size_t)n * sizeof(float), b);
    cl_mem d_m = ocl_buffer(&env, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, nn * sizeof(float), m);
    cl_command_queue q = env.queue;
    set_arg(k1, 0, sizeof(cl_mem), &d_a);
    set_arg(k1, 1, sizeof(cl_mem), &d_m);
    set_arg(k1, 2, sizeof(int), &n);
    set_arg(k2, 0, sizeof(cl_mem), &d_a);
    set_arg(k2, 1, sizeof(cl_mem), &d_b);
    set_arg(k2, 2, sizeof(cl_mem), &d_m);
    set_arg(k2, 3, sizeof(int), &n);
    const size_t l1 = 64;
    const size_t l2[2] = { 16, 16 };
    for (int t = 0; t < n - 1; t++) {
        size_t g1 = round_up((size_t)(n - 1 - t), l1);
        size_t g2[2] = { round_up((size_t)(n - t), l2[0]), round_up((size_t)(n - 1 - t), l2[1]) };
        set_arg(k1, 3, sizeof(int), &t);
        set_arg(k2, 4, sizeof(int), &t);
        check(clEnqueueNDRangeKernel(q, k1, 1, NULL, &g1, &l1, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueNDRangeKernel(q, k2, 2, NULL, g2, l2, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
    }
    check(clEnqueueReadBuffer(q, d_a, CL_FALSE, 0, nn * sizeof(float), a, 0, NULL, NULL),
          "clEnqueueReadBuffer");
    check(clEnqueueReadBuffer(q, d_b, CL_FALSE, 0, (size_t)n * sizeof(float), b, 0, NULL, NULL),
          "clEnqueueReadBuffer");
    check(clFinish(q), "clFinish");

    /* Back substitution on the upper-triangular result. */
    for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < n; j++)
            s -= (double)a[(size_t)i * n + j] * x[j];
        x[i] = s / a[(size_t)i * n + i];
    }
    /* Lower part must have been eliminated; solution and residual must be small. */
    double max_low = 0.0, max_xerr = 0.0, max_res = 0.0, bnorm = 0.0, sum = 0.0;
    for (int i = 0; i < n; i++) {
        double r = -(double)b0[i];
        for (int j = 0; j < n; j++) {
            r += (double)a0[(size_t)i * n + j] * x[j];
            if (j < i)
                max_low = nan_max(max_low, fabs((double)a[(size_t)i * n + j]));
        }
        max_res = nan_max(max_res, fabs(r));
        bnorm = fmax(bnorm, fabs((double)b0[i]));
        max_xerr = nan_max(max_xerr, fabs(x[i] - x_true[i]));
        sum += x_true[i];
    }
    double rel_res = max_res / bnorm;
    int ok = max_low <= 1e-5 && max_xerr <= 2e-4 && rel_res <= 3e-5;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "max |L| %.3g, max |x - x_true| %.3g, relative residual %.3g\n", max_low,
                max_xerr, rel_res);
    printf("gaussian: n=%d launches=%d sum_x_true=%.2f %s\n", n, 2 * (n - 1), sum, ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_a), "clReleaseMemObject");
    check(clReleaseMemObject(d_b), "clReleaseMemObject");
    check(clReleaseMemObject(d_m), "clReleaseMemObject");
    check(clReleaseKernel(k1), "clReleaseKernel");
    check(clReleaseKernel(k2), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(a);
    free(a0);
    free(b);
    free(b0);
    free(m);
    free(x_true);
    free(x);
    return ok ? 0 : 1;
}
