/*
 * pathfinder - minimum-cost path down a 2-D grid (Rodinia "pathfinder" pattern).
 *
 * Each row's cost is wall[r][c] + min of the three neighbours in the row above.
 * The grid is processed in bands of PYRAMID rows: every band is generated on
 * the host, written to the device, and one "pyramid" kernel launch advances
 * the cost row by the whole band using work-group local memory with a halo
 * that shrinks by one cell per row.  Afterwards the host replays the same
 * generator sequence and advances its own cost row band by band; the final
 * rows are compared exactly.
 *
 * Usage: pathfinder [scale]
 *   scale  optional positive factor applied to the number of columns
 *          (default 1.0: 100000 columns x 4000 rows).  "pathfinder 0.1" is a
 *          quick run.
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

#define BLOCK 256
#define PYRAMID 20

static const char *kSource =
    "#define BLOCK 256\n"
    "#define PYRAMID 20\n"
    "__kernel void pathfinder_band(__global const int *wall, __global const int *src,\n"
    "                              __global int *dst, int cols, int steps)\n"
    "{\n"
    "    __local int prev[BLOCK];\n"
    "    __local int next[BLOCK];\n"
    "    int tx = get_local_id(0);\n"
    "    int col = get_group_id(0) * (BLOCK - 2 * PYRAMID) - PYRAMID + tx;\n"
    "    int valid = col >= 0 && col < cols;\n"
    "    if (valid) prev[tx] = src[col];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int i = 0; i < steps; i++) {\n"
    "        int live = valid && tx >= i + 1 && tx <= BLOCK - 2 - i;\n"
    "        if (live) {\n"
    "            int best = prev[tx];\n"
    "            if (col > 0) best = min(best, prev[tx - 1]);\n"
    "            if (col < cols - 1) best = min(best, prev[tx + 1]);\n"
    "            next[tx] = wall[i * cols + col] + best;\n"
    "        }\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "        if (live) prev[tx] = next[tx];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    if (valid && tx >= PYRAMID && tx < BLOCK - PYRAMID) dst[col] = prev[tx];\n"
    "}\n";

/* Wall weights 0..9; one generator step yields eight 4-bit draws. */
static void gen_rows(int *band, int nrows, int cols)
{
    size_t total = (size_t)nrows * cols;
    for (size_t i = 0; i < total; i += 8) {
        uint32_t bits = lcg_next();
        for (size_t k = i; k < i + 8 && k < total; k++, bits >>= 4)
            band[k] = (int)(((bits & 15u) * 10u) >> 4);
    }
}

static void host_band(const int *band, int nrows, int cols, int *row, int *tmp)
{
    for (int r = 0; r < nrows; r++) {
        const int *w = band + (size_t)r * cols;
        for (int c = 0; c < cols; c++) {
            int best = row[c];
            if (c > 0 && row[c - 1] < best)
                best = row[c - 1];
            if (c < cols - 1 && row[c + 1] < best)
                best = row[c + 1];
            tmp[c] = w[c] + best;
        }
        memcpy(row, tmp, (size_t)cols * sizeof(int));
    }
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int cols = (int)(100000 * scale + 0.5);
    if (cols < 64)
        cols = 64;
    const int rows = 4000;
    size_t row_bytes = (size_t)cols * sizeof(int);

    int *band = xmalloc(row_bytes * PYRAMID);
    int *ref_row = xmalloc(row_bytes);
    int *tmp = xmalloc(row_bytes);
    int *result = xmalloc(row_bytes);

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k = ocl_kernel(prog, "pathfinder_band");
    cl_mem d_wall = ocl_buffer(&env, CL_MEM_READ_ONLY, row_bytes * PYRAMID, NULL);
    cl_mem d_row[2];
    d_row[0] = ocl_buffer(&env, CL_MEM_READ_WRITE, row_bytes, NULL);
    d_row[1] = ocl_buffer(&env, CL_MEM_READ_WRITE, row_bytes, NULL);

    lcg_seed(0x50415448ULL);
    gen_rows(ref_row, 1, cols); /* first row: the starting costs */
    check(clEnqueueWriteBuffer(env.queue, d_row[0], CL_TRUE, 0, row_bytes, ref_row, 0, NULL, NULL),
          "clEnqueueWriteBuffer");

    set_arg(k, 0, sizeof(cl_mem), &d_wall);
    set_arg(k, 3, sizeof(int), &cols);
    size_t local = BLOCK;
    size_t groups = ((size_t)cols + (BLOCK - 2 * PYRAMID) - 1) / (BLOCK - 2 * PYRAMID);
    size_t global = groups * BLOCK;
    int cur = 0, launches = 0;
    for (int r = 1; r < rows; r += PYRAMID) {
        int steps = rows - r < PYRAMID ? rows - r : PYRAMID;
        gen_rows(band, steps, cols);
        /* Blocking write: also orders the host buffer reuse after the previous band. */
        check(clEnqueueWriteBuffer(env.queue, d_wall, CL_TRUE, 0, row_bytes * steps, band, 0, NULL,
                                   NULL),
              "clEnqueueWriteBuffer");
        set_arg(k, 1, sizeof(cl_mem), &d_row[cur]);
        set_arg(k, 2, sizeof(cl_mem), &d_row[1 - cur]);
        set_arg(k, 4, sizeof(int), &steps);
        check(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &global, &local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        cur = 1 - cur;
        launches++;
    }
    check(clEnqueueReadBuffer(env.queue, d_row[cur], CL_TRUE, 0, row_bytes, result, 0, NULL, NULL),
          "clEnqueueReadBuffer");

    /* Host reference: replay the same generator sequence band by band. */
    lcg_seed(0x50415448ULL);
    gen_rows(ref_row, 1, cols);
    for (int r = 1; r < rows; r += PYRAMID) {
        int steps = rows - r < PYRAMID ? rows - r : PYRAMID;
        gen_rows(band, steps, cols);
        host_band(band, steps, cols, ref_row, tmp);
    }

    long long sum = 0;
    int best = ref_row[0];
    size_t bad = 0;
    for (int c = 0; c < cols; c++) {
        if (result[c] != ref_row[c])
            bad++;
        sum += ref_row[c];
        if (ref_row[c] < best)
            best = ref_row[c];
    }
    int ok = bad == 0;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "mismatching columns %zu, launches %d\n", bad, launches);
    printf("pathfinder: %dx%d pyramid=%d min=%d checksum=%lld %s\n", rows, cols, PYRAMID, best, sum,
           ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_wall), "clReleaseMemObject");
    check(clReleaseMemObject(d_row[0]), "clReleaseMemObject");
    check(clReleaseMemObject(d_row[1]), "clReleaseMemObject");
    check(clReleaseKernel(k), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(band);
    free(ref_row);
    free(tmp);
    free(result);
    return ok ? 0 : 1;
}
