/* The inputs Rodinia's separate data set would provide, generated deterministically (one fixed LCG, no time,
 * no libc rand): the same arguments give the same bytes on every machine.
 *
 *   rodinia-inputs bptree FILE COMMANDS N QUERIES        b+tree: N keys, then "k QUERIES" and "j QUERIES RANGE"
 *   rodinia-inputs graph FILE NODES DEGREE               bfs: Rodinia's graph text format
 *   rodinia-inputs cfd FILE ELEMENTS                     cfd: an unstructured mesh without boundaries
 *   rodinia-inputs bytes FILE WIDTH HEIGHT COMPONENTS    dwt2d: raw 8-bit pixels (the program reads raw bytes)
 *   rodinia-inputs grid TEMP POWER ROWS COLS LAYERS      hotspot, hotspot3D: one value per line
 *   rodinia-inputs points FILE N FEATURES                kmeans: "id f1 ... fN" per line
 *   rodinia-inputs hurricanes DIR LIST FILES RECORDS     nn: fixed-width 48-character records
 *   rodinia-inputs pgm FILE ROWS COLS                    srad: an ASCII PGM
 *   rodinia-inputs myocyte DIR                           myocyte: y.txt (91 states) and params.txt (18)
 *   rodinia-inputs heartwall FILE                        heartwall: tracking parameters and endo/epi points
 *
 * The AVI videos (heartwall, leukocyte) are written by rodinia-avi.c with the suite's own avilib. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 0x2545F4914F6CDD1DULL;

static unsigned next_u32(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(state >> 33);
}

/* Uniform in [0, 1). */
static double uniform(void) { return next_u32() / 2147483648.0; }

static FILE *open_out(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

static void bptree(const char *file, const char *commands, int n, int queries)
{
    FILE *f = open_out(file);
    fprintf(f, "%d\n", n);
    /* A permutation of 1..n (a multiplicative step coprime to n visits every key once). */
    long step = 7919;
    while (n % step == 0) step += 2;
    for (long i = 0; i < n; i++) fprintf(f, "%ld\n", (i * step) % n + 1);
    fclose(f);
    f = open_out(commands);
    fprintf(f, "j %d %d\nk %d\n", queries, queries / 2 > 0 ? queries / 2 : 1, queries);
    fclose(f);
}

static void graph(const char *file, int nodes, int degree)
{
    FILE *f = open_out(file);
    fprintf(f, "%d\n", nodes);
    for (int i = 0; i < nodes; i++) fprintf(f, "%d %d\n", i * degree, degree);
    fprintf(f, "0\n%d\n", nodes * degree);
    for (int i = 0; i < nodes; i++) {
        /* One edge to the next node keeps the graph connected; the rest are random. */
        fprintf(f, "%d %d\n", (i + 1) % nodes, 1 + (int)(next_u32() % 10));
        for (int j = 1; j < degree; j++) fprintf(f, "%d %d\n", (int)(next_u32() % nodes), 1 + (int)(next_u32() % 10));
    }
    fclose(f);
}

static void cfd(const char *file, int elements)
{
    /* Element i neighbours i-1, i+1, i-w, i+w on a torus (1-based, as the program expects), with opposite
     * normals on the two sides of every face, so the fluxes of the mesh balance and the solver stays finite. */
    int w = (int)sqrt((double)elements);
    if (w < 2) w = 2;
    FILE *f = open_out(file);
    fprintf(f, "%d\n", elements);
    for (int i = 0; i < elements; i++) {
        int nb[4] = { (i + elements - 1) % elements, (i + 1) % elements, (i + elements - w) % elements, (i + w) % elements };
        double normals[4][3] = { { -1, 0, 0 }, { 1, 0, 0 }, { 0, -1, 0 }, { 0, 1, 0 } };
        fprintf(f, "%.6f", 1.0 + 0.01 * (i % 7));
        for (int j = 0; j < 4; j++) {
            fprintf(f, " %d", nb[j] + 1);
            for (int k = 0; k < 3; k++) fprintf(f, " %.6f", normals[j][k] * (0.5 + 0.001 * ((i + j) % 5)));
        }
        fprintf(f, "\n");
    }
    fclose(f);
}

static void bytes(const char *file, int width, int height, int components)
{
    FILE *f = open_out(file);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            for (int c = 0; c < components; c++) {
                double v = 128 + 60 * sin(x * 0.05 + c) * cos(y * 0.03) + 20 * uniform();
                fputc((int)v & 0xff, f);
            }
    fclose(f);
}

static void grid(const char *temp, const char *power, int rows, int cols, int layers)
{
    FILE *t = open_out(temp), *p = open_out(power);
    for (long i = 0; i < (long)rows * cols * layers; i++) {
        fprintf(t, "%.6f\n", 323.0 + 20.0 * uniform());
        fprintf(p, "%.9f\n", 0.0005 * uniform());
    }
    fclose(t);
    fclose(p);
}

static void points(const char *file, int n, int features)
{
    FILE *f = open_out(file);
    for (int i = 0; i < n; i++) {
        /* Points around eight centres, so the clusters are real. */
        int centre = (int)(next_u32() % 8);
        fprintf(f, "%d", i + 1);
        for (int j = 0; j < features; j++) fprintf(f, " %.4f", (centre * 37 + j * 11) % 100 / 100.0 + 0.05 * uniform());
        fprintf(f, "\n");
    }
    fclose(f);
}

static void hurricanes(const char *dir, const char *list, int files, int records)
{
    FILE *l = open_out(list);
    char path[4096];
    for (int k = 0; k < files; k++) {
        fprintf(l, "cane%d.db\n", k);
        snprintf(path, sizeof path, "%s/cane%d.db", dir, k);
        FILE *f = open_out(path);
        for (int i = 0; i < records; i++) {
            /* Latitude at columns 28-32 and longitude at 33-37, as nn parses them; 48 characters a line. */
            char line[64];
            snprintf(line, sizeof line, "%4d %2d %2d %2d %4d %-9s%5.1f%5.1f %4d %4d",
                1950 + (int)(next_u32() % 60), 1 + (int)(next_u32() % 12), 1 + (int)(next_u32() % 28), (int)(next_u32() % 24),
                i % 10000, "STORM", 7.0 + 56.0 * uniform(), 1.0 + 178.0 * uniform(), (int)(next_u32() % 160), (int)(next_u32() % 900));
            fprintf(f, "%-48.48s\n", line);
        }
        fclose(f);
    }
    fclose(l);
}

static void pgm(const char *file, int rows, int cols)
{
    FILE *f = open_out(file);
    fprintf(f, "P2\n%d %d\n255\n", cols, rows);
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
            double v = 100 + 50 * sin(i * 0.07) * cos(j * 0.05) + 40 * uniform();
            fprintf(f, "%d ", (int)v);
        }
        fprintf(f, "\n");
    }
    fclose(f);
}

static void myocyte(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/y.txt", dir);
    FILE *f = open_out(path);
    /* Small positive concentrations and a resting membrane potential for state 39, the voltage. */
    for (int i = 0; i < 91; i++) fprintf(f, "%.10e\n", i == 39 ? -85.0 : 1e-3 * (1 + (int)(next_u32() % 1000)));
    fclose(f);
    snprintf(path, sizeof path, "%s/params.txt", dir);
    f = open_out(path);
    for (int i = 0; i < 18; i++) fprintf(f, "%.10e\n", 0.1 * (1 + (int)(next_u32() % 10)));
    fclose(f);
}

static void heartwall(const char *file)
{
    /* tSize sSize maxMove alpha; endo and epi point counts; their rows, then their columns (as Rodinia's). */
    enum { endo = 20, epi = 31 };
    FILE *f = open_out(file);
    fprintf(f, "25 40 10 0.87\n%d %d\n", endo, epi);
    for (int i = 0; i < endo; i++) fprintf(f, "%d\n", (int)(300 + 80 * sin(i * 6.2831853 / endo)));
    for (int i = 0; i < endo; i++) fprintf(f, "%d\n", (int)(300 + 80 * cos(i * 6.2831853 / endo)));
    for (int i = 0; i < epi; i++) fprintf(f, "%d\n", (int)(300 + 150 * sin(i * 6.2831853 / epi)));
    for (int i = 0; i < epi; i++) fprintf(f, "%d\n", (int)(300 + 150 * cos(i * 6.2831853 / epi)));
    fclose(f);
}

static int arg(char **argv, int i) { return atoi(argv[i]); }

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "bptree") && argc == 6) bptree(argv[2], argv[3], arg(argv, 4), arg(argv, 5));
    else if (!strcmp(what, "graph") && argc == 5) graph(argv[2], arg(argv, 3), arg(argv, 4));
    else if (!strcmp(what, "cfd") && argc == 4) cfd(argv[2], arg(argv, 3));
    else if (!strcmp(what, "bytes") && argc == 6) bytes(argv[2], arg(argv, 3), arg(argv, 4), arg(argv, 5));
    else if (!strcmp(what, "grid") && argc == 7) grid(argv[2], argv[3], arg(argv, 4), arg(argv, 5), arg(argv, 6));
    else if (!strcmp(what, "points") && argc == 5) points(argv[2], arg(argv, 3), arg(argv, 4));
    else if (!strcmp(what, "hurricanes") && argc == 6) hurricanes(argv[2], argv[3], arg(argv, 4), arg(argv, 5));
    else if (!strcmp(what, "pgm") && argc == 5) pgm(argv[2], arg(argv, 3), arg(argv, 4));
    else if (!strcmp(what, "myocyte") && argc == 3) myocyte(argv[2]);
    else if (!strcmp(what, "heartwall") && argc == 3) heartwall(argv[2]);
    else {
        fprintf(stderr, "usage: %s bptree|graph|cfd|bytes|grid|points|hurricanes|pgm|myocyte|heartwall ARGS (see the source)\n", argv[0]);
        return 2;
    }
    return 0;
}
