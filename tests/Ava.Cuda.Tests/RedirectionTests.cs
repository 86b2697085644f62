namespace Ava.Tests;

/// <summary>
/// Under <c>ava run</c> a program that loads the CUDA driver by dlopen, as the CUDA runtime does, gets our drop-in
/// (here against the CPU test double of the driver API).
/// </summary>
public class RedirectionTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "cuda");
    private static readonly string Program = Path.Combine(Folder, "dlopen_driver");

    [Theory]
    [InlineData("libcuda.so")]
    [InlineData("libcuda.so.1")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libcuda.so.1")]
    public void Dlopen_UnderAvaRun_ReachesTheCudaDropIn(string name)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-cuda-redirect-{Guid.NewGuid():N}.log");
        try
        {
            var remoted = Repo.Run(Repo.Ava, ["run", "--api", "cuda", "--", Program, name], new Dictionary<string, string>
            {
                ["AVA_REAL_CUDA"] = Path.Combine(Folder, "libcudadouble.so"),
                ["AVA_LOG"] = log,
            }, TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.StartsWith($"{name} -> {Repo.Lib("libcuda.so.1")} cuInit=0 version=", remoted.Out, StringComparison.Ordinal);
            Assert.Contains(File.ReadLines(log), l => l.Contains("] serving cuda", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(log);
        }
    }
}
