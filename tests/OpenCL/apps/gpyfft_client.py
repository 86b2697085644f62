#!/usr/bin/env python3
"""clFFT through gpyfft and pyopencl: plans that generate, build and cache their own kernels, bake against a
queue, use temporary buffers and hand events back. 1D, 2D and 3D transforms, single and double precision,
forward and inverse, in place and out of place, batched, real-to-complex. Each result is checked against
numpy.fft; prints deterministic lines and PASS/FAIL."""
import sys

import numpy as np
import pyopencl as cl
import pyopencl.array as cla
from gpyfft.fft import FFT

failures = []


def signal(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    data = rng.standard_normal(shape) + (1j * rng.standard_normal(shape) if np.iscomplexobj(np.zeros(1, dtype)) else 0)
    return data.astype(dtype)


def check(name, got, want, precision):
    err = np.abs(got - want).max() / max(np.abs(want).max(), 1)
    ok = err < (1e-4 if precision == "single" else 1e-10)
    print(f"{name}: {'ok' if ok else 'WRONG'}")
    if not ok:
        failures.append(name)


def transform(ctx, queue, name, host, axes, precision, inplace=False):
    data = cla.to_device(queue, host)
    result = None if inplace else cla.empty_like(data)
    fft = FFT(ctx, queue, data, result, axes=axes)
    events = fft.enqueue(forward=True)
    cl.wait_for_events(list(events))
    print(f"{name} events: {len(events)} complete: {all(e.command_execution_status == cl.command_execution_status.COMPLETE for e in events)}")
    forward = (data if inplace else result).get()
    check(f"{name} forward", forward, np.fft.fftn(host, axes=axes), precision)
    back = FFT(ctx, queue, data if inplace else result, None if inplace else data, axes=axes)
    events = back.enqueue(forward=False)
    queue.finish()
    check(f"{name} inverse", data.get(), host, precision)


def main():
    platform = cl.get_platforms()[0]
    dev = platform.get_devices()[0]
    ctx = cl.Context([dev])
    queue = cl.CommandQueue(ctx)

    transform(ctx, queue, "1d c64 n=256", signal((256,), np.complex64, 1), None, "single")
    transform(ctx, queue, "1d c128 n=120", signal((120,), np.complex128, 2), None, "double")
    transform(ctx, queue, "1d c64 in place", signal((64,), np.complex64, 3), None, "single", inplace=True)
    transform(ctx, queue, "batched 1d c64 8x64", signal((8, 64), np.complex64, 4), (1,), "single")
    transform(ctx, queue, "2d c64 16x32", signal((16, 32), np.complex64, 6), (0, 1), "single")
    transform(ctx, queue, "2d c128 12x20", signal((12, 20), np.complex128, 7), (0, 1), "double")
    transform(ctx, queue, "batched 2d c64 3x8x16", signal((3, 8, 16), np.complex64, 8), (1, 2), "single")
    transform(ctx, queue, "3d c64 8x8x16", signal((8, 8, 16), np.complex64, 9), (0, 1, 2), "single")
    transform(ctx, queue, "3d c128 4x6x10", signal((4, 6, 10), np.complex128, 10), (0, 1, 2), "double")

    # Real to complex: the output holds the n/2+1 non-redundant coefficients.
    real = signal((4, 32), np.float32, 11)
    data = cla.to_device(queue, real)
    out = cla.empty(queue, (4, 17), np.complex64)
    fft = FFT(ctx, queue, data, out, axes=(1,))
    fft.enqueue()
    queue.finish()
    check("batched r2c f32 4x32", out.get(), np.fft.rfft(real, axis=1), "single")

    print("FAIL " + ", ".join(failures) if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
