#!/usr/bin/env python3
"""pyopencl beyond the basics, on the first device: pyopencl.array arithmetic, reductions, scans, clrandom,
elementwise kernels, images with samplers, events with profiling, program binaries and pyopencl's binary cache,
and pyopencl.characterize. Prints deterministic values (results are checked against numpy) and PASS/FAIL."""
import os
import sys
import tempfile

import numpy as np
import pyopencl as cl
import pyopencl.array as cla
import pyopencl.characterize as characterize
import pyopencl.clrandom as clrandom
from pyopencl.elementwise import ElementwiseKernel
from pyopencl.reduction import ReductionKernel
from pyopencl.scan import GenericScanKernel, InclusiveScanKernel

failures = []


def check(name, ok, shown=""):
    print(f"{name}: {'ok' if ok else 'WRONG'} {shown}".rstrip())
    if not ok:
        failures.append(name)


def arrays(queue):
    n = 5000
    a_host = (np.arange(n, dtype=np.float32) % 97) / np.float32(7)
    b_host = (np.arange(n, dtype=np.float32) % 13) - np.float32(6)
    a = cla.to_device(queue, a_host)
    b = cla.to_device(queue, b_host)
    c = (2 * a - b) * a + 3
    check("array arithmetic", np.allclose(c.get(), (2 * a_host - b_host) * a_host + 3))
    check("array sum", np.isclose(cla.sum(a).get(), a_host.sum(dtype=np.float64), rtol=1e-5), f"{float(cla.sum(a).get()):.2f}")
    check("array dot", np.isclose(cla.dot(a, b).get(), np.dot(a_host.astype(np.float64), b_host), rtol=1e-4))
    check("array min/max", cla.min(b).get() == b_host.min() and cla.max(a).get() == a_host.max(), f"{float(cla.min(b).get())} {float(cla.max(a).get()):.4f}")
    ints = cla.arange(queue, 0, n, 1, dtype=np.int32)
    check("arange", (ints.get() == np.arange(n, dtype=np.int32)).all())
    check("int sum", int(cla.sum(ints).get()) == n * (n - 1) // 2, str(int(cla.sum(ints).get())))
    d = cla.zeros(queue, (40, 30), np.float64)
    d.fill(1.5)
    check("2d fill", d.get().sum() == 1.5 * 1200 and d.shape == (40, 30))
    sliced = a[100:200].copy()
    check("slice copy", (sliced.get() == a_host[100:200]).all())
    check("where/if_positive", np.allclose(cla.if_positive(b, a, -a).get(), np.where(b_host > 0, a_host, -a_host)))
    check("astype", (a.astype(np.int32).get() == a_host.astype(np.int32)).all())
    check("cumsum", (cla.cumsum(ints).get() == np.cumsum(np.arange(n, dtype=np.int32))).all())
    d.finish()


def kernels(ctx, queue):
    n = 3000
    lin = ElementwiseKernel(ctx, "float a, float *x, float b, float *y, float *z", "z[i] = a*x[i] + b*y[i]", "lin_comb")
    x = cla.to_device(queue, np.linspace(0, 1, n).astype(np.float32))
    y = cla.to_device(queue, np.linspace(1, 2, n).astype(np.float32))
    z = cla.empty_like(x)
    lin(np.float32(2), x, np.float32(-1), y, z)
    check("elementwise", np.allclose(z.get(), 2 * x.get() - y.get()))

    dot = ReductionKernel(ctx, np.float64, neutral="0", reduce_expr="a+b", map_expr="(double)x[i]*y[i]", arguments="__global const float *x, __global const float *y")
    check("reduction kernel", np.isclose(dot(x, y).get(), np.dot(x.get().astype(np.float64), y.get())), f"{float(dot(x, y).get()):.4f}")

    ints = cla.to_device(queue, (np.arange(n, dtype=np.int32) % 5))
    inc = InclusiveScanKernel(ctx, np.int32, "a+b", neutral="0")
    out = inc(ints.copy())
    check("inclusive scan", (out.get() == np.cumsum(ints.get())).all(), str(int(out.get()[-1])))

    # Stream compaction: the scan pyopencl builds its filters from.
    keep = GenericScanKernel(ctx, np.int32, arguments="__global int *ary, __global int *out",
                             input_expr="(ary[i] > 2) ? 1 : 0", scan_expr="a+b", neutral="0",
                             output_statement="if (prev_item != item) out[item-1] = ary[i];")
    packed = cla.empty_like(ints)
    keep(ints, packed)
    want = ints.get()[ints.get() > 2]
    check("generic scan compaction", (packed.get()[: len(want)] == want).all(), str(len(want)))


def random(ctx, queue):
    gen = clrandom.PhiloxGenerator(ctx, seed=1234)
    u = gen.uniform(queue, 20000, np.float32)
    host = u.get()
    check("philox uniform range", host.min() >= 0 and host.max() < 1)
    check("philox uniform mean", abs(host.mean() - 0.5) < 0.02)
    g = gen.normal(queue, 20000, np.float64, mu=3, sigma=2).get()
    check("philox normal moments", abs(g.mean() - 3) < 0.1 and abs(g.std() - 2) < 0.1)
    again = clrandom.PhiloxGenerator(ctx, seed=1234).uniform(queue, 20000, np.float32).get()
    check("philox reproducible", (again == host).all(), f"{float(host[:8].sum()):.6f}")
    r = clrandom.rand(queue, (100, 10), np.float32)
    check("clrandom.rand", r.shape == (100, 10) and 0 <= r.get().min() and r.get().max() < 1)


def images(ctx, queue, dev):
    if not dev.image_support:
        print("images: not supported")
        return
    h, w = 16, 24
    src = (np.arange(h * w, dtype=np.float32).reshape(h, w) / 10).astype(np.float32)
    fmt = cl.ImageFormat(cl.channel_order.R, cl.channel_type.FLOAT)
    mf = cl.mem_flags
    img = cl.Image(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, fmt, shape=(w, h), hostbuf=src)
    check("image shape", (img.width, img.height) == (w, h))
    out = cl.Buffer(ctx, mf.WRITE_ONLY, src.nbytes)
    prg = cl.Program(ctx, """
        __kernel void shift(read_only image2d_t img, sampler_t s, __global float *out) {
            int x = get_global_id(0), y = get_global_id(1);
            out[y * get_global_size(0) + x] = read_imagef(img, s, (int2)(x + 1, y - 1)).x;
        }
        __kernel void interp(read_only image2d_t img, sampler_t s, __global float *out) {
            int x = get_global_id(0), y = get_global_id(1);
            out[y * get_global_size(0) + x] = read_imagef(img, s, (float2)(x + 1.0f, y + 0.5f)).x;
        }""").build()
    clamp = cl.Sampler(ctx, False, cl.addressing_mode.CLAMP_TO_EDGE, cl.filter_mode.NEAREST)
    check("sampler info", clamp.addressing_mode == cl.addressing_mode.CLAMP_TO_EDGE and clamp.filter_mode == cl.filter_mode.NEAREST and not clamp.normalized_coords)
    prg.shift(queue, (w, h), None, img, clamp, out)
    res = np.empty_like(src)
    cl.enqueue_copy(queue, res, out)
    ys = np.clip(np.arange(h) - 1, 0, h - 1)
    xs = np.clip(np.arange(w) + 1, 0, w - 1)
    check("image sampler clamp", np.array_equal(res, src[ys][:, xs]))
    linear = cl.Sampler(ctx, False, cl.addressing_mode.CLAMP_TO_EDGE, cl.filter_mode.LINEAR)
    prg.interp(queue, (w, h), None, img, linear, out)
    cl.enqueue_copy(queue, res, out)
    check("image sampler linear", np.allclose(res[2:-2, 2:-2], ((src + np.roll(src, -1, axis=1)) / 2)[2:-2, 2:-2], atol=1e-2), f"{float(res[2:-2, 2:-2].sum()):.2f}")
    back = np.zeros_like(src)
    cl.enqueue_copy(queue, back, img, origin=(0, 0), region=(w, h))
    check("image read back", np.array_equal(back, src))
    formats = cl.get_supported_image_formats(ctx, mf.READ_ONLY, cl.mem_object_type.IMAGE2D)
    check("image formats", len(formats) > 0 and any(f.channel_order == cl.channel_order.RGBA for f in formats), str(len(formats)))


def events(ctx, dev):
    queue = cl.CommandQueue(ctx, dev, properties=cl.command_queue_properties.PROFILING_ENABLE)
    a = cla.to_device(queue, np.ones(100000, dtype=np.float32))
    b = a * 3
    evt = b.events[-1]
    evt.wait()
    check("event status", evt.command_execution_status == cl.command_execution_status.COMPLETE)
    check("event profiling", evt.profile.end >= evt.profile.start >= evt.profile.submit >= evt.profile.queued > 0)
    check("event type", evt.command_type == cl.command_type.NDRANGE_KERNEL)
    user = cl.UserEvent(ctx)
    host = np.zeros(100000, dtype=np.float32)
    read = cl.enqueue_copy(queue, host, b.data, wait_for=[user], is_blocking=False)
    check("waits on user event", read.command_execution_status != cl.command_execution_status.COMPLETE)
    user.set_status(cl.command_execution_status.COMPLETE)
    read.wait()
    check("read after user event", (host == 3).all())
    marker = cl.enqueue_marker(queue, wait_for=[read])
    marker.wait()
    check("marker", marker.command_execution_status == cl.command_execution_status.COMPLETE)
    barrier = cl.enqueue_barrier(queue)
    queue.finish()
    check("barrier", barrier.command_execution_status == cl.command_execution_status.COMPLETE)


def binaries(ctx, dev, queue):
    src = "__kernel void twice(__global int *a) { a[get_global_id(0)] *= 2; }"
    prg = cl.Program(ctx, src).build(options=["-DUNUSED=1"])
    bins = prg.get_info(cl.program_info.BINARIES)
    sizes = prg.get_info(cl.program_info.BINARY_SIZES)
    check("binary sizes", len(bins) == 1 and len(bins[0]) == sizes[0] and sizes[0] > 0)
    again = cl.Program(ctx, [dev], bins).build()
    check("binary program type", again.get_build_info(dev, cl.program_build_info.BINARY_TYPE) == cl.program_binary_type.EXECUTABLE)
    buf = cla.to_device(queue, np.arange(64, dtype=np.int32))
    again.twice(queue, (64,), None, buf.data)
    check("kernel from binary", (buf.get() == 2 * np.arange(64)).all())
    check("kernel names", again.get_info(cl.program_info.KERNEL_NAMES) == "twice")

    # pyopencl's own binary cache: the second build of the same source loads the binary it stored.
    with tempfile.TemporaryDirectory() as cache:
        first = cl.Program(ctx, src + "\n// cached").build(cache_dir=cache)
        stored = sum(len(files) for _, _, files in os.walk(cache))
        second = cl.Program(ctx, src + "\n// cached").build(cache_dir=cache)
        buf2 = cla.to_device(queue, np.arange(64, dtype=np.int32))
        second.twice(queue, (64,), None, buf2.data)
        check("cache populated", stored > 0)
        check("kernel from cache", (buf2.get() == 2 * np.arange(64)).all())
        del first


def characterization(ctx, dev):
    check("has_double_support", characterize.has_double_support(dev) in (True, False), str(characterize.has_double_support(dev)))
    try:
        print("local_memory_bank_count:", characterize.local_memory_bank_count(dev))
    except RuntimeError as error:
        print("local_memory_bank_count:", error)
    print("simd_group_size:", characterize.get_simd_group_size(dev, np.float32))
    print("nv_compute_capability:", characterize.nv_compute_capability(dev))
    print("reasonable_work_group_size_multiple:", characterize.reasonable_work_group_size_multiple(dev, ctx))
    print("pocl_version:", characterize.get_pocl_version(dev.platform) is not None)
    print("has_struct_arg_count_bug:", characterize.has_struct_arg_count_bug(dev, ctx))
    print("has_amd_double_support:", characterize.has_amd_double_support(dev))
    print("usable_local_mem_size:", characterize.usable_local_mem_size(dev) > 0)
    print("fast_inaccurate_build_options:", characterize.get_fast_inaccurate_build_options(dev))


def main():
    platform = cl.get_platforms()[0]
    dev = platform.get_devices()[0]
    ctx = cl.Context([dev])
    queue = cl.CommandQueue(ctx)
    print("device:", dev.name.split()[0], dev.type == cl.device_type.CPU)
    arrays(queue)
    kernels(ctx, queue)
    random(ctx, queue)
    images(ctx, queue, dev)
    events(ctx, dev)
    binaries(ctx, dev, queue)
    characterization(ctx, dev)
    print("FAIL " + ", ".join(failures) if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
