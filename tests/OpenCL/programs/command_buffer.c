/* cl_khr_command_buffer and cl_pocl_content_size, reached through
 * clGetExtensionFunctionAddressForPlatform: entry points, device capabilities,
 * creation with properties and its errors, recording fills, copies, rectangle
 * and image commands and an NDRange with sync points and barriers, recording
 * errors (bad sync points, after finalize), finalize, enqueue several times
 * with wait lists and events, info queries (queues, state, properties,
 * reference count), retain/release, and clSetContentSizeBufferPoCL. */
#include "common.h"
#include <CL/cl_ext.h>

#define N 256

static const char *src =
    "__kernel void add(__global int *a, __global const int *b, int k) {\n"
    "    size_t i = get_global_id(0);\n"
    "    a[i] = a[i] + b[i] + k;\n"
    "}\n";

static const char *cb_err(cl_int e)
{
    switch (e) {
    case CL_INVALID_COMMAND_BUFFER_KHR: return "CL_INVALID_COMMAND_BUFFER_KHR";
    case CL_INVALID_SYNC_POINT_WAIT_LIST_KHR: return "CL_INVALID_SYNC_POINT_WAIT_LIST_KHR";
    case CL_INCOMPATIBLE_COMMAND_QUEUE_KHR: return "CL_INCOMPATIBLE_COMMAND_QUEUE_KHR";
    default: return clt_err(e);
    }
}

static cl_int rep(const char *what, cl_int e)
{
    printf("%s -> %s (%d)\n", what, cb_err(e), (int)e);
    return e;
}

static void ok(const char *what, cl_int e)
{
    if (rep(what, e) != CL_SUCCESS) {
        printf("FATAL: %s failed\n", what);
        fflush(stdout);
        exit(1);
    }
}

static const char *names[] = {
    "clCreateCommandBufferKHR", "clFinalizeCommandBufferKHR", "clRetainCommandBufferKHR",
    "clReleaseCommandBufferKHR", "clEnqueueCommandBufferKHR", "clCommandBarrierWithWaitListKHR",
    "clCommandCopyBufferKHR", "clCommandCopyBufferRectKHR", "clCommandCopyBufferToImageKHR",
    "clCommandCopyImageKHR", "clCommandCopyImageToBufferKHR", "clCommandFillBufferKHR",
    "clCommandFillImageKHR", "clCommandNDRangeKernelKHR", "clGetCommandBufferInfoKHR",
    "clSetContentSizeBufferPoCL", "clUpdateMutableCommandsKHR", "clGetMutableCommandInfoKHR",
};

static clCreateCommandBufferKHR_fn create_cb;
static clFinalizeCommandBufferKHR_fn finalize_cb;
static clRetainCommandBufferKHR_fn retain_cb;
static clReleaseCommandBufferKHR_fn release_cb;
static clEnqueueCommandBufferKHR_fn enqueue_cb;
static clCommandBarrierWithWaitListKHR_fn barrier_cb;
static clCommandCopyBufferKHR_fn copy_cb;
static clCommandCopyBufferRectKHR_fn copy_rect_cb;
static clCommandCopyBufferToImageKHR_fn copy_to_image_cb;
static clCommandCopyImageKHR_fn copy_image_cb;
static clCommandCopyImageToBufferKHR_fn copy_to_buffer_cb;
static clCommandFillBufferKHR_fn fill_cb;
static clCommandFillImageKHR_fn fill_image_cb;
static clCommandNDRangeKernelKHR_fn ndrange_cb;
static clGetCommandBufferInfoKHR_fn info_cb;

static cl_int (CL_API_CALL *set_content_size)(cl_mem, cl_mem);

static void print_info(cl_command_buffer_khr cb, cl_command_queue queue)
{
    cl_uint v = 0;
    size_t sz = 0;
    rep("clGetCommandBufferInfoKHR(NUM_QUEUES)", info_cb(cb, CL_COMMAND_BUFFER_NUM_QUEUES_KHR, sizeof v, &v, &sz));
    printf("  value=%u size=%zu\n", v, sz);
    /* PoCL 3.1 answers the address of its array of queues here: whatever it is, the transcript shows it the same. */
    cl_command_queue q = NULL;
    rep("clGetCommandBufferInfoKHR(QUEUES)", info_cb(cb, CL_COMMAND_BUFFER_QUEUES_KHR, sizeof q, &q, &sz));
    printf("  same as queue=%s size=%zu\n", YN(q == queue), sz);
    rep("clGetCommandBufferInfoKHR(REFERENCE_COUNT)", info_cb(cb, CL_COMMAND_BUFFER_REFERENCE_COUNT_KHR, sizeof v, &v, NULL));
    printf("  value=%u\n", v);
    cl_command_buffer_state_khr state = 99;
    rep("clGetCommandBufferInfoKHR(STATE)", info_cb(cb, CL_COMMAND_BUFFER_STATE_KHR, sizeof state, &state, NULL));
    printf("  value=%u\n", state);
    cl_command_buffer_properties_khr props[8] = { 0 };
    sz = 0;
    rep("clGetCommandBufferInfoKHR(PROPERTIES_ARRAY, size)", info_cb(cb, CL_COMMAND_BUFFER_PROPERTIES_ARRAY_KHR, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    /* Only the status: PoCL 3.1 answers the address of its own copy of the list, not the list. */
    if (sz <= sizeof props)
        rep("clGetCommandBufferInfoKHR(PROPERTIES_ARRAY)", info_cb(cb, CL_COMMAND_BUFFER_PROPERTIES_ARRAY_KHR, sz, props, NULL));
    rep("clGetCommandBufferInfoKHR(short buffer)", info_cb(cb, CL_COMMAND_BUFFER_QUEUES_KHR, 1, &q, NULL));
    rep("clGetCommandBufferInfoKHR(bad param)", info_cb(cb, 0x12FF, sizeof v, &v, NULL));
}

static uint32_t read_sum(cl_command_queue queue, cl_mem mem, size_t bytes)
{
    char *host = calloc(bytes, 1);
    rep("clEnqueueReadBuffer(blocking)", clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, bytes, host, 0, NULL, NULL));
    uint32_t h = clt_fnv(host, bytes);
    free(host);
    return h;
}

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);

    printf("== entry points\n");
    void *fn[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        fn[i] = clGetExtensionFunctionAddressForPlatform(plat, names[i]);
        printf("clGetExtensionFunctionAddressForPlatform(\"%s\") -> %s\n", names[i], NN(fn[i]));
    }
    void *plain = clGetExtensionFunctionAddress("clCreateCommandBufferKHR");
    printf("clGetExtensionFunctionAddress(\"clCreateCommandBufferKHR\") -> %s\n", NN(plain));

    size_t dsz = 0;
    REP("clGetDeviceInfo(CL_DEVICE_EXTENSIONS, size)", clGetDeviceInfo(dev, CL_DEVICE_EXTENSIONS, 0, NULL, &dsz));
    char *dext = calloc(dsz + 1, 1);
    REP("clGetDeviceInfo(CL_DEVICE_EXTENSIONS)", clGetDeviceInfo(dev, CL_DEVICE_EXTENSIONS, dsz, dext, NULL));
    int has = strstr(dext, "cl_khr_command_buffer") != NULL;
    free(dext);
    printf("  cl_khr_command_buffer=%s\n", YN(has));
    for (int i = 0; i < 15; i++)
        has = has && fn[i] != NULL;
    if (!has) {
        printf("DONE\n");
        return 0;
    }

    create_cb = (clCreateCommandBufferKHR_fn)fn[0];
    finalize_cb = (clFinalizeCommandBufferKHR_fn)fn[1];
    retain_cb = (clRetainCommandBufferKHR_fn)fn[2];
    release_cb = (clReleaseCommandBufferKHR_fn)fn[3];
    enqueue_cb = (clEnqueueCommandBufferKHR_fn)fn[4];
    barrier_cb = (clCommandBarrierWithWaitListKHR_fn)fn[5];
    copy_cb = (clCommandCopyBufferKHR_fn)fn[6];
    copy_rect_cb = (clCommandCopyBufferRectKHR_fn)fn[7];
    copy_to_image_cb = (clCommandCopyBufferToImageKHR_fn)fn[8];
    copy_image_cb = (clCommandCopyImageKHR_fn)fn[9];
    copy_to_buffer_cb = (clCommandCopyImageToBufferKHR_fn)fn[10];
    fill_cb = (clCommandFillBufferKHR_fn)fn[11];
    fill_image_cb = (clCommandFillImageKHR_fn)fn[12];
    ndrange_cb = (clCommandNDRangeKernelKHR_fn)fn[13];
    info_cb = (clGetCommandBufferInfoKHR_fn)fn[14];

    printf("== device capabilities\n");
    cl_device_command_buffer_capabilities_khr caps = 0;
    REP("clGetDeviceInfo(CL_DEVICE_COMMAND_BUFFER_CAPABILITIES_KHR)",
        clGetDeviceInfo(dev, CL_DEVICE_COMMAND_BUFFER_CAPABILITIES_KHR, sizeof caps, &caps, NULL));
    printf("  value=0x%llx\n", (unsigned long long)caps);
    cl_command_queue_properties required = 0;
    REP("clGetDeviceInfo(CL_DEVICE_COMMAND_BUFFER_REQUIRED_QUEUE_PROPERTIES_KHR)",
        clGetDeviceInfo(dev, CL_DEVICE_COMMAND_BUFFER_REQUIRED_QUEUE_PROPERTIES_KHR, sizeof required, &required, NULL));
    printf("  value=0x%llx\n", (unsigned long long)required);

    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_queue_properties qprops[] = { CL_QUEUE_PROPERTIES, (cl_queue_properties)required, 0 };
    cl_command_queue queue = clCreateCommandQueueWithProperties(ctx, dev, qprops, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program prog = clt_build(ctx, dev, src, "", "add");
    cl_kernel kernel = clt_kernel(prog, "add");

    cl_mem a = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer(a)", err);
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer(b)", err);
    cl_mem c = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * sizeof(cl_int), NULL, &err);
    OK("clCreateBuffer(c)", err);
    cl_int k = 7;
    OK("clSetKernelArg(0)", clSetKernelArg(kernel, 0, sizeof a, &a));
    OK("clSetKernelArg(1)", clSetKernelArg(kernel, 1, sizeof b, &b));
    OK("clSetKernelArg(2)", clSetKernelArg(kernel, 2, sizeof k, &k));

    printf("== create\n");
    cl_command_buffer_khr none = create_cb(0, NULL, NULL, &err);
    rep("clCreateCommandBufferKHR(no queues)", err);
    printf("  handle=%s\n", NN(none));
    none = create_cb(1, NULL, NULL, &err);
    rep("clCreateCommandBufferKHR(NULL queue list)", err);
    cl_command_buffer_properties_khr bad[] = { 0x12FF, 1, 0 };
    none = create_cb(1, &queue, bad, &err);
    rep("clCreateCommandBufferKHR(bad property)", err);
    none = create_cb(1, &queue, NULL, NULL);
    printf("clCreateCommandBufferKHR(NULL errcode) -> %s\n", NN(none));
    if (none)
        rep("clReleaseCommandBufferKHR", release_cb(none));

    cl_command_buffer_properties_khr props[] = { CL_COMMAND_BUFFER_FLAGS_KHR,
        (caps & CL_COMMAND_BUFFER_CAPABILITY_SIMULTANEOUS_USE_KHR) ? CL_COMMAND_BUFFER_SIMULTANEOUS_USE_KHR : 0, 0 };
    cl_command_buffer_khr cb = create_cb(1, &queue, props, &err);
    ok("clCreateCommandBufferKHR(flags)", err);
    print_info(cb, queue);

    printf("== record\n");
    cl_sync_point_khr s_fill_a = 0, s_fill_b = 0, s_barrier = 0, s_kernel = 0, s_copy = 0, s_bad = 12345;
    cl_int one = 1, two = 2;
    ok("clCommandFillBufferKHR(a)", fill_cb(cb, NULL, a, &one, sizeof one, 0, N * sizeof(cl_int), 0, NULL, &s_fill_a, NULL));
    ok("clCommandFillBufferKHR(b)", fill_cb(cb, NULL, b, &two, sizeof two, 0, N * sizeof(cl_int), 0, NULL, &s_fill_b, NULL));
    cl_sync_point_khr fills[] = { s_fill_a, s_fill_b };
    ok("clCommandBarrierWithWaitListKHR", barrier_cb(cb, NULL, 2, fills, &s_barrier, NULL));
    size_t global = N, local = 16;
    ok("clCommandNDRangeKernelKHR", ndrange_cb(cb, NULL, NULL, kernel, 1, NULL, &global, &local, 1, &s_barrier, &s_kernel, NULL));
    ok("clCommandCopyBufferKHR(a to c)", copy_cb(cb, NULL, a, c, 0, 0, N * sizeof(cl_int), 1, &s_kernel, &s_copy, NULL));
    printf("  sync points distinct=%s\n",
           YN(s_fill_a != s_fill_b && s_fill_b != s_barrier && s_barrier != s_kernel && s_kernel != s_copy));
    printf("  sync points: %u %u %u %u %u\n", s_fill_a, s_fill_b, s_barrier, s_kernel, s_copy);
    ok("clCommandFillBufferKHR(no sync point out)", fill_cb(cb, NULL, b, &two, sizeof two, 0, sizeof(cl_int), 1, &s_copy, NULL, NULL));

    printf("== recording errors\n");
    cl_sync_point_khr invalid = 9999;
    rep("clCommandFillBufferKHR(invalid sync point)", fill_cb(cb, NULL, a, &one, sizeof one, 0, 16, 1, &invalid, &s_bad, NULL));
    rep("clCommandFillBufferKHR(count without list)", fill_cb(cb, NULL, a, &one, sizeof one, 0, 16, 1, NULL, &s_bad, NULL));
    rep("clCommandFillBufferKHR(list without count)", fill_cb(cb, NULL, a, &one, sizeof one, 0, 16, 0, &s_copy, &s_bad, NULL));
    rep("clCommandFillBufferKHR(out of range)", fill_cb(cb, NULL, a, &one, sizeof one, 0, 2 * N * sizeof(cl_int), 0, NULL, &s_bad, NULL));
    rep("clCommandFillBufferKHR(NULL buffer)", fill_cb(cb, NULL, NULL, &one, sizeof one, 0, 16, 0, NULL, &s_bad, NULL));
    rep("clCommandFillBufferKHR(NULL command buffer)", fill_cb(NULL, NULL, a, &one, sizeof one, 0, 16, 0, NULL, &s_bad, NULL));
    rep("clCommandCopyBufferKHR(overlap)", copy_cb(cb, NULL, a, a, 0, 4, 16, 0, NULL, &s_bad, NULL));
    cl_mutable_command_khr mutable_cmd = NULL;
    rep("clCommandBarrierWithWaitListKHR(mutable handle)", barrier_cb(cb, NULL, 0, NULL, &s_bad, &mutable_cmd));
    rep("clEnqueueCommandBufferKHR(not finalized)", enqueue_cb(0, NULL, cb, 0, NULL, NULL));

    printf("== finalize\n");
    ok("clFinalizeCommandBufferKHR", finalize_cb(cb));
    cl_command_buffer_state_khr state = 99;
    rep("clGetCommandBufferInfoKHR(STATE)", info_cb(cb, CL_COMMAND_BUFFER_STATE_KHR, sizeof state, &state, NULL));
    printf("  value=%u\n", state);
    rep("clFinalizeCommandBufferKHR(again)", finalize_cb(cb));
    rep("clCommandFillBufferKHR(after finalize)", fill_cb(cb, NULL, a, &one, sizeof one, 0, 16, 0, NULL, &s_bad, NULL));
    rep("clFinalizeCommandBufferKHR(NULL)", finalize_cb(NULL));

    printf("== enqueue\n");
    /* Whether a recorded kernel runs with the arguments it had when recorded or those it has when enqueued is the
     * library's concern (PoCL 3.1 reads them at enqueue): the transcript shows what it does, the same both ways. */
    cl_int k2 = 1000;
    OK("clSetKernelArg(2, after recording)", clSetKernelArg(kernel, 2, sizeof k2, &k2));
    cl_event ev[4];
    ok("clEnqueueCommandBufferKHR(1)", enqueue_cb(0, NULL, cb, 0, NULL, &ev[0]));
    ok("clEnqueueCommandBufferKHR(2, waits for 1)", enqueue_cb(1, &queue, cb, 1, &ev[0], &ev[1]));
    ok("clEnqueueCommandBufferKHR(3, no event)", enqueue_cb(0, NULL, cb, 1, &ev[1], NULL));
    ok("clEnqueueMarkerWithWaitList", clEnqueueMarkerWithWaitList(queue, 0, NULL, &ev[2]));
    ok("clEnqueueCommandBufferKHR(4, waits for marker)", enqueue_cb(0, NULL, cb, 1, &ev[2], &ev[3]));
    REP("clWaitForEvents(4)", clWaitForEvents(4, ev));
    cl_command_type type = 0;
    REP("clGetEventInfo(COMMAND_TYPE)", clGetEventInfo(ev[0], CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
    printf("  value=0x%x\n", type);
    cl_int status = 99;
    REP("clGetEventInfo(COMMAND_EXECUTION_STATUS)", clGetEventInfo(ev[3], CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof status, &status, NULL));
    printf("  value=%d\n", status);
    cl_command_queue evq = NULL;
    REP("clGetEventInfo(COMMAND_QUEUE)", clGetEventInfo(ev[1], CL_EVENT_COMMAND_QUEUE, sizeof evq, &evq, NULL));
    printf("  same as queue=%s\n", YN(evq == queue));
    for (int i = 0; i < 4; i++)
        REP("clReleaseEvent", clReleaseEvent(ev[i]));
    REP("clFinish", clFinish(queue));
    cl_int host[N];
    REP("clEnqueueReadBuffer(c)", clEnqueueReadBuffer(queue, c, CL_TRUE, 0, sizeof host, host, 0, NULL, NULL));
    int same = 1;
    for (int i = 0; i < N; i++)
        same = same && host[i] == host[0];
    printf("  c[0]=%d all equal=%s\n", host[0], YN(same));
    REP("clEnqueueReadBuffer(b)", clEnqueueReadBuffer(queue, b, CL_TRUE, 0, sizeof host, host, 0, NULL, NULL));
    printf("  b[0]=%d b[1]=%d\n", host[0], host[1]);

    printf("== enqueue errors\n");
    rep("clEnqueueCommandBufferKHR(NULL command buffer)", enqueue_cb(0, NULL, NULL, 0, NULL, NULL));
    rep("clEnqueueCommandBufferKHR(queue count without list)", enqueue_cb(1, NULL, cb, 0, NULL, NULL));
    rep("clEnqueueCommandBufferKHR(wait count without list)", enqueue_cb(0, NULL, cb, 1, NULL, NULL));
    cl_event null_event = NULL;
    rep("clEnqueueCommandBufferKHR(NULL event in wait list)", enqueue_cb(0, NULL, cb, 1, &null_event, NULL));
    REP("clFinish", clFinish(queue));

    printf("== retain and release\n");
    rep("clRetainCommandBufferKHR", retain_cb(cb));
    cl_uint refs = 0;
    rep("clGetCommandBufferInfoKHR(REFERENCE_COUNT)", info_cb(cb, CL_COMMAND_BUFFER_REFERENCE_COUNT_KHR, sizeof refs, &refs, NULL));
    printf("  value=%u\n", refs);
    rep("clReleaseCommandBufferKHR", release_cb(cb));
    rep("clGetCommandBufferInfoKHR(REFERENCE_COUNT)", info_cb(cb, CL_COMMAND_BUFFER_REFERENCE_COUNT_KHR, sizeof refs, &refs, NULL));
    printf("  value=%u\n", refs);
    rep("clRetainCommandBufferKHR(NULL)", retain_cb(NULL));
    rep("clReleaseCommandBufferKHR(NULL)", release_cb(NULL));
    rep("clGetCommandBufferInfoKHR(NULL)", info_cb(NULL, CL_COMMAND_BUFFER_REFERENCE_COUNT_KHR, sizeof refs, &refs, NULL));
    /* The command buffer holds its own references: the application may let go of what it recorded. */
    rep("clReleaseKernel(recorded kernel)", clReleaseKernel(kernel));
    rep("clReleaseMemObject(recorded buffer a)", clReleaseMemObject(a));
    ok("clEnqueueCommandBufferKHR(after releasing its objects)", enqueue_cb(0, NULL, cb, 0, NULL, NULL));
    printf("  c checksum=0x%08x\n", read_sum(queue, c, N * sizeof(cl_int)));
    rep("clReleaseCommandBufferKHR(last)", release_cb(cb));

    printf("== rectangles and images\n");
    cl_command_buffer_khr cb2 = create_cb(1, &queue, NULL, &err);
    ok("clCreateCommandBufferKHR(no properties)", err);
    cl_image_format fmt = { CL_RGBA, CL_UNSIGNED_INT8 };
    cl_image_desc desc = { 0 };
    desc.image_type = CL_MEM_OBJECT_IMAGE2D;
    desc.image_width = 8;
    desc.image_height = 8;
    cl_mem img = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
    OK("clCreateImage(img)", err);
    cl_mem img2 = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
    OK("clCreateImage(img2)", err);
    cl_mem flat = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 8 * 8 * 4, NULL, &err);
    OK("clCreateBuffer(flat)", err);
    cl_mem flat2 = clCreateBuffer(ctx, CL_MEM_READ_WRITE, 8 * 8 * 4, NULL, &err);
    OK("clCreateBuffer(flat2)", err);
    cl_uint color[4] = { 10, 20, 30, 40 };
    size_t origin[3] = { 0, 0, 0 }, full[3] = { 8, 8, 1 }, corner[3] = { 2, 2, 0 }, part[3] = { 4, 4, 1 };
    cl_sync_point_khr s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
    ok("clCommandFillImageKHR", fill_image_cb(cb2, NULL, img, color, origin, full, 0, NULL, &s1, NULL));
    ok("clCommandCopyImageToBufferKHR", copy_to_buffer_cb(cb2, NULL, img, flat, origin, full, 0, 1, &s1, &s2, NULL));
    cl_uchar pattern = 0x5a;
    ok("clCommandFillBufferKHR(flat2)", fill_cb(cb2, NULL, flat2, &pattern, 1, 0, 8 * 8 * 4, 0, NULL, &s3, NULL));
    size_t rect_region[3] = { 16, 4, 1 };
    cl_sync_point_khr rect_waits[] = { s2, s3 };
    ok("clCommandCopyBufferRectKHR", copy_rect_cb(cb2, NULL, flat, flat2, origin, origin, rect_region, 32, 0, 32, 0, 2, rect_waits, &s4, NULL));
    ok("clCommandCopyBufferToImageKHR", copy_to_image_cb(cb2, NULL, flat2, img2, 0, origin, full, 1, &s4, &s5, NULL));
    ok("clCommandCopyImageKHR", copy_image_cb(cb2, NULL, img, img2, origin, corner, part, 1, &s5, &s6, NULL));
    rep("clCommandCopyImageKHR(out of bounds)", copy_image_cb(cb2, NULL, img, img2, origin, corner, full, 0, NULL, NULL, NULL));
    rep("clCommandFillImageKHR(NULL color)", fill_image_cb(cb2, NULL, img, NULL, origin, full, 0, NULL, NULL, NULL));
    ok("clFinalizeCommandBufferKHR", finalize_cb(cb2));
    ok("clEnqueueCommandBufferKHR", enqueue_cb(0, NULL, cb2, 0, NULL, NULL));
    REP("clFinish", clFinish(queue));
    printf("  flat checksum=0x%08x\n", read_sum(queue, flat, 8 * 8 * 4));
    printf("  flat2 checksum=0x%08x\n", read_sum(queue, flat2, 8 * 8 * 4));
    cl_uchar pixels[8 * 8 * 4];
    REP("clEnqueueReadImage(img2)", clEnqueueReadImage(queue, img2, CL_TRUE, origin, full, 0, 0, pixels, 0, NULL, NULL));
    printf("  img2 checksum=0x%08x\n", clt_fnv(pixels, sizeof pixels));
    rep("clReleaseCommandBufferKHR", release_cb(cb2));

    printf("== content size\n");
    set_content_size = (cl_int (CL_API_CALL *)(cl_mem, cl_mem))fn[15];
    if (set_content_size) {
        cl_mem size_buf = clCreateBuffer(ctx, CL_MEM_READ_WRITE, sizeof(cl_ulong), NULL, &err);
        OK("clCreateBuffer(content size)", err);
        rep("clSetContentSizeBufferPoCL", set_content_size(c, size_buf));
        rep("clSetContentSizeBufferPoCL(NULL buffer)", set_content_size(NULL, size_buf));
        REP("clReleaseMemObject(content size)", clReleaseMemObject(size_buf));
    }

    REP("clReleaseMemObject(flat)", clReleaseMemObject(flat));
    REP("clReleaseMemObject(flat2)", clReleaseMemObject(flat2));
    REP("clReleaseMemObject(img)", clReleaseMemObject(img));
    REP("clReleaseMemObject(img2)", clReleaseMemObject(img2));
    REP("clReleaseMemObject(b)", clReleaseMemObject(b));
    REP("clReleaseMemObject(c)", clReleaseMemObject(c));
    REP("clReleaseProgram", clReleaseProgram(prog));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(queue));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
