using System.Runtime.InteropServices;
using System.Text;

namespace Ava.Bench.Apis.OpenCl;

/// <summary>
/// What a real OpenCL application holds before its hot loop: the first device of the first platform, a context,
/// an in-order queue, a built program with a trivial kernel whose arguments are set, and a device buffer. Made
/// through one side's library, so the benchmarks call that library and nothing else.
/// </summary>
internal sealed unsafe class OpenClSession : IDisposable
{
    public const int MaxTransfer = 1 << 20;

    // Writes one word so the launch is real work the device must schedule, yet costs next to nothing to run.
    private const string Source = "__kernel void touch(__global int *buffer, int value) { if (get_global_id(0) == 0) buffer[0] = value; }";
    private const ulong DeviceTypeAll = 0xFFFFFFFF;
    private const uint PlatformName = 0x0902;
    private const ulong MemReadWrite = 1;

    private OpenClSession(OpenClCalls calls) => Calls = calls;

    public OpenClCalls Calls { get; }

    public nint Device { get; private set; }

    public nint Context { get; private set; }

    public nint Queue { get; private set; }

    public nint Program { get; private set; }

    public nint Kernel { get; private set; }

    public nint Buffer { get; private set; }

    /// <summary>Page-aligned host memory of <see cref="MaxTransfer"/> bytes for reads and writes.</summary>
    public byte* Host { get; private set; }

    /// <summary>The platform's name, to show which implementation stands behind each side.</summary>
    public string Platform { get; private set; } = "";

    public static OpenClSession Open(string side)
    {
        var session = new OpenClSession(OpenClCalls.For(side));
        try
        {
            session.Create();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the queue and returns its status; for the remoted side it is also where an asynchronous call's
    /// failure surfaces, so a run whose async calls failed cannot pass for a fast one.
    /// </summary>
    public void Finish() => Check(Calls.Finish(Queue), "clFinish");

    public void Dispose()
    {
        if (Queue != 0)
        {
            Calls.Finish(Queue);
        }

        Buffer = Release(Buffer, Calls.ReleaseMemObject);
        Kernel = Release(Kernel, Calls.ReleaseKernel);
        Program = Release(Program, Calls.ReleaseProgram);
        Queue = Release(Queue, Calls.ReleaseCommandQueue);
        Context = Release(Context, Calls.ReleaseContext);
        NativeMemory.AlignedFree(Host);
        Host = null;
    }

    public static void Check(int status, string function)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{function} failed: error {status}");
        }
    }

    private void Create()
    {
        nint platform;
        uint count;
        Check(Calls.GetPlatformIDs(1, &platform, &count), "clGetPlatformIDs");
        var name = stackalloc byte[256];
        nuint nameLength;
        Check(Calls.GetPlatformInfo(platform, PlatformName, 256, name, &nameLength), "clGetPlatformInfo");
        Platform = Encoding.UTF8.GetString(name, (int)Math.Max(0, (long)nameLength - 1));

        nint device;
        Check(Calls.GetDeviceIDs(platform, DeviceTypeAll, 1, &device, &count), "clGetDeviceIDs");
        Device = device;
        int error;
        Context = Calls.CreateContext(null, 1, &device, 0, null, &error);
        Check(error, "clCreateContext");
        Queue = Calls.CreateCommandQueue(Context, device, 0, &error);
        Check(error, "clCreateCommandQueue");

        var source = Encoding.UTF8.GetBytes(Source + "\0");
        fixed (byte* text = source)
        {
            var lines = text;
            Program = Calls.CreateProgramWithSource(Context, 1, &lines, null, &error);
            Check(error, "clCreateProgramWithSource");
        }

        Check(Calls.BuildProgram(Program, 1, &device, null, 0, null), "clBuildProgram");
        fixed (byte* kernelName = "touch\0"u8)
        {
            Kernel = Calls.CreateKernel(Program, kernelName, &error);
            Check(error, "clCreateKernel");
        }

        Buffer = Calls.CreateBuffer(Context, MemReadWrite, MaxTransfer, null, &error);
        Check(error, "clCreateBuffer");
        var buffer = Buffer;
        var value = 1;
        Check(Calls.SetKernelArg(Kernel, 0, (nuint)sizeof(nint), &buffer), "clSetKernelArg");
        Check(Calls.SetKernelArg(Kernel, 1, sizeof(int), &value), "clSetKernelArg");

        Host = (byte*)NativeMemory.AlignedAlloc(MaxTransfer, 4096);
        new Span<byte>(Host, MaxTransfer).Fill(5);
        Check(Calls.EnqueueWriteBuffer(Queue, Buffer, 1, 0, MaxTransfer, Host, 0, null, null), "clEnqueueWriteBuffer");
        Finish();
    }

    private static nint Release(nint handle, delegate* unmanaged<nint, int> release)
    {
        if (handle != 0)
        {
            release(handle);
        }

        return 0;
    }
}
