/* Events: clGetEventInfo, clWaitForEvents, wait lists across queues,
 * clCreateUserEvent, clSetUserEventStatus, clSetEventCallback,
 * clGetEventProfilingInfo, clEnqueueMarkerWithWaitList,
 * clEnqueueBarrierWithWaitList, clEnqueueMarker, clEnqueueBarrier,
 * clFlush, clFinish, clRetainEvent/clReleaseEvent. */
#include "common.h"

#define N 4096

static cl_context ctx;
static cl_device_id dev;

static const char *ksrc =
    "__kernel void inc(__global int *d, int v) { int i = get_global_id(0); d[i] = d[i] * 3 + v; }\n";

#define MAXCB 16
static volatile int cb_count;
static int cb_status[MAXCB];
static int cb_seen[MAXCB];

static void CL_CALLBACK ev_cb(cl_event e, cl_int status, void *user)
{
    (void)e;
    int tag = *(int *)user;
    if (tag >= 0 && tag < MAXCB) {
        cb_status[tag] = status;
        cb_seen[tag]++;
    }
    __atomic_add_fetch(&cb_count, 1, __ATOMIC_SEQ_CST);
}

static const char *status_name(cl_int s)
{
    switch (s) {
    case CL_COMPLETE: return "CL_COMPLETE";
    case CL_RUNNING: return "CL_RUNNING";
    case CL_SUBMITTED: return "CL_SUBMITTED";
    case CL_QUEUED: return "CL_QUEUED";
    default: return s < 0 ? "error" : "unknown";
    }
}

static void event_info(cl_event e, cl_command_queue q)
{
    cl_command_type ct = 0;
    cl_context c = NULL;
    cl_command_queue eq = (cl_command_queue)1;
    cl_uint rc = 0;
    cl_int st = 99;
    REP("clGetEventInfo(CL_EVENT_COMMAND_TYPE)", clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
    printf("  value=0x%x\n", ct);
    REP("clGetEventInfo(CL_EVENT_CONTEXT)", clGetEventInfo(e, CL_EVENT_CONTEXT, sizeof c, &c, NULL));
    printf("  equals context=%s\n", YN(c == ctx));
    REP("clGetEventInfo(CL_EVENT_COMMAND_QUEUE)", clGetEventInfo(e, CL_EVENT_COMMAND_QUEUE, sizeof eq, &eq, NULL));
    printf("  equals queue=%s is NULL=%s\n", YN(eq == q), YN(eq == NULL));
    /* the implementation may hold internal references for a while after
     * completion, so only the lower bound is deterministic */
    REP("clGetEventInfo(CL_EVENT_REFERENCE_COUNT)", clGetEventInfo(e, CL_EVENT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value>=1=%s\n", YN(rc >= 1));
    REP("clGetEventInfo(CL_EVENT_COMMAND_EXECUTION_STATUS)",
        clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
    printf("  value=%s\n", status_name(st));
}

static int exec_status(cl_event e)
{
    cl_int st = 99;
    clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL);
    return st;
}

static void profiling(cl_event e, const char *label)
{
    cl_ulong t[5] = { 0 };
    static const cl_profiling_info p[5] = { CL_PROFILING_COMMAND_QUEUED, CL_PROFILING_COMMAND_SUBMIT,
                                           CL_PROFILING_COMMAND_START, CL_PROFILING_COMMAND_END,
                                           CL_PROFILING_COMMAND_COMPLETE };
    static const char *n[5] = { "QUEUED", "SUBMIT", "START", "END", "COMPLETE" };
    char what[128];
    cl_int errs[5];
    for (int i = 0; i < 5; i++) {
        size_t sz = 0;
        snprintf(what, sizeof what, "clGetEventProfilingInfo(%s, CL_PROFILING_COMMAND_%s)", label, n[i]);
        errs[i] = REP(what, clGetEventProfilingInfo(e, p[i], sizeof t[i], &t[i], &sz));
        if (errs[i] == CL_SUCCESS)
            printf("  size=%zu nonzero=%s\n", sz, YN(t[i] != 0));
    }
    if (errs[0] == CL_SUCCESS && errs[1] == CL_SUCCESS && errs[2] == CL_SUCCESS && errs[3] == CL_SUCCESS)
        printf("  submit>=queued=%s start>=submit=%s end>=start=%s\n", YN(t[1] >= t[0]), YN(t[2] >= t[1]),
               YN(t[3] >= t[2]));
    if (errs[4] == CL_SUCCESS)
        printf("  complete>=end=%s\n", YN(t[4] >= t[3]));
}

int main(void)
{
    cl_platform_id plat;
    cl_int err;
    clt_first_device(&plat, &dev);
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_queue_properties prof[] = { CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0 };
    cl_command_queue q1 = clCreateCommandQueueWithProperties(ctx, dev, prof, &err);
    OK("clCreateCommandQueueWithProperties(profiling)", err);
    cl_command_queue q2 = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_program p = clt_build(ctx, dev, ksrc, "", "inc");
    cl_kernel k = clt_kernel(p, "inc");

    static int host[N], out[N], expect[N];
    for (int i = 0; i < N; i++)
        host[i] = i % 97;
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE, sizeof host, NULL, &err);
    OK("clCreateBuffer", err);

    printf("== events from enqueues\n");
    cl_event ew;
    OK("clEnqueueWriteBuffer(non-blocking)", clEnqueueWriteBuffer(q1, b, CL_FALSE, 0, sizeof host, host, 0, NULL, &ew));
    OK("clWaitForEvents", clWaitForEvents(1, &ew));
    event_info(ew, q1);
    profiling(ew, "write");
    cl_int v = 5;
    OK("clSetKernelArg(0)", clSetKernelArg(k, 0, sizeof b, &b));
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof v, &v));
    size_t g = N;
    cl_event ek;
    OK("clEnqueueNDRangeKernel(wait on write)", clEnqueueNDRangeKernel(q1, k, 1, NULL, &g, NULL, 1, &ew, &ek));
    OK("clFinish(q1)", clFinish(q1));
    event_info(ek, q1);
    profiling(ek, "kernel");
    for (int i = 0; i < N; i++)
        expect[i] = host[i] * 3 + 5;

    printf("== wait lists across two queues\n");
    cl_event er;
    OK("clEnqueueReadBuffer(q2, non-blocking, wait on q1 kernel)",
       clEnqueueReadBuffer(q2, b, CL_FALSE, 0, sizeof out, out, 1, &ek, &er));
    OK("clWaitForEvents(read)", clWaitForEvents(1, &er));
    event_info(er, q2);
    printf("  cross-queue result %s\n", memcmp(out, expect, sizeof out) == 0 ? "PASS" : "FAIL");
    profiling(er, "non-profiling queue");

    printf("== user events\n");
    cl_event u = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    event_info(u, NULL);
    profiling(u, "user event");
    cl_event ek2, er2;
    v = 7;
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof v, &v));
    OK("clEnqueueNDRangeKernel(q1, wait on user event)", clEnqueueNDRangeKernel(q1, k, 1, NULL, &g, NULL, 1, &u, &ek2));
    OK("clEnqueueReadBuffer(q2, wait on kernel)", clEnqueueReadBuffer(q2, b, CL_FALSE, 0, sizeof out, out, 1, &ek2, &er2));
    OK("clFlush(q1)", clFlush(q1));
    OK("clFlush(q2)", clFlush(q2));
    clt_sleep_ms(50);
    printf("  kernel complete before user event set=%s\n", YN(exec_status(ek2) == CL_COMPLETE));
    printf("  read complete before user event set=%s\n", YN(exec_status(er2) == CL_COMPLETE));
    OK("clSetUserEventStatus(CL_COMPLETE)", clSetUserEventStatus(u, CL_COMPLETE));
    OK("clWaitForEvents(read)", clWaitForEvents(1, &er2));
    for (int i = 0; i < N; i++)
        expect[i] = expect[i] * 3 + 7;
    printf("  user event unblocked chain %s\n", memcmp(out, expect, sizeof out) == 0 ? "PASS" : "FAIL");
    printf("  user event status=%s\n", status_name(exec_status(u)));
    REP("clSetUserEventStatus(second time)", clSetUserEventStatus(u, CL_COMPLETE));
    cl_event u2 = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    REP("clSetUserEventStatus(positive status)", clSetUserEventStatus(u2, CL_SUBMITTED));
    REP("clSetUserEventStatus(non-user event)", clSetUserEventStatus(ek2, CL_COMPLETE));
    REP("clSetUserEventStatus(NULL)", clSetUserEventStatus(NULL, CL_COMPLETE));
    cl_event ubad = clCreateUserEvent(NULL, &err);
    REP("clCreateUserEvent(NULL context)", err);
    (void)ubad;
    OK("clSetUserEventStatus(u2, CL_COMPLETE)", clSetUserEventStatus(u2, CL_COMPLETE));

    printf("== event callbacks\n");
    static int tags[MAXCB];
    for (int i = 0; i < MAXCB; i++)
        tags[i] = i;
    cl_event u3 = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    cl_event ek3, em;
    v = 1;
    OK("clSetKernelArg(1)", clSetKernelArg(k, 1, sizeof v, &v));
    OK("clEnqueueNDRangeKernel(wait on user event)", clEnqueueNDRangeKernel(q1, k, 1, NULL, &g, NULL, 1, &u3, &ek3));
    OK("clEnqueueMarkerWithWaitList(q2, kernel)", clEnqueueMarkerWithWaitList(q2, 1, &ek3, &em));
    OK("clSetEventCallback(user event, CL_COMPLETE, tag 0)", clSetEventCallback(u3, CL_COMPLETE, ev_cb, &tags[0]));
    OK("clSetEventCallback(kernel, CL_COMPLETE, tag 1)", clSetEventCallback(ek3, CL_COMPLETE, ev_cb, &tags[1]));
    OK("clSetEventCallback(kernel, CL_SUBMITTED, tag 2)", clSetEventCallback(ek3, CL_SUBMITTED, ev_cb, &tags[2]));
    OK("clSetEventCallback(kernel, CL_RUNNING, tag 3)", clSetEventCallback(ek3, CL_RUNNING, ev_cb, &tags[3]));
    OK("clSetEventCallback(marker, CL_COMPLETE, tag 4)", clSetEventCallback(em, CL_COMPLETE, ev_cb, &tags[4]));
    OK("clSetEventCallback(completed write event, CL_COMPLETE, tag 5)",
       clSetEventCallback(ew, CL_COMPLETE, ev_cb, &tags[5]));
    REP("clSetEventCallback(NULL callback)", clSetEventCallback(ek3, CL_COMPLETE, NULL, NULL));
    REP("clSetEventCallback(bad type CL_QUEUED)", clSetEventCallback(ek3, CL_QUEUED, ev_cb, &tags[6]));
    REP("clSetEventCallback(NULL event)", clSetEventCallback(NULL, CL_COMPLETE, ev_cb, &tags[6]));
    OK("clFlush(q1)", clFlush(q1));
    OK("clSetUserEventStatus(CL_COMPLETE)", clSetUserEventStatus(u3, CL_COMPLETE));
    OK("clWaitForEvents(kernel, marker)", clWaitForEvents(2, (cl_event[]){ ek3, em }));
    int all = clt_wait_flag(&cb_count, 6, 10000);
    printf("  all callbacks fired=%s\n", YN(all));
    for (int i = 0; i < 6; i++)
        printf("  tag %d: calls=%d status=%s\n", i, cb_seen[i], status_name(cb_status[i]));
    event_info(em, q2);

    printf("== failed user event\n");
    cl_event u4 = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    cl_event ek4;
    OK("clEnqueueNDRangeKernel(wait on user event)", clEnqueueNDRangeKernel(q2, k, 1, NULL, &g, NULL, 1, &u4, &ek4));
    OK("clFlush(q2)", clFlush(q2));
    REP("clSetUserEventStatus(-1234)", clSetUserEventStatus(u4, -1234));
    REP("clWaitForEvents(dependent kernel)", clWaitForEvents(1, &ek4));
    printf("  user event status=%d dependent status negative=%s\n", exec_status(u4), YN(exec_status(ek4) < 0));
    REP("clReleaseEvent", clReleaseEvent(u4));
    REP("clReleaseEvent", clReleaseEvent(ek4));
    REP("clFinish(q2)", clFinish(q2));

    printf("== markers and barriers\n");
    cl_event m1, b1, m2;
    OK("clEnqueueMarkerWithWaitList(q1, empty)", clEnqueueMarkerWithWaitList(q1, 0, NULL, &m1));
    OK("clEnqueueBarrierWithWaitList(q2, wait on q1 marker)", clEnqueueBarrierWithWaitList(q2, 1, &m1, &b1));
    OK("clEnqueueMarker(q2)", clEnqueueMarker(q2, &m2));
    OK("clEnqueueBarrier(q1)", clEnqueueBarrier(q1));
    /* clEnqueueWaitForEvents is not exercised: PoCL 3.1 aborts the process
     * ("The entire clEnqueueWaitForEvents call is unimplemented"). */
    REP("clEnqueueMarker(NULL event)", clEnqueueMarker(q1, NULL));
    OK("clFinish(q1)", clFinish(q1));
    OK("clFinish(q2)", clFinish(q2));
    event_info(m1, q1);
    event_info(b1, q2);
    event_info(m2, q2);
    profiling(m1, "marker");

    printf("== wait errors\n");
    REP("clWaitForEvents(0 events)", clWaitForEvents(0, NULL));
    REP("clWaitForEvents(NULL list)", clWaitForEvents(1, NULL));
    cl_event nulle = NULL;
    REP("clWaitForEvents(NULL event)", clWaitForEvents(1, &nulle));
    cl_context ctx2 = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext(second)", err);
    cl_event uo = clCreateUserEvent(ctx2, &err);
    OK("clCreateUserEvent(second context)", err);
    OK("clSetUserEventStatus", clSetUserEventStatus(uo, CL_COMPLETE));
    REP("clWaitForEvents(events from two contexts)", clWaitForEvents(2, (cl_event[]){ ew, uo }));
    REP("clEnqueueMarkerWithWaitList(event from other context)", clEnqueueMarkerWithWaitList(q1, 1, &uo, NULL));
    REP("clGetEventInfo(invalid param)", clGetEventInfo(ew, 0x7fff, sizeof(cl_uint), &(cl_uint){ 0 }, NULL));
    REP("clGetEventInfo(NULL event)", clGetEventInfo(NULL, CL_EVENT_REFERENCE_COUNT, sizeof(cl_uint), &(cl_uint){ 0 }, NULL));

    printf("== retain/release\n");
    cl_uint rc = 0;
    /* a completed user event without dependents has no internal references */
    REP("clGetEventInfo(user event CL_EVENT_REFERENCE_COUNT)", clGetEventInfo(u2, CL_EVENT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clRetainEvent", clRetainEvent(u2));
    REP("clGetEventInfo(user event CL_EVENT_REFERENCE_COUNT)", clGetEventInfo(u2, CL_EVENT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clReleaseEvent", clReleaseEvent(u2));
    REP("clGetEventInfo(user event CL_EVENT_REFERENCE_COUNT)", clGetEventInfo(u2, CL_EVENT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clRetainEvent(NULL)", clRetainEvent(NULL));
    REP("clReleaseEvent(NULL)", clReleaseEvent(NULL));

    /* Non-blocking commands of every transfer kind queued behind a user event return at once, and complete
     * only once the application sets it: none may wait for the queue in the meantime. */
    printf("== non-blocking commands gated by a user event\n");
    cl_event gate = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    cl_image_format fmt = { CL_RGBA, CL_UNSIGNED_INT8 };
    cl_image_desc desc = { .image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 16, .image_height = 8 };
    cl_mem img = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
    OK("clCreateImage", err);
    static unsigned char pixels[16 * 8 * 4], pixels_back[16 * 8 * 4];
    for (size_t i = 0; i < sizeof pixels; i++)
        pixels[i] = (unsigned char)(i * 7);
    memset(out, 0, sizeof out);
    size_t origin[3] = { 0, 0, 0 }, region[3] = { 16, 8, 1 };
    size_t bo[3] = { 0, 0, 0 }, ho[3] = { 0, 0, 0 }, rr[3] = { 64, 4, 1 };
    static int rect_out[64];
    cl_event gev[6];
    OK("clEnqueueWriteBuffer(non-blocking, gated)", clEnqueueWriteBuffer(q2, b, CL_FALSE, 0, sizeof host, host, 1, &gate, &gev[0]));
    OK("clEnqueueReadBuffer(non-blocking, gated)", clEnqueueReadBuffer(q2, b, CL_FALSE, 0, sizeof out, out, 1, &gate, &gev[1]));
    OK("clEnqueueReadBufferRect(non-blocking, gated)",
       clEnqueueReadBufferRect(q2, b, CL_FALSE, bo, ho, rr, 64, 0, 64, 0, rect_out, 1, &gate, NULL));
    OK("clEnqueueWriteImage(non-blocking, gated)", clEnqueueWriteImage(q2, img, CL_FALSE, origin, region, 0, 0, pixels, 1, &gate, &gev[2]));
    OK("clEnqueueReadImage(non-blocking, gated)", clEnqueueReadImage(q2, img, CL_FALSE, origin, region, 0, 0, pixels_back, 1, &gate, &gev[3]));
    int *mapped = clEnqueueMapBuffer(q2, b, CL_FALSE, CL_MAP_READ, 0, sizeof host, 1, &gate, &gev[4], &err);
    OK("clEnqueueMapBuffer(non-blocking, gated)", err);
    size_t img_pitch = 0;
    unsigned char *mapped_img = clEnqueueMapImage(q2, img, CL_FALSE, CL_MAP_READ, origin, region, &img_pitch, NULL, 1, &gate, &gev[5], &err);
    OK("clEnqueueMapImage(non-blocking, gated)", err);
    printf("  read complete before the gate opens=%s\n", YN(exec_status(gev[1]) == CL_COMPLETE));
    OK("clSetUserEventStatus(CL_COMPLETE)", clSetUserEventStatus(gate, CL_COMPLETE));
    OK("clWaitForEvents(6)", clWaitForEvents(6, gev));
    OK("clFinish(q2)", clFinish(q2));
    printf("  buffer read=%s rect read=%s image read=%s\n", YN(memcmp(out, host, sizeof out) == 0),
           YN(memcmp(rect_out, host, sizeof rect_out) == 0), YN(memcmp(pixels_back, pixels, sizeof pixels) == 0));
    printf("  mapped buffer=%s mapped image=%s\n", YN(mapped != NULL && memcmp(mapped, host, sizeof host) == 0),
           YN(mapped_img != NULL && img_pitch == 16 * 4 && memcmp(mapped_img, pixels, sizeof pixels) == 0));
    OK("clEnqueueUnmapMemObject(buffer)", clEnqueueUnmapMemObject(q2, b, mapped, 0, NULL, NULL));
    OK("clEnqueueUnmapMemObject(image)", clEnqueueUnmapMemObject(q2, img, mapped_img, 0, NULL, NULL));
    OK("clFinish(q2)", clFinish(q2));
    for (int i = 0; i < 6; i++)
        REP("clReleaseEvent", clReleaseEvent(gev[i]));
    REP("clReleaseEvent", clReleaseEvent(gate));
    REP("clReleaseMemObject", clReleaseMemObject(img));

    cl_event all_ev[] = { ew, ek, er, u, ek2, er2, u2, u3, ek3, em, m1, b1, m2, uo };
    for (size_t i = 0; i < sizeof all_ev / sizeof all_ev[0]; i++)
        REP("clReleaseEvent", clReleaseEvent(all_ev[i]));
    REP("clReleaseMemObject", clReleaseMemObject(b));
    REP("clReleaseKernel", clReleaseKernel(k));
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q1));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q2));
    REP("clReleaseContext", clReleaseContext(ctx2));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
