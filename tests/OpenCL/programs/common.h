/* Shared utilities for the OpenCL transcript programs.
 * Every program prints a deterministic transcript to stdout: the name of each
 * call, its error code, and values that do not depend on addresses or time. */
#ifndef CLT_COMMON_H
#define CLT_COMMON_H

#define CL_TARGET_OPENCL_VERSION 300
#define CL_USE_DEPRECATED_OPENCL_1_0_APIS
#define CL_USE_DEPRECATED_OPENCL_1_1_APIS
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#define CL_USE_DEPRECATED_OPENCL_2_0_APIS
#include <CL/cl.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline const char *clt_err(cl_int e)
{
    switch (e) {
#define E(x) case x: return #x;
    E(CL_SUCCESS) E(CL_DEVICE_NOT_FOUND) E(CL_DEVICE_NOT_AVAILABLE)
    E(CL_COMPILER_NOT_AVAILABLE) E(CL_MEM_OBJECT_ALLOCATION_FAILURE)
    E(CL_OUT_OF_RESOURCES) E(CL_OUT_OF_HOST_MEMORY)
    E(CL_PROFILING_INFO_NOT_AVAILABLE) E(CL_MEM_COPY_OVERLAP)
    E(CL_IMAGE_FORMAT_MISMATCH) E(CL_IMAGE_FORMAT_NOT_SUPPORTED)
    E(CL_BUILD_PROGRAM_FAILURE) E(CL_MAP_FAILURE)
    E(CL_MISALIGNED_SUB_BUFFER_OFFSET)
    E(CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST)
    E(CL_COMPILE_PROGRAM_FAILURE) E(CL_LINKER_NOT_AVAILABLE)
    E(CL_LINK_PROGRAM_FAILURE) E(CL_DEVICE_PARTITION_FAILED)
    E(CL_KERNEL_ARG_INFO_NOT_AVAILABLE)
    E(CL_INVALID_VALUE) E(CL_INVALID_DEVICE_TYPE) E(CL_INVALID_PLATFORM)
    E(CL_INVALID_DEVICE) E(CL_INVALID_CONTEXT) E(CL_INVALID_QUEUE_PROPERTIES)
    E(CL_INVALID_COMMAND_QUEUE) E(CL_INVALID_HOST_PTR) E(CL_INVALID_MEM_OBJECT)
    E(CL_INVALID_IMAGE_FORMAT_DESCRIPTOR) E(CL_INVALID_IMAGE_SIZE)
    E(CL_INVALID_SAMPLER) E(CL_INVALID_BINARY) E(CL_INVALID_BUILD_OPTIONS)
    E(CL_INVALID_PROGRAM) E(CL_INVALID_PROGRAM_EXECUTABLE)
    E(CL_INVALID_KERNEL_NAME) E(CL_INVALID_KERNEL_DEFINITION)
    E(CL_INVALID_KERNEL) E(CL_INVALID_ARG_INDEX) E(CL_INVALID_ARG_VALUE)
    E(CL_INVALID_ARG_SIZE) E(CL_INVALID_KERNEL_ARGS)
    E(CL_INVALID_WORK_DIMENSION) E(CL_INVALID_WORK_GROUP_SIZE)
    E(CL_INVALID_WORK_ITEM_SIZE) E(CL_INVALID_GLOBAL_OFFSET)
    E(CL_INVALID_EVENT_WAIT_LIST) E(CL_INVALID_EVENT) E(CL_INVALID_OPERATION)
    E(CL_INVALID_GL_OBJECT) E(CL_INVALID_BUFFER_SIZE) E(CL_INVALID_MIP_LEVEL)
    E(CL_INVALID_GLOBAL_WORK_SIZE) E(CL_INVALID_PROPERTY)
    E(CL_INVALID_IMAGE_DESCRIPTOR) E(CL_INVALID_COMPILER_OPTIONS)
    E(CL_INVALID_LINKER_OPTIONS) E(CL_INVALID_DEVICE_PARTITION_COUNT)
    E(CL_INVALID_PIPE_SIZE) E(CL_INVALID_DEVICE_QUEUE)
    E(CL_INVALID_SPEC_ID) E(CL_MAX_SIZE_RESTRICTION_EXCEEDED)
#undef E
    case -1001: return "CL_PLATFORM_NOT_FOUND_KHR";
    default: return "UNKNOWN_ERROR";
    }
}

/* Print "<what> -> <code name> (<code>)" and return the code. */
static inline cl_int clt_rep(const char *what, cl_int e)
{
    printf("%s -> %s (%d)\n", what, clt_err(e), (int)e);
    return e;
}

/* Same, but abort the program if the call did not succeed. */
static inline void clt_ok(const char *what, cl_int e)
{
    clt_rep(what, e);
    if (e != CL_SUCCESS) {
        printf("FATAL: %s failed\n", what);
        fflush(stdout);
        exit(1);
    }
}

#define REP(what, expr) clt_rep((what), (expr))
#define OK(what, expr) clt_ok((what), (expr))
#define YN(c) ((c) ? "yes" : "no")
#define NN(p) ((p) != NULL ? "non-NULL" : "NULL")

/* 32-bit FNV-1a over a byte range. */
static inline uint32_t clt_fnv(const void *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static inline void clt_sleep_ms(int ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* Wait until *flag reaches target, polling for at most timeout_ms. */
static inline int clt_wait_flag(volatile int *flag, int target, int timeout_ms)
{
    for (int t = 0; t < timeout_ms; t += 2) {
        if (__atomic_load_n(flag, __ATOMIC_SEQ_CST) >= target)
            return 1;
        clt_sleep_ms(2);
    }
    return __atomic_load_n(flag, __ATOMIC_SEQ_CST) >= target;
}

/* First platform and its first device of any type. */
static inline void clt_first_device(cl_platform_id *plat, cl_device_id *dev)
{
    cl_uint n = 0;
    OK("clGetPlatformIDs", clGetPlatformIDs(1, plat, &n));
    OK("clGetDeviceIDs(CL_DEVICE_TYPE_ALL)",
       clGetDeviceIDs(*plat, CL_DEVICE_TYPE_ALL, 1, dev, NULL));
}

/* Build a program from a single source string; prints the build result and,
 * on failure, the build log (for diagnosing the test itself). */
static inline cl_program clt_build(cl_context ctx, cl_device_id dev, const char *src,
                            const char *opts, const char *label)
{
    cl_int err;
    char what[256];
    cl_program p = clCreateProgramWithSource(ctx, 1, &src, NULL, &err);
    snprintf(what, sizeof what, "clCreateProgramWithSource(%s)", label);
    OK(what, err);
    snprintf(what, sizeof what, "clBuildProgram(%s)", label);
    err = clBuildProgram(p, 1, &dev, opts, NULL, NULL);
    if (err != CL_SUCCESS) {
        char log[16384];
        clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
        log[sizeof log - 1] = 0;
        printf("build log:\n%s\n", log);
    }
    OK(what, err);
    return p;
}

static inline cl_kernel clt_kernel(cl_program p, const char *name)
{
    cl_int err;
    char what[256];
    cl_kernel k = clCreateKernel(p, name, &err);
    snprintf(what, sizeof what, "clCreateKernel(%s)", name);
    OK(what, err);
    return k;
}

#endif
