/* The drand48 family's state is the application's. The .NET runtime's random bytes (System.Native's pal_random.c, as
 * the runtime pack builds it: without arc4random) seed that state once with srand48(time(NULL)) and then draw from it
 * with lrand48(), for every seed it makes (Random, hash seeds, secrets). In a drop-in library that would reseed the
 * application's own generator from the clock whenever the library first needs a random number: a program that calls
 * srand48(SEED) and then lrand48() (Rodinia's streamcluster) would draw other numbers than natively, and differently
 * each run. The library is linked with -Wl,--wrap=srand48,--wrap=lrand48 (GuestLibrary.targets), so its own references
 * come here, to a state of its own; the application's calls still reach libc's. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>

long __wrap_lrand48(void);
void __wrap_srand48(long seed);

static struct drand48_data state;
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

__attribute__((visibility("hidden"))) long __wrap_lrand48(void)
{
    long result = 0;
    pthread_mutex_lock(&gate);
    lrand48_r(&state, &result);
    pthread_mutex_unlock(&gate);
    return result;
}

__attribute__((visibility("hidden"))) void __wrap_srand48(long seed)
{
    pthread_mutex_lock(&gate);
    srand48_r(seed, &state);
    pthread_mutex_unlock(&gate);
}
