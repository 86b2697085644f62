#!/usr/bin/env bash
# GPU proof of the CUDA drop-in under real frameworks: PyTorch (CNN training, a bf16 transformer with the default
# scaled-dot-product attention and AdamW, CUDA graphs, torch.compile with Triton, IPC between two processes), CuPy
# over cuFFT/cuRAND/cuSOLVER/cuSPARSE/CUB, and JAX. Each workload (tests/Cuda/frameworks/*.py) prints deterministic
# results; it runs natively twice (a workload whose two native runs differ is reported NONDET, not compared) and once
# with LD_PRELOAD=artifacts/lib/libcuda.so.1 and no AVA_ variable, and the transcripts are compared exactly. Step
# times (stderr lines "... median N ms") are shown beside each other. Needs the NVIDIA driver and the frameworks;
# no .NET SDK (artifacts/ is built elsewhere and carried along).
#
#   bash tests/Cuda/gpu-frameworks.sh [WORKLOAD...]      (from the repository root; default: all)
#   DROPINS=group bash tests/Cuda/gpu-frameworks.sh ...   remoted with both drop-ins preloaded (libcuda.so.1 and
#                                                          libcudart.so.13: the API group, one worker for both)
#
# Exit status 0 when every workload that ran natively gave the same transcript remoted.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/Cuda/frameworks"
out=${AVA_PROOF_DIR:-/tmp/ava-gpu-frameworks}
dropin="$root/artifacts/lib/libcuda.so.1"
preload="$dropin"
[ "${DROPINS:-driver}" = group ] && preload="$dropin:$root/artifacts/lib/libcudart.so.13"
mkdir -p "$out"
[ -x "$root/artifacts/bin/ava" ] && [ -f "$dropin" ] || { echo "artifacts/bin/ava and $dropin are needed (build them with publish.ps1)"; exit 2; }
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
export PYTHONHASHSEED=0 CUBLAS_WORKSPACE_CONFIG=:4096:8

workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(torch_cnn torch_transformer torch_graphs torch_compile torch_ipc cupy_libs jax_probe)
failed=0
printf '%-18s %-7s %-12s %-12s %s\n' workload result native remoted "last line (remoted)"
printf '%-18s %-7s %-12s %-12s %s\n' ------------------ ------- ------------ ------------ -------------------
for w in "${workloads[@]}"; do
    module=${w%%_*}
    if ! python3 -c "import $module" 2>/dev/null; then printf '%-18s %s\n' "$w" "SKIP ($module not installed)"; continue; fi
    run() { timeout 900 python3 "$here/$w.py" > "$out/$w.$1.txt" 2> "$out/$w.$1.err"; echo $? > "$out/$w.$1.rc"; }
    run native
    run native2
    LD_PRELOAD="$preload" run remoted
    time_of() { grep -o 'median [0-9.]* ms' "$out/$w.$1.err" | head -1 | sed 's/median //'; }
    native_rc=$(cat "$out/$w.native.rc"); remoted_rc=$(cat "$out/$w.remoted.rc")
    if [ "$native_rc" != 0 ]; then result=NATIVE-FAIL
    elif ! cmp -s "$out/$w.native.txt" "$out/$w.native2.txt"; then result=NONDET
    elif [ "$remoted_rc" = 0 ] && cmp -s "$out/$w.native.txt" "$out/$w.remoted.txt"; then result=SAME
    else
        result=DIFF; failed=1
        AVA_LOG="$out/$w.ava.log" LD_PRELOAD="$preload" timeout 900 python3 "$here/$w.py" > /dev/null 2>&1
    fi
    printf '%-18s %-7s %-12s %-12s %s\n' "$w" "$result" "${native_rc}:$(time_of native)" "${remoted_rc}:$(time_of remoted)" \
        "$( (cat "$out/$w.remoted.txt"; grep -v '^ *$' "$out/$w.remoted.err" | tail -1) | tail -1 | cut -c1-100)"
done
echo
echo "transcripts: $out (native/native2/remoted .txt and .err; a workload that differed ran again with AVA_LOG: *.ava.log)"
exit $failed
