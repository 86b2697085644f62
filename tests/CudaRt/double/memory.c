/* Device memory through the CUDA runtime, against the CPU test double: copies far larger than one ring record (every
 * kind, async into pinned memory), host callbacks with the application's own user data, and with the argument
 * "quota" 1 MiB allocations until one fails (natively none of 32 does), then a free that gives the memory back.
 * Prints values, never pointer values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cudart_double.h"

#define MIB ((size_t)1 << 20)
#define MAX_BLOCKS 32

static volatile int host_func_value;
static volatile int callback_status = -1;
static cudaStream_t callback_stream;

static void host_func(void *userData) { host_func_value = *(int *)userData; }

static void stream_callback(cudaStream_t stream, cudaError_t status, void *userData)
{
    callback_stream = stream;
    callback_status = status + *(int *)userData;
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static int quota(void)
{
    void *blocks[MAX_BLOCKS];
    int n = 0;
    cudaError_t e = cudaSuccess;
    for (; n < MAX_BLOCKS; n++)
        if ((e = cudaMalloc(&blocks[n], MIB)) != cudaSuccess) break;
    if (n == MAX_BLOCKS) {
        printf("allocated %d MiB, none failed\n", n);
    } else {
        printf("allocated %d MiB, then cudaMalloc = %s, last error %s\n", n, cudaGetErrorName(e), cudaGetErrorName(cudaGetLastError()));
        printf("cudaFree(block 0) = %d\n", cudaFree(blocks[0]));
        printf("cudaMalloc(after the free) = %d\n", cudaMalloc(&blocks[0], MIB));
    }
    for (int i = 0; i < n; i++) cudaFree(blocks[i]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "quota") == 0) return quota();

    const size_t size = 48 * MIB + 12345;
    unsigned char *host = malloc(size), *back = malloc(size), *pinned;
    for (size_t i = 0; i < size; i++) host[i] = (unsigned char)(i * 7 + (i >> 13));
    void *a, *b;
    printf("cudaMalloc a = %d, b = %d\n", cudaMalloc(&a, size), cudaMalloc(&b, size));
    cudaError_t up = cudaMemcpy(a, host, size, cudaMemcpyHostToDevice);
    cudaError_t across = cudaMemcpy(b, a, size, cudaMemcpyDeviceToDevice);
    cudaError_t down = cudaMemcpy(back, b, size, cudaMemcpyDeviceToHost);
    printf("H2D = %d, D2D = %d, D2H = %d\n", up, across, down);
    printf("round trip of %zu bytes: %s\n", size, checksum(host, size) == checksum(back, size) ? "equal" : "DIFFERENT");
    /* An address near the top of the address space and a count that wraps it past zero: an error, not a write. */
    cudaError_t wrapped = cudaMemset((void *)(uintptr_t)-256, 0xff, (size_t)1 << 40);
    printf("memset wrapping the address space = %d, last error %d\n", wrapped, cudaGetLastError());

    cudaStream_t stream;
    cudaError_t created = cudaStreamCreate(&stream);
    cudaError_t allocated = cudaMallocHost((void **)&pinned, size);
    printf("cudaStreamCreate = %d, cudaMallocHost = %d\n", created, allocated);
    memset(pinned, 0, size);
    cudaError_t set = cudaMemsetAsync((char *)b + 4096, 0x5a, 1000, stream);
    cudaError_t copied = cudaMemcpyAsync(pinned, b, size, cudaMemcpyDeviceToHost, stream);
    printf("memset async = %d, copy async = %d\n", set, copied);
    cudaError_t synchronized = cudaStreamSynchronize(stream);
    printf("synchronize = %d: pinned[4095] %s, pinned[4096..5095] %x..%x, pinned[5096] %s, last byte %s\n", synchronized,
        pinned[4095] == host[4095] ? "equal" : "DIFFERENT", pinned[4096], pinned[5095], pinned[5096] == host[5096] ? "equal" : "DIFFERENT",
        pinned[size - 1] == host[size - 1] ? "equal" : "DIFFERENT");

    int seven = 7, forty = 40;
    cudaError_t launched = cudaLaunchHostFunc(stream, host_func, &seven);
    cudaError_t added = cudaStreamAddCallback(stream, stream_callback, &forty, 0);
    printf("cudaLaunchHostFunc = %d, cudaStreamAddCallback = %d\n", launched, added);
    printf("synchronize = %d\n", cudaStreamSynchronize(stream));
    for (int i = 0; i < 2000 && (host_func_value == 0 || callback_status < 0); i++) usleep(1000);
    printf("host function saw %d, callback saw %d on its own stream: %s\n", host_func_value, callback_status, callback_stream == stream ? "yes" : "no");

    cudaError_t freed[4] = { cudaFreeHost(pinned), cudaFree(a), cudaFree(b), cudaStreamDestroy(stream) };
    printf("free = %d %d %d %d\n", freed[0], freed[1], freed[2], freed[3]);
    free(host);
    free(back);
    return 0;
}
