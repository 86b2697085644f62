using System.Text;
using Ava.Rodinia;
using Xunit;

namespace Ava.Dashboard.Tests;

/// <summary>How `ava bench rodinia` decides that a remoted run produced what the native one did.</summary>
public sealed class RodiniaOutputsTests
{
    private static RunOutputs Outputs(string stdout, params (string Name, string Text)[] files) =>
        new(Rodinia.Outputs.WithoutTimings(stdout), files.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Text)));

    [Fact]
    public void WithoutTimings_RodiniaTimingLines_AreDropped_ResultsKept()
    {
        const string stdout = "Init: 123.4\nTotal: 5.6\nkernel time = 3 ms\nGPU Execution: 0.12\nSEND TO SEND BACK: 0.1\n"
            + "256x256      \t0.13 [0.53MB]\t16.2\ntotal weight: 1.000000\nXE: 32.49\n--cambine:passed:-)\n";

        Assert.Equal("total weight: 1.000000\nXE: 32.49\n--cambine:passed:-)\n\n", Rodinia.Outputs.WithoutTimings(stdout));
    }

    [Fact]
    public void Difference_SameStdoutAndFiles_IsNone()
    {
        Assert.Null(Rodinia.Outputs.Difference(Outputs("XE: 1\nTotal: 2\n", ("result.txt", "1 2 3")), Outputs("XE: 1\nTotal: 9\n", ("result.txt", "1 2 3")), 0));
    }

    [Fact]
    public void Difference_OneByteOfAFile_IsNamedWithItsOffset()
    {
        string? difference = Rodinia.Outputs.Difference(Outputs("", ("result.txt", "1 2 3")), Outputs("", ("result.txt", "1 2 4")), 0);

        Assert.Equal("result.txt: differs at byte 4 (5 bytes natively, 5 remoted)", difference);
    }

    [Fact]
    public void Difference_FileWrittenOnOneSideOnly_IsADifference()
    {
        Assert.Equal("output.txt: written only natively", Rodinia.Outputs.Difference(Outputs("", ("output.txt", "x")), Outputs(""), 0));
    }

    [Fact]
    public void TextDifference_WithinTolerance_Agrees_BeyondIt_NamesTheLine()
    {
        Assert.Null(Rodinia.Outputs.TextDifference("y=1.0000000e+00\n", "y=1.0000001e+00\n", 1e-6));
        Assert.Equal("line 1: 'y=1.0e+00' natively, 'y=1.1e+00' remoted", Rodinia.Outputs.TextDifference("y=1.0e+00\n", "y=1.1e+00\n", 1e-6));
    }

    [Fact]
    public void TextDifference_NumbersMasked_ComparesTheTextAroundThem()
    {
        // myocyte: printf pads a nan to the number's width; the labels must still agree.
        Assert.Null(Rodinia.Outputs.TextDifference("\t\ty[0][1][2]=1.2345678e-01\n", "\t\ty[0][1][2]=       nan\n", double.PositiveInfinity));
        Assert.NotNull(Rodinia.Outputs.TextDifference("\t\ty[0][1][2]=1.0\n", "\t\tz[0][1][2]=1.0\n", double.PositiveInfinity));
    }
}
