// netstandard2.0 lacks this marker type, which the compiler needs for records and init accessors.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit;
