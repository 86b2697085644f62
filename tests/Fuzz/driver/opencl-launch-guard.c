/* The OpenCL fuzz target's launch guard: lets a fuzzed kernel launch reach PoCL only when the harness can prove
 * that the kernel stays inside the memory it is given.
 *
 * On a CPU device a kernel runs in the worker's own address space, as the guest's code on the guest's sizes: a launch
 * sized past its buffers writes the worker's memory, natively the application's (the threat model accepts it: only
 * that guest's worker dies). A fuzz run would find that again and again and nothing else, so the target binds these
 * entry points in place of PoCL's. Each passes the call on, and a launch runs only when:
 *   - its kernel comes from one of the recorded programs below, built from that exact source, whose kernels index
 *     each __global and __constant int pointer by get_global_id(0) alone and each __local one by get_local_id(0);
 *   - every argument was set with a value this guard saw (set after the objects it names were made, and those
 *     objects still live): each pointer a buffer of at least (offset + global size) ints in dimension 0, each
 *     __local argument at least the work-group size of dimension 0 ints (the work-group size given), each image and
 *     sampler one;
 *   - it has at most 2^16 work items (a larger launch is in bounds too, but takes the run's time).
 * Anything else gets CL_INVALID_OPERATION without running. What the worker does before it calls the library (decoding,
 * handle translation, its own checks) sees every fuzzed launch. A kernel command of a command buffer runs later, each
 * time the buffer is enqueued, with the geometry and argument values of its recording (PoCL copies the values and
 * retains their objects), so it is held to the same proof when it is recorded: the guard's lookup of
 * clCommandNDRangeKernelKHR answers a function that records only such commands.
 *
 * Two builds of this file: the in-process opencl target binds the guard_ entry points into its backend's table
 * (LaunchGuard.cs, after ava_fuzz_launch_guard_bind); with AVA_GUARD_LIBRARY it is a library a real `ava worker` loads
 * as its OpenCL library (AVA_REAL_OPENCL, the wire harness and the outside fuzzer): it exports the guarded functions
 * under their own names, binds the real ones when it is loaded, from the OpenCL library it was linked against, and
 * every other function resolves in that library, its dependency. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <CL/cl_ext.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))
#define KERNELS 1024
#define ARGS 8
#define MAX_ITEMS (1u << 16)

/* The recorded programs' kernels (tests/OpenCL/programs), source exactly as each program passes it, and what each
 * argument is: G a __global or __constant int pointer, L a __local int pointer, I an image, S a sampler, V a value. */
static const struct { const char *name, *kinds, *source; } known[] = {
    { "inc", "GV", /* events.c */
      "__kernel void inc(__global int *d, int v) { int i = get_global_id(0); d[i] = d[i] * 3 + v; }\n" },
    { "k", "G", /* errors.c */
      "__kernel void k(__global int *d) { d[get_global_id(0)] = 1; }\n" },
    { "k", "GGLVVSIV", /* kernel_args.c */
      "typedef struct { int a; int b; } pair_t;\n"
      "__kernel void k(__global int *out, __constant int *in, __local int *scratch, long v, pair_t p,\n"
      "                sampler_t smp, __read_only image2d_t im, int n) {\n"
      "    size_t i = get_global_id(0);\n"
      "    scratch[get_local_id(0)] = in[i] + n;\n"
      "    barrier(CLK_LOCAL_MEM_FENCE);\n"
      "    float4 px = read_imagef(im, smp, (int2)(0, 0));\n"
      "    out[i] = scratch[get_local_id(0)] + (int)v + p.a * p.b + (int)(px.x * 255.0f + 0.5f);\n"
      "}\n" },
    { "k", "GSIVV", /* hostile_args.c */
      "typedef struct { int a; int b; } pair_t;\n"
      "__kernel void k(__global int *out, sampler_t smp, __read_only image2d_t im, pair_t p, long v) {\n"
      "    float4 px = read_imagef(im, smp, (int2)(0, 0));\n"
      "    out[get_global_id(0)] = p.a + (int)v + (int)(px.x * 255.0f + 0.5f);\n"
      "}\n" },
};

/* What one kernel's arguments were last set to, as far as this guard saw. */
struct kernel_args {
    cl_kernel kernel;
    unsigned char set[ARGS];
    size_t size[ARGS];
    void *value[ARGS]; /* the object a pointer-sized argument names (NULL for none) */
};

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static struct kernel_args table[KERNELS];

static cl_int (*real_set_arg)(cl_kernel, cl_uint, size_t, const void *);
static cl_int (*real_ndrange)(cl_command_queue, cl_kernel, cl_uint, const size_t *, const size_t *, const size_t *, cl_uint, const cl_event *, cl_event *);
static cl_int (*real_task)(cl_command_queue, cl_kernel, cl_uint, const cl_event *, cl_event *);
static cl_int (*real_release_kernel)(cl_kernel);
static cl_int (*real_release_mem)(cl_mem);
static cl_int (*real_release_sampler)(cl_sampler);
static void *(*real_lookup_platform)(cl_platform_id, const char *);
static void *(*real_lookup)(const char *);
static cl_int (*real_kernel_info)(cl_kernel, cl_kernel_info, size_t, void *, size_t *);
static cl_int (*real_program_info)(cl_program, cl_program_info, size_t, void *, size_t *);
static cl_int (*real_mem_info)(cl_mem, cl_mem_info, size_t, void *, size_t *);
static cl_int (*real_sampler_info)(cl_sampler, cl_sampler_info, size_t, void *, size_t *);
static clCommandNDRangeKernelKHR_fn real_command_ndrange;

static int bind_from(void *library)
{
    if (library == NULL) {
        return -1;
    }
#define BIND(field, name) (*(void **)&field = dlsym(library, name)) == NULL
    if (BIND(real_set_arg, "clSetKernelArg") || BIND(real_ndrange, "clEnqueueNDRangeKernel") || BIND(real_task, "clEnqueueTask")
        || BIND(real_release_kernel, "clReleaseKernel") || BIND(real_release_mem, "clReleaseMemObject")
        || BIND(real_release_sampler, "clReleaseSampler") || BIND(real_lookup_platform, "clGetExtensionFunctionAddressForPlatform")
        || BIND(real_lookup, "clGetExtensionFunctionAddress") || BIND(real_kernel_info, "clGetKernelInfo")
        || BIND(real_program_info, "clGetProgramInfo") || BIND(real_mem_info, "clGetMemObjectInfo")
        || BIND(real_sampler_info, "clGetSamplerInfo")) {
        return -1;
    }
#undef BIND
    return 0;
}

/* Binds the real entry points from the OpenCL library at path (the one the worker itself bound); 0 on success. */
EXPORT int ava_fuzz_launch_guard_bind(const char *path)
{
    return bind_from(dlopen(path, RTLD_NOW | RTLD_LOCAL));
}

static struct kernel_args *entry(cl_kernel kernel, int add)
{
    struct kernel_args *free_slot = NULL;
    for (int i = 0; i < KERNELS; i++) {
        if (table[i].kernel == kernel) {
            return &table[i];
        }
        if (free_slot == NULL && table[i].kernel == NULL) {
            free_slot = &table[i];
        }
    }
    if (add && free_slot != NULL) {
        memset(free_slot, 0, sizeof *free_slot);
        free_slot->kernel = kernel;
    }
    return add ? free_slot : NULL;
}

/* Forgets every argument that names object (it is going away). */
static void forget(void *object)
{
    for (int i = 0; i < KERNELS; i++) {
        for (int a = 0; a < ARGS; a++) {
            if (table[i].kernel != NULL && table[i].value[a] == object) {
                table[i].set[a] = 0;
            }
        }
    }
}

EXPORT cl_int guard_clSetKernelArg(cl_kernel kernel, cl_uint index, size_t size, const void *value)
{
    pthread_mutex_lock(&gate);
    cl_int status = real_set_arg(kernel, index, size, value);
    struct kernel_args *args = status == CL_SUCCESS && index < ARGS ? entry(kernel, 1) : NULL;
    if (args != NULL) {
        args->set[index] = 1;
        args->size[index] = size;
        args->value[index] = value != NULL && size == sizeof(void *) ? *(void *const *)value : NULL;
    }
    pthread_mutex_unlock(&gate);
    return status;
}

static int known_kernel(cl_kernel kernel, const char **kinds)
{
    char name[64], source[1024];
    cl_program program;
    size_t name_size = 0, source_size = 0;
    if (real_kernel_info(kernel, CL_KERNEL_FUNCTION_NAME, sizeof name, name, &name_size) != CL_SUCCESS
        || real_kernel_info(kernel, CL_KERNEL_PROGRAM, sizeof program, &program, NULL) != CL_SUCCESS
        || real_program_info(program, CL_PROGRAM_SOURCE, sizeof source, source, &source_size) != CL_SUCCESS
        || name_size == 0 || source_size == 0) {
        return 0;
    }
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(known[i].name, name) == 0 && strcmp(known[i].source, source) == 0) {
            *kinds = known[i].kinds;
            return 1;
        }
    }
    return 0;
}

/* Whether the launch stays inside what its kernel is given (the caller holds the gate). */
static int provably_inside(cl_kernel kernel, cl_uint dims, const size_t *offset, const size_t *global, const size_t *local)
{
    const char *kinds;
    struct kernel_args *args = entry(kernel, 0);
    if (args == NULL || dims < 1 || dims > 3 || global == NULL || !known_kernel(kernel, &kinds)) {
        return 0;
    }
    size_t items = 1;
    for (cl_uint d = 0; d < dims; d++) {
        if (global[d] == 0 || global[d] > MAX_ITEMS || (offset != NULL && offset[d] > SIZE_MAX - global[d])) {
            return 0;
        }
        items *= global[d];
        if (items > MAX_ITEMS) {
            return 0;
        }
    }
    size_t extent = global[0] + (offset != NULL ? offset[0] : 0);
    for (size_t a = 0; kinds[a] != 0; a++) {
        if (a >= ARGS || !args->set[a]) {
            return 0;
        }
        void *object = args->value[a];
        cl_mem_object_type type = 0;
        size_t bytes = 0;
        cl_uint references = 0;
        switch (kinds[a]) {
        case 'G':
            if (object == NULL || real_mem_info(object, CL_MEM_TYPE, sizeof type, &type, NULL) != CL_SUCCESS || type != CL_MEM_OBJECT_BUFFER
                || real_mem_info(object, CL_MEM_SIZE, sizeof bytes, &bytes, NULL) != CL_SUCCESS || bytes / sizeof(cl_int) < extent) {
                return 0;
            }
            break;
        case 'L':
            if (local == NULL || local[0] == 0 || args->size[a] / sizeof(cl_int) < local[0]) {
                return 0;
            }
            break;
        case 'I':
            if (object == NULL || real_mem_info(object, CL_MEM_TYPE, sizeof type, &type, NULL) != CL_SUCCESS || type != CL_MEM_OBJECT_IMAGE2D) {
                return 0;
            }
            break;
        case 'S':
            if (object == NULL || real_sampler_info(object, CL_SAMPLER_REFERENCE_COUNT, sizeof references, &references, NULL) != CL_SUCCESS) {
                return 0;
            }
            break;
        default:
            break;
        }
    }
    return 1;
}

EXPORT cl_int guard_clEnqueueNDRangeKernel(cl_command_queue queue, cl_kernel kernel, cl_uint dims, const size_t *offset, const size_t *global,
                                           const size_t *local, cl_uint waits, const cl_event *wait_list, cl_event *event)
{
    /* Held across the enqueue, which retains the arguments' objects: no release of another thread comes between. */
    pthread_mutex_lock(&gate);
    cl_int status = provably_inside(kernel, dims, offset, global, local)
        ? real_ndrange(queue, kernel, dims, offset, global, local, waits, wait_list, event)
        : CL_INVALID_OPERATION;
    pthread_mutex_unlock(&gate);
    return status;
}

EXPORT cl_int guard_clEnqueueTask(cl_command_queue queue, cl_kernel kernel, cl_uint waits, const cl_event *wait_list, cl_event *event)
{
    static const size_t one = 1;
    pthread_mutex_lock(&gate);
    cl_int status = provably_inside(kernel, 1, NULL, &one, &one) ? real_task(queue, kernel, waits, wait_list, event) : CL_INVALID_OPERATION;
    pthread_mutex_unlock(&gate);
    return status;
}

EXPORT cl_int guard_clReleaseKernel(cl_kernel kernel)
{
    cl_uint references = 0;
    pthread_mutex_lock(&gate);
    int last = real_kernel_info(kernel, CL_KERNEL_REFERENCE_COUNT, sizeof references, &references, NULL) == CL_SUCCESS && references == 1;
    cl_int status = real_release_kernel(kernel);
    struct kernel_args *args = status == CL_SUCCESS && last ? entry(kernel, 0) : NULL;
    if (args != NULL) {
        args->kernel = NULL;
    }
    pthread_mutex_unlock(&gate);
    return status;
}

EXPORT cl_int guard_clReleaseMemObject(cl_mem mem)
{
    cl_uint references = 0;
    pthread_mutex_lock(&gate);
    if (real_mem_info(mem, CL_MEM_REFERENCE_COUNT, sizeof references, &references, NULL) == CL_SUCCESS && references == 1) {
        forget(mem);
    }
    cl_int status = real_release_mem(mem);
    pthread_mutex_unlock(&gate);
    return status;
}

EXPORT cl_int guard_clReleaseSampler(cl_sampler sampler)
{
    cl_uint references = 0;
    pthread_mutex_lock(&gate);
    if (real_sampler_info(sampler, CL_SAMPLER_REFERENCE_COUNT, sizeof references, &references, NULL) == CL_SUCCESS && references == 1) {
        forget(sampler);
    }
    cl_int status = real_release_sampler(sampler);
    pthread_mutex_unlock(&gate);
    return status;
}

/* A kernel command is recorded only when it provably stays inside its buffers, as a launch runs. */
static cl_int guarded_command_ndrange(cl_command_buffer_khr buffer, cl_command_queue queue, const cl_ndrange_kernel_command_properties_khr *properties,
                                      cl_kernel kernel, cl_uint dims, const size_t *offset, const size_t *global, const size_t *local, cl_uint waits,
                                      const cl_sync_point_khr *wait_list, cl_sync_point_khr *point, cl_mutable_command_khr *handle)
{
    pthread_mutex_lock(&gate);
    cl_int status = real_command_ndrange != NULL && provably_inside(kernel, dims, offset, global, local)
        ? real_command_ndrange(buffer, queue, properties, kernel, dims, offset, global, local, waits, wait_list, point, handle)
        : CL_INVALID_OPERATION;
    pthread_mutex_unlock(&gate);
    return status;
}

/* The guarded command function in place of the real one, once the real one is known (NULL where there is none). */
static void *command_ndrange(void *real)
{
    if (real == NULL) {
        return NULL;
    }
    pthread_mutex_lock(&gate);
    real_command_ndrange = (clCommandNDRangeKernelKHR_fn)real;
    pthread_mutex_unlock(&gate);
    return (void *)guarded_command_ndrange;
}

EXPORT void *guard_clGetExtensionFunctionAddressForPlatform(cl_platform_id platform, const char *name)
{
    return name != NULL && strcmp(name, "clCommandNDRangeKernelKHR") == 0 ? command_ndrange(real_lookup_platform(platform, name))
                                                                            : real_lookup_platform(platform, name);
}

EXPORT void *guard_clGetExtensionFunctionAddress(const char *name)
{
    return name != NULL && strcmp(name, "clCommandNDRangeKernelKHR") == 0 ? command_ndrange(real_lookup(name)) : real_lookup(name);
}

#ifdef AVA_GUARD_LIBRARY
/* Loaded as the worker's OpenCL library: the real functions are those of the library this one was linked against,
 * already loaded as its dependency when this constructor runs. */
__attribute__((constructor)) static void bind_at_load(void)
{
    if (bind_from(dlopen("libOpenCL.so.1", RTLD_NOW | RTLD_NOLOAD)) != 0) {
        abort();
    }
}

EXPORT cl_int clSetKernelArg(cl_kernel kernel, cl_uint index, size_t size, const void *value)
{
    return guard_clSetKernelArg(kernel, index, size, value);
}

EXPORT cl_int clEnqueueNDRangeKernel(cl_command_queue queue, cl_kernel kernel, cl_uint dims, const size_t *offset, const size_t *global,
                                     const size_t *local, cl_uint waits, const cl_event *wait_list, cl_event *event)
{
    return guard_clEnqueueNDRangeKernel(queue, kernel, dims, offset, global, local, waits, wait_list, event);
}

EXPORT cl_int clEnqueueTask(cl_command_queue queue, cl_kernel kernel, cl_uint waits, const cl_event *wait_list, cl_event *event)
{
    return guard_clEnqueueTask(queue, kernel, waits, wait_list, event);
}

EXPORT cl_int clReleaseKernel(cl_kernel kernel)
{
    return guard_clReleaseKernel(kernel);
}

EXPORT cl_int clReleaseMemObject(cl_mem mem)
{
    return guard_clReleaseMemObject(mem);
}

EXPORT cl_int clReleaseSampler(cl_sampler sampler)
{
    return guard_clReleaseSampler(sampler);
}

EXPORT void *clGetExtensionFunctionAddressForPlatform(cl_platform_id platform, const char *name)
{
    return guard_clGetExtensionFunctionAddressForPlatform(platform, name);
}

EXPORT void *clGetExtensionFunctionAddress(const char *name)
{
    return guard_clGetExtensionFunctionAddress(name);
}
#endif
