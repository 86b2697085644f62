/*
 * nw - Needleman-Wunsch global sequence alignment (Rodinia "nw" pattern).
 *
 * The (n+1)x(n+1) score matrix is filled in 16x16 blocks.  Blocks on the same
 * block anti-diagonal are independent, so the host launches one kernel per
 * block diagonal: first the growing upper-left triangle, then the shrinking
 * lower-right triangle (two kernels, as in the original).  One query is
 * aligned against several sequences; each pair re-uploads its matrices.  Inside a block the
 * cells are filled anti-diagonal by anti-diagonal in local memory.  The host
 * fills the same matrix with the plain recurrence; the matrices must match
 * exactly.
 *
 * Usage: nw [scale]
 *   scale  optional positive factor applied to the sequence length
 *          (default 1.0: one 4096-residue query aligned against 10 mutated
 *          4096-residue sequences, gap penalty 10).  "nw 0.1" is a quick run.
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
#define ALPHABET 24

static const char *kSource =
    "#define BS 16\n"
    "static void nw_block(__global int *score, __global const int *ref, int cols,\n"
    "                     int penalty, int bi, int bj,\n"
    "                     __local int s[BS + 1][BS + 1], __local int r[BS][BS])\n"
    "{\n"
    "    int tx = get_local_id(0);\n"
    "    int base = bi * BS * cols + bj * BS; /* top-left corner (halo) */\n"
    "    if (tx == 0) s[0][0] = score[base];\n"
    "    s[0][tx + 1] = score[base + tx + 1];\n"
    "    s[tx + 1][0] = score[base + (tx + 1) * cols];\n"
    "    for (int y = 0; y < BS; y++)\n"
    "        r[y][tx] = ref[base + (y + 1) * cols + tx + 1];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    int x = tx + 1;\n"
    "    for (int k = 2; k <= 2 * BS; k++) {\n"
    "        int y = k - x;\n"
    "        if (y >= 1 && y <= BS) {\n"
    "            int v = s[y - 1][x - 1] + r[y - 1][x - 1];\n"
    "            v = max(v, s[y][x - 1] - penalty);\n"
    "            v = max(v, s[y - 1][x] - penalty);\n"
    "            s[y][x] = v;\n"
    "        }\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    for (int y = 1; y <= BS; y++)\n"
    "        score[base + y * cols + x] = s[y][x];\n"
    "}\n"
    "__kernel void nw_upper(__global int *score, __global const int *ref, int cols,\n"
    "                       int penalty, int diag)\n"
    "{\n"
    "    __local int s[BS + 1][BS + 1];\n"
    "    __local int r[BS][BS];\n"
    "    int bi = get_group_id(0);\n"
    "    nw_block(score, ref, cols, penalty, bi, diag - bi, s, r);\n"
    "}\n"
    "__kernel void nw_lower(__global int *score, __global const int *ref, int cols,\n"
    "                       int penalty, int diag, int nblocks)\n"
    "{\n"
    "    __local int s[BS + 1][BS + 1];\n"
    "    __local int r[BS][BS];\n"
    "    int bi = diag - nblocks + 1 + get_group_id(0);\n"
    "    nw_block(score, ref, cols, penalty, bi, diag - bi, s, r);\n"
    "}\n";

static int imax(int a, int b) { return a > b ? a : b; }

/* Mutated copy of a: substitutions, insertions and deletions. */
static void mutate(const int *a, int *b, int len)
{
    int i = 1;
    for (int j = 1; j <= len; j++) {
        uint32_t r = lcg_next() % 100u;
        if (r < 4 && i < len) {
            i++; /* deletion: skip one residue of a */
        } else if (r < 8) {
            b[j] = (int)(lcg_next() % ALPHABET); /* insertion */
            continue;
        } else if (r < 28) {
            b[j] = (int)(lcg_next() % ALPHABET); /* substitution */
            i = i < len ? i + 1 : i;
            continue;
        }
        b[j] = a[i];
        i = i < len ? i + 1 : i;
    }
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int len = (int)(4096 * scale + 0.5);
    len = (len + BS - 1) / BS * BS;
    if (len < BS)
        len = BS;
    const int pairs = 10;
    const int penalty = 10;
    int cols = len + 1;
    size_t cells = (size_t)cols * cols;
    size_t bytes = cells * sizeof(int);

    /* Random substitution table (symmetric, positive diagonal) and query sequence. */
    int table[ALPHABET][ALPHABET];
    lcg_seed(0x4e57ULL);
    for (int a = 0; a < ALPHABET; a++) {
        for (int b = 0; b <= a; b++) {
            int v = a == b ? 4 + (int)(lcg_next() % 8u) : (int)(lcg_next() % 9u) - 4;
            table[a][b] = table[b][a] = v;
        }
    }
    int *seq_a = xmalloc((size_t)cols * sizeof(int));
    int *seq_b = xmalloc((size_t)cols * sizeof(int));
    seq_a[0] = seq_b[0] = 0;
    for (int i = 1; i < cols; i++)
        seq_a[i] = (int)(lcg_next() % ALPHABET);
    int *ref = xmalloc(bytes);
    int *score = xmalloc(bytes);
    int *result = xmalloc(bytes);

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k_up = ocl_kernel(prog, "nw_upper");
    cl_kernel k_lo = ocl_kernel(prog, "nw_lower");
    cl_mem d_ref = ocl_buffer(&env, CL_MEM_READ_ONLY, bytes, NULL);
    cl_mem d_score = ocl_buffer(&env, CL_MEM_READ_WRITE, bytes, NULL);
    cl_command_queue q = env.queue;
    int nblocks = len / BS;
    cl_kernel ks[2] = { k_up, k_lo };
    for (int i = 0; i < 2; i++) {
        set_arg(ks[i], 0, sizeof(cl_mem), &d_score);
        set_arg(ks[i], 1, sizeof(cl_mem), &d_ref);
        set_arg(ks[i], 2, sizeof(int), &cols);
        set_arg(ks[i], 3, sizeof(int), &penalty);
    }
    set_arg(k_lo, 5, sizeof(int), &nblocks);

    size_t bad = 0;
    long long sum = 0, total_score = 0;
    int launches = 0, total_len = 0, total_ident = 0;
    for (int p = 0; p < pairs; p++) {
        /* One query against several database sequences. */
        mutate(seq_a, seq_b, len);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                ref[(size_t)i * cols + j] = (i && j) ? table[seq_a[i]][seq_b[j]] : 0;
                score[(size_t)i * cols + j] = 0;
            }
        }
        for (int i = 0; i < cols; i++) {
            score[(size_t)i * cols] = -penalty * i;
            score[i] = -penalty * i;
        }
        check(clEnqueueWriteBuffer(q, d_ref, CL_FALSE, 0, bytes, ref, 0, NULL, NULL),
              "clEnqueueWriteBuffer");
        check(clEnqueueWriteBuffer(q, d_score, CL_FALSE, 0, bytes, score, 0, NULL, NULL),
              "clEnqueueWriteBuffer");
        size_t local = BS;
        for (int d = 0; d < nblocks; d++) {
            size_t global = (size_t)(d + 1) * BS;
            set_arg(k_up, 4, sizeof(int), &d);
            check(clEnqueueNDRangeKernel(q, k_up, 1, NULL, &global, &local, 0, NULL, NULL),
                  "clEnqueueNDRangeKernel");
            launches++;
        }
        for (int d = nblocks; d < 2 * nblocks - 1; d++) {
            size_t global = (size_t)(2 * nblocks - 1 - d) * BS;
            set_arg(k_lo, 4, sizeof(int), &d);
            check(clEnqueueNDRangeKernel(q, k_lo, 1, NULL, &global, &local, 0, NULL, NULL),
                  "clEnqueueNDRangeKernel");
            launches++;
        }
        check(clEnqueueReadBuffer(q, d_score, CL_TRUE, 0, bytes, result, 0, NULL, NULL),
              "clEnqueueReadBuffer");

        /* Host reference. */
        for (int i = 1; i < cols; i++) {
            int *row = score + (size_t)i * cols, *up = row - cols;
            const int *rr = ref + (size_t)i * cols;
            for (int j = 1; j < cols; j++)
                row[j] = imax(imax(up[j - 1] + rr[j], row[j - 1] - penalty), up[j] - penalty);
        }
        for (size_t i = 0; i < cells; i++) {
            if (result[i] != score[i])
                bad++;
            sum += score[i];
        }
        /* Trace back the optimal alignment on the host. */
        int i = len, j = len, steps = 0, matches = 0;
        while (i > 0 && j > 0) {
            int here = score[(size_t)i * cols + j];
            if (here == score[(size_t)(i - 1) * cols + j - 1] + ref[(size_t)i * cols + j]) {
                matches += seq_a[i] == seq_b[j];
                i--;
                j--;
            } else if (here == score[(size_t)i * cols + j - 1] - penalty) {
                j--;
            } else {
                i--;
            }
            steps++;
        }
        total_len += steps + i + j;
        total_ident += matches;
        total_score += score[cells - 1];
    }
    int ok = bad == 0;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "mismatching cells %zu, launches %d\n", bad, launches);
    printf("nw: %dx%d pairs=%d penalty=%d score=%lld aligned=%d identities=%d checksum=%lld %s\n",
           len, len, pairs, penalty, total_score, total_len, total_ident, sum,
           ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_ref), "clReleaseMemObject");
    check(clReleaseMemObject(d_score), "clReleaseMemObject");
    check(clReleaseKernel(k_up), "clReleaseKernel");
    check(clReleaseKernel(k_lo), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(seq_a);
    free(seq_b);
    free(ref);
    free(score);
    free(result);
    return ok ? 0 : 1;
}
