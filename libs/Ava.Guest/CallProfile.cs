using System.Runtime.InteropServices;
using Ava.Transport;
using Ava.Transport.Diagnostics;
using Ava.Transport.Native;

namespace Ava.Guest;

/// <summary>
/// The guest's half of the call profiler (<c>AVA_PROFILE=DIR</c>, which <c>ava profile</c> sets): the generated stubs
/// stamp each call before marshal, before send and after its result, and hand the stamps here, which adds them to
/// this process's table (<see cref="ProfileTable"/>) and, for a synchronous call, counts the frame it came from. An
/// API whose profile is off has no instance: the stubs test one static readonly field and do nothing more.
/// </summary>
public sealed unsafe partial class CallProfile
{
    private static readonly bool s_walks = StartWalker();

    private readonly ApiDescriptor _api;
    private readonly byte* _forkGuard = SharedSegment.AllocateWipeOnForkPage();
    private ProfileTable? _table;

    private CallProfile(ApiDescriptor api, ProfileTable table)
    {
        _api = api;
        _table = table;
        *_forkGuard = 1;
    }

    /// <summary>The profile of <paramref name="api"/> in this process, or null when profiling is off.</summary>
    public static CallProfile? Open(ApiDescriptor api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var table = ProfileTable.Create(ProfileSide.Guest, api, 0, out var error);
        if (error is not null)
        {
            GuestLog.Write(error);
        }

        return table is null ? null : new CallProfile(api, table);
    }

    /// <summary>The clock of the stamps (CLOCK_MONOTONIC, ns).</summary>
    public static long Now() => ProfileTable.Now();

    /// <summary>A synchronous call of <paramref name="function"/> got its result: stamped before marshal and before send.</summary>
    public void Sync(int function, long beforeMarshal, long beforeSend)
    {
        var result = Now();
        if (Table() is not { } table)
        {
            return;
        }

        table.Add(function, (int)GuestSlot.SyncCalls, 1);
        table.Add(function, (int)GuestSlot.MarshalNs, beforeSend - beforeMarshal);
        table.Add(function, (int)GuestSlot.SyncNs, result - beforeMarshal);
        table.Add(function, (int)GuestSlot.SyncSentStamps, beforeSend);
        table.Add(function, (int)GuestSlot.SyncResultStamps, result);
        if (s_walks)
        {
            table.AddCaller(ava_profile_caller(), function, result - beforeMarshal, &Describe);
        }
    }

    /// <summary>An async call of <paramref name="function"/> returns: its record is written (no result to wait for).</summary>
    public void Async(int function, long beforeMarshal, long beforeSend)
    {
        var returned = Now();
        if (Table() is not { } table)
        {
            return;
        }

        table.Add(function, (int)GuestSlot.AsyncCalls, 1);
        table.Add(function, (int)GuestSlot.MarshalNs, beforeSend - beforeMarshal);
        table.Add(function, (int)GuestSlot.AsyncNs, returned - beforeMarshal);
        table.Add(function, (int)GuestSlot.AsyncSentStamps, beforeSend);
    }

    /// <summary>A call of <paramref name="function"/> answered from a kept reply: nothing travelled.</summary>
    public void Kept(int function, long beforeMarshal)
    {
        if (Table() is not { } table)
        {
            return;
        }

        table.Add(function, (int)GuestSlot.KeptCalls, 1);
        table.Add(function, (int)GuestSlot.KeptNs, Now() - beforeMarshal);
    }

    /// <summary>
    /// This process's table: a forked child starts one of its own, as it starts its own connection (its calls must not
    /// add to the parent's, whose worker counts only the parent's); null when it cannot.
    /// </summary>
    private ProfileTable? Table()
    {
        if (*_forkGuard != 0)
        {
            return _table;
        }

        lock (_api)
        {
            if (*_forkGuard == 0)
            {
                _table = ProfileTable.Create(ProfileSide.Guest, _api, 0, out _);
                *_forkGuard = 1;
            }
        }

        return _table;
    }

    private static void Describe(ulong address, byte* text, int size) => ava_profile_describe((nuint)address, text, size);

    private static bool StartWalker()
    {
        try
        {
            return ava_profile_init() == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a drop-in (the managed test hosts): calls are profiled without their callers.
            return false;
        }
    }

    [LibraryImport("ava_profile")]
    private static partial int ava_profile_init();

    [LibraryImport("ava_profile")]
    private static partial nuint ava_profile_caller();

    [LibraryImport("ava_profile")]
    private static partial void ava_profile_describe(nuint address, byte* text, int size);
}
