using System.Buffers.Binary;
using System.Text;
using Ava.Transport.Diagnostics;

namespace Ava.Cli.Profile;

/// <summary>One caller entry of a guest profile: a call site, the function it called, how often and at what cost.</summary>
internal sealed record ProfileCaller(string Frame, int Function, long Calls, long Ns);

/// <summary>A call-profile file as read back (<see cref="ProfileLayout"/>).</summary>
internal sealed class ProfileFile
{
    private ProfileFile(ProfileSide side, int pid, int peerPid, string api, string[] names, ulong[][] rows, ProfileCaller[] callers, long dropped)
    {
        Side = side;
        Pid = pid;
        PeerPid = peerPid;
        Api = api;
        Names = names;
        Rows = rows;
        Callers = callers;
        Dropped = dropped;
    }

    public ProfileSide Side { get; }

    public int Pid { get; }

    /// <summary>Worker: the guest process it served.</summary>
    public int PeerPid { get; }

    public string Api { get; }

    /// <summary>Function names by id.</summary>
    public string[] Names { get; }

    /// <summary>Per function id, its <see cref="ProfileLayout.RowSlots"/> sums.</summary>
    public ulong[][] Rows { get; }

    public ProfileCaller[] Callers { get; }

    /// <summary>Synchronous calls whose caller did not fit the table.</summary>
    public long Dropped { get; }

    /// <summary>Reads a profile file; throws <see cref="InvalidDataException"/> when it is not one or is cut short.</summary>
    public static ProfileFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < ProfileLayout.HeaderSize || BinaryPrimitives.ReadUInt64LittleEndian(bytes) != ProfileLayout.Magic)
        {
            throw new InvalidDataException($"{path} is not a call profile");
        }

        uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (U32(ProfileLayout.VersionOffset) != ProfileLayout.Version)
        {
            throw new InvalidDataException($"{path}: profile format {U32(ProfileLayout.VersionOffset)}, this ava reads {ProfileLayout.Version}");
        }

        var rows = (int)U32(ProfileLayout.RowsOffset);
        var callers = (int)U32(ProfileLayout.CallersOffset);
        var namesAt = (long)U32(ProfileLayout.NamesOffsetOffset);
        var namesLength = (long)U32(ProfileLayout.NamesLengthOffset);
        if (rows <= 0 || rows > 65536 || callers < 0 || callers > 1 << 20 || namesAt != ProfileLayout.NamesStart(rows, callers) || namesAt + namesLength > bytes.Length)
        {
            throw new InvalidDataException($"{path}: damaged profile header");
        }

        var names = Encoding.UTF8.GetString(bytes, (int)namesAt, (int)namesLength).Split('\n');
        var table = new ulong[rows][];
        for (var row = 0; row < rows; row++)
        {
            table[row] = new ulong[ProfileLayout.RowSlots];
            for (var slot = 0; slot < ProfileLayout.RowSlots; slot++)
            {
                table[row][slot] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)ProfileLayout.RowOffset(row) + (slot * sizeof(ulong))));
            }
        }

        var kept = new List<ProfileCaller>();
        for (var i = 0; i < callers; i++)
        {
            var entry = bytes.AsSpan((int)(ProfileLayout.CallersStart(rows) + ((long)i * ProfileLayout.CallerSize)), ProfileLayout.CallerSize);
            var key = BinaryPrimitives.ReadUInt64LittleEndian(entry);
            if (key == 0)
            {
                continue;
            }

            var text = entry[24..];
            var end = text.IndexOf((byte)0);
            var frame = Encoding.UTF8.GetString(end < 0 ? text : text[..end]);
            var address = key & ((1UL << ProfileLayout.CallerFunctionShift) - 1);
            kept.Add(new ProfileCaller(frame.Length > 0 ? frame : $"0x{address:x}", (int)(key >> ProfileLayout.CallerFunctionShift),
                (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[16..])));
        }

        var apiName = bytes.AsSpan(ProfileLayout.ApiNameOffset, ProfileLayout.ApiNameSize);
        var nul = apiName.IndexOf((byte)0);
        return new ProfileFile((ProfileSide)U32(ProfileLayout.SideOffset), (int)U32(ProfileLayout.PidOffset), (int)U32(ProfileLayout.PeerPidOffset),
            Encoding.UTF8.GetString(nul < 0 ? apiName : apiName[..nul]), names, table, [.. kept],
            (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(ProfileLayout.DroppedOffset)));
    }

    /// <summary>Name of function <paramref name="id"/>.</summary>
    public string Name(int id) => id > 0 && id < Names.Length && Names[id].Length > 0 ? Names[id] : $"#{id}";
}
