using System.Diagnostics;
using Ava.Transport.Native;
using Ava.Transport.Tcp;
using Xunit.Abstractions;

namespace Ava.Manager.Tests;

/// <summary>LZ4 framing of TCP channels: exact round trips, and when compressing pays (measured, printed).</summary>
public class Lz4FramingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Lz4Mode.Off)]
    [InlineData(Lz4Mode.Auto)]
    [InlineData(Lz4Mode.Always)]
    public void Frames_OfEverySize_RoundTripExactly(Lz4Mode mode)
    {
        var (a, b) = UnixSocket.Pair();
        using var sender = new Lz4FramedSocket(a, new Lz4Policy(mode, 1024));
        using var receiver = new Lz4FramedSocket(b);
        var random = new Random(7);
        foreach (var size in new[] { 1, 100, 65536, 65537, 300_000, 5_000_000 })
        {
            var data = new byte[size];
            for (var i = 0; i < size; i++)
            {
                data[i] = (byte)(i % 97 < 60 ? i % 7 : random.Next());
            }

            var received = new byte[size];
            var reader = new Thread(() => receiver.ReceiveExactly(received));
                reader.Start();
            sender.SendAll(data);
            reader.Join();
            Assert.Equal(data, received);
        }
    }

    [Fact]
    public void Compression_PaysOnASlowLinkForCompressibleData_Measured()
    {
        // Loopback is far faster than LZ4, so the link is what the policy is told (a hint, as for a real link it
        // learns from timed raw sends); the figures printed show the compress rate against that.
        var compressible = new byte[8 << 20];
        for (var i = 0; i < compressible.Length; i++)
        {
            compressible[i] = (byte)((i / 64) % 16);
        }

        var incompressible = new byte[8 << 20];
        new Random(1).NextBytes(incompressible);
        foreach (var (name, data) in new[] { ("compressible", compressible), ("random", incompressible) })
        {
            foreach (var mode in new[] { Lz4Mode.Off, Lz4Mode.Always, Lz4Mode.Auto })
            {
                var (a, b) = UnixSocket.Pair();
                using var sender = new Lz4FramedSocket(a, new Lz4Policy(mode, 64 * 1024, linkMegabitsPerSecond: 1000));
                using var receiver = new Lz4FramedSocket(b);
                var received = new byte[data.Length];
                var watch = Stopwatch.StartNew();
                var reader = new Thread(() => receiver.ReceiveExactly(received));
                reader.Start();
                sender.SendAll(data);
                reader.Join();
                watch.Stop();
                output.WriteLine($"{name,-13} {mode,-6} {data.Length / watch.Elapsed.TotalSeconds / 1e6,8:F0} MB/s over loopback, wire bytes {sender.WireBytesSent / (double)data.Length:P0} of raw");
                if (mode == Lz4Mode.Auto)
                {
                    Assert.Equal(name == "compressible", sender.WireBytesSent < data.Length / 2);
                }
            }
        }
    }
}
