#!/usr/bin/env bash
# `ava profile` of PyTorch training steps through our libcuda.so.1: the per-function report of a run, and what one
# steady-state step costs, as the difference of two runs that differ only in their number of steps (so start-up,
# module loading and the first step's autotuning cancel out): calls, sync/async and guest time per step for each
# function, and the synchronous round trips per kernel launch of a step. Needs the NVIDIA driver and PyTorch; no .NET
# SDK (artifacts/ is built elsewhere by publish.ps1 and carried along).
#
#   bash tests/Cuda/gpu-profile.sh [cnn|transformer] [FEW MANY]     (from the repository root; default: transformer 5 25)
#   DROPINS=group bash tests/Cuda/gpu-profile.sh ...   with both drop-ins (libcuda.so.1 and libcudart.so.13), one worker
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/local/cuda/bin:$PATH
out=${AVA_PROOF_DIR:-/tmp/ava-gpu-profile}
model=${1:-transformer}
few=${2:-5}
many=${3:-25}
ava="$root/artifacts/bin/ava"
apis="--api cuda"
[ "${DROPINS:-driver}" = group ] && apis="--api cuda --api cudart"
mkdir -p "$out"
[ -x "$ava" ] && [ -f "$root/artifacts/lib/libcuda.so.1" ] || { echo "artifacts/bin/ava and artifacts/lib/libcuda.so.1 are needed (build them with publish.ps1)"; exit 2; }
python3 -c 'import torch; assert torch.cuda.is_available()' || { echo "PyTorch with CUDA is not usable here"; exit 2; }
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done

cat > "$out/steps.py" <<'PY'
# STEPS training steps of a small CNN or of a 4-layer bf16 transformer encoder with AdamW (tests/Cuda/frameworks).
import sys, torch
model_name, steps = sys.argv[1], int(sys.argv[2])
torch.manual_seed(0)
dev = 'cuda'
if model_name == 'cnn':
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                                torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                                torch.nn.Flatten(), torch.nn.Linear(64, 10)).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x = torch.randn(64, 3, 32, 32, device=dev)
    y = torch.randint(0, 10, (64,), device=dev)
    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()
else:
    layer = torch.nn.TransformerEncoderLayer(d_model=256, nhead=8, dim_feedforward=1024, batch_first=True, dropout=0.0)
    model = torch.nn.TransformerEncoder(layer, num_layers=4).to(dev)
    head = torch.nn.Linear(256, 1000).to(dev)
    opt = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()), lr=1e-3)
    x = torch.randn(16, 128, 256, device=dev)
    y = torch.randint(0, 1000, (16, 128), device=dev)
    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast('cuda', dtype=torch.bfloat16):
            loss = torch.nn.functional.cross_entropy(head(model(x)).reshape(-1, 1000), y.reshape(-1))
        loss.backward()
        opt.step()
        return loss.item()
for _ in range(steps):
    value = step()
torch.cuda.synchronize()
print(f"{model_name} {steps} steps: loss {value:.4f}")
PY

for steps in "$few" "$many"; do
    "$ava" profile $apis --json --output "$out/$model.$steps.json" -- python3 "$out/steps.py" "$model" "$steps"
done
"$ava" profile $apis --output "$out/$model.$many.txt" -- python3 "$out/steps.py" "$model" "$many"
echo "== ava profile, $model, $many steps (report: $out/$model.$many.txt)"
head -60 "$out/$model.$many.txt"
echo
echo "== one steady-state $model step: ($many steps - $few steps) / $((many - few))"
python3 - "$out/$model.$few.json" "$out/$model.$many.json" "$((many - few))" <<'PY'
import json, sys
few, many, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
def table(report):
    return {(f['api'], f['name']): f for f in report['functions']}
a, b = table(few), table(many)
rows = []
for key, f in b.items():
    g = a.get(key, {})
    d = lambda k: (f[k] - g.get(k, 0)) / n
    rows.append((d('guest_ns'), key[1], d('calls'), d('sync'), d('async'), d('kept')))
rows.sort(reverse=True)
print(f"{'function':<40} {'calls':>9} {'sync':>9} {'async':>9} {'kept':>9} {'guest us':>10}")
for ns, name, calls, sync, asyn, kept in rows[:40]:
    if calls:
        print(f"{name:<40} {calls:9.1f} {sync:9.1f} {asyn:9.1f} {kept:9.1f} {ns / 1e3:10.1f}")
sync = sum(r[3] for r in rows)
launches = (many['round_trips']['launches'] - few['round_trips']['launches']) / n
print(f"per step: {sum(r[2] for r in rows):.0f} calls, {sync:.0f} synchronous round trips, {launches:.0f} kernel launches, "
      f"{sync / launches if launches else float('nan'):.3f} synchronous round trips per launch, {sum(r[0] for r in rows) / 1e6:.3f} ms in the calls")
PY
