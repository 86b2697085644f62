using System.Text;
using Ava.Cuda;

namespace Ava.Tests;

/// <summary>The integrity-check answer (Cuda/Guest/RuntimeIntegrity.cs, compiled in here): MD2 and the driver's value.</summary>
public class RuntimeIntegrityTests
{
    [Theory]
    [InlineData("", "8350E5A3E24C153DF2275C9F80692773")]
    [InlineData("a", "32EC01EC4A6DAC72C0AB96FB34C0B5D1")]
    [InlineData("abc", "DA853B0D3F88D99B30283A69E6DED6BB")]
    [InlineData("message digest", "AB4F496BFB2A530B219FF33031FE06B0")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "D5976F79D83D3A0DC9806C3C66F3EFD8")]
    public void Md2_RfcTestSuite_GivesTheRfcDigests(string text, string digest)
    {
        var actual = new byte[16];
        RuntimeIntegrity.Md2(Encoding.ASCII.GetBytes(text), actual);
        Assert.Equal(digest, Convert.ToHexString(actual));
    }

    [Fact]
    public void Answer_InputsOfARealDriverCall_GivesTheRealDriversAnswer()
    {
        // One call of driver 580.159.04's slot by the CUDA 13.2 runtime (CuPy) on an H100, recorded by tests/Cuda/probe.
        var inputs = new RuntimeIntegrity.Inputs(13000, 13022, 604, 0xA3568740, 0x7F81A304C680, 0x7F81A304C660, 0x7F819D9AB350, 1795587236);
        var device = new byte[RuntimeIntegrity.DeviceSize];
        RuntimeIntegrity.WriteDevice(device, Convert.FromHexString("626C6154063917A1F5ABBCFD2B4123A9"), 0, 0, 6);
        var answer = new byte[16];
        RuntimeIntegrity.Answer(inputs, device, answer);
        Assert.Equal("A5DAFBE17B0EE43B29E376B4E151F688", Convert.ToHexString(answer));
    }

    [Theory]
    [InlineData(13000u, "5C67CB031C184133E8D14C1FAA83D38E")]
    [InlineData(13021u, "5C67CB031C184118E8D14C1FAA83D38E")]
    public void Answer_VersionsEndingIn0Or1_GetTheFixedAnswers(uint version, string expected)
    {
        var answer = new byte[16];
        RuntimeIntegrity.Answer(new RuntimeIntegrity.Inputs(13000, version, 1, 2, 3, 4, 5, 6), [], answer);
        Assert.Equal(expected, Convert.ToHexString(answer));
    }
}
