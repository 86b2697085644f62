/*
 * Writes a model in the GTI reference library's format (GTIR, Gti/README.md): an input of INPUT_BYTES bytes averaged
 * over GRID equal chunks, CLASSES outputs named by the lines of LABELS_FILE, weights and biases from a fixed linear
 * congruential sequence, so every build writes the same bytes.
 * Usage: make_model FILE INPUT_BYTES GRID CLASSES LABELS_FILE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t lcg = 2803;
static float next(void) { lcg = lcg * 1103515245u + 12345u; return ((float)((lcg >> 8) & 0xFFFF) / 65536.0f - 0.5f) * 4.0f; }

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: make_model FILE INPUT_BYTES GRID CLASSES LABELS_FILE\n"); return 2; }
    uint32_t input = (uint32_t)atol(argv[2]), grid = (uint32_t)atol(argv[3]), classes = (uint32_t)atol(argv[4]);
    FILE *labels = fopen(argv[5], "r"), *f = fopen(argv[1], "wb");
    if (!labels || !f) { perror("make_model"); return 1; }
    uint32_t version = 1;
    fwrite("GTIR", 1, 4, f); fwrite(&version, 4, 1, f); fwrite(&input, 4, 1, f); fwrite(&grid, 4, 1, f); fwrite(&classes, 4, 1, f);
    char line[512];
    for (uint32_t c = 0; c < classes; c++) {
        if (!fgets(line, sizeof line, labels)) snprintf(line, sizeof line, "class %u", c);
        line[strcspn(line, "\r\n")] = 0;
        uint32_t len = (uint32_t)strlen(line);
        fwrite(&len, 4, 1, f); fwrite(line, 1, len, f);
    }
    for (uint64_t i = 0; i < (uint64_t)classes * grid + classes; i++) { float v = next(); fwrite(&v, 4, 1, f); }
    fclose(labels);
    fclose(f);
    return 0;
}
