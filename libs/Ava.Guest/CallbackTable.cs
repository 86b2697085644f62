namespace Ava.Guest;

/// <summary>
/// The application's callbacks and their user data, kept in the guest: only a slot id travels, so the worker
/// never sees (or could forge) a guest pointer.
/// </summary>
internal sealed class CallbackTable
{
    private readonly object _gate = new();
    private Entry[] _entries = new Entry[64];
    private int _freeHead = -1;
    private int _used;

    public ulong Register(nint function, nint userData, bool persistent)
    {
        lock (_gate)
        {
            int index;
            if (_freeHead >= 0)
            {
                index = _freeHead;
                _freeHead = (int)_entries[index].UserData;
            }
            else
            {
                if (_used == _entries.Length)
                {
                    Array.Resize(ref _entries, _entries.Length * 2);
                }

                index = _used++;
            }

            _entries[index] = new Entry(function, userData, persistent);
            return (ulong)index + 1;
        }
    }

    /// <summary>Looks up slot <paramref name="slot"/>; a one-shot callback's slot is freed.</summary>
    public bool Take(uint slot, out nint function, out nint userData)
    {
        lock (_gate)
        {
            var index = (int)slot - 1;
            if (index < 0 || index >= _used || _entries[index].Function == 0)
            {
                function = 0;
                userData = 0;
                return false;
            }

            var entry = _entries[index];
            function = entry.Function;
            userData = entry.UserData;
            if (!entry.Persistent)
            {
                _entries[index] = new Entry(0, _freeHead, false);
                _freeHead = index;
            }

            return true;
        }
    }

    private readonly record struct Entry(nint Function, nint UserData, bool Persistent);
}
