/*
 * backprop - training of a two-layer perceptron (Rodinia "backprop" pattern).
 *
 * The network has a very wide input layer, 16 hidden units and one output.
 * For each training sample the host writes the input vector, a forward
 * kernel computes 16x16 tiles of input*weight products and reduces them in
 * local memory, the host reads the per-tile partial sums and finishes the
 * hidden and output layers, computes the error terms, writes the hidden
 * deltas back and launches the weight-adjust kernel (with momentum).  After
 * all samples the input->hidden weights are read back.  A host-only
 * implementation then replays the same inputs, trains an identical network,
 * and the weights and per-sample output errors must agree within a tolerance.
 *
 * Usage: backprop [scale]
 *   scale  optional positive factor applied to the input layer width
 *          (default 1.0: 786432 inputs, 16 hidden units, 24 samples).
 *          "backprop 0.1" is a quick run.
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

#define HID 16
#define TROWS 16
#define ETA 0.3f
#define MOMENTUM 0.3f
#define SAMPLES 24
#define BP_SEED 0x4250ULL

static const char *kSource =
    "#define HID 16\n"
    "#define TROWS 16\n"
    "__kernel void bp_forward(__global const float *x, __global const float *w,\n"
    "                         __global float *partial)\n"
    "{\n"
    "    __local float prod[TROWS][HID];\n"
    "    int j = get_local_id(0), r = get_local_id(1);\n"
    "    int i = get_global_id(1);\n"
    "    prod[r][j] = x[i] * w[i * HID + j];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int s = TROWS / 2; s > 0; s >>= 1) {\n"
    "        if (r < s) prod[r][j] += prod[r + s][j];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    if (r == 0) partial[get_group_id(1) * HID + j] = prod[0][j];\n"
    "}\n"
    "__kernel void bp_adjust(__global const float *x, __global const float *delta,\n"
    "                        __global float *w, __global float *prev, float eta,\n"
    "                        float momentum)\n"
    "{\n"
    "    int idx = get_global_id(0);\n"
    "    int i = idx / HID, j = idx % HID;\n"
    "    float dw = eta * delta[j] * x[i] + momentum * prev[idx];\n"
    "    w[idx] += dw;\n"
    "    prev[idx] = dw;\n"
    "}\n";

static float sigmoid(double v) { return (float)(1.0 / (1.0 + exp(-v))); }

/* Output layer and error terms, shared by both paths.  w2 has HID+1 entries
 * (the last is the bias), dw2 holds the previous changes. */
static float output_and_deltas(const float *hidden, float *w2, float *dw2, float target,
                               float *delta_h)
{
    double s = w2[HID];
    for (int j = 0; j < HID; j++)
        s += (double)hidden[j] * w2[j];
    float out = sigmoid(s);
    float delta_o = out * (1.0f - out) * (target - out);
    for (int j = 0; j < HID; j++)
        delta_h[j] = hidden[j] * (1.0f - hidden[j]) * w2[j] * delta_o;
    for (int j = 0; j <= HID; j++) {
        float h = j < HID ? hidden[j] : 1.0f;
        float d = ETA * delta_o * h + MOMENTUM * dw2[j];
        w2[j] += d;
        dw2[j] = d;
    }
    return target - out;
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int n_in = (int)(786432 * scale + 0.5);
    n_in = (n_in + TROWS - 1) / TROWS * TROWS;
    if (n_in < TROWS)
        n_in = TROWS;
    const int samples = SAMPLES;
    int n = n_in + TROWS; /* one extra tile: unit n_in is the bias (x = 1) */
    int tiles = n / TROWS;
    size_t nw = (size_t)n * HID;

    float *w = xmalloc(nw * sizeof(float));
    float *w_ref = xmalloc(nw * sizeof(float));
    float *prev_ref = xmalloc(nw * sizeof(float));
    float *x = xmalloc((size_t)n * sizeof(float));
    float *partial = xmalloc((size_t)tiles * HID * sizeof(float));
    float w2[HID + 1], dw2[HID + 1], w2_ref[HID + 1], dw2_ref[HID + 1];
    lcg_seed(BP_SEED);
    float amp = 1.0f / sqrtf((float)n_in);
    for (size_t i = 0; i < nw; i++) {
        w[i] = amp * (2.0f * lcg_float() - 1.0f);
        prev_ref[i] = 0.0f;
    }
    for (int j = 0; j <= HID; j++) {
        w2[j] = 2.0f * lcg_float() - 1.0f;
        dw2[j] = dw2_ref[j] = 0.0f;
    }

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k_fwd = ocl_kernel(prog, "bp_forward");
    cl_kernel k_adj = ocl_kernel(prog, "bp_adjust");
    cl_command_queue q = env.queue;
    cl_mem d_x = ocl_buffer(&env, CL_MEM_READ_ONLY, (size_t)n * sizeof(float), NULL);
    cl_mem d_w = ocl_buffer(&env, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, nw * sizeof(float), w);
    cl_mem d_prev = ocl_buffer(&env, CL_MEM_READ_WRITE, nw * sizeof(float), NULL);
    cl_mem d_partial = ocl_buffer(&env, CL_MEM_WRITE_ONLY, (size_t)tiles * HID * sizeof(float),
                                  NULL);
    cl_mem d_delta = ocl_buffer(&env, CL_MEM_READ_ONLY, HID * sizeof(float), NULL);
    float zero = 0.0f;
    check(clEnqueueFillBuffer(q, d_prev, &zero, sizeof zero, 0, nw * sizeof(float), 0, NULL, NULL),
          "clEnqueueFillBuffer");
    set_arg(k_fwd, 0, sizeof(cl_mem), &d_x);
    set_arg(k_fwd, 1, sizeof(cl_mem), &d_w);
    set_arg(k_fwd, 2, sizeof(cl_mem), &d_partial);
    float eta = ETA, momentum = MOMENTUM;
    set_arg(k_adj, 0, sizeof(cl_mem), &d_x);
    set_arg(k_adj, 1, sizeof(cl_mem), &d_delta);
    set_arg(k_adj, 2, sizeof(cl_mem), &d_w);
    set_arg(k_adj, 3, sizeof(cl_mem), &d_prev);
    set_arg(k_adj, 4, sizeof(float), &eta);
    set_arg(k_adj, 5, sizeof(float), &momentum);
    size_t fwd_global[2] = { HID, (size_t)n }, fwd_local[2] = { HID, TROWS };
    size_t adj_local = 256, adj_global = nw; /* nw is a multiple of 256 */

    float e_dev[SAMPLES];
    for (int s = 0; s < samples; s++) {
        for (int i = 0; i < n; i++)
            x[i] = i < n_in ? lcg_float() : (i == n_in ? 1.0f : 0.0f);
        float target = 0.1f + 0.8f * lcg_float();
        /* The blocking read below also guarantees this write has finished
         * before x is regenerated for the next sample. */
        check(clEnqueueWriteBuffer(q, d_x, CL_FALSE, 0, (size_t)n * sizeof(float), x, 0, NULL,
                                   NULL),
              "clEnqueueWriteBuffer");
        check(clEnqueueNDRangeKernel(q, k_fwd, 2, NULL, fwd_global, fwd_local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueReadBuffer(q, d_partial, CL_TRUE, 0, (size_t)tiles * HID * sizeof(float),
                                  partial, 0, NULL, NULL),
              "clEnqueueReadBuffer");
        float hidden[HID], delta_h[HID];
        for (int j = 0; j < HID; j++) {
            double sum = 0.0;
            for (int t = 0; t < tiles; t++)
                sum += partial[(size_t)t * HID + j];
            hidden[j] = sigmoid(sum);
        }
        e_dev[s] = output_and_deltas(hidden, w2, dw2, target, delta_h);
        check(clEnqueueWriteBuffer(q, d_delta, CL_TRUE, 0, HID * sizeof(float), delta_h, 0, NULL,
                                   NULL),
              "clEnqueueWriteBuffer");
        check(clEnqueueNDRangeKernel(q, k_adj, 1, NULL, &adj_global, &adj_local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
    }
    check(clEnqueueReadBuffer(q, d_w, CL_TRUE, 0, nw * sizeof(float), w, 0, NULL, NULL),
          "clEnqueueReadBuffer");

    /* Host reference: replay the generator and train the same network. */
    lcg_seed(BP_SEED);
    for (size_t i = 0; i < nw; i++)
        w_ref[i] = amp * (2.0f * lcg_float() - 1.0f);
    for (int j = 0; j <= HID; j++)
        w2_ref[j] = 2.0f * lcg_float() - 1.0f;
    double err_ref = 0.0, max_err_diff = 0.0;
    for (int s = 0; s < samples; s++) {
        for (int i = 0; i < n; i++)
            x[i] = i < n_in ? lcg_float() : (i == n_in ? 1.0f : 0.0f);
        float target = 0.1f + 0.8f * lcg_float();
        float hidden_ref[HID], delta_ref[HID];
        double sums[HID] = { 0 };
        for (int i = 0; i < n; i++)
            for (int j = 0; j < HID; j++)
                sums[j] += (double)x[i] * w_ref[(size_t)i * HID + j];
        for (int j = 0; j < HID; j++)
            hidden_ref[j] = sigmoid(sums[j]);
        float e_ref = output_and_deltas(hidden_ref, w2_ref, dw2_ref, target, delta_ref);
        err_ref += 0.5 * (double)e_ref * e_ref;
        double d = fabs((double)e_dev[s] - e_ref);
        max_err_diff = isnan(d) ? INFINITY : fmax(max_err_diff, d);
        for (size_t k = 0; k < nw; k++) {
            float dw = ETA * delta_ref[k % HID] * x[k / HID] + MOMENTUM * prev_ref[k];
            w_ref[k] += dw;
            prev_ref[k] = dw;
        }
    }

    double max_w = 0.0, max_diff = 0.0, wsum = 0.0;
    for (size_t k = 0; k < nw; k++) {
        double d = fabs((double)w[k] - w_ref[k]);
        max_diff = isnan(d) ? INFINITY : fmax(max_diff, d);
        max_w = fmax(max_w, fabs((double)w_ref[k]));
        wsum += w_ref[k];
    }
    for (int j = 0; j <= HID; j++)
        max_err_diff = fmax(max_err_diff, fabs((double)w2[j] - w2_ref[j]));
    double rel = max_diff / max_w;
    int ok = rel <= 1e-4 && max_err_diff <= 1e-4;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "weight error %.3g (relative to max %.3g), output/w2 error %.3g\n", rel,
                max_w, max_err_diff);
    printf("backprop: inputs=%d hidden=%d samples=%d error=%.4f weight_sum=%.4f %s\n", n_in, HID,
           samples, err_ref, wsum, ok ? "PASS" : "FAIL");

    cl_mem bufs[] = { d_x, d_w, d_prev, d_partial, d_delta };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        check(clReleaseMemObject(bufs[i]), "clReleaseMemObject");
    check(clReleaseKernel(k_fwd), "clReleaseKernel");
    check(clReleaseKernel(k_adj), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(w);
    free(w_ref);
    free(prev_ref);
    free(x);
    free(partial);
    return ok ? 0 : 1;
}
