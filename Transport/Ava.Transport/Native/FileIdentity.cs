namespace Ava.Transport.Native;

/// <summary>
/// A file as the kernel knows it: device and inode. Two paths (links, bind mounts, different spellings) name the same
/// library exactly when their identities are equal, which is how the dynamic loader itself tells a library already
/// loaded from a new one.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of the file <paramref name="path"/> names (symlinks followed), or null when it cannot be read.</summary>
    public static FileIdentity? Of(string path) =>
        LibC.StatIdentity(path) is { } id ? new FileIdentity(id.Device, id.Inode) : null;
}
