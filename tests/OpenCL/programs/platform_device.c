/* Platform and device discovery: clGetPlatformIDs, clGetPlatformInfo,
 * clGetDeviceIDs, clGetDeviceInfo, clCreateSubDevices, clRetainDevice,
 * clReleaseDevice. */
#include "common.h"

static void print_platform_string(cl_platform_id p, cl_platform_info param, const char *name)
{
    size_t sz = 0;
    char what[128];
    snprintf(what, sizeof what, "clGetPlatformInfo(%s, size)", name);
    REP(what, clGetPlatformInfo(p, param, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    char *buf = calloc(sz + 1, 1);
    size_t got = 0;
    snprintf(what, sizeof what, "clGetPlatformInfo(%s)", name);
    if (REP(what, clGetPlatformInfo(p, param, sz, buf, &got)) == CL_SUCCESS)
        printf("  value=\"%s\" ret_size=%zu\n", buf, got);
    free(buf);
}

static void platform_info(cl_platform_id p)
{
    print_platform_string(p, CL_PLATFORM_PROFILE, "CL_PLATFORM_PROFILE");
    print_platform_string(p, CL_PLATFORM_VERSION, "CL_PLATFORM_VERSION");
    print_platform_string(p, CL_PLATFORM_NAME, "CL_PLATFORM_NAME");
    print_platform_string(p, CL_PLATFORM_VENDOR, "CL_PLATFORM_VENDOR");
    print_platform_string(p, CL_PLATFORM_EXTENSIONS, "CL_PLATFORM_EXTENSIONS");
    print_platform_string(p, 0x0920 /* CL_PLATFORM_ICD_SUFFIX_KHR */, "CL_PLATFORM_ICD_SUFFIX_KHR");

    cl_ulong res = 0;
    size_t sz = 0;
    REP("clGetPlatformInfo(CL_PLATFORM_HOST_TIMER_RESOLUTION)",
        clGetPlatformInfo(p, CL_PLATFORM_HOST_TIMER_RESOLUTION, sizeof res, &res, &sz));
    printf("  value=%llu size=%zu\n", (unsigned long long)res, sz);

    cl_version ver = 0;
    REP("clGetPlatformInfo(CL_PLATFORM_NUMERIC_VERSION)",
        clGetPlatformInfo(p, CL_PLATFORM_NUMERIC_VERSION, sizeof ver, &ver, &sz));
    printf("  value=%u.%u.%u size=%zu\n", CL_VERSION_MAJOR(ver), CL_VERSION_MINOR(ver),
           CL_VERSION_PATCH(ver), sz);

    sz = 0;
    REP("clGetPlatformInfo(CL_PLATFORM_EXTENSIONS_WITH_VERSION, size)",
        clGetPlatformInfo(p, CL_PLATFORM_EXTENSIONS_WITH_VERSION, 0, NULL, &sz));
    printf("  size=%zu count=%zu\n", sz, sz / sizeof(cl_name_version));
    if (sz) {
        cl_name_version *nv = malloc(sz);
        REP("clGetPlatformInfo(CL_PLATFORM_EXTENSIONS_WITH_VERSION)",
            clGetPlatformInfo(p, CL_PLATFORM_EXTENSIONS_WITH_VERSION, sz, nv, NULL));
        for (size_t i = 0; i < sz / sizeof(cl_name_version); i++)
            printf("  ext[%zu]=%s %u.%u.%u\n", i, nv[i].name, CL_VERSION_MAJOR(nv[i].version),
                   CL_VERSION_MINOR(nv[i].version), CL_VERSION_PATCH(nv[i].version));
        free(nv);
    }

    /* error paths */
    char small[2];
    REP("clGetPlatformInfo(CL_PLATFORM_NAME, too small buffer)",
        clGetPlatformInfo(p, CL_PLATFORM_NAME, sizeof small, small, NULL));
    REP("clGetPlatformInfo(CL_PLATFORM_HOST_TIMER_RESOLUTION, too small buffer)",
        clGetPlatformInfo(p, CL_PLATFORM_HOST_TIMER_RESOLUTION, 4, &res, NULL));
    REP("clGetPlatformInfo(invalid param 0x7fff)",
        clGetPlatformInfo(p, 0x7fff, sizeof small, small, NULL));
    sz = 12345;
    REP("clGetPlatformInfo(invalid param 0x7fff, size only)",
        clGetPlatformInfo(p, 0x7fff, 0, NULL, &sz));
}

enum kind { K_UINT, K_ULONG, K_SIZE, K_BOOL, K_BITS, K_STR, K_SIZES, K_PLAT, K_DEV,
            K_VER, K_NAMEVER, K_PROPS, K_NONZERO_UINT, K_NONZERO_ULONG };

struct dparam { cl_device_info p; const char *name; enum kind k; };

#define P(x, k) { x, #x, k }
static const struct dparam dparams[] = {
    P(CL_DEVICE_TYPE, K_BITS),
    P(CL_DEVICE_VENDOR_ID, K_UINT),
    P(CL_DEVICE_MAX_COMPUTE_UNITS, K_UINT),
    P(CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, K_UINT),
    P(CL_DEVICE_MAX_WORK_ITEM_SIZES, K_SIZES),
    P(CL_DEVICE_MAX_WORK_GROUP_SIZE, K_SIZE),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_CHAR, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_SHORT, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_INT, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_LONG, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE, K_UINT),
    P(CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF, K_UINT),
    P(CL_DEVICE_NATIVE_VECTOR_WIDTH_CHAR, K_UINT),
    P(CL_DEVICE_NATIVE_VECTOR_WIDTH_INT, K_UINT),
    P(CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, K_UINT),
    P(CL_DEVICE_MAX_CLOCK_FREQUENCY, K_NONZERO_UINT),
    P(CL_DEVICE_ADDRESS_BITS, K_UINT),
    P(CL_DEVICE_MAX_READ_IMAGE_ARGS, K_UINT),
    P(CL_DEVICE_MAX_WRITE_IMAGE_ARGS, K_UINT),
    P(CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS, K_UINT),
    P(CL_DEVICE_MAX_MEM_ALLOC_SIZE, K_NONZERO_ULONG),
    P(CL_DEVICE_IMAGE2D_MAX_WIDTH, K_SIZE),
    P(CL_DEVICE_IMAGE2D_MAX_HEIGHT, K_SIZE),
    P(CL_DEVICE_IMAGE3D_MAX_WIDTH, K_SIZE),
    P(CL_DEVICE_IMAGE3D_MAX_HEIGHT, K_SIZE),
    P(CL_DEVICE_IMAGE3D_MAX_DEPTH, K_SIZE),
    P(CL_DEVICE_IMAGE_SUPPORT, K_BOOL),
    P(CL_DEVICE_MAX_PARAMETER_SIZE, K_SIZE),
    P(CL_DEVICE_MAX_SAMPLERS, K_UINT),
    P(CL_DEVICE_MEM_BASE_ADDR_ALIGN, K_UINT),
    P(CL_DEVICE_MIN_DATA_TYPE_ALIGN_SIZE, K_UINT),
    P(CL_DEVICE_SINGLE_FP_CONFIG, K_BITS),
    P(CL_DEVICE_DOUBLE_FP_CONFIG, K_BITS),
    P(CL_DEVICE_GLOBAL_MEM_CACHE_TYPE, K_UINT),
    P(CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE, K_UINT),
    P(CL_DEVICE_GLOBAL_MEM_CACHE_SIZE, K_NONZERO_ULONG),
    P(CL_DEVICE_GLOBAL_MEM_SIZE, K_NONZERO_ULONG),
    P(CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE, K_ULONG),
    P(CL_DEVICE_MAX_CONSTANT_ARGS, K_UINT),
    P(CL_DEVICE_LOCAL_MEM_TYPE, K_UINT),
    P(CL_DEVICE_LOCAL_MEM_SIZE, K_ULONG),
    P(CL_DEVICE_ERROR_CORRECTION_SUPPORT, K_BOOL),
    P(CL_DEVICE_HOST_UNIFIED_MEMORY, K_BOOL),
    P(CL_DEVICE_PROFILING_TIMER_RESOLUTION, K_SIZE),
    P(CL_DEVICE_ENDIAN_LITTLE, K_BOOL),
    P(CL_DEVICE_AVAILABLE, K_BOOL),
    P(CL_DEVICE_COMPILER_AVAILABLE, K_BOOL),
    P(CL_DEVICE_LINKER_AVAILABLE, K_BOOL),
    P(CL_DEVICE_EXECUTION_CAPABILITIES, K_BITS),
    P(CL_DEVICE_QUEUE_ON_HOST_PROPERTIES, K_BITS),
    P(CL_DEVICE_QUEUE_ON_DEVICE_PROPERTIES, K_BITS),
    P(CL_DEVICE_PLATFORM, K_PLAT),
    P(CL_DEVICE_NAME, K_STR),
    P(CL_DEVICE_VENDOR, K_STR),
    P(CL_DRIVER_VERSION, K_STR),
    P(CL_DEVICE_PROFILE, K_STR),
    P(CL_DEVICE_VERSION, K_STR),
    P(CL_DEVICE_OPENCL_C_VERSION, K_STR),
    P(CL_DEVICE_EXTENSIONS, K_STR),
    P(CL_DEVICE_BUILT_IN_KERNELS, K_STR),
    P(CL_DEVICE_IMAGE_MAX_BUFFER_SIZE, K_SIZE),
    P(CL_DEVICE_IMAGE_MAX_ARRAY_SIZE, K_SIZE),
    P(CL_DEVICE_PARENT_DEVICE, K_DEV),
    P(CL_DEVICE_PARTITION_MAX_SUB_DEVICES, K_UINT),
    P(CL_DEVICE_PARTITION_PROPERTIES, K_PROPS),
    P(CL_DEVICE_PARTITION_AFFINITY_DOMAIN, K_BITS),
    P(CL_DEVICE_PARTITION_TYPE, K_PROPS),
    P(CL_DEVICE_REFERENCE_COUNT, K_UINT),
    P(CL_DEVICE_PREFERRED_INTEROP_USER_SYNC, K_BOOL),
    P(CL_DEVICE_PRINTF_BUFFER_SIZE, K_SIZE),
    P(CL_DEVICE_IMAGE_PITCH_ALIGNMENT, K_UINT),
    P(CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT, K_UINT),
    P(CL_DEVICE_MAX_PIPE_ARGS, K_UINT),
    P(CL_DEVICE_PIPE_MAX_ACTIVE_RESERVATIONS, K_UINT),
    P(CL_DEVICE_PIPE_MAX_PACKET_SIZE, K_UINT),
    P(CL_DEVICE_MAX_ON_DEVICE_QUEUES, K_UINT),
    P(CL_DEVICE_MAX_ON_DEVICE_EVENTS, K_UINT),
    P(CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE, K_SIZE),
    P(CL_DEVICE_IL_VERSION, K_STR),
    P(CL_DEVICE_MAX_NUM_SUB_GROUPS, K_UINT),
    P(CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS, K_BOOL),
    P(CL_DEVICE_NUMERIC_VERSION, K_VER),
    P(CL_DEVICE_EXTENSIONS_WITH_VERSION, K_NAMEVER),
    P(CL_DEVICE_ILS_WITH_VERSION, K_NAMEVER),
    P(CL_DEVICE_BUILT_IN_KERNELS_WITH_VERSION, K_NAMEVER),
    P(CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES, K_BITS),
    P(CL_DEVICE_ATOMIC_FENCE_CAPABILITIES, K_BITS),
    P(CL_DEVICE_NON_UNIFORM_WORK_GROUP_SUPPORT, K_BOOL),
    P(CL_DEVICE_OPENCL_C_ALL_VERSIONS, K_NAMEVER),
    P(CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, K_SIZE),
    P(CL_DEVICE_WORK_GROUP_COLLECTIVE_FUNCTIONS_SUPPORT, K_BOOL),
    P(CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT, K_BOOL),
    P(CL_DEVICE_OPENCL_C_FEATURES, K_NAMEVER),
    P(CL_DEVICE_DEVICE_ENQUEUE_CAPABILITIES, K_BITS),
    P(CL_DEVICE_PIPE_SUPPORT, K_BOOL),
    P(CL_DEVICE_LATEST_CONFORMANCE_VERSION_PASSED, K_STR),
};
#undef P

static void device_param(cl_device_id d, cl_platform_id plat, const struct dparam *dp)
{
    char what[160];
    size_t sz = 0;
    snprintf(what, sizeof what, "clGetDeviceInfo(%s, size)", dp->name);
    cl_int e = REP(what, clGetDeviceInfo(d, dp->p, 0, NULL, &sz));
    if (e != CL_SUCCESS)
        return;
    printf("  size=%zu\n", sz);
    unsigned char *buf = calloc(sz + 8, 1);
    size_t got = 0;
    snprintf(what, sizeof what, "clGetDeviceInfo(%s)", dp->name);
    e = REP(what, clGetDeviceInfo(d, dp->p, sz, sz ? buf : NULL, &got));
    if (e != CL_SUCCESS) {
        free(buf);
        return;
    }
    if (got != sz)
        printf("  MISMATCH ret_size=%zu\n", got);
    switch (dp->k) {
    case K_UINT: printf("  value=%u\n", *(cl_uint *)buf); break;
    case K_NONZERO_UINT: printf("  nonzero=%s\n", YN(*(cl_uint *)buf != 0)); break;
    case K_ULONG: printf("  value=%llu\n", (unsigned long long)*(cl_ulong *)buf); break;
    case K_NONZERO_ULONG: printf("  nonzero=%s\n", YN(*(cl_ulong *)buf != 0)); break;
    case K_SIZE: printf("  value=%zu\n", *(size_t *)buf); break;
    case K_BOOL: printf("  value=%s\n", *(cl_bool *)buf ? "CL_TRUE" : "CL_FALSE"); break;
    case K_BITS: printf("  value=0x%llx\n", (unsigned long long)*(cl_ulong *)buf); break;
    case K_STR: printf("  value=\"%s\"\n", (char *)buf); break;
    case K_SIZES:
        printf("  value=");
        for (size_t i = 0; i < sz / sizeof(size_t); i++)
            printf("%s%zu", i ? "x" : "", ((size_t *)buf)[i]);
        printf("\n");
        break;
    case K_PLAT: printf("  equals platform=%s\n", YN(*(cl_platform_id *)buf == plat)); break;
    case K_DEV: printf("  is NULL=%s\n", YN(*(cl_device_id *)buf == NULL)); break;
    case K_VER: {
        cl_version v = *(cl_version *)buf;
        printf("  value=%u.%u.%u\n", CL_VERSION_MAJOR(v), CL_VERSION_MINOR(v), CL_VERSION_PATCH(v));
        break;
    }
    case K_NAMEVER: {
        cl_name_version *nv = (cl_name_version *)buf;
        printf("  count=%zu\n", sz / sizeof *nv);
        for (size_t i = 0; i < sz / sizeof *nv; i++)
            printf("  [%zu] %s %u.%u.%u\n", i, nv[i].name, CL_VERSION_MAJOR(nv[i].version),
                   CL_VERSION_MINOR(nv[i].version), CL_VERSION_PATCH(nv[i].version));
        break;
    }
    case K_PROPS: {
        printf("  count=%zu values=", sz / sizeof(cl_device_partition_property));
        for (size_t i = 0; i < sz / sizeof(cl_device_partition_property); i++)
            printf("%s0x%lx", i ? "," : "", (unsigned long)((cl_device_partition_property *)buf)[i]);
        printf("\n");
        break;
    }
    }
    free(buf);
}

static void device_ids(cl_platform_id p)
{
    static const struct { cl_device_type t; const char *n; } types[] = {
        { CL_DEVICE_TYPE_DEFAULT, "CL_DEVICE_TYPE_DEFAULT" },
        { CL_DEVICE_TYPE_CPU, "CL_DEVICE_TYPE_CPU" },
        { CL_DEVICE_TYPE_GPU, "CL_DEVICE_TYPE_GPU" },
        { CL_DEVICE_TYPE_ACCELERATOR, "CL_DEVICE_TYPE_ACCELERATOR" },
        { CL_DEVICE_TYPE_CUSTOM, "CL_DEVICE_TYPE_CUSTOM" },
        { CL_DEVICE_TYPE_ALL, "CL_DEVICE_TYPE_ALL" },
    };
    char what[128];
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        cl_uint n = 0;
        snprintf(what, sizeof what, "clGetDeviceIDs(%s, count)", types[i].n);
        REP(what, clGetDeviceIDs(p, types[i].t, 0, NULL, &n));
        printf("  num_devices=%u\n", n);
        if (n) {
            cl_device_id *ids = calloc(n, sizeof *ids);
            cl_uint n2 = 0;
            snprintf(what, sizeof what, "clGetDeviceIDs(%s, fetch)", types[i].n);
            REP(what, clGetDeviceIDs(p, types[i].t, n, ids, &n2));
            printf("  fetched=%u all non-NULL=%s\n", n2, YN(ids[0] != NULL && ids[n - 1] != NULL));
            free(ids);
        }
    }
    cl_device_id d;
    cl_uint n = 0;
    REP("clGetDeviceIDs(invalid type 0)", clGetDeviceIDs(p, 0, 1, &d, &n));
    REP("clGetDeviceIDs(num_entries 0, devices non-NULL)",
        clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, &d, &n));
    REP("clGetDeviceIDs(devices NULL, num_devices NULL)",
        clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, NULL, NULL));
}

static cl_uint ref_count(cl_device_id d)
{
    cl_uint rc = 0;
    REP("clGetDeviceInfo(CL_DEVICE_REFERENCE_COUNT)",
        clGetDeviceInfo(d, CL_DEVICE_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    return rc;
}

static void sub_devices(cl_device_id d, cl_platform_id plat)
{
    cl_uint cu = 0;
    clGetDeviceInfo(d, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cu, &cu, NULL);

    cl_device_partition_property eq[] = { CL_DEVICE_PARTITION_EQUALLY, 1, 0 };
    cl_uint n = 0;
    cl_int e = REP("clCreateSubDevices(EQUALLY 1, count)", clCreateSubDevices(d, eq, 0, NULL, &n));
    printf("  num_sub_devices=%u (compute units=%u)\n", n, cu);
    if (e == CL_SUCCESS && n > 0) {
        cl_device_id *subs = calloc(n, sizeof *subs);
        cl_uint n2 = 0;
        e = REP("clCreateSubDevices(EQUALLY 1)", clCreateSubDevices(d, eq, n, subs, &n2));
        printf("  created=%u\n", n2);
        if (e == CL_SUCCESS) {
            for (cl_uint i = 0; i < n2; i++) {
                cl_uint scu = 0;
                cl_device_id parent = NULL;
                cl_device_partition_property pt[8] = { 0 };
                size_t ptsz = 0;
                printf(" sub-device %u\n", i);
                REP("clGetDeviceInfo(CL_DEVICE_MAX_COMPUTE_UNITS)",
                    clGetDeviceInfo(subs[i], CL_DEVICE_MAX_COMPUTE_UNITS, sizeof scu, &scu, NULL));
                printf("  value=%u\n", scu);
                REP("clGetDeviceInfo(CL_DEVICE_PARENT_DEVICE)",
                    clGetDeviceInfo(subs[i], CL_DEVICE_PARENT_DEVICE, sizeof parent, &parent, NULL));
                printf("  parent equals root=%s\n", YN(parent == d));
                REP("clGetDeviceInfo(CL_DEVICE_PARTITION_TYPE)",
                    clGetDeviceInfo(subs[i], CL_DEVICE_PARTITION_TYPE, sizeof pt, pt, &ptsz));
                printf("  count=%zu values=", ptsz / sizeof pt[0]);
                for (size_t j = 0; j < ptsz / sizeof pt[0]; j++)
                    printf("%s0x%lx", j ? "," : "", (unsigned long)pt[j]);
                printf("\n");
                cl_platform_id sp = NULL;
                REP("clGetDeviceInfo(CL_DEVICE_PLATFORM)",
                    clGetDeviceInfo(subs[i], CL_DEVICE_PLATFORM, sizeof sp, &sp, NULL));
                printf("  equals platform=%s\n", YN(sp == plat));
                printf("  refcount=%u\n", ref_count(subs[i]));
                REP("clRetainDevice(sub)", clRetainDevice(subs[i]));
                printf("  refcount after retain=%u\n", ref_count(subs[i]));
                REP("clReleaseDevice(sub)", clReleaseDevice(subs[i]));
                printf("  refcount after release=%u\n", ref_count(subs[i]));
            }
            /* a context and a kernel-free queue on a sub-device */
            cl_context sctx = clCreateContext(NULL, 1, &subs[0], NULL, NULL, &e);
            REP("clCreateContext(sub-device)", e);
            if (e == CL_SUCCESS)
                REP("clReleaseContext(sub-device)", clReleaseContext(sctx));
            for (cl_uint i = 0; i < n2; i++)
                REP("clReleaseDevice(sub)", clReleaseDevice(subs[i]));
        }
        free(subs);
    }

    cl_device_partition_property bycounts[] = { CL_DEVICE_PARTITION_BY_COUNTS, 1, 1,
                                               CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0 };
    cl_device_id sub2[4];
    n = 0;
    e = REP("clCreateSubDevices(BY_COUNTS 1,1)", clCreateSubDevices(d, bycounts, 4, sub2, &n));
    printf("  num_sub_devices=%u\n", e == CL_SUCCESS ? n : 0);
    if (e == CL_SUCCESS)
        for (cl_uint i = 0; i < n; i++)
            REP("clReleaseDevice(sub)", clReleaseDevice(sub2[i]));

    cl_device_partition_property toomany[] = { CL_DEVICE_PARTITION_BY_COUNTS, 1000,
                                              CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0 };
    REP("clCreateSubDevices(BY_COUNTS 1000)", clCreateSubDevices(d, toomany, 4, sub2, &n));

    cl_device_partition_property aff[] = { CL_DEVICE_PARTITION_BY_AFFINITY_DOMAIN,
                                          CL_DEVICE_AFFINITY_DOMAIN_NEXT_PARTITIONABLE, 0 };
    REP("clCreateSubDevices(BY_AFFINITY_DOMAIN)", clCreateSubDevices(d, aff, 4, sub2, &n));

    cl_device_partition_property bogus[] = { 0x7777, 1, 0 };
    REP("clCreateSubDevices(bogus property)", clCreateSubDevices(d, bogus, 4, sub2, &n));
    REP("clCreateSubDevices(NULL properties)", clCreateSubDevices(d, NULL, 4, sub2, &n));
    REP("clCreateSubDevices(NULL device)", clCreateSubDevices(NULL, eq, 4, sub2, &n));
}

int main(void)
{
    cl_uint np = 0;
    REP("clGetPlatformIDs(count)", clGetPlatformIDs(0, NULL, &np));
    printf("  num_platforms=%u nonzero=%s\n", np, YN(np > 0));
    if (np == 0)
        return 1;
    cl_platform_id *plats = calloc(np, sizeof *plats);
    cl_uint np2 = 0;
    REP("clGetPlatformIDs(fetch)", clGetPlatformIDs(np, plats, &np2));
    printf("  fetched=%u\n", np2);
    REP("clGetPlatformIDs(0, NULL, NULL)", clGetPlatformIDs(0, NULL, NULL));
    REP("clGetPlatformIDs(0, non-NULL, NULL)", clGetPlatformIDs(0, plats, NULL));

    for (cl_uint pi = 0; pi < np; pi++) {
        printf("== platform %u\n", pi);
        platform_info(plats[pi]);
        device_ids(plats[pi]);

        cl_uint nd = 0;
        clGetDeviceIDs(plats[pi], CL_DEVICE_TYPE_ALL, 0, NULL, &nd);
        cl_device_id *devs = calloc(nd, sizeof *devs);
        REP("clGetDeviceIDs(CL_DEVICE_TYPE_ALL)",
            clGetDeviceIDs(plats[pi], CL_DEVICE_TYPE_ALL, nd, devs, NULL));
        for (cl_uint di = 0; di < nd; di++) {
            cl_device_id d = devs[di];
            printf("== device %u.%u\n", pi, di);
            for (size_t k = 0; k < sizeof dparams / sizeof dparams[0]; k++)
                device_param(d, plats[pi], &dparams[k]);

            char small[2];
            cl_uint u;
            REP("clGetDeviceInfo(CL_DEVICE_NAME, too small buffer)",
                clGetDeviceInfo(d, CL_DEVICE_NAME, sizeof small, small, NULL));
            REP("clGetDeviceInfo(CL_DEVICE_MAX_COMPUTE_UNITS, too small buffer)",
                clGetDeviceInfo(d, CL_DEVICE_MAX_COMPUTE_UNITS, 2, &u, NULL));
            REP("clGetDeviceInfo(invalid param 0x7fff)",
                clGetDeviceInfo(d, 0x7fff, sizeof u, &u, NULL));
            REP("clGetDeviceInfo(NULL device)",
                clGetDeviceInfo(NULL, CL_DEVICE_NAME, sizeof small, small, NULL));

            /* root devices: retain/release succeed and are no-ops */
            printf("  root refcount=%u\n", ref_count(d));
            REP("clRetainDevice(root)", clRetainDevice(d));
            printf("  root refcount after retain=%u\n", ref_count(d));
            REP("clReleaseDevice(root)", clReleaseDevice(d));
            printf("  root refcount after release=%u\n", ref_count(d));
            REP("clRetainDevice(NULL)", clRetainDevice(NULL));
            REP("clReleaseDevice(NULL)", clReleaseDevice(NULL));

            sub_devices(d, plats[pi]);
        }
        free(devs);
    }
    free(plats);
    printf("DONE\n");
    return 0;
}
