// A default nvcc build (static CUDA runtime, <<<>>> launches): the runtime reaches the driver through
// cuGetProcAddress and cuGetExportTable.
#include <cstdio>

__global__ void add(const float *a, const float *b, float *c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) c[i] = a[i] + b[i];
}

int main()
{
    const int n = 1 << 16;
    cudaError_t e;
    float *ha = new float[n], *hb = new float[n], *hc = new float[n];
    for (int i = 0; i < n; i++) { ha[i] = i; hb[i] = 2 * i; }
    float *da, *db, *dc;
    if ((e = cudaMalloc(&da, n * 4)) != cudaSuccess) { std::printf("runtime_static: cudaMalloc failed: %s\n", cudaGetErrorName(e)); return 1; }
    cudaMalloc(&db, n * 4);
    cudaMalloc(&dc, n * 4);
    cudaMemcpy(da, ha, n * 4, cudaMemcpyHostToDevice);
    cudaMemcpy(db, hb, n * 4, cudaMemcpyHostToDevice);
    add<<<(n + 255) / 256, 256>>>(da, db, dc, n);
    e = cudaDeviceSynchronize();
    cudaMemcpy(hc, dc, n * 4, cudaMemcpyDeviceToHost);
    double sum = 0;
    for (int i = 0; i < n; i++) sum += hc[i];
    std::printf("runtime_static: sync=%s sum=%.0f\n", cudaGetErrorName(e), sum);
    return 0;
}
