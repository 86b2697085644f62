using Ava.Transport;

namespace Ava.Worker;

/// <summary>Counts the bytes a shadow thread moves through a pipe (records and streamed payloads) for `ava status`.</summary>
internal sealed unsafe class CountingPipe(RecordPipe inner, Statistics statistics, bool inbound) : RecordPipe
{
    /// <summary>Bytes this pipe has moved, for the call profile's per-call differences (read on the shadow thread).</summary>
    public long Bytes { get; private set; }

    private void Moved(long length)
    {
        Bytes += length;
        statistics.Moved(length, inbound);
    }

    public override int MaxRecordLength => inner.MaxRecordLength;

    public override Span<byte> Reserve(int length) => inner.Reserve(length);

    public override void Publish(int length, bool wake)
    {
        Moved(length);
        inner.Publish(length, wake);
    }

    public override void WriteStream(byte* source, long length)
    {
        Moved(length);
        inner.WriteStream(source, length);
    }

    public override ReadOnlySpan<byte> Read()
    {
        var record = inner.Read();
        Moved(record.Length);
        return record;
    }

    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        if (!inner.TryRead(out record))
        {
            return false;
        }

        Moved(record.Length);
        return true;
    }

    public override void Release() => inner.Release();

    public override void ReadStream(byte* destination, long length)
    {
        Moved(length);
        inner.ReadStream(destination, length);
    }

    public override void SkipStream(long length)
    {
        Moved(length);
        inner.SkipStream(length);
    }

    public override void VisitStream(long length, IChunkVisitor visitor)
    {
        Moved(length);
        inner.VisitStream(length, visitor);
    }

    public override void FillStream(long length, IChunkVisitor visitor)
    {
        Moved(length);
        inner.FillStream(length, visitor);
    }

    public override (nint Address, long Length) Memory => inner.Memory;

    public override bool WaitForData(int timeoutMilliseconds) => inner.WaitForData(timeoutMilliseconds);
}
