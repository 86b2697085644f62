/* One process that calls OpenCL and the CUDA driver: the two APIs share no object and are in no common group, so
 * through our drop-ins each keeps a worker of its own. OpenCL is loaded by dlopen, as plugins load it. */
#include <dlfcn.h>
#include <stdio.h>
#include "cuda_double.h"

int main(void)
{
    void *opencl = dlopen("libOpenCL.so.1", RTLD_NOW | RTLD_GLOBAL);
    int (*get_platforms)(unsigned, void **, unsigned *) = opencl ? (int (*)(unsigned, void **, unsigned *))dlsym(opencl, "clGetPlatformIDs") : NULL;
    unsigned platforms = 0;
    int cl = get_platforms ? get_platforms(0, NULL, &platforms) : -1;
    printf("OpenCL: %d, platforms found: %s\n", cl, platforms > 0 ? "yes" : "no");
    int devices = 0;
    CUresult r = cuInit(0);
    if (r == 0) r = cuDeviceGetCount(&devices);
    printf("CUDA: %d, devices %d\n", r, devices);
    return 0;
}
