# CuPy over the CUDA libraries: cuFFT, cuRAND, cuSOLVER/cuBLAS, cuSPARSE, sort (CUB/Thrust).
import cupy as cp, cupyx.scipy.sparse as sp
x = cp.arange(4096, dtype=cp.float32)
print(f"fft: {float(cp.abs(cp.fft.rfft(cp.sin(x / 7))).sum()):.3f}")
r = cp.random.RandomState(seed=1234)
u = r.uniform(size=100000, dtype=cp.float64)
print(f"random: mean {float(u.mean()):.6f}")
a = cp.asarray(cp.random.RandomState(5).standard_normal((64, 64)), dtype=cp.float64) + 64 * cp.eye(64)
b = cp.ones(64)
print(f"linalg solve: {float(cp.linalg.solve(a, b).sum()):.6f}, det sign {float(cp.sign(cp.linalg.det(a))):.0f}")
m = sp.random(1000, 1000, density=0.01, format='csr', random_state=3, dtype=cp.float64)
print(f"sparse: nnz {m.nnz}, spmv {float((m @ cp.ones(1000)).sum()):.6f}")
s = cp.sort(r.randint(0, 1 << 30, size=100000))
print(f"sort: sorted {bool((s[1:] >= s[:-1]).all())}, first {int(s[0])}")
