using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// Where a callback goes: the real library calls our trampoline with a token as its user data; the token names
/// the tenant and the guest's callback slot. Tokens are small integers, never pointers.
/// </summary>
public sealed class CallbackTarget
{
    private static readonly object Gate = new();
    private static readonly Dictionary<nint, CallbackTarget> Targets = [];
    private static nint s_next = 1;

    private readonly Tenant _tenant;
    private readonly bool _persistent;
    private readonly nint _token;

    private readonly int _member;

    private CallbackTarget(Tenant tenant, ulong guestSlot, bool persistent, nint token, int member)
    {
        _tenant = tenant;
        _member = member;
        GuestSlot = guestSlot;
        _persistent = persistent;
        _token = token;
    }

    /// <summary>The guest's slot id of the application's function and user data.</summary>
    public ulong GuestSlot { get; }

    /// <summary>
    /// Registers a target of the API that is member <paramref name="member"/> of the tenant's group (0: the API that
    /// said hello); returns the token to pass as the real call's user data.
    /// </summary>
    public static nint Register(Tenant tenant, ulong guestSlot, bool persistent, int member = 0)
    {
        lock (Gate)
        {
            var token = s_next++;
            Targets[token] = new CallbackTarget(tenant, guestSlot, persistent, token, member);
            return token;
        }
    }

    /// <summary>The target of a token, or null when it is unknown (its tenant left, or a one-shot already fired).</summary>
    public static CallbackTarget? Resolve(nint token)
    {
        lock (Gate)
        {
            return Targets.TryGetValue(token, out var target) && !target._tenant.Closed ? target : null;
        }
    }

    /// <summary>Forgets every target of a tenant.</summary>
    public static void Forget(Tenant tenant)
    {
        lock (Gate)
        {
            foreach (var key in Targets.Where(t => t.Value._tenant == tenant).Select(t => t.Key).ToList())
            {
                Targets.Remove(key);
            }
        }
    }

    /// <summary>Wire id of a handle passed to the callback.</summary>
    public ulong HandleToWire(nint real, int handleType) =>
        _tenant.Handles.Add(real, _member == 0 ? handleType : _tenant.TableType(_member, handleType), owned: false);

    /// <summary>Sends the callback record to the guest.</summary>
    public void Send(ref RecordWriter w, ushort function, int index)
    {
        var length = w.Finish(function, RecordFlags.Callback, (uint)GuestSlot, index);
        _tenant.SendControl(w.Record[..length]);
        if (!_persistent)
        {
            lock (Gate)
            {
                Targets.Remove(_token);
            }
        }
    }
}
