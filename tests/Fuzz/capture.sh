#!/usr/bin/env bash
# Records real traffic into the seed corpus (tests/Fuzz/corpus): runs the avatest program, a few OpenCL test programs, the CUDA
# runtime's and the seed APIs' probes through artifacts/bin/ava with AVA_CAPTURE_DIR set, over the ring (LOCAL) and the UNIX channel, and the CUDA double's
# programs, then keeps the first 32 KiB of each capture (the records that make objects come first) under its target's folder:
#   corpus/{avatest,opencl,cuda,cudart,mvnc,gti,qat,tensorflow,amorphos}/  a channel's requests (byte-stream format; also the ring target's seeds for avatest)
#   corpus/control/                the control frames (hello, open channel)
#   corpus/wire/                   sessions for the wire-level harness: NAME.control and NAME.channel
# Usage: tests/Fuzz/capture.sh   (after publish.ps1; rewrites those folders)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ava="$root/artifacts/bin/ava"
# The self-test API is served by the tests' worker host only.
test_ava="$root/artifacts/tests/bin/ava"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
limit=32768

record() {
    local name=$1 channel=$2
    shift 2
    mkdir -p "$work/$name"
    AVA_CAPTURE_DIR="$work/$name" AVA_CHANNEL="$channel" "$@" >/dev/null 2>&1 || echo "capture.sh: $name exited with $?" >&2
}

record avatest-ring LOCAL "$test_ava" run --api avatest -- "$root/artifacts/tests/avatest/prog"
record avatest-unix UNIX "$test_ava" run --api avatest -- "$root/artifacts/tests/avatest/prog"
for program in platform_device context_queue buffers kernel_args events errors hostile_args; do
    record "opencl-$program" LOCAL "$ava" run -- "$root/artifacts/tests/opencl/$program"
done
for program in device_query driver_api; do
    record "cuda-$program" LOCAL env AVA_REAL_CUDA="$root/artifacts/tests/cuda/libcudadouble.so" LD_PRELOAD="$root/artifacts/lib/libcuda.so.1" "$root/artifacts/tests/cuda/$program"
done

for program in runtime_api memory; do
    record "cudart-$program" LOCAL env AVA_REAL_CUDART="$root/artifacts/tests/cudart/libcudartdouble.so" LD_PRELOAD="$root/artifacts/lib/libcudart.so.13" "$root/artifacts/tests/cudart/$program"
done
# The seed APIs' probes and benchmarks, through ava run against their reference devices (from their folders, where
# their model files are).
(cd "$root/artifacts/tests/mvnc" && record mvnc-ncprobe LOCAL "$ava" run -- ./ncprobe reference.graph imagenet_slim_labels.txt)
(cd "$root/artifacts/tests/gti" && record gti-gtiprobe LOCAL "$ava" run -- ./gtiprobe reference.model bridge.bin)
(cd "$root/artifacts/tests/tfc" && record tensorflow-tfprobe LOCAL "$ava" run -- ./tfprobe reference.pb)
(cd "$root/artifacts/tests/tfc" && record tensorflow-demo LOCAL "$ava" run -- ./demo.out reference.pb imagenet_slim_labels.txt grace_hopper.jpg)
record amorphos-aosprobe LOCAL "$ava" run -- "$root/artifacts/tests/fpga/aosprobe"
# QATzip reads the USDM module's huge-page budget from sysfs; run-with-usdm.sh provides it (root, a mount namespace).
qat_in=$(mktemp -d)
head -c 300000 "$root/README.md" >"$qat_in/text"
(cd "$qat_in" && record qat-sync LOCAL env LD_LIBRARY_PATH="$root/artifacts/lib/reference" "$root/artifacts/tests/qat/run-with-usdm.sh" "$ava" run -- "$root/artifacts/tests/qat/sync/qzip" -k text)
rm -rf "$qat_in"

for target in avatest opencl cuda cudart mvnc gti qat tensorflow amorphos control ring fence stream admit tcp wire; do
    rm -rf "${here:?}/corpus/$target"
    mkdir -p "$here/corpus/$target"
done

keep() {
    local file=$1 target=$2 name=$3
    if [[ $(stat -c %s "$file") -le $limit ]]; then
        cp "$file" "$here/corpus/$target/$name"
    else
        # A long session still seeds well from its start: the first records are the ones that make objects.
        head -c $limit "$file" >"$here/corpus/$target/$name"
    fi
}

for run in "$work"/*; do
    name=$(basename "$run")
    for file in "$run"/*.channel; do
        [[ -e $file ]] || continue
        api=$(basename "$file" | cut -d- -f1)
        seed="$name-$(basename "$file" | cut -d- -f3)"
        keep "$file" "$api" "$seed"
        if [[ $seed == *-1.channel && $name =~ ^(avatest-unix|opencl-kernel_args|cuda-driver_api)$ ]]; then
            # Framing does not care which API: a few recordings serve the byte-stream target.
            keep "$file" stream "$seed"
        fi

        if [[ $seed == *-1.channel && $api == avatest ]]; then
            # As a TCP channel carries it: raw LZ4 frames (wire length = raw length) of up to 4 KiB.
            head -c $limit "$file" | python3 -c '
import struct, sys
data = sys.stdin.buffer.read()
for at in range(0, len(data), 4096):
    part = data[at:at + 4096]
    sys.stdout.buffer.write(struct.pack("<ii", len(part), len(part)) + part)
' >"$here/corpus/tcp/$seed"
        fi

        if [[ $api == avatest && $seed == *-1.channel ]]; then
            keep "$file" fence "$seed"
            # The ring target reads a data area: each record in a frame (End and Kind words), as the guest commits it.
            head -c $limit "$file" | python3 -c '
import struct, sys
data = sys.stdin.buffer.read()
out = bytearray()
at = 0
while at + 16 <= len(data):
    length = struct.unpack_from("<I", data, at)[0]
    padded = (length + 15) & ~15
    if length < 16 or at + padded > len(data):
        break
    out += struct.pack("<qq", len(out) + 16 + padded, 0) + data[at:at + padded]
    at += padded
sys.stdout.buffer.write(out)
' >"$here/corpus/ring/$seed"
        fi
    done

    for file in "$run"/*.control; do
        [[ -e $file ]] || continue
        keep "$file" control "$name"
        channel=$(ls "$run"/*.channel 2>/dev/null | head -1)
        if [[ -n $channel ]]; then
            # A session for the wire harness: its control frames and its first channel's requests.
            cp "$file" "$here/corpus/wire/$name.control"
            keep "$channel" wire "$name.channel"
        fi
    done
done

# Admission frames as a guest, a channel and `ava status` send them (ManagerProtocol.SendAdmit's layout).
python3 - "$here/corpus/admit" <<'PY'
import struct, sys
def inline(b):
    return struct.pack('<Q', len(b)) + b + b'\0' * ((-len(b)) % 8)
for kind, name in ((0, 'guest'), (1, 'channel'), (2, 'status')):
    body = struct.pack('<qqqQ', 1, kind, 4242, 0x1234567 if kind == 1 else 0) + inline(b'avatest') + inline(b'0123456789abcdef')
    frame = struct.pack('<IHHIi', 16 + len(body), 0, 0, 0, 16) + body
    open(f'{sys.argv[1]}/{name}', 'wb').write(frame)
PY

du -sh "$here/corpus"
find "$here/corpus" -type f | wc -l
