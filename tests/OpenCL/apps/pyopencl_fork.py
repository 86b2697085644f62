#!/usr/bin/env python3
"""pyopencl in forked children (multiprocessing's default on Linux): the parent builds and runs kernels first, so
pyopencl's caches (kernels keyed by context) hold the parent's objects when the children create contexts of their
own. Needs a fork-safe OpenCL implementation natively (Oclgrind is; PoCL's device threads do not survive fork).
Prints each child's result and PASS/FAIL."""
import multiprocessing
import sys

import numpy as np
import pyopencl as cl
import pyopencl.array as cla


def total(scale):
    ctx = cl.Context([cl.get_platforms()[0].get_devices()[0]])
    queue = cl.CommandQueue(ctx)
    data = cla.to_device(queue, np.arange(256, dtype=np.float32) * scale)
    return float(cla.sum(data).get())


def main():
    print("parent:", total(1))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        children = pool.map(total, [2, 3, 4])
    print("children:", children)
    print("parent again:", total(5))
    ok = children == [total(2), total(3), total(4)]
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
