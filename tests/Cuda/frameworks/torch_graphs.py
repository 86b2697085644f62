# CUDA graphs: a training step captured once (torch.cuda.graph) and replayed; the replayed losses are printed.
import torch
torch.manual_seed(0)
dev = 'cuda'
model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 1)).to(dev)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
x = torch.randn(32, 64, device=dev)
y = torch.randn(32, 1, device=dev)
s = torch.cuda.Stream()
s.wait_stream(torch.cuda.current_stream())
with torch.cuda.stream(s):
    for _ in range(3):
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()
torch.cuda.current_stream().wait_stream(s)
g = torch.cuda.CUDAGraph()
opt.zero_grad(set_to_none=True)
with torch.cuda.graph(g):
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
for i in range(5):
    g.replay()
    print(f"graph replay {i}: loss {loss.item():.6f}")
