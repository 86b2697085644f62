using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.Worker.Tests;

/// <summary>
/// The length of a C string, on both sides (the guest's of an application's string, the worker's of one the library
/// returns), is found without reading past the page that holds its NUL: a string that ends at the last byte of a
/// mapping followed by an unmapped page is measured, not faulted on. A search over a span declared longer than the
/// string (int.MaxValue bytes) loads whole vectors past the NUL and faulted there (a fuzzed TF_Message on a worker
/// whose heap ended right after the status's message).
/// </summary>
public sealed unsafe class StringLengthTests : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20;
    private readonly nuint _page = (nuint)Environment.SystemPageSize;
    private readonly byte* _mapping;

    public StringLengthTests()
    {
        _mapping = (byte*)mmap(null, 2 * _page, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        Assert.True(_mapping != (byte*)-1, "mmap failed");
        Assert.Equal(0, mprotect(_mapping + _page, _page, 0)); // the page after the string: no access
    }

    public void Dispose() => Assert.Equal(0, munmap(_mapping, 2 * _page));

    /// <summary>A string of <paramref name="length"/> bytes whose NUL is the last byte before the unmapped page.</summary>
    private byte* StringAtPageEnd(int length)
    {
        var text = _mapping + _page - (nuint)length - 1;
        new Span<byte>(text, length).Fill((byte)'a');
        text[length] = 0;
        return text;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(100)]
    public void WorkerStringBytes_OfAStringEndingAtAnUnmappedPage_IsItsLengthWithTheNul(int length) =>
        Assert.Equal(length + 1, WorkerCall.StringBytes(StringAtPageEnd(length)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(100)]
    public void GuestStringBytes_OfAStringEndingAtAnUnmappedPage_IsItsLengthWithTheNul(int length) =>
        Assert.Equal(length + 1, GuestMarshal.StringBytes(StringAtPageEnd(length)));

    [Fact]
    public void WorkerStringBytes_OfNull_IsNoString() => Assert.Equal(-1, WorkerCall.StringBytes(null));

    [DllImport("libc", SetLastError = true)]
    private static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(void* address, nuint length, int protection);

    [DllImport("libc")]
    private static extern int munmap(void* address, nuint length);
}
