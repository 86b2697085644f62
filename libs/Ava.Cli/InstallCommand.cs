using System.CommandLine;
using System.Diagnostics;
using Ava.Transport.Control;
using Ava.Worker.RealLibraries;

namespace Ava.Cli;

/// <summary>
/// <c>ava install --system [--api NAME]...</c> and <c>ava uninstall</c>: our drop-ins in place of the system's
/// libraries, done as a Debian administrator does it. A vendor file the loader finds (<c>ldconfig</c>'s cache) is moved
/// aside with <c>dpkg-divert --local --rename</c>, so package upgrades write to the moved name and never over ours;
/// ours takes its name; the moved name is recorded as <c>real.&lt;api&gt;</c> in /etc/ava/ava.conf, which local
/// workers read (the loader would now find ours). A machine without the vendor library gets ours as its only one and
/// must name a manager. Every change is written to /var/lib/ava/install.state first, so uninstall undoes exactly
/// what install did, and nothing else.
/// </summary>
internal static class InstallCommand
{
    private const string StateFolder = "/var/lib/ava";
    private const string StatePath = StateFolder + "/install.state";
    private const string SavedConfig = StateFolder + "/ava.conf.before";
    private const string DivertSuffix = ".ava-real";

    // dpkg-divert keeps the diversion list it replaces as diversions-old: uninstall puts back the one from before the
    // install, so that no byte of dpkg's database differs once ava is gone.
    private const string DpkgBackup = "/var/lib/dpkg/diversions-old";
    private const string SavedDpkgBackup = StateFolder + "/diversions-old.before";

    private static string ConfigPath => SystemConfig.DefaultPath;

    public static Command Create(AvaHost host)
    {
        var system = new Option<bool>("--system") { Description = "replace the system libraries (required: the only kind of install)" };
        var apis = new Option<string[]>("--api") { HelpName = "NAME", Description = $"the API to install (repeatable; default: every one whose vendor library is here): {string.Join(", ", host.Names)}" };
        var manager = new Option<string>("--manager") { HelpName = "ADDR", Description = "the manager guests ask for workers (default: AVA_MANAGER_ADDR); required where a vendor library is missing" };
        var command = new Command("install", "put the drop-in libraries in place of the system's (dpkg-divert, ldconfig), recording where the real ones now live")
        {
            system,
            apis,
            manager,
        };
        command.WithEnvironment(
            ("AVA_MANAGER_ADDR", "the manager to record for guests, when --manager is not given"),
            ("AVA_TOKEN", "the manager's token to record for guests (written to /etc/ava/ava.conf, readable by every user)"));
        command.SetAction(result =>
        {
            if (!result.GetValue(system))
            {
                return AvaCommandLine.Fail(result, "only system installs exist: pass --system");
            }

            return Install(host, result.GetValue(apis) ?? [], result.GetValue(manager) ?? Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR"));
        });
        return command;
    }

    public static Command CreateUninstall()
    {
        var command = new Command("uninstall", "undo ava install --system exactly: our files removed, vendor files back under their names, ldconfig");
        command.SetAction(_ => Uninstall());
        return command;
    }

    /// <summary>One library put in place: where ours went, and the name the vendor's file was moved to (null: there was none).</summary>
    private sealed record Placed(string Api, string Target, string? Diverted);

    private static int Install(AvaHost host, string[] names, string? manager)
    {
        if (File.Exists(StatePath))
        {
            return Refuse($"already installed ({StatePath}): run ava uninstall first");
        }

        var lib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Environment.ProcessPath)!, "..", "lib"));
        var chosen = new List<(string Api, string SoName, string Ours, string? Vendor)>();
        foreach (var backend in host.Backends)
        {
            var api = backend.Descriptor;
            var named = names.Any(n => string.Equals(n, api.Name, StringComparison.OrdinalIgnoreCase));
            var ours = Path.Combine(lib, api.SoName);
            if ((names.Length > 0 && !named) || !File.Exists(ours))
            {
                if (named)
                {
                    return Refuse($"{api.Name}: our {api.SoName} is not in {lib}");
                }

                continue;
            }

            var vendor = LdSoCache.Lookup(api.SoName).FirstOrDefault(File.Exists) is { } found ? PackagePath(found) : null;
            if (names.Length == 0 && vendor is null)
            {
                continue;
            }

            chosen.Add((api.Name, api.SoName, ours, vendor));
        }

        foreach (var unknown in names.Where(n => host.Find(n) is null))
        {
            return Refuse($"no API named {unknown} (known: {string.Join(", ", host.Names)})");
        }

        if (chosen.Count == 0)
        {
            return Refuse("nothing to install: no vendor library of any API is here; name the APIs with --api and a manager with --manager");
        }

        // A machine whose only library would be ours works only through a manager: refuse to leave it without one.
        var orphans = chosen.Where(c => c.Vendor is null).Select(c => c.Api).ToList();
        if (orphans.Count > 0 && string.IsNullOrEmpty(manager) && SystemConfig.Load()["manager"] is null)
        {
            return Refuse($"{string.Join(", ", orphans)}: no vendor library here, so ours would be the only one and no worker could run on this machine; "
                + $"name the manager that serves it (--manager ADDR or AVA_MANAGER_ADDR, or manager= in {ConfigPath})");
        }

        var createdFolders = new[] { StateFolder, Path.GetDirectoryName(ConfigPath)! }.Where(f => !Directory.Exists(f)).Distinct().ToList();
        Directory.CreateDirectory(StateFolder);
        var hadConfig = File.Exists(ConfigPath);
        if (hadConfig)
        {
            File.Copy(ConfigPath, SavedConfig, overwrite: true);
        }

        var hadDpkgBackup = File.Exists(DpkgBackup);
        if (hadDpkgBackup)
        {
            File.Copy(DpkgBackup, SavedDpkgBackup, overwrite: true);
        }

        var state = new List<string> { "# written by ava install --system; read by ava uninstall", $"config-existed={(hadConfig ? 1 : 0)}", $"dpkg-backup-existed={(hadDpkgBackup ? 1 : 0)}" };
        state.AddRange(createdFolders.Select(f => $"created-folder={f}"));
        WriteState(state);
        var settings = new List<string>();
        foreach (var (api, soName, ours, vendor) in chosen)
        {
            string target;
            string? diverted = null;
            if (vendor is not null)
            {
                target = vendor;
                diverted = vendor + DivertSuffix;
                if (Run("dpkg-divert", "--local", "--rename", "--divert", diverted, "--add", target) is { } failure)
                {
                    return Refuse($"{api}: dpkg-divert failed ({failure}); nothing of {api} changed");
                }

                settings.Add($"real.{api.ToLowerInvariant()}={diverted}");
            }
            else
            {
                target = Path.Combine(RealLibraryResolver.SystemFolders[1], soName);
            }

            // Recorded before the copy: an install cut short here is still undone by uninstall.
            state.Add($"placed={api}\t{target}\t{diverted ?? ""}");
            WriteState(state);
            File.Copy(ours, target + ".ava-new", overwrite: true);
            SetReadable(target + ".ava-new");
            File.Move(target + ".ava-new", target, overwrite: true);
            Console.WriteLine(diverted is null
                ? $"{api}: {target} is ours, the only {soName} here (workers: the manager's)"
                : $"{api}: {target} is ours; the vendor's is diverted to {diverted}");
        }

        var config = new List<string> { "# written by ava install --system: guests and local workers read it when their environment says nothing" };
        if (hadConfig)
        {
            config.AddRange(File.ReadAllLines(ConfigPath).Where(l => !l.StartsWith("real.", StringComparison.Ordinal) && !l.StartsWith("worker=", StringComparison.Ordinal) && !l.StartsWith('#')));
        }

        if (!string.IsNullOrEmpty(manager))
        {
            config.RemoveAll(l => l.StartsWith("manager=", StringComparison.Ordinal));
            config.Add($"manager={manager}");
            if (Environment.GetEnvironmentVariable("AVA_TOKEN") is { Length: > 0 } token)
            {
                config.RemoveAll(l => l.StartsWith("token=", StringComparison.Ordinal));
                config.Add($"token={token}");
            }
        }

        // Ours now sit in the system folder, far from ../bin/ava: the guest finds the worker command here.
        config.Add($"worker={Environment.ProcessPath}");
        config.AddRange(settings);
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllLines(ConfigPath, config);
        SetReadable(ConfigPath);

        // The OpenCL ICD registration stays as it is: ours is now the loader every program links, and it is not an
        // ICD; the vendor ICDs under /etc/OpenCL/vendors are what the worker's real (diverted) loader reads.
        return Run("ldconfig") is { } ldconfig ? Refuse($"ldconfig failed: {ldconfig}") : 0;
    }

    private static int Uninstall()
    {
        if (!File.Exists(StatePath))
        {
            return Refuse($"nothing installed ({StatePath} is absent)");
        }

        var lines = File.ReadAllLines(StatePath);
        var failed = false;
        foreach (var line in lines.Where(l => l.StartsWith("placed=", StringComparison.Ordinal)).Reverse())
        {
            var fields = line["placed=".Length..].Split('\t');
            var (api, target, diverted) = (fields[0], fields[1], fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null);
            File.Delete(target);
            if (diverted is not null && Run("dpkg-divert", "--local", "--rename", "--divert", diverted, "--remove", target) is { } failure)
            {
                Console.Error.WriteLine($"ava uninstall: {api}: dpkg-divert --remove failed ({failure}); the vendor file is still at {diverted}");
                failed = true;
                continue;
            }

            Console.WriteLine(diverted is null ? $"{api}: {target} removed" : $"{api}: {target} is the vendor's again");
        }

        if (failed)
        {
            return 1;
        }

        if (lines.Contains("config-existed=1"))
        {
            File.Move(SavedConfig, ConfigPath, overwrite: true);
        }
        else
        {
            File.Delete(ConfigPath);
        }

        if (lines.Contains("dpkg-backup-existed=1") && File.Exists(SavedDpkgBackup))
        {
            File.Copy(SavedDpkgBackup, DpkgBackup, overwrite: true);
            File.Delete(SavedDpkgBackup);
        }
        else if (lines.Contains("dpkg-backup-existed=0"))
        {
            File.Delete(DpkgBackup);
        }

        File.Delete(StatePath);
        foreach (var folder in lines.Where(l => l.StartsWith("created-folder=", StringComparison.Ordinal)).Select(l => l["created-folder=".Length..]))
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        return Run("ldconfig") is { } ldconfig ? Refuse($"ldconfig failed: {ldconfig}") : 0;
    }

    /// <summary>
    /// The name dpkg knows a file by: its folder with every symbolic link resolved. On merged-/usr systems ldconfig
    /// lists /lib/x86_64-linux-gnu/..., a link to the /usr/lib/x86_64-linux-gnu/... that packages ship; a diversion of
    /// the alias would not stop an upgrade writing over ours.
    /// </summary>
    private static string PackagePath(string file)
    {
        var folder = "/";
        foreach (var part in Path.GetDirectoryName(Path.GetFullPath(file))!.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(folder, part);
            for (var hops = 0; hops < 40 && new DirectoryInfo(next).LinkTarget is { } target; hops++)
            {
                next = Path.GetFullPath(Path.Combine(folder, target));
            }

            folder = next;
        }

        return Path.Combine(folder, Path.GetFileName(file));
    }

    /// <summary>rw-r--r--, as the files of a library package are.</summary>
    private static void SetReadable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    private static void WriteState(List<string> state)
    {
        File.WriteAllLines(StatePath + ".new", state);
        File.Move(StatePath + ".new", StatePath, overwrite: true);
    }

    /// <summary>Runs a system tool; null on success, else what went wrong in one line.</summary>
    private static string? Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{tool} exited {process.ExitCode}: {error.Trim()} {output.Result.Trim()}".Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run {tool}: {e.Message}";
        }
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"ava install: {message}");
        return 1;
    }
}
