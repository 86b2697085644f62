/* prog: exercises every function of libavatest and prints a deterministic transcript.
 *
 * Runs the same way against the real library and against the remoted drop-in library, so the two
 * transcripts can be compared byte for byte. Only values are printed (no pointers, no timings). Every
 * result is also checked against its expected value; the exit status is 0 only when all checks pass. */
#define _POSIX_C_SOURCE 200809L

#include "avatest.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int g_failures;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            g_failures++;                                                           \
            printf("CHECK FAILED line %d: %s\n", __LINE__, #cond);                  \
        }                                                                           \
    } while (0)

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

static void sleep_ms_local(int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void test_scalars(void)
{
    int rc, r = 0;
    printf("== scalars\n");
    rc = at_noop();
    printf("at_noop = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_add(2, 3, &r);
    printf("at_add(2, 3) = %d result=%d\n", rc, r);
    CHECK(rc == AT_SUCCESS && r == 5);
    rc = at_add(-7, 100000, &r);
    printf("at_add(-7, 100000) = %d result=%d\n", rc, r);
    CHECK(rc == AT_SUCCESS && r == 99993);
    rc = at_add(1, 1, NULL);
    printf("at_add(1, 1, NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    long long total = 0;
    for (int i = 0; i < 1000; i++) {
        rc = at_add(i, i, &r);
        CHECK(rc == AT_SUCCESS && r == 2 * i);
        total += r;
    }
    printf("1000 x at_add total=%lld\n", total);
    CHECK(total == 999000);
}

static void transfer(size_t size)
{
    uint8_t *out = NULL, *in = NULL;
    if (size != 0) {
        out = malloc(size);
        in = malloc(size);
        if (out == NULL || in == NULL) {
            printf("malloc(%zu) failed\n", size);
            g_failures++;
            free(out);
            free(in);
            return;
        }
        memset(out, 0xee, size);
    }
    at_reset();
    int rc = at_out_transfer(out, size);
    CHECK(rc == AT_SUCCESS);
    size_t bad = 0;
    for (size_t i = 0; i < size; i++)
        bad += out[i] != AT_PATTERN_BYTE(i);
    uint64_t local = fnv(FNV_OFFSET, out, size);
    printf("at_out_transfer(%zu) = %d mismatches=%zu fnv=%016" PRIx64 "\n", size, rc, bad, local);
    CHECK(bad == 0);

    /* In: send the pattern back in two pieces, then a second distinct buffer. */
    size_t half = size / 2;
    rc = at_in_transfer(out, half);
    CHECK(rc == AT_SUCCESS);
    rc = at_in_transfer(size != 0 ? out + half : NULL, size - half);
    CHECK(rc == AT_SUCCESS);
    uint64_t sum = 0;
    rc = at_checksum(&sum);
    printf("at_in_transfer(%zu) checksum=%016" PRIx64 " rc=%d\n", size, sum, rc);
    CHECK(rc == AT_SUCCESS && sum == local);

    for (size_t i = 0; i < size; i++)
        in[i] = (uint8_t)(i ^ (i >> 11) ^ 0x5a);
    rc = at_in_transfer(in, size);
    CHECK(rc == AT_SUCCESS);
    local = fnv(local, in, size);
    rc = at_checksum(&sum);
    printf("at_in_transfer(%zu) second checksum=%016" PRIx64 " rc=%d\n", size, sum, rc);
    CHECK(rc == AT_SUCCESS && sum == local);
    free(out);
    free(in);
}

static void test_buffers(void)
{
    int rc;
    printf("== buffers\n");
    transfer(0);
    transfer(4096);
    transfer(1u << 20);
    transfer(64u << 20);

    rc = at_out_transfer(NULL, 0);
    printf("at_out_transfer(NULL, 0) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_out_transfer(NULL, 16);
    printf("at_out_transfer(NULL, 16) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_in_transfer(NULL, 16);
    printf("at_in_transfer(NULL, 16) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_checksum(NULL);
    printf("at_checksum(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    /* Many small transfers. */
    at_reset();
    uint64_t local = FNV_OFFSET;
    for (int i = 0; i < 1000; i++) {
        uint8_t b[7];
        for (int j = 0; j < 7; j++)
            b[j] = (uint8_t)(i * 7 + j);
        rc = at_in_transfer(b, sizeof b);
        CHECK(rc == AT_SUCCESS);
        local = fnv(local, b, sizeof b);
    }
    uint64_t sum = 0;
    rc = at_checksum(&sum);
    printf("1000 x at_in_transfer(7) checksum=%016" PRIx64 " rc=%d\n", sum, rc);
    CHECK(rc == AT_SUCCESS && sum == local);

    float v[5] = { 1.0f, -2.5f, 3.25f, 0.0f, 100.0f };
    rc = at_scale(v, 5, 2.0f);
    printf("at_scale(x2) = %d values=%g %g %g %g %g\n", rc, v[0], v[1], v[2], v[3], v[4]);
    CHECK(rc == AT_SUCCESS && v[0] == 2.0f && v[1] == -5.0f && v[2] == 6.5f && v[3] == 0.0f && v[4] == 200.0f);
    rc = at_scale(v + 1, 2, -0.5f);
    printf("at_scale(sub, x-0.5) = %d values=%g %g %g %g %g\n", rc, v[0], v[1], v[2], v[3], v[4]);
    CHECK(rc == AT_SUCCESS && v[0] == 2.0f && v[1] == 2.5f && v[2] == -3.25f && v[4] == 200.0f);
    rc = at_scale(NULL, 0, 3.0f);
    printf("at_scale(NULL, 0) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    float big[1000];
    for (int i = 0; i < 1000; i++)
        big[i] = (float)i;
    for (int k = 0; k < 10; k++) {
        rc = at_scale(big, 1000, 2.0f);
        CHECK(rc == AT_SUCCESS);
    }
    printf("10 x at_scale(1000, x2) big[999]=%g big[1]=%g\n", big[999], big[1]);
    CHECK(big[999] == 999.0f * 1024.0f && big[1] == 1024.0f);

    int32_t ints[6] = { 1, 2, 3, -4, 2000000000, 2000000000 };
    int64_t isum = 0;
    rc = at_sum_ints(ints, 6, &isum);
    printf("at_sum_ints(6) = %d sum=%" PRId64 "\n", rc, isum);
    CHECK(rc == AT_SUCCESS && isum == 4000000002LL);
    rc = at_sum_ints(NULL, 0, &isum);
    printf("at_sum_ints(NULL, 0) = %d sum=%" PRId64 "\n", rc, isum);
    CHECK(rc == AT_SUCCESS && isum == 0);
    rc = at_sum_ints(ints, 6, NULL);
    printf("at_sum_ints(sum=NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    double m[3 * 4];
    for (int i = 0; i < 12; i++)
        m[i] = -1.0;
    rc = at_fill_matrix(m, 3, 4, 0.5);
    printf("at_fill_matrix(3x4, 0.5) = %d m[0]=%g m[5]=%g m[11]=%g\n", rc, m[0], m[5], m[11]);
    CHECK(rc == AT_SUCCESS && m[0] == 0.5 && m[5] == 1001.5 && m[11] == 2003.5);
    rc = at_fill_matrix(NULL, 0, 7, 1.0);
    printf("at_fill_matrix(NULL, 0x7) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_fill_matrix(NULL, 2, 2, 1.0);
    printf("at_fill_matrix(NULL, 2x2) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
}

static void test_strings(void)
{
    int rc;
    size_t len = 0, needed = 0;
    char buf[64];
    printf("== strings\n");
    rc = at_strlen("avatest", &len);
    printf("at_strlen(\"avatest\") = %d len=%zu\n", rc, len);
    CHECK(rc == AT_SUCCESS && len == 7);
    rc = at_strlen("", &len);
    printf("at_strlen(\"\") = %d len=%zu\n", rc, len);
    CHECK(rc == AT_SUCCESS && len == 0);
    rc = at_strlen(NULL, &len);
    printf("at_strlen(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    rc = at_greet("world", NULL, 0, &needed);
    printf("at_greet(\"world\", NULL) = %d needed=%zu\n", rc, needed);
    CHECK(rc == AT_SUCCESS && needed == 13);
    rc = at_greet("world", buf, sizeof buf, &needed);
    printf("at_greet(\"world\", 64) = %d buf=\"%s\" needed=%zu\n", rc, buf, needed);
    CHECK(rc == AT_SUCCESS && strcmp(buf, "hello, world") == 0 && needed == 13);
    rc = at_greet("world", buf, 6, &needed);
    printf("at_greet(\"world\", 6) = %d buf=\"%s\" needed=%zu\n", rc, buf, needed);
    CHECK(rc == AT_SUCCESS && strcmp(buf, "hello") == 0 && needed == 13);
    rc = at_greet("world", buf, 10, NULL);
    printf("at_greet(\"world\", 10, needed=NULL) = %d buf=\"%s\"\n", rc, buf);
    CHECK(rc == AT_SUCCESS && strcmp(buf, "hello, wo") == 0);
    rc = at_greet("world", buf, 1, &needed);
    printf("at_greet(\"world\", 1) = %d buf=\"%s\" needed=%zu\n", rc, buf, needed);
    CHECK(rc == AT_SUCCESS && buf[0] == '\0' && needed == 13);
    rc = at_greet(NULL, buf, sizeof buf, &needed);
    printf("at_greet(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    char longname[300];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    char *gbuf = NULL;
    rc = at_greet(longname, NULL, 0, &needed);
    CHECK(rc == AT_SUCCESS);
    gbuf = malloc(needed);
    rc = at_greet(longname, gbuf, needed, &needed);
    printf("at_greet(299 x 'x', query then fill) = %d needed=%zu strlen=%zu\n", rc, needed, strlen(gbuf));
    CHECK(rc == AT_SUCCESS && needed == 307 && strlen(gbuf) == 306);
    free(gbuf);

    const char *parts[4] = { "alpha", "beta-and-more", "gamma", "" };
    size_t lengths[4] = { 0, 4, 0, 0 };
    char out[64];
    rc = at_join(4, parts, lengths, out, sizeof out);
    printf("at_join(4, lengths) = %d out=\"%s\"\n", rc, out);
    CHECK(rc == AT_SUCCESS && strcmp(out, "alphabetagamma") == 0);
    rc = at_join(3, parts, NULL, out, sizeof out);
    printf("at_join(3, NULL lengths) = %d out=\"%s\"\n", rc, out);
    CHECK(rc == AT_SUCCESS && strcmp(out, "alphabeta-and-moregamma") == 0);
    rc = at_join(0, NULL, NULL, out, sizeof out);
    printf("at_join(0) = %d out=\"%s\"\n", rc, out);
    CHECK(rc == AT_SUCCESS && out[0] == '\0');
    rc = at_join(3, parts, NULL, out, 10);
    printf("at_join(3, out_size=10) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_join(2, parts, NULL, NULL, 0);
    printf("at_join(out=NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    const char *withnull[2] = { "a", NULL };
    rc = at_join(2, withnull, NULL, out, sizeof out);
    printf("at_join(NULL element) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
}

static void test_handles(void)
{
    int rc, err = 12345, kind = -1, live = -1;
    int64_t v = 0;
    printf("== handles\n");
    rc = at_live_objects(&live);
    printf("at_live_objects = %d live=%d\n", rc, live);
    CHECK(rc == AT_SUCCESS && live == 0);

    at_object a = at_object_create(7, &err);
    printf("at_object_create(7) null=%d err=%d\n", a == NULL, err);
    CHECK(a != NULL && err == AT_SUCCESS);
    at_object b = at_object_create(3, NULL);
    printf("at_object_create(3, err=NULL) null=%d\n", b == NULL);
    CHECK(b != NULL && b != a);
    at_object bad = at_object_create(-1, &err);
    printf("at_object_create(-1) null=%d err=%d\n", bad == NULL, err);
    CHECK(bad == NULL && err == AT_ERR_INVALID_VALUE);
    rc = at_live_objects(&live);
    printf("at_live_objects = %d live=%d\n", rc, live);
    CHECK(rc == AT_SUCCESS && live == 2);

    rc = at_object_kind(a, &kind);
    printf("at_object_kind(a) = %d kind=%d\n", rc, kind);
    CHECK(rc == AT_SUCCESS && kind == 7);
    rc = at_object_kind(b, &kind);
    printf("at_object_kind(b) = %d kind=%d\n", rc, kind);
    CHECK(rc == AT_SUCCESS && kind == 3);
    rc = at_object_set(a, -42);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_set(b, 1LL << 40);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_get(a, &v);
    printf("at_object_get(a) = %d v=%" PRId64 "\n", rc, v);
    CHECK(rc == AT_SUCCESS && v == -42);
    rc = at_object_get(b, &v);
    printf("at_object_get(b) = %d v=%" PRId64 "\n", rc, v);
    CHECK(rc == AT_SUCCESS && v == (1LL << 40));

    /* Reference counting: retain twice, release three times. */
    rc = at_object_retain(a);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_retain(a);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_release(a);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_release(a);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_get(a, &v);
    printf("after retain x2 release x2: at_object_get(a) = %d v=%" PRId64 "\n", rc, v);
    CHECK(rc == AT_SUCCESS && v == -42);
    rc = at_live_objects(&live);
    printf("at_live_objects = %d live=%d\n", rc, live);
    CHECK(rc == AT_SUCCESS && live == 2);
    rc = at_object_release(a);
    printf("at_object_release(a) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_live_objects(&live);
    printf("at_live_objects = %d live=%d\n", rc, live);
    CHECK(rc == AT_SUCCESS && live == 1);

    /* NULL handles. */
    rc = at_object_kind(NULL, &kind);
    printf("at_object_kind(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_HANDLE);
    rc = at_object_retain(NULL);
    printf("at_object_retain(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_HANDLE);
    rc = at_object_release(NULL);
    printf("at_object_release(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_HANDLE);
    rc = at_object_set(NULL, 1);
    printf("at_object_set(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_HANDLE);
    rc = at_object_get(NULL, &v);
    printf("at_object_get(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_HANDLE);
    /* at_object_add is asynchronous when remoted and then reports success at once, so its status is
     * checked but not printed: the transcript must be the same with and without remoting. */
    rc = at_object_add(NULL, 1);
    printf("at_object_add(NULL) called\n");
    CHECK(rc == AT_ERR_INVALID_HANDLE || rc == AT_SUCCESS);
    /* Remoted, the failure of the async call is reported by the next flush-like call instead. */
    rc = at_finish();
    CHECK(rc == AT_ERR_INVALID_HANDLE || rc == AT_SUCCESS);
    rc = at_object_get(b, NULL);
    printf("at_object_get(b, NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_live_objects(NULL);
    printf("at_live_objects(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    /* Many objects. */
    at_object many[200];
    for (int i = 0; i < 200; i++) {
        many[i] = at_object_create(i, &err);
        CHECK(many[i] != NULL && err == AT_SUCCESS);
        rc = at_object_set(many[i], (int64_t)i * i);
        CHECK(rc == AT_SUCCESS);
    }
    rc = at_live_objects(&live);
    printf("200 x at_object_create: live=%d\n", live);
    CHECK(rc == AT_SUCCESS && live == 201);
    int64_t total = 0;
    for (int i = 0; i < 200; i++) {
        rc = at_object_kind(many[i], &kind);
        CHECK(rc == AT_SUCCESS && kind == i);
        rc = at_object_get(many[i], &v);
        CHECK(rc == AT_SUCCESS);
        total += v;
    }
    printf("200 objects: sum of values=%" PRId64 "\n", total);
    CHECK(total == 2646700);
    for (int i = 199; i >= 0; i--) {
        rc = at_object_release(many[i]);
        CHECK(rc == AT_SUCCESS);
    }
    rc = at_object_release(b);
    CHECK(rc == AT_SUCCESS);
    rc = at_live_objects(&live);
    printf("after releasing all: live=%d\n", live);
    CHECK(rc == AT_SUCCESS && live == 0);
}

static void test_async(void)
{
    int rc, err = -99;
    int64_t v = 0, dst1 = -1, dst2 = -1, dst3 = -1;
    printf("== async\n");
    at_object o = at_object_create(1, &err);
    CHECK(o != NULL && err == AT_SUCCESS);
    int failed = 0;
    for (int i = 1; i <= 1000; i++)
        failed += at_object_add(o, i) != AT_SUCCESS;
    rc = at_object_get(o, &v);
    printf("1000 x at_object_add: failed=%d at_object_get = %d v=%" PRId64 "\n", failed, rc, v);
    CHECK(failed == 0 && rc == AT_SUCCESS && v == 500500);

    rc = at_enqueue_copy(o, 1, &dst1);
    printf("at_enqueue_copy(blocking) = %d dst=%" PRId64 "\n", rc, dst1);
    CHECK(rc == AT_SUCCESS && dst1 == 500500);

    /* Non-blocking copies: dst is read only after at_finish. */
    rc = at_enqueue_copy(o, 0, &dst2);
    CHECK(rc == AT_SUCCESS);
    rc = at_object_add(o, -500);
    CHECK(rc == AT_SUCCESS);
    rc = at_enqueue_copy(o, 0, &dst3);
    CHECK(rc == AT_SUCCESS);
    rc = at_finish();
    printf("at_finish = %d dst2=%" PRId64 " dst3=%" PRId64 "\n", rc, dst2, dst3);
    CHECK(rc == AT_SUCCESS && dst2 == 500500 && dst3 == 500000);

    int64_t dsts[100];
    for (int i = 0; i < 100; i++) {
        rc = at_object_add(o, 1);
        CHECK(rc == AT_SUCCESS);
        rc = at_enqueue_copy(o, 0, &dsts[i]);
        CHECK(rc == AT_SUCCESS);
    }
    rc = at_finish();
    int ok = 1;
    for (int i = 0; i < 100; i++)
        ok &= dsts[i] == 500001 + i;
    printf("100 x (add, enqueue_copy nonblocking), at_finish = %d dsts ok=%d last=%" PRId64 "\n", rc, ok, dsts[99]);
    CHECK(rc == AT_SUCCESS && ok);

    rc = at_object_release(o);
    CHECK(rc == AT_SUCCESS);
    rc = at_finish();
    printf("at_finish = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
}

struct cb_slot {
    atomic_int done;
    atomic_int status;
    int id;
};

static void on_callback(int status, void *user_data)
{
    struct cb_slot *slot = user_data;
    atomic_store(&slot->status, status);
    atomic_store(&slot->done, 1);
}

static int wait_done(struct cb_slot *slot)
{
    for (int i = 0; i < 10000; i++) {
        if (atomic_load(&slot->done))
            return 1;
        sleep_ms_local(1);
    }
    return 0;
}

static void test_callbacks(void)
{
    int rc, count = -1;
    printf("== callbacks\n");
    at_reset();
    rc = at_callback_count(&count);
    printf("at_callback_count = %d count=%d\n", rc, count);
    CHECK(rc == AT_SUCCESS && count == 0);

    struct cb_slot one = { .id = 1 };
    rc = at_run_with_callback(21, on_callback, &one);
    int arrived = wait_done(&one);
    printf("at_run_with_callback(21) = %d arrived=%d status=%d\n", rc, arrived, atomic_load(&one.status));
    CHECK(rc == AT_SUCCESS && arrived && atomic_load(&one.status) == 42);

    struct cb_slot slots[10];
    for (int i = 0; i < 10; i++) {
        atomic_init(&slots[i].done, 0);
        atomic_init(&slots[i].status, 0);
        slots[i].id = 100 + i;
        rc = at_run_with_callback(slots[i].id, on_callback, &slots[i]);
        CHECK(rc == AT_SUCCESS);
    }
    int all = 1, match = 1;
    for (int i = 0; i < 10; i++) {
        all &= wait_done(&slots[i]);
        match &= atomic_load(&slots[i].status) == 2 * slots[i].id;
    }
    printf("10 x at_run_with_callback: all arrived=%d statuses match user data=%d\n", all, match);
    CHECK(all && match);
    rc = at_callback_count(&count);
    printf("at_callback_count = %d count=%d\n", rc, count);
    CHECK(rc == AT_SUCCESS && count == 11);

    rc = at_run_with_callback(1, NULL, NULL);
    printf("at_run_with_callback(cb=NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_callback_count(NULL);
    printf("at_callback_count(NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
}

static void test_slow_and_errors(void)
{
    int rc, q = 0;
    printf("== slow calls and errors\n");
    rc = at_sleep_ms(0);
    printf("at_sleep_ms(0) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_sleep_ms(50);
    printf("at_sleep_ms(50) = %d\n", rc);
    CHECK(rc == AT_SUCCESS);
    rc = at_sleep_ms(-1);
    printf("at_sleep_ms(-1) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);

    for (int code = 0; code >= -4; code--) {
        rc = at_fail(code);
        printf("at_fail(%d) = %d\n", code, rc);
        CHECK(rc == code);
    }
    rc = at_divide(17, 5, &q);
    printf("at_divide(17, 5) = %d q=%d\n", rc, q);
    CHECK(rc == AT_SUCCESS && q == 3);
    rc = at_divide(-9, 2, &q);
    printf("at_divide(-9, 2) = %d q=%d\n", rc, q);
    CHECK(rc == AT_SUCCESS && q == -4);
    /* A failing call must leave its outputs untouched. */
    q = 77;
    rc = at_divide(1, 0, &q);
    printf("at_divide(1, 0) = %d q=%d\n", rc, q);
    CHECK(rc == AT_ERR_INVALID_VALUE && q == 77);
    rc = at_divide(-2147483647 - 1, -1, &q);
    printf("at_divide(INT_MIN, -1) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
    rc = at_divide(4, 2, NULL);
    printf("at_divide(4, 2, NULL) = %d\n", rc);
    CHECK(rc == AT_ERR_INVALID_VALUE);
}

struct worker {
    int index;
    int failures;
    int64_t final_value;
    int created;
};

/* Each thread owns its objects; results are printed by the main thread after join. */
static void *thread_main(void *arg)
{
    struct worker *w = arg;
    at_object objs[8];
    int err;
    for (int i = 0; i < 8; i++) {
        objs[i] = at_object_create(w->index * 10 + i, &err);
        if (objs[i] == NULL || err != AT_SUCCESS) {
            w->failures++;
            continue;
        }
        w->created++;
    }
    for (int round = 0; round < 500; round++) {
        for (int i = 0; i < 8; i++) {
            if (objs[i] == NULL)
                continue;
            if (at_object_add(objs[i], (int64_t)(w->index + 1) * (i + 1)) != AT_SUCCESS)
                w->failures++;
        }
        int r;
        if (at_add(round, w->index, &r) != AT_SUCCESS || r != round + w->index)
            w->failures++;
    }
    int64_t total = 0;
    for (int i = 0; i < 8; i++) {
        if (objs[i] == NULL)
            continue;
        int kind = -1;
        int64_t v = 0, copy = -1;
        if (at_object_kind(objs[i], &kind) != AT_SUCCESS || kind != w->index * 10 + i)
            w->failures++;
        if (at_enqueue_copy(objs[i], 0, &copy) != AT_SUCCESS)
            w->failures++;
        if (at_finish() != AT_SUCCESS)
            w->failures++;
        if (at_object_get(objs[i], &v) != AT_SUCCESS || v != copy)
            w->failures++;
        total += v;
        if (at_object_release(objs[i]) != AT_SUCCESS)
            w->failures++;
    }
    w->final_value = total;
    return NULL;
}

static void test_threads(void)
{
    printf("== threads\n");
    pthread_t t[2];
    struct worker w[2] = { { .index = 1 }, { .index = 2 } };
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, thread_main, &w[i]) != 0) {
            printf("pthread_create failed\n");
            g_failures++;
            return;
        }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++) {
        printf("thread %d: created=%d failures=%d total=%" PRId64 "\n", w[i].index, w[i].created, w[i].failures,
               w[i].final_value);
        CHECK(w[i].created == 8 && w[i].failures == 0 && w[i].final_value == 500LL * (w[i].index + 1) * 36);
    }
    int live = -1;
    int rc = at_live_objects(&live);
    printf("at_live_objects = %d live=%d\n", rc, live);
    CHECK(rc == AT_SUCCESS && live == 0);
}

static void test_reset(void)
{
    int rc, count = -1;
    uint64_t sum = 0;
    printf("== reset\n");
    rc = at_in_transfer("abc", 3);
    CHECK(rc == AT_SUCCESS);
    at_reset();
    rc = at_checksum(&sum);
    printf("after at_reset: checksum=%016" PRIx64 " rc=%d\n", sum, rc);
    CHECK(rc == AT_SUCCESS && sum == FNV_OFFSET);
    rc = at_callback_count(&count);
    printf("after at_reset: callback count=%d rc=%d\n", count, rc);
    CHECK(rc == AT_SUCCESS && count == 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("avatest prog %d.%d\n", AT_VERSION_MAJOR, AT_VERSION_MINOR);
    at_reset();
    test_scalars();
    test_buffers();
    test_strings();
    test_handles();
    test_async();
    test_callbacks();
    test_slow_and_errors();
    test_threads();
    test_reset();
    printf("== done: %d failures\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
