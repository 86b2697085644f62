namespace Ava.Generator.Tests;

/// <summary>Small specs, one per annotation kind, written as a spec author would write them.</summary>
internal static class Specs
{
    /// <summary>Each case: a spec class named after the case, with a few representative functions.</summary>
    public static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>
    {
        ["ScalarInOut"] = """
            /// <summary><c>int g_add(int a, int b, int *result);</c></summary>
            public static partial int g_add(int a, int b, [Out] int* result);

            /// <summary><c>double g_mix(double x, float y, uint8_t z, bool flag, g_mode mode);</c></summary>
            public static partial double g_mix(double x, float y, byte z, bool flag, g_mode mode);

            /// <summary><c>void g_reset(void);</c></summary>
            public static partial void g_reset();
            """,
        ["InBuffer"] = """
            /// <summary><c>int g_upload(const float *data, size_t rows, size_t cols);</c></summary>
            public static partial int g_upload([In, Buffer("rows * (cols + 1)")] float* data, nuint rows, nuint cols);

            /// <summary><c>int g_write(const void *bytes, size_t size);</c></summary>
            public static partial int g_write([In, Buffer("size", ElementSize = 1)] void* bytes, nuint size);

            /// <summary><c>int g_sum(const size_t *count, const int *values);</c> count points at the element count.</summary>
            public static partial int g_sum([In] nuint* count, [In, Buffer("*count")] int* values);

            /// <summary><c>int g_select(const int *devices, int count);</c> NULL devices with a count answer -5.</summary>
            public static partial int g_select([In, Buffer("count", NullWithCount = -5)] int* devices, int count);
            """,
        ["OutBuffer"] = """
            /// <summary><c>int g_read(int *values, size_t capacity, size_t *written);</c></summary>
            public static partial int g_read([Out, Buffer("capacity", Returned = "*written")] int* values, nuint capacity, [Out] nuint* written);

            /// <summary><c>int g_dump(void *dst, size_t size);</c></summary>
            public static partial int g_dump([Out, Buffer("size", ElementSize = 4)] void* dst, nuint size);
            """,
        ["InOutBuffer"] = """
            /// <summary><c>int g_scale(float *values, size_t count, float factor);</c></summary>
            public static partial int g_scale([InOut, Buffer("count")] float* values, nuint count, float factor);

            /// <summary><c>int g_swap(int64_t *pair);</c> In and Out together mean both ways.</summary>
            public static partial int g_swap([In, Out, Buffer("2")] long* pair);
            """,
        ["String"] = """
            /// <summary><c>int g_strlen(const char *s, size_t *len);</c></summary>
            public static partial int g_strlen([String] sbyte* s, [Out] nuint* len);

            /// <summary><c>int g_greet(const char *name, char *buf, size_t buf_size);</c></summary>
            public static partial int g_greet([String] sbyte* name, [Out, Buffer("buf_size")] sbyte* buf, nuint buf_size);

            /// <summary><c>int g_rename(const char *name);</c> The library reads the name without a NULL check.</summary>
            public static partial int g_rename([String(NeverNull = true)] sbyte* name);
            """,
        ["ReturnedString"] = """
            /// <summary><c>const char *g_version(void);</c> The library's own string, alive as long as it is loaded.</summary>
            [return: String]
            public static partial sbyte* g_version();

            /// <summary><c>const char *g_object_name(g_object obj);</c> The object's string, alive as long as it is.</summary>
            [return: String]
            public static partial sbyte* g_object_name(g_object obj);

            /// <summary><c>int g_object_release(g_object obj);</c></summary>
            public static partial int g_object_release([Deallocates] g_object obj);
            """,
        ["OutString"] = """
            /// <summary><c>int g_object_label(const char **label, g_object obj);</c> The object's string, written through the pointer.</summary>
            public static partial int g_object_label([Out, String] sbyte** label, g_object obj);

            /// <summary><c>int g_object_release(g_object obj);</c></summary>
            public static partial int g_object_release([Deallocates] g_object obj);
            """,
        ["StringArray"] = """
            /// <summary><c>int g_join(unsigned count, const char **strings, const size_t *lengths);</c></summary>
            public static partial int g_join(uint count, [StringArray("count", Lengths = "lengths")] sbyte** strings,
                [In, Buffer("count")] nuint* lengths);

            /// <summary><c>int g_count(int n, const char **names);</c> NUL-terminated strings.</summary>
            public static partial int g_count(int n, [StringArray("n")] sbyte** names);
            """,
        ["Handles"] = """
            /// <summary><c>g_object g_object_create(int kind, int *err);</c></summary>
            [Allocates]
            public static partial g_object g_object_create(int kind, [Out] int* err);

            /// <summary><c>int g_objects_create(unsigned num, g_object *objects);</c></summary>
            public static partial int g_objects_create(uint num, [Out, Allocates, Buffer("num")] g_object* objects);

            /// <summary><c>int g_objects_link(unsigned num, const g_object *objects);</c></summary>
            public static partial int g_objects_link(uint num, [In, Buffer("num")] g_object* objects);

            /// <summary><c>int g_object_retain(g_object o);</c></summary>
            public static partial int g_object_retain([Retains] g_object o);

            /// <summary><c>int g_object_release(g_object o);</c></summary>
            public static partial int g_object_release([Deallocates] g_object o);

            /// <summary><c>g_object g_object_open(int kind, int *status);</c> A status other than success yields no handle.</summary>
            [Allocates]
            public static partial g_object g_object_open(int kind, [Out, ErrorOut] int* status);
            """,
        ["ScratchRelease"] = """
            /// <summary><c>typedef struct g_status_s *g_status;</c> where a call reports how it went.</summary>
            [HandleType(CName = "g_status")]
            public struct g_status
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>g_status g_status_new(void);</c></summary>
            [Allocates]
            public static partial g_status g_status_new();

            /// <summary><c>void g_status_delete(g_status status);</c></summary>
            public static partial void g_status_delete([Deallocates] g_status status);

            /// <summary><c>g_object g_object_open(int kind, g_status status);</c></summary>
            [Allocates]
            public static partial g_object g_object_open(int kind, g_status status);

            /// <summary><c>void g_object_close(g_object obj, g_status status);</c> released at teardown with a status of the worker's.</summary>
            public static partial void g_object_close([Deallocates] g_object obj, [Scratch] g_status status);
            """,
        ["Async"] = """
            /// <summary><c>int g_submit(g_object queue, int64_t value);</c></summary>
            [Async(Success = 0)]
            public static partial int g_submit(g_object queue, long value);

            /// <summary><c>void g_post(int value);</c></summary>
            [Async]
            public static partial void g_post(int value);

            /// <summary><c>int g_upload(const float *data, size_t count);</c> Inputs are copied at the call.</summary>
            [Async(Success = 0)]
            public static partial int g_upload([In, Buffer("count")] float* data, nuint count);
            """,
        ["ConditionalAsync"] = """
            /// <summary><c>int g_read(int blocking, void *dst, size_t size, int *status);</c> dst and status are
            /// valid after g_finish when blocking is 0.</summary>
            [Async(Success = 0, When = "blocking == 0")]
            public static partial int g_read(int blocking, [Out, Deferred, Buffer("size", ElementSize = 1)] void* dst, nuint size,
                [Out, Deferred] int* status);
            """,
        ["Callback"] = """
            /// <summary><c>int g_run(int value, void (*cb)(int status, void *user_data), void *user_data);</c></summary>
            public static partial int g_run(int value,
                [Callback("user_data")] delegate* unmanaged<int, void*, void> cb, [UserData] void* user_data);

            /// <summary><c>int g_watch(g_object o, void (*notify)(g_object o, double t, void *data), void *data);</c>
            /// notify runs on every change.</summary>
            public static partial int g_watch(g_object o,
                [Callback("data", Persistent = true)] delegate* unmanaged<g_object, double, void*, void> notify, [UserData] void* data);
            """,
        ["Flush"] = """
            /// <summary><c>int g_finish(void);</c></summary>
            [Flush]
            public static partial int g_finish();

            /// <summary><c>void g_flush(void);</c></summary>
            [Flush]
            public static partial void g_flush();

            /// <summary><c>int g_wait(void);</c> The application may see completed work when it returns.</summary>
            [CompletesPending]
            public static partial int g_wait();
            """,
        ["TimeMe"] = """
            /// <summary><c>int g_sleep_ms(int ms);</c></summary>
            [TimeMe]
            public static partial int g_sleep_ms(int ms);
            """,
        ["GuestHook"] = """
            /// <summary><c>int g_submit(g_object queue, int64_t value);</c> Async only when the guest proves it valid.</summary>
            [Async(Success = 0)]
            [GuestHook(Check = "Check_g_submit", After = "After_g_submit")]
            public static partial int g_submit(g_object queue, long value);

            /// <summary><c>int g_read(int blocking, void *dst, size_t size);</c></summary>
            [Async(Success = 0, When = "blocking == 0")]
            [GuestHook(Check = "Check_g_read")]
            public static partial int g_read(int blocking, [Out, Deferred, Buffer("size", ElementSize = 1)] void* dst, nuint size);

            /// <summary><c>void g_note(int value);</c></summary>
            [GuestHook(After = "After_g_note")]
            public static partial void g_note(int value);

            private static bool Check_g_submit(g_object queue, long value) => queue.Value != 0 && value >= 0;

            private static void After_g_submit(int ret, g_object queue, long value) => s_submitted += ret == 0 ? 1 : 0;

            private static bool Check_g_read(int blocking, void* dst, nuint size) => dst != null && size != 0;

            private static void After_g_note(int value) => s_submitted += value;

            private static int s_submitted;
            """,
        ["GuestHookCall"] = """
            /// <summary><c>int g_read(g_object queue, int blocking, void *dst, size_t size);</c> Reads and writes share one proof.</summary>
            [Async(Success = 0, When = "blocking == 0")]
            [GuestHook(Check = "TransferValid(queue, size, ReadForbidden)", After = "Accepted(ret, queue)")]
            public static partial int g_read(g_object queue, int blocking, [Out, Deferred, Buffer("size", ElementSize = 1)] void* dst, nuint size);

            /// <summary><c>int g_write(g_object queue, const void *src, size_t size);</c> A variant calls its base's hooks.</summary>
            [Async(Success = 0)]
            [GuestHook(Check = "TransferValid(queue, size, WriteForbidden)", After = "Accepted(ret, queue)")]
            [Variant("g_write_v2")]
            public static partial int g_write(g_object queue, [In, Buffer("size", ElementSize = 1)] void* src, nuint size);

            /// <summary><c>void g_note(g_object queue, int value);</c></summary>
            [GuestHook(After = "Noted(queue, 1)")]
            public static partial void g_note(g_object queue, int value);

            private const int ReadForbidden = 1;
            private const int WriteForbidden = 2;
            """,
        ["HandleSlots"] = """
            /// <summary><c>int g_open(g_object *slot);</c></summary>
            public static partial int g_open([Out, Allocates] g_object* slot);

            /// <summary><c>int g_load(g_object o, const void *image, unsigned length);</c> Gives the existing object
            /// device memory: the charge is the object's when the call succeeds.</summary>
            [AllocatesResource("device_memory", "length", Denied = -3, Of = "o")]
            public static partial int g_load(g_object o, [In, Buffer("length", ElementSize = 1)] void* image, uint length);

            /// <summary><c>int g_destroy(g_object *slot);</c> Destroys the object the variable holds and sets it to NULL.</summary>
            [DeallocatesResource("device_memory")]
            public static partial int g_destroy([InOut, Deallocates] g_object* slot);

            /// <summary><c>int g_option(g_object o, void *data, unsigned *length);</c> *length is the capacity in,
            /// the size needed or written out: the size source comes after the buffer it sizes.</summary>
            public static partial int g_option(g_object o, [Out, Buffer("*length", ElementSize = 1, Returned = "*length")] void* data, [InOut] uint* length);

            /// <summary><c>int g_push(g_object o, const void *data, unsigned *length);</c></summary>
            public static partial int g_push(g_object o, [In, Buffer("*length", ElementSize = 1)] void* data, [InOut] uint* length);
            """,
        ["DeviceRanges"] = """
            /// <summary><c>typedef uint64_t g_addr;</c> A device address in a unified address space.</summary>
            [HandleType(CName = "g_addr", PassThrough = true)]
            public struct g_addr
            {
                /// <summary>The address.</summary>
                public nint Value;
            }

            /// <summary><c>int g_malloc_pitch(g_addr *ptr, size_t *pitch, size_t width, size_t rows);</c> The range is pitch * rows bytes.</summary>
            public static partial int g_malloc_pitch([Out, DeviceRange("*pitch * rows")] g_addr* ptr, [Out] nuint* pitch, nuint width, nuint rows);

            /// <summary><c>int g_free(g_addr ptr);</c></summary>
            public static partial int g_free([FreesDeviceRange] g_addr ptr);

            /// <summary><c>int g_free_async(g_addr ptr);</c> Forgotten at once: the range is the application's no more.</summary>
            [Async(Success = 0)]
            public static partial int g_free_async([FreesDeviceRange] g_addr ptr);
            """,
        ["Resources"] = """
            /// <summary><c>typedef uint64_t g_addr;</c> A device address: applications do arithmetic on it.</summary>
            [HandleType(CName = "g_addr", PassThrough = true)]
            public struct g_addr
            {
                /// <summary>The address.</summary>
                public nint Value;
            }

            /// <summary>Bytes of a <paramref name="w"/> x <paramref name="h"/> image of 4-byte pixels.</summary>
            internal static ulong ImageBytes(int w, int h) => checked((ulong)w * (ulong)h * 4);

            /// <summary><c>g_object g_buffer_create(size_t size, int *err);</c> Over quota: NULL and err -4.</summary>
            [Allocates]
            [AllocatesResource("device_memory", "size", Denied = -4, ErrorArgument = "err")]
            public static partial g_object g_buffer_create(nuint size, [Out] int* err);

            /// <summary><c>g_object g_model_load(const void *bytes, int size);</c> Its only failure report is NULL: over quota, NULL.</summary>
            [Allocates]
            [AllocatesResource("device_memory", "size")]
            public static partial g_object g_model_load([In, Buffer("size", ElementSize = 1)] void* bytes, int size);

            /// <summary><c>g_object g_image_create(int w, int h, int *err);</c></summary>
            [Allocates]
            [AllocatesResource("device_memory", "ImageBytes(w, h)", Denied = -4, ErrorArgument = "err")]
            public static partial g_object g_image_create(int w, int h, [Out] int* err);

            /// <summary><c>int g_buffer_release(g_object o);</c> The charge goes with the last reference.</summary>
            [DeallocatesResource("device_memory")]
            public static partial int g_buffer_release([Deallocates] g_object o);

            /// <summary><c>int g_malloc(g_addr *ptr, size_t rows, size_t row_bytes);</c> Over quota: 2.</summary>
            [AllocatesResource("device_memory", "rows * row_bytes", Denied = 2)]
            public static partial int g_malloc([Out] g_addr* ptr, nuint rows, nuint row_bytes);

            /// <summary><c>int g_free(g_addr ptr);</c></summary>
            [DeallocatesResource("device_memory")]
            public static partial int g_free(g_addr ptr);

            /// <summary><c>int g_free_async(g_addr ptr, g_object queue);</c></summary>
            [Async(Success = 0)]
            [DeallocatesResource("device_memory", Of = "ptr")]
            public static partial int g_free_async(g_addr ptr, g_object queue);
            """,
        ["Chunked"] = """
            /// <summary><c>int g_put(int64_t dst, const void *src, size_t size);</c> A streamed source goes to the hook chunk by chunk.</summary>
            [WorkerHook(Chunked = "Chunked_g_put")]
            public static partial int g_put(long dst, [In, Buffer("size", ElementSize = 1)] void* src, nuint size);

            /// <summary><c>int g_get(void *dst, int64_t src, size_t size);</c> A large output comes ahead of the reply, from the hook.</summary>
            [WorkerHook(Chunked = "Chunked_g_get")]
            public static partial int g_get([Out, Deferred, Buffer("size", ElementSize = 1)] void* dst, long src, nuint size);

            /// <summary><c>int g_snapshot(float *values, size_t count);</c> A large output comes ahead of the reply.</summary>
            public static partial int g_snapshot([Out, Deferred, Buffer("count")] float* values, nuint count);

            private static int Chunked_g_put(global::Ava.Worker.WorkerCall call, ref long dst, ref void* src, ref nuint size) => 0;

            private static int Chunked_g_get(global::Ava.Worker.WorkerCall call, ref void* dst, ref long src, ref nuint size) => 0;
            """,
        ["WorkerHookCall"] = """
            /// <summary><c>int g_put(int64_t dst, const void *src, size_t size);</c> Hooks that are one call each; the variant's chunked call is its own.</summary>
            [WorkerHook(Before = "Checked(call, dst, 1)", Chunked = "Moved(call, dst, size, Plain)")]
            [Variant("g_put_ptds", Chunked = "Moved(call, dst, size, PerThread)")]
            public static partial int g_put(long dst, [In, Buffer("size", ElementSize = 1)] void* src, nuint size);

            /// <summary><c>int g_copy(g_region *region);</c> A hook may read a field of a pointer argument; a guard gives the answer out, After may change it.</summary>
            [WorkerHook(Before = "Checked(call, region->offset, 2)", Guard = "Allowed(region->offset, out ret)", After = "Waited(ref ret, region->offset)")]
            public static partial int g_copy([In] g_region* region);

            /// <summary><c>void g_note(int value);</c></summary>
            [WorkerHook(After = "Noted(call, value)")]
            public static partial void g_note(int value);

            private const int Plain = 0;
            private const int PerThread = 1;

            private static void Checked(global::Ava.Worker.WorkerCall call, long offset, int kind) => global::System.GC.KeepAlive(call);

            private static int Moved(global::Ava.Worker.WorkerCall call, long dst, nuint size, int variant) => call is null ? 1 : 0;

            private static void Waited(ref int ret, long offset) => ret = offset < 0 ? -1 : ret;

            private static bool Allowed(long offset, out int ret)
            {
                ret = -2;
                return offset >= 0;
            }

            private static void Noted(global::Ava.Worker.WorkerCall call, int value) => global::System.GC.KeepAlive(call);

            /// <summary><c>struct g_region { int64_t offset; };</c></summary>
            public struct g_region
            {
                /// <summary>Where the copy starts.</summary>
                public long offset;
            }
            """,
        ["PendingTransfers"] = """
            /// <summary><c>int g_read(g_object queue, int blocking, size_t size, void *dst, g_object *done);</c> A non-blocking read's bytes come when its command completes.</summary>
            [Async(Success = 0, When = "blocking == 0")]
            public static partial int g_read(g_object queue, uint blocking, nuint size, [Out, Deferred, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking", Event = "done")] void* dst, [Out, Allocates] g_object* done);

            /// <summary><c>int g_write_rows(g_object queue, int blocking, size_t skip, size_t size, const void *src, g_object *done);</c> Only the bytes after skip travel.</summary>
            [Async(Success = 0, When = "blocking == 0 && done == null")]
            public static partial int g_write_rows(g_object queue, uint blocking, nuint skip, nuint size, [In, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking", Event = "done", Offset = "Skipped(skip)")] void* src, [Out, Allocates] g_object* done);

            /// <summary><c>int g_finish(g_object queue);</c> The application may observe completion: pending transfers finish.</summary>
            [CompletesPending]
            public static partial int g_finish(g_object queue);

            /// <summary>Where the library's pointer lies before the bytes that travel (a stand-in here).</summary>
            private static long Skipped(nuint skip) => (long)skip;

            /// <summary>The completion events of the pending transfers (stand-ins here).</summary>
            private readonly struct GoldenEvents : global::Ava.Worker.IPendingEvents
            {
                public static bool MayWait => true;

                public static void Wait(nint handle)
                {
                }

                public static bool Ended(nint handle, out bool failed)
                {
                    failed = false;
                    return true;
                }

                public static void Retain(nint handle)
                {
                }

                public static void Release(nint handle)
                {
                }

                public static bool FreeWhenEnded(nint handle, void* memory) => false;
            }
            """,
        ["UntypedHandles"] = """
            /// <summary><c>struct g_desc { int kind; intptr_t source; };</c> source is a g_object or 0.</summary>
            public struct g_desc
            {
                /// <summary>What the object is made as.</summary>
                public int kind;

                /// <summary>The object it is made from, or 0.</summary>
                public nint source;
            }

            /// <summary><c>g_object g_make(const g_desc *desc, int *errcode_ret);</c> The descriptor's source is a handle.</summary>
            [Allocates]
            public static partial g_object g_make([In, MemberHandle("source", typeof(g_object))] g_desc* desc, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>g_object g_make_filled(const g_desc *desc, const void *data, int *errcode_ret);</c> The guest writes data itself afterwards.</summary>
            [Allocates]
            public static partial g_object g_make_filled([In] g_desc* desc, [In, Buffer("0", ElementSize = 1), AlwaysNull] void* data, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>int g_set_arg(g_object o, size_t size, const void *value);</c> A pointer-sized value may name an object.</summary>
            [Async(Success = 0)]
            public static partial int g_set_arg(g_object o, nuint size, [In, Buffer("size", ElementSize = 1), MayHoldHandle] void* value);
            """,
        ["Guard"] = """
            /// <summary><c>int g_set(g_object o, size_t size, const void *value);</c> The guard may answer instead of the library.</summary>
            [Async(Success = 0)]
            [WorkerHook(Guard = "Guard_g_set")]
            public static partial int g_set(g_object o, nuint size, [In, Buffer("size", ElementSize = 1)] void* value);

            private static bool Guard_g_set(global::Ava.Worker.WorkerCall call, out int ret, ref g_object o, ref nuint size, ref void* value)
            {
                ret = size == 0 ? -7 : 0;
                return ret == 0;
            }
            """,
        ["AcceptedHandles"] = """
            /// <summary><c>typedef struct g_kernel_s *g_kernel;</c></summary>
            [HandleType(CName = "g_kernel")]
            public struct g_kernel
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>typedef struct g_function_s *g_function;</c> A g_kernel cast to g_function is accepted too.</summary>
            [HandleType(CName = "g_function", Accepts = new[] { typeof(g_kernel) })]
            public struct g_function
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>int g_kernel_get(g_kernel *kernel, const char *name);</c></summary>
            public static partial int g_kernel_get([Out] g_kernel* kernel, [String] sbyte* name);

            /// <summary><c>int g_function_attribute(int *value, int attribute, g_function f);</c></summary>
            public static partial int g_function_attribute([Out] int* value, int attribute, g_function f);
            """,
        ["NeverNull"] = """
            /// <summary><c>typedef struct g_status_s *g_status;</c> The library follows it unchecked: NULL is refused.</summary>
            [HandleType(CName = "g_status", NeverNull = true)]
            public struct g_status
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>g_status g_new_status(void);</c></summary>
            [Allocates]
            public static partial g_status g_new_status();

            /// <summary><c>int g_status_code(g_status s);</c></summary>
            public static partial int g_status_code(g_status s);

            /// <summary><c>void g_delete_status(g_status s);</c> A release still takes NULL.</summary>
            public static partial void g_delete_status([Deallocates] g_status s);
            """,
        ["Tracked"] = """
            /// <summary><c>typedef struct g_ctx_s *g_ctx;</c> The guest keeps what calls tell it about each live one.</summary>
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>typedef struct g_queue_s *g_queue;</c></summary>
            [HandleType(CName = "g_queue", Tracked = true)]
            public struct g_queue
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>typedef struct g_event_s *g_event;</c></summary>
            [HandleType(CName = "g_event", Tracked = true)]
            public struct g_event
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>g_ctx g_ctx_create(int *err);</c> A context is its own owner.</summary>
            [Allocates(OwnsItself = true)]
            public static partial g_ctx g_ctx_create([Out, ErrorOut] int* err);

            /// <summary><c>g_queue g_queue_create(g_ctx ctx, int *err);</c></summary>
            [Allocates(Owner = "ctx")]
            public static partial g_queue g_queue_create(g_ctx ctx, [Out, ErrorOut] int* err);

            /// <summary><c>int g_queue_retain(g_queue queue);</c></summary>
            public static partial int g_queue_retain([Retains] g_queue queue);

            /// <summary><c>int g_queue_release(g_queue queue);</c> Async while the guest knows the queue.</summary>
            [Async(Success = 0)]
            public static partial int g_queue_release([Deallocates] g_queue queue);

            /// <summary><c>int g_ctx_on_release(g_ctx ctx, void (*notify)(g_ctx, void *), void *user_data);</c></summary>
            public static partial int g_ctx_on_release([NotifiesOnRelease] g_ctx ctx, [Callback("user_data")] delegate* unmanaged<g_ctx, void*, void> notify, [UserData] void* user_data);

            /// <summary><c>int g_wait(g_queue queue, uint32_t count, const g_event *events, g_event *event);</c></summary>
            [Async(Success = 0, When = "@event == null")]
            [ProvenByKnownObjects(When = "count != 0")]
            public static partial int g_wait(g_queue queue, uint count, [In, Buffer("count")] g_event* events, [Out, Allocates(Owner = "queue")] g_event* @event);
            """,
        ["Record"] = """
            /// <summary><c>typedef struct g_ctx_s *g_ctx;</c></summary>
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>typedef struct g_kernel_s *g_kernel;</c></summary>
            [HandleType(CName = "g_kernel", Tracked = true)]
            public struct g_kernel
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>typedef struct g_device_s *g_device;</c> The library's own objects.</summary>
            [HandleType(CName = "g_device")]
            public struct g_device
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>g_ctx g_ctx_create(int *err);</c> Replayed to rebuild the context.</summary>
            [Record, Allocates(OwnsItself = true)]
            public static partial g_ctx g_ctx_create([Out, ErrorOut] int* err);

            /// <summary><c>int g_ctx_open(int flags, g_ctx *ctx);</c> The new context comes through an argument.</summary>
            [Record]
            public static partial int g_ctx_open(int flags, [Out, Allocates(OwnsItself = true)] g_ctx* ctx);

            /// <summary><c>g_kernel g_kernel_create(g_ctx ctx, const char *name, int *err);</c></summary>
            [Record, Allocates(Owner = "ctx")]
            public static partial g_kernel g_kernel_create(g_ctx ctx, [String] sbyte* name, [Out, ErrorOut] int* err);

            /// <summary><c>int g_kernel_arg(g_kernel kernel, uint32_t index, size_t size, const void *value);</c> The last value per index is kept.</summary>
            [Async(Success = 0)]
            [Record(Of = "kernel", Key = "index")]
            public static partial int g_kernel_arg(g_kernel kernel, uint index, nuint size, [In, Buffer("size", ElementSize = 1)] void* value);

            /// <summary><c>int g_devices(uint32_t count, g_device *devices, uint32_t *found);</c> Devices live as long as the library.</summary>
            [Record(Binds = "devices")]
            public static partial int g_devices(uint count, [Out, Buffer("count", Returned = "*found")] g_device* devices, [Out] uint* found);

            /// <summary><c>int g_ctx_info(g_ctx ctx, uint32_t param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret);</c> 0x10: the context's devices, 0x11: the context itself.</summary>
            [InfoValue(0x10, Handle = typeof(g_device))]
            [InfoValue(0x11, Handle = typeof(g_ctx))]
            [Record(Binds = "param_value")]
            public static partial int g_ctx_info(g_ctx ctx, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

            /// <summary><c>g_kernel g_kernel_find(g_ctx ctx, int index);</c> Its hook learns the kernel after a query of its own.</summary>
            [Record, Allocates]
            [GuestHook(After = "After_g_kernel_find")]
            public static partial g_kernel g_kernel_find(g_ctx ctx, int index);

            private static void After_g_kernel_find(g_kernel ret, g_ctx ctx, int index) => s_found += ret.Value != 0 ? 1 : 0;

            private static int s_found;

            /// <summary><c>int g_kernel_release(g_kernel kernel);</c> The kernel's entries go with its last reference.</summary>
            public static partial int g_kernel_release([Deallocates] g_kernel kernel);
            """,
        ["NotRemoted"] = """
            /// <summary><c>int g_graph_launch(g_object graph, g_object queue);</c> Graphs are not remoted.</summary>
            [NotRemoted(-9)]
            public static partial int g_graph_launch(g_object graph, g_object queue);

            /// <summary><c>g_object g_share(g_object context, int gl_buffer, int *errcode_ret);</c> The status goes to errcode_ret.</summary>
            [NotRemoted(-34)]
            public static partial g_object g_share(g_object context, int gl_buffer, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>void *g_shared_alloc(size_t size);</c> and <c>void g_shared_free(void *p);</c> NULL and nothing.</summary>
            [NotRemoted]
            public static partial void* g_shared_alloc(nuint size);

            /// <summary><c>void g_shared_free(void *p);</c></summary>
            [NotRemoted]
            public static partial void g_shared_free(nint p);

            /// <summary><c>int g_ping(void);</c></summary>
            public static partial int g_ping();
            """,
        ["StatusHook"] = """
            /// <summary><c>int g_ping(void);</c> Its status passes through the API's [StatusHook].</summary>
            public static partial int g_ping();

            /// <summary><c>int g_graph_launch(g_object graph);</c> The not-remoted answer passes through it too.</summary>
            [NotRemoted(-9)]
            public static partial int g_graph_launch(g_object graph);

            /// <summary><c>g_object g_create(int *errcode_ret);</c> A handle is no status: not hooked.</summary>
            public static partial g_object g_create([Out] int* errcode_ret);

            /// <summary><c>void g_reset(void);</c></summary>
            public static partial void g_reset();
            """,
        ["InfoQuery"] = """
            /// <summary><c>int g_get_object_info(g_object object, uint32_t param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret);</c></summary>
            /// <remarks>G_OBJECT_PARENT (0x10) is a g_object, G_OBJECT_CHILDREN (0x11) an array of them; G_OBJECT_FEATURES (0x12) never has bit 2, G_OBJECT_SHARED (0x13) is always 0.</remarks>
            [InfoValue(0x12, Clears = 1 << 2)]
            [InfoValue(0x13, Clears = -1)]
            [InfoValue(0x10, Handle = typeof(g_object))]
            [InfoValue(0x11, Handle = typeof(g_object))]
            public static partial int g_get_object_info(g_object @object, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

            /// <summary><c>int g_pointer_get(void *param_value, int param_name, g_object p);</c> The value's size follows the selector.</summary>
            [InfoValue(1, Handle = typeof(g_object))]
            [InfoValue(5, Bytes = 16)]
            [InfoValue(2, 6, Bytes = 4)]
            [InfoValue(Bytes = 8)]
            public static partial int g_pointer_get([Out] void* param_value, int param_name, g_object p);

            /// <summary><c>int g_get_ids(uint32_t num_entries, g_object *ids, uint32_t *num_ids);</c> A count the callee writes bounds what comes back.</summary>
            public static partial int g_get_ids(uint num_entries, [Out, Buffer("num_entries", Returned = "*num_ids")] g_object* ids, [Out] uint* num_ids);
            """,
        ["CachedInGuest"] = """
            /// <summary><c>int g_get_object_info(g_object object, uint32_t param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret);</c></summary>
            /// <remarks>G_OBJECT_REFCOUNT (0x14) changes with retains and releases: always asked.</remarks>
            [InfoValue(0x10, Handle = typeof(g_object))]
            [CachedInGuest(Except = [0x14])]
            public static partial int g_get_object_info(g_object @object, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

            /// <summary><c>int g_device_attribute(int *value, int attribute, int device);</c> Devices are numbers: no release forgets.</summary>
            [CachedInGuest]
            public static partial int g_device_attribute([Out] int* value, int attribute, int device);

            /// <summary><c>int g_object_release(g_object o);</c> A release of a key's handle type forgets the kept answers.</summary>
            public static partial int g_object_release([Deallocates] g_object o);
            """,
        ["GuestState"] = """
            /// <summary><c>int g_get_current(g_object *current);</c> The calling thread's current object, kept per its value.</summary>
            [CachedInGuest(State = "current")]
            public static partial int g_get_current([Out] g_object* current);

            /// <summary><c>int g_function_of(int *function, int kernel);</c> A kernel's function in the current object.</summary>
            [CachedInGuest(State = "current")]
            public static partial int g_function_of([Out] int* function, int kernel);

            /// <summary><c>int g_set_current(g_object current);</c> Changes the calling thread's current object.</summary>
            [ChangesGuestState("current")]
            public static partial int g_set_current(g_object current);

            /// <summary><c>int g_reset(int device);</c> May change every thread's current object and the shared state.</summary>
            [ChangesGuestState("current", AllThreads = true)]
            [ChangesGuestState("shared")]
            public static partial int g_reset(int device);

            /// <summary><c>int g_get_state(int device, int *active);</c> Kept per value of the shared state.</summary>
            [CachedInGuest(State = "shared")]
            public static partial int g_get_state(int device, [Out] int* active);
            """,
        ["GroupState"] = """
            /// <summary><c>int g_select(int device);</c> Makes the device's object current on the calling thread (the owner's state).</summary>
            [ChangesGuestState("current")]
            [ChangesGuestState("shared")]
            [UsesGuestState("current")]
            public static partial int g_select(int device);

            /// <summary><c>int g_reset(void);</c> Destroys the current object, wherever it is current.</summary>
            [ChangesGuestState("current", AllThreads = true)]
            [ChangesGuestState("shared")]
            public static partial int g_reset();

            /// <summary><c>int g_alloc(size_t n, void **p);</c> Needs the current object: a success proves it in use.</summary>
            [UsesGuestState("current")]
            public static partial int g_alloc(nuint n, [Out] nint* p);

            /// <summary><c>int g_launch(int what, int flags);</c> Async unless the flags say wait: only a wait proves anything.</summary>
            [Async(Success = 0, When = "(flags & 1) != 0")]
            [UsesGuestState("current")]
            public static partial int g_launch(int what, int flags);

            /// <summary><c>int g_version(int *version);</c> Needs nothing, but may take the current object into use for all the guest knows.</summary>
            public static partial int g_version([Out] int* version);

            /// <summary><c>int g_get_mode(int *mode);</c> The API's own state, kept per its value.</summary>
            [CachedInGuest(State = "mode")]
            public static partial int g_get_mode([Out] int* mode);

            /// <summary><c>int g_set_mode(int mode);</c></summary>
            [ChangesGuestState("mode")]
            public static partial int g_set_mode(int mode);
            """,
        ["Variant"] = """
            /// <summary><c>int g_copy(g_object dst, const void *src, size_t size);</c> g_copy_ptds takes the per-thread queue.</summary>
            [Variant("g_copy_ptds")]
            public static partial int g_copy(g_object dst, [In, Buffer("size", ElementSize = 1)] void* src, nuint size);

            /// <summary><c>int g_fill(g_object dst, int value);</c> Async, as its variants.</summary>
            [Async(Success = 0)]
            [Variant("g_fill_ptsz")]
            [Variant("g_fill_v2")]
            public static partial int g_fill(g_object dst, int value);
            """,
        ["GuestOnly"] = """
            /// <summary><c>int g_host_register(void *p, size_t size);</c> Application memory: the guest answers it.</summary>
            [GuestOnly]
            public static partial int g_host_register(nint p, nuint size);

            /// <summary><c>int g_ping(void);</c></summary>
            public static partial int g_ping();
            """,
        ["Terminated"] = """
            /// <summary><c>g_object g_context_create(const intptr_t *properties, int *errcode_ret);</c> (key, value) pairs ended by a zero key.</summary>
            [Allocates]
            public static partial g_object g_context_create([In, ZeroTerminated(Stride = 2)] nint* properties, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>int g_flags_set(const uint32_t *flags);</c> A list ended by a zero element.</summary>
            public static partial int g_flags_set([In, ZeroTerminated] uint* flags);
            """,
        ["PropertyLists"] = """
            /// <summary><c>g_object g_context_create(const intptr_t *properties, int *errcode_ret);</c> G_CONTEXT_PARENT (0x20) names an object.</summary>
            [Allocates]
            public static partial g_object g_context_create([In, ZeroTerminated(Stride = 2), PropertyHandle(0x20, typeof(g_object))] nint* properties, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>int g_split(const intptr_t *properties);</c> G_SPLIT_BY_COUNTS lists end with a zero, then the list's own.</summary>
            public static partial int g_split([In, ZeroTerminated(Padding = 1)] nint* properties);

            /// <summary><c>int g_get_context_info(g_object context, uint32_t param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret);</c></summary>
            /// <remarks>G_CONTEXT_PROPERTIES (0x21) is the creation's list, its G_CONTEXT_PARENT an object.</remarks>
            [InfoValue(0x21, Handle = typeof(g_object), PropertyKey = 0x20)]
            public static partial int g_get_context_info(g_object context, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);
            """,
        ["Extensions"] = """
            /// <summary><c>int g_get_ids(uint32_t num, int *ids);</c> Exported, and reached by name as g_get_ids_khr.</summary>
            [Extension(As = "g_get_ids_khr")]
            public static partial int g_get_ids(uint num, [Out, Buffer("num")] int* ids);

            /// <summary><c>int g_query_ext(g_object o, int what);</c> Exported by the library, reached by name too.</summary>
            [Extension]
            public static partial int g_query_ext(g_object o, int what);

            /// <summary><c>void *g_get_proc_address(const char *name);</c> The lookup: our entry point where the library has one.</summary>
            [ExtensionLookup("name")]
            public static partial void* g_get_proc_address([String] sbyte* name);

            /// <summary><c>g_object g_recorder_create(uint32_t num_queues, const g_object *queues, int *errcode_ret);</c> Bound by its queues' device; NULL queues with a count answer -30.</summary>
            [Allocates]
            [Extension(Key = "DeviceOf(num_queues, queues)")]
            public static partial g_object g_recorder_create(uint num_queues, [In, Buffer("num_queues", NullWithCount = -30)] g_object* queues, [Out, ErrorOut] int* errcode_ret);

            /// <summary><c>int g_recorder_finish(g_object recorder);</c> Bound as its recorder was made.</summary>
            [Extension(KeyOf = "recorder")]
            public static partial int g_recorder_finish(g_object recorder);

            /// <summary><c>int g_recorder_release(g_object recorder);</c> The recorder's key goes with its last reference.</summary>
            [Extension(KeyOf = "recorder")]
            public static partial int g_recorder_release([Deallocates] g_object recorder);

            /// <summary>The worker's lookup of an entry point for a key (a stand-in here).</summary>
            private static nint ExtensionEntry(nint key, int function) => key == 0 ? 0 : function;

            /// <summary>The key of a recorder's queues (a stand-in here).</summary>
            private static nint DeviceOf(uint count, g_object* queues) => count == 0 || queues == null ? 0 : queues[0].Value;
            """,
        ["ManualForward"] = """
            /// <summary><c>g_object g_buffer_create(int flags, size_t size, int *errcode_ret);</c> The guest's side is hand-written; its export is generated.</summary>
            [Allocates]
            [Manual(Side.Guest, Forward = "CreateBuffer(flags, size, errcode_ret, withProperties: false)")]
            public static partial g_object g_buffer_create(int flags, nuint size, [Out, ErrorOut] int* errcode_ret);
            """,
        ["KeywordNames"] = """
            /// <summary><c>int g_checksum(uint64_t *out);</c></summary>
            public static partial int g_checksum([Out] ulong* @out);

            /// <summary><c>int g_copy(const int *in, int *out, size_t params);</c></summary>
            public static partial int g_copy([In, Buffer("@params")] int* @in, [Out, Buffer("@params")] int* @out, nuint @params);

            /// <summary><c>int g_lock(int lock);</c></summary>
            [Async(Success = 0, When = "@lock != 0")]
            public static partial int g_lock(int @lock);
            """,
        ["Group"] = """
            /// <summary><c>typedef struct g_object_s *g_stream;</c> another API's name for the group's g_object.</summary>
            [HandleType(CName = "g_stream")]
            [SharedHandle("g_object")]
            public struct g_stream
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            /// <summary><c>int g_stream_sync(g_stream stream);</c></summary>
            public static partial int g_stream_sync(g_stream stream);

            /// <summary><c>int g_object_touch(g_object o);</c></summary>
            public static partial int g_object_touch(g_object o);
            """,
        ["ClassSymbolVersion"] = """
            /// <summary><c>int g_start(void);</c> under the class's node, as every function of libtensorflow is.</summary>
            public static partial int g_start();

            /// <summary><c>int g_stop(void);</c> a function that names its own node.</summary>
            [SymbolVersion("GOLDEN_2.1")]
            public static partial int g_stop();
            """,
        ["SymbolVersions"] = """
            /// <summary><c>int g_open(void);</c> in the first version of the library.</summary>
            [SymbolVersion("GOLDEN_1.0")]
            public static partial int g_open();

            /// <summary><c>int g_close(void);</c></summary>
            [SymbolVersion("GOLDEN_1.0")]
            public static partial int g_close();

            /// <summary><c>int g_flush(void);</c> added later: its node inherits the first.</summary>
            [SymbolVersion("GOLDEN_1.2")]
            public static partial int g_flush();

            /// <summary><c>int g_ext(void);</c> an extension: not exported under any node.</summary>
            public static partial int g_ext();
            """,
    };

    /// <summary>What a case's guest library writes by hand (its *.Manual.cs), for it to compile as a guest.</summary>
    public static readonly IReadOnlyDictionary<string, string> GuestManual = new Dictionary<string, string>
    {
        ["ManualForward"] = """
            [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
            private static g_object CreateBuffer(int flags, nuint size, int* errcode_ret, bool withProperties) =>
                withProperties ? default : Call_g_buffer_create(flags | 1, size, errcode_ret);
            """,
        ["GuestHookCall"] = """
            private static int s_accepted;

            private static bool TransferValid(g_object queue, nuint size, int forbidden) => queue.Value != 0 && size != 0 && forbidden != 0;

            private static void Accepted(int ret, g_object queue) => s_accepted += ret == 0 && queue.Value != 0 ? 1 : 0;

            private static void Noted(g_object queue, int value) => s_accepted += queue.Value != 0 ? value : 0;
            """,
        ["GuestOnly"] = """
            [global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = "g_host_register")]
            public static partial int g_host_register(nint p, nuint size) => 0;
            """,
        ["StatusHook"] = """
            [global::System.ThreadStatic]
            private static int t_last;

            private static int KeepStatus(int status)
            {
                t_last = status != 0 ? status : t_last;
                return status;
            }
            """,
    };

    /// <summary>A whole spec file: the vocabulary, a handle type, an enum, and the API class around <paramref name="body"/>.</summary>
    public static string Wrap(string className, string body) => $$"""
        using Ava.Spec;

        namespace Ava.Golden;

        /// <summary><c>typedef struct g_object_s *g_object;</c></summary>
        [HandleType(CName = "g_object")]
        public struct g_object
        {
            /// <summary>The C pointer value.</summary>
            public nint Value;
        }

        /// <summary><c>typedef enum { G_FAST, G_SLOW } g_mode;</c></summary>
        public enum g_mode
        {
            /// <summary>G_FAST.</summary>
            G_FAST,

            /// <summary>G_SLOW.</summary>
            G_SLOW,
        }

        /// <summary>A spec under test.</summary>
        [Api("golden", 7, Version = "1.0", SoName = "libgolden.so.1", Header = "golden.h", RealLibrary = new[] { "/usr/lib/libgolden.so.1" })]
        [SuccessValue(0)]
        [TransportError(-5)]
        [InfoQueries(Selector = "param_name", Value = "param_value")]{{(className == "StatusHook" ? "\n[StatusHook(\"KeepStatus\")]" : className == "ClassSymbolVersion" ? "\n[SymbolVersion(\"GOLDEN_2.0\")]" : className is "GuestState" or "BadStates" ? "\n[GuestState(\"current\", PerThread = true)]\n[GuestState(\"shared\")]" : className == "Group" ? "\n[ApiGroup(\"golden\")]" : className is "GroupState" or "BadGroupStates" ? GroupStates : className == "Extensions" ? "\n[ExtensionFunctions(Entry = \"ExtensionEntry\", Unavailable = -59)]" : className is "PendingTransfers" or "BadPending" ? "\n[PendingTransfers(Events = \"GoldenEvents\")]" : "")}}
        public static unsafe partial class {{className}}
        {
        {{Indent(body)}}
        }
        """;

    /// <summary>A member of the group "owner" whose calls change two of the owner's states, one taken into use lazily, beside a state of its own.</summary>
    private const string GroupStates = """

        [ApiGroup("owner")]
        [GuestState("mode", PerThread = true)]
        [GuestState("current", PerThread = true, Api = "owner")]
        [GuestState("shared", Api = "owner")]
        [LazyGuestState("current", Also = new[] { "shared" })]
        """;

    private static string Indent(string body) =>
        string.Join("\n", body.ReplaceLineEndings("\n").Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
}
