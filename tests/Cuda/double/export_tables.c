/* CI program for the drop-in's answer to cuGetExportTable (run through libcuda.so.1 with the worker pointed at the
 * test double; the double itself has only the runtime interface table). Calls the slots the CUDA runtime calls, as
 * the runtime does, and prints what it gets back: status codes and values, never pointers. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cuda_double.h"

static const unsigned char CUDART_INTERFACE[16] = {0x6B, 0xD5, 0xFB, 0x6C, 0x5B, 0xF4, 0xE7, 0x4A, 0x89, 0x87, 0xD9, 0x39, 0x12, 0xFD, 0x9D, 0xF9};
static const unsigned char TOOLS_HOOKS[16] = {0xA0, 0x94, 0x79, 0x8C, 0x2E, 0x74, 0x2E, 0x74, 0x93, 0xF2, 0x08, 0x00, 0x20, 0x0C, 0x0A, 0x66};
static const unsigned char CONTEXT_STORAGE[16] = {0xC6, 0x93, 0x33, 0x6E, 0x11, 0x21, 0xDF, 0x11, 0xA8, 0xC3, 0x68, 0xF3, 0x55, 0xD8, 0x95, 0x93};
static const unsigned char CONTEXT_CHECKS[16] = {0x26, 0x3E, 0x88, 0x60, 0x7C, 0xD2, 0x61, 0x43, 0x92, 0xF6, 0xBB, 0xD5, 0x00, 0x6D, 0xFA, 0x7E};
static const unsigned char INTEGRITY_CHECK[16] = {0xD4, 0x08, 0x20, 0x55, 0xBD, 0xE6, 0x70, 0x4B, 0x8D, 0x34, 0xBA, 0x12, 0x3C, 0x66, 0xE1, 0xF2};
static const unsigned char STARTUP[16] = {0xF8, 0xCF, 0xF9, 0x51, 0x21, 0x46, 0x8B, 0x4E, 0xB9, 0xE2, 0xFB, 0x46, 0x9E, 0x7C, 0x0D, 0xD9};

typedef CUresult (*integrity_fn)(unsigned version, unsigned long long seconds, unsigned char answer[16]);

/* Most tables start with their own size in bytes; context storage has none. */
static const uintptr_t *table(const unsigned char *id, const char *name, int sized) {
    const void *t = (const void *)1;
    CUresult r = cuGetExportTable(&t, (const CUuuid *)id);
    printf("table %-16s = %d%s", name, r, t ? "" : " (NULL)");
    if (t && sized) printf(", size word %lu", (unsigned long)((const uintptr_t *)t)[0]);
    printf("\n");
    return t;
}

static unsigned char other_thread_answer[16];
static void *other_thread(void *check) {
    ((integrity_fn)check)(13002, 1795586405ULL, other_thread_answer);
    return NULL;
}

int main(void) {
    cuInit(0);
    table(STARTUP, "start-up", 0);

    const uintptr_t *cudart = table(CUDART_INTERFACE, "runtime", 1);
    CUcontext dark = NULL, retained = NULL;
    CUresult r = ((CUresult (*)(CUcontext *, int))cudart[2])(&dark, 0);
    cuDevicePrimaryCtxRetain(&retained, 0);
    printf("runtime[2] primary context = %d, same as retained: %s\n", r, dark && dark == retained ? "yes" : "no");
    printf("runtime[3] refused = %d\n", ((CUresult (*)(void))cudart[3])());
    printf("runtime[10] NULL as the driver has it: %s\n", cudart[10] ? "no" : "yes");

    const uintptr_t *hooks = table(TOOLS_HOOKS, "tools hooks", 1);
    void *buffer = NULL;
    size_t count = 0, size = 0;
    ((void *(*)(void **, size_t *))hooks[2])(&buffer, &count);
    int all_zero = 1;
    for (size_t i = 0; buffer && i < count; i++) all_zero &= ((unsigned char *)buffer)[i] == 0;
    printf("hooks[2] count %zu, switches all off: %s\n", count, buffer && all_zero ? "yes" : "no");
    ((void *(*)(void **, size_t *))hooks[6])(&buffer, &size);
    printf("hooks[6] size %zu\n", size);

    const uintptr_t *storage = table(CONTEXT_STORAGE, "context storage", 0);
    int key, other_key;
    void *value = (void *)1;
    CUresult (*put)(CUcontext, void *, void *, void *) = (void *)storage[0];
    CUresult (*del)(CUcontext, void *) = (void *)storage[1];
    CUresult (*get)(void **, CUcontext, void *) = (void *)storage[2];
    printf("storage get, no current context = %d\n", get(&value, NULL, &key));
    cuCtxSetCurrent(retained);
    printf("storage get before put = %d\n", get(&value, NULL, &key));
    printf("storage put (current context) = %d\n", put(NULL, &key, (void *)0x5eed, NULL));
    r = get(&value, retained, &key);
    printf("storage get (explicit context) = %d, value %s\n", r, value == (void *)0x5eed ? "as put" : "wrong");
    printf("storage get other key = %d\n", get(&value, NULL, &other_key));
    r = del(NULL, &key);
    printf("storage delete = %d, get after = %d\n", r, get(&value, NULL, &key));

    const uintptr_t *checks = table(CONTEXT_CHECKS, "context checks", 1);
    unsigned flag = 7;
    r = ((CUresult (*)(CUcontext, unsigned *))checks[2])(retained, &flag);
    printf("checks[2] = %d, flag %u\n", r, flag);
    printf("checks[3] = %d\n", ((CUresult (*)(void))checks[3])());

    const uintptr_t *integrity = table(INTEGRITY_CHECK, "integrity", 1);
    integrity_fn check = (integrity_fn)integrity[1];
    unsigned char a[16], b[16];
    r = check(13000, 1795586405ULL, a);
    printf("integrity 13000 = %d, fixed answer %s\n", r, memcmp(a, "\x5c\x67\xcb\x03\x1c\x18\x41\x33\xe8\xd1\x4c\x1f\xaa\x83\xd3\x8e", 16) == 0 ? "yes" : "no");
    r = check(13001, 1795586405ULL, a);
    printf("integrity 13001 = %d, fixed answer %s\n", r, memcmp(a, "\x5c\x67\xcb\x03\x1c\x18\x41\x18\xe8\xd1\x4c\x1f\xaa\x83\xd3\x8e", 16) == 0 ? "yes" : "no");
    check(13002, 1795586405ULL, a);
    r = check(13002, 1795586405ULL, b);
    printf("integrity 13002 = %d, repeatable %s\n", r, memcmp(a, b, 16) == 0 ? "yes" : "no");
    check(13002, 1795586406ULL, b);
    printf("integrity covers the timestamp: %s\n", memcmp(a, b, 16) != 0 ? "yes" : "no");
    pthread_t thread;
    pthread_create(&thread, NULL, other_thread, (void *)check);
    pthread_join(thread, NULL);
    printf("integrity covers the thread: %s\n", memcmp(a, other_thread_answer, 16) != 0 ? "yes" : "no");
    return 0;
}
