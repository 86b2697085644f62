using System.Runtime.Versioning;

// The transport only exists on Linux; so do its tests.
[assembly: SupportedOSPlatform("linux")]
