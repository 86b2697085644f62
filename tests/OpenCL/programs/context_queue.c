/* Contexts and command queues: clCreateContext, clCreateContextFromType,
 * clGetContextInfo, clRetainContext/clReleaseContext,
 * clSetContextDestructorCallback, clCreateCommandQueue,
 * clCreateCommandQueueWithProperties, clGetCommandQueueInfo,
 * clRetainCommandQueue/clReleaseCommandQueue. */
#include "common.h"

static volatile int notify_calls;
static volatile int destructor_calls;
static int destructor_tag;

static void CL_CALLBACK ctx_notify(const char *errinfo, const void *priv, size_t cb, void *user)
{
    (void)errinfo; (void)priv; (void)cb;
    if (user && *(int *)user == 4242)
        __atomic_add_fetch(&notify_calls, 1, __ATOMIC_SEQ_CST);
}

static void CL_CALLBACK ctx_destructor(cl_context ctx, void *user)
{
    (void)ctx;
    destructor_tag = *(int *)user;
    __atomic_add_fetch(&destructor_calls, 1, __ATOMIC_SEQ_CST);
}

static cl_uint ctx_refcount(cl_context c)
{
    cl_uint rc = 0;
    REP("clGetContextInfo(CL_CONTEXT_REFERENCE_COUNT)",
        clGetContextInfo(c, CL_CONTEXT_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  refcount=%u\n", rc);
    return rc;
}

static cl_uint q_refcount(cl_command_queue q)
{
    cl_uint rc = 0;
    REP("clGetCommandQueueInfo(CL_QUEUE_REFERENCE_COUNT)",
        clGetCommandQueueInfo(q, CL_QUEUE_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  refcount=%u\n", rc);
    return rc;
}

static void context_info(cl_context c, cl_platform_id plat, cl_device_id dev)
{
    cl_uint nd = 0;
    size_t sz = 0;
    REP("clGetContextInfo(CL_CONTEXT_NUM_DEVICES)",
        clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof nd, &nd, &sz));
    printf("  value=%u size=%zu\n", nd, sz);
    REP("clGetContextInfo(CL_CONTEXT_DEVICES, size)",
        clGetContextInfo(c, CL_CONTEXT_DEVICES, 0, NULL, &sz));
    printf("  size=%zu count=%zu\n", sz, sz / sizeof(cl_device_id));
    cl_device_id devs[8] = { 0 };
    REP("clGetContextInfo(CL_CONTEXT_DEVICES)",
        clGetContextInfo(c, CL_CONTEXT_DEVICES, sizeof devs, devs, NULL));
    printf("  first equals device=%s\n", YN(devs[0] == dev));
    ctx_refcount(c);
    REP("clGetContextInfo(CL_CONTEXT_PROPERTIES, size)",
        clGetContextInfo(c, CL_CONTEXT_PROPERTIES, 0, NULL, &sz));
    printf("  size=%zu count=%zu\n", sz, sz / sizeof(cl_context_properties));
    if (sz) {
        cl_context_properties props[16] = { 0 };
        REP("clGetContextInfo(CL_CONTEXT_PROPERTIES)",
            clGetContextInfo(c, CL_CONTEXT_PROPERTIES, sizeof props, props, NULL));
        for (size_t i = 0; i + 1 < sz / sizeof props[0]; i += 2)
            printf("  prop 0x%lx value %s\n", (unsigned long)props[i],
                   props[i] == CL_CONTEXT_PLATFORM
                       ? ((cl_platform_id)props[i + 1] == plat ? "equals platform" : "other platform")
                       : "(other)");
        printf("  terminated=%s\n", YN(props[sz / sizeof props[0] - 1] == 0));
    }
    cl_uint small;
    REP("clGetContextInfo(CL_CONTEXT_DEVICES, too small buffer)",
        clGetContextInfo(c, CL_CONTEXT_DEVICES, 2, devs, NULL));
    REP("clGetContextInfo(invalid param 0x7fff)",
        clGetContextInfo(c, 0x7fff, sizeof small, &small, NULL));
}

static void queue_info(cl_command_queue q, cl_context c, cl_device_id d)
{
    cl_context qc = NULL;
    cl_device_id qd = NULL;
    cl_command_queue_properties p = 0;
    size_t sz = 0;
    REP("clGetCommandQueueInfo(CL_QUEUE_CONTEXT)",
        clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, sizeof qc, &qc, &sz));
    printf("  equals context=%s size=%zu\n", YN(qc == c), sz);
    REP("clGetCommandQueueInfo(CL_QUEUE_DEVICE)",
        clGetCommandQueueInfo(q, CL_QUEUE_DEVICE, sizeof qd, &qd, &sz));
    printf("  equals device=%s size=%zu\n", YN(qd == d), sz);
    q_refcount(q);
    REP("clGetCommandQueueInfo(CL_QUEUE_PROPERTIES)",
        clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES, sizeof p, &p, &sz));
    printf("  value=0x%llx size=%zu\n", (unsigned long long)p, sz);
    sz = 0;
    REP("clGetCommandQueueInfo(CL_QUEUE_PROPERTIES_ARRAY, size)",
        clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES_ARRAY, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    if (sz) {
        cl_queue_properties arr[16] = { 0 };
        REP("clGetCommandQueueInfo(CL_QUEUE_PROPERTIES_ARRAY)",
            clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES_ARRAY, sizeof arr, arr, NULL));
        printf("  values=");
        for (size_t i = 0; i < sz / sizeof arr[0]; i++)
            printf("%s0x%llx", i ? "," : "", (unsigned long long)arr[i]);
        printf("\n");
    }
    cl_uint qsize = 0;
    REP("clGetCommandQueueInfo(CL_QUEUE_SIZE)",
        clGetCommandQueueInfo(q, CL_QUEUE_SIZE, sizeof qsize, &qsize, NULL));
    cl_command_queue dq = (cl_command_queue)1;
    if (REP("clGetCommandQueueInfo(CL_QUEUE_DEVICE_DEFAULT)",
            clGetCommandQueueInfo(q, CL_QUEUE_DEVICE_DEFAULT, sizeof dq, &dq, NULL)) == CL_SUCCESS)
        printf("  is NULL=%s\n", YN(dq == NULL));
    REP("clGetCommandQueueInfo(CL_QUEUE_CONTEXT, too small buffer)",
        clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, 1, &qc, NULL));
    REP("clGetCommandQueueInfo(invalid param 0x7fff)",
        clGetCommandQueueInfo(q, 0x7fff, sizeof p, &p, NULL));
}

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    int user_tag = 4242;

    printf("== clCreateContext\n");
    cl_context_properties props[] = { CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0 };
    cl_context ctx = clCreateContext(props, 1, &dev, ctx_notify, &user_tag, &err);
    OK("clCreateContext(platform property, notify callback)", err);
    context_info(ctx, plat, dev);

    cl_context ctx2 = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext(NULL properties)", err);
    context_info(ctx2, plat, dev);

    printf("== context error cases\n");
    cl_context bad;
    bad = clCreateContext(props, 0, &dev, NULL, NULL, &err);
    REP("clCreateContext(num_devices 0)", err);
    bad = clCreateContext(props, 1, NULL, NULL, NULL, &err);
    REP("clCreateContext(devices NULL)", err);
    bad = clCreateContext(props, 1, &dev, NULL, &user_tag, &err);
    REP("clCreateContext(user_data without callback)", err);
    cl_context_properties badprops[] = { 0x7777, 1, 0 };
    bad = clCreateContext(badprops, 1, &dev, NULL, NULL, &err);
    REP("clCreateContext(unknown property)", err);
    cl_context_properties dupprops[] = { CL_CONTEXT_PLATFORM, (cl_context_properties)plat,
                                         CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0 };
    bad = clCreateContext(dupprops, 1, &dev, NULL, NULL, &err);
    REP("clCreateContext(duplicated property)", err);
    if (err == CL_SUCCESS)
        clReleaseContext(bad);
    cl_device_id nulldev = NULL;
    bad = clCreateContext(NULL, 1, &nulldev, NULL, NULL, &err);
    REP("clCreateContext(NULL device in list)", err);

    printf("== clCreateContextFromType\n");
    static const struct { cl_device_type t; const char *n; } types[] = {
        { CL_DEVICE_TYPE_DEFAULT, "CL_DEVICE_TYPE_DEFAULT" },
        { CL_DEVICE_TYPE_CPU, "CL_DEVICE_TYPE_CPU" },
        { CL_DEVICE_TYPE_GPU, "CL_DEVICE_TYPE_GPU" },
        { CL_DEVICE_TYPE_ACCELERATOR, "CL_DEVICE_TYPE_ACCELERATOR" },
        { CL_DEVICE_TYPE_ALL, "CL_DEVICE_TYPE_ALL" },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char what[128];
        snprintf(what, sizeof what, "clCreateContextFromType(%s)", types[i].n);
        cl_context c = clCreateContextFromType(props, types[i].t, NULL, NULL, &err);
        /* PoCL returns a non-NULL handle together with CL_DEVICE_NOT_FOUND:
         * only use the handle on success. */
        if (REP(what, err) == CL_SUCCESS) {
            printf("  handle %s\n", NN(c));
            cl_uint nd = 0;
            REP("clGetContextInfo(CL_CONTEXT_NUM_DEVICES)",
                clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof nd, &nd, NULL));
            printf("  value=%u\n", nd);
            REP("clReleaseContext", clReleaseContext(c));
        }
    }
    bad = clCreateContextFromType(badprops, CL_DEVICE_TYPE_ALL, NULL, NULL, &err);
    REP("clCreateContextFromType(unknown property)", err);

    printf("== context retain/release\n");
    ctx_refcount(ctx2);
    REP("clRetainContext", clRetainContext(ctx2));
    ctx_refcount(ctx2);
    REP("clReleaseContext", clReleaseContext(ctx2));
    ctx_refcount(ctx2);
    REP("clRetainContext(NULL)", clRetainContext(NULL));
    REP("clReleaseContext(NULL)", clReleaseContext(NULL));
    REP("clGetContextInfo(NULL context)",
        clGetContextInfo(NULL, CL_CONTEXT_NUM_DEVICES, sizeof(cl_uint), &(cl_uint){ 0 }, NULL));

    printf("== command queues\n");
    cl_command_queue q1 = clCreateCommandQueue(ctx, dev, 0, &err);
    OK("clCreateCommandQueue(0)", err);
    queue_info(q1, ctx, dev);
    ctx_refcount(ctx);

    cl_command_queue q2 = clCreateCommandQueue(ctx, dev, CL_QUEUE_PROFILING_ENABLE, &err);
    OK("clCreateCommandQueue(CL_QUEUE_PROFILING_ENABLE)", err);
    queue_info(q2, ctx, dev);

    cl_command_queue q3 = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties(NULL)", err);
    queue_info(q3, ctx, dev);

    cl_queue_properties qp[] = { CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0 };
    cl_command_queue q4 = clCreateCommandQueueWithProperties(ctx, dev, qp, &err);
    OK("clCreateCommandQueueWithProperties(PROFILING)", err);
    queue_info(q4, ctx, dev);

    cl_queue_properties qpo[] = { CL_QUEUE_PROPERTIES,
                                  CL_QUEUE_PROFILING_ENABLE | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0 };
    cl_command_queue q5 = clCreateCommandQueueWithProperties(ctx, dev, qpo, &err);
    if (REP("clCreateCommandQueueWithProperties(PROFILING|OUT_OF_ORDER)", err) == CL_SUCCESS) {
        queue_info(q5, ctx, dev);
        REP("clReleaseCommandQueue", clReleaseCommandQueue(q5));
    }
    ctx_refcount(ctx);

    printf("== queue error cases\n");
    cl_command_queue bq;
    bq = clCreateCommandQueue(NULL, dev, 0, &err);
    REP("clCreateCommandQueue(NULL context)", err);
    bq = clCreateCommandQueue(ctx, NULL, 0, &err);
    REP("clCreateCommandQueue(NULL device)", err);
    bq = clCreateCommandQueue(ctx, dev, 0x1000, &err);
    REP("clCreateCommandQueue(invalid property bits 0x1000)", err);
    cl_queue_properties qbad[] = { 0x7777, 0, 0 };
    bq = clCreateCommandQueueWithProperties(ctx, dev, qbad, &err);
    REP("clCreateCommandQueueWithProperties(unknown key)", err);
    /* CL_QUEUE_ON_DEVICE is not exercised: PoCL 3.1 aborts the process
     * ("Device side queue is unimplemented"). */
    cl_queue_properties qsz[] = { CL_QUEUE_SIZE, 1024, 0 };
    bq = clCreateCommandQueueWithProperties(ctx, dev, qsz, &err);
    REP("clCreateCommandQueueWithProperties(CL_QUEUE_SIZE without ON_DEVICE)", err);
    if (err == CL_SUCCESS)
        clReleaseCommandQueue(bq);
    bq = clCreateCommandQueueWithProperties(NULL, dev, NULL, &err);
    REP("clCreateCommandQueueWithProperties(NULL context)", err);
    REP("clGetCommandQueueInfo(NULL queue)",
        clGetCommandQueueInfo(NULL, CL_QUEUE_REFERENCE_COUNT, sizeof(cl_uint), &(cl_uint){ 0 }, NULL));

    printf("== queue retain/release\n");
    q_refcount(q1);
    REP("clRetainCommandQueue", clRetainCommandQueue(q1));
    q_refcount(q1);
    REP("clRetainCommandQueue", clRetainCommandQueue(q1));
    q_refcount(q1);
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q1));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q1));
    q_refcount(q1);
    REP("clRetainCommandQueue(NULL)", clRetainCommandQueue(NULL));
    REP("clReleaseCommandQueue(NULL)", clReleaseCommandQueue(NULL));
    REP("clFlush(q1)", clFlush(q1));
    REP("clFinish(q1)", clFinish(q1));
    REP("clFlush(NULL)", clFlush(NULL));
    REP("clFinish(NULL)", clFinish(NULL));

    REP("clReleaseCommandQueue(q1)", clReleaseCommandQueue(q1));
    REP("clReleaseCommandQueue(q2)", clReleaseCommandQueue(q2));
    REP("clReleaseCommandQueue(q3)", clReleaseCommandQueue(q3));
    REP("clReleaseCommandQueue(q4)", clReleaseCommandQueue(q4));
    ctx_refcount(ctx);

    printf("== context destructor callback\n");
    int dtag = 777;
    REP("clSetContextDestructorCallback",
        clSetContextDestructorCallback(ctx2, ctx_destructor, &dtag));
    REP("clSetContextDestructorCallback(NULL callback)",
        clSetContextDestructorCallback(ctx2, NULL, &dtag));
    REP("clReleaseContext(ctx2)", clReleaseContext(ctx2));
    int fired = clt_wait_flag(&destructor_calls, 1, 5000);
    printf("  destructor fired=%s calls=%d user_data=%d\n", YN(fired), destructor_calls,
           destructor_tag);

    REP("clReleaseContext(ctx)", clReleaseContext(ctx));
    printf("  notify callback invocations=%d\n", notify_calls);
    printf("DONE\n");
    return 0;
}
