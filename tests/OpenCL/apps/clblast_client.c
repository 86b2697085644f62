/* CLBlast client: a library that compiles and tunes its own kernels at run time, queries the device in detail,
 * caches programs (and their binaries) per context, and hands events back to the caller. Runs level-1, level-2
 * and level-3 routines, a batched gemm and a few refused calls on the first device, checks
 * each result against the host and prints deterministic checksums and status codes. */
#define CL_TARGET_OPENCL_VERSION 120
#include <clblast_c.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cl_context ctx;
static cl_command_queue queue;
static int failures;

#define CHECK(what, call)                                                       \
    do {                                                                        \
        int status_ = (call);                                                   \
        printf("%s -> %d\n", what, status_);                                    \
        if (status_ != 0) failures++;                                           \
    } while (0)

static cl_mem upload(const void *host, size_t bytes)
{
    cl_int err;
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, (void *)host, &err);
    if (err != CL_SUCCESS) {
        printf("clCreateBuffer -> %d\n", err);
        exit(1);
    }
    return m;
}

static void download(cl_mem m, void *host, size_t bytes)
{
    cl_int err = clEnqueueReadBuffer(queue, m, CL_TRUE, 0, bytes, host, 0, NULL, NULL);
    if (err != CL_SUCCESS) {
        printf("clEnqueueReadBuffer -> %d\n", err);
        exit(1);
    }
}

/* Relative difference, reported as "ok" within a tolerance that allows a different summation order. */
static const char *near(double got, double want, double tol)
{
    double scale = fabs(want) > 1 ? fabs(want) : 1;
    if (fabs(got - want) / scale <= tol) return "ok";
    failures++;
    return "WRONG";
}

static void fill(float *v, size_t n, int seed)
{
    for (size_t i = 0; i < n; i++) v[i] = (float)((int)((i * 37 + seed * 11) % 19) - 9) / 8.0f;
}

static void host_sgemm(size_t m, size_t n, size_t k, float alpha, const float *a, const float *b, float beta, float *c)
{
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double s = 0;
            for (size_t p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
            c[i * n + j] = (float)(alpha * s + beta * c[i * n + j]);
        }
}

static double sum(const float *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += v[i] * (double)((i % 7) + 1);
    return s;
}

static void level1(void)
{
    enum { N = 1000 };
    float x[N], y[N], want[N], got[N], scalar[1];
    fill(x, N, 1);
    fill(y, N, 2);
    cl_mem bx = upload(x, sizeof x), by = upload(y, sizeof y), bs = upload((float[]){0}, sizeof(float));

    cl_event event = NULL;
    CHECK("CLBlastSaxpy", CLBlastSaxpy(N, 1.5f, bx, 0, 1, by, 0, 1, &queue, &event));
    printf("saxpy event: %s\n", event != NULL ? "returned" : "none");
    CHECK("clWaitForEvents", clWaitForEvents(1, &event));
    cl_int status = -1;
    clGetEventInfo(event, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof status, &status, NULL);
    printf("saxpy event status: %d\n", status);
    cl_command_queue event_queue = NULL;
    clGetEventInfo(event, CL_EVENT_COMMAND_QUEUE, sizeof event_queue, &event_queue, NULL);
    printf("saxpy event queue is ours: %s\n", event_queue == queue ? "yes" : "no");
    cl_ulong start = 0, end = 0;
    clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, sizeof start, &start, NULL);
    clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, sizeof end, &end, NULL);
    printf("saxpy profiled: %s\n", end >= start && start != 0 ? "yes" : "no");
    clReleaseEvent(event);
    download(by, got, sizeof got);
    for (int i = 0; i < N; i++) want[i] = 1.5f * x[i] + y[i];
    printf("saxpy checksum %.4f %s\n", sum(got, N), near(sum(got, N), sum(want, N), 1e-5));

    /* Strided: every other element of x into every third of y, at offsets. */
    CHECK("CLBlastSaxpy strided", CLBlastSaxpy(N / 4, -2.0f, bx, 3, 2, by, 5, 3, &queue, NULL));
    clFinish(queue);
    download(by, got, sizeof got);
    for (int i = 0; i < N / 4; i++) want[5 + 3 * i] += -2.0f * x[3 + 2 * i];
    printf("saxpy strided checksum %.4f %s\n", sum(got, N), near(sum(got, N), sum(want, N), 1e-5));

    double dot = 0, nrm = 0, asum = 0;
    for (int i = 0; i < N; i++) {
        dot += (double)x[i] * got[i];
        nrm += (double)x[i] * x[i];
        asum += fabs(x[i]);
    }
    CHECK("CLBlastSdot", CLBlastSdot(N, bs, 0, bx, 0, 1, by, 0, 1, &queue, NULL));
    download(bs, scalar, sizeof scalar);
    printf("sdot %.3f %s\n", scalar[0], near(scalar[0], dot, 1e-4));
    CHECK("CLBlastSnrm2", CLBlastSnrm2(N, bs, 0, bx, 0, 1, &queue, NULL));
    download(bs, scalar, sizeof scalar);
    printf("snrm2 %.4f %s\n", scalar[0], near(scalar[0], sqrt(nrm), 1e-4));
    CHECK("CLBlastSasum", CLBlastSasum(N, bs, 0, bx, 0, 1, &queue, NULL));
    download(bs, scalar, sizeof scalar);
    printf("sasum %.3f %s\n", scalar[0], near(scalar[0], asum, 1e-4));

    /* Index of the largest magnitude: an integer result written by the device. */
    /* One element of the largest magnitude, so that the index is unique. */
    float peak = -3.0f;
    CHECK("clEnqueueWriteBuffer", clEnqueueWriteBuffer(queue, bx, CL_TRUE, 617 * sizeof(float), sizeof peak, &peak, 0, NULL, NULL));
    x[617] = peak;
    unsigned int imax = 7777;
    cl_mem bi = upload(&imax, sizeof imax);
    CHECK("CLBlastiSamax", CLBlastiSamax(N, bi, 0, bx, 0, 1, &queue, NULL));
    download(bi, &imax, sizeof imax);
    size_t best = 0;
    for (size_t i = 1; i < N; i++)
        if (fabsf(x[i]) > fabsf(x[best])) best = i;
    printf("isamax %u %s\n", imax, imax == best ? "ok" : "WRONG");
    clReleaseMemObject(bi);
    clReleaseMemObject(bx);
    clReleaseMemObject(by);
    clReleaseMemObject(bs);
}

static void level2(void)
{
    enum { M = 33, N = 47 };
    float a[M * N], x[N], y[M], want[M];
    fill(a, M * N, 3);
    fill(x, N, 4);
    fill(y, M, 5);
    for (int i = 0; i < M; i++) {
        double s = 0;
        for (int j = 0; j < N; j++) s += (double)a[i * N + j] * x[j];
        want[i] = (float)(0.5 * s + 2.0 * y[i]);
    }
    cl_mem ba = upload(a, sizeof a), bx = upload(x, sizeof x), by = upload(y, sizeof y);
    CHECK("CLBlastSgemv", CLBlastSgemv(CLBlastLayoutRowMajor, CLBlastTransposeNo, M, N, 0.5f, ba, 0, N, bx, 0, 1, 2.0f, by, 0, 1, &queue, NULL));
    download(by, y, sizeof y);
    printf("sgemv checksum %.4f %s\n", sum(y, M), near(sum(y, M), sum(want, M), 1e-5));
    clReleaseMemObject(ba);
    clReleaseMemObject(bx);
    clReleaseMemObject(by);
}

static void level3(void)
{
    enum { M = 48, N = 40, K = 36 };
    float a[M * K], b[K * N], c[M * N], want[M * N];
    fill(a, M * K, 6);
    fill(b, K * N, 7);
    fill(c, M * N, 8);
    memcpy(want, c, sizeof c);
    host_sgemm(M, N, K, 1.25f, a, b, -0.5f, want);
    cl_mem ba = upload(a, sizeof a), bb = upload(b, sizeof b), bc = upload(c, sizeof c);
    cl_event event = NULL;
    CHECK("CLBlastSgemm", CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, M, N, K, 1.25f, ba, 0, K, bb, 0, N, -0.5f, bc, 0, N, &queue, &event));
    CHECK("clWaitForEvents", clWaitForEvents(1, &event));
    clReleaseEvent(event);
    download(bc, c, sizeof c);
    printf("sgemm checksum %.3f %s\n", sum(c, M * N), near(sum(c, M * N), sum(want, M * N), 1e-4));

    /* Column-major: C^T = B^T A^T is the row-major product again, through another kernel configuration. */
    CHECK("CLBlastSgemm colmajor", CLBlastSgemm(CLBlastLayoutColMajor, CLBlastTransposeNo, CLBlastTransposeNo, N, M, K, 1.0f, bb, 0, N, ba, 0, K, 0.0f, bc, 0, N, &queue, NULL));
    download(bc, c, sizeof c);
    memset(want, 0, sizeof want);
    host_sgemm(M, N, K, 1.0f, a, b, 0.0f, want);
    printf("sgemm colmajor checksum %.3f %s\n", sum(c, M * N), near(sum(c, M * N), sum(want, M * N), 1e-4));

    double da[M * K], db[K * N], dc[M * N];
    double dwant = 0, dgot = 0;
    for (int i = 0; i < M * K; i++) da[i] = a[i];
    for (int i = 0; i < K * N; i++) db[i] = b[i];
    for (int i = 0; i < M * N; i++) dc[i] = 1.0;
    for (int i = 0; i < M * N; i++) dwant += (2.0 * want[i] + 3.0) * ((i % 7) + 1);
    cl_mem dba = upload(da, sizeof da), dbb = upload(db, sizeof db), dbc = upload(dc, sizeof dc);
    CHECK("CLBlastDgemm", CLBlastDgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, M, N, K, 2.0, dba, 0, K, dbb, 0, N, 3.0, dbc, 0, N, &queue, NULL));
    download(dbc, dc, sizeof dc);
    for (int i = 0; i < M * N; i++) dgot += dc[i] * ((i % 7) + 1);
    printf("dgemm checksum %.6f %s\n", dgot, near(dgot, dwant, 1e-9));
    clReleaseMemObject(dba);
    clReleaseMemObject(dbb);
    clReleaseMemObject(dbc);
    clReleaseMemObject(ba);
    clReleaseMemObject(bb);
    clReleaseMemObject(bc);
}

static void batched(void)
{
    enum { M = 16, N = 12, K = 8, B = 3 };
    float a[B * M * K], b[B * K * N], c[B * M * N], want[B * M * N];
    fill(a, B * M * K, 9);
    fill(b, B * K * N, 10);
    fill(c, B * M * N, 11);
    memcpy(want, c, sizeof c);
    const float alphas[B] = {1.0f, -0.5f, 2.0f}, betas[B] = {0.0f, 1.0f, 0.25f};
    const size_t ao[B] = {0, M * K, 2 * M * K}, bo[B] = {0, K * N, 2 * K * N}, co[B] = {0, M * N, 2 * M * N};
    for (int i = 0; i < B; i++) host_sgemm(M, N, K, alphas[i], a + ao[i], b + bo[i], betas[i], want + co[i]);
    cl_mem ba = upload(a, sizeof a), bb = upload(b, sizeof b), bc = upload(c, sizeof c);
    cl_event event = NULL;
    CHECK("CLBlastSgemmBatched", CLBlastSgemmBatched(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, M, N, K, alphas, ba, ao, K, bb, bo, N, betas, bc, co, N, B, &queue, &event));
    CHECK("clWaitForEvents", clWaitForEvents(1, &event));
    clReleaseEvent(event);
    download(bc, c, sizeof c);
    printf("sgemm batched checksum %.3f %s\n", sum(c, B * M * N), near(sum(c, B * M * N), sum(want, B * M * N), 1e-4));
    clReleaseMemObject(ba);
    clReleaseMemObject(bb);
    clReleaseMemObject(bc);
}

static void refusals(void)
{
    float one = 1;
    cl_mem small = upload(&one, sizeof one);
    printf("(refused calls print CLBlast's status, not a failure)\n");
    printf("CLBlastSaxpy buffer too small -> %d\n", CLBlastSaxpy(64, 1.0f, small, 0, 1, small, 0, 1, &queue, NULL));
    printf("CLBlastSgemm bad lda -> %d\n", CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, 4, 4, 4, 1.0f, small, 0, 1, small, 0, 4, 0.0f, small, 0, 4, &queue, NULL));
    printf("CLBlastSnrm2 n=0 -> %d\n", CLBlastSnrm2(0, small, 0, small, 0, 1, &queue, NULL));
    clReleaseMemObject(small);
}

int main(void)
{
    cl_platform_id platform;
    cl_device_id device;
    cl_int err;
    if (clGetPlatformIDs(1, &platform, NULL) != CL_SUCCESS || clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL) != CL_SUCCESS) {
        printf("no OpenCL device\n");
        return 1;
    }
    ctx = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
    queue = clCreateCommandQueue(ctx, device, CL_QUEUE_PROFILING_ENABLE, &err);
    printf("clCreateCommandQueue -> %d\n", err);

    level1();
    level2();
    level3();
    batched();
    refusals();
    /* The cache holds programs built for this context: cleared, a routine builds its kernels again. */
    CHECK("CLBlastClearCache", CLBlastClearCache());
    level2();

    clReleaseCommandQueue(queue);
    clReleaseContext(ctx);
    printf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
