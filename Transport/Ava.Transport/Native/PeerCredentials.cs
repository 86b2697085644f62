namespace Ava.Transport.Native;

/// <summary>
/// Identity of the process at the other end of a Unix socket, as the kernel recorded it when
/// the connection was made (SO_PEERCRED); it cannot be forged by the peer.
/// </summary>
/// <param name="Pid">Process id of the peer at connect time.</param>
/// <param name="Uid">Effective user id of the peer.</param>
/// <param name="Gid">Effective group id of the peer.</param>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid);
