/* Physical floors the benchmarks compare against, measured in the same run as the remoted calls:
 *  - a raw shared-memory ping-pong between two processes (one cache line each way, both sides spinning),
 *    the least any cross-process synchronous call can cost on this machine;
 *  - a single-core memcpy, the most any copying transport can move per second. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct pingpong {
    _Alignas(128) _Atomic uint64_t request;
    _Alignas(128) _Atomic uint64_t reply;
    _Alignas(128) _Atomic int stop;
};

static struct pingpong *shared;
static pid_t partner;
static uint64_t counter;

/* Starts the partner process; returns 0 on success. The child runs only this C loop and exits with _exit. */
int floors_pingpong_start(void)
{
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return -1;
    memset(shared, 0, sizeof *shared);
    partner = fork();
    if (partner < 0)
        return -1;
    if (partner == 0) {
        uint64_t seen = 0;
        while (!atomic_load_explicit(&shared->stop, memory_order_relaxed)) {
            uint64_t r = atomic_load_explicit(&shared->request, memory_order_acquire);
            if (r != seen) {
                seen = r;
                atomic_store_explicit(&shared->reply, r, memory_order_release);
            } else {
                __builtin_ia32_pause();
            }
        }
        _exit(0);
    }
    return 0;
}

/* One round trip: publish a request, spin until the partner echoes it. */
void floors_pingpong_roundtrip(void)
{
    uint64_t r = ++counter;
    atomic_store_explicit(&shared->request, r, memory_order_release);
    while (atomic_load_explicit(&shared->reply, memory_order_acquire) != r)
        __builtin_ia32_pause();
}

void floors_pingpong_stop(void)
{
    if (partner > 0) {
        atomic_store(&shared->stop, 1);
        waitpid(partner, NULL, 0);
        partner = 0;
    }
    if (shared) {
        munmap(shared, sizeof *shared);
        shared = NULL;
    }
}

/* Single-core memcpy of n bytes. */
void floors_memcpy(void *dst, const void *src, size_t n)
{
    memcpy(dst, src, n);
}
