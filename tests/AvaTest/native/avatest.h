/*
 * avatest: a small, deterministic C library used to prove the API-remoting core end to end.
 *
 * Every function exercises one kind of annotation of the spec vocabulary (libs/Ava.Spec/Attributes.cs):
 * scalar outputs, in/out/in-out buffers with size expressions, strings, arrays of strings, handles with
 * reference counts, asynchronous calls with deferred outputs, callbacks with user data, slow calls and
 * error returns. The spec that remotes it is tests/AvaTest/Spec/AvaTestApi.cs.
 *
 * Status-returning functions return AT_SUCCESS (0) or a negative AT_ERR_* value. All functions are
 * thread-safe; library state (checksum, callback count, live objects) is process-wide.
 */
#ifndef AVATEST_H
#define AVATEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AT_VERSION_MAJOR 1
#define AT_VERSION_MINOR 0

#define AT_SUCCESS 0
#define AT_ERR_INVALID_VALUE (-1)
#define AT_ERR_INVALID_HANDLE (-2)
#define AT_ERR_OUT_OF_MEMORY (-3)
#define AT_ERR_INTERNAL (-4)

/* Opaque, reference-counted object. */
typedef struct at_object_s *at_object;

/* Called from a library-owned thread with the status computed by the call and the caller's user data. */
typedef void (*at_callback)(int status, void *user_data);

/* ---- Scalars ---------------------------------------------------------------------------------- */

/* Does nothing; returns AT_SUCCESS. */
int at_noop(void);

/* *result = a + b (wrapping on overflow). result must not be NULL. */
int at_add(int a, int b, int *result);

/* ---- Buffers ---------------------------------------------------------------------------------- */

/* Feeds size bytes into the library's running checksum (64-bit FNV-1a over every byte received since
 * the last at_reset). data may be NULL only when size is 0. */
int at_in_transfer(const void *data, size_t size);

/* Fills data[0..size) with the pattern AT_PATTERN_BYTE(i). data may be NULL only when size is 0. */
int at_out_transfer(void *data, size_t size);

/* Transport measurements: at_sink takes size bytes and does not read them; at_source hands back size bytes
 * it does not write (the caller sees whatever the buffer held). Both return AT_SUCCESS. */
int at_sink(const void *data, size_t size);
int at_source(void *data, size_t size);

/* Byte i of the pattern written by at_out_transfer (part of the contract, so callers can verify it). */
#define AT_PATTERN_BYTE(i) ((uint8_t)(((uint64_t)(i) * 131u + ((uint64_t)(i) >> 8) + 7u) & 0xffu))

/* *out = the running checksum of everything at_in_transfer received. */
int at_checksum(uint64_t *out);

/* In-out buffer: values[i] *= factor for i < count. values may be NULL only when count is 0. */
int at_scale(float *values, size_t count, float factor);

/* *sum = values[0] + ... + values[count - 1]. values may be NULL only when count is 0. */
int at_sum_ints(const int32_t *values, size_t count, int64_t *sum);

/* Output buffer of rows * cols elements: m[r * cols + c] = v + r * 1000 + c. */
int at_fill_matrix(double *m, size_t rows, size_t cols, double v);

/* ---- Strings ---------------------------------------------------------------------------------- */

/* *len = strlen(s). */
int at_strlen(const char *s, size_t *len);

/* Writes "hello, <name>" into buf, truncated to buf_size bytes and always NUL-terminated when
 * buf_size > 0 (snprintf semantics). buf may be NULL to query the size. *needed (optional, may be NULL)
 * receives the full size including the NUL. Truncation is not an error. */
int at_greet(const char *name, char *buf, size_t buf_size, size_t *needed);

/* Concatenates count strings into out (NUL-terminated). lengths may be NULL, and a 0 entry means the
 * string is NUL-terminated, as in clCreateProgramWithSource. Returns AT_ERR_INVALID_VALUE when out is
 * NULL, any string is NULL, or the result with its NUL does not fit in out_size bytes. */
int at_join(unsigned count, const char **strings, const size_t *lengths, char *out, size_t out_size);

/* ---- Handles ---------------------------------------------------------------------------------- */

/* Creates an object of the given kind (kind >= 0) with value 0 and one reference. On failure returns
 * NULL. *err (optional, may be NULL) receives the status. */
at_object at_object_create(int kind, int *err);

/* *kind = the kind given at creation. */
int at_object_kind(at_object o, int *kind);

/* Adds a reference. */
int at_object_retain(at_object o);

/* Drops a reference; the object is freed when the count reaches 0. */
int at_object_release(at_object o);

/* Sets / reads the object's 64-bit value. */
int at_object_set(at_object o, int64_t v);
int at_object_get(at_object o, int64_t *v);

/* *count = the number of objects alive in the library (created and not yet freed). */
int at_live_objects(int *count);

/* ---- Asynchronous work ------------------------------------------------------------------------ */

/* value += delta. Has no outputs, so a remoting layer may run it asynchronously. */
int at_object_add(at_object o, int64_t delta);

/* Copies the object's value into *dst. When blocking is 0 the copy is only guaranteed to be visible
 * after the next at_finish (this library writes it at once; a remoting layer may defer it). */
int at_enqueue_copy(at_object o, int blocking, int64_t *dst);

/* Waits until all previously enqueued work is complete. */
int at_finish(void);

/* ---- Callbacks -------------------------------------------------------------------------------- */

/* Starts a detached thread that calls cb(value * 2, user_data) once and returns at once; the callback
 * arrives asynchronously. cb must not be NULL. */
int at_run_with_callback(int value, at_callback cb, void *user_data);

/* *count = the number of callbacks started since the last at_reset (counted before cb is invoked, so it
 * is up to date by the time cb runs). */
int at_callback_count(int *count);

/* ---- Slow calls and errors -------------------------------------------------------------------- */

/* Sleeps for ms milliseconds (ms >= 0). */
int at_sleep_ms(int ms);

/* Returns code unchanged (use a negative AT_ERR_* value to produce that error). */
int at_fail(int code);

/* *q = a / b. Returns AT_ERR_INVALID_VALUE when b == 0 or the quotient overflows. */
int at_divide(int a, int b, int *q);

/* Resets the checksum and the callback count. Live objects are not touched. */
void at_reset(void);

#ifdef __cplusplus
}
#endif

#endif /* AVATEST_H */
