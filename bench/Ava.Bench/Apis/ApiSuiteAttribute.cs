namespace Ava.Bench.Apis;

/// <summary>
/// Marks a BenchmarkDotNet class of a per-API suite: each benchmark runs once per side (a <c>Channel</c> parameter
/// of <see cref="ApiSides.Native"/> or a remoted channel), and <see cref="ApiReport"/> turns every pair into one
/// history entry whose ratio is remoted / native. A CUDA suite is another class with this attribute.
/// </summary>
/// <param name="suite">The history suite, e.g. <c>opencl</c>.</param>
/// <param name="reference">What the ratio is relative to, as the dashboard shows it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ApiSuiteAttribute(string suite, string reference) : Attribute
{
    public string Suite { get; } = suite;

    public string Reference { get; } = reference;
}

/// <summary>The sides of a per-API pair.</summary>
internal static class ApiSides
{
    /// <summary>The vendor's library, called in process.</summary>
    public const string Native = "native";

    /// <summary>Our drop-in over the shared-memory rings to its private worker.</summary>
    public const string Shm = "shm";

    /// <summary>Loads the side's library with the guest's channel set for it.</summary>
    public static ApiLibrary Load(string side, string nativePath, string remotedPath)
    {
        if (side == Native)
        {
            return ApiLibrary.Load(nativePath);
        }

        // A channel left in the caller's environment would otherwise decide, under this side's name.
        ApiLibrary.SetNativeEnvironment("AVA_CHANNEL", side.ToUpperInvariant());
        ApiLibrary.SetNativeEnvironment("AVA_WORKER", Paths.Ava);
        return ApiLibrary.Load(remotedPath);
    }
}
