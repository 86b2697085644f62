namespace Ava.OpenCL.Guest.Tests;

/// <summary>
/// The proofs for kernel arguments and launches: an argument travels async only with the shape the library already
/// accepted for it (size, NULL or not, the kind of object an 8-byte value names), a launch only with every argument
/// set, a work shape the library already accepted on that queue, and no more __local memory than it was accepted with.
/// </summary>
public sealed unsafe class KernelValidityTests
{
    private const int Success = 0;
    private const int InvalidArgSize = -51;
    private const uint Rgba = 0x10B5;
    private const uint UnormInt8 = 0x10D2;

    private static (World World, nint Kernel) KernelWith(int arguments)
    {
        var world = World.Create();
        var program = World.Next();
        OpenCl.LearnProgram(program, world.Context);
        var kernel = World.Next();
        OpenCl.LearnKernel(kernel, program, arguments);
        return (world, kernel);
    }

    [Fact]
    public void ScalarArgument_IsProvenOnlyWithTheSizeTheLibraryAccepted()
    {
        var (_, kernel) = KernelWith(2);
        var value = 7;
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 4, &value));
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 4, &value);

        var other = -1;
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 4, &other));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 2, &other));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 4, null));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 2, 4, &other));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, uint.MaxValue, 4, &other));
        Assert.False(OpenCl.CheckSetKernelArg(World.Next(), 0, 4, &other));
    }

    [Fact]
    public void ArgumentTheLibraryRefused_StaysUnproven()
    {
        var (_, kernel) = KernelWith(1);
        var value = 7L;
        OpenCl.LearnSetKernelArg(InvalidArgSize, kernel, 0, 8, &value);
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &value));
    }

    [Fact]
    public void BufferArgument_IsProvenOnlyForAnotherLiveBufferOfTheKernelsContext()
    {
        var (world, kernel) = KernelWith(1);
        var other = World.Create();
        long first = world.Buffer(64);
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 8, &first);

        long second = world.Buffer(128);
        long image = world.Image2D(8, 8, Rgba, UnormInt8);
        long foreign = other.Buffer(64);
        long unknown = World.Next();
        long none = 0;
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 8, &second));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &image));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &foreign));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &unknown));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &none));

        OpenCl.LearnRelease((nint)second);
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 8, &second));
    }

    [Fact]
    public void EightByteValueNamingNoObject_IsAScalar_AndThenAnyValueFits()
    {
        var (world, kernel) = KernelWith(1);
        var scalar = 0x1234_5678_9ABCL;
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 8, &scalar);
        long buffer = world.Buffer(64);
        var another = 42L;
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 8, &another));
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 8, &buffer));
    }

    [Fact]
    public void LocalArgument_AcceptsAnyNonZeroSize()
    {
        var (_, kernel) = KernelWith(1);
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 256, null);
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 4096, null));
        Assert.True(OpenCl.CheckSetKernelArg(kernel, 0, 1, null));
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 0, null));
        var value = 1;
        Assert.False(OpenCl.CheckSetKernelArg(kernel, 0, 4, &value));
    }

    [Fact]
    public void Launch_IsProvenOnlyAfterTheLibraryAcceptedItsShapeOnThatQueue()
    {
        var (world, kernel) = KernelWith(1);
        var value = 3;
        var global = stackalloc nuint[] { 1024, 1, 1 };
        var local = stackalloc nuint[] { 64, 1, 1 };
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 4, &value);
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));

        OpenCl.LearnLaunch(Success, world.Queue, kernel, 1, null, global, local);
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));

        // Another global size of the same work-group shape is proven; another work-group shape is not.
        global[0] = 4096;
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));
        local[0] = 32;
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, null));

        // Another queue of the same context has not accepted it.
        var second = World.Next();
        OpenCl.LearnQueue(second, world.Context);
        local[0] = 64;
        Assert.False(OpenCl.CheckLaunch(second, kernel, 1, null, global, local));
    }

    [Fact]
    public void Launch_WithAGlobalSizeOrOffsetTheLibraryRefuses_IsNotProven()
    {
        var (world, kernel) = KernelWith(0);
        var global = stackalloc nuint[] { 1024, 16, 1 };
        var local = stackalloc nuint[] { 64, 4, 1 };
        var offset = stackalloc nuint[] { 0, 0, 0 };
        OpenCl.LearnLaunch(Success, world.Queue, kernel, 2, null, global, local);
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));

        offset[1] = nuint.MaxValue - 16; // offset + global is SIZE_MAX: the last one the specification allows
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));
        offset[1] = nuint.MaxValue - 15; // offset + global wraps
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));
        offset[1] = 0;

        global[0] = 1000; // not a multiple of the work-group size
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));
        global[0] = 0;
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));
        global[0] = 1024;
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 0, offset, global, local));
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 4, offset, global, local));
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, null, local));
        local[1] = 0;
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 2, offset, global, local));
    }

    [Fact]
    public void Launch_AskingMoreLocalMemoryThanItWasAcceptedWith_IsNotProvenUntilAccepted()
    {
        var (world, kernel) = KernelWith(1);
        var global = stackalloc nuint[] { 256, 1, 1 };
        var local = stackalloc nuint[] { 64, 1, 1 };
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 1024, null);
        OpenCl.LearnLaunch(Success, world.Queue, kernel, 1, null, global, local);
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));

        OpenCl.LearnSetKernelArg(Success, kernel, 0, 4096, null);
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));
        OpenCl.LearnLaunch(Success, world.Queue, kernel, 1, null, global, local);
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));

        // Less than accepted is within what the device gave.
        OpenCl.LearnSetKernelArg(Success, kernel, 0, 16, null);
        Assert.True(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, local));
    }

    [Fact]
    public void LaunchTheLibraryRefused_TeachesNothing()
    {
        var (world, kernel) = KernelWith(0);
        var global = stackalloc nuint[] { 256, 1, 1 };
        OpenCl.LearnLaunch(-54, world.Queue, kernel, 1, null, global, null);
        Assert.False(OpenCl.CheckLaunch(world.Queue, kernel, 1, null, global, null));
    }
}
