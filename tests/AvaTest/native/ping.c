/* A small avatest client for fault tests: "ping" makes two calls; "ping sleep" starts a long call (at_sleep_ms)
 * during which the test kills the worker, then reports how long the call took and what it and a later call
 * returned. Output: one line per call. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "avatest.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    int r = 0;
    printf("at_noop = %d\n", at_noop());
    int rc = at_add(2, 3, &r);
    printf("at_add = %d r=%d\n", rc, r);
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
        double start = now_ms();
        rc = at_sleep_ms(20000);
        printf("at_sleep_ms = %d after_ms=%s\n", rc, now_ms() - start < 5000 ? "<5000" : ">=5000");
        printf("at_noop = %d\n", at_noop());
    }
    return 0;
}
