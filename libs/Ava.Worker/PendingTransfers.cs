using System.Runtime.InteropServices;

namespace Ava.Worker;

/// <summary>
/// What <see cref="PendingTransfers{TEvents}"/> asks of an API's completion events (OpenCL's cl_event): the handles
/// are the real library's, as the call's event argument holds them after the real call.
/// </summary>
public interface IPendingEvents
{
    /// <summary>
    /// Whether a shadow thread may wait for a command now. Not while the application's next call may be what lets it
    /// end (an OpenCL user event not yet set): the worker would wait for a call that never comes.
    /// </summary>
    static abstract bool MayWait { get; }

    /// <summary>Blocks until the command of <paramref name="handle"/> has ended.</summary>
    static abstract void Wait(nint handle);

    /// <summary>Whether the command has ended, <paramref name="failed"/> with an error; false while it runs, or when the library cannot tell.</summary>
    static abstract bool Ended(nint handle, out bool failed);

    /// <summary>Takes a reference of the worker's own to the event.</summary>
    static abstract void Retain(nint handle);

    /// <summary>Drops one reference to the event.</summary>
    static abstract void Release(nint handle);

    /// <summary>Frees <paramref name="memory"/> (from NativeMemory.Alloc) once the command has ended; false where that cannot be arranged.</summary>
    static abstract unsafe bool FreeWhenEnded(nint handle, void* memory);
}

/// <summary>
/// Non-blocking transfers whose host memory the real library reads or writes until the command completes
/// (<c>[PendingTransfer]</c> in a spec), long after the call's scratch memory is gone; and waiting in the call could wait
/// forever (the command may wait on something the guest does with its next call). So the transfer gets memory of its
/// own and an event, and is finished at the next call that lets the application observe completion
/// (<c>[CompletesPending]</c>, a blocking transfer): a read's data then goes to the guest as its deferred output,
/// before that call's reply. The generated dispatch calls <see cref="Begin"/> before the real call and
/// <see cref="End"/> after it, each naming the API's completion events (<c>TEvents</c>); the state is the shadow
/// thread's (one per channel), one set per API.
/// </summary>
public static unsafe class PendingTransfers
{
    /// <summary>What one guest thread's pending transfers may hold before the oldest is waited for.</summary>
    private const long PendingBytesLimit = 256L << 20;

    private const int SpareBuffers = 8;
    private const long SpareBufferLimit = 64L << 20;


    /// <summary>
    /// Gives a non-blocking transfer of <paramref name="bytes"/> at <paramref name="host"/> (the record's copy) memory of
    /// its own, copied from <paramref name="host"/> when <paramref name="copyIn"/>, and an event of the worker's own when
    /// the guest asked for none; returns the pointer the real call gets. An <paramref name="output"/>'s deferred output
    /// is postponed until the command has completed.
    /// </summary>
    public static void* Begin<TEvents, TEvent>(WorkerCall call, void* host, long bytes, ref TEvent* @event, bool output, bool copyIn)
        where TEvents : IPendingEvents
        where TEvent : unmanaged
    {
        if (sizeof(TEvent) != sizeof(nint))
        {
            throw new NotSupportedException($"an event of {sizeof(TEvent)} bytes is no handle");
        }

        if (bytes <= 0)
        {
            return host;
        }

        // Bound what one guest thread's pending transfers hold: past the limit, wait for the oldest to finish first;
        // but never while waiting may wait for the guest's next call.
        while (State<TEvents>.Pending is { Count: > 0 } pending && pending.Sum(p => p.Bytes) + bytes > PendingBytesLimit && TEvents.MayWait)
        {
            TEvents.Wait(pending[0].Event);
            Complete<TEvents>(call);
        }

        call.ChannelState ??= new Channel<TEvents>(call);
        var owned = (byte*)Rent<TEvents>(bytes);
        if (copyIn)
        {
            Buffer.MemoryCopy(host, owned, bytes, bytes);
        }

        var ownEvent = @event == null;
        if (ownEvent)
        {
            @event = (TEvent*)call.Allocate(sizeof(TEvent));
        }

        State<TEvents>.Starting = new Transfer(call.Sequence, (nint)owned, bytes, (nint)host, ownEvent, output);
        if (output)
        {
            call.Postpone();
        }

        return owned;
    }

    /// <summary>
    /// After the real call: a transfer begun is pending until its event's command completes (the memory back to the
    /// record's copy if the call failed, which <paramref name="host"/> then becomes again); a blocking one (nothing
    /// begun) finishes what is complete, since everything before it on its queue is. Returns the pointer the outputs go from.
    /// </summary>
    public static void* End<TEvents, TEvent>(WorkerCall call, bool succeeded, void* host, TEvent* @event)
        where TEvents : IPendingEvents
        where TEvent : unmanaged
    {
        if (State<TEvents>.Starting is not { } transfer)
        {
            Complete<TEvents>(call);
            return host;
        }

        State<TEvents>.Starting = null;
        if (!succeeded)
        {
            Return<TEvents>(transfer.Buffer, transfer.Bytes);
            call.CancelPostpone();
            return (void*)transfer.Original;
        }

        var real = *(nint*)@event;
        if (!transfer.OwnEvent)
        {
            // The application holds the event too: keep our own reference until the transfer is finished.
            TEvents.Retain(real);
        }

        (State<TEvents>.Pending ??= []).Add(transfer with { Event = real });
        return host;
    }

    /// <summary>Finishes every pending transfer whose command is complete (or failed), in the order they were made.</summary>
    public static void Complete<TEvents>(WorkerCall call)
        where TEvents : IPendingEvents
    {
        var pending = State<TEvents>.Pending;
        if (pending is null || pending.Count == 0)
        {
            return;
        }

        for (var i = 0; i < pending.Count; i++)
        {
            var transfer = pending[i];
            if (!TEvents.Ended(transfer.Event, out var failed))
            {
                continue;
            }

            if (transfer.Output)
            {
                call.SendDeferred(transfer.Sequence, (void*)transfer.Buffer, failed ? -1 : transfer.Bytes);
            }

            Return<TEvents>(transfer.Buffer, transfer.Bytes);
            TEvents.Release(transfer.Event);
            pending.RemoveAt(i--);
        }
    }

    private static void* Rent<TEvents>(long bytes)
        where TEvents : IPendingEvents
    {
        var spare = State<TEvents>.Spare;
        if (spare is not null)
        {
            for (var i = spare.Count - 1; i >= 0; i--)
            {
                if (spare[i].Bytes >= bytes && spare[i].Bytes <= 2 * bytes)
                {
                    var buffer = spare[i].Buffer;
                    spare.RemoveAt(i);
                    return (void*)buffer;
                }
            }
        }

        return NativeMemory.Alloc((nuint)bytes);
    }

    private static void Return<TEvents>(nint buffer, long bytes)
        where TEvents : IPendingEvents
    {
        var spare = State<TEvents>.Spare ??= [];
        if (spare.Count < SpareBuffers && bytes <= SpareBufferLimit)
        {
            spare.Add((buffer, bytes));
        }
        else
        {
            NativeMemory.Free((void*)buffer);
        }
    }

    /// <summary>
    /// What a channel's shadow thread holds for non-blocking transfers, given back when the channel closes (its guest
    /// thread exited, or the guest went away): completed reads still send their data, as the native library would
    /// have written it; transfers still running keep their memory until their command completes; spare buffers are freed.
    /// </summary>
    private sealed class Channel<TEvents>(WorkerCall call) : IDisposable
        where TEvents : IPendingEvents
    {
        public void Dispose()
        {
            try
            {
                Complete<TEvents>(call);
            }
            catch (IOException)
            {
                // The guest is gone: nobody is left to take the data.
            }

            if (State<TEvents>.Pending is { } pending)
            {
                foreach (var transfer in pending)
                {
                    if (!TEvents.FreeWhenEnded(transfer.Event, (void*)transfer.Buffer))
                    {
                        WorkerLog.Write($"kept {transfer.Bytes} bytes of a transfer that had not completed when its channel closed");
                    }

                    TEvents.Release(transfer.Event);
                }

                pending.Clear();
            }

            if (State<TEvents>.Spare is { } spare)
            {
                foreach (var (buffer, _) in spare)
                {
                    NativeMemory.Free((void*)buffer);
                }

                spare.Clear();
            }
        }
    }

    /// <summary>One shadow thread's transfers of one API (the type argument gives each API thread statics of its own).</summary>
    private static class State<TEvents>
        where TEvents : IPendingEvents
    {
        [ThreadStatic]
        public static List<Transfer>? Pending;

        [ThreadStatic]
        public static Transfer? Starting;

        /// <summary>A few transfer buffers kept for reuse: fresh large allocations cost a page fault per page.</summary>
        [ThreadStatic]
        public static List<(nint Buffer, long Bytes)>? Spare;
    }

    private readonly record struct Transfer(uint Sequence, nint Buffer, long Bytes, nint Original, bool OwnEvent, bool Output, nint Event = 0);
}
