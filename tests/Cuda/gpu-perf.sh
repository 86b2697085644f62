#!/usr/bin/env bash
# CUDA performance through our libcuda.so.1 beside the native driver, in one run on the same GPU: synchronous
# null-call round trip, async cuLaunchKernel issue time, and 256 MiB pageable host<->device bandwidth.
#   bash tests/Cuda/gpu-perf.sh      (from the repository root, artifacts/ built by publish.ps1 carried along)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${AVA_PROOF_DIR:-/tmp/ava-gpu-perf}
mkdir -p "$out"
real=${AVA_REAL_CUDA:-$(ldconfig -p | awk '/libcuda\.so\.1 .*x86-64/ {print $NF}' | grep -v "$root" | head -1)}
export AVA_REAL_CUDA=$(readlink -f "$real")
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d '.')
nvcc -arch=sm_$arch -cubin -o "$out/kernels.cubin" "$root/tests/Cuda/gpu/kernels.cu"
nvcc -O2 -I"$root/tests/Cuda/gpu" -o "$out/perf" "$root/tests/Cuda/gpu/perf.c" -lcuda
for round in 1 2 3; do
    echo "native  $("$out/perf" "$out/kernels.cubin")"
    echo "remoted $(LD_PRELOAD="$root/artifacts/lib/libcuda.so.1" "$out/perf" "$out/kernels.cubin")"
done
