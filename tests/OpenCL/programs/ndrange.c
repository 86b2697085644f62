/* Kernel execution: clEnqueueNDRangeKernel in 1D/2D/3D with local sizes and
 * global offsets, clEnqueueTask, __local memory with barriers, atomics;
 * results verified against host computation. */
#include "common.h"

static cl_context ctx;
static cl_command_queue q;
static cl_device_id dev;

static const char *ksrc =
    "__kernel void vadd(__global const float *a, __global const float *b, __global float *c, uint n)\n"
    "{ size_t i = get_global_id(0); if (i < n) c[i] = a[i] + b[i]; }\n"
    "__kernel void reduce(__global const int *in, __global int *partial, __local int *tmp)\n"
    "{\n"
    "    size_t lid = get_local_id(0), ls = get_local_size(0);\n"
    "    tmp[lid] = in[get_global_id(0)];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (size_t s = ls / 2; s > 0; s >>= 1) {\n"
    "        if (lid < s) tmp[lid] += tmp[lid + s];\n"
    "        barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    if (lid == 0) partial[get_group_id(0)] = tmp[0];\n"
    "}\n"
    "__kernel void matmul(__global const float *A, __global const float *B, __global float *C, int M, int K, int N)\n"
    "{\n"
    "    int col = get_global_id(0), row = get_global_id(1);\n"
    "    if (row >= M || col >= N) return;\n"
    "    float acc = 0.0f;\n"
    "    for (int k = 0; k < K; k++) acc += A[row * K + k] * B[k * N + col];\n"
    "    C[row * N + col] = acc;\n"
    "}\n"
    "__kernel void histogram(__global const uint *in, __global volatile int *bins, __global volatile int *stats)\n"
    "{\n"
    "    uint v = in[get_global_id(0)];\n"
    "    atomic_inc(&bins[v % 16]);\n"
    "    atomic_add(&stats[0], (int)v);\n"
    "    atomic_max(&stats[1], (int)v);\n"
    "    atomic_min(&stats[2], (int)v);\n"
    "    atomic_xor(&stats[3], (int)v);\n"
    "    atomic_or(&stats[4], (int)(1u << (v % 31)));\n"
    "}\n"
    "__kernel void ids(__global int *out)\n"
    "{\n"
    "    size_t x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);\n"
    "    size_t ox = get_global_offset(0), oy = get_global_offset(1), oz = get_global_offset(2);\n"
    "    size_t w = get_global_size(0), h = get_global_size(1);\n"
    "    size_t idx = (z - oz) * w * h + (y - oy) * w + (x - ox);\n"
    "    out[idx] = (int)(x * 1000000 + y * 1000 + z) ^ (int)(get_local_id(0) << 24 | get_group_id(1) << 20 | get_num_groups(2) << 16 | get_work_dim() << 28);\n"
    "}\n"
    "__kernel void task(__global int *out, int n)\n"
    "{ int acc = 1; for (int i = 0; i < n; i++) { acc = acc * 31 + i; out[i] = acc; } }\n";

static void vadd(cl_program p)
{
    printf("== vector add\n");
    enum { N = 10000 };
    cl_int err;
    static float a[N], b[N], c[N], e[N];
    for (int i = 0; i < N; i++) {
        a[i] = (float)i * 0.5f;
        b[i] = (float)(N - i) * 0.25f;
        e[i] = a[i] + b[i];
    }
    cl_kernel k = clt_kernel(p, "vadd");
    cl_mem ma = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof a, a, &err);
    OK("clCreateBuffer(a)", err);
    cl_mem mb = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof b, b, &err);
    OK("clCreateBuffer(b)", err);
    cl_mem mc = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof c, NULL, &err);
    OK("clCreateBuffer(c)", err);
    cl_uint n = N;
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof ma, &ma));
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof mb, &mb));
    OK("clSetKernelArg(2)", clSetKernelArg(k, 2, sizeof mc, &mc));
    OK("clSetKernelArg(3)", clSetKernelArg(k, 3, sizeof n, &n));
    size_t g = 10240, l = 64;
    OK("clEnqueueNDRangeKernel(global 10240, local 64)", clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mc, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
    printf("  checksum=%08x %s\n", clt_fnv(c, sizeof c), memcmp(c, e, sizeof c) == 0 ? "PASS" : "FAIL");

    /* global offset: compute only the second half */
    float zero = 0;
    OK("clEnqueueFillBuffer(zero)", clEnqueueFillBuffer(q, mc, &zero, sizeof zero, 0, sizeof c, 0, NULL, NULL));
    size_t off = 5000, g2 = 5000;
    OK("clEnqueueNDRangeKernel(offset 5000, global 5000, local NULL)",
       clEnqueueNDRangeKernel(q, k, 1, &off, &g2, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mc, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
    int ok = 1;
    for (int i = 0; i < N; i++)
        ok &= c[i] == (i < 5000 ? 0.0f : e[i]);
    printf("  offset run %s checksum=%08x\n", ok ? "PASS" : "FAIL", clt_fnv(c, sizeof c));

    /* non-uniform work-group (OpenCL 2.0+ semantics) */
    size_t g3 = 10000, l3 = 64;
    err = clEnqueueNDRangeKernel(q, k, 1, NULL, &g3, &l3, 0, NULL, NULL);
    REP("clEnqueueNDRangeKernel(global 10000, local 64, non-uniform)", err);
    if (err == CL_SUCCESS) {
        OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mc, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
        printf("  non-uniform run %s\n", memcmp(c, e, sizeof c) == 0 ? "PASS" : "FAIL");
    }

    printf("== ndrange errors\n");
    size_t big = 8192;
    REP("clEnqueueNDRangeKernel(work_dim 0)", clEnqueueNDRangeKernel(q, k, 0, NULL, &g, &l, 0, NULL, NULL));
    REP("clEnqueueNDRangeKernel(work_dim 4)", clEnqueueNDRangeKernel(q, k, 4, NULL, &g, &l, 0, NULL, NULL));
    size_t zg = 0;
    REP("clEnqueueNDRangeKernel(global size 0)", clEnqueueNDRangeKernel(q, k, 1, NULL, &zg, NULL, 0, NULL, NULL));
    REP("clEnqueueNDRangeKernel(local 8192 > max)", clEnqueueNDRangeKernel(q, k, 1, NULL, &big, &big, 0, NULL, NULL));
    /* global_work_size == NULL and a local size of 0 are not exercised:
     * PoCL 3.1 returns CL_SUCCESS for both and the latter crashes later. */
    /* kernel == NULL is not exercised: PoCL 3.1 crashes. */
    REP("clEnqueueNDRangeKernel(NULL queue)", clEnqueueNDRangeKernel(NULL, k, 1, NULL, &g, &l, 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    REP("clReleaseMemObject", clReleaseMemObject(ma));
    REP("clReleaseMemObject", clReleaseMemObject(mb));
    REP("clReleaseMemObject", clReleaseMemObject(mc));
    REP("clReleaseKernel", clReleaseKernel(k));
}

static void reduce(cl_program p)
{
    printf("== reduction with __local memory\n");
    enum { N = 1 << 16 };
    cl_int err;
    static int in[N];
    long long host_sum = 0;
    for (int i = 0; i < N; i++) {
        in[i] = (int)((i * 2654435761u) >> 20) - 2048;
        host_sum += in[i];
    }
    cl_kernel k = clt_kernel(p, "reduce");
    static const size_t locals[] = { 16, 64, 256 };
    cl_mem mi = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in, in, &err);
    OK("clCreateBuffer(in)", err);
    for (size_t li = 0; li < 3; li++) {
        size_t l = locals[li], g = N, groups = N / l;
        cl_mem mp = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, groups * sizeof(int), NULL, &err);
        OK("clCreateBuffer(partial)", err);
        OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof mi, &mi));
        OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof mp, &mp));
        OK("clSetKernelArg(2, __local)", clSetKernelArg(k, 2, l * sizeof(int), NULL));
        char what[96];
        snprintf(what, sizeof what, "clEnqueueNDRangeKernel(reduce, local %zu)", l);
        OK(what, clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL));
        int *part = malloc(groups * sizeof(int));
        OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mp, CL_TRUE, 0, groups * sizeof(int), part, 0, NULL, NULL));
        long long s = 0;
        int ok = 1;
        for (size_t gi = 0; gi < groups; gi++) {
            long long hs = 0;
            for (size_t j = 0; j < l; j++)
                hs += in[gi * l + j];
            ok &= hs == part[gi];
            s += part[gi];
        }
        printf("  local %zu: groups=%zu sum=%lld partials %s total %s\n", l, groups, s, ok ? "PASS" : "FAIL",
               s == host_sum ? "PASS" : "FAIL");
        free(part);
        REP("clReleaseMemObject", clReleaseMemObject(mp));
    }
    size_t wg = 0;
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_WORK_GROUP_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL));
    printf("  work group size>=256=%s\n", YN(wg >= 256));
    REP("clReleaseMemObject", clReleaseMemObject(mi));
    REP("clReleaseKernel", clReleaseKernel(k));
}

static void matmul(cl_program p)
{
    printf("== 2D matrix multiply\n");
    enum { M = 48, K = 40, NN = 56 };
    cl_int err;
    static float A[M * K], B[K * NN], C[M * NN], E[M * NN];
    for (int i = 0; i < M * K; i++)
        A[i] = (float)((i * 7) % 13) - 6.0f;
    for (int i = 0; i < K * NN; i++)
        B[i] = (float)((i * 5) % 11) * 0.5f - 2.0f;
    for (int r = 0; r < M; r++)
        for (int c = 0; c < NN; c++) {
            float acc = 0;
            for (int k = 0; k < K; k++)
                acc += A[r * K + k] * B[k * NN + c];
            E[r * NN + c] = acc;
        }
    cl_kernel k = clt_kernel(p, "matmul");
    cl_mem ma = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof A, A, &err);
    OK("clCreateBuffer(A)", err);
    cl_mem mb = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof B, B, &err);
    OK("clCreateBuffer(B)", err);
    cl_mem mc = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof C, NULL, &err);
    OK("clCreateBuffer(C)", err);
    cl_int m = M, kk = K, n = NN;
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof ma, &ma));
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof mb, &mb));
    OK("clSetKernelArg(2)", clSetKernelArg(k, 2, sizeof mc, &mc));
    OK("clSetKernelArg(3)", clSetKernelArg(k, 3, sizeof m, &m));
    OK("clSetKernelArg(4)", clSetKernelArg(k, 4, sizeof kk, &kk));
    OK("clSetKernelArg(5)", clSetKernelArg(k, 5, sizeof n, &n));
    size_t g[2] = { NN, M }, l[2] = { 8, 8 };
    OK("clEnqueueNDRangeKernel(2D 56x48, local 8x8)", clEnqueueNDRangeKernel(q, k, 2, NULL, g, l, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mc, CL_TRUE, 0, sizeof C, C, 0, NULL, NULL));
    /* integral-valued inputs: every product and partial sum is exact */
    printf("  checksum=%08x %s\n", clt_fnv(C, sizeof C), memcmp(C, E, sizeof C) == 0 ? "PASS" : "FAIL");
    size_t lbad[2] = { 5, 8 };
    REP("clEnqueueNDRangeKernel(2D local 5x8 non-divisible)", clEnqueueNDRangeKernel(q, k, 2, NULL, g, lbad, 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    REP("clReleaseMemObject", clReleaseMemObject(ma));
    REP("clReleaseMemObject", clReleaseMemObject(mb));
    REP("clReleaseMemObject", clReleaseMemObject(mc));
    REP("clReleaseKernel", clReleaseKernel(k));
}

static void atomics(cl_program p)
{
    printf("== integer atomics\n");
    enum { N = 8192 };
    cl_int err;
    static cl_uint in[N];
    int hb[16] = { 0 }, hs[5] = { 0, INT32_MIN, INT32_MAX, 0, 0 };
    for (int i = 0; i < N; i++) {
        in[i] = (cl_uint)((i * 40503u) % 100003u);
        hb[in[i] % 16]++;
        hs[0] += (int)in[i];
        if ((int)in[i] > hs[1])
            hs[1] = (int)in[i];
        if ((int)in[i] < hs[2])
            hs[2] = (int)in[i];
        hs[3] ^= (int)in[i];
        hs[4] |= (int)(1u << (in[i] % 31));
    }
    cl_kernel k = clt_kernel(p, "histogram");
    cl_mem mi = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in, in, &err);
    OK("clCreateBuffer(in)", err);
    int zb[16] = { 0 }, init[5] = { 0, INT32_MIN, INT32_MAX, 0, 0 };
    cl_mem mbins = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zb, zb, &err);
    OK("clCreateBuffer(bins)", err);
    cl_mem mst = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof init, init, &err);
    OK("clCreateBuffer(stats)", err);
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof mi, &mi));
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof mbins, &mbins));
    OK("clSetKernelArg(2)", clSetKernelArg(k, 2, sizeof mst, &mst));
    size_t g = N, l = 128;
    OK("clEnqueueNDRangeKernel(histogram)", clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL));
    int bins[16], st[5];
    OK("clEnqueueReadBuffer(bins)", clEnqueueReadBuffer(q, mbins, CL_TRUE, 0, sizeof bins, bins, 0, NULL, NULL));
    OK("clEnqueueReadBuffer(stats)", clEnqueueReadBuffer(q, mst, CL_TRUE, 0, sizeof st, st, 0, NULL, NULL));
    printf("  bins:");
    for (int i = 0; i < 16; i++)
        printf(" %d", bins[i]);
    printf("\n  sum=%d max=%d min=%d xor=%d or=%08x\n", st[0], st[1], st[2], st[3], (unsigned)st[4]);
    printf("  bins %s stats %s\n", memcmp(bins, hb, sizeof hb) == 0 ? "PASS" : "FAIL",
           memcmp(st, hs, sizeof hs) == 0 ? "PASS" : "FAIL");
    REP("clReleaseMemObject", clReleaseMemObject(mi));
    REP("clReleaseMemObject", clReleaseMemObject(mbins));
    REP("clReleaseMemObject", clReleaseMemObject(mst));
    REP("clReleaseKernel", clReleaseKernel(k));
}

static void ids3d(cl_program p)
{
    printf("== 3D ids with offsets\n");
    enum { X = 16, Y = 8, Z = 4 };
    cl_int err;
    cl_kernel k = clt_kernel(p, "ids");
    cl_mem mo = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, X * Y * Z * sizeof(int), NULL, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof mo, &mo));
    size_t off[3] = { 3, 5, 7 }, g[3] = { X, Y, Z }, l[3] = { 4, 2, 2 };
    OK("clEnqueueNDRangeKernel(3D 16x8x4 offset 3,5,7 local 4x2x2)", clEnqueueNDRangeKernel(q, k, 3, off, g, l, 0, NULL, NULL));
    static int out[X * Y * Z];
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mo, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
    int ok = 1;
    for (int z = 0; z < Z; z++)
        for (int y = 0; y < Y; y++)
            for (int x = 0; x < X; x++) {
                size_t gx = x + off[0], gy = y + off[1], gz = z + off[2];
                int e = (int)(gx * 1000000 + gy * 1000 + gz) ^
                        (int)((size_t)(x % 4) << 24 | (size_t)(y / 2) << 20 | (size_t)(Z / 2) << 16 | (size_t)3 << 28);
                ok &= out[(z * Y + y) * X + x] == e;
            }
    printf("  checksum=%08x %s\n", clt_fnv(out, sizeof out), ok ? "PASS" : "FAIL");
    REP("clReleaseMemObject", clReleaseMemObject(mo));
    REP("clReleaseKernel", clReleaseKernel(k));
}

static void task(cl_program p)
{
    printf("== clEnqueueTask\n");
    cl_int err;
    enum { N = 100 };
    cl_kernel k = clt_kernel(p, "task");
    cl_mem mo = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, N * sizeof(int), NULL, &err);
    OK("clCreateBuffer", err);
    cl_int n = N;
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof mo, &mo));
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof n, &n));
    cl_event e;
    OK("clEnqueueTask", clEnqueueTask(q, k, 0, NULL, &e));
    OK("clWaitForEvents", clWaitForEvents(1, &e));
    cl_command_type ct = 0;
    REP("clGetEventInfo(CL_EVENT_COMMAND_TYPE)", clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
    printf("  value=0x%x\n", ct);
    REP("clReleaseEvent", clReleaseEvent(e));
    int out[N], exp[N];
    unsigned acc = 1;
    for (int i = 0; i < N; i++) {
        acc = acc * 31u + (unsigned)i;
        exp[i] = (int)acc;
    }
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, mo, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
    printf("  checksum=%08x %s\n", clt_fnv(out, sizeof out), memcmp(out, exp, sizeof out) == 0 ? "PASS" : "FAIL");
    REP("clReleaseMemObject", clReleaseMemObject(mo));
    REP("clReleaseKernel", clReleaseKernel(k));
}

int main(void)
{
    cl_platform_id plat;
    cl_int err;
    clt_first_device(&plat, &dev);
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program p = clt_build(ctx, dev, ksrc, "-cl-std=CL1.2", "ndrange kernels");
    vadd(p);
    reduce(p);
    matmul(p);
    atomics(p);
    ids3d(p);
    task(p);
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
