/* bounds: a tenant that pushes against its principal's bounds.
 *   bounds objects N [hold]  creates up to N objects, stopping at the first failure, and prints how many it made and
 *                            the failure; with "hold" it then says "holding" and keeps them until stdin closes.
 *   bounds threads T         starts T threads that are all alive while each makes one call; prints how many calls
 *                            succeeded and how many failed with AT_ERR_OUT_OF_MEMORY (or otherwise). */
#include "avatest.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_barrier_t all_alive;
static pthread_barrier_t all_called;
static int results[1024];

static void *one_call(void *arg)
{
    int index = (int)(long)arg;
    pthread_barrier_wait(&all_alive);
    results[index] = at_noop();
    pthread_barrier_wait(&all_called);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "objects") == 0) {
        int wanted = atoi(argv[2]);
        int made = 0, err = AT_SUCCESS;
        for (; made < wanted; made++) {
            if (at_object_create(made, &err) == NULL || err != AT_SUCCESS)
                break;
        }
        int live = 0;
        int rc = at_live_objects(&live);
        printf("objects created=%d err=%d live=%d (rc %d)\n", made, err, live, rc);
        fflush(stdout);
        if (argc >= 4 && strcmp(argv[3], "hold") == 0) {
            printf("holding\n");
            fflush(stdout);
            char line[16];
            while (fgets(line, sizeof line, stdin) != NULL) {
            }
        }
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "threads") == 0) {
        int count = atoi(argv[2]);
        if (count < 1 || count > 1024)
            return 2;
        pthread_barrier_init(&all_alive, NULL, (unsigned)count);
        pthread_barrier_init(&all_called, NULL, (unsigned)count);
        pthread_t threads[1024];
        for (int i = 0; i < count; i++)
            pthread_create(&threads[i], NULL, one_call, (void *)(long)i);
        for (int i = 0; i < count; i++)
            pthread_join(threads[i], NULL);
        int ok = 0, refused = 0, other = 0;
        for (int i = 0; i < count; i++) {
            if (results[i] == AT_SUCCESS)
                ok++;
            else if (results[i] == AT_ERR_OUT_OF_MEMORY)
                refused++;
            else
                other++;
        }
        printf("threads ok=%d refused=%d other=%d\n", ok, refused, other);
        return 0;
    }
    return 2;
}
