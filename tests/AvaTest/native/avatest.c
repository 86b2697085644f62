/* avatest: the real library behind tests/AvaTest. See avatest.h for the contract of each function. */
#define _POSIX_C_SOURCE 200809L

#include "avatest.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AT_EXPORT __attribute__((visibility("default")))

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

struct at_object_s {
    struct at_object_s *prev;
    struct at_object_s *next;
    int kind;
    int refs;
    int64_t value;
};

/* Library state, all under one lock. Objects are kept in a list so that any handle can be validated
 * without touching freed memory: a handle that is not in the list is AT_ERR_INVALID_HANDLE. */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t g_checksum = FNV_OFFSET;
static int g_callbacks;
static int g_live;
static struct at_object_s *g_objects;

/* Called with g_lock held. */
static struct at_object_s *find_object(at_object o)
{
    if (o == NULL)
        return NULL;
    for (struct at_object_s *p = g_objects; p != NULL; p = p->next)
        if (p == o)
            return p;
    return NULL;
}

AT_EXPORT int at_noop(void)
{
    return AT_SUCCESS;
}

AT_EXPORT int at_add(int a, int b, int *result)
{
    if (result == NULL)
        return AT_ERR_INVALID_VALUE;
    *result = (int)((unsigned)a + (unsigned)b);
    return AT_SUCCESS;
}

AT_EXPORT int at_in_transfer(const void *data, size_t size)
{
    if (data == NULL && size != 0)
        return AT_ERR_INVALID_VALUE;
    const uint8_t *p = data;
    pthread_mutex_lock(&g_lock);
    uint64_t h = g_checksum;
    for (size_t i = 0; i < size; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    g_checksum = h;
    pthread_mutex_unlock(&g_lock);
    return AT_SUCCESS;
}

AT_EXPORT int at_out_transfer(void *data, size_t size)
{
    if (data == NULL && size != 0)
        return AT_ERR_INVALID_VALUE;
    uint8_t *p = data;
    for (size_t i = 0; i < size; i++)
        p[i] = AT_PATTERN_BYTE(i);
    return AT_SUCCESS;
}

AT_EXPORT int at_checksum(uint64_t *out)
{
    if (out == NULL)
        return AT_ERR_INVALID_VALUE;
    pthread_mutex_lock(&g_lock);
    *out = g_checksum;
    pthread_mutex_unlock(&g_lock);
    return AT_SUCCESS;
}

AT_EXPORT int at_scale(float *values, size_t count, float factor)
{
    if (values == NULL && count != 0)
        return AT_ERR_INVALID_VALUE;
    for (size_t i = 0; i < count; i++)
        values[i] *= factor;
    return AT_SUCCESS;
}

AT_EXPORT int at_sum_ints(const int32_t *values, size_t count, int64_t *sum)
{
    if ((values == NULL && count != 0) || sum == NULL)
        return AT_ERR_INVALID_VALUE;
    int64_t s = 0;
    for (size_t i = 0; i < count; i++)
        s += values[i];
    *sum = s;
    return AT_SUCCESS;
}

AT_EXPORT int at_fill_matrix(double *m, size_t rows, size_t cols, double v)
{
    if (cols != 0 && rows > SIZE_MAX / sizeof(double) / cols)
        return AT_ERR_INVALID_VALUE;
    if (m == NULL && rows * cols != 0)
        return AT_ERR_INVALID_VALUE;
    /* An empty matrix has nothing to fill: without this, 2^40 rows of 0 columns would loop for hours. */
    if (rows == 0 || cols == 0)
        return AT_SUCCESS;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++)
            m[r * cols + c] = v + (double)r * 1000.0 + (double)c;
    return AT_SUCCESS;
}

AT_EXPORT int at_strlen(const char *s, size_t *len)
{
    if (s == NULL || len == NULL)
        return AT_ERR_INVALID_VALUE;
    *len = strlen(s);
    return AT_SUCCESS;
}

AT_EXPORT int at_greet(const char *name, char *buf, size_t buf_size, size_t *needed)
{
    static const char prefix[] = "hello, ";
    if (name == NULL)
        return AT_ERR_INVALID_VALUE;
    size_t plen = sizeof prefix - 1;
    size_t nlen = strlen(name);
    size_t total = plen + nlen + 1;
    if (needed != NULL)
        *needed = total;
    if (buf != NULL && buf_size != 0) {
        size_t room = buf_size - 1;
        size_t n1 = plen < room ? plen : room;
        memcpy(buf, prefix, n1);
        size_t n2 = nlen < room - n1 ? nlen : room - n1;
        memcpy(buf + n1, name, n2);
        buf[n1 + n2] = '\0';
    }
    return AT_SUCCESS;
}

AT_EXPORT int at_join(unsigned count, const char **strings, const size_t *lengths, char *out, size_t out_size)
{
    if (out == NULL || out_size == 0 || (strings == NULL && count != 0))
        return AT_ERR_INVALID_VALUE;
    size_t total = 0;
    for (unsigned i = 0; i < count; i++) {
        if (strings[i] == NULL)
            return AT_ERR_INVALID_VALUE;
        size_t n = (lengths != NULL && lengths[i] != 0) ? lengths[i] : strlen(strings[i]);
        if (n > out_size - 1 - total)
            return AT_ERR_INVALID_VALUE;
        total += n;
    }
    size_t pos = 0;
    for (unsigned i = 0; i < count; i++) {
        size_t n = (lengths != NULL && lengths[i] != 0) ? lengths[i] : strlen(strings[i]);
        memcpy(out + pos, strings[i], n);
        pos += n;
    }
    out[pos] = '\0';
    return AT_SUCCESS;
}

AT_EXPORT at_object at_object_create(int kind, int *err)
{
    if (kind < 0) {
        if (err != NULL)
            *err = AT_ERR_INVALID_VALUE;
        return NULL;
    }
    struct at_object_s *o = calloc(1, sizeof *o);
    if (o == NULL) {
        if (err != NULL)
            *err = AT_ERR_OUT_OF_MEMORY;
        return NULL;
    }
    o->kind = kind;
    o->refs = 1;
    pthread_mutex_lock(&g_lock);
    o->next = g_objects;
    if (g_objects != NULL)
        g_objects->prev = o;
    g_objects = o;
    g_live++;
    pthread_mutex_unlock(&g_lock);
    if (err != NULL)
        *err = AT_SUCCESS;
    return o;
}

AT_EXPORT int at_object_kind(at_object o, int *kind)
{
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else if (kind == NULL)
        rc = AT_ERR_INVALID_VALUE;
    else
        *kind = p->kind;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_object_retain(at_object o)
{
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else if (p->refs == INT_MAX)
        rc = AT_ERR_INVALID_VALUE;
    else
        p->refs++;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_object_release(at_object o)
{
    struct at_object_s *dead = NULL;
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL) {
        rc = AT_ERR_INVALID_HANDLE;
    } else if (--p->refs == 0) {
        if (p->prev != NULL)
            p->prev->next = p->next;
        else
            g_objects = p->next;
        if (p->next != NULL)
            p->next->prev = p->prev;
        g_live--;
        dead = p;
    }
    pthread_mutex_unlock(&g_lock);
    free(dead);
    return rc;
}

AT_EXPORT int at_object_set(at_object o, int64_t v)
{
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else
        p->value = v;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_object_get(at_object o, int64_t *v)
{
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else if (v == NULL)
        rc = AT_ERR_INVALID_VALUE;
    else
        *v = p->value;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_live_objects(int *count)
{
    if (count == NULL)
        return AT_ERR_INVALID_VALUE;
    pthread_mutex_lock(&g_lock);
    *count = g_live;
    pthread_mutex_unlock(&g_lock);
    return AT_SUCCESS;
}

AT_EXPORT int at_object_add(at_object o, int64_t delta)
{
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else
        p->value = (int64_t)((uint64_t)p->value + (uint64_t)delta);
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_enqueue_copy(at_object o, int blocking, int64_t *dst)
{
    (void)blocking; /* This library completes the copy at once either way. */
    int rc = AT_SUCCESS;
    pthread_mutex_lock(&g_lock);
    struct at_object_s *p = find_object(o);
    if (p == NULL)
        rc = AT_ERR_INVALID_HANDLE;
    else if (dst == NULL)
        rc = AT_ERR_INVALID_VALUE;
    else
        *dst = p->value;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

AT_EXPORT int at_finish(void)
{
    return AT_SUCCESS;
}

struct callback_job {
    at_callback cb;
    void *user_data;
    int status;
};

static void *callback_thread(void *arg)
{
    struct callback_job job = *(struct callback_job *)arg;
    free(arg);
    job.cb(job.status, job.user_data);
    return NULL;
}

AT_EXPORT int at_run_with_callback(int value, at_callback cb, void *user_data)
{
    if (cb == NULL)
        return AT_ERR_INVALID_VALUE;
    struct callback_job *job = malloc(sizeof *job);
    if (job == NULL)
        return AT_ERR_OUT_OF_MEMORY;
    job->cb = cb;
    job->user_data = user_data;
    job->status = (int)((unsigned)value * 2u);

    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) {
        free(job);
        return AT_ERR_INTERNAL;
    }
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* Count before the thread starts so the count is current when the callback runs. */
    pthread_mutex_lock(&g_lock);
    g_callbacks++;
    pthread_mutex_unlock(&g_lock);
    pthread_t thread;
    int rc = pthread_create(&thread, &attr, callback_thread, job);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_mutex_lock(&g_lock);
        g_callbacks--;
        pthread_mutex_unlock(&g_lock);
        free(job);
        return AT_ERR_INTERNAL;
    }
    return AT_SUCCESS;
}

AT_EXPORT int at_callback_count(int *count)
{
    if (count == NULL)
        return AT_ERR_INVALID_VALUE;
    pthread_mutex_lock(&g_lock);
    *count = g_callbacks;
    pthread_mutex_unlock(&g_lock);
    return AT_SUCCESS;
}

AT_EXPORT int at_sleep_ms(int ms)
{
    if (ms < 0)
        return AT_ERR_INVALID_VALUE;
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0) {
        if (errno != EINTR)
            return AT_ERR_INTERNAL;
    }
    return AT_SUCCESS;
}

AT_EXPORT int at_fail(int code)
{
    return code;
}

AT_EXPORT int at_divide(int a, int b, int *q)
{
    if (q == NULL || b == 0 || (a == INT_MIN && b == -1))
        return AT_ERR_INVALID_VALUE;
    *q = a / b;
    return AT_SUCCESS;
}

AT_EXPORT void at_reset(void)
{
    pthread_mutex_lock(&g_lock);
    g_checksum = FNV_OFFSET;
    g_callbacks = 0;
    pthread_mutex_unlock(&g_lock);
}

int at_sink(const void *data, size_t size)
{
    (void)data;
    (void)size;
    return AT_SUCCESS;
}

int at_source(void *data, size_t size)
{
    (void)data;
    (void)size;
    return AT_SUCCESS;
}
