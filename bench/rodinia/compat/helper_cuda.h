/* The two error helpers Rodinia's CUDA programs take from the CUDA samples' helper_cuda.h, which toolkits no longer
 * ship: a failed call prints where and exits, as the samples' version does. */
#ifndef RODINIA_COMPAT_HELPER_CUDA_H
#define RODINIA_COMPAT_HELPER_CUDA_H
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>

static inline void rodinia_check(cudaError_t status, const char *call, const char *file, int line)
{
    if (status != cudaSuccess) {
        fprintf(stderr, "CUDA error at %s:%d code=%d(%s) \"%s\"\n", file, line, (int)status, cudaGetErrorName(status), call);
        exit(EXIT_FAILURE);
    }
}

#define checkCudaErrors(call) rodinia_check((call), #call, __FILE__, __LINE__)
#define getLastCudaError(message) rodinia_check(cudaGetLastError(), (message), __FILE__, __LINE__)
#endif
