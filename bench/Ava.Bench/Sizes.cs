using System.Globalization;

namespace Ava.Bench;

/// <summary>Byte counts as the history names them: "0 B", "4 KiB", "1 MiB", "64 MiB".</summary>
internal static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1 << 10 when bytes % (1 << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
