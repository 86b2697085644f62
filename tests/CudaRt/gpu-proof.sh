#!/usr/bin/env bash
# GPU proof of the CUDA runtime drop-in: builds tests/CudaRt/gpu/*.cu with `nvcc -cudart shared`, runs each natively,
# with LD_PRELOAD=artifacts/lib/libcudart.so.13 (our runtime, the worker loads the real libcudart.so.13) and with
# LD_PRELOAD=artifacts/lib/libcuda.so.1 (the real runtime over our driver), and compares the transcripts. No AVA_
# variable is set: each worker finds its real library as the dynamic loader would for the program. Needs nvcc and an
# NVIDIA driver; no .NET SDK (artifacts/ is built elsewhere by publish.ps1 and carried along).
#
#   bash tests/CudaRt/gpu-proof.sh            (from the repository root)
#
# Output: a table (program, native, runtime drop-in, driver drop-in, result, seconds of each) and the transcripts under
# $AVA_PROOF_DIR (default /tmp/ava-cudart-proof). Exit status 0 when every program printed the same all three ways.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/tests/CudaRt/gpu"
out=${AVA_PROOF_DIR:-/tmp/ava-cudart-proof}
runtime="$root/artifacts/lib/libcudart.so.13"
driver="$root/artifacts/lib/libcuda.so.1"
mkdir -p "$out"
[ -x "$root/artifacts/bin/ava" ] && [ -f "$runtime" ] && [ -f "$driver" ] || { echo "artifacts/bin/ava, $runtime and $driver are needed (publish.ps1)"; exit 2; }
command -v nvcc >/dev/null || { echo "nvcc not found"; exit 2; }
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | sed 's/^/gpu: /'
nvcc --version | tail -1
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d '.')
arch=${arch:-90}

build_log="$out/build.log"
: > "$build_log"
programs=()
for source in "$src"/*.cu; do
    p=$(basename "$source" .cu)
    echo "+ nvcc -cudart shared -arch=sm_$arch -o $out/$p $source" >> "$build_log"
    nvcc -cudart shared -arch=sm_"$arch" -o "$out/$p" "$source" >> "$build_log" 2>&1 && programs+=("$p")
done
# The toolkit's runtime, when the loader does not find it by itself (no ld.so.conf entry for the toolkit).
if [ ${#programs[@]} -gt 0 ] && ldd "$out/${programs[0]}" | grep -q 'libcudart.so.13 => not found'; then
    export LD_LIBRARY_PATH="$(dirname "$(command -v nvcc)")/../lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
ldd "$out/${programs[0]:-none}" 2>/dev/null | grep -E 'libcudart|libcuda\.' | sed 's/^[[:space:]]*/loader: /'
"$root/artifacts/bin/ava" doctor 2>/dev/null | grep -E 'cudart|cuda:' | sed 's/^/doctor: /'

failed=0
printf '\n%-16s %-7s %-7s %-7s %-6s %s\n' program native cudart cuda result 'seconds (native / cudart / cuda)'
for p in "${programs[@]}"; do
    t0=$(date +%s.%N); timeout 300 "$out/$p" > "$out/$p.native.txt" 2>&1; native=$?
    t1=$(date +%s.%N); LD_PRELOAD="$runtime" timeout 300 "$out/$p" > "$out/$p.cudart.txt" 2>&1; viaRuntime=$?
    t2=$(date +%s.%N); LD_PRELOAD="$driver" timeout 300 "$out/$p" > "$out/$p.cuda.txt" 2>&1; viaDriver=$?
    t3=$(date +%s.%N)
    result=SAME
    if ! cmp -s "$out/$p.native.txt" "$out/$p.cudart.txt" || ! cmp -s "$out/$p.native.txt" "$out/$p.cuda.txt" || [ $native -ne 0 ]; then
        result=DIFF; failed=1
    fi
    printf '%-16s %-7s %-7s %-7s %-6s %s\n' "$p" $native $viaRuntime $viaDriver $result \
        "$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN { printf "%.2f / %.2f / %.2f", b - a, c - b, d - c }')"
done
for p in "${programs[@]}"; do
    if ! cmp -s "$out/$p.native.txt" "$out/$p.cudart.txt"; then echo "--- $p: native vs runtime drop-in"; diff "$out/$p.native.txt" "$out/$p.cudart.txt" | head -20; fi
    if ! cmp -s "$out/$p.native.txt" "$out/$p.cuda.txt"; then echo "--- $p: native vs driver drop-in"; diff "$out/$p.native.txt" "$out/$p.cuda.txt" | head -20; fi
done
[ ${#programs[@]} -gt 0 ] || { echo "nothing built: see $build_log"; cat "$build_log"; failed=1; }
exit $failed
