/*
 * Writes a graph in the reference library's format (TFRG, TfC/README.md): an image classifier of the shape the
 * image-recognition demo expects. "input" (Placeholder, float [1, H, W, 3]) -> AvgPool of a K x K window -> Reshape to
 * [1, F] -> MatMul by weights [F, N] -> BiasAdd -> Softmax -> "<output>" (Reshape to [1, N]). Weights and biases come
 * from a fixed linear congruential sequence, so every build writes the same bytes.
 * Usage: make_graph FILE HEIGHT WIDTH K CLASSES OUTPUT_NAME
 */
#include <stdlib.h>

#include "tfrg.h"

static uint32_t lcg = 12345;
static float next(void) { lcg = lcg * 1103515245u + 12345u; return ((float)((lcg >> 8) & 0xFFFF) / 65536.0f - 0.5f) * 0.2f; }

int main(int argc, char **argv) {
    if (argc != 7) { fprintf(stderr, "usage: make_graph FILE HEIGHT WIDTH K CLASSES OUTPUT_NAME\n"); return 2; }
    int64_t h = atoll(argv[2]), w = atoll(argv[3]), k = atoll(argv[4]), n = atoll(argv[5]);
    int64_t features = (h / k) * (w / k) * 3;
    f = fopen(argv[1], "wb");
    if (!f) { perror(argv[1]); return 1; }
    fwrite("TFRG", 1, 4, f); u32(1); u32(10);
    node("input", "Placeholder", 0, NULL, 1); attr_int("dtype", 1);
    const char *pool_in[] = { "input" };
    node("pool", "AvgPool", 1, pool_in, 1); attr_int("ksize", k);
    int32_t flat_shape[] = { 1, -1 }; int64_t two[] = { 2 };
    node("flat/shape", "Const", 0, NULL, 1); attr_tensor("value", 3, 1, two, flat_shape, sizeof flat_shape);
    const char *flat_in[] = { "pool", "flat/shape" };
    node("flat", "Reshape", 2, flat_in, 0);
    float *weights = malloc(sizeof(float) * features * n), *biases = malloc(sizeof(float) * n);
    for (int64_t i = 0; i < features * n; i++) weights[i] = next();
    for (int64_t i = 0; i < n; i++) biases[i] = next();
    int64_t wdims[] = { features, n }, bdims[] = { n };
    node("weights", "Const", 0, NULL, 1); attr_tensor("value", 1, 2, wdims, weights, sizeof(float) * features * n);
    const char *mm_in[] = { "flat", "weights" };
    node("logits/matmul", "MatMul", 2, mm_in, 0);
    node("biases", "Const", 0, NULL, 1); attr_tensor("value", 1, 1, bdims, biases, sizeof(float) * n);
    const char *ba_in[] = { "logits/matmul", "biases" };
    node("logits", "BiasAdd", 2, ba_in, 0);
    const char *sm_in[] = { "logits" };
    node("predictions", "Softmax", 1, sm_in, 0);
    const char *out_in[] = { "predictions", "flat/shape" };
    node(argv[6], "Reshape", 2, out_in, 0);
    fclose(f);
    return 0;
}
