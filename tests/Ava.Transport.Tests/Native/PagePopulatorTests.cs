using System.Runtime.InteropServices;
using Ava.Transport.Native;
using Xunit;

namespace Ava.Transport.Tests.Native;

/// <summary>
/// The populator maps pages ahead of a receive; it must never change a byte, never touch memory after its run is
/// disposed, and give way (not block) when another receive holds it.
/// </summary>
public sealed unsafe partial class PagePopulatorTests
{
    private const long Size = 24L << 20;

    [Fact]
    public void SmallOutputsGoWithout()
    {
        var memory = (byte*)NativeMemory.AllocZeroed((nuint)(1 << 20));
        try
        {
            using var run = PagePopulator.Begin(memory, 1 << 20);
            Assert.False(run.Started);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void PopulatingChangesNoByte()
    {
        // Odd start and length: partial first and last pages are left alone, whole pages in between are populated.
        var memory = (byte*)NativeMemory.AllocZeroed((nuint)Size);
        try
        {
            var written = Size / 3 + 123;
            for (long i = 0; i < written; i++)
            {
                memory[i] = (byte)(i * 7 + 1);
            }

            using (PagePopulator.Begin(memory + 5, Size - 11))
            {
                // The receive would write here meanwhile; the populator must not disturb it.
                for (long i = written; i < written + (1 << 20); i++)
                {
                    memory[i] = (byte)(i * 7 + 1);
                }
            }

            for (long i = 0; i < Size; i++)
            {
                var expected = i < written + (1 << 20) ? (byte)(i * 7 + 1) : (byte)0;
                if (memory[i] != expected)
                {
                    Assert.Fail($"byte {i} is {memory[i]}, expected {expected}");
                }
            }
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void ASecondReceiveDoesNotWaitForTheFirst()
    {
        var a = (byte*)NativeMemory.AllocZeroed((nuint)Size);
        var b = (byte*)NativeMemory.AllocZeroed((nuint)Size);
        try
        {
            using var first = PagePopulator.Begin(a, Size);
            using var second = PagePopulator.Begin(b, Size);
            Assert.False(first.Started && second.Started);
        }
        finally
        {
            NativeMemory.Free(a);
            NativeMemory.Free(b);
        }

        // Once both are disposed the populator is free again (where the kernel has the advice at all).
        var c = (byte*)NativeMemory.AllocZeroed((nuint)Size);
        try
        {
            using var third = PagePopulator.Begin(c, Size);
            Assert.True(third.Started || !SupportsPopulate());
        }
        finally
        {
            NativeMemory.Free(c);
        }
    }

    [Fact]
    public void MemoryThePopulatorCannotMapIsLeftToTheReceive()
    {
        // A read-only mapping: the advice fails (EFAULT) and the run ends quietly; the caller's own write would fault.
        var length = (nuint)Size;
        var mapped = LibC.mmap(null, length, 1 /* PROT_READ */, 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */, -1, 0);
        Assert.NotEqual(-1, (nint)mapped);
        try
        {
            using var run = PagePopulator.Begin(mapped, Size);
        }
        finally
        {
            LibC.munmap(mapped, length);
        }
    }

    private static bool SupportsPopulate()
    {
        var page = (byte*)NativeMemory.AlignedAlloc(4096, 4096);
        try
        {
            return madvise(page, 4096, 23) == 0;
        }
        finally
        {
            NativeMemory.AlignedFree(page);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(void* address, nuint length, int advice);
}
