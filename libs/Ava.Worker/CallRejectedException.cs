using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>A call the worker refuses to carry out; the guest gets <see cref="Status"/> instead of a result.</summary>
public sealed class CallRejectedException(TransportStatus status, string message) : Exception(message)
{
    /// <summary>Why.</summary>
    public TransportStatus Status { get; } = status;
}
