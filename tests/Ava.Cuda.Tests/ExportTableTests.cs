namespace Ava.Tests;

/// <summary>
/// The drop-in's answer to cuGetExportTable against the CPU test double: the slots the CUDA runtime calls, called as
/// the runtime and cuBLASLt call them (tests/Cuda/double/export_tables.c). The double has only the tables whose slots
/// travel to the worker (the primary context, cuBLASLt's context value), so those also check the trip to the real table.
/// </summary>
public class ExportTableTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "cuda");

    private static string Transcript()
    {
        var env = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Repo.Lib("libcuda.so.1"),
            ["AVA_REAL_CUDA"] = Path.Combine(Folder, "libcudadouble.so"),
        };
        var run = Repo.Run(Path.Combine(Folder, "export_tables"), [], env, TimeSpan.FromSeconds(60));
        Assert.Equal(0, run.Code);
        return run.Out;
    }

    [Fact]
    public void RuntimeInterface_PrimaryContextSlot_AnswersTheContextARetainGives()
    {
        var output = Transcript();
        Assert.Contains("table runtime          = 0, size word 104", output, StringComparison.Ordinal);
        Assert.Contains("runtime[2] primary context = 0, same as retained: yes", output, StringComparison.Ordinal);
        Assert.Contains("runtime[10] NULL as the driver has it: yes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnservedSlotsAndTables_AreRefusedWithNotSupported()
    {
        var output = Transcript();
        Assert.Contains("table start-up         = 801 (NULL)", output, StringComparison.Ordinal);
        Assert.Contains("runtime[3] refused = 801", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextStorage_KeepsValuesPerContextAndKey_WithTheDriversErrorCodes()
    {
        var output = Transcript();
        Assert.Contains("storage get, no current context = 201", output, StringComparison.Ordinal);
        Assert.Contains("storage get before put = 400", output, StringComparison.Ordinal);
        Assert.Contains("storage put (current context) = 0", output, StringComparison.Ordinal);
        Assert.Contains("storage get (explicit context) = 0, value as put", output, StringComparison.Ordinal);
        Assert.Contains("storage get other key = 400", output, StringComparison.Ordinal);
        Assert.Contains("storage delete = 0, get after = 400", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CublasLtHandleCreation_GetsTheCurrentContextAndItsValueFromTheRealTable()
    {
        var output = Transcript();
        Assert.Contains("tls[2] = 0, current is the retained context: yes", output, StringComparison.Ordinal);
        Assert.Contains("table cublasLt context = 0, size word 744", output, StringComparison.Ordinal);
        Assert.Contains("cublasLt[4] = 0, value 1", output, StringComparison.Ordinal);
        Assert.Contains("cublasLt[5] refused = 801", output, StringComparison.Ordinal);
        Assert.Contains("table cublasLt kernels = 0, size word 136", output, StringComparison.Ordinal);
        Assert.Contains("cublasLt kernels[4] refused = 801, outputs untouched: yes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryPointsCublasLooksUpByName_AreAllExported_AndThoseNotRemotedAnswerNotSupported()
    {
        var output = Transcript();
        Assert.Contains("named entry points: 91, missing 0", output, StringComparison.Ordinal);
        Assert.Contains("cuMulticastCreate (not remoted) = 801", output, StringComparison.Ordinal);
        Assert.Contains("cuStreamGetCaptureInfo_v2 = 0, status 0, id 0, graph NULL, dependencies 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CufftModuleFunctions_CallBackForEachFunctionWithItsName_AsTheDriverDoes()
    {
        // cuFFT's table: slot 7 goes through a module's functions (cuModuleGetFunctionCount, cuModuleEnumerateFunctions
        // and cuFuncGetName in the worker), calling back with each; cuFFT keeps the last and launches it.
        var output = Transcript();
        Assert.Contains("table cufft            = 0, size word 792", output, StringComparison.Ordinal);
        Assert.Contains("cufft[7] = 1, callbacks 2: vec_add scale, kept the last: yes", output, StringComparison.Ordinal);
        Assert.Contains("cuFuncGetName = 0, scale; asked again, the same string: yes", output, StringComparison.Ordinal);
        Assert.Contains("cuFuncGetName NULL = 1", output, StringComparison.Ordinal);
        Assert.Contains("cufft[8] refused = 801", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolsHooksAndContextChecks_AnswerAsTheDriverDoes()
    {
        var output = Transcript();
        Assert.Contains("hooks[2] count 1024, switches all off: yes", output, StringComparison.Ordinal);
        Assert.Contains("hooks[6] size 14", output, StringComparison.Ordinal);
        Assert.Contains("checks[2] = 0, flag 0", output, StringComparison.Ordinal);
        Assert.Contains("checks[3] = 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegrityCheck_FixedAnswersAndAHashOverTimestampAndThread()
    {
        var output = Transcript();
        Assert.Contains("integrity 13000 = 0, fixed answer yes", output, StringComparison.Ordinal);
        Assert.Contains("integrity 13001 = 0, fixed answer yes", output, StringComparison.Ordinal);
        Assert.Contains("integrity 13002 = 0, repeatable yes", output, StringComparison.Ordinal);
        Assert.Contains("integrity covers the timestamp: yes", output, StringComparison.Ordinal);
        Assert.Contains("integrity covers the thread: yes", output, StringComparison.Ordinal);
    }
}
