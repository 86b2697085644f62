/*
 * kmeans - Lloyd's k-means clustering (Rodinia "kmeans" pattern).
 *
 * The point set is uploaded once and transposed to feature-major order by a
 * swap kernel.  Every iteration the host writes the current centres, launches
 * the assignment kernel, reads back the membership of every point, counts the
 * points that changed cluster and recomputes the centres on the host; the loop
 * stops when fewer than 0.1% of the points move or after MAX_ITERS rounds.
 * Each iteration's memberships are checked on the host: the cluster chosen by
 * the device must be a nearest centre (distances within a small tolerance).
 *
 * Usage: kmeans [scale]
 *   scale  optional positive factor applied to the number of points
 *          (default 1.0: 163840 points, 32 features, 16 clusters).
 *          "kmeans 0.1" is a quick run.
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

#define NFEATURES 32
#define NCLUSTERS 16
#define MAX_ITERS 40

static const char *kSource =
    "__kernel void kmeans_swap(__global const float *in, __global float *out,\n"
    "                          int npoints, int nfeatures)\n"
    "{\n"
    "    int i = get_global_id(0);\n"
    "    if (i >= npoints) return;\n"
    "    for (int f = 0; f < nfeatures; f++)\n"
    "        out[f * npoints + i] = in[i * nfeatures + f];\n"
    "}\n"
    "/* NF (features) and NC (clusters) are passed as build options. */\n"
    "__kernel void kmeans_assign(__global const float *features, __constant float *centres,\n"
    "                            __global int *membership, int npoints)\n"
    "{\n"
    "    int i = get_global_id(0);\n"
    "    if (i >= npoints) return;\n"
    "    float p[NF];\n"
    "    for (int f = 0; f < NF; f++) p[f] = features[f * npoints + i];\n"
    "    int best = 0;\n"
    "    float best_d = FLT_MAX;\n"
    "    for (int c = 0; c < NC; c++) {\n"
    "        float d = 0.0f;\n"
    "        for (int f = 0; f < NF; f++) {\n"
    "            float t = p[f] - centres[c * NF + f];\n"
    "            d += t * t;\n"
    "        }\n"
    "        if (d < best_d) { best_d = d; best = c; }\n"
    "    }\n"
    "    membership[i] = best;\n"
    "}\n";

static float dist2(const float *p, const float *c)
{
    float d = 0.0f;
    for (int f = 0; f < NFEATURES; f++) {
        float t = p[f] - c[f];
        d += t * t;
    }
    return d;
}

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int npoints = (int)(163840 * scale + 0.5);
    if (npoints < 4 * NCLUSTERS)
        npoints = 4 * NCLUSTERS;
    int nfeatures = NFEATURES;
    size_t fbytes = (size_t)npoints * NFEATURES * sizeof(float);
    size_t cbytes = (size_t)NCLUSTERS * NFEATURES * sizeof(float);
    size_t mbytes = (size_t)npoints * sizeof(int);

    /* Points scattered around hidden centres (Irwin-Hall noise). */
    float *points = xmalloc(fbytes);
    float truth[NCLUSTERS][NFEATURES];
    lcg_seed(0x4b4d45414e53ULL);
    for (int c = 0; c < NCLUSTERS; c++)
        for (int f = 0; f < NFEATURES; f++)
            truth[c][f] = 4.0f * lcg_float();
    for (int i = 0; i < npoints; i++) {
        int c = (int)(lcg_next() % NCLUSTERS);
        for (int f = 0; f < NFEATURES; f++)
            points[(size_t)i * NFEATURES + f] =
                truth[c][f] + (lcg_float() + lcg_float() + lcg_float() - 1.5f);
    }
    float centres[NCLUSTERS * NFEATURES];
    memcpy(centres, points, cbytes); /* the first k points seed the centres */
    int *membership = xmalloc(mbytes);
    for (int i = 0; i < npoints; i++)
        membership[i] = -1;
    int *fresh = xmalloc(mbytes);

    ocl_env env;
    ocl_init(&env);
    char opts[64];
    snprintf(opts, sizeof opts, "-cl-std=CL1.2 -DNF=%d -DNC=%d", NFEATURES, NCLUSTERS);
    cl_program prog = ocl_build(&env, kSource, opts);
    cl_kernel k_swap = ocl_kernel(prog, "kmeans_swap");
    cl_kernel k_assign = ocl_kernel(prog, "kmeans_assign");
    cl_mem d_in = ocl_buffer(&env, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, fbytes, points);
    cl_mem d_feat = ocl_buffer(&env, CL_MEM_READ_WRITE, fbytes, NULL);
    cl_mem d_centres = ocl_buffer(&env, CL_MEM_READ_ONLY, cbytes, NULL);
    cl_mem d_member = ocl_buffer(&env, CL_MEM_WRITE_ONLY, mbytes, NULL);
    cl_command_queue q = env.queue;
    size_t local = 128;
    size_t global = round_up((size_t)npoints, local);
    set_arg(k_swap, 0, sizeof(cl_mem), &d_in);
    set_arg(k_swap, 1, sizeof(cl_mem), &d_feat);
    set_arg(k_swap, 2, sizeof(int), &npoints);
    set_arg(k_swap, 3, sizeof(int), &nfeatures);
    check(clEnqueueNDRangeKernel(q, k_swap, 1, NULL, &global, &local, 0, NULL, NULL),
          "clEnqueueNDRangeKernel");
    set_arg(k_assign, 0, sizeof(cl_mem), &d_feat);
    set_arg(k_assign, 1, sizeof(cl_mem), &d_centres);
    set_arg(k_assign, 2, sizeof(cl_mem), &d_member);
    set_arg(k_assign, 3, sizeof(int), &npoints);

    size_t bad = 0;
    int iters = 0, delta;
    double sums[NCLUSTERS][NFEATURES];
    int counts[NCLUSTERS];
    do {
        check(clEnqueueWriteBuffer(q, d_centres, CL_FALSE, 0, cbytes, centres, 0, NULL, NULL),
              "clEnqueueWriteBuffer");
        check(clEnqueueNDRangeKernel(q, k_assign, 1, NULL, &global, &local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueReadBuffer(q, d_member, CL_TRUE, 0, mbytes, fresh, 0, NULL, NULL),
              "clEnqueueReadBuffer");
        iters++;
        /* Verify: the chosen centre must be (within rounding) the nearest one. */
        for (int i = 0; i < npoints; i++) {
            const float *p = points + (size_t)i * NFEATURES;
            int m = fresh[i];
            if (m < 0 || m >= NCLUSTERS) {
                bad++;
                fresh[i] = 0;
                continue;
            }
            float dm = dist2(p, centres + m * NFEATURES);
            float best = dm;
            for (int c = 0; c < NCLUSTERS; c++) {
                float d = dist2(p, centres + c * NFEATURES);
                if (d < best)
                    best = d;
            }
            if (!(dm <= best * 1.0001f + 1e-5f))
                bad++;
        }
        delta = 0;
        memset(sums, 0, sizeof sums);
        memset(counts, 0, sizeof counts);
        for (int i = 0; i < npoints; i++) {
            int m = fresh[i];
            delta += m != membership[i];
            membership[i] = m;
            counts[m]++;
            for (int f = 0; f < NFEATURES; f++)
                sums[m][f] += points[(size_t)i * NFEATURES + f];
        }
        for (int c = 0; c < NCLUSTERS; c++)
            if (counts[c] > 0)
                for (int f = 0; f < NFEATURES; f++)
                    centres[c * NFEATURES + f] = (float)(sums[c][f] / counts[c]);
    } while (delta * 1000 > npoints && iters < MAX_ITERS);

    double inertia = 0.0;
    int empty = 0;
    for (int i = 0; i < npoints; i++)
        inertia += dist2(points + (size_t)i * NFEATURES, centres + membership[i] * NFEATURES);
    for (int c = 0; c < NCLUSTERS; c++)
        empty += counts[c] == 0;
    int ok = bad == 0;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "wrong assignments %zu, last delta %d\n", bad, delta);
    printf("kmeans: points=%d features=%d clusters=%d iters=%d empty=%d inertia=%.5e %s\n",
           npoints, NFEATURES, NCLUSTERS, iters, empty, inertia, ok ? "PASS" : "FAIL");

    check(clReleaseMemObject(d_in), "clReleaseMemObject");
    check(clReleaseMemObject(d_feat), "clReleaseMemObject");
    check(clReleaseMemObject(d_centres), "clReleaseMemObject");
    check(clReleaseMemObject(d_member), "clReleaseMemObject");
    check(clReleaseKernel(k_swap), "clReleaseKernel");
    check(clReleaseKernel(k_assign), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(points);
    free(membership);
    free(fresh);
    return ok ? 0 : 1;
}
