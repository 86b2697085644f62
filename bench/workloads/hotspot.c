/*
 * hotspot - transient thermal simulation of a chip (Rodinia "hotspot" pattern).
 *
 * A grid of temperatures and a grid of dissipated power are uploaded once;
 * the explicit finite-difference step is then launched once per time step
 * with ping-pong buffers (kernel arguments re-bound every launch) and the
 * final temperatures are read back.  The same simulation runs on the host
 * and the two results are compared with a relative tolerance.
 *
 * Usage: hotspot [scale]
 *   scale  optional positive factor applied to the grid edge (default 1.0,
 *          1024x1024 cells, 400 steps).  "hotspot 0.1" is a quick run.
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

#define TILE 16

static const char *kSource =
    "#define TILE 16\n"
    "__kernel void hotspot_step(__global const float *power,\n"
    "                           __global const float *src,\n"
    "                           __global float *dst,\n"
    "                           __local float *tile,\n"
    "                           int rows, int cols,\n"
    "                           float cap_step, float rx_inv, float ry_inv,\n"
    "                           float rz_inv, float amb)\n"
    "{\n"
    "    int c = get_global_id(0), r = get_global_id(1);\n"
    "    int lc = get_local_id(0) + 1, lr = get_local_id(1) + 1;\n"
    "    int cc = min(c, cols - 1), rr = min(r, rows - 1);\n"
    "    const int W = TILE + 2;\n"
    "    tile[lr * W + lc] = src[rr * cols + cc];\n"
    "    if (lc == 1)    tile[lr * W] = src[rr * cols + max(cc - 1, 0)];\n"
    "    if (lc == TILE) tile[lr * W + TILE + 1] = src[rr * cols + min(cc + 1, cols - 1)];\n"
    "    if (lr == 1)    tile[lc] = src[max(rr - 1, 0) * cols + cc];\n"
    "    if (lr == TILE) tile[(TILE + 1) * W + lc] = src[min(rr + 1, rows - 1) * cols + cc];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    if (c >= cols || r >= rows) return;\n"
    "    float t = tile[lr * W + lc];\n"
    "    float n = r == 0 ? t : tile[(lr - 1) * W + lc];\n"
    "    float s = r == rows - 1 ? t : tile[(lr + 1) * W + lc];\n"
    "    float w = c == 0 ? t : tile[lr * W + lc - 1];\n"
    "    float e = c == cols - 1 ? t : tile[lr * W + lc + 1];\n"
    "    float d = power[r * cols + c] + (n + s - 2.0f * t) * ry_inv\n"
    "            + (e + w - 2.0f * t) * rx_inv + (amb - t) * rz_inv;\n"
    "    dst[r * cols + c] = t + cap_step * d;\n"
    "}\n";

/* Thermal model constants (silicon chip, 16 mm x 16 mm, 0.5 mm thick). */
#define CHIP_HEIGHT 0.016f
#define CHIP_WIDTH 0.016f
#define T_CHIP 0.0005f
#define K_SI 100.0f
#define SPEC_HEAT_SI 1.75e6f
#define FACTOR_CHIP 0.5f
#define MAX_PD 3.0e6f
#define PRECISION 0.001f
#define AMB_TEMP 80.0f

static void host_step(const float *power, const float *src, float *dst, int rows, int cols,
                      float cap_step, float rx_inv, float ry_inv, float rz_inv, float amb)
{
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            float t = src[r * cols + c];
            float n = r == 0 ? t : src[(r - 1) * cols + c];
            float s = r == rows - 1 ? t : src[(r + 1) * cols + c];
            float w = c == 0 ? t : src[r * cols + c - 1];
            float e = c == cols - 1 ? t : src[r * cols + c + 1];
            float d = power[r * cols + c] + (n + s - 2.0f * t) * ry_inv +
                      (e + w - 2.0f * t) * rx_inv + (amb - t) * rz_inv;
            dst[r * cols + c] = t + cap_step * d;
        }
    }
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int rows = (int)(1024 * scale + 0.5);
    if (rows < 16)
        rows = 16;
    int cols = rows;
    const int iters = 400;
    size_t n = (size_t)rows * cols;

    float grid_h = CHIP_HEIGHT / rows, grid_w = CHIP_WIDTH / cols;
    float cap = FACTOR_CHIP * SPEC_HEAT_SI * T_CHIP * grid_w * grid_h;
    float rx = grid_w / (2.0f * K_SI * T_CHIP * grid_h);
    float ry = grid_h / (2.0f * K_SI * T_CHIP * grid_w);
    float rz = T_CHIP / (K_SI * grid_h * grid_w);
    float max_slope = MAX_PD / (FACTOR_CHIP * T_CHIP * SPEC_HEAT_SI);
    float step = PRECISION / max_slope;
    /* Keep the explicit scheme stable on fine grids (inactive at 1024x1024). */
    float rmin = rx < ry ? rx : ry;
    if (step > 0.15f * cap * rmin)
        step = 0.15f * cap * rmin;
    float cap_step = step / cap, rx_inv = 1.0f / rx, ry_inv = 1.0f / ry, rz_inv = 1.0f / rz;
    float amb = AMB_TEMP;

    float *power = xmalloc(n * sizeof(float));
    float *temp = xmalloc(n * sizeof(float));
    float *ref_a = xmalloc(n * sizeof(float));
    float *ref_b = xmalloc(n * sizeof(float));
    float *result = xmalloc(n * sizeof(float));
    lcg_seed(0x484f5453ULL);
    /* A few hot functional units on a cool background. */
    for (size_t i = 0; i < n; i++) {
        temp[i] = 323.0f + 20.0f * lcg_float();
        power[i] = 2.0e-4f * lcg_float();
    }
    for (int u = 0; u < 12; u++) {
        int r0 = (int)(lcg_next() % (uint32_t)rows), c0 = (int)(lcg_next() % (uint32_t)cols);
        int h = 1 + rows / 8, w = 1 + cols / 8;
        float p = 5.0e-3f * (0.5f + lcg_float());
        for (int r = r0; r < r0 + h && r < rows; r++)
            for (int c = c0; c < c0 + w && c < cols; c++)
                power[(size_t)r * cols + c] += p;
    }

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k = ocl_kernel(prog, "hotspot_step");
    size_t bytes = n * sizeof(float);
    cl_mem d_power = ocl_buffer(&env, CL_MEM_READ_ONLY, bytes, NULL);
    cl_mem d_t[2];
    d_t[0] = ocl_buffer(&env, CL_MEM_READ_WRITE, bytes, NULL);
    d_t[1] = ocl_buffer(&env, CL_MEM_READ_WRITE, bytes, NULL);
    check(clEnqueueWriteBuffer(env.queue, d_power, CL_TRUE, 0, bytes, power, 0, NULL, NULL),
          "clEnqueueWriteBuffer");
    check(clEnqueueWriteBuffer(env.queue, d_t[0], CL_TRUE, 0, bytes, temp, 0, NULL, NULL),
          "clEnqueueWriteBuffer");

    set_arg(k, 0, sizeof(cl_mem), &d_power);
    set_arg(k, 3, (TILE + 2) * (TILE + 2) * sizeof(float), NULL);
    set_arg(k, 4, sizeof(int), &rows);
    set_arg(k, 5, sizeof(int), &cols);
    set_arg(k, 6, sizeof(float), &cap_step);
    set_arg(k, 7, sizeof(float), &rx_inv);
    set_arg(k, 8, sizeof(float), &ry_inv);
    set_arg(k, 9, sizeof(float), &rz_inv);
    set_arg(k, 10, sizeof(float), &amb);
    size_t local[2] = { TILE, TILE };
    size_t global[2] = { round_up((size_t)cols, TILE), round_up((size_t)rows, TILE) };
    int cur = 0;
    for (int it = 0; it < iters; it++) {
        set_arg(k, 1, sizeof(cl_mem), &d_t[cur]);
        set_arg(k, 2, sizeof(cl_mem), &d_t[1 - cur]);
        check(clEnqueueNDRangeKernel(env.queue, k, 2, NULL, global, local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        cur = 1 - cur;
    }
    check(clEnqueueReadBuffer(env.queue, d_t[cur], CL_TRUE, 0, bytes, result, 0, NULL, NULL),
          "clEnqueueReadBuffer");

    /* Host reference. */
    memcpy(ref_a, temp, bytes);
    float *src = ref_a, *dst = ref_b;
    for (int it = 0; it < iters; it++) {
        host_step(power, src, dst, rows, cols, cap_step, rx_inv, ry_inv, rz_inv, amb);
        float *t = src;
        src = dst;
        dst = t;
    }

    double max_err = 0.0, sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double err = fabs((double)result[i] - src[i]) / fmax(1.0, fabs((double)src[i]));
        if (!(err <= max_err))
            max_err = isnan(err) ? INFINITY : fmax(max_err, err);
        sum += src[i];
    }
    int ok = max_err <= 1e-5;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "max relative error %.3g\n", max_err);
    printf("hotspot: %dx%d iters=%d mean_temp=%.2f %s\n", rows, cols, iters, sum / (double)n,
           ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_power), "clReleaseMemObject");
    check(clReleaseMemObject(d_t[0]), "clReleaseMemObject");
    check(clReleaseMemObject(d_t[1]), "clReleaseMemObject");
    check(clReleaseKernel(k), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(power);
    free(temp);
    free(ref_a);
    free(ref_b);
    free(result);
    return ok ? 0 : 1;
}
