using System.Runtime.InteropServices;
using System.Text;

namespace Ava.Transport.Native;

/// <summary>
/// Starts and reaps child processes with posix_spawn. System.Diagnostics.Process is avoided:
/// inside a host program it would install runtime-wide SIGCHLD handling and reap children it
/// does not own.
/// </summary>
/// <remarks>
/// <para>The child inherits only the host's standard descriptors and the ones named in the
/// descriptor map: everything this library opens is close-on-exec, and the mapped descriptors
/// reach the child through dup2, which clears close-on-exec on the target. Host programs often
/// leak descriptors without close-on-exec (a worker holding a copy of the host's pipe or socket
/// would keep it from ever seeing end of file), so the child also closes every descriptor above
/// the highest mapped target before exec (posix_spawn_file_actions_addclosefrom_np, glibc 2.34+;
/// skipped on older glibc).</para>
/// <para>The child starts with an empty signal mask and every signal at its default action,
/// whatever the spawning thread blocked or the host ignored (the .NET runtime itself ignores
/// SIGPIPE, for example).</para>
/// <para>Exit statuses are reported as the exit code (0..255), or 128 + the signal number
/// when the child was killed by a signal, as shells do.</para>
/// </remarks>
public static unsafe partial class ProcessSpawner
{
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int WNOHANG = 1;

    // Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and
    // sigset_t (128) on 64-bit targets; ulong elements keep them 8-byte aligned.
    private const int OpaqueBufferWords = 128;

    private static byte** s_environ;
    private static bool s_closeFromMissing;

    /// <summary>
    /// Starts <paramref name="path"/> (no PATH search).
    /// </summary>
    /// <param name="path">Absolute path of the executable.</param>
    /// <param name="argv">The full argument vector, argv[0] included; when empty, <paramref name="path"/> is used as argv[0].</param>
    /// <param name="environment">The child's complete environment as NAME=value strings (empty: an empty environment).</param>
    /// <param name="fdMap">Descriptors to give the child: each <c>From</c> here becomes <c>To</c> there.</param>
    /// <returns>The child's pid; reap it with <see cref="TryReap"/> or <see cref="WaitExit"/>.</returns>
    /// <exception cref="NativeException">posix_spawn failed, including when the executable cannot be run (e.g. ENOENT).</exception>
    public static int Spawn(string path, ReadOnlySpan<string> argv, ReadOnlySpan<string> environment, ReadOnlySpan<(int From, int To)> fdMap)
    {
        byte* envBlock = BuildStringArray(environment, fallbackFirst: null, out byte** envp);
        try
        {
            return SpawnCore(path, argv, envp, fdMap);
        }
        finally
        {
            NativeMemory.Free(envBlock);
        }
    }

    /// <summary>
    /// Like <see cref="Spawn(string, ReadOnlySpan{string}, ReadOnlySpan{string}, ReadOnlySpan{ValueTuple{int, int}})"/>,
    /// with the child inheriting this process's current C environment (<c>environ</c>), which
    /// includes variables the host program set after the runtime started.
    /// </summary>
    public static int Spawn(string path, ReadOnlySpan<string> argv, ReadOnlySpan<(int From, int To)> fdMap)
        => SpawnCore(path, argv, CurrentEnvironment(), fdMap);

    /// <summary>
    /// Collects the child's exit status if it has exited, without blocking (waitpid WNOHANG).
    /// </summary>
    /// <param name="pid">A child of this process.</param>
    /// <param name="status">The exit code, or 128 + signal number; 0 when still running.</param>
    /// <returns>true when the child has exited and is now reaped.</returns>
    /// <exception cref="NativeException">ECHILD when <paramref name="pid"/> is not (or no longer) our child.</exception>
    public static bool TryReap(int pid, out int status)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        int raw;
        while (true)
        {
            int result = LibC.waitpid(pid, &raw, WNOHANG);
            if (result == pid)
            {
                status = DecodeWaitStatus(raw);
                return true;
            }

            if (result == 0)
            {
                status = 0;
                return false;
            }

            int errno = LibC.GetErrno();
            if (errno != LibC.EINTR)
            {
                throw new NativeException($"waitpid({pid}, WNOHANG)", errno);
            }
        }
    }

    /// <summary>Blocks until the child exits and reaps it.</summary>
    /// <returns>The exit code, or 128 + signal number.</returns>
    /// <exception cref="NativeException">ECHILD when <paramref name="pid"/> is not (or no longer) our child.</exception>
    public static int WaitExit(int pid)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        int raw;
        while (LibC.waitpid(pid, &raw, 0) != pid)
        {
            int errno = LibC.GetErrno();
            if (errno != LibC.EINTR)
            {
                throw new NativeException($"waitpid({pid})", errno);
            }
        }

        return DecodeWaitStatus(raw);
    }

    /// <summary>Turns a raw wait status into the exit code, or 128 + signal for a killed child.</summary>
    internal static int DecodeWaitStatus(int raw)
    {
        int signal = raw & 0x7F;
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal;
    }

    private static int SpawnCore(string path, ReadOnlySpan<string> argv, byte** envp, ReadOnlySpan<(int From, int To)> fdMap)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ValidateFdMap(fdMap);

        byte* pathBlock = BuildString(path);
        byte* argvBlock = null;
        ulong* fileActions = stackalloc ulong[OpaqueBufferWords];
        ulong* attributes = stackalloc ulong[OpaqueBufferWords];
        ulong* emptyMask = stackalloc ulong[OpaqueBufferWords];
        ulong* allSignals = stackalloc ulong[OpaqueBufferWords];
        int* staged = stackalloc int[fdMap.Length];
        int stagedCount = 0;
        bool actionsReady = false;
        bool attributesReady = false;
        try
        {
            argvBlock = BuildStringArray(argv, fallbackFirst: path, out byte** argvPointers);

            // Duplicate every source above the highest target first. dup2 actions run in order,
            // so without this a mapping like 3->4, 4->3 (or a source that equals another
            // mapping's target) would read an already-overwritten descriptor; and From == To
            // would leave close-on-exec set, since dup2 onto itself changes nothing.
            int floor = 3;
            foreach ((int _, int to) in fdMap)
            {
                floor = Math.Max(floor, to + 1);
            }

            foreach ((int from, int _) in fdMap)
            {
                int copy = LibC.fcntl(from, LibC.F_DUPFD_CLOEXEC, floor);
                if (copy < 0)
                {
                    throw NativeException.FromLastError($"fcntl({from}, F_DUPFD_CLOEXEC) for {path}");
                }

                staged[stagedCount++] = copy;
            }

            Check(LibC.posix_spawn_file_actions_init(fileActions), "posix_spawn_file_actions_init");
            actionsReady = true;
            for (int i = 0; i < fdMap.Length; i++)
            {
                Check(LibC.posix_spawn_file_actions_adddup2(fileActions, staged[i], fdMap[i].To), $"posix_spawn_file_actions_adddup2({fdMap[i].From}->{fdMap[i].To})");
            }

            AddCloseFrom(fileActions, floor);

            Check(LibC.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            attributesReady = true;
            if (LibC.sigemptyset(emptyMask) != 0 || LibC.sigfillset(allSignals) != 0)
            {
                throw NativeException.FromLastError("sigemptyset/sigfillset");
            }

            Check(LibC.posix_spawnattr_setsigmask(attributes, emptyMask), "posix_spawnattr_setsigmask");
            Check(LibC.posix_spawnattr_setsigdefault(attributes, allSignals), "posix_spawnattr_setsigdefault");
            Check(LibC.posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF), "posix_spawnattr_setflags");

            int pid;
            int error = LibC.posix_spawn(&pid, pathBlock, fileActions, attributes, argvPointers, envp);
            if (error != 0)
            {
                throw new NativeException($"posix_spawn({path})", error);
            }

            return pid;
        }
        finally
        {
            if (attributesReady)
            {
                _ = LibC.posix_spawnattr_destroy(attributes);
            }

            if (actionsReady)
            {
                _ = LibC.posix_spawn_file_actions_destroy(fileActions);
            }

            for (int i = 0; i < stagedCount; i++)
            {
                LibC.CloseQuietly(staged[i]);
            }

            NativeMemory.Free(argvBlock);
            NativeMemory.Free(pathBlock);
        }
    }

    private static void AddCloseFrom(void* fileActions, int lowestFd)
    {
        if (s_closeFromMissing)
        {
            return;
        }

        try
        {
            Check(LibC.posix_spawn_file_actions_addclosefrom_np(fileActions, lowestFd), $"posix_spawn_file_actions_addclosefrom_np({lowestFd})");
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.34: close-on-exec alone has to keep the child's table clean.
            s_closeFromMissing = true;
        }
    }

    private static void ValidateFdMap(ReadOnlySpan<(int From, int To)> fdMap)
    {
        for (int i = 0; i < fdMap.Length; i++)
        {
            (int from, int to) = fdMap[i];
            if (from < 0 || to < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(fdMap), $"Descriptor mapping {from}->{to} has a negative descriptor.");
            }

            for (int j = 0; j < i; j++)
            {
                if (fdMap[j].To == to)
                {
                    throw new ArgumentException($"Descriptor {to} is the target of more than one mapping.", nameof(fdMap));
                }
            }
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new NativeException(call, error);
        }
    }

    private static byte** CurrentEnvironment()
    {
        // environ is a variable, not a function, so it cannot be imported; read it through its
        // exported address each time because setenv may move the array.
        if (s_environ == null)
        {
            nint libc = NativeLibrary.Load("libc.so.6");
            s_environ = (byte**)NativeLibrary.GetExport(libc, "environ");
        }

        return *(byte***)s_environ;
    }

    /// <summary>One NUL-terminated UTF-8 copy of <paramref name="value"/> in native memory.</summary>
    private static byte* BuildString(string value)
    {
        EnsureNoNul(value);
        int length = Encoding.UTF8.GetByteCount(value);
        byte* block = (byte*)NativeMemory.Alloc((nuint)length + 1);
        int written = Encoding.UTF8.GetBytes(value, new Span<byte>(block, length));
        block[written] = 0;
        return block;
    }

    /// <summary>
    /// A NULL-terminated char*[] and its strings in a single native block (free the returned
    /// block; <paramref name="pointers"/> points into it).
    /// </summary>
    private static byte* BuildStringArray(ReadOnlySpan<string> values, string? fallbackFirst, out byte** pointers)
    {
        ReadOnlySpan<string> fallback = fallbackFirst is null ? default : new ReadOnlySpan<string>(in fallbackFirst);
        ReadOnlySpan<string> items = values.IsEmpty ? fallback : values;

        nuint tableBytes = (nuint)(items.Length + 1) * (nuint)sizeof(byte*);
        nuint total = tableBytes;
        foreach (string item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            EnsureNoNul(item);
            total += (nuint)Encoding.UTF8.GetByteCount(item) + 1;
        }

        byte* block = (byte*)NativeMemory.Alloc(total);
        byte** table = (byte**)block;
        byte* cursor = block + tableBytes;
        for (int i = 0; i < items.Length; i++)
        {
            int written = Encoding.UTF8.GetBytes(items[i], new Span<byte>(cursor, (int)(block + total - cursor)));
            cursor[written] = 0;
            table[i] = cursor;
            cursor += written + 1;
        }

        table[items.Length] = null;
        pointers = table;
        return block;
    }

    private static void EnsureNoNul(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Strings passed to a spawned process cannot contain NUL characters.", nameof(value));
        }
    }
}
