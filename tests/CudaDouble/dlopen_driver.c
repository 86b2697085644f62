/* Loads the CUDA driver the way the CUDA runtime and most frameworks do: dlopen by name ("libcuda.so",
 * "libcuda.so.1") or absolute path, given on the command line. For each it prints the file cuInit was found in,
 * cuInit's status and the driver version. Linked against no CUDA library, so only these dlopen calls bring one in. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*init_fn)(unsigned int);
typedef int (*version_fn)(int *);

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBRARY...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        void *library = dlopen(argv[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            printf("%s: dlopen failed\n", argv[i]);
            return 1;
        }
        init_fn init = (init_fn)dlsym(library, "cuInit");
        version_fn version = (version_fn)dlsym(library, "cuDriverGetVersion");
        Dl_info info;
        char file[PATH_MAX];
        if (init == NULL || version == NULL || dladdr((void *)init, &info) == 0 || realpath(info.dli_fname, file) == NULL) {
            printf("%s: cuInit not found\n", argv[i]);
            return 1;
        }
        int status = init(0);
        int driver = 0;
        version(&driver);
        printf("%s -> %s cuInit=%d version=%d\n", argv[i], file, status, driver);
    }
    return 0;
}
