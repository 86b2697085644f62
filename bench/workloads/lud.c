/*
 * lud - blocked LU decomposition without pivoting (Rodinia "lud" pattern).
 *
 * The matrix is factorised in place, 16x16 block column by block column.  For
 * every block step the host launches three kernels: one work-group factorises
 * the diagonal block, the perimeter kernel solves the block row (U) and block
 * column (L) against it, and the internal kernel applies the rank-16 update to
 * the trailing sub-matrix.  The factors are read back and checked two ways
 * without an O(n^3) reference: L(Ux) is compared with Ax for a random x, and
 * (LU)[i][j] is compared with A[i][j] at a few thousand random positions.
 *
 * Usage: lud [scale]
 *   scale  optional positive factor applied to the matrix order
 *          (default 1.0: n = 2048, rounded to a multiple of 16).
 *          "lud 0.1" is a quick run.
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

#define BS 16

static const char *kSource =
    "#define BS 16\n"
    "__kernel void lud_diagonal(__global float *a, int n, int o)\n"
    "{\n"
    "    __local float d[BS][BS];\n"
    "    int tx = get_local_id(0);\n"
    "    for (int y = 0; y < BS; y++) d[y][tx] = a[(o + y) * n + o + tx];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int p = 0; p < BS - 1; p++) {\n"
    "        if (tx > p) d[tx][p] /= d[p][p];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        if (tx > p)\n"
    "            for (int j = p + 1; j < BS; j++) d[tx][j] -= d[tx][p] * d[p][j];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    for (int y = 0; y < BS; y++) a[(o + y) * n + o + tx] = d[y][tx];\n"
    "}\n"
    "__kernel void lud_perimeter(__global float *a, int n, int o)\n"
    "{\n"
    "    __local float d[BS][BS];\n"
    "    __local float b[BS][BS];\n"
    "    int tx = get_local_id(0);\n"
    "    int g = get_group_id(0);\n"
    "    int r = get_num_groups(0) / 2;\n"
    "    for (int y = 0; y < BS; y++) d[y][tx] = a[(o + y) * n + o + tx];\n"
    "    if (g < r) {\n"
    "        /* Block row: solve L * U_blk = A_blk, one column per work-item. */\n"
    "        int c0 = o + BS * (g + 1);\n"
    "        for (int y = 0; y < BS; y++) b[y][tx] = a[(o + y) * n + c0 + tx];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        for (int y = 1; y < BS; y++) {\n"
    "            float v = b[y][tx];\n"
    "            for (int p = 0; p < y; p++) v -= d[y][p] * b[p][tx];\n"
    "            b[y][tx] = v;\n"
    "        }\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        for (int y = 0; y < BS; y++) a[(o + y) * n + c0 + tx] = b[y][tx];\n"
    "    } else {\n"
    "        /* Block column: solve L_blk * U = A_blk, one row per work-item. */\n"
    "        int r0 = o + BS * (g - r + 1);\n"
    "        for (int y = 0; y < BS; y++) b[y][tx] = a[(r0 + y) * n + o + tx];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        for (int x = 0; x < BS; x++) {\n"
    "            float v = b[tx][x];\n"
    "            for (int p = 0; p < x; p++) v -= b[tx][p] * d[p][x];\n"
    "            b[tx][x] = v / d[x][x];\n"
    "        }\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        for (int y = 0; y < BS; y++) a[(r0 + y) * n + o + tx] = b[y][tx];\n"
    "    }\n"
    "}\n"
    "__kernel void lud_internal(__global float *a, int n, int o)\n"
    "{\n"
    "    __local float l[BS][BS];\n"
    "    __local float u[BS][BS];\n"
    "    int tx = get_local_id(0), ty = get_local_id(1);\n"
    "    int row = o + BS * (get_group_id(1) + 1) + ty;\n"
    "    int col = o + BS * (get_group_id(0) + 1) + tx;\n"
    "    l[ty][tx] = a[row * n + o + tx];\n"
    "    u[ty][tx] = a[(o + ty) * n + col];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    float s = 0.0f;\n"
    "    for (int p = 0; p < BS; p++) s += l[ty][p] * u[p][tx];\n"
    "    a[row * n + col] -= s;\n"
    "}\n";

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int n = (int)(2048 * scale + 0.5);
    n = (n + BS - 1) / BS * BS;
    if (n < 2 * BS)
        n = 2 * BS;
    size_t nn = (size_t)n * n;
    int nb = n / BS;

    float *a0 = xmalloc(nn * sizeof(float));
    float *lu = xmalloc(nn * sizeof(float));
    lcg_seed(0x4c5544ULL);
    float shift = 4.0f * sqrtf((float)n);
    for (size_t i = 0; i < nn; i++)
        a0[i] = 2.0f * lcg_float() - 1.0f;
    for (int i = 0; i < n; i++)
        a0[(size_t)i * n + i] += shift;

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k_diag = ocl_kernel(prog, "lud_diagonal");
    cl_kernel k_peri = ocl_kernel(prog, "lud_perimeter");
    cl_kernel k_int = ocl_kernel(prog, "lud_internal");
    cl_mem d_a = ocl_buffer(&env, CL_MEM_READ_WRITE, nn * sizeof(float), NULL);
    cl_command_queue q = env.queue;
    check(clEnqueueWriteBuffer(q, d_a, CL_FALSE, 0, nn * sizeof(float), a0, 0, NULL, NULL),
          "clEnqueueWriteBuffer");
    cl_kernel ks[3] = { k_diag, k_peri, k_int };
    for (int i = 0; i < 3; i++) {
        set_arg(ks[i], 0, sizeof(cl_mem), &d_a);
        set_arg(ks[i], 1, sizeof(int), &n);
    }
    int launches = 0;
    for (int k = 0; k < nb; k++) {
        int o = k * BS;
        size_t l1 = BS, g1 = BS;
        set_arg(k_diag, 2, sizeof(int), &o);
        check(clEnqueueNDRangeKernel(q, k_diag, 1, NULL, &g1, &l1, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        launches++;
        if (k == nb - 1)
            break;
        size_t rest = (size_t)(nb - k - 1);
        size_t gp = 2 * rest * BS;
        set_arg(k_peri, 2, sizeof(int), &o);
        check(clEnqueueNDRangeKernel(q, k_peri, 1, NULL, &gp, &l1, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        size_t gi[2] = { rest * BS, rest * BS }, li[2] = { BS, BS };
        set_arg(k_int, 2, sizeof(int), &o);
        check(clEnqueueNDRangeKernel(q, k_int, 2, NULL, gi, li, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        launches += 2;
    }
    check(clEnqueueReadBuffer(q, d_a, CL_TRUE, 0, nn * sizeof(float), lu, 0, NULL, NULL),
          "clEnqueueReadBuffer");

    /* Check 1: L (U x) against A x for a random vector x. */
    double *x = xmalloc((size_t)n * sizeof(double));
    double *y = xmalloc((size_t)n * sizeof(double));
    double *z = xmalloc((size_t)n * sizeof(double));
    for (int i = 0; i < n; i++)
        x[i] = 2.0 * lcg_float() - 1.0;
    double ynorm = 0.0;
    for (int i = 0; i < n; i++) {
        double s = 0.0, t = 0.0;
        const float *ar = a0 + (size_t)i * n, *lr = lu + (size_t)i * n;
        for (int j = 0; j < n; j++)
            s += (double)ar[j] * x[j];
        for (int j = i; j < n; j++)
            t += (double)lr[j] * x[j];
        y[i] = s;
        z[i] = t;
        ynorm = fmax(ynorm, fabs(s));
    }
    double vec_err = 0.0;
    for (int i = 0; i < n; i++) {
        double w = z[i];
        const float *lr = lu + (size_t)i * n;
        for (int j = 0; j < i; j++)
            w += (double)lr[j] * z[j];
        double e = fabs(w - y[i]);
        vec_err = isnan(e) ? INFINITY : fmax(vec_err, e);
    }
    vec_err /= ynorm;
    /* Check 2: individual entries of L*U. */
    double ent_err = 0.0;
    for (int s = 0; s < 4096; s++) {
        int i = (int)(lcg_next() % (uint32_t)n), j = (int)(lcg_next() % (uint32_t)n);
        int top = i < j ? i : j;
        double v = 0.0;
        for (int p = 0; p <= top; p++) {
            double l = p == i ? 1.0 : lu[(size_t)i * n + p];
            v += l * lu[(size_t)p * n + j];
        }
        double e = fabs(v - a0[(size_t)i * n + j]);
        ent_err = isnan(e) ? INFINITY : fmax(ent_err, e);
    }
    ent_err /= shift;
    double logdet = 0.0;
    for (int i = 0; i < n; i++)
        logdet += log(fabs((double)lu[(size_t)i * n + i]));
    /* Rounding error grows with n; the bound keeps a margin of about 5x. */
    double tol = 2e-6 * fmax(1.0, n / 1024.0);
    int ok = vec_err <= tol && ent_err <= tol;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "L(Ux) error %.3g, entry error %.3g, launches %d\n", vec_err, ent_err,
                launches);
    printf("lud: n=%d block=%d launches=%d log|det|=%.1f %s\n", n, BS, launches, logdet,
           ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_a), "clReleaseMemObject");
    for (int i = 0; i < 3; i++)
        check(clReleaseKernel(ks[i]), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(a0);
    free(lu);
    free(x);
    free(y);
    free(z);
    return ok ? 0 : 1;
}
