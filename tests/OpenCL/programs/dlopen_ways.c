/* Loads the OpenCL library the way applications that do not link it do (OpenCV's OpenCL runtime, hashcat):
 * dlopen of each name given on the command line, e.g. libOpenCL.so, libOpenCL.so.1 or an absolute path.
 * For each it prints the file clGetPlatformIDs was found in and how many platforms that call reports.
 * Built without -lOpenCL, so nothing but these dlopen calls brings the library in. */
#define _GNU_SOURCE
#include "common.h"
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

typedef cl_int (*get_platform_ids_fn)(cl_uint, cl_platform_id *, cl_uint *);

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBRARY...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        void *library = dlopen(argv[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            printf("%s: dlopen failed: %s\n", argv[i], dlerror());
            return 1;
        }
        get_platform_ids_fn get_platform_ids = (get_platform_ids_fn)dlsym(library, "clGetPlatformIDs");
        Dl_info info;
        char file[PATH_MAX];
        if (get_platform_ids == NULL || dladdr((void *)get_platform_ids, &info) == 0 || realpath(info.dli_fname, file) == NULL) {
            printf("%s: clGetPlatformIDs not found\n", argv[i]);
            return 1;
        }
        cl_uint platforms = 0;
        cl_int status = get_platform_ids(0, NULL, &platforms);
        printf("%s -> %s status=%d platforms=%u\n", argv[i], file, status, platforms);
    }
    return 0;
}
