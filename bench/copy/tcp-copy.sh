#!/usr/bin/env bash
# Large copies over TCP against the link itself, in one run: 256 MiB of random bytes host->device and device->host
# (cuMemcpyHtoD/DtoH from pageable memory, bench/copy/copy_bandwidth.c; with --api opencl blocking
# clEnqueueWriteBuffer/ReadBuffer, bench/copy/cl_copy_bandwidth.c, on the system's OpenCL) natively, through a local worker (shared-memory
# rings) and through a manager over TCP, beside a plain socket on the same link (`ava linkbench`, as many bytes), round
# by round by turns, best of the rounds each, with the TCP figures as a share of the plain socket's. Where a CUDA driver is installed the workers own the GPU; elsewhere they
# load the CPU test double (tests/CudaDouble), whose "device" is host memory, so the figures are those of the channel.
#
#   bash bench/copy/tcp-copy.sh [--api cuda|opencl] [--netns] [--fresh] [--mib N] [--rounds R] [--device-gbps G]   (repository root, after publish.ps1)
#
# --netns: the guest runs in a network namespace of its own, reaching the manager through a veth pair (root; iproute2
# where the host has it, tests/Cuda/netlink.py's rtnetlink requests where not); otherwise over TCP loopback.
# --device-gbps G (test double only): each copy between host and "device" memory takes at least 1 s per G GB, as
# over a PCIe link (CUDADOUBLE_COPY_GBPS), so whether device reads overlap with the wire shows as with a GPU.
# --fresh: each device->host copy lands in newly allocated memory whose pages fault in during the copy, as an
# application's result does (PyTorch's .cpu()).
# Exit status: 0 when every copy came back byte-identical.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ava="$root/artifacts/bin/ava" dropin="$root/artifacts/lib/libcuda.so.1"
api=cuda netns=0 mib=256 rounds=5 gbps= fresh=
while [ $# -gt 0 ]; do case $1 in
    --api) api=$2; shift ;; --netns) netns=1 ;; --fresh) fresh=fresh ;; --mib) mib=$2; shift ;; --rounds) rounds=$2; shift ;; --device-gbps) gbps=$2; shift ;;
    *) echo "usage: $0 [--api cuda|opencl] [--netns] [--fresh] [--mib N] [--rounds R] [--device-gbps G]" >&2; exit 2 ;; esac; shift; done
die() { echo "tcp-copy: $*" >&2; exit 2; }
case $api in cuda) ;; opencl) dropin="$root/artifacts/lib/libOpenCL.so.1" ;; *) die "--api is cuda or opencl" ;; esac
[ -x "$ava" ] && [ -f "$dropin" ] || die "artifacts/bin/ava and $dropin are needed (dotnet pwsh ./publish.ps1)"
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
out=$(mktemp -d /tmp/ava-tcp-copy.XXXXXX)
export PATH=/usr/local/cuda/bin:$PATH

# ---- The program: against the vendor driver where there is one, else against the test double ------------------
if [ $api = opencl ]; then
    cc -O2 -o "$out/copy_bandwidth" "$root/bench/copy/cl_copy_bandwidth.c" -lOpenCL || die "cc failed (the OpenCL headers and ICD loader are needed)"
    device="$(clinfo --raw 2> /dev/null | sed -n 's/.*CL_DEVICE_NAME *//p' | head -1)"
    device="OpenCL ${device:-device}"
    worker_env=()
elif nvidia-smi > /dev/null 2>&1 && command -v nvcc > /dev/null; then
    nvcc -O2 -o "$out/copy_bandwidth" "$root/bench/copy/copy_bandwidth.c" -lcuda || die "nvcc failed"
    device="$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)"
    worker_env=()
else
    double="$root/artifacts/tests/cuda"
    [ -f "$double/libcudadouble.so" ] || die "$double/libcudadouble.so is needed (publish.ps1 builds it)"
    cc -O2 -I"$root/tests/CudaDouble" -o "$out/copy_bandwidth" "$root/bench/copy/copy_bandwidth.c" \
        -L"$double" -lcudadouble -Wl,-rpath,"$double" || die "cc failed"
    device="the CPU test double (no CUDA driver here)"
    worker_env=(AVA_REAL_CUDA="$double/libcudadouble.so")
    [ -n "$gbps" ] && { worker_env+=(CUDADOUBLE_COPY_GBPS="$gbps"); device="$device, copies at most $gbps GB/s"; }
fi
echo "device: $device; $mib MiB of random bytes${fresh:+, device->host into fresh memory}, best of $rounds rounds"

# ---- The link -------------------------------------------------------------------------------------------------
port=$((7500 + $$ % 400))
if [ $netns = 1 ]; then
    [ "$(id -u)" = 0 ] || die "--netns needs root"
    ns=avacopy$$ nsfile=/run/netns/avacopy$$ host_ip=10.78.$(($$ % 200)).1 guest_ip=10.78.$(($$ % 200)).2
    link() { if command -v ip > /dev/null; then case $1 in
            veth) ip link add "$2" type veth peer name "$3" && ip link set "$3" netns "$ns" ;;
            addr) ip addr add "$3" dev "$2" ;; up) ip link set "$2" up && ip link set lo up ;; del) ip link del "$2" ;; esac
        else python3 "$root/tests/Cuda/netlink.py" "$@"; fi; }
    guest() { nsenter --net="$nsfile" "$@"; }
    cleanup() { [ -n "${manager_pid:-}" ] && kill "$manager_pid" 2> /dev/null; link del avc-h$$ 2> /dev/null
        umount "$nsfile" 2> /dev/null; rm -f "$nsfile"; rm -rf "$out"; }
    trap cleanup EXIT
    mkdir -p /run/netns && touch "$nsfile" && unshare --net="$nsfile" true || die "cannot create a network namespace"
    link veth avc-h$$ avc-g$$ "$nsfile" || die "cannot create a veth pair"
    link addr avc-h$$ "$host_ip/24" && link up avc-h$$ || die "cannot configure the host end"
    guest bash -c "$(declare -f link); root=$root ns=$ns; link addr avc-g$$ $guest_ip/24 && link up avc-g$$" || die "cannot configure the guest end"
    where="a veth pair between two network namespaces"
else
    host_ip=127.0.0.1
    guest() { "$@"; }
    cleanup() { [ -n "${manager_pid:-}" ] && kill "$manager_pid" 2> /dev/null; rm -rf "$out"; }
    trap cleanup EXIT
    where="TCP loopback"
fi

# ---- Rounds: the plain socket, then the copies, by turns (best of each), so that both see the same machine ----------
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
env "${worker_env[@]}" AVA_TOKEN="$token" "$ava" manager --listen $host_ip:$port > "$out/manager.log" 2>&1 &
manager_pid=$!
for _ in $(seq 50); do (exec 3<> /dev/tcp/$host_ip/$port) 2> /dev/null && break; sleep 0.1; done
failed=0
copy() { # $1: name, rest: the command's prefix; one round
    local name=$1; shift
    if line=$("$@" "$out/copy_bandwidth" "$mib" 1 random $fresh); then :; else failed=1; fi
    echo "$name $line" >> "$out/copies.txt"
}
for round in $(seq "$rounds"); do
    "$ava" linkbench --listen $host_ip:$((port + 1)) > /dev/null 2>&1 &
    sleep 0.3
    guest "$ava" linkbench --connect $host_ip:$((port + 1)) --mib "$mib" --rounds 2 >> "$out/linkbench.txt" || die "linkbench failed"
    wait $!
    if [ ${#worker_env[@]} -eq 0 ]; then copy native env; fi
    copy shm env "${worker_env[@]}" LD_PRELOAD="$dropin"
    copy tcp guest env AVA_TOKEN="$token" AVA_MANAGER_ADDR=$host_ip:$port LD_PRELOAD="$dropin"
done
kill "$manager_pid" 2> /dev/null; wait "$manager_pid" 2> /dev/null; manager_pid=

plain=$(sed -n 's/^plain socket[^:]*: *\([0-9.]*\) GB\/s.*/\1/p' "$out/linkbench.txt" | sort -g | tail -1)
best() { awk -v what="$1" -v dir="$2" '$1 == what { for (i = 1; i <= NF; i++) if ($i == dir) print $(i + 1) }' "$out/copies.txt" | sort -g | tail -1; }
printf '%-14s %14s %14s\n' "" host-\>device device-\>host
for what in native shm tcp; do
    grep -q "^$what " "$out/copies.txt" || continue
    printf '%-14s %9s GB/s %9s GB/s\n' "$what" "$(best $what host-\>device)" "$(best $what device-\>host)"
done
grep -q DIFFERENT "$out/copies.txt" && echo "some copies came back DIFFERENT"
echo "plain socket over $where: $plain GB/s"
awk -v plain="$plain" -v up="$(best tcp host-\>device)" -v down="$(best tcp device-\>host)" 'BEGIN { if (plain > 0)
    printf "over TCP: host->device %.0f%% of the plain socket, device->host %.0f%% of the plain socket\n", 100 * up / plain, 100 * down / plain }'
exit $failed
