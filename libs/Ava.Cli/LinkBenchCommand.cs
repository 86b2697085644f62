using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ava.Transport.Native;
using Ava.Transport.Stream;
using Ava.Transport.Tcp;

namespace Ava.Cli;

/// <summary>
/// <c>ava linkbench</c>: the bandwidth of one TCP link three ways, in one run: a plain socket (the link itself), then
/// the LZ4-framed socket every TCP channel runs over, with random bytes (incompressible: the sampling probe must send
/// them raw, at the link's speed) and with zeros (compressible: must beat the link), by turns for a few rounds. One side
/// listens, the other connects; the connecting side prints the best figure of each and ends the listening side.
/// </summary>
internal static class LinkBenchCommand
{
    private const int Chunk = 4 << 20;

    /// <summary>The first byte of a connection that ends the listening side.</summary>
    private const byte Done = 2;

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { HelpName = "HOST:PORT", Description = "serve measurements until the connecting side is done" };
        var connect = new Option<string>("--connect") { HelpName = "HOST:PORT", Description = "measure against a listening side" };
        var megabytes = new Option<int>("--mib") { DefaultValueFactory = _ => 1024, Description = "MiB sent per measurement" };
        var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 3, Description = "rounds of the three measurements, by turns; the best of each is printed" };
        var command = new Command("linkbench", "TCP bandwidth: a plain socket against our LZ4-framed channel socket, random and compressible data") { listen, connect, megabytes, rounds };
        command.SetAction(result =>
        {
            var (l, c) = (result.GetValue(listen), result.GetValue(connect));
            if ((l is null) == (c is null))
            {
                return AvaCommandLine.Fail(result, "give exactly one of --listen HOST:PORT and --connect HOST:PORT");
            }

            try
            {
                return l is not null ? Serve(l) : Measure(c!, (long)Math.Max(1, result.GetValue(megabytes)) << 20, Math.Max(1, result.GetValue(rounds)));
            }
            catch (Exception e) when (e is IOException or NativeException or FormatException)
            {
                Console.Error.WriteLine($"ava linkbench: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (address[..colon], port)
            : throw new FormatException($"'{address}' is not HOST:PORT");
    }

    private static int Serve(string address)
    {
        var (host, port) = Split(address);
        using var listener = TcpSocket.Listen(host, port, out _);
        var buffer = new byte[Chunk];
        var header = new byte[9];
        while (true)
        {
            using var socket = listener.Accept();
            TcpSocket.Tune(socket.Fd);
            socket.ReceiveExactly(header);
            if (header[0] == Done)
            {
                return 0;
            }

            var total = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(1));
            // The framed socket owns nothing here: `socket` is disposed by its using, after the acknowledgement.
            IStreamSocket stream = header[0] == 0 ? new PlainSocket(socket) : new Lz4FramedSocket(socket);
            for (long got = 0; got < total; got += Math.Min(Chunk, total - got))
            {
                stream.ReceiveExactly(buffer.AsSpan(0, (int)Math.Min(Chunk, total - got)));
            }

            socket.SendAll([1]);
        }
    }

    private static int Measure(string address, long total, int rounds)
    {
        var random = new byte[Chunk];
        Random.Shared.NextBytes(random);
        var zeros = new byte[Chunk];
        double plain = 0, framedRandom = 0, framedZeros = 0;

        // By turns, best of each: a single run of each in a row measures the machine's moment as much as the link.
        for (var round = 0; round < rounds; round++)
        {
            plain = Math.Max(plain, Run(address, total, random, framed: false));
            framedRandom = Math.Max(framedRandom, Run(address, total, random, framed: true));
            framedZeros = Math.Max(framedZeros, Run(address, total, zeros, framed: true));
        }

        var (host, port) = Split(address);
        using (var done = TcpSocket.Connect(host, port))
        {
            done.SendAll([Done, 0, 0, 0, 0, 0, 0, 0, 0]);
        }

        Console.WriteLine($"plain socket, random bytes:   {plain / 1e9:F2} GB/s");
        Console.WriteLine($"LZ4-framed, random bytes:     {framedRandom / 1e9:F2} GB/s ({framedRandom / plain * 100:F0}% of the plain socket)");
        Console.WriteLine($"LZ4-framed, zeros:            {framedZeros / 1e9:F2} GB/s ({framedZeros / plain * 100:F0}% of the plain socket)");
        return 0;
    }

    /// <summary>Bytes per second for <paramref name="total"/> bytes, timed from the first send to the receiver's acknowledgement.</summary>
    private static double Run(string address, long total, byte[] data, bool framed)
    {
        var (host, port) = Split(address);
        using var socket = TcpSocket.Connect(host, port);
        var header = new byte[9];
        header[0] = framed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(1), total);
        socket.SendAll(header);
        // The framed socket owns nothing here: `socket` is disposed by its using, after the acknowledgement.
        IStreamSocket stream = framed ? new Lz4FramedSocket(socket) : new PlainSocket(socket);
        var start = Stopwatch.GetTimestamp();
        for (long sent = 0; sent < total; sent += Math.Min(Chunk, total - sent))
        {
            stream.SendAll(data.AsSpan(0, (int)Math.Min(Chunk, total - sent)));
        }

        var ack = new byte[1];
        socket.ReceiveExactly(ack);
        return total / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The socket itself, unframed: the baseline.</summary>
    private sealed class PlainSocket(UnixSocket socket) : IStreamSocket
    {
        public void SendAll(ReadOnlySpan<byte> data) => socket.SendAll(data);

        public void ReceiveExactly(Span<byte> buffer) => socket.ReceiveExactly(buffer);

        public bool PollReadable(int timeoutMs) => socket.PollReadable(timeoutMs);

        public void Shutdown() => socket.Shutdown();

        public void Dispose()
        {
            // The caller owns the socket.
        }
    }
}
