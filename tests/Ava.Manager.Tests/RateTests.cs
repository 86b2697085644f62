using System.Globalization;

namespace Ava.Manager.Tests;

/// <summary>The command rate of the policy file is shared fairly between tenants.</summary>
public class RateTests
{
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
            Assert.InRange(alone[0], 1500, 2300);
            Assert.InRange(together[0], 700, 1300);
            Assert.InRange(together[1], 700, 1300);
            Assert.InRange(together[0] / together[1], 0.75, 1.33);
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
