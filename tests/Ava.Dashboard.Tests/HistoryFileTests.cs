using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

public sealed class HistoryFileTests
{
    private const string ExampleLine =
        """{"commit":"abc1234","date":"2026-11-25T03:00:00Z","machine":"hostname / cpu model / cores","entries":[{"suite":"transport","name":"null-call sync shm p50","value":312.5,"unit":"ns","ratio":1.6,"ratioOf":"raw C shm ping-pong","lowerIsBetter":true}],"floors":[{"name":"raw C shm ping-pong p50","value":195.0,"unit":"ns"},{"name":"memcpy single core","value":9.8,"unit":"GB/s"}]}""";

    [Fact]
    public void Load_DocumentedExampleLine_ReadsEveryField()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        File.WriteAllText(path, ExampleLine + "\n");

        RunRecord run = Assert.Single(HistoryFile.Load(path));

        Assert.Equal("abc1234", run.Commit);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero), run.Date);
        Assert.Equal("hostname / cpu model / cores", run.Machine);
        Assert.Equal(new BenchEntry("transport", "null-call sync shm p50", 312.5, "ns", 1.6, "raw C shm ping-pong", true), Assert.Single(run.Entries));
        Assert.Equal([new FloorEntry("raw C shm ping-pong p50", 195.0, "ns"), new FloorEntry("memcpy single core", 9.8, "GB/s")], run.Floors);
    }

    [Fact]
    public void AppendThenLoad_RunWithCommand_KeepsTheCommand()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        RunRecord run = TestData.Run(0, TestData.Entry("clGetDeviceInfo shm", 44.3, suite: "opencl")) with { Command = "ava bench opencl --quick" };

        HistoryFile.Append(path, run);

        Assert.Contains("\"command\":\"ava bench opencl --quick\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(run, Assert.Single(HistoryFile.Load(path)));
        Assert.Equal("", HistoryFile.ParseLine(ExampleLine, "example", 1).Command);
    }

    [Fact]
    public void AppendThenLoad_SeveralRuns_RoundTripsInOrder()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "results", "nested", "history.jsonl");
        List<RunRecord> runs = TestData.SyntheticHistory(5);

        foreach (RunRecord run in runs)
        {
            HistoryFile.Append(path, run);
        }

        IReadOnlyList<RunRecord> loaded = HistoryFile.Load(path);
        Assert.Equal(runs, loaded);
        Assert.Equal(5, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Append_EachRun_WritesExactlyOneLine()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        var run = TestData.Run(0, TestData.Entry("multi\nline \"name\"", 1.5));

        HistoryFile.Append(path, run);
        HistoryFile.Append(path, run);

        string text = File.ReadAllText(path);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal([run, run], HistoryFile.Load(path));
    }

    [Fact]
    public void Append_FileWithoutFinalNewline_StartsANewLine()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        File.WriteAllText(path, ExampleLine);

        HistoryFile.Append(path, TestData.Run(1, TestData.Entry("x", 1.2)));

        IReadOnlyList<RunRecord> loaded = HistoryFile.Load(path);
        Assert.Equal(2, loaded.Count);
        Assert.Equal("abc1234", loaded[0].Commit);
    }

    [Fact]
    public void Serialize_Run_MatchesDocumentedFormat()
    {
        var run = new RunRecord(
            "abc1234",
            new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.FromHours(1)),
            "hostname / cpu model / cores",
            [new BenchEntry("transport", "null-call sync shm p50", 312.5, "ns", 1.6, "raw C shm ping-pong", true)],
            [new FloorEntry("raw C shm ping-pong p50", 195.5, "ns")]);

        string line = HistoryFile.Serialize(run);

        Assert.Equal(
            """{"commit":"abc1234","date":"2026-11-25T03:00:00Z","machine":"hostname / cpu model / cores","entries":[{"suite":"transport","name":"null-call sync shm p50","value":312.5,"unit":"ns","ratio":1.6,"ratioOf":"raw C shm ping-pong","lowerIsBetter":true}],"floors":[{"name":"raw C shm ping-pong p50","value":195.5,"unit":"ns"}]}""",
            line);
    }

    [Fact]
    public void Serialize_FractionalSecondsAndUnicode_RoundTrip()
    {
        var run = new RunRecord("f00", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), "hôte / CPU™ / 8",
            [TestData.Entry("größe <&> 'q'", 0.25, lowerIsBetter: false, unit: "µs")], []);

        RunRecord back = HistoryFile.ParseLine(HistoryFile.Serialize(run), "test", 1);

        Assert.Equal(run, back);
    }

    [Fact]
    public void Load_BlankAndWhitespaceLines_AreSkipped()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        File.WriteAllText(path, "\n" + ExampleLine + "\n   \n\t\r\n" + ExampleLine + "\r\n\n");

        Assert.Equal(2, HistoryFile.Load(path).Count);
    }

    [Fact]
    public void Load_MissingFile_IsAnEmptyHistory()
    {
        using var dir = new TempDir();

        Assert.Empty(HistoryFile.Load(dir.File("does-not-exist.jsonl")));
    }

    [Fact]
    public void Load_MalformedJson_ThrowsNamingFileAndLineNumber()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");
        File.WriteAllText(path, ExampleLine + "\n\n{\"commit\": \"abc\", oops\n" + ExampleLine + "\n");

        var e = Assert.Throws<HistoryFormatException>(() => HistoryFile.Load(path));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal(path, e.HistoryPath);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON (at byte 19)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber: 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"date":"2026-11-25T03:00:00Z","entries":[]}""", "missing required property \"commit\"")]
    [InlineData("""{"commit":"a","date":"yesterday","entries":[]}""", "not an ISO 8601 date")]
    [InlineData("""{"commit":"a","date":"2026-11-25T03:00:00Z"}""", "missing required property \"entries\"")]
    [InlineData("""{"commit":"a","date":"2026-11-25T03:00:00Z","entries":[{"suite":"s","name":"n","value":"fast","unit":"ns","ratio":1}]}""", "entries[0]: \"value\" must be a number")]
    [InlineData("""{"commit":"a","date":"2026-11-25T03:00:00Z","entries":[{"suite":"s","name":"n","value":1,"unit":"ns"}]}""", "entries[0]: missing required property \"ratio\"")]
    [InlineData("""{"commit":"a","date":"2026-11-25T03:00:00Z","entries":[],"floors":[{"name":"f","value":1}]}""", "floors[0]: missing required property \"unit\"")]
    [InlineData("""[1,2,3]""", "expected a JSON object")]
    public void ParseLine_InvalidRun_ExplainsWhatIsWrong(string line, string expected)
    {
        var e = Assert.Throws<HistoryFormatException>(() => HistoryFile.ParseLine(line, "history.jsonl", 7));

        Assert.Equal(7, e.LineNumber);
        Assert.StartsWith("history.jsonl: line 7: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_OptionalFieldsAbsent_UseDefaults()
    {
        RunRecord run = HistoryFile.ParseLine(
            """{"commit":"a","date":"2026-11-25T03:00:00Z","entries":[{"suite":"s","name":"n","value":1,"unit":"ns","ratio":2,"future":"ignored"}]}""", "h", 1);

        Assert.Equal("", run.Machine);
        Assert.Empty(run.Floors);
        BenchEntry entry = Assert.Single(run.Entries);
        Assert.Equal("", entry.RatioOf);
        Assert.True(entry.LowerIsBetter);
    }

    [Fact]
    public void Append_NonFiniteRatio_IsRejectedAndFileUntouched()
    {
        using var dir = new TempDir();
        string path = dir.File("history.jsonl");

        Assert.Throws<ArgumentException>(() => HistoryFile.Append(path, TestData.Run(0, TestData.Entry("n", double.NaN))));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void RunRecord_ListsPassedIn_AreCopiedSoLaterChangesDoNotLeakIn()
    {
        var entries = new List<BenchEntry> { TestData.Entry("a", 1.0) };
        var run = new RunRecord("c", TestData.Start, "m", entries, []);

        entries.Add(TestData.Entry("b", 2.0));

        Assert.Single(run.Entries);
        Assert.Equal(run, run with { Entries = [TestData.Entry("a", 1.0)] });
        Assert.NotEqual(run, run with { Entries = entries });
    }
}
