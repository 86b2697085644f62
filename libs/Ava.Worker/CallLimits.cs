using System.Collections;
using System.Globalization;

namespace Ava.Worker;

/// <summary>
/// How much memory the worker makes for one guest call, how much of it a channel keeps between calls, and how long a
/// departed guest's calls may keep the worker. A guest's sizes are checked against these before anything is
/// allocated; read once when the worker starts.
/// </summary>
/// <param name="MaxCallBytes">Most bytes one call may make the worker hold (<c>AVA_MAX_CALL_BYTES</c>).</param>
/// <param name="RetainedScratchBytes">
/// Largest scratch block a channel keeps for its next call (<c>AVA_SCRATCH_KEEP_BYTES</c>); a call that needed more
/// gives its block back when it ends, so an idle channel holds at most this (besides its 1 MiB arena).
/// </param>
/// <param name="TeardownSeconds">
/// How long, once the guest has gone, the worker waits for calls still running in the real library (a kernel that
/// never ends) before it exits anyway (<c>AVA_TEARDOWN_SECONDS</c>).
/// </param>
/// <param name="CallSeconds">
/// Longest one call may stay in the real library (<c>AVA_CALL_SECONDS</c> for a private worker, the policy's
/// <c>call_seconds</c> for a manager's; 0, the default: no limit). A call past it (a kernel that spins) ends the
/// worker: its guest's calls fail cleanly from then on, as after any worker death, and the device is free for the
/// other tenants.
/// </param>
/// <param name="RetainedScratchTotalBytes">
/// Most scratch memory all the tenant's channels together keep between calls (<c>AVA_SCRATCH_KEEP_TOTAL_BYTES</c>):
/// a channel whose block would pass it gives its block back when its call ends, so an idle worker holds at most this
/// besides its channels' arenas, however many channels the guest opens.
/// </param>
public sealed record CallLimits(long MaxCallBytes, long RetainedScratchBytes, long TeardownSeconds = 5, long CallSeconds = 0, long RetainedScratchTotalBytes = 256L << 20)
{
    /// <summary>Variable of <see cref="MaxCallBytes"/>.</summary>
    public const string MaxCallBytesVariable = "AVA_MAX_CALL_BYTES";

    /// <summary>Variable of <see cref="RetainedScratchBytes"/>.</summary>
    public const string RetainedScratchVariable = "AVA_SCRATCH_KEEP_BYTES";

    /// <summary>Variable of <see cref="RetainedScratchTotalBytes"/>.</summary>
    public const string RetainedScratchTotalVariable = "AVA_SCRATCH_KEEP_TOTAL_BYTES";

    /// <summary>Variable of <see cref="TeardownSeconds"/>.</summary>
    public const string TeardownSecondsVariable = "AVA_TEARDOWN_SECONDS";

    /// <summary>Variable of <see cref="CallSeconds"/>.</summary>
    public const string CallSecondsVariable = "AVA_CALL_SECONDS";

    /// <summary>
    /// 8 GiB per call; 64 MiB kept per channel, so back-to-back transfers of up to 64 MiB reuse their block, and
    /// 256 MiB by all of a tenant's channels (four such transfer threads); 5 s teardown; no call limit.
    /// </summary>
    public static CallLimits Default { get; } = new(8L << 30, 64L << 20);

    /// <summary>
    /// The limits among <paramref name="variables"/> (the environment), in bytes; a value that is not a positive
    /// integer (or, for the kept size, zero) is reported in <paramref name="errors"/> rather than silently replaced.
    /// </summary>
    public static CallLimits FromEnvironment(IDictionary variables, List<string> errors)
    {
        var max = Read(variables, MaxCallBytesVariable, Default.MaxCallBytes, minimum: 1, errors);
        var kept = Read(variables, RetainedScratchVariable, Default.RetainedScratchBytes, minimum: 0, errors);
        var teardown = Read(variables, TeardownSecondsVariable, Default.TeardownSeconds, minimum: 0, errors, "seconds");
        var call = Read(variables, CallSecondsVariable, Default.CallSeconds, minimum: 0, errors, "seconds");
        var keptTotal = Read(variables, RetainedScratchTotalVariable, Default.RetainedScratchTotalBytes, minimum: 0, errors);
        return new CallLimits(max, kept, teardown, call, keptTotal);
    }

    private static long Read(IDictionary variables, string name, long fallback, long minimum, List<string> errors, string unit = "bytes")
    {
        if (variables[name] is not string text || text.Length == 0)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        errors.Add($"{name}='{text}' is not a number of {unit}{(minimum > 0 ? " above 0" : "")}");
        return fallback;
    }
}
