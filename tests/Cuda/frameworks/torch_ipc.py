# CUDA IPC between two processes: a child receives a CUDA tensor through torch.multiprocessing (cuIpcGetMemHandle /
# cuIpcOpenMemHandle), doubles it in place, and the parent sees the result.
import torch, torch.multiprocessing as mp
def child(t, q):
    t.mul_(2)
    torch.cuda.synchronize()
    q.put(float(t.sum().item()))
if __name__ == '__main__':
    mp.set_start_method('spawn')
    t = torch.arange(1024, dtype=torch.float32, device='cuda')
    q = mp.Queue()
    p = mp.Process(target=child, args=(t, q))
    p.start()
    print(f"child saw {q.get():.0f}")
    p.join()
    print(f"parent sees {t.sum().item():.0f} (expect {2 * 1023 * 1024 / 2:.0f}), child exit {p.exitcode}")
