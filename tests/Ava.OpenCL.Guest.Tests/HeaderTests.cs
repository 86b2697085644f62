using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Ava.OpenCL.Guest.Tests;

/// <summary>
/// The spec's header facts against the real Khronos headers compiled by gcc: every generated CL_* constant's value and
/// C type, the layouts of the structs the spec declares, and that make-constants.sh rewrites its file unchanged.
/// gcc and the headers are build prerequisites (publish.ps1 -Install), so their absence fails these tests.
/// </summary>
public sealed class HeaderTests
{
    private static readonly string[] Headers = ["CL/cl.h", "CL/cl_ext.h", "CL/cl_gl.h", "CL/cl_egl.h"];

    private static readonly Dictionary<Type, string> CTypes = new()
    {
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
    };

    [Fact]
    public void Constants_HaveTheHeadersValuesAndTypes()
    {
        var constants = typeof(OpenCl).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.IsLiteral && f.Name.StartsWith("CL_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(constants);

        var program = new StringBuilder(Includes());
        program.AppendLine("#define TYPE(x) _Generic((x), int: \"int\", unsigned int: \"uint\", long: \"long\", unsigned long: \"ulong\", long long: \"long\", unsigned long long: \"ulong\")");
        program.AppendLine("int main(void) {");
        foreach (var f in constants)
        {
            program.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"{f.Name} %s %lld %llu\\n\", TYPE({f.Name}), (long long)({f.Name}), (unsigned long long)({f.Name}));");
        }

        program.AppendLine("    return 0;\n}");
        var expected = Run(program.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => (Type: p[1], Signed: p[2], Unsigned: p[3]));

        Assert.All(constants, f =>
        {
            var c = expected[f.Name];
            var value = f.GetRawConstantValue()!;
            Assert.Equal((f.Name, c.Type), (f.Name, CTypes[f.FieldType]));
            var text = value is ulong or uint ? Convert.ToUInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            Assert.Equal((f.Name, value is ulong or uint ? c.Unsigned : c.Signed), (f.Name, text));
        });
    }

    [Fact]
    public void Structs_HaveTheHeadersLayout()
    {
        (Type Type, string[] Fields)[] structs =
        [
            (typeof(cl_image_format), ["image_channel_order", "image_channel_data_type"]),
            (typeof(cl_image_desc), ["image_type", "image_width", "image_height", "image_depth", "image_array_size", "image_row_pitch", "image_slice_pitch", "num_mip_levels", "num_samples", "buffer"]),
        ];
        var program = new StringBuilder(Includes());
        program.AppendLine("#include <stddef.h>\nint main(void) {");
        var ours = new StringBuilder();
        foreach (var (type, fields) in structs)
        {
            program.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"{type.Name} %zu\\n\", sizeof({type.Name}));");
            ours.Append(CultureInfo.InvariantCulture, $"{type.Name} {Marshal.SizeOf(type)}\n");
            foreach (var field in fields)
            {
                program.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"{type.Name}.{field} %zu\\n\", offsetof({type.Name}, {field}));");
                ours.Append(CultureInfo.InvariantCulture, $"{type.Name}.{field} {Marshal.OffsetOf(type, field)}\n");
            }
        }

        program.AppendLine("    return 0;\n}");
        Assert.Equal(Run(program.ToString()), ours.ToString());
    }

    [Fact]
    public void MakeConstants_RewritesTheCheckedInFileUnchanged()
    {
        var spec = Path.Combine(Root(), "OpenCL", "Spec");
        var written = Path.Combine(Path.GetTempPath(), $"ava-constants-{Environment.ProcessId}.g.cs");
        try
        {
            var (status, output) = Exec("bash", [Path.Combine(spec, "make-constants.sh"), written]);
            Assert.True(status == 0, output);
            Assert.Equal(File.ReadAllText(Path.Combine(spec, "OpenCl.Constants.g.cs")), File.ReadAllText(written));
        }
        finally
        {
            File.Delete(written);
        }
    }

    private static string Includes() =>
        "#define CL_TARGET_OPENCL_VERSION 300\n#include <stdio.h>\n" + string.Concat(Headers.Select(h => $"#include <{h}>\n"));

    /// <summary>Compiles <paramref name="program"/> with gcc against the system headers, runs it and returns its output.</summary>
    private static string Run(string program)
    {
        var folder = Directory.CreateTempSubdirectory("ava-headers-");
        try
        {
            var source = Path.Combine(folder.FullName, "probe.c");
            var binary = Path.Combine(folder.FullName, "probe");
            File.WriteAllText(source, program);
            var (status, output) = Exec("gcc", ["-std=c11", "-Wall", "-Werror", "-o", binary, source]);
            Assert.True(status == 0, output);
            (status, output) = Exec(binary, []);
            Assert.True(status == 0, output);
            return output;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Status, string Output) Exec(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : output + error.Result);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Directory.Build.props above {AppContext.BaseDirectory}");
    }
}
