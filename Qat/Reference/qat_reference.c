/* REFERENCE IMPLEMENTATION of Intel QuickAssist's data-compression API (cpa.h, dc/cpa_dc.h, icp_sal_user.h,
 * icp_sal_poll.h; qatlib 20.08.0) as libqat_s.so: a compression "device" whose engine is zlib's deflate, so that
 * programs written against QAT run where no QAT hardware exists, and their outputs are real deflate and gzip streams.
 * It is not Intel's driver: there is no ring, no firmware and no physical memory.
 *
 * Semantics (Qat/README.md has them too):
 * - One polled compression instance ("qat-reference-dc0", vendor "AvA reference"), which works on virtual
 *   addresses (requiresPhysicallyContiguousMemory is false), needs no intermediate buffers and no buffer-list
 *   metadata. icp_sal_userStart(MultiProcess) must come first; icp_sal_userStop ends it.
 * - Sessions are stateless DEFLATE, levels 1-9, static or dynamic Huffman trees, CRC32 or Adler32 checksums. The
 *   session lives in the caller's memory (cpaDcGetSessionSize bytes), as the vendor's does.
 * - A compression request is a fresh raw deflate stream of the source list's bytes: CPA_DC_FLUSH_FINAL ends it with
 *   a final block, CPA_DC_FLUSH_FULL with a full flush (the next request's stream continues it validly). A static
 *   session uses zlib's fixed codes (Z_FIXED). results->checksum goes in as the running checksum and comes out
 *   updated over the consumed bytes. A destination too small is CPA_DC_OVERFLOW with nothing produced.
 * - A decompression request inflates one raw deflate stream (or as much of it as the source holds);
 *   endOfLastBlock tells whether its final block was reached; bad data is CPA_DC_BAD_DATA (request status).
 * - With a callback, a request completes at once but its callback runs from icp_sal_DcPollInstance, in order
 *   (up to its quota); without one it is synchronous. A poll with nothing pending answers CPA_STATUS_RETRY.
 * - QAT_REFERENCE_TRACE=FILE appends a line per request to FILE (direction, flush, bytes consumed and produced,
 *   request status, checksum), so that runs can be compared request by request; it is written by whichever process
 *   loaded the library. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "cpa.h"
#include "dc/cpa_dc.h"
#include "icp_sal_poll.h"
#include "icp_sal_user.h"

#define SESSION_MAGIC 0x51415452u /* "QATR" */
#define MAX_PENDING 1024

typedef struct {
    uint32_t magic;
    CpaDcSessionSetupData setup;
    CpaDcCallbackFn callback;
} session;

typedef struct { CpaDcCallbackFn fn; void *tag; CpaStatus status; } pending;

static struct {
    int started;   /* icp_sal_userStart */
    int running;   /* cpaDcStartInstance */
    CpaVirtualToPhysical translate;
    CpaDcInstanceNotificationCbFunc notify;
    void *notify_tag;
    CpaDcStats stats;
    pending queue[MAX_PENDING];
    unsigned head, count;
} device;

/* The one instance's handle: the address of the device state (what the application gets is opaque to it). */
#define INSTANCE ((CpaInstanceHandle)&device)
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int is_instance(CpaInstanceHandle h) { return h == INSTANCE; }

CpaStatus icp_sal_userStart(const char *pProcessName) {
    if (!pProcessName) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    CpaStatus s = device.started ? CPA_STATUS_FAIL : CPA_STATUS_SUCCESS;
    device.started = 1;
    pthread_mutex_unlock(&lock);
    return s;
}

CpaStatus icp_sal_userStartMultiProcess(const char *pProcessName, CpaBoolean limitDevAccess) {
    (void)limitDevAccess;
    return icp_sal_userStart(pProcessName);
}

CpaStatus icp_sal_userStop(void) {
    pthread_mutex_lock(&lock);
    CpaStatus s = device.started ? CPA_STATUS_SUCCESS : CPA_STATUS_FAIL;
    device.started = 0;
    device.running = 0;
    pthread_mutex_unlock(&lock);
    return s;
}

/* The ADF library's count of acceleration devices (libqat_s exports it; QATzip asks for it before starting): one. */
CpaStatus icp_adf_get_numDevices(Cpa32U *pNumDevices) {
    if (!pNumDevices) return CPA_STATUS_INVALID_PARAM;
    *pNumDevices = 1;
    return CPA_STATUS_SUCCESS;
}

CpaStatus icp_sal_userDcGetAvailableNumDynInstances(Cpa32U *pNumDcInstances) {
    if (!pNumDcInstances) return CPA_STATUS_INVALID_PARAM;
    *pNumDcInstances = 0;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcGetNumInstances(Cpa16U *pNumInstances) {
    if (!pNumInstances) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    *pNumInstances = device.started ? 1 : 0;
    pthread_mutex_unlock(&lock);
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcGetInstances(Cpa16U numInstances, CpaInstanceHandle *dcInstances) {
    if (!dcInstances || numInstances == 0) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    CpaStatus s = !device.started ? CPA_STATUS_FAIL : numInstances > 1 ? CPA_STATUS_INVALID_PARAM : CPA_STATUS_SUCCESS;
    pthread_mutex_unlock(&lock);
    if (s == CPA_STATUS_SUCCESS) dcInstances[0] = INSTANCE;
    return s;
}

static void text(Cpa8U *target, size_t size, const char *value) {
    memset(target, 0, size);
    strncpy((char *)target, value, size - 1);
}

CpaStatus cpaDcInstanceGetInfo2(const CpaInstanceHandle instanceHandle, CpaInstanceInfo2 *pInstanceInfo2) {
    if (!is_instance(instanceHandle) || !pInstanceInfo2) return CPA_STATUS_INVALID_PARAM;
    CpaInstanceInfo2 *i = pInstanceInfo2;
    memset(i, 0, sizeof *i);
    i->accelerationServiceType = CPA_ACC_SVC_TYPE_DATA_COMPRESSION;
    text(i->vendorName, sizeof i->vendorName, "AvA reference");
    text(i->partName, sizeof i->partName, "QAT reference (zlib deflate)");
    text(i->swVersion, sizeof i->swVersion, "20.08.0");
    text(i->instName, sizeof i->instName, "qat-reference-dc0");
    text(i->instID, sizeof i->instID, "dc0");
    i->nodeAffinity = 0;
    pthread_mutex_lock(&lock);
    i->operState = device.running ? CPA_OPER_STATE_UP : CPA_OPER_STATE_DOWN;
    pthread_mutex_unlock(&lock);
    i->requiresPhysicallyContiguousMemory = CPA_FALSE;
    i->isPolled = CPA_TRUE;
    i->isOffloaded = CPA_TRUE;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcQueryCapabilities(CpaInstanceHandle dcInstance, CpaDcInstanceCapabilities *pInstanceCapabilities) {
    if (!is_instance(dcInstance) || !pInstanceCapabilities) return CPA_STATUS_INVALID_PARAM;
    CpaDcInstanceCapabilities *c = pInstanceCapabilities;
    memset(c, 0, sizeof *c);
    c->statelessDeflateCompression = CPA_TRUE;
    c->statelessDeflateDecompression = CPA_TRUE;
    c->checksumCRC32 = CPA_TRUE;
    c->checksumAdler32 = CPA_TRUE;
    c->dynamicHuffman = CPA_TRUE;
    c->precompiledHuffman = CPA_FALSE;
    c->autoSelectBestHuffmanTree = CPA_FALSE;
    c->validWindowSizeMaskCompression = 1 << 7;   /* 32 KiB, zlib's */
    c->validWindowSizeMaskDecompression = 1 << 7;
    c->endOfLastBlock = CPA_TRUE;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcGetNumIntermediateBuffers(CpaInstanceHandle instanceHandle, Cpa16U *pNumBuffers) {
    if (!is_instance(instanceHandle) || !pNumBuffers) return CPA_STATUS_INVALID_PARAM;
    *pNumBuffers = 0;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcBufferListGetMetaSize(const CpaInstanceHandle instanceHandle, Cpa32U numBuffers, Cpa32U *pSizeInBytes) {
    if (!is_instance(instanceHandle) || !pSizeInBytes || numBuffers == 0) return CPA_STATUS_INVALID_PARAM;
    *pSizeInBytes = 0;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcSetAddressTranslation(const CpaInstanceHandle instanceHandle, CpaVirtualToPhysical virtual2Physical) {
    if (!is_instance(instanceHandle) || !virtual2Physical) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    device.translate = virtual2Physical; /* kept, never called: the reference reads virtual addresses */
    pthread_mutex_unlock(&lock);
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcStartInstance(CpaInstanceHandle instanceHandle, Cpa16U numBuffers, CpaBufferList **pIntermediateBuffers) {
    (void)pIntermediateBuffers;
    if (!is_instance(instanceHandle)) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    CpaStatus s = !device.started ? CPA_STATUS_FAIL : numBuffers != 0 ? CPA_STATUS_INVALID_PARAM : CPA_STATUS_SUCCESS;
    if (s == CPA_STATUS_SUCCESS) device.running = 1;
    pthread_mutex_unlock(&lock);
    return s;
}

CpaStatus cpaDcStopInstance(CpaInstanceHandle instanceHandle) {
    if (!is_instance(instanceHandle)) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    CpaStatus s = device.running ? CPA_STATUS_SUCCESS : CPA_STATUS_FAIL;
    device.running = 0;
    pthread_mutex_unlock(&lock);
    return s;
}

CpaStatus cpaDcInstanceSetNotificationCb(const CpaInstanceHandle instanceHandle, const CpaDcInstanceNotificationCbFunc pInstanceNotificationCb, void *pCallbackTag) {
    if (!is_instance(instanceHandle)) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    device.notify = pInstanceNotificationCb; /* the reference never restarts, so it never notifies */
    device.notify_tag = pCallbackTag;
    pthread_mutex_unlock(&lock);
    return CPA_STATUS_SUCCESS;
}

static int setup_valid(const CpaDcSessionSetupData *d) {
    return d && d->compType == CPA_DC_DEFLATE && d->sessState == CPA_DC_STATELESS
        && d->compLevel >= CPA_DC_L1 && d->compLevel <= CPA_DC_L9
        && (d->huffType == CPA_DC_HT_STATIC || d->huffType == CPA_DC_HT_FULL_DYNAMIC)
        && (d->checksum == CPA_DC_NONE || d->checksum == CPA_DC_CRC32 || d->checksum == CPA_DC_ADLER32)
        && d->sessDirection <= CPA_DC_DIR_COMBINED;
}

CpaStatus cpaDcGetSessionSize(CpaInstanceHandle dcInstance, CpaDcSessionSetupData *pSessionData, Cpa32U *pSessionSize, Cpa32U *pContextSize) {
    if (!is_instance(dcInstance) || !pSessionSize || !pContextSize) return CPA_STATUS_INVALID_PARAM;
    if (!setup_valid(pSessionData)) return CPA_STATUS_INVALID_PARAM;
    *pSessionSize = sizeof(session);
    *pContextSize = 0; /* stateless: no history between requests */
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcInitSession(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaDcSessionSetupData *pSessionData,
                           CpaBufferList *pContextBuffer, CpaDcCallbackFn callbackFn) {
    (void)pContextBuffer;
    if (!is_instance(dcInstance) || !pSessionHandle || !setup_valid(pSessionData)) return CPA_STATUS_INVALID_PARAM;
    session *s = pSessionHandle;
    s->magic = SESSION_MAGIC;
    s->setup = *pSessionData;
    s->callback = callbackFn;
    return CPA_STATUS_SUCCESS;
}

static session *session_of(CpaDcSessionHandle h) {
    session *s = h;
    return s && s->magic == SESSION_MAGIC ? s : NULL;
}

CpaStatus cpaDcResetSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle) {
    return is_instance(dcInstance) && session_of(pSessionHandle) ? CPA_STATUS_SUCCESS : CPA_STATUS_INVALID_PARAM;
}

CpaStatus cpaDcUpdateSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaDcSessionUpdateData *pSessionUpdateData) {
    session *s = session_of(pSessionHandle);
    if (!is_instance(dcInstance) || !s || !pSessionUpdateData) return CPA_STATUS_INVALID_PARAM;
    CpaDcSessionSetupData d = s->setup;
    d.compLevel = pSessionUpdateData->compLevel;
    d.huffType = pSessionUpdateData->huffType;
    if (!setup_valid(&d)) return CPA_STATUS_INVALID_PARAM;
    s->setup = d;
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcRemoveSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle) {
    session *s = session_of(pSessionHandle);
    if (!is_instance(dcInstance) || !s) return CPA_STATUS_INVALID_PARAM;
    s->magic = 0;
    return CPA_STATUS_SUCCESS;
}

/* The bytes of a buffer list, gathered (the reference copies; hardware reads the scatter list itself). */
static int list_bytes(const CpaBufferList *l, uint64_t *total) {
    if (!l || (l->numBuffers && !l->pBuffers)) return 0;
    *total = 0;
    for (Cpa32U i = 0; i < l->numBuffers; i++) {
        if (l->pBuffers[i].dataLenInBytes && !l->pBuffers[i].pData) return 0;
        *total += l->pBuffers[i].dataLenInBytes;
    }
    return *total <= UINT32_MAX;
}

static void gather(const CpaBufferList *l, unsigned char *out) {
    for (Cpa32U i = 0; i < l->numBuffers; i++) {
        memcpy(out, l->pBuffers[i].pData, l->pBuffers[i].dataLenInBytes);
        out += l->pBuffers[i].dataLenInBytes;
    }
}

static void scatter(const CpaBufferList *l, const unsigned char *in, uint64_t n) {
    for (Cpa32U i = 0; i < l->numBuffers && n; i++) {
        uint64_t k = l->pBuffers[i].dataLenInBytes < n ? l->pBuffers[i].dataLenInBytes : n;
        memcpy(l->pBuffers[i].pData, in, k);
        in += k;
        n -= k;
    }
}

static Cpa32U checksum(const session *s, Cpa32U running, const unsigned char *data, uint64_t n) {
    if (s->setup.checksum == CPA_DC_CRC32) return (Cpa32U)crc32(running, data, (uInt)n);
    if (s->setup.checksum == CPA_DC_ADLER32) return (Cpa32U)adler32(running ? running : 1, data, (uInt)n);
    return 0;
}

static void trace(const char *what, CpaDcFlush flush, const CpaDcRqResults *r) {
    const char *path = getenv("QAT_REFERENCE_TRACE");
    FILE *f = path && *path ? fopen(path, "a") : NULL;
    if (!f) return;
    fprintf(f, "%s flush=%s consumed=%u produced=%u status=%d checksum=%08x end=%d\n", what,
            flush == CPA_DC_FLUSH_FINAL ? "final" : "full", r->consumed, r->produced, (int)r->status, r->checksum, (int)r->endOfLastBlock);
    fclose(f);
}

static void complete(session *s, void *tag, CpaStatus status) {
    if (!s->callback) return;
    pthread_mutex_lock(&lock);
    if (device.count < MAX_PENDING) {
        device.queue[(device.head + device.count) % MAX_PENDING] = (pending){ s->callback, tag, status };
        device.count++;
    }
    pthread_mutex_unlock(&lock);
}

static CpaStatus request_checks(CpaInstanceHandle dcInstance, session *s, const CpaBufferList *src, const CpaBufferList *dst,
                                const CpaDcRqResults *results, CpaDcFlush flush, uint64_t *in, uint64_t *room, int compress) {
    if (!is_instance(dcInstance) || !s || !results || !list_bytes(src, in) || !list_bytes(dst, room)) return CPA_STATUS_INVALID_PARAM;
    if (flush != CPA_DC_FLUSH_FINAL && flush != CPA_DC_FLUSH_FULL) return CPA_STATUS_INVALID_PARAM;
    if (compress ? s->setup.sessDirection == CPA_DC_DIR_DECOMPRESS : s->setup.sessDirection == CPA_DC_DIR_COMPRESS) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    int running = device.running;
    if (running) { if (compress) device.stats.numCompRequests++; else device.stats.numDecompRequests++; }
    pthread_mutex_unlock(&lock);
    return running ? CPA_STATUS_SUCCESS : CPA_STATUS_FAIL;
}

static CpaStatus dc_compress(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                          CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag) {
    session *s = session_of(pSessionHandle);
    uint64_t in, room;
    CpaStatus st = request_checks(dcInstance, s, pSrcBuff, pDestBuff, pResults, flushFlag, &in, &room, 1);
    if (st != CPA_STATUS_SUCCESS) return st;
    unsigned char *src = malloc(in ? in : 1), *dst = malloc(room ? room : 1);
    gather(pSrcBuff, src);
    z_stream z;
    memset(&z, 0, sizeof z);
    int strategy = s->setup.huffType == CPA_DC_HT_STATIC ? Z_FIXED : Z_DEFAULT_STRATEGY;
    deflateInit2(&z, (int)s->setup.compLevel, Z_DEFLATED, -15, 8, strategy);
    z.next_in = src;
    z.avail_in = (uInt)in;
    z.next_out = dst;
    z.avail_out = (uInt)room;
    int rc = deflate(&z, flushFlag == CPA_DC_FLUSH_FINAL ? Z_FINISH : Z_FULL_FLUSH);
    int whole = flushFlag == CPA_DC_FLUSH_FINAL ? rc == Z_STREAM_END : (rc == Z_OK && z.avail_in == 0 && z.avail_out > 0);
    if (whole) {
        scatter(pDestBuff, dst, z.total_out);
        pResults->status = CPA_DC_OK;
        pResults->consumed = (Cpa32U)in;
        pResults->produced = (Cpa32U)z.total_out;
        pResults->checksum = checksum(s, pResults->checksum, src, in);
        pResults->endOfLastBlock = flushFlag == CPA_DC_FLUSH_FINAL ? CPA_TRUE : CPA_FALSE;
    } else {
        pResults->status = CPA_DC_OVERFLOW;
        pResults->consumed = 0;
        pResults->produced = 0;
        pResults->endOfLastBlock = CPA_FALSE;
    }
    deflateEnd(&z);
    free(src);
    free(dst);
    trace("compress", flushFlag, pResults);
    pthread_mutex_lock(&lock);
    if (whole) device.stats.numCompCompleted++; else device.stats.numCompCompletedErrors++;
    pthread_mutex_unlock(&lock);
    complete(s, callbackTag, CPA_STATUS_SUCCESS);
    return CPA_STATUS_SUCCESS;
}

static CpaStatus dc_decompress(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                            CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag) {
    session *s = session_of(pSessionHandle);
    uint64_t in, room;
    CpaStatus st = request_checks(dcInstance, s, pSrcBuff, pDestBuff, pResults, flushFlag, &in, &room, 0);
    if (st != CPA_STATUS_SUCCESS) return st;
    unsigned char *src = malloc(in ? in : 1), *dst = malloc(room ? room : 1);
    gather(pSrcBuff, src);
    z_stream z;
    memset(&z, 0, sizeof z);
    inflateInit2(&z, -15);
    z.next_in = src;
    z.avail_in = (uInt)in;
    z.next_out = dst;
    z.avail_out = (uInt)room;
    int rc = inflate(&z, Z_SYNC_FLUSH);
    int ok = rc == Z_STREAM_END || rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_out > 0);
    if (ok) {
        scatter(pDestBuff, dst, z.total_out);
        /* Output full before the stream or the source ended: what fitted, reported as an overflow. */
        pResults->status = rc != Z_STREAM_END && z.avail_out == 0 && z.avail_in > 0 ? CPA_DC_OVERFLOW : CPA_DC_OK;
        pResults->consumed = (Cpa32U)z.total_in;
        pResults->produced = (Cpa32U)z.total_out;
        pResults->checksum = checksum(s, pResults->checksum, dst, z.total_out);
        pResults->endOfLastBlock = rc == Z_STREAM_END ? CPA_TRUE : CPA_FALSE;
    } else {
        pResults->status = CPA_DC_BAD_DATA;
        pResults->consumed = 0;
        pResults->produced = 0;
        pResults->endOfLastBlock = CPA_FALSE;
    }
    inflateEnd(&z);
    free(src);
    free(dst);
    trace("decompress", flushFlag, pResults);
    pthread_mutex_lock(&lock);
    if (pResults->status == CPA_DC_OK) device.stats.numDecompCompleted++; else device.stats.numDecompCompletedErrors++;
    pthread_mutex_unlock(&lock);
    complete(s, callbackTag, CPA_STATUS_SUCCESS);
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcCompressData(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                            CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag) {
    return dc_compress(dcInstance, pSessionHandle, pSrcBuff, pDestBuff, pResults, flushFlag, callbackTag);
}

CpaStatus cpaDcCompressData2(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                             CpaBufferList *pDestBuff, CpaDcOpData *pOpData, CpaDcRqResults *pResults, void *callbackTag) {
    if (!pOpData) return CPA_STATUS_INVALID_PARAM;
    /* Compress-and-verify: the reference's output is zlib's, verified by construction. */
    return dc_compress(dcInstance, pSessionHandle, pSrcBuff, pDestBuff, pResults, pOpData->flushFlag, callbackTag);
}

CpaStatus cpaDcDecompressData(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                              CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag) {
    return dc_decompress(dcInstance, pSessionHandle, pSrcBuff, pDestBuff, pResults, flushFlag, callbackTag);
}

CpaStatus cpaDcDecompressData2(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff,
                               CpaBufferList *pDestBuff, CpaDcOpData *pOpData, CpaDcRqResults *pResults, void *callbackTag) {
    if (!pOpData) return CPA_STATUS_INVALID_PARAM;
    return dc_decompress(dcInstance, pSessionHandle, pSrcBuff, pDestBuff, pResults, pOpData->flushFlag, callbackTag);
}

/* A gzip header (CRC32 sessions: 10 bytes, no name, OS unknown) or a zlib header (Adler32 sessions: 2 bytes). */
CpaStatus cpaDcGenerateHeader(CpaDcSessionHandle pSessionHandle, CpaFlatBuffer *pDestBuff, Cpa32U *count) {
    session *s = session_of(pSessionHandle);
    if (!s || !pDestBuff || !count || !pDestBuff->pData) return CPA_STATUS_INVALID_PARAM;
    static const unsigned char gzip[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };
    unsigned char zlib[2] = { 0x78, 0 };
    zlib[1] = (unsigned char)(31 - (0x78 * 256) % 31);
    const unsigned char *h = s->setup.checksum == CPA_DC_ADLER32 ? zlib : gzip;
    Cpa32U n = s->setup.checksum == CPA_DC_ADLER32 ? 2 : s->setup.checksum == CPA_DC_CRC32 ? 10 : 0;
    if (pDestBuff->dataLenInBytes < n) return CPA_STATUS_INVALID_PARAM;
    memcpy(pDestBuff->pData, h, n);
    *count = n;
    return CPA_STATUS_SUCCESS;
}

/* The gzip footer (CRC32 and input size, from the results) or the zlib one (Adler32, big-endian). */
CpaStatus cpaDcGenerateFooter(CpaDcSessionHandle pSessionHandle, CpaFlatBuffer *pDestBuff, CpaDcRqResults *pResults) {
    session *s = session_of(pSessionHandle);
    if (!s || !pDestBuff || !pResults || !pDestBuff->pData) return CPA_STATUS_INVALID_PARAM;
    unsigned char *p = pDestBuff->pData;
    Cpa32U c = pResults->checksum;
    if (s->setup.checksum == CPA_DC_CRC32) {
        if (pDestBuff->dataLenInBytes < 8) return CPA_STATUS_INVALID_PARAM;
        Cpa32U n = pResults->consumed;
        unsigned char f[8] = { c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF, c >> 24, n & 0xFF, (n >> 8) & 0xFF, (n >> 16) & 0xFF, n >> 24 };
        memcpy(p, f, 8);
        pResults->produced += 8;
    } else if (s->setup.checksum == CPA_DC_ADLER32) {
        if (pDestBuff->dataLenInBytes < 4) return CPA_STATUS_INVALID_PARAM;
        unsigned char f[4] = { c >> 24, (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF };
        memcpy(p, f, 4);
        pResults->produced += 4;
    }
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcGetStats(CpaInstanceHandle dcInstance, CpaDcStats *pStatistics) {
    if (!is_instance(dcInstance) || !pStatistics) return CPA_STATUS_INVALID_PARAM;
    pthread_mutex_lock(&lock);
    *pStatistics = device.stats;
    pthread_mutex_unlock(&lock);
    return CPA_STATUS_SUCCESS;
}

CpaStatus cpaDcGetStatusText(const CpaInstanceHandle dcInstance, const CpaStatus errStatus, Cpa8S *pStatusText) {
    if (!is_instance(dcInstance) || !pStatusText) return CPA_STATUS_INVALID_PARAM;
    const char *t;
    switch (errStatus) {
    case CPA_STATUS_SUCCESS: t = CPA_STATUS_STR_SUCCESS; break;
    case CPA_STATUS_FAIL: t = CPA_STATUS_STR_FAIL; break;
    case CPA_STATUS_RETRY: t = CPA_STATUS_STR_RETRY; break;
    case CPA_STATUS_RESOURCE: t = CPA_STATUS_STR_RESOURCE; break;
    case CPA_STATUS_INVALID_PARAM: t = CPA_STATUS_STR_INVALID_PARAM; break;
    case CPA_STATUS_FATAL: t = CPA_STATUS_STR_FATAL; break;
    case CPA_STATUS_UNSUPPORTED: t = CPA_STATUS_STR_UNSUPPORTED; break;
    default: return CPA_STATUS_INVALID_PARAM;
    }
    snprintf((char *)pStatusText, CPA_STATUS_MAX_STR_LENGTH_IN_BYTES, "%s", t);
    return CPA_STATUS_SUCCESS;
}

CpaStatus icp_sal_DcPollInstance(CpaInstanceHandle instanceHandle, Cpa32U response_quota) {
    if (!is_instance(instanceHandle)) return CPA_STATUS_INVALID_PARAM;
    unsigned done = 0;
    for (;;) {
        pthread_mutex_lock(&lock);
        if (device.count == 0 || (response_quota && done == response_quota)) {
            pthread_mutex_unlock(&lock);
            break;
        }
        pending p = device.queue[device.head];
        device.head = (device.head + 1) % MAX_PENDING;
        device.count--;
        pthread_mutex_unlock(&lock);
        p.fn(p.tag, p.status);
        done++;
    }
    return done ? CPA_STATUS_SUCCESS : CPA_STATUS_RETRY;
}
