# A small CNN trained for 30 steps on fixed random data, deterministic: the losses must agree to every printed digit.
import sys, time, torch
torch.manual_seed(0)
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
torch.use_deterministic_algorithms(True, warn_only=True)
dev = 'cuda'
model = torch.nn.Sequential(
    torch.nn.Conv2d(3, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(4), torch.nn.Flatten(),
    torch.nn.Linear(32 * 16, 10)).to(dev)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
x = torch.randn(64, 3, 32, 32, device=dev)
y = torch.randint(0, 10, (64,), device=dev)
times = []
for step in range(30):
    t = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    value = loss.item()
    times.append(time.perf_counter() - t)
    if step % 5 == 0 or step == 29:
        print(f"cnn step {step}: loss {value:.6f}")
times.sort()
print(f"cnn step median {1000 * times[len(times) // 2]:.3f} ms", file=sys.stderr)
