using System.Runtime.InteropServices;
using Ava.Transport.Ring;

namespace Ava.Guest;

/// <summary>
/// The guest's copies of strings the real library returned and keeps ([return: String]: TF_Version, TF_Message,
/// GtiGetSDKVersion): the caller gets a pointer into this process that lives as the library's own would. One copy per
/// function and object (the wire id of the call's first handle, 0 for none); an answer equal to the copy returns the
/// same pointer, a different one replaces it, and a destroyed object's copies go with it.
/// </summary>
public sealed unsafe class ReturnedStrings
{
    private readonly object _gate = new();
    private readonly Dictionary<(int Function, ulong Object), nint> _copies = [];

    /// <summary>The caller's pointer for <paramref name="text"/> (its bytes with the NUL) that function answered about object.</summary>
    public sbyte* Keep(int function, ulong obj, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[^1] != 0)
        {
            throw new ChannelClosedException($"worker returned a string of {text.Length} bytes without its NUL");
        }

        lock (_gate)
        {
            if (_copies.TryGetValue((function, obj), out var kept)
                && new ReadOnlySpan<byte>((void*)kept, text.Length).SequenceEqual(text))
            {
                return (sbyte*)kept;
            }

            var copy = (byte*)NativeMemory.Alloc((nuint)text.Length);
            text.CopyTo(new Span<byte>(copy, text.Length));
            if (kept != 0)
            {
                NativeMemory.Free((void*)kept);
            }

            _copies[(function, obj)] = (nint)copy;
            return (sbyte*)copy;
        }
    }

    /// <summary>The object <paramref name="obj"/> was destroyed: its strings go with it.</summary>
    public void Forget(ulong obj)
    {
        lock (_gate)
        {
            if (_copies.Count == 0)
            {
                return;
            }

            foreach (var key in _copies.Keys.Where(k => k.Object == obj).ToList())
            {
                NativeMemory.Free((void*)_copies[key]);
                _copies.Remove(key);
            }
        }
    }
}
