// The CUDA runtime path a program built with `nvcc -cudart shared` takes, for the GPU proof of libcudart.so.13:
// module registration by nvcc's host code, <<<>>> launches (CUDA 13: __cudaGetKernel and __cudaLaunchKernel),
// cudaLaunchKernel by address, copies of every kind, a __constant__ variable, streams and events, device queries and
// errors. It prints only what is the same run to run (no timings, no reserved bytes, which the real runtime leaves as
// it found them), so native and remoted transcripts compare.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <cuda_runtime.h>

#define CHECK(call) do { cudaError_t e_ = (call); if (e_ != cudaSuccess) { std::printf("%s failed: %s\n", #call, cudaGetErrorName(e_)); std::exit(1); } } while (0)

__constant__ int k_offset;
__device__ float d_total;

__global__ void vec_add(const float *a, const float *b, float *c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}

__global__ void scale(float *x, float f, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= f;
}

struct Pair { int *values; int n; double weight; };

__global__ void add_const(Pair p, char tag)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < p.n) p.values[i] += k_offset + (tag == 'x' ? 1000 : 0) + (int)p.weight;
}

__global__ void total(const float *x, int n)
{
    float s = 0;
    for (int i = threadIdx.x; i < n; i += blockDim.x) s += x[i];
    atomicAdd(&d_total, s);
}

int main()
{
    int count = 0, runtime = 0;
    CHECK(cudaGetDeviceCount(&count));
    cudaDeviceProp prop, again;
    CHECK(cudaGetDeviceProperties(&prop, 0));
    CHECK(cudaGetDeviceProperties(&again, 0));
    std::printf("devices %d: %s, sm %d.%d, %d SMs, %zu MiB, warp %d, same again %s\n", count, prop.name, prop.major, prop.minor,
        prop.multiProcessorCount, prop.totalGlobalMem >> 20, prop.warpSize, std::memcmp(&prop, &again, offsetof(cudaDeviceProp, reserved)) == 0 ? "yes" : "no");
    std::printf("sizeof(cudaDeviceProp) %zu, reserved at %zu, sizeof(cudaFuncAttributes) %zu\n", sizeof(cudaDeviceProp),
        offsetof(cudaDeviceProp, reserved), sizeof(cudaFuncAttributes));
    CHECK(cudaRuntimeGetVersion(&runtime));
    int sms = 0;
    CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
    std::printf("runtime %d, attribute SMs %d\n", runtime, sms);

    const int n = 1 << 20;
    float *a = new float[n], *b = new float[n], *c = new float[n];
    for (int i = 0; i < n; i++) { a[i] = (float)(i % 1000); b[i] = 2.0f * (float)(i % 1000); }
    float *da, *db, *dc;
    CHECK(cudaMalloc(&da, n * sizeof(float)));
    CHECK(cudaMalloc(&db, n * sizeof(float)));
    CHECK(cudaMalloc(&dc, n * sizeof(float)));
    CHECK(cudaMemcpy(da, a, n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(db, b, n * sizeof(float), cudaMemcpyDefault));
    vec_add<<<(n + 255) / 256, 256>>>(da, db, dc, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    CHECK(cudaMemcpy(c, dc, n * sizeof(float), cudaMemcpyDeviceToHost));
    double sum = 0;
    for (int i = 0; i < n; i++) sum += c[i];
    std::printf("vec_add sum %.1f c[12345] %.1f\n", sum, c[12345]);
    cudaFuncAttributes attributes;
    CHECK(cudaFuncGetAttributes(&attributes, vec_add));
    const char *name = nullptr;
    CHECK(cudaFuncGetName(&name, (const void *)vec_add));
    int blocks = 0;
    CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, vec_add, 256, 0));
    std::printf("kernel %s: max threads %d, occupancy %d blocks\n", name, attributes.maxThreadsPerBlock, blocks);

    // Streams and events: async copies from pinned memory, a launch on the stream, events around it.
    cudaStream_t stream;
    cudaEvent_t start, stop;
    CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&stop));
    float *pinned;
    CHECK(cudaMallocHost(&pinned, n * sizeof(float)));
    CHECK(cudaEventRecord(start, stream));
    CHECK(cudaMemcpyAsync(dc, a, n * sizeof(float), cudaMemcpyHostToDevice, stream));
    scale<<<(n + 255) / 256, 256, 0, stream>>>(dc, 0.5f, n);
    CHECK(cudaMemcpyAsync(pinned, dc, n * sizeof(float), cudaMemcpyDeviceToHost, stream));
    CHECK(cudaEventRecord(stop, stream));
    CHECK(cudaStreamSynchronize(stream));
    float ms = -1;
    CHECK(cudaEventElapsedTime(&ms, start, stop));
    std::printf("stream: scaled[999] %.1f, query %s, elapsed positive %s\n", pinned[999], cudaGetErrorName(cudaStreamQuery(stream)), ms > 0 ? "yes" : "no");

    // A __constant__ variable, a struct parameter and a char after it, a launch by cudaLaunchKernel.
    int seven = 7, back = 0, values[64];
    for (int i = 0; i < 64; i++) values[i] = i;
    int *dv;
    CHECK(cudaMalloc(&dv, sizeof values));
    CHECK(cudaMemcpyToSymbol(k_offset, &seven, sizeof seven));
    CHECK(cudaMemcpyFromSymbol(&back, k_offset, sizeof back));
    CHECK(cudaMemcpy(dv, values, sizeof values, cudaMemcpyHostToDevice));
    Pair p = { dv, 64, 2.0 };
    char tag = 'x';
    void *args[] = { &p, &tag };
    CHECK(cudaLaunchKernel((const void *)add_const, dim3(1), dim3(64), args, 0, nullptr));
    CHECK(cudaMemcpy(values, dv, sizeof values, cudaMemcpyDefault));
    size_t symbolSize = 0;
    CHECK(cudaGetSymbolSize(&symbolSize, k_offset));
    std::printf("constant %d (%zu bytes): values[0] %d values[63] %d\n", back, symbolSize, values[0], values[63]);

    // A __device__ variable written by atomics, read back through its symbol.
    float zero = 0, result = 0;
    CHECK(cudaMemcpyToSymbol(d_total, &zero, sizeof zero));
    total<<<1, 128>>>(dc, 1000);
    CHECK(cudaMemcpyFromSymbol(&result, d_total, sizeof result));
    std::printf("device variable total %.1f\n", result);

    // 2D copies with pitched device memory.
    float *pitched;
    size_t pitch = 0;
    CHECK(cudaMallocPitch(&pitched, &pitch, 5 * sizeof(float), 4));
    float rows[4][8], out[4][8];
    for (int r = 0; r < 4; r++) for (int i = 0; i < 8; i++) rows[r][i] = (float)(r * 10 + i);
    std::memset(out, 0, sizeof out);
    CHECK(cudaMemcpy2D(pitched, pitch, rows, sizeof rows[0], 5 * sizeof(float), 4, cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy2D(out, sizeof out[0], pitched, pitch, 5 * sizeof(float), 4, cudaMemcpyDeviceToHost));
    std::printf("2D: pitch multiple of 4 %s, out[3][4] %.0f out[3][5] %.0f\n", pitch % 4 == 0 ? "yes" : "no", out[3][4], out[3][5]);

    // Errors: a launch the runtime refuses, kept per thread; an invalid copy direction; a feature not remoted.
    vec_add<<<1, 2048>>>(da, db, dc, n);
    cudaError_t peek = cudaPeekAtLastError();
    std::thread other([] { std::printf("other thread: last error %s\n", cudaGetErrorName(cudaPeekAtLastError())); });
    other.join();
    cudaError_t get = cudaGetLastError(), after = cudaGetLastError();
    std::printf("too many threads: peek %s, get %s (%s), then %s\n", cudaGetErrorName(peek), cudaGetErrorName(get), cudaGetErrorString(get), cudaGetErrorName(after));
    cudaError_t bad = cudaMemcpy(c, dc, 16, (cudaMemcpyKind)7);
    std::printf("bad kind: %s, last %s\n", cudaGetErrorName(bad), cudaGetErrorName(cudaGetLastError()));
    cudaPointerAttributes where;
    CHECK(cudaPointerGetAttributes(&where, da));
    std::printf("pointer attributes: type %d, device %d, same pointer %s\n", (int)where.type, where.device, where.devicePointer == da ? "yes" : "no");

    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(stop));
    CHECK(cudaStreamDestroy(stream));
    CHECK(cudaFreeHost(pinned));
    CHECK(cudaFree(da));
    CHECK(cudaFree(db));
    CHECK(cudaFree(dc));
    CHECK(cudaFree(dv));
    CHECK(cudaFree(pitched));
    delete[] a;
    delete[] b;
    delete[] c;
    std::printf("done\n");
    return 0;
}
