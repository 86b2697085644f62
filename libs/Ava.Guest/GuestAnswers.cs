using System.Collections.Concurrent;
using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// What a kept answer is the answer to: the function, its scalar and handle arguments (handles as the application holds
/// them: a release of a key's handle type forgets every answer, so a value never names two objects while kept), and which
/// of its outputs the caller passed (bit i: output i).
/// </summary>
public readonly struct AnswerKey(int function, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, int outputs) : IEquatable<AnswerKey>
{
    private readonly ulong _head = ((ulong)(uint)function << 32) | (uint)outputs;
    private readonly ulong _a0 = a0;
    private readonly ulong _a1 = a1;
    private readonly ulong _a2 = a2;
    private readonly ulong _a3 = a3;
    private readonly ulong _a4 = a4;
    private readonly ulong _a5 = a5;

    /// <inheritdoc/>
    public bool Equals(AnswerKey other) =>
        _head == other._head && _a0 == other._a0 && _a1 == other._a1 && _a2 == other._a2 && _a3 == other._a3 && _a4 == other._a4 && _a5 == other._a5;

    public static bool operator ==(AnswerKey left, AnswerKey right) => left.Equals(right);

    public static bool operator !=(AnswerKey left, AnswerKey right) => !left.Equals(right);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AnswerKey other && Equals(other);

    /// <summary>A multiply-rotate mix: the lookup is the whole cost of a kept answer, so the hash is kept to a few instructions.</summary>
    public override int GetHashCode()
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        var h = _head * Prime;
        h = (ulong.RotateLeft(h, 23) ^ _a0) * Prime;
        h = (ulong.RotateLeft(h, 23) ^ _a1) * Prime;
        h = (ulong.RotateLeft(h, 23) ^ _a2) * Prime;
        h = (ulong.RotateLeft(h, 23) ^ _a3 ^ _a4 ^ _a5) * Prime;
        return (int)(h >> 32);
    }
}

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

    private int _count;

    /// <summary>The reply kept for <paramref name="key"/>, or null when the query must travel.</summary>
    public byte[]? Find(in AnswerKey key)
    {
        return Enabled && _answers.TryGetValue(key, out var reply) ? reply : null;
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
