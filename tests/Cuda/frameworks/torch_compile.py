# torch.compile: Triton kernels generated, compiled, loaded (cuModuleLoadData) and launched through the driver.
import torch
torch.manual_seed(0)
def f(a, b):
    return torch.nn.functional.gelu(a @ b + 1.0).sum(dim=1)
g = torch.compile(f)
a = torch.randn(256, 256, device='cuda')
b = torch.randn(256, 256, device='cuda')
print(f"compiled: {g(a, b).sum().item():.3f}")
print(f"eager:    {f(a, b).sum().item():.3f}")
