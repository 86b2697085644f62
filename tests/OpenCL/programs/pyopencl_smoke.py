#!/usr/bin/env python3
"""pyopencl smoke test: saxpy and a work-group reduction on the first device,
checked against numpy. Prints only deterministic values and PASS/FAIL."""
import sys

import numpy as np
import pyopencl as cl

SRC = r"""
__kernel void saxpy(const float a, __global const float *x, __global const float *y,
                    __global float *out, const uint n)
{
    size_t i = get_global_id(0);
    if (i < n) out[i] = a * x[i] + y[i];
}

__kernel void reduce(__global const int *in, __global int *partial, __local int *tmp)
{
    size_t lid = get_local_id(0), ls = get_local_size(0);
    tmp[lid] = in[get_global_id(0)];
    barrier(CLK_LOCAL_MEM_FENCE);
    for (size_t s = ls / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] += tmp[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) partial[get_group_id(0)] = tmp[0];
}
"""


def main():
    platforms = cl.get_platforms()
    print("platforms>0:", len(platforms) > 0)
    devices = platforms[0].get_devices()
    print("devices>0:", len(devices) > 0)
    dev = devices[0]
    print("device name:", dev.name)
    ctx = cl.Context([dev])
    queue = cl.CommandQueue(ctx)
    prg = cl.Program(ctx, SRC).build()
    print("kernels:", " ".join(sorted(k.function_name for k in prg.all_kernels())))

    ok = True
    mf = cl.mem_flags

    # saxpy
    n = 100000
    x = (np.arange(n, dtype=np.float32) % 1000) * np.float32(0.25)
    y = (np.arange(n, dtype=np.float32) % 777) * np.float32(-0.5)
    a = np.float32(2.5)
    xb = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    yb = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=y)
    ob = cl.Buffer(ctx, mf.WRITE_ONLY, x.nbytes)
    gsize = ((n + 255) // 256) * 256
    prg.saxpy(queue, (gsize,), (256,), a, xb, yb, ob, np.uint32(n))
    out = np.empty_like(x)
    cl.enqueue_copy(queue, out, ob)
    queue.finish()
    expect = a * x + y
    saxpy_ok = bool(np.allclose(out, expect, rtol=1e-6, atol=1e-4))
    print("saxpy n=%d sum=%.1f %s" % (n, float(expect.astype(np.float64).sum()), "PASS" if saxpy_ok else "FAIL"))
    ok &= saxpy_ok

    # reduction
    m = 1 << 16
    local = 128
    data = ((np.arange(m, dtype=np.int64) * 2654435761) % 4096 - 2048).astype(np.int32)
    db = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=data)
    groups = m // local
    pb = cl.Buffer(ctx, mf.WRITE_ONLY, groups * 4)
    prg.reduce(queue, (m,), (local,), db, pb, cl.LocalMemory(local * 4))
    partial = np.empty(groups, dtype=np.int32)
    cl.enqueue_copy(queue, partial, pb)
    queue.finish()
    total = int(partial.astype(np.int64).sum())
    expect_total = int(data.astype(np.int64).sum())
    parts_ok = bool(np.array_equal(partial, data.reshape(groups, local).sum(axis=1, dtype=np.int64).astype(np.int32)))
    red_ok = parts_ok and total == expect_total
    print("reduce n=%d groups=%d total=%d %s" % (m, groups, total, "PASS" if red_ok else "FAIL"))
    ok &= red_ok

    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
