using Ava.Transport.Control;

namespace Ava.Transport.Tests.Control;

/// <summary>/etc/ava/ava.conf as ava install --system writes it and guests and workers read it.</summary>
public sealed class SystemConfigTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ava-conf-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_KeyValueLines_CommentsAndBlankLinesIgnoredKeysAnyCase()
    {
        File.WriteAllLines(_file, ["# written by ava install --system", "", "manager = 10.0.0.1:7070", "Real.OpenCL=/usr/lib/x86_64-linux-gnu/libOpenCL.so.1.ava-real", "broken line", "token="]);
        var config = SystemConfig.Load(_file);
        Assert.Equal("10.0.0.1:7070", config["manager"]);
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libOpenCL.so.1.ava-real", config["real.opencl"]);
        Assert.Null(config["token"]);
        Assert.Null(config["broken line"]);
    }

    [Fact]
    public void Load_AbsentFile_HasNoSettings()
    {
        Assert.Null(SystemConfig.Load(_file)["manager"]);
    }
}
