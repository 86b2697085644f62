// Worker side of large host<->device copies ([WorkerHook(Chunked)] in Cuda/Spec/Cuda.cs). A copy too large for one
// record travels as chunks through the channel's ring; staging it whole in worker memory before the real call, or after
// it, would serialise three copies of every byte (the guest's into the ring, the worker's out of it, the DMA). Instead
// the ring itself is page-locked for the device, and each chunk goes straight between the ring and device memory while
// the guest writes the next chunks into the ring, or reads the previous ones out of it: the same pipeline the driver
// runs for pageable memory through its own pinned staging buffers.
using Ava.Transport;
using Ava.Worker;

namespace Ava.Cuda;

/// <summary>Chunked host-to-device and device-to-host copies.</summary>
public static unsafe partial class Cuda
{
    private const uint HostRegisterPortable = 0x01;
    private const int ErrorHostMemoryAlreadyRegistered = 712;

    /// <summary>
    /// Bytes of a device-to-host copy read through worker memory before any byte is sent: a copy the driver refuses
    /// outright (a sticky error, a wrong context) then leaves the guest's memory as it was, as it would natively.
    /// </summary>
    private const int DownloadProbeBytes = 64 * 1024;

    /// <summary>Which entry point a copy came in through; each chunk goes through the same one.</summary>
    private enum CopyVariant
    {
        /// <summary>Synchronous, legacy default stream (<c>cuMemcpyHtoD_v2</c>).</summary>
        Legacy,

        /// <summary>Synchronous, per-thread default stream (<c>_ptds</c>).</summary>
        PerThread,

        /// <summary>On a stream (<c>cuMemcpyHtoDAsync_v2</c>; stream 0 is the legacy default stream).</summary>
        Stream,

        /// <summary>On a stream, 0 meaning the per-thread default stream (<c>_ptsz</c>).</summary>
        PerThreadStream,
    }

    /// <summary>The entry point a copy came in through: on a stream or not, the per-thread default stream or not.</summary>
    private static CopyVariant VariantOf(bool onStream, bool perThread) =>
        onStream ? (perThread ? CopyVariant.PerThreadStream : CopyVariant.Stream) : (perThread ? CopyVariant.PerThread : CopyVariant.Legacy);

    /// <summary>
    /// A host-to-device copy whose source is streaming in. Each chunk is copied to its place while it lies in the ring,
    /// and its room goes back to the guest only once the copy of it is complete. A range the driver would refuse as a
    /// whole goes as one real call from staged memory instead, so the driver's own checks decide and nothing is
    /// written; a chunk that fails (the device faulted) ends the copying, and the rest of the stream is skipped.
    /// </summary>
    private static int Upload(WorkerCall call, CUdeviceptr destination, nuint bytes, CUstream stream, bool onStream, bool perThread)
    {
        var variant = VariantOf(onStream, perThread);
        if (!InOneAllocation(destination, bytes))
        {
            var staged = call.ReadInput();
            return variant switch
            {
                CopyVariant.Legacy => cuMemcpyHtoD_v2(destination, staged, bytes),
                CopyVariant.PerThread => cuMemcpyHtoD_v2_ptds(destination, staged, bytes),
                CopyVariant.Stream => cuMemcpyHtoDAsync_v2(destination, staged, bytes, stream),
                _ => cuMemcpyHtoDAsync_v2_ptsz(destination, staged, bytes, stream),
            };
        }

        PinChannel(call);
        var upload = new UploadChunks(variant, destination, stream);
        call.VisitInput(upload);
        return upload.Status;
    }

    /// <summary>
    /// A device-to-host copy the guest takes ahead of the reply. After a first small piece read through worker memory
    /// (see <see cref="DownloadProbeBytes"/>), each chunk is copied straight into its record in the reply ring and
    /// published, so the guest copies it out while the next one is on its way. A chunk that fails (the device faulted)
    /// ends the copying; the rest of the stream is sent as zeros and the call returns the chunk's error.
    /// </summary>
    private static int Download(WorkerCall call, CUdeviceptr source, nuint bytes, CUstream stream, bool onStream, bool perThread)
    {
        var variant = VariantOf(onStream, perThread);
        if (!InOneAllocation(source, bytes))
        {
            var staged = call.Allocate((long)bytes);
            var status = DownloadPiece(variant, staged, source, bytes, stream);
            call.SendOutput(status == 0 ? staged : null, (long)bytes);
            return status;
        }

        var probe = (int)Math.Min((long)bytes, DownloadProbeBytes);
        var head = call.Allocate(probe);
        var first = DownloadPiece(variant, head, source, (nuint)probe, stream);
        if (first != 0)
        {
            call.SendOutput(null, -1);
            return first;
        }

        PinChannel(call);
        var download = new DownloadChunks(variant, source, stream, head, probe);
        call.SendOutputChunks((long)bytes, download);
        return download.Status;
    }

    /// <summary>
    /// Whether [address, address + bytes) lies inside one device allocation. The driver checks a copy's range before it
    /// moves a byte; in pieces, the first pieces would be copied before a later one is refused. Within one allocation a
    /// piece can fail only with what fails the whole copy, or with a fault of the device.
    /// </summary>
    private static bool InOneAllocation(CUdeviceptr address, nuint bytes)
    {
        if (__real[FunctionIds.cuMemGetAddressRange_v2] == 0)
        {
            return false;
        }

        CUdeviceptr start;
        nuint size;
        if (cuMemGetAddressRange_v2(&start, &size, address) != 0)
        {
            return false;
        }

        var offset = (nuint)(address.Value - start.Value);
        return offset <= size && bytes <= size - offset;
    }

    /// <summary>One device-to-host piece, complete when this returns (the stream's earlier work first, for stream variants).</summary>
    private static int DownloadPiece(CopyVariant variant, void* destination, CUdeviceptr source, nuint bytes, CUstream stream) => variant switch
    {
        CopyVariant.Legacy => cuMemcpyDtoH_v2(destination, source, bytes),
        CopyVariant.PerThread => cuMemcpyDtoH_v2_ptds(destination, source, bytes),
        CopyVariant.Stream => Completed(cuMemcpyDtoHAsync_v2(destination, source, bytes, stream), variant, stream),
        _ => Completed(cuMemcpyDtoHAsync_v2_ptsz(destination, source, bytes, stream), variant, stream),
    };

    /// <summary>One host-to-device piece, complete when this returns: its source may be overwritten then.</summary>
    private static int UploadPiece(CopyVariant variant, CUdeviceptr destination, void* source, nuint bytes, CUstream stream) => variant switch
    {
        CopyVariant.Legacy => cuMemcpyHtoD_v2(destination, source, bytes),
        CopyVariant.PerThread => cuMemcpyHtoD_v2_ptds(destination, source, bytes),
        CopyVariant.Stream => Completed(cuMemcpyHtoDAsync_v2(destination, source, bytes, stream), variant, stream),
        _ => Completed(cuMemcpyHtoDAsync_v2_ptsz(destination, source, bytes, stream), variant, stream),
    };

    /// <summary>
    /// Waits for a piece queued on a stream: from page-locked memory the copy is truly asynchronous, and the ring room
    /// it uses is handed back right after. Stream 0 is the legacy default stream, or the per-thread one for _ptsz.
    /// </summary>
    private static int Completed(int status, CopyVariant variant, CUstream stream) =>
        status != 0 ? status : variant == CopyVariant.PerThreadStream ? cuStreamSynchronize_ptsz(stream) : cuStreamSynchronize(stream);

    /// <summary>Page-locks the channel's rings for the device, once per channel (again if the context changed).</summary>
    private static void PinChannel(WorkerCall call)
    {
        if (call.ChannelState is not PinnedChannel pinned)
        {
            pinned = new PinnedChannel(call.RequestMemory, call.ReplyMemory);
            call.ChannelState = pinned;
        }

        pinned.Ensure();
    }

    /// <summary>
    /// Both rings of one channel registered with the driver as page-locked host memory (portable: every context may DMA
    /// from and into it), for as long as the channel is open. Registration is an optimisation only: a ring the driver
    /// does not know as page-locked is copied like any pageable memory, correctly and more slowly.
    /// </summary>
    private sealed class PinnedChannel((nint Address, long Length) requests, (nint Address, long Length) replies) : IDisposable
    {
        private nint _checkedIn;
        private bool _requestsRegistered;
        private bool _repliesRegistered;

        /// <summary>
        /// Registers the rings unless that was done or found done while the current context was current. A registration
        /// lives with the context that made it: under another context the driver is asked again, and answers "already
        /// registered" while the first one lives.
        /// </summary>
        public void Ensure()
        {
            if (__real[FunctionIds.cuMemHostRegister_v2] == 0 || __real[FunctionIds.cuCtxGetCurrent] == 0)
            {
                return;
            }

            CUcontext current;
            if (cuCtxGetCurrent(&current) != 0 || current.Value == 0 || current.Value == _checkedIn)
            {
                return;
            }

            _checkedIn = current.Value;
            _requestsRegistered |= Register(requests);
            _repliesRegistered |= Register(replies);
        }

        /// <summary>Unregisters what this channel registered, before the rings are unmapped (errors: the context went first, and its registrations with it).</summary>
        public void Dispose()
        {
            if (__real[FunctionIds.cuMemHostUnregister] == 0)
            {
                return;
            }

            if (_requestsRegistered)
            {
                cuMemHostUnregister(requests.Address);
            }

            if (_repliesRegistered)
            {
                cuMemHostUnregister(replies.Address);
            }
        }

        private static bool Register((nint Address, long Length) region)
        {
            if (region.Length == 0)
            {
                return false;
            }

            var status = cuMemHostRegister_v2(region.Address, (nuint)region.Length, HostRegisterPortable);
            if (status != 0 && status != ErrorHostMemoryAlreadyRegistered)
            {
                WorkerLog.Write($"cuMemHostRegister of a {region.Length}-byte ring returned {status}: its copies go through pageable memory");
            }

            return status == 0;
        }
    }

    /// <summary>Copies each chunk of a streamed source to its place in device memory; after a failure, takes the rest without copying.</summary>
    private sealed class UploadChunks(CopyVariant variant, CUdeviceptr destination, CUstream stream) : IChunkVisitor
    {
        /// <summary>The first failure, or 0.</summary>
        public int Status { get; private set; }

        public void Visit(byte* data, int length, long offset)
        {
            if (Status == 0)
            {
                Status = UploadPiece(variant, new CUdeviceptr { Value = destination.Value + (nint)offset }, data, (nuint)length, stream);
            }
        }
    }

    /// <summary>Fills each chunk of the output stream from device memory (the first bytes from the probe); after a failure, with zeros.</summary>
    private sealed class DownloadChunks(CopyVariant variant, CUdeviceptr source, CUstream stream, byte* head, int headBytes) : IChunkVisitor
    {
        /// <summary>The first failure, or 0.</summary>
        public int Status { get; private set; }

        public void Visit(byte* data, int length, long offset)
        {
            var done = 0;
            if (offset < headBytes)
            {
                done = (int)Math.Min(length, headBytes - offset);
                Buffer.MemoryCopy(head + offset, data, length, done);
            }

            if (done < length && Status == 0)
            {
                Status = DownloadPiece(variant, data + done, new CUdeviceptr { Value = source.Value + (nint)(offset + done) }, (nuint)(length - done), stream);
                done = Status == 0 ? length : done;
            }

            new Span<byte>(data + done, length - done).Clear();
        }
    }
}
