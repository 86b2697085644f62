/*
 * srad - speckle reducing anisotropic diffusion (Rodinia "srad" pattern).
 *
 * A synthetic speckled image is uploaded and mapped to exp(I/255) by an
 * "extract" kernel.  Every iteration then: a reduction kernel produces
 * per-work-group sums and sums of squares that the host reads back and
 * combines into the speckle scale q0^2; the first SRAD kernel computes the
 * directional derivatives and the diffusion coefficient of each pixel; the
 * second SRAD kernel applies the divergence update.  A "compress" kernel maps
 * the result back with log(J)*255 and the image is read back.  The host runs
 * the same algorithm and the images must agree within a tolerance.
 *
 * Usage: srad [scale]
 *   scale  optional positive factor applied to the image edge
 *          (default 1.0: 896x896 pixels, 100 iterations, lambda 0.5).
 *          "srad 0.1" is a quick run.
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

#define RED_LOCAL 256

static const char *kSource =
    "#define RED_LOCAL 256\n"
    "__kernel void srad_extract(__global float *img, int n)\n"
    "{\n"
    "    int i = get_global_id(0);\n"
    "    if (i < n) img[i] = exp(img[i] / 255.0f);\n"
    "}\n"
    "__kernel void srad_compress(__global float *img, int n)\n"
    "{\n"
    "    int i = get_global_id(0);\n"
    "    if (i < n) img[i] = log(img[i]) * 255.0f;\n"
    "}\n"
    "__kernel void srad_reduce(__global const float *img, __global float2 *partial, int n)\n"
    "{\n"
    "    __local float2 acc[RED_LOCAL];\n"
    "    int lid = get_local_id(0);\n"
    "    float2 s = (float2)(0.0f, 0.0f);\n"
    "    for (int i = get_global_id(0); i < n; i += get_global_size(0)) {\n"
    "        float v = img[i];\n"
    "        s += (float2)(v, v * v);\n"
    "    }\n"
    "    acc[lid] = s;\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int w = RED_LOCAL / 2; w > 0; w >>= 1) {\n"
    "        if (lid < w) acc[lid] += acc[lid + w];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    if (lid == 0) partial[get_group_id(0)] = acc[0];\n"
    "}\n"
    "__kernel void srad_coeff(__global const float *img, __global float *dn,\n"
    "                         __global float *ds, __global float *dw, __global float *de,\n"
    "                         __global float *coef, int rows, int cols, float q0sqr)\n"
    "{\n"
    "    int c = get_global_id(0), r = get_global_id(1);\n"
    "    if (c >= cols || r >= rows) return;\n"
    "    int k = r * cols + c;\n"
    "    float jc = img[k];\n"
    "    float n_ = img[max(r - 1, 0) * cols + c] - jc;\n"
    "    float s_ = img[min(r + 1, rows - 1) * cols + c] - jc;\n"
    "    float w_ = img[r * cols + max(c - 1, 0)] - jc;\n"
    "    float e_ = img[r * cols + min(c + 1, cols - 1)] - jc;\n"
    "    float g2 = (n_ * n_ + s_ * s_ + w_ * w_ + e_ * e_) / (jc * jc);\n"
    "    float l = (n_ + s_ + w_ + e_) / jc;\n"
    "    float num = 0.5f * g2 - 0.0625f * l * l;\n"
    "    float den = 1.0f + 0.25f * l;\n"
    "    float qsqr = num / (den * den);\n"
    "    den = (qsqr - q0sqr) / (q0sqr * (1.0f + q0sqr));\n"
    "    float cv = 1.0f / (1.0f + den);\n"
    "    coef[k] = clamp(cv, 0.0f, 1.0f);\n"
    "    dn[k] = n_; ds[k] = s_; dw[k] = w_; de[k] = e_;\n"
    "}\n"
    "__kernel void srad_update(__global float *img, __global const float *dn,\n"
    "                          __global const float *ds, __global const float *dw,\n"
    "                          __global const float *de, __global const float *coef,\n"
    "                          int rows, int cols, float lambda)\n"
    "{\n"
    "    int c = get_global_id(0), r = get_global_id(1);\n"
    "    if (c >= cols || r >= rows) return;\n"
    "    int k = r * cols + c;\n"
    "    float cn = coef[k], cw = coef[k];\n"
    "    float cs = coef[min(r + 1, rows - 1) * cols + c];\n"
    "    float ce = coef[r * cols + min(c + 1, cols - 1)];\n"
    "    float d = cn * dn[k] + cs * ds[k] + cw * dw[k] + ce * de[k];\n"
    "    img[k] += 0.25f * lambda * d;\n"
    "}\n";

static float clampf(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

static void host_iteration(float *img, float *dn, float *ds, float *dw, float *de, float *coef,
                           int rows, int cols, float lambda)
{
    size_t n = (size_t)rows * cols;
    double sum = 0.0, sum2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum += img[i];
        sum2 += (double)img[i] * img[i];
    }
    double mean = sum / (double)n, var = sum2 / (double)n - mean * mean;
    float q0sqr = (float)(var / (mean * mean));
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            size_t k = (size_t)r * cols + c;
            float jc = img[k];
            float n_ = img[(size_t)(r > 0 ? r - 1 : 0) * cols + c] - jc;
            float s_ = img[(size_t)(r < rows - 1 ? r + 1 : r) * cols + c] - jc;
            float w_ = img[(size_t)r * cols + (c > 0 ? c - 1 : 0)] - jc;
            float e_ = img[(size_t)r * cols + (c < cols - 1 ? c + 1 : c)] - jc;
            float g2 = (n_ * n_ + s_ * s_ + w_ * w_ + e_ * e_) / (jc * jc);
            float l = (n_ + s_ + w_ + e_) / jc;
            float num = 0.5f * g2 - 0.0625f * l * l;
            float den = 1.0f + 0.25f * l;
            float qsqr = num / (den * den);
            den = (qsqr - q0sqr) / (q0sqr * (1.0f + q0sqr));
            coef[k] = clampf(1.0f / (1.0f + den), 0.0f, 1.0f);
            dn[k] = n_;
            ds[k] = s_;
            dw[k] = w_;
            de[k] = e_;
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            size_t k = (size_t)r * cols + c;
            float cs = coef[(size_t)(r < rows - 1 ? r + 1 : r) * cols + c];
            float ce = coef[(size_t)r * cols + (c < cols - 1 ? c + 1 : c)];
            float d = coef[k] * dn[k] + cs * ds[k] + coef[k] * dw[k] + ce * de[k];
            img[k] += 0.25f * lambda * d;
        }
    }
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int rows = (int)(896 * scale + 0.5);
    if (rows < 16)
        rows = 16;
    int cols = rows;
    const int iters = 100;
    float lambda = 0.5f;
    int n = rows * cols;
    size_t bytes = (size_t)n * sizeof(float);

    /* Smooth shapes multiplied by speckle noise, values in (0, 255]. */
    float *image = xmalloc(bytes);
    lcg_seed(0x53524144ULL);
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            float y = (float)r / rows - 0.5f, x = (float)c / cols - 0.5f;
            float base = 60.0f + 40.0f * (x * x + y * y < 0.09f) + 30.0f * (fabsf(x - y) < 0.1f);
            float speckle = 0.6f + 0.8f * lcg_float();
            image[(size_t)r * cols + c] = base * speckle;
        }
    }
    float *ref = xmalloc(bytes);
    float *result = xmalloc(bytes);
    float *tmp[5];
    for (int i = 0; i < 5; i++)
        tmp[i] = xmalloc(bytes);

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k_ext = ocl_kernel(prog, "srad_extract");
    cl_kernel k_cmp = ocl_kernel(prog, "srad_compress");
    cl_kernel k_red = ocl_kernel(prog, "srad_reduce");
    cl_kernel k_coef = ocl_kernel(prog, "srad_coeff");
    cl_kernel k_upd = ocl_kernel(prog, "srad_update");
    cl_command_queue q = env.queue;
    const size_t red_groups = 64;
    cl_mem d_img = ocl_buffer(&env, CL_MEM_READ_WRITE, bytes, NULL);
    cl_mem d_partial = ocl_buffer(&env, CL_MEM_WRITE_ONLY, red_groups * 2 * sizeof(float), NULL);
    cl_mem d_tmp[5];
    for (int i = 0; i < 5; i++)
        d_tmp[i] = ocl_buffer(&env, CL_MEM_READ_WRITE, bytes, NULL);
    check(clEnqueueWriteBuffer(q, d_img, CL_FALSE, 0, bytes, image, 0, NULL, NULL),
          "clEnqueueWriteBuffer");

    size_t l1 = 256, g1 = round_up((size_t)n, l1);
    size_t l2[2] = { 16, 16 };
    size_t g2[2] = { round_up((size_t)cols, 16), round_up((size_t)rows, 16) };
    size_t rl = RED_LOCAL, rg = red_groups * RED_LOCAL;
    set_arg(k_ext, 0, sizeof(cl_mem), &d_img);
    set_arg(k_ext, 1, sizeof(int), &n);
    set_arg(k_cmp, 0, sizeof(cl_mem), &d_img);
    set_arg(k_cmp, 1, sizeof(int), &n);
    set_arg(k_red, 0, sizeof(cl_mem), &d_img);
    set_arg(k_red, 1, sizeof(cl_mem), &d_partial);
    set_arg(k_red, 2, sizeof(int), &n);
    set_arg(k_coef, 0, sizeof(cl_mem), &d_img);
    for (int i = 0; i < 5; i++) {
        set_arg(k_coef, 1 + i, sizeof(cl_mem), &d_tmp[i]);
        set_arg(k_upd, 1 + i, sizeof(cl_mem), &d_tmp[i]);
    }
    set_arg(k_coef, 6, sizeof(int), &rows);
    set_arg(k_coef, 7, sizeof(int), &cols);
    set_arg(k_upd, 0, sizeof(cl_mem), &d_img);
    set_arg(k_upd, 6, sizeof(int), &rows);
    set_arg(k_upd, 7, sizeof(int), &cols);
    set_arg(k_upd, 8, sizeof(float), &lambda);

    check(clEnqueueNDRangeKernel(q, k_ext, 1, NULL, &g1, &l1, 0, NULL, NULL),
          "clEnqueueNDRangeKernel");
    float partial[2 * 64];
    for (int it = 0; it < iters; it++) {
        check(clEnqueueNDRangeKernel(q, k_red, 1, NULL, &rg, &rl, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueReadBuffer(q, d_partial, CL_TRUE, 0, sizeof partial, partial, 0, NULL,
                                  NULL),
              "clEnqueueReadBuffer");
        double sum = 0.0, sum2 = 0.0;
        for (size_t g = 0; g < red_groups; g++) {
            sum += partial[2 * g];
            sum2 += partial[2 * g + 1];
        }
        double mean = sum / n, var = sum2 / n - mean * mean;
        float q0sqr = (float)(var / (mean * mean));
        set_arg(k_coef, 8, sizeof(float), &q0sqr);
        check(clEnqueueNDRangeKernel(q, k_coef, 2, NULL, g2, l2, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueNDRangeKernel(q, k_upd, 2, NULL, g2, l2, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
    }
    check(clEnqueueNDRangeKernel(q, k_cmp, 1, NULL, &g1, &l1, 0, NULL, NULL),
          "clEnqueueNDRangeKernel");
    check(clEnqueueReadBuffer(q, d_img, CL_TRUE, 0, bytes, result, 0, NULL, NULL),
          "clEnqueueReadBuffer");

    /* Host reference. */
    for (int i = 0; i < n; i++)
        ref[i] = expf(image[i] / 255.0f);
    for (int it = 0; it < iters; it++)
        host_iteration(ref, tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], rows, cols, lambda);
    double max_diff = 0.0, sum = 0.0, var_in = 0.0, var_out = 0.0, mean_in = 0.0;
    for (int i = 0; i < n; i++) {
        ref[i] = logf(ref[i]) * 255.0f;
        double d = fabs((double)result[i] - ref[i]);
        max_diff = isnan(d) ? INFINITY : fmax(max_diff, d);
        sum += ref[i];
        mean_in += image[i];
    }
    mean_in /= n;
    double mean_out = sum / n;
    for (int i = 0; i < n; i++) {
        var_in += (image[i] - mean_in) * (image[i] - mean_in);
        var_out += (ref[i] - mean_out) * (ref[i] - mean_out);
    }
    int ok = max_diff <= 0.01;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "max abs difference %.3g (0..255 scale)\n", max_diff);
    printf("srad: %dx%d iters=%d lambda=%.2f mean=%.3f stddev %.2f->%.2f %s\n", rows, cols, iters,
           lambda, mean_out, sqrt(var_in / n), sqrt(var_out / n), ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_img), "clReleaseMemObject");
    check(clReleaseMemObject(d_partial), "clReleaseMemObject");
    for (int i = 0; i < 5; i++)
        check(clReleaseMemObject(d_tmp[i]), "clReleaseMemObject");
    cl_kernel ks[] = { k_ext, k_cmp, k_red, k_coef, k_upd };
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++)
        check(clReleaseKernel(ks[i]), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(image);
    free(ref);
    free(result);
    for (int i = 0; i < 5; i++)
        free(tmp[i]);
    return ok ? 0 : 1;
}
