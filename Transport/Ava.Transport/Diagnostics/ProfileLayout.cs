namespace Ava.Transport.Diagnostics;

/// <summary>
/// The one description of a call-profile file (<c>AVA_PROFILE=DIR</c>): each guest connection and each worker tenant
/// keeps its per-function totals in a file of its own, mapped shared, so the numbers are on disk however the process
/// ends (an exit, a signal, an exit that runs no handler) and nothing is written at exit. <c>ava profile</c> reads and
/// merges the files of one run.
/// </summary>
/// <remarks>
/// <code>
///  0        8         12     16     20        24       28          32        40               104
///  +--------+---------+------+------+---------+--------+-----------+---------+----------------+
///  | magic  | version | side | pid  | peerPid | rows   | callers   | dropped | api name (64)  |
///  | u64    | u32     | u32  | u32  | u32     | u32    | u32       | u64     | UTF-8, NUL pad |
///  +--------+---------+------+------+---------+--------+-----------+---------+----------------+
///  104: u32 offset of the function names, u32 their length (UTF-8, one per line, by id from 0)
///  HeaderSize: rows x RowSlots u64 (row i: function id i), then callers x CallerSize (guest only), then the names
///
///  side    : 1 guest (the application's process), 2 worker (one tenant)
///  peerPid : worker: the guest process it serves; guest: 0
///  dropped : guest: synchronous calls whose caller found no room in the caller table
///  row     : GuestSlot or WorkerSlot sums; times in CLOCK_MONOTONIC nanoseconds; "sum of stamps" slots add
///            absolute clock readings modulo 2^64, so that a difference of two such sums over the same calls (a guest
///            stamp and a worker stamp of each call) is the sum of the per-call differences, exactly
///  caller  : u64 key (return address into the caller | function id &lt;&lt; 48; 0: empty), u64 calls, u64 guest ns,
///            then CallerTextSize bytes: "module!symbol+0xOFFSET" (NUL-terminated)
/// </code>
/// Both processes of a pair run on one host, where CLOCK_MONOTONIC is one clock: a worker's stamps fall on the
/// guest's timeline without any adjustment.
/// </remarks>
public static class ProfileLayout
{
    /// <summary>"AVAPROF1", little-endian.</summary>
    public const ulong Magic = 0x3146_4F52_5041_5641;

    /// <summary>Format version.</summary>
    public const uint Version = 1;

    /// <summary>Bytes before the rows.</summary>
    public const int HeaderSize = 4096;

    /// <summary>Slots (u64) per function row.</summary>
    public const int RowSlots = 16;

    /// <summary>Bytes of one caller entry.</summary>
    public const int CallerSize = 256;

    /// <summary>Bytes of a caller's description, its NUL included.</summary>
    public const int CallerTextSize = CallerSize - 24;

    /// <summary>Caller entries of a guest file (a power of two: the table is probed by mask).</summary>
    public const int GuestCallers = 2048;

    /// <summary>Bytes of the API name field.</summary>
    public const int ApiNameSize = 64;

    /// <summary>Offset of the u32 format version.</summary>
    public const int VersionOffset = 8;

    /// <summary>Offset of the u32 side (<see cref="ProfileSide"/>).</summary>
    public const int SideOffset = 12;

    /// <summary>Offset of the u32 process id.</summary>
    public const int PidOffset = 16;

    /// <summary>Offset of the u32 peer's process id.</summary>
    public const int PeerPidOffset = 20;

    /// <summary>Offset of the u32 row count.</summary>
    public const int RowsOffset = 24;

    /// <summary>Offset of the u32 caller entry count.</summary>
    public const int CallersOffset = 28;

    /// <summary>Offset of the u64 count of calls whose caller was not kept.</summary>
    public const int DroppedOffset = 32;

    /// <summary>Offset of the API name.</summary>
    public const int ApiNameOffset = 40;

    /// <summary>Offset of the u32 offset of the function names.</summary>
    public const int NamesOffsetOffset = 104;

    /// <summary>Offset of the u32 length of the function names.</summary>
    public const int NamesLengthOffset = 108;

    /// <summary>The shift of the function id in a caller's key (user-space addresses stay below 2^47).</summary>
    public const int CallerFunctionShift = 48;

    /// <summary>Offset of the first row.</summary>
    public static long RowOffset(int row) => HeaderSize + ((long)row * RowSlots * sizeof(ulong));

    /// <summary>Offset of the first caller entry in a file of <paramref name="rows"/> rows.</summary>
    public static long CallersStart(int rows) => RowOffset(rows);

    /// <summary>Offset of the names in a file of <paramref name="rows"/> rows and <paramref name="callers"/> caller entries.</summary>
    public static long NamesStart(int rows, int callers) => CallersStart(rows) + ((long)callers * CallerSize);

    /// <summary>The file a process writes for one API under the folder <c>AVA_PROFILE</c> names.</summary>
    public static string FileName(ProfileSide side, string api, int pid, int peerPid) =>
        side == ProfileSide.Guest ? $"guest-{api}-{pid}.prof" : $"worker-{api}-{peerPid}-{pid}.prof";
}

/// <summary>Which process wrote a profile file.</summary>
public enum ProfileSide
{
    /// <summary>The application's process: its drop-in's stubs.</summary>
    Guest = 1,

    /// <summary>A worker, for one guest process.</summary>
    Worker = 2,
}

/// <summary>The slots of a guest row (one function).</summary>
public enum GuestSlot
{
    /// <summary>Calls that waited for their reply.</summary>
    SyncCalls,

    /// <summary>Calls that returned once their record was written.</summary>
    AsyncCalls,

    /// <summary>Calls the guest answered from a kept reply ([CachedInGuest]): nothing travelled.</summary>
    KeptCalls,

    /// <summary>Sum of (before send - before marshal) over the calls that travelled.</summary>
    MarshalNs,

    /// <summary>Sum of (after result - before marshal) over the synchronous calls: what they cost the application.</summary>
    SyncNs,

    /// <summary>Sum of (return - before marshal) over the async calls.</summary>
    AsyncNs,

    /// <summary>Sum of the time of the kept answers.</summary>
    KeptNs,

    /// <summary>Sum of the before-send stamps of the synchronous calls.</summary>
    SyncSentStamps,

    /// <summary>Sum of the after-result stamps of the synchronous calls.</summary>
    SyncResultStamps,

    /// <summary>Sum of the before-send stamps of the async calls.</summary>
    AsyncSentStamps,
}

/// <summary>The slots of a worker row (one function).</summary>
public enum WorkerSlot
{
    /// <summary>Synchronous records received.</summary>
    SyncCalls,

    /// <summary>Async records received.</summary>
    AsyncCalls,

    /// <summary>Records refused before or instead of the real call (a malformed or disallowed call).</summary>
    RejectedCalls,

    /// <summary>Calls that reached the real library (the unmarshal, execute and marshal sums are over these).</summary>
    ExecutedCalls,

    /// <summary>Sum of (after unmarshal - after receive).</summary>
    UnmarshalNs,

    /// <summary>Sum of (after execution - after unmarshal): the real library's time.</summary>
    ExecuteNs,

    /// <summary>Sum of (after marshal - after execution): the reply, its streamed outputs included.</summary>
    MarshalNs,

    /// <summary>Bytes received for the calls (records and streamed payloads).</summary>
    BytesIn,

    /// <summary>Bytes sent for the calls (replies, deferred outputs and streamed payloads).</summary>
    BytesOut,

    /// <summary>Sum of the after-receive stamps of the synchronous records.</summary>
    SyncReceivedStamps,

    /// <summary>Sum of the after-marshal stamps of the synchronous records.</summary>
    SyncRepliedStamps,

    /// <summary>Sum of the after-receive stamps of the async records.</summary>
    AsyncReceivedStamps,

    /// <summary>Sum of (after marshal - after receive) over every record: the worker's whole time for the calls.</summary>
    WorkerNs,
}
