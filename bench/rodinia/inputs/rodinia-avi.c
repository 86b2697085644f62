/* Writes an uncompressed 8-bit grayscale AVI with the suite's own avilib (compiled from the Rodinia tree), so
 * heartwall and leukocyte read exactly what that library writes.
 *
 *   rodinia-avi FILE WIDTH HEIGHT FRAMES
 *
 * Each frame is a bright field with dark rings (cells, a heart wall) drifting a pixel per frame, and a little
 * noise from a fixed LCG: deterministic bytes for the same arguments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "avilib.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s FILE WIDTH HEIGHT FRAMES\n", argv[0]);
        return 2;
    }
    int width = atoi(argv[2]), height = atoi(argv[3]), frames = atoi(argv[4]);
    avi_t *avi = AVI_open_output_file(argv[1]);
    if (!avi) {
        AVI_print_error("AVI_open_output_file");
        return 1;
    }
    AVI_set_video(avi, width, height, 30, "RGB");
    unsigned char *frame = malloc((size_t)width * height);
    unsigned long long state = 0x9E3779B97F4A7C15ULL;
    enum { rings = 12 };
    for (int t = 0; t < frames; t++) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 190 + 25 * sin(x * 0.02) * cos(y * 0.015);
                for (int r = 0; r < rings; r++) {
                    double cx = (r * 131 + 40 + t) % width, cy = (r * 71 + 120) % height;
                    double d = sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                    if (fabs(d - 11) < 2.5) v -= 110;
                }
                state = state * 6364136223846793005ULL + 1442695040888963407ULL;
                v += (double)(state >> 59) - 16;
                frame[(size_t)y * width + x] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        if (AVI_write_frame(avi, (char *)frame, (long)width * height, 1) != 0) {
            AVI_print_error("AVI_write_frame");
            return 1;
        }
    }
    free(frame);
    return AVI_close(avi) == 0 ? 0 : 1;
}
