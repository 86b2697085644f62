// What a guest knows of the live objects of an API's tracked handle types ([HandleType(Tracked = true)]), learnt from
// the calls that create, retain, release and watch them, and used to prove async calls valid.
//
// An async call returns the API's success at once. That is exact only when the real library would succeed too, so a
// call travels async only when the guest can prove it valid from what it has already seen; anything it cannot prove
// travels synchronously and the library's own status comes back. What is kept here is therefore never more than the
// library has confirmed: an object is known from its successful creation until the application released the last
// reference it took, and an object created from one the guest does not know stays unknown itself.
//
// Keys are wire ids (the worker's handle ids; an ICD's application pointers map to them). Lookups are lock-free and
// allocation-free; learning happens after calls, and the generated stubs call it ([Allocates], [Retains],
// [Deallocates], [NotifiesOnRelease], [ProvenByKnownObjects]).
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ava.Guest;

/// <summary>An object of a tracked handle type, and its reference count as the application sees it.</summary>
/// <remarks>An API's hand-written proofs derive from it to keep more (a buffer's size, a kernel's arguments).</remarks>
public class GuestObject(int type, ulong owner, ulong parent)
{
    /// <summary>The handle type id of the object (the spec's <c>HandleTypeIds</c>).</summary>
    public int Type { get; } = type;

    /// <summary>Wire id of the object everything it works with must share (an OpenCL context; its own id for one).</summary>
    public ulong Owner { get; } = owner;

    /// <summary>Wire id of the object this one was created from and may hold (a kernel's program); 0 for none.</summary>
    public ulong Parent { get; } = parent;

    /// <summary>Retains minus releases, starting at 1.</summary>
    private int _references = 1;

    private volatile bool _notifiesOnRelease;

    /// <summary>Whether the application still holds a reference.</summary>
    public bool Live => Volatile.Read(ref _references) > 0;

    /// <summary>
    /// A callback runs when the object is deleted: the application may look for its effect as soon as the release that
    /// deletes the object returns, so releases that may delete it are synchronous.
    /// </summary>
    public bool NotifiesOnRelease => _notifiesOnRelease;

    internal void Retain() => Interlocked.Increment(ref _references);

    /// <summary>Gives back one reference; true when it was the last.</summary>
    internal bool Release() => Interlocked.Decrement(ref _references) == 0;

    internal void WatchRelease() => _notifiesOnRelease = true;
}

/// <summary>The live objects of an API's tracked handle types, by wire id.</summary>
/// <param name="log">The replay log that forgets what rebuilt an object once it is deleted; null: none.</param>
public sealed class GuestObjects(ReplayLog? log = null)
{
    private readonly ConcurrentDictionary<ulong, GuestObject> _known = new();

    /// <summary>An object that is its own owner, created with one reference.</summary>
    public void CreatedOwner(ulong id, int type)
    {
        if (id != 0)
        {
            _known[id] = new GuestObject(type, id, 0);
            log?.Learnt(id);
        }
    }

    /// <summary>An object created from <paramref name="parent"/>, owned by its owner; unknown when the parent is.</summary>
    public void Created(ulong id, int type, ulong parent)
    {
        if (id != 0 && TryFind(parent, out var from))
        {
            _known[id] = new GuestObject(type, from.Owner, parent);
            log?.Learnt(id);
        }
    }

    /// <summary>Keeps <paramref name="known"/> for <paramref name="id"/>, in place of what was kept before.</summary>
    public void Remember(ulong id, GuestObject known)
    {
        if (id != 0)
        {
            // A hook that replaces what is known of an object the call's tracking already learnt is no creation.
            var created = !_known.ContainsKey(id);
            _known[id] = known;
            if (created)
            {
                log?.Learnt(id);
            }
        }
    }

    /// <summary>The live object with this id.</summary>
    public bool TryFind(ulong id, [NotNullWhen(true)] out GuestObject? known)
    {
        if (id != 0 && _known.TryGetValue(id, out var any) && any.Live)
        {
            known = any;
            return true;
        }

        known = null;
        return false;
    }

    /// <summary>The live object with this id, of handle type <paramref name="type"/>, kept as a <typeparamref name="T"/>.</summary>
    public bool TryFind<T>(ulong id, int type, [NotNullWhen(true)] out T? known)
        where T : GuestObject
    {
        if (TryFind(id, out var any) && any.Type == type && any is T typed)
        {
            known = typed;
            return true;
        }

        known = null;
        return false;
    }

    /// <summary>The live objects of handle type <paramref name="type"/>, by id (what a move to a new worker must carry).</summary>
    public List<(ulong Id, GuestObject Object)> LiveOf(int type) =>
        [.. _known.Where(k => k.Value.Live && k.Value.Type == type).Select(k => (k.Key, k.Value))];

    /// <summary>The owner of the live object with this id and type; 0 when there is none.</summary>
    public ulong OwnerOf(ulong id, int type) => TryFind(id, out var known) && known.Type == type ? known.Owner : 0;

    /// <summary>
    /// Whether the live object with this id and type has the owner <paramref name="owner"/> holds (0: none yet, which
    /// this object's owner then becomes).
    /// </summary>
    public bool SameOwner(ulong id, int type, ref ulong owner)
    {
        var its = OwnerOf(id, type);
        if (its == 0 || (owner != 0 && owner != its))
        {
            return false;
        }

        owner = its;
        return true;
    }

    /// <summary>The application took a reference.</summary>
    public void Retained(ulong id)
    {
        if (id != 0 && _known.TryGetValue(id, out var known))
        {
            known.Retain();
        }
    }

    /// <summary>The application gave back a reference; the last one makes the object unknown.</summary>
    public void Released(ulong id)
    {
        if (id != 0 && _known.TryGetValue(id, out var known) && known.Release())
        {
            _known.TryRemove(new KeyValuePair<ulong, GuestObject>(id, known));
            log?.Deleted(id);
        }
    }

    /// <summary>A callback now runs when the object is deleted.</summary>
    public void WatchRelease(ulong id)
    {
        if (id != 0 && _known.TryGetValue(id, out var known))
        {
            known.WatchRelease();
        }
    }

    /// <summary>Whether deleting the object with this id calls the application back.</summary>
    public bool Notifies(ulong id) => id != 0 && _known.TryGetValue(id, out var known) && known.NotifiesOnRelease;

    /// <summary>
    /// A release is valid while the application still holds a reference we saw it take. It travels async unless it may
    /// delete an object with a release callback: itself, the object it was created from, or its owner.
    /// </summary>
    public bool ReleaseProven(ulong id, int type) =>
        TryFind(id, out var known) && known.Type == type && !known.NotifiesOnRelease && !Notifies(known.Owner) && !Notifies(known.Parent);
}
