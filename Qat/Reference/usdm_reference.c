/* REFERENCE IMPLEMENTATION of QuickAssist's USDM memory API (qae_mem.h) as libusdm_drv_s.so: the reference device
 * (qat_reference.c) works on virtual addresses, so "DMA memory" is zeroed, aligned heap memory and its physical
 * address is its virtual one. Blocks are remembered, so translation of foreign memory answers 0 as the vendor's does. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "qae_mem.h"

#define MAX_BLOCKS 4096
static struct { void *p; size_t n; } blocks[MAX_BLOCKS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *qaeMemAllocNUMA(size_t size, int node, size_t phys_alignment_byte) {
    (void)node;
    size_t align = phys_alignment_byte < sizeof(void *) ? sizeof(void *) : phys_alignment_byte;
    if (size == 0 || (align & (align - 1)) != 0) return NULL;
    void *p = NULL;
    if (posix_memalign(&p, align, size) != 0) return NULL;
    memset(p, 0, size);
    pthread_mutex_lock(&lock);
    int i = 0;
    while (i < MAX_BLOCKS && blocks[i].p) i++;
    if (i < MAX_BLOCKS) { blocks[i].p = p; blocks[i].n = size; }
    pthread_mutex_unlock(&lock);
    if (i == MAX_BLOCKS) { free(p); return NULL; }
    return p;
}

void qaeMemFreeNUMA(void **ptr) {
    if (!ptr || !*ptr) return;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++) if (blocks[i].p == *ptr) blocks[i].p = NULL;
    pthread_mutex_unlock(&lock);
    free(*ptr);
    *ptr = NULL;
}

uint64_t qaeVirtToPhysNUMA(void *virtAddr) {
    uint64_t found = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_BLOCKS; i++) {
        char *b = blocks[i].p;
        if (b && (char *)virtAddr >= b && (char *)virtAddr < b + blocks[i].n) found = (uint64_t)(uintptr_t)virtAddr;
    }
    pthread_mutex_unlock(&lock);
    return found;
}
