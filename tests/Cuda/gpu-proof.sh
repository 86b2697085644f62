#!/usr/bin/env bash
# GPU proof of the CUDA drop-in: builds our CUDA programs with nvcc, runs each natively and with
# LD_PRELOAD=artifacts/lib/libcuda.so.1 and no AVA_ variable (the worker finds the real driver itself), compares the
# outputs, then tries PyTorch and CuPy and reports how far they get. Needs nvcc and an NVIDIA driver; no .NET SDK
# (artifacts/ is built elsewhere by publish.ps1 and carried along).
#
#   bash tests/Cuda/gpu-proof.sh            (from the repository root)
#
# Output: a per-program table (native rc, remoted rc, SAME/DIFF) and the transcripts under $AVA_PROOF_DIR
# (default /tmp/ava-gpu-proof). Exit status 0 when every program gave the same output both ways.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/tests/Cuda/gpu"
out=${AVA_PROOF_DIR:-/tmp/ava-gpu-proof}
dropin="$root/artifacts/lib/libcuda.so.1"
mkdir -p "$out"

[ -x "$root/artifacts/bin/ava" ] && [ -f "$dropin" ] || { echo "artifacts/bin/ava and $dropin are needed (build them with publish.ps1)"; exit 2; }
command -v nvcc >/dev/null || { echo "nvcc not found"; exit 2; }

# No AVA_ variable: the worker finds the real driver as the dynamic loader would for the program (LD_LIBRARY_PATH,
# ld.so.cache, default folders), which is what this proves. ava doctor says which one and why.
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
"$root/artifacts/bin/ava" doctor | grep -E '^[a-zA-Z ]+ +cuda: ' | sed 's/^/doctor: /'
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | sed 's/^/gpu: /'
nvcc --version | tail -1

# ---- Build --------------------------------------------------------------------------------------------------
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d '.')
arch=${arch:-80}
build_log="$out/build.log"
: > "$build_log"
build() { echo "+ $*" >> "$build_log"; "$@" >> "$build_log" 2>&1; }
build nvcc -arch=sm_$arch -ptx -o "$out/kernels.ptx" "$src/kernels.cu"
build nvcc -arch=sm_$arch -cubin -o "$out/kernels.cubin" "$src/kernels.cu"
build nvcc -arch=sm_$arch -fatbin -o "$out/kernels.fatbin" "$src/kernels.cu"
for p in vector_add matmul streams threads modules unified; do
    build nvcc -I"$src" -o "$out/$p" "$src/$p.c" -lcuda -lpthread
done
build nvcc -arch=sm_$arch -o "$out/runtime_static" "$src/runtime_static.cu"

# ---- Run each program both ways --------------------------------------------------------------------------
declare -A args=(
    [vector_add]="$out/kernels.fatbin"
    [matmul]="$out/kernels.cubin"
    [streams]="$out/kernels.ptx"
    [threads]="$out/kernels.cubin"
    [modules]="$out/kernels.ptx $out/kernels.cubin"
    [runtime_static]=""
    [unified]=""
)
failed=0
printf '\n%-16s %-10s %-10s %-10s %s\n' program native remoted result note
printf '%-16s %-10s %-10s %-10s %s\n' ---------------- ---------- ---------- ---------- ----
for p in vector_add matmul streams threads modules unified runtime_static; do
    if [ ! -x "$out/$p" ]; then
        printf '%-16s %-10s %-10s %-10s %s\n' "$p" - - BUILD "see $build_log"; failed=1; continue
    fi
    # shellcheck disable=SC2086
    timeout 300 "$out/$p" ${args[$p]} > "$out/$p.native.txt" 2>&1; native=$?
    # shellcheck disable=SC2086
    LD_PRELOAD="$dropin" timeout 300 "$out/$p" ${args[$p]} > "$out/$p.remoted.txt" 2>&1; remoted=$?
    if [ $native -eq $remoted ] && cmp -s "$out/$p.native.txt" "$out/$p.remoted.txt"; then result=SAME; note=$(tail -1 "$out/$p.native.txt");
    else
        result=DIFF; failed=1; note=$(tail -1 "$out/$p.remoted.txt")
        # shellcheck disable=SC2086
        AVA_LOG="$out/$p.ava.log" LD_PRELOAD="$dropin" timeout 300 "$out/$p" ${args[$p]} > /dev/null 2>&1
    fi
    printf '%-16s %-10s %-10s %-10s %s\n' "$p" "rc=$native" "rc=$remoted" "$result" "$note"
done

# ---- Frameworks: how far they get --------------------------------------------------------------------------
cat > "$out/torch_probe.py" <<'PY'
import sys
step = lambda s: (print(s), sys.stdout.flush())
import torch
step(f"torch {torch.__version__} cuda available: {torch.cuda.is_available()}")
step(f"device: {torch.cuda.get_device_name(0)}")
x = torch.ones(1024, 1024, device='cuda'); step("ones on device")
y = x @ x; step("matmul")
s = y.sum(); step("sum")
step(f"back to host: {s.item():.0f} (expect {1024.0 ** 3:.0f})")
PY
cat > "$out/cupy_probe.py" <<'PY'
import sys
step = lambda s: (print(s), sys.stdout.flush())
import cupy as cp
step(f"cupy {cp.__version__}, devices: {cp.cuda.runtime.getDeviceCount()}")
a = cp.arange(1 << 20, dtype=cp.float32); step("arange on device")
b = (a * 2 + 1).sum(); step("elementwise + reduction")
step(f"back to host: {float(b):.0f} (expect {float((2 * ((1 << 20) - 1) * (1 << 20)) / 2 + (1 << 20)):.0f})")
k = cp.RawKernel(r'extern "C" __global__ void inc(float *x) { x[threadIdx.x] += 1; }', 'inc')
z = cp.zeros(32, dtype=cp.float32); k((1,), (32,), (z,)); step(f"raw kernel: {float(z.sum()):.0f} (expect 32)")
PY
# Each step prints a line, so the transcripts agree exactly when every step gave the native result.
printf '\n%-16s %-10s %-40s %s\n' framework result native remoted
printf '%-16s %-10s %-40s %s\n' ---------------- ---------- ---------------------------------------- -------
for fw in torch cupy; do
    if ! python3 -c "import $fw" 2>/dev/null; then printf '%-16s %s\n' "$fw" "not installed"; continue; fi
    timeout 600 python3 "$out/${fw}_probe.py" > "$out/$fw.native.txt" 2>&1
    LD_PRELOAD="$dropin" timeout 600 python3 "$out/${fw}_probe.py" > "$out/$fw.remoted.txt" 2>&1
    if cmp -s "$out/$fw.native.txt" "$out/$fw.remoted.txt"; then result=SAME; else
        result=DIFF; failed=1
        AVA_LOG="$out/$fw.ava.log" LD_PRELOAD="$dropin" timeout 600 python3 "$out/${fw}_probe.py" > /dev/null 2>&1
    fi
    printf '%-16s %-10s %-40.40s %s\n' "$fw" "$result" "$(grep -v '^ ' "$out/$fw.native.txt" | tail -1)" "$(grep -v '^ ' "$out/$fw.remoted.txt" | tail -1)"
done
echo
echo "transcripts: $out (a program that differed was run again with AVA_LOG: *.ava.log)"
exit $failed
