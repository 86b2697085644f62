using Ava.Transport;

namespace Ava.Worker;

/// <summary>Counts the bytes a shadow thread moves through a pipe (records and streamed payloads) for `ava status`.</summary>
internal sealed unsafe class CountingPipe(RecordPipe inner, Statistics statistics, bool inbound) : RecordPipe
{
    public override int MaxRecordLength => inner.MaxRecordLength;

    public override Span<byte> Reserve(int length) => inner.Reserve(length);

    public override void Publish(int length, bool wake)
    {
        statistics.Moved(length, inbound);
        inner.Publish(length, wake);
    }

    public override void WriteStream(byte* source, long length)
    {
        statistics.Moved(length, inbound);
        inner.WriteStream(source, length);
    }

    public override ReadOnlySpan<byte> Read()
    {
        var record = inner.Read();
        statistics.Moved(record.Length, inbound);
        return record;
    }

    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        if (!inner.TryRead(out record))
        {
            return false;
        }

        statistics.Moved(record.Length, inbound);
        return true;
    }

    public override void Release() => inner.Release();

    public override void ReadStream(byte* destination, long length)
    {
        statistics.Moved(length, inbound);
        inner.ReadStream(destination, length);
    }

    public override void SkipStream(long length)
    {
        statistics.Moved(length, inbound);
        inner.SkipStream(length);
    }

    public override void VisitStream(long length, IChunkVisitor visitor)
    {
        statistics.Moved(length, inbound);
        inner.VisitStream(length, visitor);
    }

    public override void FillStream(long length, IChunkVisitor visitor)
    {
        statistics.Moved(length, inbound);
        inner.FillStream(length, visitor);
    }

    public override (nint Address, long Length) Memory => inner.Memory;

    public override bool WaitForData(int timeoutMilliseconds) => inner.WaitForData(timeoutMilliseconds);
}
