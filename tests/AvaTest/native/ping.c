/* A small avatest client for fault tests: "ping" makes two calls; "ping sleep" starts a long call (at_sleep_ms)
 * during which the test kills the worker, then reports how long the call took and what it and a later call
 * returned; "ping fork" makes calls in a forked child (one creating an object, compared with the parent's) and in the
 * parent after it; "ping profile" makes calls in known numbers (for the call profiler's test); "ping orphan" forks a child that makes no calls and only holds what it inherited for 30 s, says
 * "child PID", and exits once stdin closes (its worker must end with it, not with the child). Output: one line per call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
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
    if (argc > 1 && strcmp(argv[1], "profile") == 0) {
        /* Known counts for the call profiler's test: 100 at_noop, 1 at_add, 4 transfers in of 1 MiB, 3 out of 64 KiB,
         * one object with 50 async at_object_add, one at_object_get, one at_object_release. */
        static unsigned char buffer[1 << 20];
        memset(buffer, 0x5a, sizeof buffer);
        for (int i = 0; i < 99; i++)
            rc |= at_noop();
        for (int i = 0; i < 4; i++)
            rc |= at_in_transfer(buffer, sizeof buffer);
        for (int i = 0; i < 3; i++)
            rc |= at_out_transfer(buffer, 64 << 10);
        at_object o = at_object_create(1, NULL);
        for (int i = 0; i < 50; i++)
            rc |= at_object_add(o, 1);
        int64_t value = 0;
        rc |= at_object_get(o, &value);
        rc |= at_object_release(o);
        printf("profile: rc=%d value=%lld\n", rc, (long long)value);
        return rc == 0 && value == 50 ? 0 : 1;
    }
    if (argc > 1 && strcmp(argv[1], "orphan") == 0) {
        pid_t child = fork();
        if (child == 0) {
            /* Only what the parent had: its connection's descriptors. No call, no managed code in the child. */
            sleep(30);
            _exit(0);
        }
        printf("child %d\n", (int)child);
        fflush(stdout);
        char line[16];
        while (fgets(line, sizeof line, stdin) != NULL) {
        }
        exit(0);
    }
    if (argc > 1 && strcmp(argv[1], "fork") == 0) {
        at_object o = at_object_create(3, NULL);
        pid_t child = fork();
        if (child == 0) {
            int cr = 0;
            int crc = at_add(40, 2, &cr);
            printf("child: at_add = %d r=%d\n", crc, cr);
            /* The parent's object is still in the child's copy of memory: a new one never has its handle. */
            at_object mine = at_object_create(3, NULL);
            printf("child: at_object_create %s the parent's\n", mine == o ? "repeats" : "differs from");
            fflush(stdout);
            _exit(crc == 0 ? 0 : 1);
        }
        int status = 0;
        waitpid(child, &status, 0);
        int kind = -1;
        rc = at_object_kind(o, &kind);
        printf("parent: child exit=%d at_object_kind = %d kind=%d\n", WEXITSTATUS(status), rc, kind);
    }
    return 0;
}
