// Spec of the Gyrfalcon GTI SDK as exported by libGTILibrary.so (declarations from GTILib.h of GTI SDK 4.4.0.3 (2803),
// the version AvA's spec targets; extern "C", unversioned symbols). Each declaration keeps the C name and parameter
// names; the /// comment gives the C signature. Design choices that shape the annotations:
// - Contexts, devices and models are the worker's wire ids; GtiGetContext and GtiGetDevice hand back the same id for
//   the same object, and the devices GtiDeviceCreate makes are the guest's until GtiDeviceRelease.
// - Strings the library returns and keeps (GtiGetSDKVersion, GtiGetDeviceName, GtiGetDevicePlatformName, and the result
//   GtiImageEvaluate gives per model) are [return: String]: the caller gets the guest's copy.
// - GtiEvaluate takes a GtiTensor of the application's (its buffer is the application's memory) and returns one the
//   library owns until the model's next evaluation, whose buffer holds size bytes: the guest carries the input's fields
//   and bytes (the wire function avaEvaluate), reads the output's fields and bytes (avaEvaluateOutput) into a tensor
//   of its own per model, and hands the application that one ([GuestOnly] GtiEvaluate).
// - A model takes the device memory of its model file from the tenant's quota (GtiCreateModelFromBuffer: the
//   buffer's size; GtiCreateModel: the size of the file the worker will read, see ModelFileBytes); beyond it the call
//   returns NULL, the library's only failure report, without reaching the device.
// - The three callback registrations (GtiEvaluateWithCallback, GtiRegisterDeviceEventCallBack,
//   GtiRemoveDeviceEventCallBack) take callbacks without user data, which AvA's spec leaves out too: they are exported
//   (a program that links them starts) and not remoted: GtiEvaluateWithCallback answers 0 without evaluating (the
//   library's own answer is always 1), the device-event registrations register nothing.
using Ava.Spec;

namespace Ava.Gti;

/// <summary><c>GtiContext *</c>: the library's context.</summary>
[HandleType(CName = "GtiContext *")]
public struct GtiContext
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>GtiDevice *</c>: a GTI chip.</summary>
[HandleType(CName = "GtiDevice *", NeverNull = true)]
public struct GtiDevice
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>GtiModel *</c>: a model loaded onto a chip.</summary>
[HandleType(CName = "GtiModel *")]
public struct GtiModel
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>class GtiTensor { int width, height, depth, stride; void *buffer; int size; TENSOR_FORMAT format; void *tag, *next, *callbackFn; };</c></summary>
public unsafe struct GtiTensor
{
    /// <summary>Width.</summary>
    public int width;

    /// <summary>Height.</summary>
    public int height;

    /// <summary>Depth (channels).</summary>
    public int depth;

    /// <summary>Stride.</summary>
    public int stride;

    /// <summary>The bytes.</summary>
    public void* buffer;

    /// <summary>Bytes at <see cref="buffer"/>.</summary>
    public int size;

    /// <summary><c>TENSOR_FORMAT</c>.</summary>
    public int format;

    /// <summary>The application's tag, copied from the input tensor to the output tensors.</summary>
    public void* tag;

    /// <summary>Reserved.</summary>
    public void* next;

    /// <summary>The library's own.</summary>
    public void* callbackFn;
}

/// <summary>The GTI SDK, version 4.4.0.3 (2803).</summary>
[Api("gti", 13, Version = "4.4.0.3-2803", SoName = "libGTILibrary.so", Header = "GTILib.h (GTI SDK 4.4.0.3, 2803)",
    RealLibrary = new[] { "{bin}/../lib/reference/libGTILibrary.so" })]
[TransportError(0)] // the library's failure answer for the functions that return a number
public static unsafe partial class Gti
{
    /// <summary>The fields of a tensor that travel as a header: width, height, depth, stride, size, format.</summary>
    internal const int TensorHeaderInts = 6;

    // ---- Models ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Device memory a model made from a file takes: the size of the file the library will read, when it is a regular
    /// file (the library loads no other kind); 0 for anything else, which the library refuses. Taken before the real
    /// call, so a file that grows in between is charged at its earlier size (the reference loads at most 64 MiB).
    /// </summary>
    internal static ulong ModelFileBytes(sbyte* modelFile)
    {
        var path = modelFile == null ? null : new string(modelFile);
        try
        {
            // FileInfo exists only for a file that is no folder.
            return !string.IsNullOrEmpty(path) && new FileInfo(path) is { Exists: true, Length: > 0 } file ? (ulong)file.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    /// <summary><c>GtiModel *GtiCreateModel(const char *modelFile);</c></summary>
    [Allocates]
    [AllocatesResource("device_memory", "ModelFileBytes(modelFile)")]
    public static partial GtiModel GtiCreateModel([String] sbyte* modelFile);

    /// <summary><c>GtiModel *GtiCreateModelFromBuffer(void *modelBuffer, int size);</c></summary>
    [Allocates]
    [AllocatesResource("device_memory", "size")]
    public static partial GtiModel GtiCreateModelFromBuffer([In, Buffer("size", ElementSize = 1)] void* modelBuffer, int size);

    /// <summary><c>int GtiDestroyModel(GtiModel *model);</c> The model's last output goes with it, in the worker and in the guest.</summary>
    [DeallocatesResource("device_memory")]
    [WorkerHook(After = "ForgetOutput")]
    [GuestHook(After = "ForgetOutput")]
    public static partial int GtiDestroyModel([Deallocates] GtiModel model);

    /// <summary><c>GtiTensor *GtiEvaluate(GtiModel *model, GtiTensor *input);</c></summary>
    [GuestOnly]
    public static partial GtiTensor* GtiEvaluate(GtiModel model, [In] GtiTensor* input);

    /// <summary><c>int GtiEvaluateWithCallback(GtiModel *model, GtiTensor *input, GtiEvaluateCallBack fn);</c></summary>
    [NotRemoted(0)]
    public static partial int GtiEvaluateWithCallback(GtiModel model, nint input, nint fn);

    /// <summary><c>const char *GtiImageEvaluate(GtiModel *model, const char *image, int height, int width, int depth);</c></summary>
    [return: String]
    public static partial sbyte* GtiImageEvaluate(GtiModel model, [In, Buffer("height * width * depth", ElementSize = 1)] sbyte* image, int height, int width, int depth);

    /// <summary><c>void GtiDecomposeModelFile(const char *modelFile);</c></summary>
    public static partial void GtiDecomposeModelFile([String] sbyte* modelFile);

    /// <summary><c>void GtiComposeModelFile(const char *jsonFile, const char *modelFile);</c></summary>
    public static partial void GtiComposeModelFile([String] sbyte* jsonFile, [String] sbyte* modelFile);

    /// <summary><c>const char *GtiGetSDKVersion();</c></summary>
    [return: String]
    public static partial sbyte* GtiGetSDKVersion();

    // ---- Context and devices -------------------------------------------------------------------------------------

    /// <summary><c>GtiContext *GtiGetContext();</c></summary>
    public static partial GtiContext GtiGetContext();

    /// <summary><c>void GtiRegisterDeviceEventCallBack(GtiContext *context, GtiDeviceNotificationCallBack fn);</c></summary>
    [NotRemoted]
    public static partial void GtiRegisterDeviceEventCallBack(GtiContext context, nint fn);

    /// <summary><c>void GtiRemoveDeviceEventCallBack(GtiContext *context, GtiDeviceNotificationCallBack fn);</c></summary>
    [NotRemoted]
    public static partial void GtiRemoveDeviceEventCallBack(GtiContext context, nint fn);

    /// <summary><c>GtiDevice *GtiGetDevice(GtiContext *context, const char *devicePlatformName);</c></summary>
    public static partial GtiDevice GtiGetDevice(GtiContext context, [String] sbyte* devicePlatformName);

    /// <summary><c>GtiDevice *GtiGetAvailableDevice(GtiContext *context, GTI_DEVICE_TYPE deviceType);</c></summary>
    public static partial GtiDevice GtiGetAvailableDevice(GtiContext context, int deviceType);

    /// <summary><c>int GtiDeviceRead(GtiDevice *device, unsigned char *buffer, unsigned int length);</c></summary>
    public static partial int GtiDeviceRead(GtiDevice device, [Out, Buffer("length")] byte* buffer, uint length);

    /// <summary><c>int GtiDeviceWrite(GtiDevice *device, unsigned char *buffer, unsigned int length);</c></summary>
    public static partial int GtiDeviceWrite(GtiDevice device, [In, Buffer("length")] byte* buffer, uint length);

    /// <summary><c>int GtiUnlockDevice(GtiDevice *device);</c></summary>
    public static partial int GtiUnlockDevice(GtiDevice device);

    /// <summary><c>int GtiResetDevice(GtiDevice *device);</c></summary>
    public static partial int GtiResetDevice(GtiDevice device);

    /// <summary><c>GTI_DEVICE_TYPE GtiGetDeviceType(GtiDevice *device);</c></summary>
    public static partial int GtiGetDeviceType(GtiDevice device);

    /// <summary><c>const char *GtiGetDeviceName(GtiDevice *device);</c></summary>
    [return: String]
    public static partial sbyte* GtiGetDeviceName(GtiDevice device);

    /// <summary><c>const char *GtiGetDevicePlatformName(GtiDevice *device);</c></summary>
    [return: String]
    public static partial sbyte* GtiGetDevicePlatformName(GtiDevice device);

    /// <summary><c>GTI_DEVICE_STATUS GtiCheckDeviceStatus(GtiDevice *device);</c></summary>
    public static partial int GtiCheckDeviceStatus(GtiDevice device);

    /// <summary><c>int GtiLoadModel(GtiDevice *device, const char *modelUrl, GTI_CHIP_MODE mode, int networkId);</c></summary>
    public static partial int GtiLoadModel(GtiDevice device, [String] sbyte* modelUrl, int mode, int networkId);

    /// <summary><c>int GtiChangeModelMode(GtiDevice *device, GTI_CHIP_MODE mode);</c></summary>
    public static partial int GtiChangeModelMode(GtiDevice device, int mode);

    /// <summary><c>int GtiChangeModelNetworkId(GtiDevice *device, int networkId);</c></summary>
    public static partial int GtiChangeModelNetworkId(GtiDevice device, int networkId);

    /// <summary><c>int GtiHandleOneFrame(GtiDevice *device, unsigned char *inputBuffer, unsigned int inputLen, unsigned char *outputBuffer, unsigned int outLen);</c></summary>
    public static partial int GtiHandleOneFrame(GtiDevice device, [In, Buffer("inputLen")] byte* inputBuffer, uint inputLen, [Out, Buffer("outLen")] byte* outputBuffer, uint outLen);

    /// <summary><c>int GtiHandleOneFrameFloat(GtiDevice *device, unsigned char *inputBuffer, unsigned int inputLen, float *outputBuffer, unsigned int outLen);</c></summary>
    public static partial int GtiHandleOneFrameFloat(GtiDevice device, [In, Buffer("inputLen")] byte* inputBuffer, uint inputLen, [Out, Buffer("outLen")] float* outputBuffer, uint outLen);

    /// <summary><c>unsigned int GtiGetOutputLength(GtiDevice *device);</c></summary>
    public static partial uint GtiGetOutputLength(GtiDevice device);

    // ---- The older device interface ------------------------------------------------------------------------------

    /// <summary><c>GtiDevice *GtiDeviceCreate(int DeviceType, char *FilterFileName, char *ConfigFileName);</c></summary>
    [Allocates]
    public static partial GtiDevice GtiDeviceCreate(int DeviceType, [String] sbyte* FilterFileName, [String] sbyte* ConfigFileName);

    /// <summary><c>void GtiDeviceRelease(GtiDevice *Device);</c></summary>
    public static partial void GtiDeviceRelease([Deallocates] GtiDevice Device);

    /// <summary><c>int GtiOpenDevice(GtiDevice *Device, char *DeviceName);</c></summary>
    public static partial int GtiOpenDevice(GtiDevice Device, [String] sbyte* DeviceName);

    /// <summary><c>void GtiCloseDevice(GtiDevice *Device);</c></summary>
    public static partial void GtiCloseDevice(GtiDevice Device);

    /// <summary><c>void GtiSelectNetwork(GtiDevice *Device, int NetworkId);</c></summary>
    public static partial void GtiSelectNetwork(GtiDevice Device, int NetworkId);

    /// <summary><c>int GtiInitialization(GtiDevice *Device);</c></summary>
    public static partial int GtiInitialization(GtiDevice Device);

    /// <summary><c>int GtiSendImage(GtiDevice *Device, unsigned char *Image224Buffer, unsigned int BufferLen);</c></summary>
    public static partial int GtiSendImage(GtiDevice Device, [In, Buffer("BufferLen")] byte* Image224Buffer, uint BufferLen);

    /// <summary><c>int GtiSendImageFloat(GtiDevice *Device, float *Image224Buffer, unsigned int BufferLen);</c></summary>
    public static partial int GtiSendImageFloat(GtiDevice Device, [In, Buffer("BufferLen")] float* Image224Buffer, uint BufferLen);

    /// <summary><c>int GtiSendTiledImage(GtiDevice *Device, unsigned char *Image224Buffer, unsigned int BufferLen);</c></summary>
    public static partial int GtiSendTiledImage(GtiDevice Device, [In, Buffer("BufferLen")] byte* Image224Buffer, uint BufferLen);

    /// <summary><c>int GtiGetOutputData(GtiDevice *Device, unsigned char *OutputBuffer, unsigned int BufferLen);</c></summary>
    public static partial int GtiGetOutputData(GtiDevice Device, [Out, Buffer("BufferLen")] byte* OutputBuffer, uint BufferLen);

    /// <summary><c>int GtiGetOutputDataFloat(GtiDevice *Device, float *OutputBuffer, unsigned int BufferLen);</c></summary>
    public static partial int GtiGetOutputDataFloat(GtiDevice Device, [Out, Buffer("BufferLen")] float* OutputBuffer, uint BufferLen);

    // ---- Wire functions (not exported by the library; the worker carries them out with it) -----------------------

    /// <summary>GtiEvaluate of a tensor with the input's fields (<paramref name="header"/>: width, height, depth, stride,
    /// size, format) and bytes; the output's fields come back in <paramref name="output"/>; 1 when there is an output.</summary>
    [Manual(Side.Guest)]
    public static partial int avaEvaluate(GtiModel model, [In, Buffer("6")] int* header, [In, Buffer("size", ElementSize = 1)] void* buffer, int size, [Out, Buffer("6")] int* output);

    /// <summary>The bytes of the model's last output tensor, as many as fit in <paramref name="length"/>; the count copied.</summary>
    [Manual(Side.Guest)]
    public static partial int avaEvaluateOutput(GtiModel model, [Out, Buffer("length", ElementSize = 1)] void* data, int length);
}
