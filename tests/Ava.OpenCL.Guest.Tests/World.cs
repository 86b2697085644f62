namespace Ava.OpenCL.Guest.Tests;

/// <summary>
/// Objects as the guest would have learnt them from the library's answers: a context with a host queue, and the
/// buffers, images and events a test asks for. Every object gets an id of its own, so tests share the guest's memory
/// of objects without meeting each other's.
/// </summary>
internal sealed class World
{
    public const uint Type1D = 0x10F4;
    public const uint Type1DArray = 0x10F5;
    public const uint Type2D = 0x10F1;
    public const uint Type2DArray = 0x10F3;
    public const uint Type3D = 0x10F2;

    private static long s_next = 0x7100_0000;

    private World(nint context, nint queue)
    {
        Context = context;
        Queue = queue;
    }

    public nint Context { get; }

    public nint Queue { get; }

    public static World Create()
    {
        var world = new World(Next(), Next());
        OpenCl.LearnContext(world.Context);
        OpenCl.LearnQueue(world.Queue, world.Context);
        return world;
    }

    /// <summary>An id no object of any test has.</summary>
    public static nint Next() => (nint)Interlocked.Add(ref s_next, 16);

    public nint Buffer(nuint size, ulong flags = 0)
    {
        var buffer = Next();
        OpenCl.LearnBuffer(buffer, Context, flags, size);
        return buffer;
    }

    /// <summary>A sub-buffer the library has already accepted on this world's queue (its offset suits the device).</summary>
    public nint SubBuffer(nint parent, nuint origin, nuint size, ulong flags = 0)
    {
        var sub = Next();
        OpenCl.LearnSubBuffer(sub, parent, flags, origin, size);
        OpenCl.LearnAcceptedRead(Queue, sub);
        return sub;
    }

    public nint Image(uint type, nuint width, nuint height, nuint depth, nuint arraySize, uint order, uint dataType, ulong flags = 0)
    {
        var image = Next();
        var format = new cl_image_format { image_channel_order = order, image_channel_data_type = dataType };
        var desc = new cl_image_desc { image_type = type, image_width = width, image_height = height, image_depth = depth, image_array_size = arraySize };
        OpenCl.LearnImage(image, Context, flags, format, desc);
        return image;
    }

    public nint Image2D(nuint width, nuint height, uint order, uint dataType, ulong flags = 0) =>
        Image(Type2D, width, height, 0, 0, order, dataType, flags);

    public nint Event()
    {
        var e = Next();
        OpenCl.LearnEvent(e, Queue);
        return e;
    }
}
