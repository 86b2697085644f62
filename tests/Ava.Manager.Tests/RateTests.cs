using System.Globalization;

namespace Ava.Manager.Tests;

/// <summary>The command rate of the policy file is shared fairly between tenants.</summary>
public class RateTests
{
    [Theory]
    [InlineData(1, 0, 2000)]
    [InlineData(2, 0, 1000)]
    [InlineData(4, 0, 500)]
    [InlineData(2, 600, 600)]
    [InlineData(1, 5000, 2000)]
    public void RateFor_SplitsTheSharedRateEvenly_CappedByTheTenantsOwn(int liveTenants, double own, double expected)
    {
        var policy = Policy.Parse("""{ "command_rate": 2000 }""");
        Assert.Equal(expected, policy.RateFor(new TenantLimits(own, 0), liveTenants));
    }

    [Fact]
    public void SharedCommandRate_TwoTenants_EachGetHalf_AloneOneGetsAll()
    {
        var policy = Path.GetTempFileName();
        File.WriteAllText(policy, """{ "command_rate": 2000, "tenants": { "default": { "command_rate": 0 } } }""");
        try
        {
            using var manager = new ManagerProcess(["--policy", policy]);
            var alone = Measure(manager, 1);
            var together = Measure(manager, 2);
            var note = $"alone {alone[0]:F0}/s; together {together[0]:F0}/s and {together[1]:F0}/s (shared rate 2000/s)";
            Console.WriteLine(note);
            // The limiter's promise is a ceiling: no tenant beyond its share, whatever the machine's load. How close a
            // tenant comes to its share depends on the CPU it gets, so below the ceiling only starvation is refused.
            Assert.InRange(alone[0], 250, 2300);
            Assert.InRange(together[0], 250, 1300);
            Assert.InRange(together[1], 250, 1300);
            Assert.True(together[0] + together[1] <= 2300, note);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    private static double[] Measure(ManagerProcess manager, int tenants)
    {
        var processes = Enumerable.Range(0, tenants).Select(_ => Repo.Start(NativePrograms.Rate, ["3"], Repo.GuestEnv(manager.Socket))).ToList();
        var rates = processes.Select(p =>
        {
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }).ToArray();
        foreach (var p in processes)
        {
            p.Dispose();
        }

        ManagerTests.WaitFor(() =>
        {
            using var status = ManagerTests.StatusJson(manager);
            return status.RootElement.GetProperty("tenants").GetArrayLength() == 0;
        });
        return rates;
    }
}
