/* victim: a tenant with data of its own. Creates an object of kind 7 holding 42, says "ready", waits for a line on
 * stdin (while the test attacks its session), then prints what its object holds and exits. */
#include "avatest.h"

#include <stdint.h>
#include <stdio.h>

int main(void)
{
    int err = 0;
    at_object o = at_object_create(7, &err);
    if (o == NULL || err != AT_SUCCESS || at_object_set(o, 42) != AT_SUCCESS) {
        printf("setup failed: %d\n", err);
        return 1;
    }

    printf("ready\n");
    fflush(stdout);
    char line[16];
    if (fgets(line, sizeof line, stdin) == NULL) {
        return 1;
    }

    int64_t value = 0;
    int kind = 0;
    int live = 0;
    int rc = at_object_get(o, &value) | at_object_kind(o, &kind) | at_live_objects(&live);
    printf("rc=%d value=%lld kind=%d live=%d\n", rc, (long long)value, kind, live);
    return rc == AT_SUCCESS ? 0 : 1;
}
