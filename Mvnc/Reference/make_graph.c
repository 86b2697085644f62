/* Writes a graph file in the reference graph format (mvnc_reference.c, Mvnc/README.md): an average pooling over a
 * G x G grid and a dense layer with softmax, weights from a fixed linear congruential sequence, so the file is the
 * same on every machine. Usage: make_graph OUT W H C G N */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t state = 20180501u;

static float next_weight(void) {
    state = state * 1664525u + 1013904223u;
    return ((float)(state >> 8) / 16777216.0f - 0.5f) * 8.0f;
}

static void put32(FILE *f, uint32_t v) {
    unsigned char b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };
    fwrite(b, 1, 4, f);
}

static void putf(FILE *f, float v) {
    uint32_t bits;
    memcpy(&bits, &v, 4);
    put32(f, bits);
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s OUT W H C G N\n", argv[0]);
        return 2;
    }
    uint32_t w = (uint32_t)atoi(argv[2]), h = (uint32_t)atoi(argv[3]), c = (uint32_t)atoi(argv[4]);
    uint32_t g = (uint32_t)atoi(argv[5]), n = (uint32_t)atoi(argv[6]);
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char name[28] = "ncrg-pool-dense";
    fwrite("NCRG", 1, 4, f);
    put32(f, 1);
    fwrite(name, 1, sizeof name, f);
    put32(f, w); put32(f, h); put32(f, c); put32(f, g); put32(f, n);
    for (uint64_t i = 0; i < (uint64_t)n * g * g * c; i++) putf(f, next_weight());
    for (uint32_t i = 0; i < n; i++) putf(f, next_weight() / 8.0f);
    return fclose(f) == 0 ? 0 : 1;
}
