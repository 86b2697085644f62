// What the hand-written guest and worker parts of OpenCL share (both compile the spec folder).
namespace Ava.OpenCL;

/// <summary>Constants of the OpenCL spec used by both sides' hand-written parts.</summary>
public static partial class OpenCl
{
    private const uint ProgramNumDevices = 0x1162;
    private const uint ProgramBinarySizes = 0x1165;
    private const uint ProgramBinaries = 0x1166;

    /// <summary>
    /// Private clGetProgramInfo parameter between our guest and worker: <c>ProgramBinaryOfDevice | i</c> reads the
    /// binary of device i into param_value (CL_PROGRAM_BINARIES points into the caller's memory, which the worker
    /// cannot write; the guest fetches each binary this way). Real parameter names never have these high bits.
    /// </summary>
    private const uint ProgramBinaryOfDevice = 0xA7A00000;
}
