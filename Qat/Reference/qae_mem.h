/* The user-space DMA memory API of QuickAssist's USDM library (libusdm_drv_s.so), as qatlib declares it in
 * quickassist/utilities/libusdm_drv/qae_mem.h: the header the project's reference USDM (usdm_reference.c) implements,
 * written from the documented signatures because the vendor's header is not among the inputs. */
#ifndef QAE_MEM_H
#define QAE_MEM_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
/* Memory for the accelerator: `size` bytes on NUMA node `node`, aligned to `phys_alignment_byte`; NULL when none. */
void *qaeMemAllocNUMA(size_t size, int node, size_t phys_alignment_byte);
/* Frees what qaeMemAllocNUMA returned and sets *ptr to NULL. */
void qaeMemFreeNUMA(void **ptr);
/* The physical address of `virtAddr`, 0 for memory qaeMemAllocNUMA did not return. */
uint64_t qaeVirtToPhysNUMA(void *virtAddr);
#ifdef __cplusplus
}
#endif
#endif
