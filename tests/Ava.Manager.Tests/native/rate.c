/* rate SECONDS: calls at_noop (synchronously) for SECONDS and prints the calls per second it got. */
#define _POSIX_C_SOURCE 200809L
#include "avatest.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    if (at_noop() != AT_SUCCESS) {
        return 1;
    }
    long calls = 0;
    double start = now_s();
    while (now_s() - start < seconds) {
        if (at_noop() != AT_SUCCESS) {
            return 1;
        }
        calls++;
    }
    printf("%.0f\n", calls / (now_s() - start));
    return 0;
}
