namespace Ava.Bench.Apis.OpenCl;

/// <summary>
/// The OpenCL functions the per-API suite calls, resolved from one library: the system's (native) or our drop-in
/// (remoted). Handles are plain pointers here: the benchmarks only pass them back to the library they came from.
/// </summary>
internal sealed unsafe class OpenClCalls
{
    private OpenClCalls(ApiLibrary library)
    {
        Library = library;
        GetPlatformIDs = (delegate* unmanaged<uint, nint*, uint*, int>)library.Export("clGetPlatformIDs");
        GetPlatformInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)library.Export("clGetPlatformInfo");
        GetDeviceIDs = (delegate* unmanaged<nint, ulong, uint, nint*, uint*, int>)library.Export("clGetDeviceIDs");
        GetDeviceInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)library.Export("clGetDeviceInfo");
        CreateContext = (delegate* unmanaged<nint*, uint, nint*, nint, void*, int*, nint>)library.Export("clCreateContext");
        CreateCommandQueue = (delegate* unmanaged<nint, nint, ulong, int*, nint>)library.Export("clCreateCommandQueue");
        CreateProgramWithSource = (delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint>)library.Export("clCreateProgramWithSource");
        BuildProgram = (delegate* unmanaged<nint, uint, nint*, byte*, nint, void*, int>)library.Export("clBuildProgram");
        CreateKernel = (delegate* unmanaged<nint, byte*, int*, nint>)library.Export("clCreateKernel");
        CreateBuffer = (delegate* unmanaged<nint, ulong, nuint, void*, int*, nint>)library.Export("clCreateBuffer");
        SetKernelArg = (delegate* unmanaged<nint, uint, nuint, void*, int>)library.Export("clSetKernelArg");
        EnqueueNDRangeKernel = (delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int>)library.Export("clEnqueueNDRangeKernel");
        EnqueueWriteBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)library.Export("clEnqueueWriteBuffer");
        EnqueueReadBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)library.Export("clEnqueueReadBuffer");
        Finish = (delegate* unmanaged<nint, int>)library.Export("clFinish");
        ReleaseMemObject = (delegate* unmanaged<nint, int>)library.Export("clReleaseMemObject");
        ReleaseKernel = (delegate* unmanaged<nint, int>)library.Export("clReleaseKernel");
        ReleaseProgram = (delegate* unmanaged<nint, int>)library.Export("clReleaseProgram");
        ReleaseCommandQueue = (delegate* unmanaged<nint, int>)library.Export("clReleaseCommandQueue");
        ReleaseContext = (delegate* unmanaged<nint, int>)library.Export("clReleaseContext");
    }

    public ApiLibrary Library { get; }

    public delegate* unmanaged<uint, nint*, uint*, int> GetPlatformIDs { get; }

    public delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetPlatformInfo { get; }

    public delegate* unmanaged<nint, ulong, uint, nint*, uint*, int> GetDeviceIDs { get; }

    public delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetDeviceInfo { get; }

    public delegate* unmanaged<nint*, uint, nint*, nint, void*, int*, nint> CreateContext { get; }

    public delegate* unmanaged<nint, nint, ulong, int*, nint> CreateCommandQueue { get; }

    public delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint> CreateProgramWithSource { get; }

    public delegate* unmanaged<nint, uint, nint*, byte*, nint, void*, int> BuildProgram { get; }

    public delegate* unmanaged<nint, byte*, int*, nint> CreateKernel { get; }

    public delegate* unmanaged<nint, ulong, nuint, void*, int*, nint> CreateBuffer { get; }

    public delegate* unmanaged<nint, uint, nuint, void*, int> SetKernelArg { get; }

    public delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int> EnqueueNDRangeKernel { get; }

    public delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueWriteBuffer { get; }

    public delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueReadBuffer { get; }

    public delegate* unmanaged<nint, int> Finish { get; }

    public delegate* unmanaged<nint, int> ReleaseMemObject { get; }

    public delegate* unmanaged<nint, int> ReleaseKernel { get; }

    public delegate* unmanaged<nint, int> ReleaseProgram { get; }

    public delegate* unmanaged<nint, int> ReleaseCommandQueue { get; }

    public delegate* unmanaged<nint, int> ReleaseContext { get; }

    /// <summary>The system OpenCL library the worker also calls (<c>AVA_REAL_OPENCL</c> overrides, as for the worker).</summary>
    public static string NativePath =>
        Environment.GetEnvironmentVariable("AVA_REAL_OPENCL") is { Length: > 0 } path ? path : "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1";

    /// <summary>Our drop-in, which starts its own worker on the first call.</summary>
    public static string RemotedPath => Path.Combine(Paths.Artifacts, "lib", "libOpenCL.so.1");

    /// <summary>
    /// Loads both libraries into this process, as an application that had both on its path would, and checks that
    /// each one's exports come from its own file: two libraries of one SONAME, neither shadowing the other.
    /// </summary>
    /// <returns>What was checked, for the log.</returns>
    public static string VerifyDistinct()
    {
        var native = ApiLibrary.Load(NativePath);
        var remoted = ApiLibrary.Load(RemotedPath);
        if (native.File == remoted.File)
        {
            throw new InvalidOperationException($"{NativePath} and {RemotedPath} are one file, {native.File}: nothing would be remoted");
        }

        var nativeCall = native.Export("clGetDeviceInfo");
        var remotedCall = remoted.Export("clGetDeviceInfo");
        return $"clGetDeviceInfo resolves natively to {nativeCall:x} in {native.File} and remoted to {remotedCall:x} in {remoted.File}";
    }

    /// <summary>The calls of one side of the pair: <see cref="ApiSides.Native"/>, or a channel of the remoted library.</summary>
    public static OpenClCalls For(string side) => new(ApiSides.Load(side, NativePath, RemotedPath));
}
