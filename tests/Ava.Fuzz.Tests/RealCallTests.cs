namespace Ava.Fuzz.Tests;

/// <summary>
/// The worker's calls into the real library from hand-written code: a function the library does not export is
/// answered, not called at address 0 (the CUDA test double has no JIT linker; avaLinkComplete, a wire form, calls
/// cuLinkComplete, and a guest that sent it once killed the worker).
/// </summary>
public class RealCallTests
{
    private const int CudaTransportError = 999;

    [Fact]
    public unsafe void CudaFunctionTheLibraryLacks_CalledByTheWorker_AnswersTheTransportError()
    {
        // Bound to the test double or not bound at all (whichever test of this process ran first): no cuLinkComplete.
        nint image = 1;
        nuint size = 1;
        Assert.Equal(CudaTransportError, Ava.Cuda.Cuda.cuLinkComplete(default, &image, &size));
        Assert.Equal(1, image);
    }
}
