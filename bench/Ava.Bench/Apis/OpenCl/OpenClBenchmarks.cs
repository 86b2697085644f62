using BenchmarkDotNet.Attributes;

namespace Ava.Bench.Apis.OpenCl;

/// <summary>
/// The hottest calls of real OpenCL applications (the workloads' host loops: set arguments, launch, move data,
/// query the device, make and drop buffers), each natively through the system library (PoCL behind the ICD
/// loader) and through our drop-in to its worker. Each case runs in its own process, as BenchmarkDotNet does,
/// so a side's library is the only OpenCL library the process calls.
/// </summary>
[ApiSuite("opencl", "native OpenCL (PoCL)")]
public unsafe class OpenClBenchmarks
{
    /// <summary>Kernels per batch (the benchmark's description names it): a frame's worth of launches in the workloads' loops.</summary>
    public const int Batch = 64;

    private const uint DeviceMaxComputeUnits = 0x1002;
    private const ulong MemReadWrite = 1;
    private OpenClSession _session = null!;
    private OpenClCalls _cl = null!;
    private nint _buffer;
    private nuint _global = 1;

    [Params(ApiSides.Native, ApiSides.Shm)]
    public string Channel { get; set; } = ApiSides.Native;

    [GlobalSetup]
    public void Setup()
    {
        _session = OpenClSession.Open(Channel);
        _cl = _session.Calls;
        _buffer = _session.Buffer;
        Console.WriteLine($"// opencl {Channel}: {_cl.Library.File}, platform {_session.Platform}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Finish();
        _session.Dispose();
    }

    /// <summary>A by-value argument: asynchronous when remoted.</summary>
    [Benchmark(Description = "clSetKernelArg scalar")]
    public int SetKernelArgScalar()
    {
        var value = 7;
        return _cl.SetKernelArg(_session.Kernel, 1, sizeof(int), &value);
    }

    /// <summary>A memory-object argument: remoted, the handle is translated on both sides.</summary>
    [Benchmark(Description = "clSetKernelArg buffer")]
    public int SetKernelArgBuffer()
    {
        var buffer = _buffer;
        return _cl.SetKernelArg(_session.Kernel, 0, (nuint)sizeof(nint), &buffer);
    }

    /// <summary>A batch of non-blocking launches and the wait for them: per kernel, what a frame of work costs.</summary>
    [Benchmark(Description = "clEnqueueNDRangeKernel x64 + clFinish", OperationsPerInvoke = Batch)]
    public int EnqueueBatchThenFinish()
    {
        var global = _global;
        for (var i = 0; i < Batch; i++)
        {
            _cl.EnqueueNDRangeKernel(_session.Queue, _session.Kernel, 1, null, &global, null, 0, null, null);
        }

        return _cl.Finish(_session.Queue);
    }

    /// <summary>A small synchronous query: a full round trip when remoted.</summary>
    [Benchmark(Description = "clGetDeviceInfo")]
    public uint GetDeviceInfo()
    {
        uint units;
        _cl.GetDeviceInfo(_session.Device, DeviceMaxComputeUnits, sizeof(uint), &units, null);
        return units;
    }

    [Benchmark(Description = "clEnqueueWriteBuffer blocking")]
    [Arguments(4096)]
    [Arguments(OpenClSession.MaxTransfer)]
    public int WriteBuffer(int bytes) => _cl.EnqueueWriteBuffer(_session.Queue, _buffer, 1, 0, (nuint)bytes, _session.Host, 0, null, null);

    [Benchmark(Description = "clEnqueueReadBuffer blocking")]
    [Arguments(4096)]
    [Arguments(OpenClSession.MaxTransfer)]
    public int ReadBuffer(int bytes) => _cl.EnqueueReadBuffer(_session.Queue, _buffer, 1, 0, (nuint)bytes, _session.Host, 0, null, null);

    /// <summary>A short-lived 4 KiB buffer, as applications make per frame.</summary>
    [Benchmark(Description = "clCreateBuffer + clReleaseMemObject")]
    public int CreateAndReleaseBuffer()
    {
        int error;
        var buffer = _cl.CreateBuffer(_session.Context, MemReadWrite, 4096, null, &error);
        return error | _cl.ReleaseMemObject(buffer);
    }
}

/// <summary>
/// A single non-blocking launch followed by nothing: what the application waits for before it can go on. The
/// launches pile up in the queue, so a fixed number run per iteration and the queue is drained between
/// iterations, outside the measurement; the pile stays small enough not to measure the queue's growth instead.
/// </summary>
[ApiSuite("opencl", "native OpenCL (PoCL)")]
[InvocationCount(Launches)]
public unsafe class OpenClLaunchBenchmarks
{
    private const int Launches = 2048;
    private OpenClSession _session = null!;
    private OpenClCalls _cl = null!;
    private nuint _global = 1;

    [Params(ApiSides.Native, ApiSides.Shm)]
    public string Channel { get; set; } = ApiSides.Native;

    [GlobalSetup]
    public void Setup()
    {
        _session = OpenClSession.Open(Channel);
        _cl = _session.Calls;
    }

    [IterationCleanup]
    public void Drain() => _session.Finish();

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Finish();
        _session.Dispose();
    }

    [Benchmark(Description = "clEnqueueNDRangeKernel non-blocking")]
    public int EnqueueNonBlocking()
    {
        var global = _global;
        return _cl.EnqueueNDRangeKernel(_session.Queue, _session.Kernel, 1, null, &global, null, 0, null, null);
    }
}
