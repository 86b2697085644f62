using System.Runtime.InteropServices;

namespace Ava.Bench;

/// <summary>The C floor measurements (bench/native/floors.c).</summary>
internal static unsafe class Floors
{
    private static readonly nint Library = NativeLibrary.Load(Paths.Floors);

    public static readonly delegate* unmanaged<int> PingPongStart = (delegate* unmanaged<int>)NativeLibrary.GetExport(Library, "floors_pingpong_start");

    public static readonly delegate* unmanaged<void> PingPongRoundTrip = (delegate* unmanaged<void>)NativeLibrary.GetExport(Library, "floors_pingpong_roundtrip");

    public static readonly delegate* unmanaged<void> PingPongStop = (delegate* unmanaged<void>)NativeLibrary.GetExport(Library, "floors_pingpong_stop");

    public static readonly delegate* unmanaged<void*, void*, nuint, void> Memcpy = (delegate* unmanaged<void*, void*, nuint, void>)NativeLibrary.GetExport(Library, "floors_memcpy");
}
