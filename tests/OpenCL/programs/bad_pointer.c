/* Hands the library a pointer no program owns, as a buggy application would: natively the library's access kills
 * the program with SIGSEGV, and remoted the program must die the same way.
 *   bad_pointer               an output pointer near NULL (0x10)
 *   bad_pointer far-output    an output pointer far from NULL, in no mapping
 *   bad_pointer far-input     host memory to copy into a new buffer, far from NULL, in no mapping */
#include "common.h"
#include <stdio.h>
#include <string.h>

/* Far above anything mapped in a user process on x86-64 and AArch64 (48-bit), and canonical. */
#define UNMAPPED ((void *)0x7e0000000000ull)

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "near-output";
    printf("before\n");
    fflush(stdout);
    cl_int status;
    if (strcmp(mode, "far-input") == 0) {
        cl_platform_id platform;
        cl_device_id device;
        clt_first_device(&platform, &device);
        cl_context context = clCreateContext(NULL, 1, &device, NULL, NULL, &status);
        OK("clCreateContext", status);
        clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, 4096, UNMAPPED, &status);
    } else {
        status = clGetPlatformIDs(0, NULL, strcmp(mode, "far-output") == 0 ? (cl_uint *)UNMAPPED : (cl_uint *)0x10);
    }
    printf("returned %d\n", status);
    return 0;
}
