#!/usr/bin/env bash
# Remote CUDA end to end on one GPU host: the manager and its workers run here and own the GPU; the "guest" runs in
# its own network namespace (reaching the manager over TCP through a veth pair) and its own mount namespace, in which
# the NVIDIA driver is absent (the folders of LD_LIBRARY_PATH, /usr/local/nvidia, every libcuda/libnvidia file the
# loader knows, the CUDA compat driver and /dev/nvidia* are hidden) and our libcuda.so.1 is installed as the system
# library by `ava install --system`. Then the CUDA proof programs (as tests/Cuda/gpu-proof.sh builds them) and a small
# deterministic PyTorch training loop run natively (here), through a local worker (shared-memory rings) and from
# the guest (TCP); outputs are compared, step times and copy bandwidth printed, beside a plain socket benchmark of
# the same veth pair.
#
#   sudo bash tests/Cuda/gpu-remote.sh        (from the repository root; needs root, nvcc, iproute2, unshare)
#
# Nothing outside the namespaces changes: the guest's /usr/lib, /etc and /var/lib are overlays on a tmpfs.
# Exit status: 0 when every remote output equals the native one. Transcripts in $AVA_REMOTE_DIR (default /tmp/ava-gpu-remote).
set -u
export PATH=/usr/local/cuda/bin:$PATH
root=$(cd "$(dirname "$0")/../.." && pwd)
ava="$root/artifacts/bin/ava"
dropin="$root/artifacts/lib/libcuda.so.1"
out=${AVA_REMOTE_DIR:-/tmp/ava-gpu-remote}
src="$root/tests/Cuda/gpu"
ns=avaguest
host_ip=10.77.0.1 guest_ip=10.77.0.2 port=7070
mkdir -p "$out"
die() { echo "gpu-remote: $*" >&2; exit 2; }
step() { echo "== $*"; }

# ---- What is needed --------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "needs root (network and mount namespaces)"
[ -x "$ava" ] && [ -f "$dropin" ] || die "artifacts/bin/ava and $dropin are needed (build them with publish.ps1 and carry artifacts/)"
for tool in nvcc unshare nsenter mount python3; do command -v $tool > /dev/null || die "$tool not found"; done
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | sed 's/^/gpu: /' || die "nvidia-smi fails: no GPU here"
python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null && torch=1 || { torch=0; echo "gpu-remote: PyTorch with CUDA not usable natively: its part is skipped"; }
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

# ---- Build the proof programs (the same commands as gpu-proof.sh) ---------------------------------------------
step "building the CUDA proof programs"
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d '.')
arch=${arch:-90}
: > "$out/build.log"
build() { echo "+ $*" >> "$out/build.log"; "$@" >> "$out/build.log" 2>&1 || echo "gpu-remote: build failed: $* (see $out/build.log)"; }
build nvcc -arch=sm_$arch -ptx -o "$out/kernels.ptx" "$src/kernels.cu"
build nvcc -arch=sm_$arch -cubin -o "$out/kernels.cubin" "$src/kernels.cu"
build nvcc -arch=sm_$arch -fatbin -o "$out/kernels.fatbin" "$src/kernels.cu"
for p in vector_add matmul streams threads modules; do build nvcc -I"$src" -o "$out/$p" "$src/$p.c" -lcuda -lpthread; done
build nvcc -arch=sm_$arch -o "$out/runtime_static" "$src/runtime_static.cu"
build nvcc -O2 -o "$out/copy_bandwidth" "$root/bench/copy/copy_bandwidth.c" -lcuda
declare -A args=([vector_add]="$out/kernels.fatbin" [matmul]="$out/kernels.cubin" [streams]="$out/kernels.ptx"
    [threads]="$out/kernels.cubin" [modules]="$out/kernels.ptx $out/kernels.cubin" [runtime_static]="")
programs="vector_add matmul streams threads modules runtime_static"

# ---- The training loop and the copy benchmark --------------------------------------------------------------
cat > "$out/train.py" <<'PY'
# Deterministic: fixed seeds, deterministic kernels, synthetic data; prints every loss with all its digits and a
# checksum of the weights, so native and remote transcripts agree exactly or not at all. Timing goes to stderr.
import os, sys, time
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
import torch
torch.manual_seed(0)
torch.use_deterministic_algorithms(True)
torch.backends.cudnn.benchmark = False
dev = torch.device("cuda")
x = torch.randn(4096, 256, generator=torch.Generator().manual_seed(1)).to(dev)
y = (x[:, :10].sum(dim=1, keepdim=True) > 0).float()
model = torch.nn.Sequential(torch.nn.Linear(256, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512), torch.nn.ReLU(), torch.nn.Linear(512, 1)).to(dev)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loss_fn = torch.nn.BCEWithLogitsLoss()
times = []
for i in range(30):
    torch.cuda.synchronize(); t = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    value = loss.item()
    times.append(time.perf_counter() - t)
    print(f"step {i:2d} loss {value:.9e}")
print("weights checksum", float(sum(p.double().sum().item() for p in model.parameters())))
steady = sorted(times[5:])
print(f"step time median {steady[len(steady) // 2] * 1e3:.3f} ms (30 steps, first 5 left out)", file=sys.stderr)
for name, host in (("random", torch.randint(0, 256, (256 << 20,), dtype=torch.uint8)), ("zeros", torch.zeros(256 << 20, dtype=torch.uint8))):
    best_up = best_down = best_into = 0.0
    kept = torch.empty_like(host); kept.fill_(1)
    for _ in range(3):
        torch.cuda.synchronize(); t = time.perf_counter(); d = host.to(dev); torch.cuda.synchronize()
        best_up = max(best_up, host.numel() / (time.perf_counter() - t))
        # .cpu() allocates its result: its pages fault in during the copy, natively as remoted.
        t = time.perf_counter(); back = d.cpu(); best_down = max(best_down, host.numel() / (time.perf_counter() - t))
        t = time.perf_counter(); kept.copy_(d); best_into = max(best_into, host.numel() / (time.perf_counter() - t))
    assert torch.equal(back, host) and torch.equal(kept, host), "copy came back different"
    print(f"copy 256 MiB {name}: host->device {best_up / 1e9:.2f} GB/s, device->host {best_down / 1e9:.2f} GB/s, "
          f"device->host into a kept tensor {best_into / 1e9:.2f} GB/s", file=sys.stderr)
PY
cat > "$out/sockbench.py" <<'PY'
# A plain TCP socket benchmark: the link's own bandwidth for 1 GiB of random bytes, 4 MiB sends, one stream.
import os, socket, sys, time
mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
total, chunk = 1 << 30, os.urandom(4 << 20)
if mode == "serve":
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((addr, port)); s.listen(1)
    c, _ = s.accept(); got = 0; buf = bytearray(4 << 20)
    while got < total:
        n = c.recv_into(buf)
        if n == 0: break
        got += n
    c.sendall(b"k"); c.close()
else:
    c = socket.create_connection((addr, port)); t = time.perf_counter(); sent = 0
    while sent < total: c.sendall(chunk); sent += len(chunk)
    c.recv(1); print(f"plain socket over the veth pair: {total / (time.perf_counter() - t) / 1e9:.2f} GB/s")
PY

# ---- Native and local (shared memory) ------------------------------------------------------------------------
run_all() { # $1: tag, rest: command prefix
    local tag=$1; shift
    for p in $programs; do
        [ -x "$out/$p" ] || continue
        # shellcheck disable=SC2086
        timeout 300 "$@" "$out/$p" ${args[$p]} > "$out/$p.$tag.txt" 2>&1; echo $? > "$out/$p.$tag.rc"
    done
    if [ $torch = 1 ]; then timeout 900 "$@" python3 "$out/train.py" > "$out/train.$tag.txt" 2> "$out/train.$tag.err"; echo $? > "$out/train.$tag.rc"; fi
    # 256 MiB of random bytes each way through cuMemcpyHtoD/DtoH (best of 5): its figures vary, so it is not compared.
    [ -x "$out/copy_bandwidth" ] && timeout 300 "$@" "$out/copy_bandwidth" 256 5 random > "$out/copy.$tag.txt" 2>&1
    [ -x "$out/copy_bandwidth" ] && timeout 300 "$@" "$out/copy_bandwidth" 256 5 random fresh > "$out/copy-fresh.$tag.txt" 2>&1
}
step "native run"
run_all native env
step "local worker over shared memory (LD_PRELOAD=$dropin)"
run_all shm env LD_PRELOAD="$dropin"

# ---- The network: a veth pair into the guest's namespace ------------------------------------------------------
# iproute2 where the host has it; otherwise the same rtnetlink requests from tests/Cuda/netlink.py. The namespace is
# bound at /run/netns/NAME either way, so nsenter reaches it.
nsfile=/run/netns/$ns
link() { if command -v ip > /dev/null; then case $1 in
        veth) ip link add "$2" type veth peer name "$3" && ip link set "$3" netns $ns ;;
        addr) ip addr add "$3" dev "$2" ;; up) ip link set "$2" up && ip link set lo up ;; del) ip link del "$2" ;; esac
    else python3 "$root/tests/Cuda/netlink.py" "$@"; fi; }
in_guest_net() { nsenter --net=$nsfile "$@"; }
cleanup() {
    [ -n "${manager_pid:-}" ] && kill "$manager_pid" 2> /dev/null
    link del ava-h 2> /dev/null
    umount $nsfile 2> /dev/null; rm -f $nsfile
}
trap cleanup EXIT
cleanup
step "veth pair $host_ip <-> $guest_ip (guest in netns $ns)"
mkdir -p /run/netns && touch $nsfile && unshare --net=$nsfile true || die "cannot create network namespace $ns"
link veth ava-h ava-g $nsfile || die "cannot create a veth pair"
link addr ava-h $host_ip/24 && link up ava-h || die "cannot configure ava-h"
in_guest_net bash -c "$(declare -f link); root=$root; link addr ava-g $guest_ip/24 && link up ava-g" || die "cannot configure ava-g"
python3 "$out/sockbench.py" serve $host_ip $((port + 1)) & sleep 1
in_guest_net python3 "$out/sockbench.py" send $host_ip $((port + 1)) | tee "$out/sockbench.txt"
wait

step "manager on $host_ip:$port"
AVA_TOKEN=$token AVA_LOG="$out/manager.log" "$ava" manager --listen $host_ip:$port > "$out/manager.out" 2>&1 &
manager_pid=$!
for _ in $(seq 50); do (exec 3<> /dev/tcp/$host_ip/$port) 2> /dev/null && break; sleep 0.2; done
kill -0 $manager_pid 2> /dev/null || die "the manager did not start: $(cat "$out/manager.out")"

# ---- The guest: driver hidden, our libcuda.so.1 as the system library ---------------------------------------
cat > "$out/guest.sh" <<'GUEST'
set -u
out=$1 ava=$2 manager=$3 token=$4 hide=$5
fail() { echo "guest: $*"; exit 3; }
work=$(mktemp -d /tmp/ava-guest.XXXXXX); mount -t tmpfs tmpfs "$work" || fail "no tmpfs"
for d in /usr/lib/x86_64-linux-gnu /etc /var/lib; do
    n=$(echo $d | tr / _); mkdir -p "$work/$n.u" "$work/$n.w"
    mount -t overlay overlay -o "lowerdir=$d,upperdir=$work/$n.u,workdir=$work/$n.w" $d || fail "cannot overlay $d"
done
for d in $hide; do [ -d "$d" ] && { mount -t tmpfs tmpfs "$d" || fail "cannot hide $d"; }; done
# Driver files in the system folders: removed from the overlay (whiteouts), not from the host.
for f in $(ldconfig -p | awk '/lib(cuda|nvidia)[-.a-z_]*\.so/ {print $NF}' | sort -u); do
    case $f in /usr/lib/x86_64-linux-gnu/*) rm -f "$f" ;; *) [ -e "$f" ] && mount --bind /dev/null "$f" ;; esac
done
# A /dev without nvidia nodes.
mkdir "$work/dev"; for n in null zero full random urandom tty; do cp -a /dev/$n "$work/dev/"; done
ln -s /proc/self/fd "$work/dev/fd"; mkdir "$work/dev/shm" "$work/dev/pts"; mount --bind "$work/dev" /dev; mount -t tmpfs tmpfs /dev/shm
unset LD_LIBRARY_PATH
ldconfig
ls /dev/nvidia* > /dev/null 2>&1 && fail "/dev/nvidia* still visible"
ldconfig -p | grep -q 'libcuda.so.1 ' && fail "a libcuda.so.1 is still known to the loader: $(ldconfig -p | grep libcuda.so.1)"
echo "guest: no NVIDIA driver here (no /dev/nvidia*, no libcuda in ld.so.cache, hidden: $hide)"
AVA_TOKEN=$token "$ava" install --system --api CUDA --manager "$manager" || fail "ava install --system failed"
ldconfig -p | grep 'libcuda.so.1 ' | sed 's/^/guest: loader: /'
sed 's/^token=.*/token=(set)/; s/^/guest: ava.conf: /' /etc/ava/ava.conf
GUEST
cat >> "$out/guest.sh" <<GUEST
$(declare -p args)
programs="$programs" torch=$torch
$(declare -f run_all)
for variable in \$(compgen -e | grep '^AVA_'); do unset "\$variable"; done
run_all tcp env
GUEST
hide="/usr/local/nvidia /usr/local/cuda/compat $(echo "${LD_LIBRARY_PATH:-}" | tr ':' ' ')"
step "guest run over TCP (hidden: $hide)"
in_guest_net unshare -m --propagation private bash "$out/guest.sh" "$out" "$ava" $host_ip:$port "$token" "$hide" 2>&1 | tee "$out/guest.txt"
[ "${PIPESTATUS[0]}" = 0 ] || echo "gpu-remote: the guest failed (see above and $out/manager.log)"

# ---- Results ---------------------------------------------------------------------------------------------------
failed=0
printf '\n%-16s %-8s %-8s %-8s %-10s %-10s %s\n' program native shm tcp shm tcp note
for p in $programs train; do
    [ -f "$out/$p.native.txt" ] || continue
    verdict() { if [ -f "$out/$p.$1.txt" ] && cmp -s "$out/$p.native.txt" "$out/$p.$1.txt" && cmp -s "$out/$p.native.rc" "$out/$p.$1.rc"; then echo SAME; else echo DIFF; fi; }
    s=$(verdict shm) t=$(verdict tcp)
    [ $s = SAME ] && [ $t = SAME ] || failed=1
    printf '%-16s %-8s %-8s %-8s %-10s %-10s %s\n' "$p" "rc=$(cat "$out/$p.native.rc")" "rc=$(cat "$out/$p.shm.rc" 2> /dev/null)" "rc=$(cat "$out/$p.tcp.rc" 2> /dev/null)" $s $t "$(tail -1 "$out/$p.native.txt")"
done
if [ $torch = 1 ]; then
    echo; echo "PyTorch training (30 steps), step times and copies of 256 MiB:"
    for tag in native shm tcp; do sed "s/^/  $tag: /" "$out/train.$tag.err" 2> /dev/null | grep -E 'step time|copy|Error|error' | tail -5; done
fi
echo; echo "cuMemcpyHtoD/DtoH of 256 MiB of random bytes (bench/copy/copy_bandwidth.c, best of 5):"
for tag in native shm tcp; do sed "s/^/  $tag: /" "$out/copy.$tag.txt" 2> /dev/null | tail -1; done
for tag in native shm tcp; do sed "s/^/  $tag: /" "$out/copy-fresh.$tag.txt" 2> /dev/null | tail -1; done
echo; cat "$out/sockbench.txt" 2> /dev/null
# Device-to-host over TCP as a share of the plain socket on the same veth pair (the goal: 90% or more).
plain=$(sed -n 's/^plain socket[^:]*: *\([0-9.]*\) GB\/s.*/\1/p' "$out/sockbench.txt" 2> /dev/null)
for source in "copy_bandwidth:$out/copy.tcp.txt" "copy_bandwidth into fresh memory:$out/copy-fresh.tcp.txt" "PyTorch:$out/train.tcp.err"; do
    file=${source#*:}
    line=$(grep -m1 'random.*: host->device' "$file" 2> /dev/null) || continue
    echo "$line" | awk -v plain="$plain" -v who="${source%%:*}" '{ for (i = 1; i <= NF; i++) { if ($i == "host->device") up = $(i + 1); if ($i == "device->host" && down == "") down = $(i + 1); if ($i == "tensor") kept = $(i + 1) } }
        END { if (plain > 0) { printf "over TCP, %s: host->device %.2f GB/s = %.0f%% of the plain socket, device->host %.2f GB/s = %.0f%% of the plain socket", who, up, 100 * up / plain, down, 100 * down / plain
              if (kept != "") printf ", into a kept tensor %.2f GB/s = %.0f%%", kept, 100 * kept / plain
              printf "\n" } }'
done
echo "transcripts: $out"
exit $failed
