using System.Runtime.InteropServices;

namespace Ava.Transport.Tests.Native;

internal static class Descriptors
{
    /// <summary>A close-on-exec duplicate of <paramref name="fd"/>.</summary>
    public static int Duplicate(int fd)
    {
        int copy = fcntl(fd, 1030 /* F_DUPFD_CLOEXEC */, 0);
        Assert.True(copy >= 0, $"fcntl(F_DUPFD_CLOEXEC) errno {Marshal.GetLastPInvokeError()}");
        return copy;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int cmd, int arg);
}
