using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

public sealed class RegressionTests
{
    [Fact]
    public void Regression_RatioWorseThanMedianByMoreThanThreshold_IsFlagged()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.80, 1.50, 1.60, 1.55);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.Regressed, r.Status);
        Assert.True(r.IsRegressed);
        Assert.Equal(1.55, r.Median);
        Assert.Equal(3, r.BaselineRuns);
        Assert.Equal((1.80 - 1.55) / 1.55, r.Worsening!.Value, 12);
    }

    [Fact]
    public void Regression_RatioWorseButWithinThreshold_IsOk()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.65, 1.50, 1.60, 1.55);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.Ok, r.Status);
        Assert.True(r.Worsening > 0);
    }

    [Fact]
    public void Regression_ImprovementOfAnySize_IsOk()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.05, 1.50, 1.60, 1.55);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.Ok, r.Status);
        Assert.True(r.Worsening < -0.3);
    }

    [Fact]
    public void Regression_HigherIsBetterRatioDropsBeyondThreshold_IsFlagged()
    {
        List<RunRecord> runs = TestData.Series("bandwidth", lowerIsBetter: false, latest: 0.70, 0.90, 0.88, 0.91);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.Regressed, r.Status);
        Assert.Equal((0.90 - 0.70) / 0.90, r.Worsening!.Value, 12);
    }

    [Fact]
    public void Regression_HigherIsBetterRatioRises_IsOk()
    {
        List<RunRecord> runs = TestData.Series("bandwidth", lowerIsBetter: false, latest: 1.20, 0.90, 0.88, 0.91);

        Assert.Equal(RegressionStatus.Ok, Assert.Single(Regression.Analyze(runs)).Status);
    }

    [Fact]
    public void Regression_ChangeOfExactlyTheThreshold_IsNotFlagged()
    {
        Assert.False(Regression.IsRegression(1.10, 1.00, lowerIsBetter: true, threshold: 0.10));
        Assert.False(Regression.IsRegression(0.90, 1.00, lowerIsBetter: false, threshold: 0.10));
        Assert.True(Regression.IsRegression(1.1001, 1.00, lowerIsBetter: true, threshold: 0.10));
    }

    [Fact]
    public void Regression_ThresholdIsConfigurable()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.65, 1.50, 1.60, 1.55);

        Assert.Equal(RegressionStatus.Regressed, Assert.Single(Regression.Analyze(runs, threshold: 0.05)).Status);
        Assert.Equal(RegressionStatus.Ok, Assert.Single(Regression.Analyze(runs, threshold: 0.10)).Status);
    }

    [Fact]
    public void Regression_SingleRun_HasNoBaseline()
    {
        var runs = new List<RunRecord> { TestData.Run(0, TestData.Entry("latency", 9.0)) };

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.NoBaseline, r.Status);
        Assert.Null(r.Median);
        Assert.Null(r.Worsening);
        Assert.False(r.IsRegressed);
    }

    [Fact]
    public void Regression_OnePreviousRun_IsEnoughForABaseline()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 2.0, 1.0);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(RegressionStatus.Regressed, r.Status);
        Assert.Equal(1, r.BaselineRuns);
    }

    [Fact]
    public void Regression_Baseline_UsesOnlyTheLastTenPreviousRuns()
    {
        // Over all 21 earlier runs the median would be 3.0 and 1.5 an improvement; over the last ten it is 1.0.
        double[] previous = [.. Enumerable.Repeat(3.0, 11), .. Enumerable.Repeat(1.0, 10)];
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.5, previous);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(10, r.BaselineRuns);
        Assert.Equal(1.0, r.Median);
        Assert.Equal(RegressionStatus.Regressed, r.Status);
    }

    [Fact]
    public void Regression_OneNoisyPreviousRun_DoesNotMoveTheMedianBaseline()
    {
        List<RunRecord> runs = TestData.Series("latency", lowerIsBetter: true, latest: 1.5, 1.0, 1.0, 9.0, 1.0, 1.0);

        RegressionResult r = Assert.Single(Regression.Analyze(runs));

        Assert.Equal(1.0, r.Median);
        Assert.True(r.IsRegressed);
    }

    [Fact]
    public void Regression_SeriesMissingFromSomeRuns_ComparesWithRunsThatCarryIt()
    {
        var runs = new List<RunRecord>
        {
            TestData.Run(0, TestData.Entry("a", 1.0), TestData.Entry("b", 5.0)),
            TestData.Run(1, TestData.Entry("a", 1.0)),
            TestData.Run(2, TestData.Entry("a", 1.0), TestData.Entry("b", 5.2), TestData.Entry("c", 1.0)),
        };

        IReadOnlyList<RegressionResult> results = Regression.Analyze(runs);

        Assert.Equal(["a", "b", "c"], results.Select(r => r.Latest.Name));
        Assert.Equal(1, results[1].BaselineRuns);
        Assert.Equal(RegressionStatus.Ok, results[1].Status);
        Assert.Equal(RegressionStatus.NoBaseline, results[2].Status);
    }

    [Fact]
    public void Regression_SameNameInDifferentSuites_AreSeparateSeries()
    {
        var runs = new List<RunRecord>
        {
            TestData.Run(0, TestData.Entry("p50", 1.0, suite: "cuda"), TestData.Entry("p50", 3.0, suite: "opencl")),
            TestData.Run(1, TestData.Entry("p50", 1.0, suite: "cuda"), TestData.Entry("p50", 3.0, suite: "opencl")),
        };

        Assert.All(Regression.Analyze(runs), r => Assert.Equal(RegressionStatus.Ok, r.Status));
        Assert.Equal(2, Regression.SeriesOf(runs).Count);
    }

    [Fact]
    public void Regression_EmptyHistory_HasNoResults()
    {
        Assert.Empty(Regression.Analyze([]));
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void Median_OddAndEvenCounts_IsTheMiddleValue(double[] values, double expected)
    {
        Assert.Equal(expected, Regression.Median(values));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Regression_InvalidThreshold_IsRejected(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Regression.Analyze(TestData.SyntheticHistory(2), threshold));
    }

    [Fact]
    public void Regression_SyntheticHistory_FlagsOnlyThePlantedSeries()
    {
        RegressionResult r = Assert.Single(Regression.Analyze(TestData.SyntheticHistory()), r => r.IsRegressed);

        Assert.Equal(new SeriesKey(TestData.PlantedSuite, TestData.PlantedName), r.Series);
    }
}
