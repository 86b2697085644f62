#!/bin/sh
# Builds the CUDA driver API test double (libcudadouble.so) and the CI programs that run against it.
# Usage: build.sh OUT_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../artifacts/tests/cuda}
mkdir -p "$out"
cc -O1 -g -Wall -Wextra -Wno-unused-parameter -fPIC -shared -o "$out/libcudadouble.so" "$here/cudadouble.c" -lpthread -ldl
for program in "$here"/../Cuda/double/*.c; do
    name=$(basename "$program" .c)
    cc -O1 -g -Wall -Wextra -I"$here" -o "$out/$name" "$program" -L"$out" -lcudadouble -Wl,-rpath,'$ORIGIN' -lpthread
done
# The large-copy benchmark (bench/copy), also the tests' random and zero read-backs over TCP.
cc -O2 -Wall -Wextra -I"$here" -o "$out/copy_bandwidth" "$here/../../bench/copy/copy_bandwidth.c" -L"$out" -lcudadouble -Wl,-rpath,'$ORIGIN'
# Loads the driver only by dlopen, as the CUDA runtime does.
cc -O1 -g -Wall -Wextra -o "$out/dlopen_driver" "$here/dlopen_driver.c" -ldl
