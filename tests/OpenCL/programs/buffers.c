/* Buffer objects: clCreateBuffer (host pointer flags), clEnqueueReadBuffer,
 * clEnqueueWriteBuffer (blocking and non-blocking), clEnqueueCopyBuffer,
 * clEnqueueFillBuffer, the rect variants, clEnqueueMapBuffer,
 * clEnqueueUnmapMemObject, clCreateSubBuffer, clGetMemObjectInfo,
 * clSetMemObjectDestructorCallback, clRetainMemObject/clReleaseMemObject. */
#include "common.h"

#define N 1024

static cl_context ctx;
static cl_command_queue q;
static cl_device_id dev;

static volatile int dtor_count;
static int dtor_order[8];

static void CL_CALLBACK mem_dtor(cl_mem m, void *user)
{
    (void)m;
    int slot = __atomic_fetch_add(&dtor_count, 1, __ATOMIC_SEQ_CST);
    if (slot < 8)
        dtor_order[slot] = *(int *)user;
}

static void fill_pattern(uint32_t *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = seed * 2654435761u + (uint32_t)i * 40503u;
}

static void print_sum(const char *what, const void *p, size_t n)
{
    printf("  %s checksum=%08x\n", what, clt_fnv(p, n));
}

static void mem_info(cl_mem m, const void *hostptr, const char *label)
{
    size_t sz = 0, off = 0, ret = 0;
    cl_mem_flags fl = 0;
    void *hp = NULL;
    cl_mem assoc = NULL;
    cl_mem_object_type t = 0;
    cl_uint rc = 0, mc = 0;
    cl_context c = NULL;
    cl_bool svm = CL_TRUE;
    printf(" mem info %s\n", label);
    REP("clGetMemObjectInfo(CL_MEM_TYPE)", clGetMemObjectInfo(m, CL_MEM_TYPE, sizeof t, &t, &ret));
    printf("  value=0x%x size=%zu\n", t, ret);
    REP("clGetMemObjectInfo(CL_MEM_FLAGS)", clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof fl, &fl, NULL));
    printf("  value=0x%llx\n", (unsigned long long)fl);
    REP("clGetMemObjectInfo(CL_MEM_SIZE)", clGetMemObjectInfo(m, CL_MEM_SIZE, sizeof sz, &sz, NULL));
    printf("  value=%zu\n", sz);
    REP("clGetMemObjectInfo(CL_MEM_HOST_PTR)", clGetMemObjectInfo(m, CL_MEM_HOST_PTR, sizeof hp, &hp, NULL));
    printf("  is NULL=%s equals host pointer=%s\n", YN(hp == NULL), YN(hostptr != NULL && hp == hostptr));
    REP("clGetMemObjectInfo(CL_MEM_MAP_COUNT)", clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));
    printf("  value=%u\n", mc);
    REP("clGetMemObjectInfo(CL_MEM_REFERENCE_COUNT)",
        clGetMemObjectInfo(m, CL_MEM_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clGetMemObjectInfo(CL_MEM_CONTEXT)", clGetMemObjectInfo(m, CL_MEM_CONTEXT, sizeof c, &c, NULL));
    printf("  equals context=%s\n", YN(c == ctx));
    REP("clGetMemObjectInfo(CL_MEM_ASSOCIATED_MEMOBJECT)",
        clGetMemObjectInfo(m, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof assoc, &assoc, NULL));
    printf("  associated=%s\n", YN(assoc != NULL));
    REP("clGetMemObjectInfo(CL_MEM_OFFSET)", clGetMemObjectInfo(m, CL_MEM_OFFSET, sizeof off, &off, NULL));
    printf("  value=%zu\n", off);
    REP("clGetMemObjectInfo(CL_MEM_USES_SVM_POINTER)",
        clGetMemObjectInfo(m, CL_MEM_USES_SVM_POINTER, sizeof svm, &svm, NULL));
    printf("  value=%s\n", svm ? "CL_TRUE" : "CL_FALSE");
    ret = 99;
    REP("clGetMemObjectInfo(CL_MEM_PROPERTIES, size)",
        clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &ret));
    printf("  size=%zu\n", ret);
}

static void flag_combinations(void)
{
    printf("== clCreateBuffer flag combinations\n");
    static const struct { cl_mem_flags f; const char *n; int hp; } combos[] = {
        { CL_MEM_READ_WRITE, "READ_WRITE", 0 },
        { CL_MEM_READ_ONLY, "READ_ONLY", 0 },
        { CL_MEM_WRITE_ONLY, "WRITE_ONLY", 0 },
        { CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, "READ_WRITE|USE_HOST_PTR", 1 },
        { CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, "READ_WRITE|COPY_HOST_PTR", 1 },
        { CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, "READ_WRITE|ALLOC_HOST_PTR", 0 },
        { CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR | CL_MEM_COPY_HOST_PTR,
          "READ_WRITE|ALLOC_HOST_PTR|COPY_HOST_PTR", 1 },
        { CL_MEM_READ_ONLY | CL_MEM_HOST_NO_ACCESS, "READ_ONLY|HOST_NO_ACCESS", 0 },
        { CL_MEM_READ_WRITE | CL_MEM_HOST_READ_ONLY | CL_MEM_COPY_HOST_PTR,
          "READ_WRITE|HOST_READ_ONLY|COPY_HOST_PTR", 1 },
        { CL_MEM_READ_WRITE | CL_MEM_HOST_WRITE_ONLY, "READ_WRITE|HOST_WRITE_ONLY", 0 },
    };
    uint32_t *host = malloc(N * 4);
    uint32_t *out = malloc(N * 4);
    cl_int err;
    char what[160];
    for (size_t i = 0; i < sizeof combos / sizeof combos[0]; i++) {
        fill_pattern(host, N, (uint32_t)i + 1);
        cl_mem b = clCreateBuffer(ctx, combos[i].f, N * 4, combos[i].hp ? host : NULL, &err);
        snprintf(what, sizeof what, "clCreateBuffer(%s)", combos[i].n);
        if (REP(what, err) != CL_SUCCESS)
            continue;
        mem_info(b, host, combos[i].n);
        if (combos[i].hp && !(combos[i].f & (CL_MEM_HOST_NO_ACCESS | CL_MEM_HOST_WRITE_ONLY))) {
            memset(out, 0, N * 4);
            REP("clEnqueueReadBuffer(blocking)",
                clEnqueueReadBuffer(q, b, CL_TRUE, 0, N * 4, out, 0, NULL, NULL));
            printf("  initial contents match=%s\n", YN(memcmp(out, host, N * 4) == 0));
        }
        REP("clReleaseMemObject", clReleaseMemObject(b));
    }

    printf("== clCreateBuffer invalid combinations\n");
    cl_mem b;
    b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 0, NULL, &err);
    REP("clCreateBuffer(size 0)", err);
    b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, N * 4, NULL, &err);
    REP("clCreateBuffer(USE_HOST_PTR, NULL host_ptr)", err);
    b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, N * 4, NULL, &err);
    REP("clCreateBuffer(COPY_HOST_PTR, NULL host_ptr)", err);
    b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * 4, host, &err);
    REP("clCreateBuffer(host_ptr without host flag)", err);
    b = clCreateBuffer(ctx, CL_MEM_USE_HOST_PTR | CL_MEM_ALLOC_HOST_PTR, N * 4, host, &err);
    REP("clCreateBuffer(USE_HOST_PTR|ALLOC_HOST_PTR)", err);
    b = clCreateBuffer(ctx, CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR, N * 4, host, &err);
    REP("clCreateBuffer(USE_HOST_PTR|COPY_HOST_PTR)", err);
    b = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, N * 4, NULL, &err);
    REP("clCreateBuffer(READ_ONLY|WRITE_ONLY)", err);
    b = clCreateBuffer(ctx, CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_WRITE_ONLY, N * 4, NULL, &err);
    REP("clCreateBuffer(HOST_READ_ONLY|HOST_WRITE_ONLY)", err);
    b = clCreateBuffer(ctx, (cl_mem_flags)1 << 40, N * 4, NULL, &err);
    REP("clCreateBuffer(unknown flag bit 40)", err);
    b = clCreateBuffer(NULL, CL_MEM_READ_WRITE, N * 4, NULL, &err);
    REP("clCreateBuffer(NULL context)", err);
    b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, (size_t)1 << 62, NULL, &err);
    REP("clCreateBuffer(size beyond CL_DEVICE_MAX_MEM_ALLOC_SIZE)", err);
    cl_mem_properties mp[] = { 0 };
    b = clCreateBufferWithProperties(ctx, mp, CL_MEM_READ_WRITE, N * 4, NULL, &err);
    if (REP("clCreateBufferWithProperties(empty list)", err) == CL_SUCCESS) {
        mem_info(b, NULL, "with properties");
        REP("clReleaseMemObject", clReleaseMemObject(b));
    }
    cl_mem_properties mpbad[] = { 0x7777, 1, 0 };
    b = clCreateBufferWithProperties(ctx, mpbad, CL_MEM_READ_WRITE, N * 4, NULL, &err);
    REP("clCreateBufferWithProperties(unknown property)", err);
    free(host);
    free(out);
}

static void read_write(void)
{
    printf("== read/write\n");
    cl_int err;
    uint32_t *a = malloc(N * 4), *b = malloc(N * 4), *c = malloc(N * 4);
    fill_pattern(a, N, 7);
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * 4, NULL, &err);
    OK("clCreateBuffer", err);
    OK("clEnqueueWriteBuffer(blocking)", clEnqueueWriteBuffer(q, m, CL_TRUE, 0, N * 4, a, 0, NULL, NULL));
    memset(b, 0, N * 4);
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, N * 4, b, 0, NULL, NULL));
    printf("  roundtrip match=%s\n", YN(memcmp(a, b, N * 4) == 0));
    print_sum("data", b, N * 4);

    /* non-blocking write, then finish */
    fill_pattern(a, N, 8);
    cl_event ev;
    OK("clEnqueueWriteBuffer(non-blocking)", clEnqueueWriteBuffer(q, m, CL_FALSE, 0, N * 4, a, 0, NULL, &ev));
    OK("clWaitForEvents", clWaitForEvents(1, &ev));
    cl_int st = -1;
    REP("clGetEventInfo(CL_EVENT_COMMAND_EXECUTION_STATUS)",
        clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
    printf("  status=%d\n", st);
    REP("clReleaseEvent", clReleaseEvent(ev));
    memset(b, 0, N * 4);
    OK("clEnqueueReadBuffer(non-blocking)", clEnqueueReadBuffer(q, m, CL_FALSE, 0, N * 4, b, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    printf("  non-blocking roundtrip match=%s\n", YN(memcmp(a, b, N * 4) == 0));

    /* partial reads/writes with offsets */
    uint32_t patch[16];
    for (int i = 0; i < 16; i++)
        patch[i] = 0xA0000000u + i;
    OK("clEnqueueWriteBuffer(offset 400, 64 bytes)",
       clEnqueueWriteBuffer(q, m, CL_TRUE, 400, sizeof patch, patch, 0, NULL, NULL));
    memset(c, 0, N * 4);
    OK("clEnqueueReadBuffer(offset 392, 80 bytes)",
       clEnqueueReadBuffer(q, m, CL_TRUE, 392, 80, c, 0, NULL, NULL));
    printf("  words:");
    for (int i = 0; i < 20; i++)
        printf(" %08x", c[i]);
    printf("\n");

    /* copy and fill */
    cl_mem m2 = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * 4, NULL, &err);
    OK("clCreateBuffer", err);
    OK("clEnqueueCopyBuffer(full)", clEnqueueCopyBuffer(q, m, m2, 0, 0, N * 4, 0, NULL, NULL));
    OK("clEnqueueCopyBuffer(src 0 -> dst 2048, 1024 bytes)",
       clEnqueueCopyBuffer(q, m, m2, 0, 2048, 1024, 0, NULL, NULL));
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m2, CL_TRUE, 0, N * 4, b, 0, NULL, NULL));
    print_sum("after copy", b, N * 4);
    REP("clEnqueueCopyBuffer(overlapping same buffer)",
        clEnqueueCopyBuffer(q, m, m, 0, 16, 64, 0, NULL, NULL));
    REP("clEnqueueCopyBuffer(same buffer, disjoint)",
        clEnqueueCopyBuffer(q, m, m, 0, 2048, 64, 0, NULL, NULL));

    uint32_t pat4 = 0xDEADBEEFu;
    OK("clEnqueueFillBuffer(4-byte pattern, offset 64, 256 bytes)",
       clEnqueueFillBuffer(q, m2, &pat4, 4, 64, 256, 0, NULL, NULL));
    uint8_t pat1 = 0x5A;
    OK("clEnqueueFillBuffer(1-byte pattern, offset 1000, 24 bytes)",
       clEnqueueFillBuffer(q, m2, &pat1, 1, 1000, 24, 0, NULL, NULL));
    uint64_t pat16[2] = { 0x0123456789ABCDEFull, 0xFEDCBA9876543210ull };
    OK("clEnqueueFillBuffer(16-byte pattern, offset 3072, 512 bytes)",
       clEnqueueFillBuffer(q, m2, pat16, 16, 3072, 512, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m2, CL_TRUE, 0, N * 4, b, 0, NULL, NULL));
    print_sum("after fill", b, N * 4);
    printf("  word[16]=%08x word[250]=%08x word[768]=%08x\n", b[16], b[250], b[768]);
    REP("clEnqueueFillBuffer(pattern size 3)", clEnqueueFillBuffer(q, m2, &pat4, 3, 0, 12, 0, NULL, NULL));
    REP("clEnqueueFillBuffer(size not multiple of pattern)",
        clEnqueueFillBuffer(q, m2, &pat4, 4, 0, 10, 0, NULL, NULL));
    REP("clEnqueueFillBuffer(NULL pattern)", clEnqueueFillBuffer(q, m2, NULL, 4, 0, 16, 0, NULL, NULL));
    REP("clEnqueueFillBuffer(out of bounds)", clEnqueueFillBuffer(q, m2, &pat4, 4, N * 4 - 4, 8, 0, NULL, NULL));

    printf("== invalid read/write\n");
    REP("clEnqueueReadBuffer(out of bounds)", clEnqueueReadBuffer(q, m, CL_TRUE, N * 4 - 8, 16, b, 0, NULL, NULL));
    REP("clEnqueueReadBuffer(offset beyond size)", clEnqueueReadBuffer(q, m, CL_TRUE, N * 4 + 4, 4, b, 0, NULL, NULL));
    REP("clEnqueueReadBuffer(size 0)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, 0, b, 0, NULL, NULL));
    REP("clEnqueueReadBuffer(NULL ptr)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, 16, NULL, 0, NULL, NULL));
    REP("clEnqueueReadBuffer(NULL buffer)", clEnqueueReadBuffer(q, NULL, CL_TRUE, 0, 16, b, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(out of bounds)", clEnqueueWriteBuffer(q, m, CL_TRUE, 8, N * 4, a, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(wait list count 1, NULL list)",
        clEnqueueWriteBuffer(q, m, CL_TRUE, 0, 16, a, 1, NULL, NULL));
    cl_event evs[1] = { NULL };
    REP("clEnqueueWriteBuffer(wait list with NULL event)",
        clEnqueueWriteBuffer(q, m, CL_TRUE, 0, 16, a, 1, evs, NULL));
    REP("clEnqueueCopyBuffer(out of bounds)", clEnqueueCopyBuffer(q, m, m2, 0, 8, N * 4, 0, NULL, NULL));
    REP("clEnqueueCopyBuffer(size 0)", clEnqueueCopyBuffer(q, m, m2, 0, 0, 0, 0, NULL, NULL));

    /* HOST_NO_ACCESS buffer read */
    cl_mem na = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_HOST_NO_ACCESS, 64, NULL, &err);
    OK("clCreateBuffer(HOST_NO_ACCESS)", err);
    REP("clEnqueueReadBuffer(HOST_NO_ACCESS buffer)", clEnqueueReadBuffer(q, na, CL_TRUE, 0, 64, b, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(HOST_NO_ACCESS buffer)", clEnqueueWriteBuffer(q, na, CL_TRUE, 0, 64, a, 0, NULL, NULL));
    REP("clReleaseMemObject", clReleaseMemObject(na));

    REP("clReleaseMemObject", clReleaseMemObject(m));
    REP("clReleaseMemObject", clReleaseMemObject(m2));
    free(a);
    free(b);
    free(c);
}

static void rect(void)
{
    printf("== rect transfers\n");
    cl_int err;
    /* device buffer: 32x16x4 bytes, viewed as 3D with row pitch 32, slice pitch 512 */
    enum { BW = 32, BH = 16, BD = 4, BSZ = BW * BH * BD };
    unsigned char out[BSZ], big[64 * 20 * 5];
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, BSZ, NULL, &err);
    OK("clCreateBuffer", err);
    memset(out, 0, sizeof out);
    OK("clEnqueueWriteBuffer(zero)", clEnqueueWriteBuffer(q, m, CL_TRUE, 0, BSZ, out, 0, NULL, NULL));

    /* host region with its own pitches: host row pitch 64, host slice pitch 1280 */
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 13 + 1);
    size_t buf_origin[3] = { 4, 2, 1 };
    size_t host_origin[3] = { 3, 1, 2 };
    size_t region[3] = { 10, 5, 2 };
    OK("clEnqueueWriteBufferRect(blocking)",
       clEnqueueWriteBufferRect(q, m, CL_TRUE, buf_origin, host_origin, region, BW, BW * BH, 64, 64 * 20,
                                big, 0, NULL, NULL));
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, BSZ, out, 0, NULL, NULL));
    /* verify against host computation */
    unsigned char expect[BSZ];
    memset(expect, 0, sizeof expect);
    for (size_t z = 0; z < region[2]; z++)
        for (size_t y = 0; y < region[1]; y++)
            for (size_t x = 0; x < region[0]; x++)
                expect[(buf_origin[2] + z) * BW * BH + (buf_origin[1] + y) * BW + buf_origin[0] + x] =
                    big[(host_origin[2] + z) * 64 * 20 + (host_origin[1] + y) * 64 + host_origin[0] + x];
    printf("  write rect matches host computation=%s\n", YN(memcmp(out, expect, BSZ) == 0));
    print_sum("buffer", out, BSZ);

    /* read rect with zero pitches (tightly packed) */
    unsigned char tight[10 * 5 * 2];
    memset(tight, 0, sizeof tight);
    OK("clEnqueueReadBufferRect(non-blocking, zero pitches)",
       clEnqueueReadBufferRect(q, m, CL_FALSE, buf_origin, (size_t[3]){ 0, 0, 0 }, region, BW, BW * BH, 0, 0,
                               tight, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    int ok = 1;
    for (size_t z = 0; z < 2; z++)
        for (size_t y = 0; y < 5; y++)
            for (size_t x = 0; x < 10; x++)
                ok &= tight[z * 50 + y * 10 + x] ==
                      big[(host_origin[2] + z) * 64 * 20 + (host_origin[1] + y) * 64 + host_origin[0] + x];
    printf("  read rect (packed) correct=%s\n", YN(ok));

    /* copy rect into a second buffer with different pitches */
    cl_mem m2 = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 48 * 10 * 3, NULL, &err);
    OK("clCreateBuffer", err);
    unsigned char z2[48 * 10 * 3];
    memset(z2, 0xEE, sizeof z2);
    OK("clEnqueueWriteBuffer", clEnqueueWriteBuffer(q, m2, CL_TRUE, 0, sizeof z2, z2, 0, NULL, NULL));
    size_t dst_origin[3] = { 5, 3, 0 };
    OK("clEnqueueCopyBufferRect",
       clEnqueueCopyBufferRect(q, m, m2, buf_origin, dst_origin, region, BW, BW * BH, 48, 480, 0, NULL, NULL));
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m2, CL_TRUE, 0, sizeof z2, z2, 0, NULL, NULL));
    ok = 1;
    for (size_t z = 0; z < 2; z++)
        for (size_t y = 0; y < 5; y++)
            for (size_t x = 0; x < 10; x++)
                ok &= z2[(dst_origin[2] + z) * 480 + (dst_origin[1] + y) * 48 + dst_origin[0] + x] ==
                      out[(buf_origin[2] + z) * BW * BH + (buf_origin[1] + y) * BW + buf_origin[0] + x];
    printf("  copy rect correct=%s\n", YN(ok));
    print_sum("dst buffer", z2, sizeof z2);

    printf("== invalid rect transfers\n");
    size_t bigregion[3] = { 40, 5, 1 };
    REP("clEnqueueReadBufferRect(region wider than row pitch)",
        clEnqueueReadBufferRect(q, m, CL_TRUE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 0, 0, 0 }, bigregion, BW,
                                BW * BH, 0, 0, big, 0, NULL, NULL));
    REP("clEnqueueReadBufferRect(region out of bounds)",
        clEnqueueReadBufferRect(q, m, CL_TRUE, (size_t[3]){ 0, 0, 3 }, (size_t[3]){ 0, 0, 0 },
                                (size_t[3]){ 8, 8, 2 }, BW, BW * BH, 0, 0, big, 0, NULL, NULL));
    REP("clEnqueueReadBufferRect(region with zero)",
        clEnqueueReadBufferRect(q, m, CL_TRUE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 0, 0, 0 },
                                (size_t[3]){ 0, 1, 1 }, BW, BW * BH, 0, 0, big, 0, NULL, NULL));
    REP("clEnqueueWriteBufferRect(bad slice pitch)",
        clEnqueueWriteBufferRect(q, m, CL_TRUE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 0, 0, 0 },
                                 (size_t[3]){ 4, 4, 2 }, BW, 40, 0, 0, big, 0, NULL, NULL));
    REP("clEnqueueCopyBufferRect(overlap in same buffer)",
        clEnqueueCopyBufferRect(q, m, m, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 2, 0, 0 },
                                (size_t[3]){ 8, 2, 1 }, BW, BW * BH, BW, BW * BH, 0, NULL, NULL));
    REP("clReleaseMemObject", clReleaseMemObject(m));
    REP("clReleaseMemObject", clReleaseMemObject(m2));
}

static void mapping(void)
{
    printf("== map/unmap\n");
    cl_int err;
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, N * 4, NULL, &err);
    OK("clCreateBuffer(ALLOC_HOST_PTR)", err);
    uint32_t *p = clEnqueueMapBuffer(q, m, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, 0, N * 4, 0, NULL, NULL, &err);
    OK("clEnqueueMapBuffer(blocking, WRITE_INVALIDATE_REGION)", err);
    printf("  mapped pointer %s\n", NN(p));
    for (int i = 0; i < N; i++)
        p[i] = (uint32_t)i * 3u + 1u;
    cl_uint mc = 0;
    REP("clGetMemObjectInfo(CL_MEM_MAP_COUNT)", clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));
    printf("  map count=%u\n", mc);
    cl_event ue;
    OK("clEnqueueUnmapMemObject", clEnqueueUnmapMemObject(q, m, p, 0, NULL, &ue));
    OK("clWaitForEvents", clWaitForEvents(1, &ue));
    cl_command_type ct = 0;
    REP("clGetEventInfo(CL_EVENT_COMMAND_TYPE)", clGetEventInfo(ue, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
    printf("  command type=0x%x\n", ct);
    REP("clReleaseEvent", clReleaseEvent(ue));
    uint32_t *rb = malloc(N * 4);
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, N * 4, rb, 0, NULL, NULL));
    int ok = 1;
    for (int i = 0; i < N; i++)
        ok &= rb[i] == (uint32_t)i * 3u + 1u;
    printf("  write through map visible=%s\n", YN(ok));

    /* non-blocking map of a sub-range for reading */
    cl_event me;
    uint32_t *r = clEnqueueMapBuffer(q, m, CL_FALSE, CL_MAP_READ, 256, 512, 0, NULL, &me, &err);
    OK("clEnqueueMapBuffer(non-blocking, READ, offset 256, 512 bytes)", err);
    OK("clWaitForEvents", clWaitForEvents(1, &me));
    REP("clReleaseEvent", clReleaseEvent(me));
    ok = 1;
    for (int i = 0; i < 128; i++)
        ok &= r[i] == (uint32_t)(i + 64) * 3u + 1u;
    printf("  mapped range correct=%s\n", YN(ok));
    /* second simultaneous map for writing a different region */
    uint32_t *w = clEnqueueMapBuffer(q, m, CL_TRUE, CL_MAP_WRITE, 0, 64, 0, NULL, NULL, &err);
    OK("clEnqueueMapBuffer(blocking, WRITE, 64 bytes)", err);
    REP("clGetMemObjectInfo(CL_MEM_MAP_COUNT)", clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));
    printf("  map count=%u\n", mc);
    for (int i = 0; i < 16; i++)
        w[i] = 0xC0DE0000u + i;
    OK("clEnqueueUnmapMemObject(read map)", clEnqueueUnmapMemObject(q, m, r, 0, NULL, NULL));
    OK("clEnqueueUnmapMemObject(write map)", clEnqueueUnmapMemObject(q, m, w, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, N * 4, rb, 0, NULL, NULL));
    print_sum("after maps", rb, N * 4);
    /* The count after the unmaps is not printed: PoCL lowers it when it processes an unmap's completion, which can
       come after clFinish returns, so natively it reads 1 or 0 from run to run (the standard calls the value stale). */
    REP("clGetMemObjectInfo(CL_MEM_MAP_COUNT)", clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));

    printf("== map errors\n");
    void *bad = clEnqueueMapBuffer(q, m, CL_TRUE, CL_MAP_READ, N * 4 - 4, 8, 0, NULL, NULL, &err);
    REP("clEnqueueMapBuffer(out of bounds)", err);
    printf("  pointer %s\n", NN(bad));
    bad = clEnqueueMapBuffer(q, m, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE_INVALIDATE_REGION, 0, 8, 0, NULL, NULL, &err);
    if (REP("clEnqueueMapBuffer(READ|WRITE_INVALIDATE_REGION)", err) == CL_SUCCESS) {
        REP("clEnqueueUnmapMemObject", clEnqueueUnmapMemObject(q, m, bad, 0, NULL, NULL));
        REP("clFinish", clFinish(q));
    }
    bad = clEnqueueMapBuffer(q, m, CL_TRUE, CL_MAP_READ, 0, 0, 0, NULL, NULL, &err);
    REP("clEnqueueMapBuffer(size 0)", err);
    REP("clEnqueueUnmapMemObject(pointer not mapped)", clEnqueueUnmapMemObject(q, m, rb, 0, NULL, NULL));
    REP("clEnqueueUnmapMemObject(NULL memobj)", clEnqueueUnmapMemObject(q, NULL, rb, 0, NULL, NULL));
    REP("clReleaseMemObject", clReleaseMemObject(m));

    printf("== USE_HOST_PTR coherence\n");
    uint32_t *hp = malloc(N * 4);
    for (int i = 0; i < N; i++)
        hp[i] = (uint32_t)i;
    cl_mem u = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, N * 4, hp, &err);
    OK("clCreateBuffer(USE_HOST_PTR)", err);
    /* device-side modification via write + copy, then map to make host memory coherent */
    uint32_t repl[32];
    for (int i = 0; i < 32; i++)
        repl[i] = 0xFACE0000u + i;
    OK("clEnqueueWriteBuffer(offset 128)", clEnqueueWriteBuffer(q, u, CL_TRUE, 128, sizeof repl, repl, 0, NULL, NULL));
    uint32_t pat = 0x11111111u;
    OK("clEnqueueFillBuffer(offset 2048, 64 bytes)", clEnqueueFillBuffer(q, u, &pat, 4, 2048, 64, 0, NULL, NULL));
    uint32_t *mp = clEnqueueMapBuffer(q, u, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, N * 4, 0, NULL, NULL, &err);
    OK("clEnqueueMapBuffer(USE_HOST_PTR, READ|WRITE)", err);
    printf("  mapped pointer equals host pointer=%s\n", YN(mp == hp));
    printf("  mapped view: word[32]=%08x word[512]=%08x word[700]=%08x\n", mp[32], mp[512], mp[700]);
    for (int i = 900; i < 910; i++)
        mp[i] = 0xBEEF0000u + i;
    OK("clEnqueueUnmapMemObject", clEnqueueUnmapMemObject(q, u, mp, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    printf("  host memory after unmap: word[32]=%08x word[512]=%08x word[905]=%08x\n", hp[32], hp[512], hp[905]);
    print_sum("host memory", hp, N * 4);
    OK("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(q, u, CL_TRUE, 0, N * 4, rb, 0, NULL, NULL));
    printf("  device view equals host memory=%s\n", YN(memcmp(rb, hp, N * 4) == 0));
    REP("clReleaseMemObject", clReleaseMemObject(u));
    free(hp);
    free(rb);
}

static void subbuffers(void)
{
    printf("== sub-buffers\n");
    cl_int err;
    cl_uint align_bits = 0;
    clGetDeviceInfo(dev, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof align_bits, &align_bits, NULL);
    size_t align = align_bits / 8;
    printf("  base address alignment bytes=%zu\n", align);
    uint32_t *host = malloc(N * 4);
    for (int i = 0; i < N; i++)
        host[i] = (uint32_t)i * 5u;
    cl_mem parent = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, N * 4, host, &err);
    OK("clCreateBuffer(COPY_HOST_PTR)", err);
    cl_buffer_region reg = { align, 256 };
    cl_mem sub = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &reg, &err);
    OK("clCreateSubBuffer(origin=alignment, 256 bytes)", err);
    mem_info(sub, NULL, "sub-buffer");
    cl_mem assoc = NULL;
    clGetMemObjectInfo(sub, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof assoc, &assoc, NULL);
    printf("  associated equals parent=%s\n", YN(assoc == parent));
    uint32_t out[64];
    OK("clEnqueueReadBuffer(sub-buffer)", clEnqueueReadBuffer(q, sub, CL_TRUE, 0, 256, out, 0, NULL, NULL));
    int ok = 1;
    for (int i = 0; i < 64; i++)
        ok &= out[i] == (uint32_t)(i + align / 4) * 5u;
    printf("  sub-buffer contents correct=%s\n", YN(ok));
    uint32_t v = 0x12345678u;
    OK("clEnqueueWriteBuffer(sub-buffer offset 8)", clEnqueueWriteBuffer(q, sub, CL_TRUE, 8, 4, &v, 0, NULL, NULL));
    uint32_t pv = 0;
    OK("clEnqueueReadBuffer(parent)", clEnqueueReadBuffer(q, parent, CL_TRUE, align + 8, 4, &pv, 0, NULL, NULL));
    printf("  write through sub-buffer visible in parent=%s\n", YN(pv == v));
    REP("clEnqueueReadBuffer(sub-buffer out of bounds)",
        clEnqueueReadBuffer(q, sub, CL_TRUE, 200, 100, out, 0, NULL, NULL));

    cl_buffer_region bad1 = { 1, 16 };
    cl_mem b = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &bad1, &err);
    REP("clCreateSubBuffer(misaligned origin)", err);
    cl_buffer_region bad2 = { 0, N * 8 };
    b = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &bad2, &err);
    REP("clCreateSubBuffer(region out of bounds)", err);
    cl_buffer_region bad3 = { 0, 0 };
    b = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &bad3, &err);
    REP("clCreateSubBuffer(size 0)", err);
    b = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, 0x7777, &reg, &err);
    REP("clCreateSubBuffer(bad create type)", err);
    b = clCreateSubBuffer(parent, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, NULL, &err);
    REP("clCreateSubBuffer(NULL region)", err);
    b = clCreateSubBuffer(sub, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &bad3, &err);
    REP("clCreateSubBuffer(of a sub-buffer)", err);
    cl_mem ro = clCreateBuffer(ctx, CL_MEM_READ_ONLY, 1024, NULL, &err);
    OK("clCreateBuffer(READ_ONLY)", err);
    cl_buffer_region r0 = { 0, 64 };
    b = clCreateSubBuffer(ro, CL_MEM_WRITE_ONLY, CL_BUFFER_CREATE_TYPE_REGION, &r0, &err);
    REP("clCreateSubBuffer(WRITE_ONLY from READ_ONLY parent)", err);
    b = clCreateSubBuffer(ro, 0, CL_BUFFER_CREATE_TYPE_REGION, &r0, &err);
    if (REP("clCreateSubBuffer(inherit flags)", err) == CL_SUCCESS) {
        cl_mem_flags fl = 0;
        REP("clGetMemObjectInfo(CL_MEM_FLAGS)", clGetMemObjectInfo(b, CL_MEM_FLAGS, sizeof fl, &fl, NULL));
        printf("  value=0x%llx\n", (unsigned long long)fl);
        REP("clReleaseMemObject", clReleaseMemObject(b));
    }
    REP("clReleaseMemObject(ro)", clReleaseMemObject(ro));

    cl_uint rc = 0;
    REP("clGetMemObjectInfo(parent CL_MEM_REFERENCE_COUNT)",
        clGetMemObjectInfo(parent, CL_MEM_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clRetainMemObject(parent)", clRetainMemObject(parent));
    REP("clGetMemObjectInfo(parent CL_MEM_REFERENCE_COUNT)",
        clGetMemObjectInfo(parent, CL_MEM_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clReleaseMemObject(parent)", clReleaseMemObject(parent));

    printf("== destructor callbacks\n");
    static int tag_sub = 1, tag_parent = 2, tag_parent2 = 3;
    REP("clSetMemObjectDestructorCallback(sub)", clSetMemObjectDestructorCallback(sub, mem_dtor, &tag_sub));
    REP("clSetMemObjectDestructorCallback(parent, first)",
        clSetMemObjectDestructorCallback(parent, mem_dtor, &tag_parent));
    REP("clSetMemObjectDestructorCallback(parent, second)",
        clSetMemObjectDestructorCallback(parent, mem_dtor, &tag_parent2));
    REP("clSetMemObjectDestructorCallback(NULL callback)", clSetMemObjectDestructorCallback(parent, NULL, NULL));
    REP("clSetMemObjectDestructorCallback(NULL memobj)", clSetMemObjectDestructorCallback(NULL, mem_dtor, NULL));
    REP("clReleaseMemObject(sub)", clReleaseMemObject(sub));
    int fired = clt_wait_flag(&dtor_count, 1, 5000);
    printf("  after releasing sub-buffer: fired=%s count=%d first tag=%d\n", YN(fired), dtor_count, dtor_order[0]);
    REP("clReleaseMemObject(parent)", clReleaseMemObject(parent));
    fired = clt_wait_flag(&dtor_count, 3, 5000);
    printf("  after releasing parent: fired=%s count=%d tags=%d,%d,%d\n", YN(fired), dtor_count, dtor_order[0],
           dtor_order[1], dtor_order[2]);
    free(host);
}

/* Transfers larger than a channel's ring (they stream in pieces when remoted):
 * blocking and non-blocking, with and without events, at offsets, into
 * sub-buffers and USE_HOST_PTR buffers, refused ones, and non-blocking ones
 * queued behind a command that waits for a user event set afterwards. */
#define BIG (12u << 20)
static void large(void)
{
    printf("== large transfers\n");
    cl_int err;
    size_t words = BIG / 4;
    uint32_t *a = malloc(BIG), *b = malloc(BIG), *h = malloc(BIG);
    cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, BIG, NULL, &err);
    OK("clCreateBuffer(12 MiB)", err);
    fill_pattern(a, words, 21);
    OK("clEnqueueWriteBuffer(blocking, 12 MiB)", clEnqueueWriteBuffer(q, m, CL_TRUE, 0, BIG, a, 0, NULL, NULL));
    memset(b, 0, BIG);
    OK("clEnqueueReadBuffer(blocking, 12 MiB)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, BIG, b, 0, NULL, NULL));
    printf("  match=%s\n", YN(memcmp(a, b, BIG) == 0));

    fill_pattern(a, words, 22);
    cl_event ev;
    OK("clEnqueueWriteBuffer(blocking, offset 1 MiB, 9 MiB, event)",
       clEnqueueWriteBuffer(q, m, CL_TRUE, 1u << 20, 9u << 20, a, 0, NULL, &ev));
    cl_command_type type = 0;
    cl_int st = -1;
    REP("clGetEventInfo(CL_EVENT_COMMAND_TYPE)", clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
    REP("clGetEventInfo(CL_EVENT_COMMAND_EXECUTION_STATUS)",
        clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
    printf("  type=%04x status=%d\n", (unsigned)type, st);
    REP("clReleaseEvent", clReleaseEvent(ev));
    OK("clEnqueueReadBuffer(blocking, 12 MiB)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, BIG, b, 0, NULL, NULL));
    print_sum("after offset write", b, BIG);

    fill_pattern(a, words, 23);
    OK("clEnqueueWriteBuffer(non-blocking, 12 MiB)", clEnqueueWriteBuffer(q, m, CL_FALSE, 0, BIG, a, 0, NULL, NULL));
    memset(b, 0, BIG);
    OK("clEnqueueReadBuffer(non-blocking, 12 MiB)", clEnqueueReadBuffer(q, m, CL_FALSE, 0, BIG, b, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    printf("  non-blocking match=%s\n", YN(memcmp(a, b, BIG) == 0));

    REP("clEnqueueWriteBuffer(blocking, 12 MiB at offset 4 MiB)",
        clEnqueueWriteBuffer(q, m, CL_TRUE, 4u << 20, BIG, a, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(non-blocking, 12 MiB at offset 4 MiB)",
        clEnqueueWriteBuffer(q, m, CL_FALSE, 4u << 20, BIG, a, 0, NULL, NULL));
    REP("clEnqueueReadBuffer(blocking, 12 MiB at offset 4 MiB)",
        clEnqueueReadBuffer(q, m, CL_TRUE, 4u << 20, BIG, b, 0, NULL, NULL));
    cl_mem ro = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_HOST_READ_ONLY, BIG, NULL, &err);
    OK("clCreateBuffer(HOST_READ_ONLY, 12 MiB)", err);
    REP("clEnqueueWriteBuffer(blocking, HOST_READ_ONLY)", clEnqueueWriteBuffer(q, ro, CL_TRUE, 0, BIG, a, 0, NULL, NULL));
    REP("clEnqueueWriteBuffer(non-blocking, HOST_READ_ONLY)", clEnqueueWriteBuffer(q, ro, CL_FALSE, 0, BIG, a, 0, NULL, NULL));
    cl_event none[1] = { NULL };
    REP("clEnqueueWriteBuffer(blocking, wait list with NULL event)", clEnqueueWriteBuffer(q, m, CL_TRUE, 0, BIG, a, 1, none, NULL));
    REP("clReleaseMemObject", clReleaseMemObject(ro));

    /* a sub-buffer in the middle, and a USE_HOST_PTR buffer seen through a map */
    cl_buffer_region region = { 2u << 20, 8u << 20 };
    cl_mem sub = clCreateSubBuffer(m, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &region, &err);
    OK("clCreateSubBuffer(2 MiB, 8 MiB)", err);
    fill_pattern(a, words, 24);
    OK("clEnqueueWriteBuffer(blocking, sub-buffer 8 MiB)", clEnqueueWriteBuffer(q, sub, CL_TRUE, 0, 8u << 20, a, 0, NULL, NULL));
    OK("clEnqueueReadBuffer(blocking, 12 MiB)", clEnqueueReadBuffer(q, m, CL_TRUE, 0, BIG, b, 0, NULL, NULL));
    print_sum("after sub-buffer write", b, BIG);
    REP("clReleaseMemObject", clReleaseMemObject(sub));

    memset(h, 0, BIG);
    cl_mem u = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, BIG, h, &err);
    OK("clCreateBuffer(USE_HOST_PTR, 12 MiB)", err);
    fill_pattern(a, words, 25);
    OK("clEnqueueWriteBuffer(blocking, USE_HOST_PTR)", clEnqueueWriteBuffer(q, u, CL_TRUE, 0, BIG, a, 0, NULL, NULL));
    void *p = clEnqueueMapBuffer(q, u, CL_TRUE, CL_MAP_READ, 0, BIG, 0, NULL, NULL, &err);
    OK("clEnqueueMapBuffer(USE_HOST_PTR)", err);
    printf("  mapped at host pointer=%s match=%s\n", YN(p == h), YN(p != NULL && memcmp(p, a, BIG) == 0));
    OK("clEnqueueUnmapMemObject", clEnqueueUnmapMemObject(q, u, p, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    REP("clReleaseMemObject", clReleaseMemObject(u));

    /* non-blocking transfers behind a kernel-less marker that waits for a user event set only afterwards */
    cl_event user = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    cl_event gated;
    OK("clEnqueueMarkerWithWaitList(user event)", clEnqueueMarkerWithWaitList(q, 1, &user, &gated));
    fill_pattern(a, words, 26);
    OK("clEnqueueWriteBuffer(non-blocking, behind the user event)", clEnqueueWriteBuffer(q, m, CL_FALSE, 0, BIG, a, 0, NULL, NULL));
    memset(b, 0, BIG);
    OK("clEnqueueReadBuffer(non-blocking, behind the user event)", clEnqueueReadBuffer(q, m, CL_FALSE, 0, BIG, b, 1, &user, NULL));
    OK("clSetUserEventStatus(CL_COMPLETE)", clSetUserEventStatus(user, CL_COMPLETE));
    OK("clFinish", clFinish(q));
    printf("  gated match=%s\n", YN(memcmp(a, b, BIG) == 0));
    REP("clReleaseEvent", clReleaseEvent(gated));
    REP("clReleaseEvent", clReleaseEvent(user));

    REP("clReleaseMemObject", clReleaseMemObject(m));
    free(a);
    free(b);
    free(h);
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

    flag_combinations();
    read_write();
    rect();
    mapping();
    subbuffers();
    large();

    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
