namespace Ava.OpenCL.Tests;

/// <summary>
/// The tests that build the Rodinia programs into artifacts/rodinia and run them in their folders: one at a time, since
/// runs of one program write the same output files and the builds share one tree.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RodiniaBuild
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Rodinia programs";
}
