# A 4-layer transformer encoder, bf16 autocast, AdamW, PyTorch's default scaled-dot-product attention (cuDNN or
# flash kernels, compiled and linked at run time): 20 deterministic steps.
import sys, time, torch
torch.manual_seed(0)
dev = 'cuda'
layer = torch.nn.TransformerEncoderLayer(d_model=256, nhead=8, dim_feedforward=1024, batch_first=True, dropout=0.0)
model = torch.nn.TransformerEncoder(layer, num_layers=4).to(dev)
head = torch.nn.Linear(256, 1000).to(dev)
opt = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()), lr=1e-3)
x = torch.randn(16, 128, 256, device=dev)
y = torch.randint(0, 1000, (16, 128), device=dev)
q = torch.randn(4, 8, 128, 64, device=dev, dtype=torch.bfloat16)
out = torch.nn.functional.scaled_dot_product_attention(q, q, q, is_causal=True)
print(f"sdpa bf16 checksum {out.float().abs().sum().item():.2f}")
times = []
for step in range(20):
    t = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    with torch.autocast('cuda', dtype=torch.bfloat16):
        loss = torch.nn.functional.cross_entropy(head(model(x)).reshape(-1, 1000), y.reshape(-1))
    loss.backward()
    opt.step()
    value = loss.item()
    times.append(time.perf_counter() - t)
    if step % 5 == 0 or step == 19:
        print(f"transformer step {step}: loss {value:.4f}")
times.sort()
print(f"transformer step median {1000 * times[len(times) // 2]:.3f} ms", file=sys.stderr)
