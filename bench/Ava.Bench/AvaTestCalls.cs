using System.Runtime.InteropServices;
using Ava.AvaTest;

namespace Ava.Bench;

/// <summary>
/// The AvaTest functions the benchmarks call, either straight from the real library (native) or through the
/// generated guest stubs and a worker over the chosen channel. Both are unmanaged function pointers, so the
/// two paths differ only in what is behind the pointer.
/// </summary>
internal sealed unsafe class AvaTestCalls
{
    private AvaTestCalls()
    {
    }

    public delegate* unmanaged<int> Noop { get; private init; }

    public delegate* unmanaged<at_object, long, int> ObjectAdd { get; private init; }

    public delegate* unmanaged<int, int*, at_object> ObjectCreate { get; private init; }

    public delegate* unmanaged<at_object, long*, int> ObjectGet { get; private init; }

    public delegate* unmanaged<void*, nuint, int> InTransfer { get; private init; }

    public delegate* unmanaged<void*, nuint, int> OutTransfer { get; private init; }

    /// <summary>Calls for <paramref name="channel"/>: "native", "shm" (shared-memory rings) or "unix" (socket).</summary>
    public static AvaTestCalls For(string channel)
    {
        if (channel == "native")
        {
            var library = NativeLibrary.Load(Paths.RealAvaTest);
            return new AvaTestCalls
            {
                Noop = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "at_noop"),
                ObjectAdd = (delegate* unmanaged<at_object, long, int>)NativeLibrary.GetExport(library, "at_object_add"),
                ObjectCreate = (delegate* unmanaged<int, int*, at_object>)NativeLibrary.GetExport(library, "at_object_create"),
                ObjectGet = (delegate* unmanaged<at_object, long*, int>)NativeLibrary.GetExport(library, "at_object_get"),
                InTransfer = (delegate* unmanaged<void*, nuint, int>)NativeLibrary.GetExport(library, "at_sink"),
                OutTransfer = (delegate* unmanaged<void*, nuint, int>)NativeLibrary.GetExport(library, "at_source"),
            };
        }

        // The guest connection reads these when it first connects, which happens on the first call below.
        Environment.SetEnvironmentVariable("AVA_CHANNEL", channel == "unix" ? "UNIX" : "SHM");
        Environment.SetEnvironmentVariable("AVA_WORKER", Paths.TestAva);
        return new AvaTestCalls
        {
            Noop = &AvaTestApi.at_noop,
            ObjectAdd = &AvaTestApi.at_object_add,
            ObjectCreate = &AvaTestApi.at_object_create,
            ObjectGet = &AvaTestApi.at_object_get,
            InTransfer = &AvaTestApi.at_sink,
            OutTransfer = &AvaTestApi.at_source,
        };
    }
}
