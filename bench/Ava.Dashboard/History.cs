// The performance history: one JSON object per line in bench/results/history.jsonl, one line per `ava bench` run.
// Written and read by hand with Utf8JsonWriter / JsonDocument so the library stays trimming- and AOT-safe.
//
// {"commit":"abc1234","date":"2026-11-25T03:00:00Z","machine":"host / cpu / cores","command":"ava bench transport",
//  "entries":[{"suite":"transport","name":"null-call sync shm p50","value":312.5,"unit":"ns",
//              "ratio":1.6,"ratioOf":"raw C shm ping-pong","lowerIsBetter":true}],
//  "floors":[{"name":"raw C shm ping-pong p50","value":195.0,"unit":"ns"}]}
//
// Required: commit, date, entries; per entry suite, name, value, unit, ratio. Optional: machine (""), command (""),
// floors ([]), ratioOf (""), lowerIsBetter (true). Unknown properties are ignored so older readers accept newer files.
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ava.Dashboard;

/// <summary>One measured figure of a run. <see cref="Ratio"/> is measured side by side with its reference in the same run.</summary>
/// <param name="Suite">Benchmark suite, e.g. <c>transport</c>.</param>
/// <param name="Name">Benchmark name, unique within its suite.</param>
/// <param name="Value">Absolute measurement, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>, e.g. <c>ns</c> or <c>GB/s</c>.</param>
/// <param name="Ratio">The figure that is tracked: this measurement divided by its reference (remoted / native, or us / physical floor).</param>
/// <param name="RatioOf">What the ratio is relative to.</param>
/// <param name="LowerIsBetter">True for latencies and costs; false for throughputs.</param>
public sealed record BenchEntry(string Suite, string Name, double Value, string Unit, double Ratio, string RatioOf, bool LowerIsBetter)
{
    /// <summary>The series this entry belongs to.</summary>
    public SeriesKey Key => new(Suite, Name);
}

/// <summary>A physical floor measured in the same run (raw C ping-pong, memcpy bandwidth, ...).</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">Measured value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>.</param>
public sealed record FloorEntry(string Name, double Value, string Unit);

/// <summary>One benchmark run: one line of the history file. The lists are copied on construction, so a record never changes.</summary>
public sealed record RunRecord
{
    private readonly IReadOnlyList<BenchEntry> _entries = [];
    private readonly IReadOnlyList<FloorEntry> _floors = [];

    /// <summary>Creates a run record.</summary>
    /// <param name="commit">Commit the run measured.</param>
    /// <param name="date">When the run happened.</param>
    /// <param name="machine">Where it ran: host / cpu model / cores.</param>
    /// <param name="entries">The measured figures.</param>
    /// <param name="floors">The physical floors measured in the same run.</param>
    public RunRecord(string commit, DateTimeOffset date, string machine, IEnumerable<BenchEntry> entries, IEnumerable<FloorEntry> floors)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(machine);
        Commit = commit;
        Date = date;
        Machine = machine;
        Entries = Freeze(entries);
        Floors = Freeze(floors);
    }

    /// <summary>Commit the run measured (full or abbreviated hash).</summary>
    public string Commit { get; init; }

    /// <summary>When the run happened.</summary>
    public DateTimeOffset Date { get; init; }

    /// <summary>Where it ran: host / cpu model / cores.</summary>
    public string Machine { get; init; }

    /// <summary>The command that measured the run (e.g. <c>ava bench transport opencl</c>), so its figures can be reproduced; empty when unknown.</summary>
    public string Command { get; init; } = "";

    /// <summary>The measured figures, in file order.</summary>
    public IReadOnlyList<BenchEntry> Entries { get => _entries; init => _entries = Freeze(value); }

    /// <summary>The physical floors, in file order.</summary>
    public IReadOnlyList<FloorEntry> Floors { get => _floors; init => _floors = Freeze(value); }

    /// <summary>The first seven characters of <see cref="Commit"/>.</summary>
    public string ShortCommit => Commit.Length > 7 ? Commit[..7] : Commit;

    /// <summary>Value equality, comparing the entry and floor lists element by element.</summary>
    public bool Equals(RunRecord? other) =>
        other is not null
        && string.Equals(Commit, other.Commit, StringComparison.Ordinal)
        && Date.Equals(other.Date)
        && string.Equals(Machine, other.Machine, StringComparison.Ordinal)
        && string.Equals(Command, other.Command, StringComparison.Ordinal)
        && Entries.SequenceEqual(other.Entries)
        && Floors.SequenceEqual(other.Floors);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Commit, Date, Machine, Command, Entries.Count, Floors.Count);

    private static ReadOnlyCollection<T> Freeze<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        T[] copy = [.. items];
        foreach (T item in copy)
        {
            if (item is null)
            {
                throw new ArgumentException("Lists of a run record must not contain null.", nameof(items));
            }
        }

        return Array.AsReadOnly(copy);
    }
}

/// <summary>A line of the history file could not be read.</summary>
public sealed class HistoryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public HistoryFormatException()
        : this("The history file is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HistoryFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HistoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one line of a file.</summary>
    /// <param name="source">Path or name of the history file.</param>
    /// <param name="lineNumber">1-based line number.</param>
    /// <param name="detail">What is wrong with the line.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public HistoryFormatException(string source, int lineNumber, string detail, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"{source}: line {lineNumber}: {detail}"), innerException)
    {
        HistoryPath = source;
        LineNumber = lineNumber;
    }

    /// <summary>Path or name of the history file; empty when not tied to a file.</summary>
    public string HistoryPath { get; } = "";

    /// <summary>1-based number of the malformed line; 0 when not tied to a line.</summary>
    public int LineNumber { get; }
}

/// <summary>Reads and appends the JSON Lines history file.</summary>
public static class HistoryFile
{
    /// <summary>Location of the history file relative to the repository root.</summary>
    public const string DefaultRelativePath = "bench/results/history.jsonl";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>Appends one run as one line, creating the file and its folder when missing.</summary>
    /// <param name="path">History file path.</param>
    /// <param name="run">The run to append.</param>
    /// <exception cref="ArgumentException">A value of the run is NaN or infinite.</exception>
    public static void Append(string path, RunRecord run)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(run);
        byte[] line = Encoding.UTF8.GetBytes(Serialize(run) + "\n");

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length > 0)
        {
            // Keep one run per line even if the file was hand-edited and lost its final newline.
            stream.Seek(-1, SeekOrigin.End);
            bool endsWithNewline = stream.ReadByte() == '\n';
            stream.Seek(0, SeekOrigin.End);
            if (!endsWithNewline)
            {
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Write(line);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads every run in file order. A missing file is an empty history; blank lines are skipped.</summary>
    /// <param name="path">History file path.</param>
    /// <returns>The runs, oldest first (file order).</returns>
    /// <exception cref="HistoryFormatException">A line is not a valid run; the message names the file and line number.</exception>
    public static IReadOnlyList<RunRecord> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return [];
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    /// <summary>Reads runs from JSON Lines text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <returns>The runs in order.</returns>
    /// <exception cref="HistoryFormatException">A line is not a valid run.</exception>
    public static IReadOnlyList<RunRecord> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var runs = new List<RunRecord>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            runs.Add(ParseLine(line, sourceName, lineNumber));
        }

        return runs.AsReadOnly();
    }

    /// <summary>Parses one line of the history file.</summary>
    /// <param name="line">The JSON object text.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <param name="lineNumber">1-based line number used in error messages.</param>
    /// <returns>The run.</returns>
    /// <exception cref="HistoryFormatException">The line is not a valid run.</exception>
    public static RunRecord ParseLine(string line, string sourceName, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, ReaderOptions);
        }
        catch (JsonException e)
        {
            // JsonException appends its own "LineNumber: 0 | BytePositionInLine: n." which would contradict ours.
            string reason = e.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = cut >= 0 ? reason[..cut] : reason;
            string column = e.BytePositionInLine is { } at ? string.Create(CultureInfo.InvariantCulture, $" (at byte {at + 1})") : "";
            throw new HistoryFormatException(sourceName, lineNumber, "invalid JSON" + column + ": " + reason, e);
        }

        using (document)
        {
            try
            {
                return ReadRun(document.RootElement);
            }
            catch (InvalidDataException e)
            {
                throw new HistoryFormatException(sourceName, lineNumber, e.Message, e);
            }
        }
    }

    /// <summary>Formats one run as a single line of JSON (no trailing newline).</summary>
    /// <param name="run">The run.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">A value of the run is NaN or infinite.</exception>
    public static string Serialize(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("commit", run.Commit);
            w.WriteString("date", FormatDate(run.Date));
            w.WriteString("machine", run.Machine);
            if (run.Command.Length > 0)
            {
                w.WriteString("command", run.Command);
            }

            w.WriteStartArray("entries");
            foreach (BenchEntry e in run.Entries)
            {
                w.WriteStartObject();
                w.WriteString("suite", e.Suite);
                w.WriteString("name", e.Name);
                w.WriteNumber("value", Finite(e.Value, e.Suite, e.Name, "value"));
                w.WriteString("unit", e.Unit);
                w.WriteNumber("ratio", Finite(e.Ratio, e.Suite, e.Name, "ratio"));
                w.WriteString("ratioOf", e.RatioOf);
                w.WriteBoolean("lowerIsBetter", e.LowerIsBetter);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("floors");
            foreach (FloorEntry f in run.Floors)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteNumber("value", Finite(f.Value, "floors", f.Name, "value"));
                w.WriteString("unit", f.Unit);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The date format of the file: UTC, ISO 8601, fractional seconds only when present.</summary>
    /// <param name="date">The date.</param>
    /// <returns>E.g. <c>2026-11-25T03:00:00Z</c>.</returns>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static double Finite(double value, string suite, string name, string field) =>
        double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{suite} / {name}: {field} must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));

    private static RunRecord ReadRun(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"expected a JSON object, found {Kind(root.ValueKind)}");
        }

        string commit = RequiredString(root, "commit", "run");
        string dateText = RequiredString(root, "date", "run");
        if (!DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            throw new InvalidDataException($"run: \"date\" is not an ISO 8601 date: \"{dateText}\"");
        }

        string machine = OptionalString(root, "machine", "run") ?? "";
        string command = OptionalString(root, "command", "run") ?? "";

        var entries = new List<BenchEntry>();
        JsonElement entriesElement = RequiredArray(root, "entries", "run");
        int index = 0;
        foreach (JsonElement item in entriesElement.EnumerateArray())
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"entries[{index}]");
            RequireObject(item, where);
            entries.Add(new BenchEntry(
                Suite: RequiredString(item, "suite", where),
                Name: RequiredString(item, "name", where),
                Value: RequiredNumber(item, "value", where),
                Unit: RequiredString(item, "unit", where),
                Ratio: RequiredNumber(item, "ratio", where),
                RatioOf: OptionalString(item, "ratioOf", where) ?? "",
                LowerIsBetter: OptionalBoolean(item, "lowerIsBetter", where) ?? true));
            index++;
        }

        var floors = new List<FloorEntry>();
        if (Optional(root, "floors", "run", JsonValueKind.Array) is { } floorsElement)
        {
            index = 0;
            foreach (JsonElement item in floorsElement.EnumerateArray())
            {
                string where = string.Create(CultureInfo.InvariantCulture, $"floors[{index}]");
                RequireObject(item, where);
                floors.Add(new FloorEntry(
                    Name: RequiredString(item, "name", where),
                    Value: RequiredNumber(item, "value", where),
                    Unit: RequiredString(item, "unit", where)));
                index++;
            }
        }

        return new RunRecord(commit, date, machine, entries, floors) { Command = command };
    }

    private static void RequireObject(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: expected an object, found {Kind(element.ValueKind)}");
        }
    }

    private static JsonElement? Optional(JsonElement obj, string property, string where, JsonValueKind kind)
    {
        if (!obj.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != kind)
        {
            throw new InvalidDataException($"{where}: \"{property}\" must be {Kind(kind)}, found {Kind(value.ValueKind)}");
        }

        return value;
    }

    private static JsonElement Required(JsonElement obj, string property, string where, JsonValueKind kind) =>
        Optional(obj, property, where, kind) ?? throw new InvalidDataException($"{where}: missing required property \"{property}\"");

    private static string RequiredString(JsonElement obj, string property, string where) =>
        Required(obj, property, where, JsonValueKind.String).GetString()!;

    private static string? OptionalString(JsonElement obj, string property, string where) =>
        Optional(obj, property, where, JsonValueKind.String)?.GetString();

    private static JsonElement RequiredArray(JsonElement obj, string property, string where) =>
        Required(obj, property, where, JsonValueKind.Array);

    private static double RequiredNumber(JsonElement obj, string property, string where)
    {
        JsonElement element = Required(obj, property, where, JsonValueKind.Number);
        if (!element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw new InvalidDataException($"{where}: \"{property}\" is out of range: {element.GetRawText()}");
        }

        return value;
    }

    private static bool? OptionalBoolean(JsonElement obj, string property, string where)
    {
        if (!obj.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"{where}: \"{property}\" must be true or false, found {Kind(value.ValueKind)}"),
        };
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
