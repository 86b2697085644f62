/* Programs and kernels: clCreateProgramWithSource, clBuildProgram (options,
 * notify callback), clGetProgramInfo, clGetProgramBuildInfo,
 * clCreateProgramWithBinary, clCompileProgram, clLinkProgram,
 * clCreateProgramWithBuiltInKernels, clCreateProgramWithIL,
 * clCreateKernel, clCreateKernelsInProgram, clGetKernelInfo,
 * clGetKernelArgInfo, clGetKernelWorkGroupInfo, clSetKernelArg,
 * clCloneKernel, clRetain/ReleaseProgram, clRetain/ReleaseKernel,
 * clUnloadPlatformCompiler, clUnloadCompiler. */
#include "common.h"

#define N 256
#define LOCAL 32

static cl_context ctx;
static cl_command_queue q;
static cl_device_id dev;

static const char *src_parts[3] = {
    "typedef struct { int a; float b; int c[2]; } params_t;\n",
    "__kernel void compute(__global const int *in, __global int *out, int scale, float fscale,\n"
    "                      params_t p, __local int *scratch, __global const int *maybe_null)\n"
    "{\n"
    "    int gid = get_global_id(0), lid = get_local_id(0), ls = get_local_size(0);\n"
    "    scratch[lid] = in[gid];\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    int v = scratch[(lid + 1) % ls] * scale + (int)(fscale * 10.0f) + p.a + p.c[1] + (int)p.b;\n"
    "    if (maybe_null) v += maybe_null[gid];\n"
    "    out[gid] = v * SCALE;\n"
    "}\n",
    "__kernel __attribute__((reqd_work_group_size(16, 1, 1)))\n"
    "void fixed_wg(__global float *restrict data, const uint n)\n"
    "{\n"
    "    size_t i = get_global_id(0);\n"
    "    if (i < n) data[i] = data[i] * 2.0f + 1.0f;\n"
    "}\n"
    "__kernel void img_arg(__read_only image2d_t img, __global volatile int *flag) { if (get_global_id(0) == 0) *flag = get_image_width(img); }\n",
};

typedef struct {
    cl_int a;
    cl_float b;
    cl_int c[2];
} params_t;

static volatile int build_cb_calls;
static int build_cb_tag;
static cl_build_status build_cb_status = 99;

static void CL_CALLBACK build_cb(cl_program p, void *user)
{
    build_cb_tag = *(int *)user;
    cl_build_status st = 99;
    clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL);
    build_cb_status = st;
    __atomic_add_fetch(&build_cb_calls, 1, __ATOMIC_SEQ_CST);
}

static void program_info(cl_program p, const char *expect_src)
{
    cl_uint u = 0;
    size_t sz = 0;
    cl_context c = NULL;
    cl_device_id d = NULL;
    REP("clGetProgramInfo(CL_PROGRAM_REFERENCE_COUNT)", clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    REP("clGetProgramInfo(CL_PROGRAM_CONTEXT)", clGetProgramInfo(p, CL_PROGRAM_CONTEXT, sizeof c, &c, NULL));
    printf("  equals context=%s\n", YN(c == ctx));
    REP("clGetProgramInfo(CL_PROGRAM_NUM_DEVICES)", clGetProgramInfo(p, CL_PROGRAM_NUM_DEVICES, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    REP("clGetProgramInfo(CL_PROGRAM_DEVICES)", clGetProgramInfo(p, CL_PROGRAM_DEVICES, sizeof d, &d, &sz));
    printf("  equals device=%s size=%zu\n", YN(d == dev), sz);
    REP("clGetProgramInfo(CL_PROGRAM_SOURCE, size)", clGetProgramInfo(p, CL_PROGRAM_SOURCE, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    if (sz) {
        char *s = malloc(sz);
        REP("clGetProgramInfo(CL_PROGRAM_SOURCE)", clGetProgramInfo(p, CL_PROGRAM_SOURCE, sz, s, NULL));
        printf("  equals expected=%s checksum=%08x\n", YN(expect_src && strcmp(s, expect_src) == 0), clt_fnv(s, sz));
        free(s);
    }
    size_t bs = 0;
    cl_int e = REP("clGetProgramInfo(CL_PROGRAM_BINARY_SIZES)", clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof bs, &bs, &sz));
    if (e == CL_SUCCESS)
        printf("  binary size > 0=%s ret size=%zu\n", YN(bs > 0), sz);
    size_t nk = 0;
    e = REP("clGetProgramInfo(CL_PROGRAM_NUM_KERNELS)", clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof nk, &nk, NULL));
    if (e == CL_SUCCESS)
        printf("  value=%zu\n", nk);
    sz = 0;
    e = REP("clGetProgramInfo(CL_PROGRAM_KERNEL_NAMES, size)", clGetProgramInfo(p, CL_PROGRAM_KERNEL_NAMES, 0, NULL, &sz));
    if (e == CL_SUCCESS) {
        char *s = calloc(sz + 1, 1);
        REP("clGetProgramInfo(CL_PROGRAM_KERNEL_NAMES)", clGetProgramInfo(p, CL_PROGRAM_KERNEL_NAMES, sz, s, NULL));
        printf("  value=\"%s\" size=%zu\n", s, sz);
        free(s);
    }
    sz = 99;
    REP("clGetProgramInfo(CL_PROGRAM_IL, size)", clGetProgramInfo(p, CL_PROGRAM_IL, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    cl_bool b = 7;
    REP("clGetProgramInfo(CL_PROGRAM_SCOPE_GLOBAL_CTORS_PRESENT)",
        clGetProgramInfo(p, CL_PROGRAM_SCOPE_GLOBAL_CTORS_PRESENT, sizeof b, &b, NULL));
    printf("  value=%u\n", b);
    REP("clGetProgramInfo(invalid param)", clGetProgramInfo(p, 0x7fff, sizeof u, &u, NULL));
}

static void build_info(cl_program p)
{
    cl_build_status st = 99;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_STATUS)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL));
    printf("  value=%d\n", st);
    size_t sz = 0;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_OPTIONS, size)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_OPTIONS, 0, NULL, &sz));
    char *s = calloc(sz + 1, 1);
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_OPTIONS)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_OPTIONS, sz, s, NULL));
    printf("  value=\"%s\"\n", s);
    free(s);
    cl_program_binary_type bt = 99;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BINARY_TYPE)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BINARY_TYPE, sizeof bt, &bt, NULL));
    printf("  value=0x%x\n", bt);
    sz = 0;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_LOG, size)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &sz));
    printf("  size>0=%s\n", YN(sz > 0));
    size_t gv = 99;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gv, &gv, NULL));
    printf("  value=%zu\n", gv);
    REP("clGetProgramBuildInfo(invalid param)", clGetProgramBuildInfo(p, dev, 0x7fff, sizeof st, &st, NULL));
    REP("clGetProgramBuildInfo(NULL device)",
        clGetProgramBuildInfo(p, NULL, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL));
}

static int in_data[N], out_data[N], extra[N];

static void expect_compute(int *exp, int scale, float fscale, const params_t *pp, const int *maybe, int S)
{
    for (int g = 0; g < N; g++) {
        int base = (g / LOCAL) * LOCAL, lid = g % LOCAL;
        int v = in_data[base + (lid + 1) % LOCAL] * scale + (int)(fscale * 10.0f) + pp->a + pp->c[1] + (int)pp->b;
        if (maybe)
            v += maybe[g];
        exp[g] = v * S;
    }
}

static void run_compute(cl_kernel k, cl_mem out, const char *label, const int *exp)
{
    size_t g = N, l = LOCAL;
    char what[160];
    snprintf(what, sizeof what, "clEnqueueNDRangeKernel(%s)", label);
    OK(what, clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL));
    memset(out_data, 0, sizeof out_data);
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, sizeof out_data, out_data, 0, NULL, NULL));
    printf("  %s result checksum=%08x %s\n", label, clt_fnv(out_data, sizeof out_data),
           memcmp(out_data, exp, sizeof out_data) == 0 ? "PASS" : "FAIL");
}

static void kernel_info(cl_kernel k, cl_program p)
{
    size_t sz = 0;
    char name[128] = { 0 };
    cl_uint u = 0;
    cl_context c = NULL;
    cl_program kp = NULL;
    REP("clGetKernelInfo(CL_KERNEL_FUNCTION_NAME)", clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, sizeof name, name, &sz));
    printf("  value=\"%s\" size=%zu\n", name, sz);
    REP("clGetKernelInfo(CL_KERNEL_NUM_ARGS)", clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    cl_uint nargs = u;
    REP("clGetKernelInfo(CL_KERNEL_REFERENCE_COUNT)", clGetKernelInfo(k, CL_KERNEL_REFERENCE_COUNT, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    REP("clGetKernelInfo(CL_KERNEL_CONTEXT)", clGetKernelInfo(k, CL_KERNEL_CONTEXT, sizeof c, &c, NULL));
    printf("  equals context=%s\n", YN(c == ctx));
    REP("clGetKernelInfo(CL_KERNEL_PROGRAM)", clGetKernelInfo(k, CL_KERNEL_PROGRAM, sizeof kp, &kp, NULL));
    printf("  equals program=%s\n", YN(kp == p));
    char attrs[256] = { 0 };
    REP("clGetKernelInfo(CL_KERNEL_ATTRIBUTES)", clGetKernelInfo(k, CL_KERNEL_ATTRIBUTES, sizeof attrs, attrs, &sz));
    printf("  value=\"%s\"\n", attrs);
    REP("clGetKernelInfo(invalid param)", clGetKernelInfo(k, 0x7fff, sizeof u, &u, NULL));

    for (cl_uint i = 0; i <= nargs; i++) {
        cl_kernel_arg_address_qualifier aq = 0;
        cl_kernel_arg_access_qualifier acq = 0;
        cl_kernel_arg_type_qualifier tq = 0;
        char tn[128] = { 0 }, an[128] = { 0 };
        printf(" arg %u\n", i);
        if (REP("clGetKernelArgInfo(CL_KERNEL_ARG_ADDRESS_QUALIFIER)",
                clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof aq, &aq, NULL)) != CL_SUCCESS)
            continue;
        printf("  value=0x%x\n", aq);
        REP("clGetKernelArgInfo(CL_KERNEL_ARG_ACCESS_QUALIFIER)",
            clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ACCESS_QUALIFIER, sizeof acq, &acq, NULL));
        printf("  value=0x%x\n", acq);
        REP("clGetKernelArgInfo(CL_KERNEL_ARG_TYPE_NAME)",
            clGetKernelArgInfo(k, i, CL_KERNEL_ARG_TYPE_NAME, sizeof tn, tn, NULL));
        printf("  value=\"%s\"\n", tn);
        REP("clGetKernelArgInfo(CL_KERNEL_ARG_TYPE_QUALIFIER)",
            clGetKernelArgInfo(k, i, CL_KERNEL_ARG_TYPE_QUALIFIER, sizeof tq, &tq, NULL));
        printf("  value=0x%llx\n", (unsigned long long)tq);
        REP("clGetKernelArgInfo(CL_KERNEL_ARG_NAME)", clGetKernelArgInfo(k, i, CL_KERNEL_ARG_NAME, sizeof an, an, NULL));
        printf("  value=\"%s\"\n", an);
    }

    size_t wg = 0, pm = 0, cwg[3] = { 9, 9, 9 };
    cl_ulong lm = 0, prm = 0;
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_WORK_GROUP_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL));
    printf("  value=%zu\n", wg);
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_COMPILE_WORK_GROUP_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL));
    printf("  value=%zux%zux%zu\n", cwg[0], cwg[1], cwg[2]);
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_LOCAL_MEM_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_LOCAL_MEM_SIZE, sizeof lm, &lm, NULL));
    printf("  value=%llu\n", (unsigned long long)lm);
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, sizeof pm, &pm, NULL));
    printf("  value=%zu\n", pm);
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_PRIVATE_MEM_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_PRIVATE_MEM_SIZE, sizeof prm, &prm, NULL));
    printf("  value=%llu\n", (unsigned long long)prm);
    REP("clGetKernelWorkGroupInfo(CL_KERNEL_GLOBAL_WORK_SIZE)",
        clGetKernelWorkGroupInfo(k, dev, CL_KERNEL_GLOBAL_WORK_SIZE, sizeof cwg, cwg, NULL));
    REP("clGetKernelWorkGroupInfo(invalid param)", clGetKernelWorkGroupInfo(k, dev, 0x7fff, sizeof wg, &wg, NULL));
    REP("clGetKernelWorkGroupInfo(NULL device)",
        clGetKernelWorkGroupInfo(k, NULL, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL));
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
    for (int i = 0; i < N; i++) {
        in_data[i] = (i * 37) % 101 - 50;
        extra[i] = i * 3;
    }

    printf("== clCreateProgramWithSource\n");
    char full_src[4096];
    snprintf(full_src, sizeof full_src, "%s%s%s", src_parts[0], src_parts[1], src_parts[2]);
    size_t lens[3] = { strlen(src_parts[0]), 0, strlen(src_parts[2]) };
    cl_program p = clCreateProgramWithSource(ctx, 3, src_parts, lens, &err);
    OK("clCreateProgramWithSource(3 strings, lengths with a 0 entry)", err);
    program_info(p, full_src);
    cl_program p2 = clCreateProgramWithSource(ctx, 3, src_parts, NULL, &err);
    OK("clCreateProgramWithSource(3 strings, NULL lengths)", err);
    cl_program bad = clCreateProgramWithSource(ctx, 0, src_parts, NULL, &err);
    REP("clCreateProgramWithSource(count 0)", err);
    /* strings == NULL is not exercised: PoCL 3.1 dereferences it and crashes. */
    const char *withnull[2] = { src_parts[0], NULL };
    bad = clCreateProgramWithSource(ctx, 2, withnull, NULL, &err);
    REP("clCreateProgramWithSource(NULL entry)", err);
    bad = clCreateProgramWithSource(NULL, 1, src_parts, NULL, &err);
    REP("clCreateProgramWithSource(NULL context)", err);
    (void)bad;

    printf("== kernel before build\n");
    cl_kernel kb = clCreateKernel(p, "compute", &err);
    REP("clCreateKernel(unbuilt program)", err);
    (void)kb;
    cl_build_status st0 = 99;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_STATUS)",
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_STATUS, sizeof st0, &st0, NULL));
    printf("  value=%d\n", st0);

    printf("== clBuildProgram with callback\n");
    int tag = 31337;
    err = clBuildProgram(p, 1, &dev, "-DSCALE=3 -cl-kernel-arg-info", build_cb, &tag);
    REP("clBuildProgram(-DSCALE=3 -cl-kernel-arg-info, callback)", err);
    int fired = clt_wait_flag(&build_cb_calls, 1, 60000);
    printf("  callback fired=%s calls=%d user_data=%d status in callback=%d\n", YN(fired), build_cb_calls,
           build_cb_tag, build_cb_status);
    build_info(p);
    program_info(p, full_src);
    REP("clBuildProgram(no args, default options)", clBuildProgram(p2, 0, NULL, "-DSCALE=1", NULL, NULL));
    REP("clBuildProgram(user_data without callback)", clBuildProgram(p2, 1, &dev, NULL, NULL, &tag));
    REP("clBuildProgram(num_devices 1, NULL list)", clBuildProgram(p2, 1, NULL, NULL, NULL, NULL));
    REP("clBuildProgram(invalid option)", clBuildProgram(p2, 1, &dev, "-DSCALE=1 -fno-such-option-xyz", NULL, NULL));
    REP("clBuildProgram(NULL program)", clBuildProgram(NULL, 1, &dev, NULL, NULL, NULL));

    printf("== build failure\n");
    const char *broken = "__kernel void broken(__global int *x) { x[0] = undeclared_identifier_q + 1; }\n";
    cl_program pb = clCreateProgramWithSource(ctx, 1, &broken, NULL, &err);
    OK("clCreateProgramWithSource(broken)", err);
    REP("clBuildProgram(broken)", clBuildProgram(pb, 1, &dev, NULL, NULL, NULL));
    cl_build_status bst = 99;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_STATUS)",
        clGetProgramBuildInfo(pb, dev, CL_PROGRAM_BUILD_STATUS, sizeof bst, &bst, NULL));
    printf("  value=%d\n", bst);
    size_t lsz = 0;
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_LOG, size)", clGetProgramBuildInfo(pb, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &lsz));
    char *log = calloc(lsz + 1, 1);
    REP("clGetProgramBuildInfo(CL_PROGRAM_BUILD_LOG)", clGetProgramBuildInfo(pb, dev, CL_PROGRAM_BUILD_LOG, lsz, log, NULL));
    printf("  log non-empty=%s mentions identifier=%s contains 'error'=%s\n", YN(lsz > 1),
           YN(strstr(log, "undeclared_identifier_q") != NULL), YN(strstr(log, "error") != NULL));
    free(log);
    cl_kernel kx = clCreateKernel(pb, "broken", &err);
    REP("clCreateKernel(failed program)", err);
    (void)kx;
    REP("clReleaseProgram(broken)", clReleaseProgram(pb));

    printf("== kernels\n");
    cl_kernel k = clCreateKernel(p, "compute", &err);
    OK("clCreateKernel(compute)", err);
    kernel_info(k, p);
    cl_kernel kf = clCreateKernel(p, "fixed_wg", &err);
    OK("clCreateKernel(fixed_wg)", err);
    kernel_info(kf, p);
    cl_kernel kimg = clCreateKernel(p, "img_arg", &err);
    OK("clCreateKernel(img_arg)", err);
    kernel_info(kimg, p);
    cl_kernel kbad = clCreateKernel(p, "no_such_kernel", &err);
    REP("clCreateKernel(no_such_kernel)", err);
    kbad = clCreateKernel(p, NULL, &err);
    REP("clCreateKernel(NULL name)", err);
    (void)kbad;

    cl_uint nk = 0;
    REP("clCreateKernelsInProgram(count)", clCreateKernelsInProgram(p, 0, NULL, &nk));
    printf("  value=%u\n", nk);
    cl_kernel ks[8];
    cl_uint nk2 = 0;
    REP("clCreateKernelsInProgram", clCreateKernelsInProgram(p, nk, ks, &nk2));
    int seen_compute = 0, seen_fixed = 0, seen_img = 0;
    for (cl_uint i = 0; i < nk2; i++) {
        char nm[64] = { 0 };
        clGetKernelInfo(ks[i], CL_KERNEL_FUNCTION_NAME, sizeof nm, nm, NULL);
        seen_compute |= !strcmp(nm, "compute");
        seen_fixed |= !strcmp(nm, "fixed_wg");
        seen_img |= !strcmp(nm, "img_arg");
        clReleaseKernel(ks[i]);
    }
    printf("  created=%u compute=%s fixed_wg=%s img_arg=%s\n", nk2, YN(seen_compute), YN(seen_fixed), YN(seen_img));
    REP("clCreateKernelsInProgram(too few entries)", clCreateKernelsInProgram(p, 1, ks, NULL));

    printf("== clSetKernelArg\n");
    cl_mem in = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in_data, in_data, &err);
    OK("clCreateBuffer(in)", err);
    cl_mem out = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof out_data, NULL, &err);
    OK("clCreateBuffer(out)", err);
    cl_mem ex = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof extra, extra, &err);
    OK("clCreateBuffer(extra)", err);

    size_t g = N, l = LOCAL;
    REP("clEnqueueNDRangeKernel(args not set)", clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL));
    cl_int scale = 7;
    cl_float fscale = 1.25f;
    params_t pp = { 11, 2.5f, { 100, -4 } };
    OK("clSetKernelArg(0, buffer)", clSetKernelArg(k, 0, sizeof(cl_mem), &in));
    OK("clSetKernelArg(1, buffer)", clSetKernelArg(k, 1, sizeof(cl_mem), &out));
    OK("clSetKernelArg(2, int)", clSetKernelArg(k, 2, sizeof scale, &scale));
    OK("clSetKernelArg(3, float)", clSetKernelArg(k, 3, sizeof fscale, &fscale));
    OK("clSetKernelArg(4, struct)", clSetKernelArg(k, 4, sizeof pp, &pp));
    OK("clSetKernelArg(5, __local size)", clSetKernelArg(k, 5, LOCAL * sizeof(cl_int), NULL));
    OK("clSetKernelArg(6, NULL buffer via NULL arg_value)", clSetKernelArg(k, 6, sizeof(cl_mem), NULL));
    int exp[N];
    expect_compute(exp, scale, fscale, &pp, NULL, 3);
    run_compute(k, out, "compute without extra", exp);

    OK("clSetKernelArg(6, buffer)", clSetKernelArg(k, 6, sizeof(cl_mem), &ex));
    expect_compute(exp, scale, fscale, &pp, extra, 3);
    run_compute(k, out, "compute with extra", exp);
    cl_mem nullmem = NULL;
    OK("clSetKernelArg(6, pointer to NULL cl_mem)", clSetKernelArg(k, 6, sizeof(cl_mem), &nullmem));
    expect_compute(exp, scale, fscale, &pp, NULL, 3);
    run_compute(k, out, "compute with NULL mem", exp);

    printf("== clSetKernelArg errors\n");
    REP("clSetKernelArg(index 7 out of range)", clSetKernelArg(k, 7, sizeof scale, &scale));
    REP("clSetKernelArg(index 100 out of range)", clSetKernelArg(k, 100, sizeof scale, &scale));
    REP("clSetKernelArg(int with size 2)", clSetKernelArg(k, 2, 2, &scale));
    REP("clSetKernelArg(int with size 8)", clSetKernelArg(k, 2, 8, &pp));
    /* A struct argument with a wrong size is not exercised: PoCL 3.1 accepts
     * it (CL_SUCCESS) and later reads past the supplied bytes. */
    REP("clSetKernelArg(int with NULL value)", clSetKernelArg(k, 2, sizeof scale, NULL));
    REP("clSetKernelArg(__local with size 0)", clSetKernelArg(k, 5, 0, NULL));
    REP("clSetKernelArg(__local with non-NULL value)", clSetKernelArg(k, 5, 16, &scale));
    REP("clSetKernelArg(buffer with wrong size)", clSetKernelArg(k, 0, 4, &in));
    REP("clSetKernelArg(NULL kernel)", clSetKernelArg(NULL, 0, sizeof in, &in));
    /* restore the full argument set after the failed calls */
    OK("clSetKernelArg(0, buffer)", clSetKernelArg(k, 0, sizeof(cl_mem), &in));
    OK("clSetKernelArg(2, int)", clSetKernelArg(k, 2, sizeof scale, &scale));
    OK("clSetKernelArg(4, struct)", clSetKernelArg(k, 4, sizeof pp, &pp));
    OK("clSetKernelArg(5, __local size)", clSetKernelArg(k, 5, LOCAL * sizeof(cl_int), NULL));

    printf("== clCloneKernel\n");
    cl_kernel kc = clCloneKernel(k, &err);
    OK("clCloneKernel", err);
    kernel_info(kc, p);
    run_compute(kc, out, "clone", exp);
    cl_int scale2 = -2;
    OK("clSetKernelArg(clone, 2, int)", clSetKernelArg(kc, 2, sizeof scale2, &scale2));
    int exp2[N];
    expect_compute(exp2, scale2, fscale, &pp, NULL, 3);
    run_compute(kc, out, "clone with new scale", exp2);
    run_compute(k, out, "original unchanged", exp);
    cl_kernel kcb = clCloneKernel(NULL, &err);
    REP("clCloneKernel(NULL)", err);
    (void)kcb;

    printf("== fixed_wg (reqd_work_group_size 16)\n");
    float fd[64];
    for (int i = 0; i < 64; i++)
        fd[i] = (float)i * 0.5f;
    cl_mem fb = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof fd, fd, &err);
    OK("clCreateBuffer", err);
    cl_uint n = 60;
    OK("clSetKernelArg(0, buffer)", clSetKernelArg(kf, 0, sizeof fb, &fb));
    OK("clSetKernelArg(1, uint)", clSetKernelArg(kf, 1, sizeof n, &n));
    size_t g64 = 64, l16 = 16, l8 = 8;
    REP("clEnqueueNDRangeKernel(local 8 != reqd 16)", clEnqueueNDRangeKernel(q, kf, 1, NULL, &g64, &l8, 0, NULL, NULL));
    OK("clEnqueueNDRangeKernel(local 16)", clEnqueueNDRangeKernel(q, kf, 1, NULL, &g64, &l16, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, fb, CL_TRUE, 0, sizeof fd, fd, 0, NULL, NULL));
    int ok = 1;
    for (int i = 0; i < 64; i++)
        ok &= fd[i] == (i < 60 ? (float)i * 0.5f * 2.0f + 1.0f : (float)i * 0.5f);
    printf("  fixed_wg %s\n", ok ? "PASS" : "FAIL");

    printf("== binaries round trip\n");
    size_t bsz = 0;
    OK("clGetProgramInfo(CL_PROGRAM_BINARY_SIZES)", clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof bsz, &bsz, NULL));
    unsigned char *bin = malloc(bsz);
    unsigned char *bins[1] = { bin };
    OK("clGetProgramInfo(CL_PROGRAM_BINARIES)", clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bins, bins, NULL));
    const unsigned char *cbins[1] = { bin };
    cl_int bstat = 99;
    cl_program pbin = clCreateProgramWithBinary(ctx, 1, &dev, &bsz, cbins, &bstat, &err);
    OK("clCreateProgramWithBinary", err);
    printf("  binary_status=%s\n", clt_err(bstat));
    OK("clBuildProgram(binary)", clBuildProgram(pbin, 1, &dev, NULL, NULL, NULL));
    build_info(pbin);
    cl_kernel kbin = clCreateKernel(pbin, "compute", &err);
    OK("clCreateKernel(compute from binary)", err);
    OK("clSetKernelArg(0)", clSetKernelArg(kbin, 0, sizeof(cl_mem), &in));
    OK("clSetKernelArg(1)", clSetKernelArg(kbin, 1, sizeof(cl_mem), &out));
    OK("clSetKernelArg(2)", clSetKernelArg(kbin, 2, sizeof scale, &scale));
    OK("clSetKernelArg(3)", clSetKernelArg(kbin, 3, sizeof fscale, &fscale));
    OK("clSetKernelArg(4)", clSetKernelArg(kbin, 4, sizeof pp, &pp));
    OK("clSetKernelArg(5)", clSetKernelArg(kbin, 5, LOCAL * sizeof(cl_int), NULL));
    OK("clSetKernelArg(6)", clSetKernelArg(kbin, 6, sizeof(cl_mem), &ex));
    expect_compute(exp, scale, fscale, &pp, extra, 3);
    run_compute(kbin, out, "from binary", exp);
    unsigned char junk[64];
    memset(junk, 0xAB, sizeof junk);
    const unsigned char *jb[1] = { junk };
    size_t jsz = sizeof junk;
    bstat = 99;
    cl_program pj = clCreateProgramWithBinary(ctx, 1, &dev, &jsz, jb, &bstat, &err);
    REP("clCreateProgramWithBinary(garbage)", err);
    printf("  binary_status=%s\n", clt_err(bstat));
    if (err == CL_SUCCESS) {
        REP("clBuildProgram(garbage binary)", clBuildProgram(pj, 1, &dev, NULL, NULL, NULL));
        clReleaseProgram(pj);
    }
    size_t zsz = 0;
    pj = clCreateProgramWithBinary(ctx, 1, &dev, &zsz, cbins, &bstat, &err);
    REP("clCreateProgramWithBinary(length 0)", err);
    /* binaries == NULL is not exercised: PoCL 3.1 dereferences it and crashes. */
    pj = clCreateProgramWithBinary(ctx, 0, &dev, &bsz, cbins, &bstat, &err);
    REP("clCreateProgramWithBinary(num_devices 0)", err);
    free(bin);

    printf("== clCompileProgram + clLinkProgram with header\n");
    const char *hdr = "#define OFFSET 1000\nint twice_plus(int x);\n";
    const char *lib_src = "#include \"myhdr.h\"\nint twice_plus(int x) { return x * 2 + OFFSET; }\n";
    const char *main_src = "#include \"myhdr.h\"\n"
                           "__kernel void use_lib(__global int *d) { int i = get_global_id(0); d[i] = twice_plus(d[i]) + OFFSET; }\n";
    cl_program ph = clCreateProgramWithSource(ctx, 1, &hdr, NULL, &err);
    OK("clCreateProgramWithSource(header)", err);
    cl_program plib = clCreateProgramWithSource(ctx, 1, &lib_src, NULL, &err);
    OK("clCreateProgramWithSource(library)", err);
    cl_program pmain = clCreateProgramWithSource(ctx, 1, &main_src, NULL, &err);
    OK("clCreateProgramWithSource(main)", err);
    const char *hnames[1] = { "myhdr.h" };
    OK("clCompileProgram(library, header)", clCompileProgram(plib, 1, &dev, NULL, 1, &ph, hnames, NULL, NULL));
    OK("clCompileProgram(main, header)", clCompileProgram(pmain, 1, &dev, "-DUNUSED=1", 1, &ph, hnames, NULL, NULL));
    build_info(pmain);
    cl_program bad_compile = clCreateProgramWithSource(ctx, 1, &main_src, NULL, &err);
    OK("clCreateProgramWithSource(main again)", err);
    REP("clCompileProgram(missing header)", clCompileProgram(bad_compile, 1, &dev, NULL, 0, NULL, NULL, NULL, NULL));
    /* header_include_names == NULL with num_input_headers 1 is not exercised:
     * PoCL 3.1 crashes. */
    REP("clReleaseProgram", clReleaseProgram(bad_compile));
    cl_program unl = clLinkProgram(ctx, 1, &dev, NULL, 1, &pmain, NULL, NULL, &err);
    REP("clLinkProgram(main only, unresolved symbol)", err);
    if (unl && err == CL_SUCCESS)
        clReleaseProgram(unl);
    cl_program inputs[2] = { pmain, plib };
    cl_program linked = clLinkProgram(ctx, 1, &dev, NULL, 2, inputs, NULL, NULL, &err);
    OK("clLinkProgram(main + library)", err);
    build_info(linked);
    cl_program lib = clLinkProgram(ctx, 1, &dev, "-create-library", 1, &plib, NULL, NULL, &err);
    REP("clLinkProgram(-create-library)", err);
    if (err == CL_SUCCESS) {
        build_info(lib);
        clReleaseProgram(lib);
    }
    cl_program lb = clLinkProgram(ctx, 1, &dev, NULL, 0, NULL, NULL, NULL, &err);
    REP("clLinkProgram(no input programs)", err);
    (void)lb;
    cl_kernel kh = clCreateKernel(linked, "use_lib", &err);
    OK("clCreateKernel(use_lib)", err);
    int hd[16], hexp[16];
    for (int i = 0; i < 16; i++) {
        hd[i] = i - 5;
        hexp[i] = (i - 5) * 2 + 1000 + 1000;
    }
    cl_mem hb = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof hd, hd, &err);
    OK("clCreateBuffer", err);
    OK("clSetKernelArg(0)", clSetKernelArg(kh, 0, sizeof hb, &hb));
    size_t g16 = 16;
    OK("clEnqueueNDRangeKernel(use_lib)", clEnqueueNDRangeKernel(q, kh, 1, NULL, &g16, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, hb, CL_TRUE, 0, sizeof hd, hd, 0, NULL, NULL));
    printf("  linked kernel %s checksum=%08x\n", memcmp(hd, hexp, sizeof hd) == 0 ? "PASS" : "FAIL", clt_fnv(hd, sizeof hd));

    printf("== other program creation paths\n");
    cl_program pbi = clCreateProgramWithBuiltInKernels(ctx, 1, &dev, "no.such.builtin", &err);
    REP("clCreateProgramWithBuiltInKernels(no.such.builtin)", err);
    (void)pbi;
    unsigned char il[16] = { 0x03, 0x02, 0x23, 0x07 };
    cl_program pil = clCreateProgramWithIL(ctx, il, sizeof il, &err);
    REP("clCreateProgramWithIL(SPIR-V magic only)", err);
    if (err == CL_SUCCESS)
        clReleaseProgram(pil);
    cl_uint spec = 1;
    REP("clSetProgramSpecializationConstant(source program)", clSetProgramSpecializationConstant(p, 0, sizeof spec, &spec));

    printf("== retain/release\n");
    cl_uint rc = 0;
    REP("clRetainProgram", clRetainProgram(p));
    REP("clGetProgramInfo(CL_PROGRAM_REFERENCE_COUNT)", clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clRetainKernel", clRetainKernel(k));
    REP("clGetKernelInfo(CL_KERNEL_REFERENCE_COUNT)", clGetKernelInfo(k, CL_KERNEL_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clReleaseKernel", clReleaseKernel(k));
    REP("clRetainProgram(NULL)", clRetainProgram(NULL));
    REP("clReleaseProgram(NULL)", clReleaseProgram(NULL));
    REP("clRetainKernel(NULL)", clRetainKernel(NULL));
    REP("clReleaseKernel(NULL)", clReleaseKernel(NULL));

    REP("clReleaseKernel", clReleaseKernel(k));
    REP("clReleaseKernel", clReleaseKernel(kc));
    REP("clReleaseKernel", clReleaseKernel(kf));
    REP("clReleaseKernel", clReleaseKernel(kimg));
    REP("clReleaseKernel", clReleaseKernel(kbin));
    REP("clReleaseKernel", clReleaseKernel(kh));
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clReleaseProgram", clReleaseProgram(p2));
    REP("clReleaseProgram", clReleaseProgram(pbin));
    REP("clReleaseProgram", clReleaseProgram(ph));
    REP("clReleaseProgram", clReleaseProgram(plib));
    REP("clReleaseProgram", clReleaseProgram(pmain));
    REP("clReleaseProgram", clReleaseProgram(linked));
    REP("clReleaseMemObject", clReleaseMemObject(in));
    REP("clReleaseMemObject", clReleaseMemObject(out));
    REP("clReleaseMemObject", clReleaseMemObject(ex));
    REP("clReleaseMemObject", clReleaseMemObject(fb));
    REP("clReleaseMemObject", clReleaseMemObject(hb));
    REP("clUnloadPlatformCompiler", clUnloadPlatformCompiler(plat));
    REP("clUnloadPlatformCompiler(NULL)", clUnloadPlatformCompiler(NULL));
    REP("clUnloadCompiler", clUnloadCompiler());
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
