namespace Ava.Transport.Wire;

/// <summary>How one buffer of a record travels.</summary>
public enum BufferMode
{
    /// <summary>NULL pointer: a descriptor only.</summary>
    Null,

    /// <summary>Bytes inside the record.</summary>
    Inline,

    /// <summary>Bytes after the record, as chunks.</summary>
    Streamed,
}

/// <summary>Decides, buffer by buffer, what stays inline so a record never exceeds its channel's budget.</summary>
public static class Planner
{
    /// <summary>
    /// Adds the bytes of a buffer of <paramref name="bytes"/> (negative for NULL) to a record of <paramref name="total"/>
    /// bytes whose slots, this buffer's descriptor included, are already counted. The bytes stay inline while
    /// the record fits <paramref name="budget"/>; otherwise they are streamed after it.
    /// </summary>
    public static BufferMode Plan(long bytes, ref int total, int budget)
    {
        if (bytes < 0)
        {
            return BufferMode.Null;
        }

        // Compared before rounding: a length within 7 of long.MaxValue would wrap to a negative size when padded.
        if (bytes <= budget - total && total + RecordLayout.AlignSlot(bytes) <= budget)
        {
            total += (int)RecordLayout.AlignSlot(bytes);
            return BufferMode.Inline;
        }

        return BufferMode.Streamed;
    }
}
