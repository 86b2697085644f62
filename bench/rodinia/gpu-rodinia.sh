#!/usr/bin/env bash
# The Rodinia CUDA programs natively and remoted (through artifacts/lib/libcuda.so.1) on a GPU machine.
#
#   bash bench/rodinia/gpu-rodinia.sh [--quick] [--rounds N] [--rodinia DIR] [--only NAME]... [--history FILE]
#
# Needs only what a GPU machine here has: bash, make, nvcc and the driver, plus the carried artifacts/bin/ava and
# artifacts/lib (no .NET SDK: `ava bench rodinia` is part of the NativeAOT command). Builds into
# artifacts/rodinia/cuda, prints the table and appends the ratios to bench/results/history.jsonl (or --history FILE).
# The Rodinia tree is shared/rodinia in or beside a folder above the checkout; elsewhere, name it with --rodinia DIR
# (only its common/ and cuda/ folders are read).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ava=$root/artifacts/bin/ava
[ -x "$ava" ] || { echo "gpu-rodinia.sh: $ava is missing: carry artifacts/bin and artifacts/lib from a machine with the .NET SDK (pwsh ./publish.ps1)" >&2; exit 2; }
[ -f "$root/artifacts/lib/libcuda.so.1" ] || { echo "gpu-rodinia.sh: artifacts/lib/libcuda.so.1 is missing" >&2; exit 2; }
if ! command -v nvcc > /dev/null; then
    for dir in /usr/local/cuda/bin /usr/local/cuda-*/bin; do
        [ -x "$dir/nvcc" ] && PATH=$dir:$PATH && break
    done
fi
command -v nvcc > /dev/null || { echo "gpu-rodinia.sh: nvcc not found (PATH or /usr/local/cuda/bin)" >&2; exit 2; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
exec "$ava" bench rodinia --api cuda "$@"
