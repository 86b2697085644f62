using Ava.Transport;
using Ava.Transport.Diagnostics;
using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// The worker's half of the call profiler (<c>AVA_PROFILE=DIR</c>, which reaches a private worker from its guest's
/// environment): the shadow thread stamps each record after receive and after marshal, the generated dispatch stamps
/// the real call, and the sums go to a table per tenant (<see cref="ProfileTable"/>), named by the guest it serves.
/// </summary>
public static class WorkerProfile
{
    /// <summary>Whether this process profiles the calls it carries out (read once, by each generated dispatch class).</summary>
    public static bool Enabled { get; } = ProfileTable.Directory is not null;

    /// <summary>The table of one tenant's calls, or null when profiling is off or the file cannot be made.</summary>
    internal static ProfileTable? Open(ApiDescriptor api, int guestPid)
    {
        if (!Enabled)
        {
            return null;
        }

        var table = ProfileTable.Create(ProfileSide.Worker, api, guestPid, out var error);
        if (error is not null)
        {
            WorkerLog.Write(error);
        }

        return table;
    }

    /// <summary>
    /// Adds one record's stages: received at <paramref name="received"/>, its reply marshaled when <paramref name="call"/>
    /// says (an async call: carried out by now), with the real call's stamps when it got that far, and the bytes it moved
    /// each way.
    /// </summary>
    internal static void Record(ProfileTable table, WorkerCall call, int function, RecordFlags flags, long received, bool rejected, long bytesIn, long bytesOut)
    {
        var replied = call.RepliedAt != 0 ? call.RepliedAt : ProfileTable.Now();
        var sync = (flags & RecordFlags.Async) == 0;
        table.Add(function, (int)(sync ? WorkerSlot.SyncCalls : WorkerSlot.AsyncCalls), 1);
        table.Add(function, (int)(sync ? WorkerSlot.SyncReceivedStamps : WorkerSlot.AsyncReceivedStamps), received);
        if (sync)
        {
            table.Add(function, (int)WorkerSlot.SyncRepliedStamps, replied);
        }

        table.Add(function, (int)WorkerSlot.WorkerNs, replied - received);
        table.Add(function, (int)WorkerSlot.BytesIn, bytesIn);
        table.Add(function, (int)WorkerSlot.BytesOut, bytesOut);
        if (rejected)
        {
            table.Add(function, (int)WorkerSlot.RejectedCalls, 1);
        }
        else if (call.ExecutingAt != 0 && call.ExecutedAt >= call.ExecutingAt)
        {
            table.Add(function, (int)WorkerSlot.ExecutedCalls, 1);
            table.Add(function, (int)WorkerSlot.UnmarshalNs, call.ExecutingAt - received);
            table.Add(function, (int)WorkerSlot.ExecuteNs, call.ExecutedAt - call.ExecutingAt);
            table.Add(function, (int)WorkerSlot.MarshalNs, replied - call.ExecutedAt);
        }
    }
}
