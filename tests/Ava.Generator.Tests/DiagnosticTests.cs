using Microsoft.CodeAnalysis;
using Xunit;

namespace Ava.Generator.Tests;

/// <summary>Spec mistakes are compile errors with an id, located at the offending declaration in the spec.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void BufferSizeNamingMissingArgument_ReportsAva001AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_write([In, Buffer("length")] int* data, nuint size);
            """);

        AssertSingleError(spec, "AVA001", "g_write");
    }

    [Fact]
    public void OutOnByValueInt_ReportsAva002AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_get([Out] int value);
            """);

        AssertSingleError(spec, "AVA002", "value");
    }

    [Fact]
    public void AsyncFunctionWithReadOutput_ReportsAva003AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            [Async(Success = 0)]
            public static partial int g_query(int key, [Out] long* result);
            """);

        AssertSingleError(spec, "AVA003", "result");
    }

    [Fact]
    public void ConditionallyAsyncFunctionWithReadOutput_IsAcceptedAndRunsSynchronouslyWhenOutputGiven()
    {
        var spec = Specs.Wrap("ConditionalApi", """
            [Async(Success = 0, When = "blocking == 0")]
            public static partial int g_read(int blocking, [Out] long* dst);
            """);

        var run = GeneratorHarness.Run(GeneratorSide.Guest, spec);

        Assert.Empty(run.Result.Diagnostics);
        var asyncLine = Assert.Single(run.Source("Guest.g.cs")!.Split('\n'), line => line.Contains("bool __async =", StringComparison.Ordinal));
        Assert.Contains("blocking == 0", asyncLine, StringComparison.Ordinal);
        Assert.Contains("dst == null", asyncLine, StringComparison.Ordinal);
    }

    [Fact]
    public void NotRemotedStatusOfHandleFunctionWithoutErrorOut_ReportsAva020AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [NotRemoted(-34)]
            public static partial g_object g_share(g_object context, int gl_buffer);
            """);

        AssertSingleError(spec, "AVA020", "g_share");
    }

    [Fact]
    public void NotRemotedWithManualSide_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [NotRemoted(-9)]
            [Manual(Side.Guest)]
            public static partial int g_graph_launch(g_object graph);
            """);

        AssertSingleError(spec, "AVA021", "g_graph_launch");
    }

    [Fact]
    public void InfoValueOnFunctionThatIsNoInfoQuery_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [InfoValue(0x10, Handle = typeof(g_object))]
            public static partial int g_get(uint param_name, [Out] long* result);
            """);

        AssertSingleError(spec, "AVA021", "g_get");
    }

    [Fact]
    public void InfoValueOfNonHandleType_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [InfoValue(0x10, Handle = typeof(int))]
            public static partial int g_get_info(uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);
            """);

        AssertSingleError(spec, "AVA021", "g_get_info");
    }

    [Fact]
    public void PendingTransferWithoutTheClassEvents_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_write(uint blocking, [In, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking", Event = "done")] void* data, nuint size, [Out, Allocates] g_object* done);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void PendingTransferOfAnOutputThatIsNotDeferred_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadPending", """
            public static partial int g_read(uint blocking, [Out, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking", Event = "done")] void* data, nuint size, [Out, Allocates] g_object* done);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void PendingTransferWhoseEventIsNoHandle_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadPending", """
            public static partial int g_write(uint blocking, [In, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking", Event = "done")] void* data, nuint size, [Out] int* done);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void MemberHandleNamingNoField_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public struct g_desc
            {
                public nint source;
            }

            public static partial int g_make([In, MemberHandle("missing", typeof(g_object))] g_desc* desc);
            """);

        AssertSingleError(spec, "AVA021", "desc");
    }

    [Fact]
    public void MemberHandleOnAnOutput_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public struct g_desc
            {
                public nint source;
            }

            public static partial int g_query([Out, MemberHandle("source", typeof(g_object))] g_desc* desc);
            """);

        AssertSingleError(spec, "AVA021", "desc");
    }

    [Fact]
    public void AlwaysNullOnAnOutput_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_read([Out, Buffer("size", ElementSize = 1), AlwaysNull] void* data, nuint size);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void NullWithCountOnAFixedSizeBuffer_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_write([In, Buffer("16", ElementSize = 1, NullWithCount = -30)] void* data);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void NullWithCountOnAnOutput_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_read([Out, Buffer("size", ElementSize = 1, NullWithCount = -30)] void* data, nuint size);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void MayHoldHandleOnAScalar_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_set(g_object o, [MayHoldHandle] long value);
            """);

        AssertSingleError(spec, "AVA021", "value");
    }

    [Fact]
    public void DeferredOnInputBuffer_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_write([In, Deferred, Buffer("size", ElementSize = 1)] void* data, nuint size);
            """);

        AssertSingleError(spec, "AVA021", "data");
    }

    [Fact]
    public void RetainsOnScalar_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_hold([Retains] int count);
            """);

        AssertSingleError(spec, "AVA021", "count");
    }

    [Fact]
    public void DeallocatesOnOutputHandlePointer_ReportsAva021AtArgument()
    {
        // Only a variable the call reads and clears ([InOut]) holds a handle to destroy; an [Out] one holds none yet.
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_destroy([Out, Deallocates] g_object* slot);
            """);

        AssertSingleError(spec, "AVA021", "slot");
    }

    [Fact]
    public void DeallocatesOnHandleArray_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_destroy_all([InOut, Deallocates, Buffer("count")] g_object* slots, uint count);
            """);

        AssertSingleError(spec, "AVA021", "slots");
    }

    [Fact]
    public void ResourceChargedToPassThroughHandle_ReportsAva016AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            /// <summary>A device address.</summary>
            [HandleType(CName = "g_addr", PassThrough = true)]
            public struct g_addr
            {
                /// <summary>The address.</summary>
                public nint Value;
            }

            [AllocatesResource("device_memory", "size", Denied = 2, Of = "at")]
            public static partial int g_commit(g_addr at, nuint size);
            """);

        AssertSingleError(spec, "AVA016", "g_commit");
    }

    [Fact]
    public void OwnerOfAnUntrackedHandle_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Allocates(Owner = "parent")]
            public static partial g_object g_make(g_object parent);
            """);

        AssertSingleError(spec, "AVA021", "g_make");
    }

    [Theory]
    [InlineData("[Record] public static partial int g_ctx_count(g_ctx ctx);")]
    [InlineData("[Record(Of = \"size\")] public static partial int g_ctx_grow(g_ctx ctx, nuint size);")]
    [InlineData("[Record(Of = \"ctx\", Key = \"name\")] public static partial int g_ctx_name(g_ctx ctx, [String] sbyte* name);")]
    [InlineData("[Record(Key = \"size\")] public static partial int g_ctx_grow(g_ctx ctx, nuint size);")]
    [InlineData("[Record(Of = \"plain\")] public static partial int g_plain_set(g_plain plain, nuint size);")]
    [InlineData("[Record(Binds = \"size\")] public static partial int g_ctx_list(g_ctx ctx, nuint size);")]
    [InlineData("[Record(Of = \"ctx\", Binds = \"out\")] public static partial int g_ctx_plains(g_ctx ctx, [Out, Buffer(\"1\")] g_plain* @out);")]
    [InlineData("[InfoValue(0x11, Handle = typeof(g_ctx))] [Record(Binds = \"param_value\")] public static partial int g_ctx_info(g_ctx ctx, uint param_name, nuint param_value_size, [Out, Buffer(\"param_value_size\", ElementSize = 1, Returned = \"*param_value_size_ret\")] void* param_value, [Out] nuint* param_value_size_ret);")]
    public void RecordWithoutAnObjectToRebuild_ReportsAva021AtFunction(string declaration)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            [HandleType(CName = "g_plain")]
            public struct g_plain
            {
                public nint Value;
            }

            {{declaration}}
            """);

        AssertSingleError(spec, "AVA021", declaration[(declaration.IndexOf(" g_", StringComparison.Ordinal) + 1)..declaration.IndexOf('(', declaration.IndexOf(" g_", StringComparison.Ordinal))]);
    }

    [Theory]
    [InlineData("public static partial int g_close([Deallocates] g_object o, [Scratch] int status);")]
    [InlineData("public static partial int g_close(g_object o, [Scratch] g_plain status);")]
    [InlineData("public static partial int g_close([Deallocates, Scratch] g_object status);")]
    public void ScratchOnNoHandleOrOutsideARelease_ReportsAva021AtArgument(string declaration)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            [HandleType(CName = "g_plain")]
            public struct g_plain
            {
                public nint Value;
            }

            {{declaration}}
            """);

        AssertSingleError(spec, "AVA021", "status");
    }

    [Fact]
    public void ScratchOfATypeTheWorkerCannotMake_ReportsAva021AtFunction()
    {
        // g_plain has a release function but no function without arguments that returns one.
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_plain")]
            public struct g_plain
            {
                public nint Value;
            }

            public static partial int g_plain_free([Deallocates] g_plain p);

            public static partial int g_close([Deallocates] g_object o, [Scratch] g_plain status);
            """);

        AssertSingleError(spec, "AVA021", "g_close");
    }

    [Theory]
    [InlineData("public static partial int g_set([In, ZeroTerminated(Stride = 2), PropertyHandle(0x20, typeof(g_mode))] nint* properties);")]
    [InlineData("public static partial int g_set([In, ZeroTerminated, PropertyHandle(0x20, typeof(g_object))] nint* properties);")]
    [InlineData("public static partial int g_set([In, ZeroTerminated(Stride = 2), PropertyHandle(0x20, typeof(g_object))] uint* properties);")]
    [InlineData("public static partial int g_set([In, ZeroTerminated(Stride = 2), PropertyHandle(0, typeof(g_object))] nint* properties);")]
    [InlineData("public static partial int g_set([In, ZeroTerminated(Padding = -1)] nint* properties);")]
    [InlineData("public static partial int g_set([In, Buffer(\"2\"), PropertyHandle(0x20, typeof(g_object))] nint* properties);")]
    public void PropertyListAnnotationThatCannotApply_ReportsAva021AtArgument(string declaration)
    {
        var spec = Specs.Wrap("BadApi", declaration);

        AssertSingleError(spec, "AVA021", "properties");
    }

    [Theory]
    [InlineData("[InfoValue(0x21, PropertyKey = 0x20)]")]
    [InlineData("[InfoValue(0x21, Handle = typeof(g_object), PropertyKey = 0x20, Bytes = 16)]")]
    public void PropertyListInfoValueWithoutHandleOrWithSize_ReportsAva021AtFunction(string entry)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            {{entry}}
            public static partial int g_get_info(g_object o, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);
            """);

        AssertSingleError(spec, "AVA021", "g_get_info");
    }

    [Theory]
    [InlineData("[Extension(As = \"not a name\")] public static partial int g_ext(g_object o);")]
    [InlineData("[Extension(Key = \"o.Value\", KeyOf = \"o\")] public static partial int g_ext(g_object o);")]
    [InlineData("[Extension(KeyOf = \"count\")] public static partial int g_ext(g_object o, int count);")]
    [InlineData("[Extension(Key = \"count\")] [NotRemoted(-59)] public static partial int g_ext(g_object o, int count);")]
    [InlineData("[Extension(KeyOf = \"o\")] public static partial int g_ext(g_object o);")]
    [InlineData("[ExtensionLookup(\"name\")] public static partial int g_ext([String] sbyte* name);")]
    [InlineData("[ExtensionLookup(\"func\")] public static partial void* g_ext([String] sbyte* name);")]
    [InlineData("[ExtensionLookup(\"name\")] [Manual(Side.Guest)] public static partial void* g_ext([String] sbyte* name);")]
    public void ExtensionAnnotationThatCannotApply_ReportsAva021AtFunction(string declaration)
    {
        AssertSingleError(Specs.Wrap("Extensions", declaration), "AVA021", "g_ext");
    }

    [Fact]
    public void ExtensionBoundByKeyWithoutEntryMethod_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Extension(Key = "count")]
            public static partial int g_ext(g_object o, int count);
            """);

        AssertSingleError(spec, "AVA021", "g_ext");
    }

    [Fact]
    public void TwoFunctionsAnsweringOneName_ReportsAva021AtTheSecond()
    {
        var spec = Specs.Wrap("BadApi", """
            [Extension(As = "g_ext")]
            public static partial int g_one(g_object o);

            [Extension]
            public static partial int g_ext(g_object o);
            """);

        AssertSingleError(spec, "AVA021", "g_ext");
    }

    [Theory]
    [InlineData("[Manual(Side.Worker, Forward = \"Make(size)\")] public static partial int g_make(nuint size);", "AVA021")]
    [InlineData("[GuestOnly, Manual(Side.Guest, Forward = \"Make(size)\")] public static partial int g_make(nuint size);", "AVA021")]
    [InlineData("[Manual(Side.Guest, Forward = \"Make(length)\")] public static partial int g_make(nuint size);", "AVA001")]
    public void ManualForwardWithoutAGuestExportOrNamingNoArgument_ReportsAtFunction(string declaration, string id)
    {
        AssertSingleError(Specs.Wrap("BadApi", declaration), id, "g_make");
    }

    [Fact]
    public void TrackedCreationSayingNoOwner_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            [Allocates]
            public static partial g_ctx g_ctx_create();
            """);

        AssertSingleError(spec, "AVA021", "g_ctx_create");
    }

    [Fact]
    public void OwnerThatIsNoTrackedHandleArgument_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            [Allocates(Owner = "size")]
            public static partial g_ctx g_ctx_create(nuint size);
            """);

        AssertSingleError(spec, "AVA021", "g_ctx_create");
    }

    [Fact]
    public void TrackedCreationThroughAnArray_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            public static partial int g_ctx_create_many(uint count, [Out, Allocates(OwnsItself = true), Buffer("count")] g_ctx* contexts);
            """);

        AssertSingleError(spec, "AVA021", "contexts");
    }

    [Fact]
    public void NotifiesOnReleaseOfAnUntrackedHandle_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_watch([NotifiesOnRelease] g_object target);
            """);

        AssertSingleError(spec, "AVA021", "target");
    }

    [Fact]
    public void DeviceRangeOnAnOutputThatIsNoAddress_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_alloc([Out, DeviceRange("size")] g_object* result, nuint size);
            """);

        AssertSingleError(spec, "AVA021", "result");
    }

    [Fact]
    public void FreesDeviceRangeOnAHandleOfTheTable_ReportsAva021AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_free([FreesDeviceRange] g_object target);
            """);

        AssertSingleError(spec, "AVA021", "target");
    }

    [Fact]
    public void CachedInGuestOnAnAsyncFunction_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Async(Success = 0)]
            [CachedInGuest]
            public static partial int g_fill(int value);
            """);

        AssertSingleError(spec, "AVA021", "g_fill");
    }

    [Fact]
    public void CachedInGuestWithAnInputBuffer_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [CachedInGuest]
            public static partial int g_hash([In, Buffer("size", ElementSize = 1)] void* data, nuint size, [Out] ulong* hash);
            """);

        AssertSingleError(spec, "AVA021", "g_hash");
    }

    [Fact]
    public void CachedInGuestExceptWithoutASelector_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [CachedInGuest(Except = [3])]
            public static partial int g_version([Out] int* version);
            """);

        AssertSingleError(spec, "AVA021", "g_version");
    }

    [Fact]
    public void CachedInGuestOfAnUndeclaredState_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadStates", """
            [CachedInGuest(State = "elsewhere")]
            public static partial int g_version([Out] int* version);
            """);

        AssertSingleError(spec, "AVA021", "g_version");
    }

    [Fact]
    public void ChangesGuestStateOfAnUndeclaredState_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadStates", """
            [ChangesGuestState("elsewhere")]
            public static partial int g_set(int value);
            """);

        AssertSingleError(spec, "AVA021", "g_set");
    }

    [Fact]
    public void ChangesGuestStateForAllThreadsOfASharedState_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadStates", """
            [ChangesGuestState("shared", AllThreads = true)]
            public static partial int g_set(int value);
            """);

        AssertSingleError(spec, "AVA021", "g_set");
    }

    [Fact]
    public void ChangesGuestStateOnACallAnsweredInTheGuest_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadStates", """
            [NotRemoted(-1)]
            [ChangesGuestState("current")]
            public static partial int g_set(int value);
            """);

        AssertSingleError(spec, "AVA021", "g_set");
    }

    [Fact]
    public void GuestStateOfAnotherApi_WithoutAGroup_ReportsAva021AtApi()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_select(int device);
            """).Replace("[InfoQueries(", "[GuestState(\"current\", PerThread = true, Api = \"owner\")]\n[InfoQueries(", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadApi");
    }

    [Fact]
    public void GuestStateNamingTheApiItself_ReportsAva021AtApi()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_select(int device);
            """).Replace("[InfoQueries(", "[ApiGroup(\"golden\")]\n[GuestState(\"current\", Api = \"golden\")]\n[InfoQueries(", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadApi");
    }

    [Fact]
    public void LazyGuestStateOfTheApisOwnState_ReportsAva021AtApi()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            public static partial int g_select(int device);
            """).Replace("[LazyGuestState(\"current\", Also = new[] { \"shared\" })]", "[LazyGuestState(\"mode\")]", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadGroupStates");
    }

    [Fact]
    public void LazyGuestStateOfAStateEveryThreadShares_ReportsAva021AtApi()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            public static partial int g_select(int device);
            """).Replace("[LazyGuestState(\"current\", Also = new[] { \"shared\" })]", "[LazyGuestState(\"shared\")]", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadGroupStates");
    }

    [Fact]
    public void LazyGuestStateAlsoChangingAnUndeclaredState_ReportsAva021AtApi()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            public static partial int g_select(int device);
            """).Replace("Also = new[] { \"shared\" }", "Also = new[] { \"elsewhere\" }", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadGroupStates");
    }

    [Fact]
    public void CachedInGuestPerAnotherApisState_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            [CachedInGuest(State = "current")]
            public static partial int g_get_current([Out] int* current);
            """);

        AssertSingleError(spec, "AVA021", "g_get_current");
    }

    [Fact]
    public void UsesGuestStateOnAnAlwaysAsyncCall_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            [Async(Success = 0)]
            [UsesGuestState("current")]
            public static partial int g_launch(int what);
            """);

        AssertSingleError(spec, "AVA021", "g_launch");
    }

    [Fact]
    public void UsesGuestStateOfAStateNotTakenIntoUseLazily_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            [UsesGuestState("shared")]
            public static partial int g_alloc(nuint n, [Out] nint* p);
            """);

        AssertSingleError(spec, "AVA021", "g_alloc");
    }

    [Fact]
    public void UsesGuestStateOnACallAnsweredInTheGuest_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadGroupStates", """
            [GuestOnly]
            [UsesGuestState("current")]
            public static partial int g_alloc(nuint n, [Out] nint* p);
            """);

        AssertSingleError(spec, "AVA021", "g_alloc");
    }

    [Fact]
    public void CachedInGuestOnAFunctionReturningNoStatus_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [CachedInGuest]
            public static partial void g_query(int what, [Out] int* value);
            """);

        AssertSingleError(spec, "AVA021", "g_query");
    }

    [Fact]
    public void ProvenByKnownObjectsOnASynchronousFunction_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            [ProvenByKnownObjects]
            public static partial int g_flush(g_ctx ctx);
            """);

        AssertSingleError(spec, "AVA021", "g_flush");
    }

    [Fact]
    public void ProvenByKnownObjectsWithDataTheGuestCannotKnow_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [HandleType(CName = "g_ctx", Tracked = true)]
            public struct g_ctx
            {
                public nint Value;
            }

            [Async(Success = 0)]
            [ProvenByKnownObjects]
            public static partial int g_send(g_ctx ctx, g_object other);
            """);

        AssertSingleError(spec, "AVA021", "g_send");
    }

    [Fact]
    public void InfoValueClearsOfAHandle_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [InfoValue(0x10, Handle = typeof(g_object), Clears = 1)]
            public static partial int g_get_info(uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);
            """);

        AssertSingleError(spec, "AVA021", "g_get_info");
    }

    [Fact]
    public void CompletesPendingOnHandWrittenWorkerSide_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Manual(Side.Worker)]
            [CompletesPending]
            public static partial int g_wait(int n);
            """);

        AssertSingleError(spec, "AVA021", "g_wait");
    }

    [Fact]
    public void WorkerHookOnHandWrittenWorkerSide_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Manual(Side.Worker)]
            [WorkerHook(Before = "Before_g_run")]
            public static partial int g_run(int n);
            """);

        AssertSingleError(spec, "AVA021", "g_run");
    }

    [Fact]
    public void GuestOnlyWithAsync_ReportsAva021AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [GuestOnly]
            [Async(Success = 0)]
            public static partial int g_pin(nint p);
            """);

        AssertSingleError(spec, "AVA021", "g_pin");
    }

    [Fact]
    public void ReturnedStringOfAFunctionReturningAnInt_ReportsAva023AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [return: String]
            public static partial int g_name();
            """);

        AssertSingleError(spec, "AVA023", "g_name");
    }

    [Fact]
    public void OutStringOfAnAsyncFunction_ReportsAva003AtArgument()
    {
        // The caller reads the string when the call returns: there is no deferred form of a string output.
        var spec = Specs.Wrap("BadApi", """
            [Async(Success = 0)]
            public static partial int g_label([Out, String] sbyte** label, int n);
            """);

        AssertSingleError(spec, "AVA003", "label");
    }

    [Theory]
    [InlineData("[Out, String] int** label")] // a pointer to something else than a char pointer
    [InlineData("[Out, String] sbyte* label")] // a char buffer is [Out, Buffer(...)]
    [InlineData("[String] int* label")] // not a char pointer
    public void StringOnWhatIsNoCharPointer_ReportsAva021AtArgument(string parameter)
    {
        var spec = Specs.Wrap("BadApi", $"""
            public static partial int g_label({parameter}, int n);
            """);

        AssertSingleError(spec, "AVA021", "label");
    }

    [Fact]
    public void VariantNamingAnotherFunction_ReportsAva022AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Variant("g_ping")]
            public static partial int g_run(int n);

            /// <summary><c>int g_ping(void);</c></summary>
            public static partial int g_ping();
            """);

        AssertSingleError(spec, "AVA022", "g_run");
    }

    [Fact]
    public void GuestCheckOnSynchronousFunction_ReportsAva017AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [GuestHook(Check = "Check_g_set")]
            public static partial int g_set(int value);
            """);

        AssertSingleError(spec, "AVA017", "g_set");
    }

    [Fact]
    public void GuestHookThatIsNoMethodAndNoCall_ReportsAva024AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [GuestHook(After = "s_count += ret")]
            public static partial int g_set(int value);

            private static int s_count;
            """);

        AssertSingleError(spec, "AVA024", "g_set");
    }

    [Fact]
    public void GuestHookCallWithAnArgumentNamedRet_ReportsAva024AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [GuestHook(After = "Note(ret)")]
            public static partial int g_set(int ret);
            """);

        AssertSingleError(spec, "AVA024", "g_set");
    }

    [Theory]
    [InlineData("[Async(Success = 0), GuestHook(Check = \"Valid(value, ret)\")]", "int")] // a check runs before there is a result
    [InlineData("[GuestHook(After = \"Note(ret, value)\")]", "void")] // a void function has none
    [InlineData("[GuestHook(After = \"Note(ret, missing)\")]", "int")]
    public void GuestHookCallNamingNoArgumentOrAbsentResult_ReportsAva001AtFunction(string hook, string returns)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            {{hook}}
            public static partial {{returns}} g_set(int value);
            """);

        AssertSingleError(spec, "AVA001", "g_set");
    }

    [Theory]
    [InlineData("[WorkerHook(Before = \"Checked(call, value) + 1\")]", "int value")] // no call
    [InlineData("[WorkerHook(Before = \"Checked(call, value)\")]", "int call")] // 'call' is the WorkerCall
    [InlineData("[WorkerHook(After = \"Noted(ret)\")]", "int ret")] // 'ret' is the result
    [InlineData("[WorkerHook(Guard = \"Allowed(out ret)\")]", "int ret")] // a guard gives 'ret' out
    public void WorkerHookThatIsNoCallOrShadowsItsNames_ReportsAva025AtFunction(string hook, string parameters)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            {{hook}}
            public static partial int g_set({{parameters}});
            """);

        AssertSingleError(spec, "AVA025", "g_set");
    }

    [Theory]
    [InlineData("[WorkerHook(Before = \"Checked(call, ret)\")]", "int")] // Before runs before there is a result
    [InlineData("[WorkerHook(After = \"Noted(call, ret)\")]", "void")] // a void function has none
    [InlineData("[WorkerHook(Chunked = \"Moved(call, missing)\")]", "int")]
    public void WorkerHookCallNamingNoArgumentOrAbsentResult_ReportsAva001AtFunction(string hook, string returns)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            {{hook}}
            public static partial {{returns}} g_set([In, Buffer("size", ElementSize = 1)] void* src, nuint size);
            """);

        AssertSingleError(spec, "AVA001", "g_set");
    }

    [Fact]
    public void WorkerHookCall_GeneratesTheHookThatMakesIt_VariantsSharingTheBasesUnlessTheirOwn()
    {
        var run = GeneratorHarness.Run(GeneratorSide.Worker, Specs.Wrap("WorkerHookCall", Specs.Cases["WorkerHookCall"]));

        Assert.Empty(run.Result.Diagnostics);
        var lines = run.Source("Worker.g.cs")!.Split('\n');
        Assert.Single(lines, line => line.Contains("private static void Before_g_put(global::Ava.Worker.WorkerCall call, ref long dst, ref void* src, ref nuint size) => Checked(call, dst, 1);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("private static int Chunked_g_put_ptds(global::Ava.Worker.WorkerCall call, ref long dst, ref void* src, ref nuint size) => Moved(call, dst, size, PerThread);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("private static void After_g_copy(global::Ava.Worker.WorkerCall call, ref int ret, ref global::Ava.Golden.WorkerHookCall.g_region* region) => Waited(ref ret, region->offset);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("private static bool Guard_g_copy(global::Ava.Worker.WorkerCall call, out int ret, ref global::Ava.Golden.WorkerHookCall.g_region* region) => Allowed(region->offset, out ret);", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(line => line.Contains("Before_g_put(__call", StringComparison.Ordinal)));
    }

    [Fact]
    public void GuestHookCall_GeneratesTheHookThatMakesIt_OncePerDeclaration()
    {
        var run = GeneratorHarness.Run(GeneratorSide.Guest, Specs.Wrap("GuestHookCall", Specs.Cases["GuestHookCall"]));

        Assert.Empty(run.Result.Diagnostics);
        var lines = run.Source("Guest.g.cs")!.Split('\n');
        Assert.Single(lines, line => line.Contains("private static bool Check_g_write(global::Ava.Golden.g_object queue, void* src, nuint size) => TransferValid(queue, size, WriteForbidden);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("private static void After_g_read(int ret, global::Ava.Golden.g_object queue, int blocking, void* dst, nuint size) => Accepted(ret, queue);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("private static void After_g_note(global::Ava.Golden.g_object queue, int value) => Noted(queue, 1);", StringComparison.Ordinal));
        // The variant's stub calls its base's hooks.
        Assert.Equal(2, lines.Count(line => line.Contains("&& Check_g_write(queue, src, size);", StringComparison.Ordinal)));
    }

    [Fact]
    public void ChunkedHookWithoutABufferToMove_ReportsAva018AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [WorkerHook(Chunked = "Chunked_g_set")]
            public static partial int g_set(int value, [Out] long* result);
            """);

        AssertSingleError(spec, "AVA018", "g_set");
    }

    [Fact]
    public void DeferredOutputOfSynchronousFunction_IsTakenAheadOfTheReplyWhenLarge()
    {
        var spec = Specs.Wrap("SyncDeferredApi", """
            public static partial int g_read([Out, Deferred, Buffer("size", ElementSize = 1)] void* dst, nuint size);
            """);

        var guest = GeneratorHarness.Run(GeneratorSide.Guest, spec);
        var worker = GeneratorHarness.Run(GeneratorSide.Worker, spec);

        Assert.Empty(guest.Result.Diagnostics);
        var lines = guest.Source("Guest.g.cs")!.Split('\n');
        Assert.Single(lines, line => line.Contains("bool __defer = (__ch.IsLargeOutput(__n_dst))", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("__ch.AddDeferred(__seq, dst, __n_dst);", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("__ch.ReadOut(ref __r, __defer ? null : dst, __n_dst);", StringComparison.Ordinal));
        Assert.Contains("__call.DefersOutputs = ", worker.Source("Worker.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void GuestCheck_GuardsTheAsyncDecisionAndAfterSeesEveryCompletedCall()
    {
        var run = GeneratorHarness.Run(GeneratorSide.Guest, Specs.Wrap("GuestHook", Specs.Cases["GuestHook"]));

        Assert.Empty(run.Result.Diagnostics);
        var lines = run.Source("Guest.g.cs")!.Split('\n');
        Assert.Contains(lines, line => line.Contains("bool __async = !Connection.Synchronous && true && Check_g_submit(queue, value);", StringComparison.Ordinal));
        // A non-blocking read the guest cannot prove still defers its bytes: only its status waits for the worker.
        Assert.Contains(lines, line => line.Contains("bool __defer = (blocking == 0) && __ch.CanDefer(1);", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("bool __async = !Connection.Synchronous && __defer && Check_g_read(blocking, dst, size);", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("After_g_submit(unchecked((int)0), queue, value);", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("After_g_submit(__ret, queue, value);", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("After_g_note(value);", StringComparison.Ordinal));
    }

    [Fact]
    public void UnannotatedDataPointer_ReportsAva004AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_fill(int* data, nuint size);
            """);

        AssertSingleError(spec, "AVA004", "data");
    }

    [Fact]
    public void VoidBufferWithoutElementSize_ReportsAva011AtArgument()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_send([In, Buffer("size")] void* bytes, nuint size);
            """);

        AssertSingleError(spec, "AVA011", "bytes");
    }

    [Fact]
    public void ResourceAllocationWithoutDeniedValue_ReportsAva013AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [AllocatesResource("device_memory", "size")]
            public static partial int g_malloc([Out] g_object* ptr, nuint size);
            """);

        AssertSingleError(spec, "AVA013", "g_malloc");
    }

    [Fact]
    public void HandleReturningAllocationWithoutErrorArgument_ReportsAva014AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Allocates]
            [AllocatesResource("device_memory", "size", Denied = -4)]
            public static partial g_object g_create(nuint size);
            """);

        AssertSingleError(spec, "AVA014", "g_create");
    }

    [Fact]
    public void ErrorArgumentThatIsNotAnOutInteger_ReportsAva014AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Allocates]
            [AllocatesResource("device_memory", "size", Denied = -4, ErrorArgument = "size")]
            public static partial g_object g_create(nuint size, [Out] int* err);
            """);

        AssertSingleError(spec, "AVA014", "g_create");
    }

    [Fact]
    public void AsyncResourceAllocation_ReportsAva015AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Async(Success = 0)]
            [AllocatesResource("device_memory", "size", Denied = 2)]
            public static partial int g_malloc_async([Out, Deferred] g_object* ptr, nuint size);
            """);

        AssertSingleError(spec, "AVA015", "g_malloc_async");
    }

    [Fact]
    public void ResourceFreedWithTwoHandlesAndNoneNamed_ReportsAva016AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [DeallocatesResource("device_memory")]
            public static partial int g_unmap(g_object mapping, g_object queue);
            """);

        AssertSingleError(spec, "AVA016", "g_unmap");
    }

    [Fact]
    public void ResourceAllocationWithoutCreatedObject_ReportsAva016AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [AllocatesResource("device_memory", "size", Denied = 2)]
            public static partial int g_reserve(nuint size);
            """);

        AssertSingleError(spec, "AVA016", "g_reserve");
    }

    [Fact]
    public void ResourceAmountNamingMissingArgument_ReportsAva001AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [AllocatesResource("device_memory", "length", Denied = 2)]
            public static partial int g_malloc([Out] g_object* ptr, nuint size);
            """);

        AssertSingleError(spec, "AVA001", "g_malloc");
    }

    [Fact]
    public void ResourceAmountCallingAStaticMethodOfTheSpec_IsAccepted_AndUnknownMethodsAreNot()
    {
        var known = Specs.Wrap("Api", """
            internal static ulong Pixels(nuint w) => w * 4;

            [AllocatesResource("device_memory", "Pixels(w)", Denied = 2)]
            public static partial int g_malloc([Out] g_object* ptr, nuint w);
            """);
        var unknown = Specs.Wrap("BadApi", """
            [AllocatesResource("device_memory", "Pixels(w)", Denied = 2)]
            public static partial int g_malloc([Out] g_object* ptr, nuint w);
            """);

        Assert.Empty(GeneratorHarness.Run(GeneratorSide.Worker, known).Result.Diagnostics);
        AssertSingleError(unknown, "AVA001", "g_malloc");
    }

    [Fact]
    public void SpecWithError_EmitsNoSources()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_ok(int a);

            public static partial int g_fill(int* data, nuint size);
            """);

        var run = GeneratorHarness.Run(GeneratorSide.Guest, spec);

        Assert.Contains(run.Result.Diagnostics, d => d.Id == "AVA004");
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Fact]
    public void HandleTypeAcceptingANonHandleType_ReportsAva019AtTheHandleType()
    {
        var spec = Specs.Wrap("BadApi", """
            /// <summary>A handle that claims an enum may stand in for it.</summary>
            [HandleType(CName = "g_thing", Accepts = new[] { typeof(g_mode) })]
            public struct g_thing
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            public static partial int g_use(g_thing thing);
            """);

        AssertSingleError(spec, "AVA019", "g_thing");
    }

    [Fact]
    public void CallbackNamingMissingUserData_ReportsAva005AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_run([Callback("context")] delegate* unmanaged<int, void*, void> notify, [UserData] void* user_data);
            """);

        AssertSingleError(spec, "AVA005", "g_run");
    }

    [Fact]
    public void CallbackNamingAnArgumentThatIsNotUserData_ReportsAva005AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_run([Callback("value")] delegate* unmanaged<int, void*, void> notify, int value);
            """);

        AssertSingleError(spec, "AVA005", "g_run");
    }

    [Theory]
    [InlineData("public long Value;")]
    [InlineData("public nint Handle;")]
    [InlineData("public nint Value;\n    public nint Extra;")]
    public void HandleTypeWithoutASingleNintValueField_ReportsAva006AtTheHandleType(string fields)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            /// <summary>A handle of the wrong shape.</summary>
            [HandleType(CName = "g_bad")]
            public struct g_bad
            {
                {{fields}}
            }

            public static partial int g_ping();
            """);

        AssertSingleError(spec, "AVA006", "g_bad");
    }

    [Fact]
    public void HandleTypeThatIsAClass_ReportsAva006AtTheHandleType()
    {
        var spec = Specs.Wrap("BadApi", """
            /// <summary>A handle declared as a class.</summary>
            [HandleType(CName = "g_bad")]
            public sealed class g_bad
            {
                /// <summary>The C pointer value.</summary>
                public nint Value;
            }

            public static partial int g_ping();
            """);

        AssertSingleError(spec, "AVA006", "g_bad");
    }

    [Theory]
    [InlineData("string name", "name")]
    [InlineData("decimal amount", "amount")]
    [InlineData("[In, ZeroTerminated] float* list", "list")]
    [InlineData("[Out, ZeroTerminated] long* list", "list")]
    public void ArgumentTheGeneratorCannotMarshal_ReportsAva007AtArgument(string parameter, string locatedAt)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            public static partial int g_take({{parameter}});
            """);

        AssertSingleError(spec, "AVA007", locatedAt);
    }

    [Theory]
    [InlineData("public static unsafe class BadApi")]
    [InlineData("public unsafe partial class BadApi")]
    public void ApiClassThatIsNotStaticPartial_ReportsAva008AtTheClass(string declaration)
    {
        var spec = Specs.Wrap("BadApi", """
            public static int g_ping() => 0;
            """).Replace("public static unsafe partial class BadApi", declaration, StringComparison.Ordinal);
        Assert.Contains(declaration, spec, StringComparison.Ordinal);

        AssertSingleError(spec, "AVA008", "BadApi");
    }

    [Theory]
    [InlineData("[In, Buffer(\"size +\")] int* data, nuint size")]
    [InlineData("[In, Buffer(\"(size\")] int* data, nuint size")]
    [InlineData("[StringArray(\"count count\")] sbyte** names, uint count")]
    public void UnparsableExpression_ReportsAva010AtFunction(string parameters)
    {
        var spec = Specs.Wrap("BadApi", $$"""
            public static partial int g_send({{parameters}});
            """);

        AssertSingleError(spec, "AVA010", "g_send");
    }

    [Fact]
    public void UnparsableAsyncCondition_ReportsAva010AtFunction()
    {
        var spec = Specs.Wrap("BadApi", """
            [Async(Success = 0, When = "blocking ==")]
            public static partial int g_send(int blocking);
            """);

        AssertSingleError(spec, "AVA010", "g_send");
    }

    [Fact]
    public void SpecWithMoreFunctionsThanSixteenBitIds_ReportsAva012AtTheClass()
    {
        // Ids are 1-based u16 and 0 is the control function: 65,535 functions are one too many.
        var functions = string.Join("\n", Enumerable.Range(0, ushort.MaxValue).Select(i => $"public static partial void g_f{i}();"));
        var spec = Specs.Wrap("BadApi", functions);

        AssertSingleError(spec, "AVA012", "BadApi");
    }

    [Fact]
    public void DiagnosticCatalogue_HasATestReportingEachId()
    {
        // Every descriptor of the catalogue (Diagnostics.cs) is reported by some spec in this class.
        var catalogue = typeof(SpecGenerator).Assembly.GetType("Ava.Generator.Diagnostics", throwOnError: true)!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .ToHashSet();
        var source = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Ava.Generator.Tests", "DiagnosticTests.cs"));
        var tested = System.Text.RegularExpressions.Regex.Matches(source, "AssertSingleError\\([^;]*\"(AVA\\d{3})\"")
            .Select(m => m.Groups[1].Value)
            .ToHashSet();

        Assert.NotEmpty(catalogue);
        Assert.Empty(catalogue.Except(tested));
    }

    /// <summary>Exactly one generator diagnostic, an error with the id, whose location covers <paramref name="locatedAt"/> in the spec.</summary>
    [Fact]
    public void StatusHookThatIsNoMethodName_ReportsAva021AtTheApi()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial int g_ping();
            """).Replace("[InfoQueries(", "[StatusHook(\"keep status\")]\n[InfoQueries(", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadApi");
    }

    [Fact]
    public void StatusHookOnAnApiWithoutStatuses_ReportsAva021AtTheApi()
    {
        var spec = Specs.Wrap("BadApi", """
            public static partial void g_reset();
            """).Replace("[SuccessValue(0)]", "[StatusHook(\"KeepStatus\")]", StringComparison.Ordinal);

        AssertSingleError(spec, "AVA021", "BadApi");
    }

    private static void AssertSingleError(string spec, string id, string locatedAt)
    {
        var run = GeneratorHarness.Run(GeneratorSide.Guest, spec);

        var diagnostic = Assert.Single(run.Result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.SpecPath, span.Path);
        Assert.Equal(locatedAt, spec.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(locatedAt, spec.Split('\n')[span.StartLinePosition.Line].Substring(span.StartLinePosition.Character, locatedAt.Length));
    }
}
