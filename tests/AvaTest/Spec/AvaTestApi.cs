// Spec of libavatest (tests/AvaTest/native/avatest.h): the small real library that proves the remoting
// core end to end. Each declaration keeps the C name and parameter names; the /// comment gives the C
// signature, since the C# types alone lose const and typedef names.
using Ava.Spec;

namespace Ava.AvaTest;

/// <summary><c>typedef struct at_object_s *at_object;</c> A reference-counted library object.</summary>
[HandleType(CName = "at_object")]
public struct at_object
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary>The avatest API, version 1.0.</summary>
[Api("avatest", 100, Version = "1.0", SoName = "libavatest.so.1", Header = "tests/AvaTest/native/avatest.h",
    RealLibrary = new[] { "{bin}/../lib/real/libavatest.so.1" })]
[SuccessValue(0)]
[TransportError(-4)]
[OutOfResources(-3)] // AT_ERR_OUT_OF_MEMORY
public static unsafe partial class AvaTestApi
{
    // ---- Scalars -------------------------------------------------------------------------------

    /// <summary><c>int at_noop(void);</c></summary>
    public static partial int at_noop();

    /// <summary><c>int at_add(int a, int b, int *result);</c></summary>
    public static partial int at_add(int a, int b, [Out] int* result);

    // ---- Buffers -------------------------------------------------------------------------------

    /// <summary><c>int at_in_transfer(const void *data, size_t size);</c></summary>
    public static partial int at_in_transfer([In, Buffer("size", ElementSize = 1)] void* data, nuint size);

    /// <summary><c>int at_out_transfer(void *data, size_t size);</c></summary>
    public static partial int at_out_transfer([Out, Buffer("size", ElementSize = 1)] void* data, nuint size);

    /// <summary><c>int at_sink(const void *data, size_t size);</c> Takes the bytes without reading them (transport benchmarks).</summary>
    public static partial int at_sink([In, Buffer("size", ElementSize = 1)] void* data, nuint size);

    /// <summary><c>int at_source(void *data, size_t size);</c> Returns the bytes without writing them (transport benchmarks).</summary>
    public static partial int at_source([Out, Buffer("size", ElementSize = 1)] void* data, nuint size);

    /// <summary><c>int at_checksum(uint64_t *out);</c></summary>
    public static partial int at_checksum([Out] ulong* @out);

    /// <summary><c>int at_scale(float *values, size_t count, float factor);</c></summary>
    public static partial int at_scale([InOut, Buffer("count")] float* values, nuint count, float factor);

    /// <summary><c>int at_sum_ints(const int32_t *values, size_t count, int64_t *sum);</c></summary>
    public static partial int at_sum_ints([In, Buffer("count")] int* values, nuint count, [Out] long* sum);

    /// <summary><c>int at_fill_matrix(double *m, size_t rows, size_t cols, double v);</c></summary>
    public static partial int at_fill_matrix([Out, Buffer("rows * cols")] double* m, nuint rows, nuint cols, double v);

    // ---- Strings -------------------------------------------------------------------------------

    /// <summary><c>int at_strlen(const char *s, size_t *len);</c></summary>
    public static partial int at_strlen([String] sbyte* s, [Out] nuint* len);

    /// <summary><c>int at_greet(const char *name, char *buf, size_t buf_size, size_t *needed);</c>
    /// buf and needed may be NULL.</summary>
    public static partial int at_greet([String] sbyte* name, [Out, Buffer("buf_size")] sbyte* buf, nuint buf_size,
        [Out] nuint* needed);

    /// <summary><c>int at_join(unsigned count, const char **strings, const size_t *lengths, char *out,
    /// size_t out_size);</c> lengths may be NULL.</summary>
    public static partial int at_join(uint count, [StringArray("count", Lengths = "lengths")] sbyte** strings,
        [In, Buffer("count")] nuint* lengths, [Out, Buffer("out_size")] sbyte* @out, nuint out_size);

    // ---- Handles -------------------------------------------------------------------------------

    /// <summary><c>at_object at_object_create(int kind, int *err);</c> err may be NULL.</summary>
    [Allocates]
    public static partial at_object at_object_create(int kind, [Out, ErrorOut] int* err);

    /// <summary><c>int at_object_kind(at_object o, int *kind);</c></summary>
    public static partial int at_object_kind(at_object o, [Out] int* kind);

    /// <summary><c>int at_object_retain(at_object o);</c></summary>
    public static partial int at_object_retain([Retains] at_object o);

    /// <summary><c>int at_object_release(at_object o);</c> Drops one reference; frees at 0.</summary>
    public static partial int at_object_release([Deallocates] at_object o);

    /// <summary><c>int at_object_set(at_object o, int64_t v);</c></summary>
    public static partial int at_object_set(at_object o, long v);

    /// <summary><c>int at_object_get(at_object o, int64_t *v);</c></summary>
    public static partial int at_object_get(at_object o, [Out] long* v);

    /// <summary><c>int at_live_objects(int *count);</c></summary>
    public static partial int at_live_objects([Out] int* count);

    // ---- Asynchronous work ---------------------------------------------------------------------

    /// <summary><c>int at_object_add(at_object o, int64_t delta);</c></summary>
    [Async(Success = 0)]
    public static partial int at_object_add(at_object o, long delta);

    /// <summary><c>int at_enqueue_copy(at_object o, int blocking, int64_t *dst);</c> dst is valid after
    /// at_finish when blocking is 0.</summary>
    [Async(Success = 0, When = "blocking == 0")]
    public static partial int at_enqueue_copy(at_object o, int blocking, [Out, Deferred] long* dst);

    /// <summary><c>int at_finish(void);</c> Completes all enqueued work.</summary>
    [Flush]
    public static partial int at_finish();

    // ---- Callbacks -----------------------------------------------------------------------------

    /// <summary><c>int at_run_with_callback(int value, at_callback cb, void *user_data);</c> with
    /// <c>typedef void (*at_callback)(int status, void *user_data);</c> called once, from another thread.</summary>
    public static partial int at_run_with_callback(int value,
        [Callback("user_data")] delegate* unmanaged<int, void*, void> cb, [UserData] void* user_data);

    /// <summary><c>int at_callback_count(int *count);</c></summary>
    public static partial int at_callback_count([Out] int* count);

    // ---- Slow calls and errors -----------------------------------------------------------------

    /// <summary><c>int at_sleep_ms(int ms);</c></summary>
    [TimeMe]
    public static partial int at_sleep_ms(int ms);

    /// <summary><c>int at_fail(int code);</c> Returns code.</summary>
    public static partial int at_fail(int code);

    /// <summary><c>int at_divide(int a, int b, int *q);</c> AT_ERR_INVALID_VALUE when b == 0.</summary>
    public static partial int at_divide(int a, int b, [Out] int* q);

    /// <summary><c>void at_reset(void);</c></summary>
    public static partial void at_reset();
}
