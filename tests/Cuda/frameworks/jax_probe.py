# JAX with jax-cuda: a jitted matmul and reduction on the GPU.
import jax, jax.numpy as jnp
print(f"jax devices: {[d.platform for d in jax.devices()]}")
@jax.jit
def f(a):
    return jnp.tanh(a @ a.T).sum()
a = jnp.arange(256 * 256, dtype=jnp.float32).reshape(256, 256) / 65536.0
print(f"jit: {float(f(a)):.3f}")
