using System.Collections.Concurrent;
using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// What a kept answer is the answer to: the function, its scalar and handle arguments as they travel (handles as wire
/// ids, which name one object for its whole life), and which of its outputs the caller passed (bit i: output i).
/// </summary>
public readonly record struct AnswerKey(int Function, ulong A0, ulong A1, ulong A2, ulong A3, ulong A4, ulong A5, int Outputs);

/// <summary>
/// The answers of <c>[CachedInGuest]</c> queries the guest keeps (device and platform info, device attributes): the
/// reply record of the first successful call for a key, replayed through the same generated decoding for every
/// repeat, so the application gets the same bytes and status and nothing travels. Only successful, inline replies are
/// kept (an error always comes from the real library); a release of an object of a key's handle type forgets them all.
/// <c>AVA_GUEST_ANSWERS=0</c> turns keeping off (every query travels, as before).
/// </summary>
public sealed class GuestAnswers
{
    /// <summary>Largest reply kept: info values are a few bytes; a larger one (a program binary) is asked again.</summary>
    public const int MaxReplyBytes = 4096;

    /// <summary>Most answers kept; beyond it new keys are asked every time (a guest that queries without end).</summary>
    public const int MaxAnswers = 16384;

    private static readonly bool Enabled = Environment.GetEnvironmentVariable("AVA_GUEST_ANSWERS") != "0";
    private readonly ConcurrentDictionary<AnswerKey, byte[]> _answers = new();

    /// <summary>Answers given from what was kept (for the exit line and tests).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    private long _hits;
    private int _count;

    /// <summary>The reply kept for <paramref name="key"/>, or null when the query must travel.</summary>
    public byte[]? Find(in AnswerKey key)
    {
        if (!Enabled || !_answers.TryGetValue(key, out var reply))
        {
            return null;
        }

        Interlocked.Increment(ref _hits);
        return reply;
    }

    /// <summary>A reader over a kept reply, placed as the channel places a live one: after the async-error slot.</summary>
    public static RecordReader Reader(byte[] reply)
    {
        var reader = new RecordReader(reply);
        reader.ReadInt64();
        return reader;
    }

    /// <summary>Keeps the successful reply <paramref name="record"/> to <paramref name="key"/> when it carries all its outputs inline.</summary>
    public void Keep(in AnswerKey key, ReadOnlySpan<byte> record)
    {
        if (!Enabled || record.Length > MaxReplyBytes || (RecordLayout.ReadFlags(record) & RecordFlags.HasStreamed) != 0 || Volatile.Read(ref _count) >= MaxAnswers)
        {
            return;
        }

        if (_answers.TryAdd(key, record.ToArray()))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Forgets every kept answer: an object of a type some key names was released.</summary>
    public void Forget()
    {
        if (!_answers.IsEmpty)
        {
            _answers.Clear();
            Volatile.Write(ref _count, 0);
        }
    }
}
