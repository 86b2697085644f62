/*
 * bfs - level-synchronous breadth-first search (Rodinia "bfs" pattern).
 *
 * A sparse graph in CSR form is uploaded once.  Each BFS level runs two
 * kernels: the first expands every node of the current frontier and marks
 * unvisited neighbours, the second turns the marked nodes into the next
 * frontier and raises a "changed" flag.  The host clears the flag before and
 * reads it back after every level, exactly like the original loop.  The
 * resulting hop counts are compared with a queue-based BFS on the host.
 *
 * Usage: bfs [scale]
 *   scale  optional positive factor applied to the node count (default 1.0:
 *          2.5M nodes, about 10M edges).  "bfs 0.1" is a quick run.
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
    "__kernel void bfs_expand(__global const int *row_start, __global const int *edges,\n"
    "                         __global uchar *frontier, __global uchar *updating,\n"
    "                         __global const uchar *visited, __global int *cost, int n)\n"
    "{\n"
    "    int tid = get_global_id(0);\n"
    "    if (tid >= n || !frontier[tid]) return;\n"
    "    frontier[tid] = 0;\n"
    "    int next = cost[tid] + 1;\n"
    "    for (int e = row_start[tid]; e < row_start[tid + 1]; e++) {\n"
    "        int v = edges[e];\n"
    "        if (!visited[v]) {\n"
    "            cost[v] = next;\n"
    "            updating[v] = 1;\n"
    "        }\n"
    "    }\n"
    "}\n"
    "__kernel void bfs_commit(__global uchar *frontier, __global uchar *updating,\n"
    "                         __global uchar *visited, __global int *changed, int n)\n"
    "{\n"
    "    int tid = get_global_id(0);\n"
    "    if (tid >= n || !updating[tid]) return;\n"
    "    frontier[tid] = 1;\n"
    "    visited[tid] = 1;\n"
    "    updating[tid] = 0;\n"
    "    *changed = 1;\n"
    "}\n";

int main(int argc, char **argv)
{
    double scale = parse_scale(argc, argv);
    int n = (int)(2500000 * scale + 0.5);
    if (n < 1000)
        n = 1000;
    /* Neighbours lie within +-reach (wrapping), so the depth is about n / (2 reach). */
    int reach = 2500;
    if (reach > n / 8)
        reach = n / 8;
    const int source = 0;

    int *row_start = xmalloc(((size_t)n + 1) * sizeof(int));
    lcg_seed(0x424653ULL);
    row_start[0] = 0;
    for (int i = 0; i < n; i++)
        row_start[i + 1] = row_start[i] + 1 + (int)(lcg_next() % 7u); /* degree 1..7 */
    int m = row_start[n];
    int *edges = xmalloc((size_t)m * sizeof(int));
    for (int i = 0; i < n; i++) {
        for (int e = row_start[i]; e < row_start[i + 1]; e++) {
            int off = 1 + (int)(lcg_next() % (uint32_t)reach);
            if (lcg_next() & 0x80000000u)
                off = -off;
            edges[e] = (int)(((long long)i + off + n) % n);
        }
    }

    unsigned char *frontier = xmalloc((size_t)n);
    unsigned char *visited = xmalloc((size_t)n);
    int *cost = xmalloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++) {
        frontier[i] = 0;
        visited[i] = 0;
        cost[i] = -1;
    }
    frontier[source] = 1;
    visited[source] = 1;
    cost[source] = 0;

    ocl_env env;
    ocl_init(&env);
    cl_program prog = ocl_build(&env, kSource, "");
    cl_kernel k1 = ocl_kernel(prog, "bfs_expand");
    cl_kernel k2 = ocl_kernel(prog, "bfs_commit");
    cl_mem d_start = ocl_buffer(&env, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                                ((size_t)n + 1) * sizeof(int), row_start);
    cl_mem d_edges = ocl_buffer(&env, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                                (size_t)m * sizeof(int), edges);
    cl_mem d_frontier = ocl_buffer(&env, CL_MEM_READ_WRITE, (size_t)n, NULL);
    cl_mem d_updating = ocl_buffer(&env, CL_MEM_READ_WRITE, (size_t)n, NULL);
    cl_mem d_visited = ocl_buffer(&env, CL_MEM_READ_WRITE, (size_t)n, NULL);
    cl_mem d_cost = ocl_buffer(&env, CL_MEM_READ_WRITE, (size_t)n * sizeof(int), NULL);
    cl_mem d_changed = ocl_buffer(&env, CL_MEM_READ_WRITE, sizeof(int), NULL);
    cl_command_queue q = env.queue;
    check(clEnqueueWriteBuffer(q, d_frontier, CL_FALSE, 0, (size_t)n, frontier, 0, NULL, NULL),
          "clEnqueueWriteBuffer");
    check(clEnqueueWriteBuffer(q, d_visited, CL_FALSE, 0, (size_t)n, visited, 0, NULL, NULL),
          "clEnqueueWriteBuffer");
    check(clEnqueueWriteBuffer(q, d_cost, CL_FALSE, 0, (size_t)n * sizeof(int), cost, 0, NULL,
                               NULL),
          "clEnqueueWriteBuffer");
    cl_uchar zero8 = 0;
    check(clEnqueueFillBuffer(q, d_updating, &zero8, 1, 0, (size_t)n, 0, NULL, NULL),
          "clEnqueueFillBuffer");

    set_arg(k1, 0, sizeof(cl_mem), &d_start);
    set_arg(k1, 1, sizeof(cl_mem), &d_edges);
    set_arg(k1, 2, sizeof(cl_mem), &d_frontier);
    set_arg(k1, 3, sizeof(cl_mem), &d_updating);
    set_arg(k1, 4, sizeof(cl_mem), &d_visited);
    set_arg(k1, 5, sizeof(cl_mem), &d_cost);
    set_arg(k1, 6, sizeof(int), &n);
    set_arg(k2, 0, sizeof(cl_mem), &d_frontier);
    set_arg(k2, 1, sizeof(cl_mem), &d_updating);
    set_arg(k2, 2, sizeof(cl_mem), &d_visited);
    set_arg(k2, 3, sizeof(cl_mem), &d_changed);
    set_arg(k2, 4, sizeof(int), &n);

    size_t local = 256;
    size_t global = round_up((size_t)n, local);
    int levels = 0;
    int changed;
    do {
        changed = 0;
        check(clEnqueueWriteBuffer(q, d_changed, CL_FALSE, 0, sizeof(int), &changed, 0, NULL,
                                   NULL),
              "clEnqueueWriteBuffer");
        check(clEnqueueNDRangeKernel(q, k1, 1, NULL, &global, &local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueNDRangeKernel(q, k2, 1, NULL, &global, &local, 0, NULL, NULL),
              "clEnqueueNDRangeKernel");
        check(clEnqueueReadBuffer(q, d_changed, CL_TRUE, 0, sizeof(int), &changed, 0, NULL, NULL),
              "clEnqueueReadBuffer");
        levels++;
    } while (changed && levels <= n);
    int *result = xmalloc((size_t)n * sizeof(int));
    check(clEnqueueReadBuffer(q, d_cost, CL_TRUE, 0, (size_t)n * sizeof(int), result, 0, NULL,
                              NULL),
          "clEnqueueReadBuffer");

    /* Host reference: queue BFS. */
    int *queue = xmalloc((size_t)n * sizeof(int));
    int head = 0, tail = 0;
    queue[tail++] = source;
    while (head < tail) {
        int u = queue[head++];
        for (int e = row_start[u]; e < row_start[u + 1]; e++) {
            int v = edges[e];
            if (cost[v] < 0) {
                cost[v] = cost[u] + 1;
                queue[tail++] = v;
            }
        }
    }
    size_t bad = 0;
    int depth = 0;
    long long sum = 0;
    for (int i = 0; i < n; i++) {
        if (result[i] != cost[i])
            bad++;
        if (cost[i] > depth)
            depth = cost[i];
        sum += cost[i];
    }
    int ok = bad == 0;
    if (getenv("WORKLOAD_DEBUG"))
        fprintf(stderr, "mismatching nodes %zu, device levels %d\n", bad, levels);
    printf("bfs: nodes=%d edges=%d reached=%d depth=%d checksum=%lld %s\n", n, m, tail, depth, sum,
           ok ? "PASS" : "FAIL");

    cl_mem bufs[] = { d_start, d_edges, d_frontier, d_updating, d_visited, d_cost, d_changed };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        check(clReleaseMemObject(bufs[i]), "clReleaseMemObject");
    check(clReleaseKernel(k1), "clReleaseKernel");
    check(clReleaseKernel(k2), "clReleaseKernel");
    check(clReleaseProgram(prog), "clReleaseProgram");
    ocl_release(&env);
    free(row_start);
    free(edges);
    free(frontier);
    free(visited);
    free(cost);
    free(result);
    free(queue);
    return ok ? 0 : 1;
}
