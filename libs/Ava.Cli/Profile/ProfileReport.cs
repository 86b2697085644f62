using System.Globalization;
using System.Text;
using System.Text.Json;
using Ava.Transport.Diagnostics;

namespace Ava.Cli.Profile;

/// <summary>One function's totals over every process of a run, guest and worker stages side by side.</summary>
internal sealed class FunctionProfile(string api, string name)
{
    public string Api { get; } = api;

    public string Name { get; } = name;

    public long Sync;
    public long Async;
    public long Kept;
    public long Rejected;
    public long MarshalNs;
    public long GuestSyncNs;
    public long GuestAsyncNs;
    public long GuestKeptNs;
    public long WorkerCalls;
    public long WorkerNs;
    public long Executed;
    public long UnmarshalNs;
    public long ExecuteNs;
    public long ReplyNs;
    public long BytesToWorker;
    public long BytesFromWorker;

    /// <summary>Synchronous calls whose guest and worker stamps pair up (the same calls counted on both sides).</summary>
    public long PairedSync;
    public long ToWorkerNs;
    public long ToGuestNs;
    public long PairedAsync;
    public long AsyncQueueNs;

    public long Calls => Sync + Async + Kept;

    /// <summary>What the calls cost the application: the time its threads spent inside them.</summary>
    public long GuestNs => GuestSyncNs + GuestAsyncNs + GuestKeptNs;

    /// <summary>Whether the guest's side of the function was seen (else only a worker's file was there).</summary>
    public bool HasGuest;

    /// <summary>The per-call stages of a synchronous call, in the order a call passes them: (name, calls, total ns).</summary>
    public IEnumerable<(string Stage, long Calls, long Ns)> Stages()
    {
        yield return ("marshal", Sync + Async, MarshalNs);
        yield return ("to_worker", PairedSync, ToWorkerNs);
        yield return ("unmarshal", Executed, UnmarshalNs);
        yield return ("execute", Executed, ExecuteNs);
        yield return ("reply", Executed, ReplyNs);
        yield return ("to_guest", PairedSync, ToGuestNs);
    }
}

/// <summary>A frame that made synchronous calls, and to which function.</summary>
internal sealed record CallerProfile(string Frame, string Api, string Function, long Calls, long Ns);

/// <summary>
/// The merged profile of one run of <c>ava profile</c>: every guest file with the worker files of the same guest
/// process and API. A worker's stamps are placed on its guest's timeline (one host, one CLOCK_MONOTONIC), so the
/// time a call spent travelling each way is the difference of the two sides' sums of stamps over the same calls;
/// where the two sides did not count the same calls of a function (a process that died mid-call), those stages are
/// left out for that process rather than guessed.
/// </summary>
internal sealed class ProfileReport
{
    private ProfileReport(List<FunctionProfile> functions, List<CallerProfile> callers, long dropped, int guests, int workers)
    {
        Functions = functions;
        Callers = callers;
        Dropped = dropped;
        Guests = guests;
        Workers = workers;
    }

    /// <summary>Functions by what they cost the application, most first.</summary>
    public List<FunctionProfile> Functions { get; }

    /// <summary>Call sites of synchronous calls by their cost, most first.</summary>
    public List<CallerProfile> Callers { get; }

    public long Dropped { get; }

    public int Guests { get; }

    public int Workers { get; }

    /// <summary>Kernel launches: the functions whose calls the round trips are counted against.</summary>
    public static bool IsLaunch(string name) =>
        name is "clEnqueueNDRangeKernel" or "clEnqueueTask" or "cudaLaunchKernel" or "cudaLaunchKernel_ptsz" or "cudaLaunchKernelExC" or "cudaLaunchKernelExC_ptsz"
        || (name.StartsWith("cuLaunch", StringComparison.Ordinal) && name.Contains("Kernel", StringComparison.Ordinal));

    public long Launches => Functions.Where(f => IsLaunch(f.Name)).Sum(f => f.Calls);

    /// <summary>Calls that made the application wait for a reply.</summary>
    public long SyncRoundTrips => Functions.Sum(f => f.Sync);

    /// <summary>Reads and merges every profile file in <paramref name="directory"/>.</summary>
    public static ProfileReport Read(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "guest-*.prof").Concat(Directory.EnumerateFiles(directory, "worker-*.prof"))
            .Order(StringComparer.Ordinal).Select(ProfileFile.Read).ToList();
        var guests = files.Where(f => f.Side == ProfileSide.Guest).ToList();
        var workers = files.Where(f => f.Side == ProfileSide.Worker).ToList();
        var functions = new Dictionary<(string, string), FunctionProfile>();
        FunctionProfile Of(string api, string name)
        {
            if (!functions.TryGetValue((api, name), out var f))
            {
                functions[(api, name)] = f = new FunctionProfile(api, name);
            }

            return f;
        }

        var callers = new Dictionary<(string, string, string), (long Calls, long Ns)>();
        foreach (var guest in guests)
        {
            var served = workers.Where(w => w.Api == guest.Api && w.PeerPid == guest.Pid).ToList();
            for (var id = 1; id < guest.Rows.Length; id++)
            {
                var g = guest.Rows[id];
                var w = new ulong[ProfileLayout.RowSlots];
                foreach (var worker in served.Where(x => id < x.Rows.Length))
                {
                    for (var slot = 0; slot < w.Length; slot++)
                    {
                        w[slot] += worker.Rows[id][slot];
                    }
                }

                if (g.All(v => v == 0) && w.All(v => v == 0))
                {
                    continue;
                }

                var f = Of(guest.Api, guest.Name(id));
                f.HasGuest = true;
                AddGuest(f, g);
                AddWorker(f, w);
                long G(GuestSlot s) => (long)g[(int)s];
                long W(WorkerSlot s) => (long)w[(int)s];
                if (G(GuestSlot.SyncCalls) > 0 && G(GuestSlot.SyncCalls) == W(WorkerSlot.SyncCalls))
                {
                    // Sums of stamps modulo 2^64: their difference is the sum of each call's difference.
                    f.PairedSync += G(GuestSlot.SyncCalls);
                    f.ToWorkerNs += unchecked(W(WorkerSlot.SyncReceivedStamps) - G(GuestSlot.SyncSentStamps));
                    f.ToGuestNs += unchecked(G(GuestSlot.SyncResultStamps) - W(WorkerSlot.SyncRepliedStamps));
                }

                if (G(GuestSlot.AsyncCalls) > 0 && G(GuestSlot.AsyncCalls) == W(WorkerSlot.AsyncCalls))
                {
                    f.PairedAsync += G(GuestSlot.AsyncCalls);
                    f.AsyncQueueNs += unchecked(W(WorkerSlot.AsyncReceivedStamps) - G(GuestSlot.AsyncSentStamps));
                }
            }

            foreach (var c in guest.Callers)
            {
                var key = (c.Frame, guest.Api, guest.Name(c.Function));
                callers.TryGetValue(key, out var sum);
                callers[key] = (sum.Calls + c.Calls, sum.Ns + c.Ns);
            }
        }

        // Workers whose guest left no file (a guest that could not write one): their side alone.
        foreach (var worker in workers.Where(w => !guests.Any(g => g.Api == w.Api && g.Pid == w.PeerPid)))
        {
            for (var id = 1; id < worker.Rows.Length; id++)
            {
                if (worker.Rows[id].Any(v => v != 0))
                {
                    AddWorker(Of(worker.Api, worker.Name(id)), worker.Rows[id]);
                }
            }
        }

        var ordered = functions.Values.OrderByDescending(f => f.HasGuest ? f.GuestNs : f.WorkerNs).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var sites = callers.Select(c => new CallerProfile(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value.Calls, c.Value.Ns))
            .OrderByDescending(c => c.Ns).ThenBy(c => c.Frame, StringComparer.Ordinal).ToList();
        return new ProfileReport(ordered, sites, guests.Sum(g => g.Dropped), guests.Count, workers.Count);
    }

    private static void AddGuest(FunctionProfile f, ulong[] g)
    {
        long G(GuestSlot s) => (long)g[(int)s];
        f.Sync += G(GuestSlot.SyncCalls);
        f.Async += G(GuestSlot.AsyncCalls);
        f.Kept += G(GuestSlot.KeptCalls);
        f.MarshalNs += G(GuestSlot.MarshalNs);
        f.GuestSyncNs += G(GuestSlot.SyncNs);
        f.GuestAsyncNs += G(GuestSlot.AsyncNs);
        f.GuestKeptNs += G(GuestSlot.KeptNs);
    }

    private static void AddWorker(FunctionProfile f, ulong[] w)
    {
        long W(WorkerSlot s) => (long)w[(int)s];
        if (!f.HasGuest)
        {
            // Only the worker saw these calls: its counts are all there is.
            f.Sync += W(WorkerSlot.SyncCalls);
            f.Async += W(WorkerSlot.AsyncCalls);
        }

        f.WorkerCalls += W(WorkerSlot.SyncCalls) + W(WorkerSlot.AsyncCalls);
        f.Rejected += W(WorkerSlot.RejectedCalls);
        f.WorkerNs += W(WorkerSlot.WorkerNs);
        f.Executed += W(WorkerSlot.ExecutedCalls);
        f.UnmarshalNs += W(WorkerSlot.UnmarshalNs);
        f.ExecuteNs += W(WorkerSlot.ExecuteNs);
        f.ReplyNs += W(WorkerSlot.MarshalNs);
        f.BytesToWorker += W(WorkerSlot.BytesIn);
        f.BytesFromWorker += W(WorkerSlot.BytesOut);
    }

    /// <summary>The report as text: the function table, the round trips per launch, and the call sites.</summary>
    public string ToText(IReadOnlyList<string> command, int status, int maxCallers = 30)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.Append(c, $"ava profile: {string.Join(' ', command)} (exit {status}): {Guests} guest process(es), {Workers} worker(s), ");
        s.Append(c, $"{Functions.Sum(f => f.Calls):N0} calls ({Functions.Sum(f => f.Sync):N0} sync, {Functions.Sum(f => f.Async):N0} async, {Functions.Sum(f => f.Kept):N0} answered in the guest), ");
        s.Append(c, $"{Ms(Functions.Sum(f => f.GuestNs))} ms in the calls\n\n");
        s.Append("stage means in us: marshal (guest) > to worker > unmarshal > execute > reply (worker) > to guest (and decode); a stage is '-' where it was not measured\n");
        var header = $"{"function",-34} {"calls",9} {"sync",9} {"async",9} {"kept",7} {"to worker",10} {"from wkr",10} {"guest ms",10} {"mean us",9} | {"marshal",8} {"to wkr",8} {"unmrsh",8} {"execute",9} {"reply",8} {"to gst",8}";
        s.Append(header).Append('\n');
        foreach (var f in Functions)
        {
            var name = Functions.Select(x => x.Api).Distinct().Count() > 1 ? $"{f.Api}:{f.Name}" : f.Name;
            s.Append(c, $"{Clip(name, 34),-34} {f.Calls,9:N0} {f.Sync,9:N0} {f.Async,9:N0} {f.Kept,7:N0} {Bytes(f.BytesToWorker),10} {Bytes(f.BytesFromWorker),10} {Ms(f.GuestNs),10} {Us(f.GuestNs, f.Calls),9} |");
            var widths = new[] { 8, 8, 8, 9, 8, 8 };
            var i = 0;
            foreach (var (_, calls, ns) in f.Stages())
            {
                s.Append(' ').Append(Us(ns, calls).PadLeft(widths[i++]));
            }

            s.Append('\n');
        }

        var launches = Launches;
        s.Append('\n');
        if (launches == 0)
        {
            s.Append(c, $"synchronous round trips: {SyncRoundTrips:N0}, no kernel launches\n");
        }
        else
        {
            s.Append(c, $"synchronous round trips per kernel launch: {SyncRoundTrips:N0} / {launches:N0} launches = {(double)SyncRoundTrips / launches:0.###}\n");
        }
        if (Callers.Count > 0)
        {
            s.Append("\nwhere synchronous calls come from (nearest frame outside the drop-in), by time:\n");
            s.Append(c, $"{"calls",9} {"guest ms",10}  frame -> function\n");
            foreach (var caller in Callers.Take(maxCallers))
            {
                s.Append(c, $"{caller.Calls,9:N0} {Ms(caller.Ns),10}  {caller.Frame} -> {caller.Function}\n");
            }

            if (Callers.Count > maxCallers)
            {
                s.Append(c, $"          ... {Callers.Count - maxCallers} more call sites (--json lists all)\n");
            }
        }

        if (Dropped > 0)
        {
            s.Append(c, $"{Dropped:N0} synchronous calls came from call sites beyond the table's room\n");
        }

        return s.ToString();
    }

    /// <summary>The same report as JSON.</summary>
    public void WriteJson(Utf8JsonWriter json, IReadOnlyList<string> command, int status)
    {
        json.WriteStartObject();
        json.WriteStartArray("command");
        foreach (var word in command)
        {
            json.WriteStringValue(word);
        }

        json.WriteEndArray();
        json.WriteNumber("exit", status);
        json.WriteNumber("guest_processes", Guests);
        json.WriteNumber("workers", Workers);
        json.WriteStartArray("functions");
        foreach (var f in Functions)
        {
            json.WriteStartObject();
            json.WriteString("api", f.Api);
            json.WriteString("name", f.Name);
            json.WriteNumber("calls", f.Calls);
            json.WriteNumber("sync", f.Sync);
            json.WriteNumber("async", f.Async);
            json.WriteNumber("kept", f.Kept);
            json.WriteNumber("rejected", f.Rejected);
            json.WriteNumber("bytes_to_worker", f.BytesToWorker);
            json.WriteNumber("bytes_from_worker", f.BytesFromWorker);
            json.WriteNumber("guest_ns", f.GuestNs);
            json.WriteNumber("guest_sync_ns", f.GuestSyncNs);
            json.WriteNumber("guest_async_ns", f.GuestAsyncNs);
            json.WriteNumber("guest_kept_ns", f.GuestKeptNs);
            json.WriteNumber("worker_calls", f.WorkerCalls);
            json.WriteNumber("worker_ns", f.WorkerNs);
            json.WriteStartObject("stages");
            foreach (var (stage, calls, ns) in f.Stages().Append(("async_queue", f.PairedAsync, f.AsyncQueueNs)))
            {
                json.WriteStartObject(stage);
                json.WriteNumber("calls", calls);
                json.WriteNumber("total_ns", ns);
                WriteRatio(json, "mean_ns", ns, calls);

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("round_trips");
        json.WriteNumber("sync_calls", SyncRoundTrips);
        json.WriteNumber("launches", Launches);
        WriteRatio(json, "per_launch", SyncRoundTrips, Launches);

        json.WriteEndObject();
        json.WriteStartArray("callers");
        foreach (var caller in Callers)
        {
            json.WriteStartObject();
            json.WriteString("frame", caller.Frame);
            json.WriteString("api", caller.Api);
            json.WriteString("function", caller.Function);
            json.WriteNumber("calls", caller.Calls);
            json.WriteNumber("guest_ns", caller.Ns);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("callers_dropped", Dropped);
        json.WriteEndObject();
    }

    /// <summary>A mean: null where there is nothing to divide by.</summary>
    private static void WriteRatio(Utf8JsonWriter json, string name, long total, long count)
    {
        if (count > 0)
        {
            json.WriteNumber(name, (double)total / count);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";

    private static string Ms(long ns) => (ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Us(long ns, long calls) => calls <= 0 ? "-" : (ns / 1e3 / calls).ToString(ns / calls >= 100_000 ? "0" : "0.00", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1073741824.0).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };
}
