using System.Runtime.InteropServices;
using Ava.AvaTest;
using BenchmarkDotNet.Attributes;

namespace Ava.Bench;

/// <summary>
/// The AvaTest microbenchmarks native and through each channel: the null call, async calls, and transfers in and
/// out (at_sink/at_source, which leave the bytes alone, so the figures are the transport's alone).
/// </summary>
public unsafe class TransportBenchmarks
{
    private const int AsyncBatch = 1000;
    private AvaTestCalls _calls = null!;
    private at_object _object;
    private byte* _buffer;

    [Params("native", "shm", "unix")]
    public string Channel { get; set; } = "native";

    [GlobalSetup]
    public void Setup()
    {
        _calls = AvaTestCalls.For(Channel);
        int err;
        _object = _calls.ObjectCreate(1, &err);
        _buffer = (byte*)NativeMemory.AlignedAlloc(64 << 20, 4096);
        new Span<byte>(_buffer, 64 << 20).Fill(7);
    }

    [GlobalCleanup]
    public void Cleanup() => NativeMemory.AlignedFree(_buffer);

    /// <summary>Synchronous null call: the round trip.</summary>
    [Benchmark]
    public int NullCall() => _calls.Noop();

    /// <summary>Async calls from one thread (no round trip); a sync call at the end of each batch keeps the worker honest.</summary>
    [Benchmark(OperationsPerInvoke = AsyncBatch)]
    public long AsyncCall()
    {
        for (var i = 0; i < AsyncBatch - 1; i++)
        {
            _calls.ObjectAdd(_object, 1);
        }

        long value;
        _calls.ObjectGet(_object, &value);
        return value;
    }

    [Benchmark]
    [Arguments(0)]
    [Arguments(4096)]
    [Arguments(1 << 20)]
    [Arguments(64 << 20)]
    public int InTransfer(int bytes) => _calls.InTransfer(_buffer, (nuint)bytes);

    [Benchmark]
    [Arguments(0)]
    [Arguments(4096)]
    [Arguments(1 << 20)]
    [Arguments(64 << 20)]
    public int OutTransfer(int bytes) => _calls.OutTransfer(_buffer, (nuint)bytes);
}

/// <summary>The physical floors, measured in the same run: raw C shared-memory ping-pong and single-core memcpy.</summary>
public unsafe class FloorBenchmarks
{
    private byte* _source;
    private byte* _destination;

    [GlobalSetup]
    public void Setup()
    {
        if (Floors.PingPongStart() != 0)
        {
            throw new InvalidOperationException("could not start the ping-pong partner");
        }

        _source = (byte*)NativeMemory.AlignedAlloc(64 << 20, 4096);
        _destination = (byte*)NativeMemory.AlignedAlloc(64 << 20, 4096);
        new Span<byte>(_source, 64 << 20).Fill(3);
        new Span<byte>(_destination, 64 << 20).Fill(4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Floors.PingPongStop();
        NativeMemory.AlignedFree(_source);
        NativeMemory.AlignedFree(_destination);
    }

    [Benchmark]
    public void RawShmPingPong() => Floors.PingPongRoundTrip();

    [Benchmark]
    [Arguments(4096)]
    [Arguments(1 << 20)]
    [Arguments(64 << 20)]
    public void Memcpy(int bytes) => Floors.Memcpy(_destination, _source, (nuint)bytes);
}
