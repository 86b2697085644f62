using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Control;

/// <summary>The status report crosses the manager's socket whole, however many frames it takes.</summary>
public sealed class ManagerReportTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(ManagerProtocol.MaxMessage)]
    [InlineData(ManagerProtocol.MaxMessage + 1)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Report_OfAnyLength_ArrivesWhole(int length)
    {
        // Multi-byte characters, so that a piece boundary falls inside a character somewhere.
        var report = string.Concat(Enumerable.Repeat("{\"é\":1}", (length / 7) + 1))[..length];
        var (manager, client) = UnixSocket.Pair();
        using (manager)
        using (client)
        {
            var sender = Task.Run(() => ManagerProtocol.SendReport(manager, report));
            var reply = ManagerProtocol.ReadReport(client);
            await sender;
            Assert.Null(reply.Refusal);
            Assert.Equal(report, reply.Message);
        }
    }

    [Fact]
    public void Refusal_IsReadAsARefusal()
    {
        var (manager, client) = UnixSocket.Pair();
        using (manager)
        using (client)
        {
            ManagerProtocol.SendAdmitAck(manager, new AdmissionReply("authentication failed", 0, 0, "authentication failed"));
            Assert.Equal("authentication failed", ManagerProtocol.ReadReport(client).Refusal);
        }
    }

    [Fact]
    public void AbsurdAnnouncedLength_IsRefusedBeforeAllocating()
    {
        var (manager, client) = UnixSocket.Pair();
        using (manager)
        using (client)
        {
            ManagerProtocol.SendAdmitAck(manager, new AdmissionReply(null, ulong.MaxValue / 2, 0, "{"));
            var e = Assert.Throws<MalformedRecordException>(() => ManagerProtocol.ReadReport(client));
            Assert.Contains("at most", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConnectionClosedMidReport_IsAnErrorNotAHang()
    {
        var (manager, client) = UnixSocket.Pair();
        using (client)
        {
            using (manager)
            {
                ManagerProtocol.SendAdmitAck(manager, new AdmissionReply(null, 3 * ManagerProtocol.MaxMessage, 0, new string('x', ManagerProtocol.MaxMessage)));
            }

            Assert.ThrowsAny<Exception>(() => ManagerProtocol.ReadReport(client));
        }
    }
}
