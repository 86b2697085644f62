#!/usr/bin/env bash
# Runs the export-table probe on a GPU machine: builds the proxy driver and the static-runtime test program, then
# records what the CUDA runtime asks of cuGetExportTable and which private slots it calls, and which entry points
# libraries look up with dlsym (cuBLAS, cuBLASLt), for the test program, a PyTorch smoke test (a matrix product, so
# cuBLAS is loaded), a CuPy smoke test and CuPy's library modules (tests/Cuda/frameworks/cupy_libs.py). Needs nvcc, gcc, binutils and an NVIDIA driver.
#
#   bash tests/Cuda/probe/run-probe.sh [out-dir]       (default /tmp/ava-exporttable-probe)
#
# Each run's record is <program>.<mode>.log (modes: pass = real tables, wrap = logging copies, trace = logging
# copies and every public entry point); program output is <program>.<mode>.txt; summary.txt has one line a run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-/tmp/ava-exporttable-probe}
mkdir -p "$out"
real=${PROBE_REAL_CUDA:-$(ldconfig -p | awk '/libcuda\.so\.1 .*x86-64/ {print $NF}' | head -1)}
real=$(readlink -f "$real")
[ -f "$real" ] || { echo "the system libcuda.so.1 was not found"; exit 2; }
export PROBE_REAL_CUDA="$real"
{
    echo "real driver: $real"
    nvidia-smi --query-gpu=name,driver_version,compute_cap --format=csv,noheader
    nvcc --version | tail -2
    python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)' 2>&1 | tail -1
    python3 -c 'import cupy; print("cupy", cupy.__version__, "runtime", cupy.cuda.runtime.runtimeGetVersion())' 2>&1 | tail -1
    echo "driver exports: $(nm -D --defined-only "$real" | wc -l)"
} > "$out/versions.txt" 2>&1

bash "$here/gen_forwarders.sh" "$real" > "$out/forwarders.c"
mkdir -p "$out/lib"
gcc -O1 -Wall -shared -fPIC -Wl,-soname,libcuda.so.1 -o "$out/lib/libcuda.so.1" "$here/exporttable_probe.c" "$out/forwarders.c" -ldl -lpthread > "$out/build.log" 2>&1 || { echo "probe build failed"; cat "$out/build.log"; exit 2; }
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d '.')
nvcc -arch=sm_${arch:-90} -o "$out/runtime_static" "$root/tests/Cuda/gpu/runtime_static.cu" >> "$out/build.log" 2>&1 || { echo "nvcc failed"; cat "$out/build.log"; exit 2; }

cat > "$out/torch_smoke.py" <<'PY'
import torch
x = torch.ones(64, 64, device='cuda')
print("torch matmul sum:", (x @ x).sum().item())
PY
cat > "$out/cupy_smoke.py" <<'PY'
import cupy as cp
a = cp.arange(10, dtype=cp.float32)
print("cupy sum:", float((a * 2).sum()))
PY

run() {  # run NAME MODE COMMAND...
    local name=$1 mode=$2; shift 2
    local log="$out/$name.$mode.log"
    rm -f "$log"
    case $mode in
        native) timeout 180 "$@" > "$out/$name.$mode.txt" 2>&1 ;;
        pass) PROBE_LOG="$log" PROBE_WRAP=0 LD_PRELOAD="$out/lib/libcuda.so.1" timeout 180 "$@" > "$out/$name.$mode.txt" 2>&1 ;;
        wrap) PROBE_LOG="$log" PROBE_WRAP=1 LD_PRELOAD="$out/lib/libcuda.so.1" timeout 180 "$@" > "$out/$name.$mode.txt" 2>&1 ;;
        trace) PROBE_LOG="$log" PROBE_WRAP=1 PROBE_TRACE_PUBLIC=1 LD_PRELOAD="$out/lib/libcuda.so.1" timeout 180 "$@" > "$out/$name.$mode.txt" 2>&1 ;;
    esac
    printf '%-16s %-7s rc=%-4s %s\n' "$name" "$mode" "$?" "$(tail -1 "$out/$name.$mode.txt")" | tee -a "$out/summary.txt"
}

for mode in native pass wrap trace; do run runtime_static $mode "$out/runtime_static"; done
for mode in native wrap trace; do run torch $mode python3 "$out/torch_smoke.py"; done
for mode in native wrap trace; do run cupy $mode python3 "$out/cupy_smoke.py"; done
# CuPy's library modules (cuFFT, cuRAND, cuSOLVER, cuSPARSE, CUB): the private tables those libraries ask for.
for mode in native wrap; do run cupy_libs $mode python3 "$root/tests/Cuda/frameworks/cupy_libs.py"; done
