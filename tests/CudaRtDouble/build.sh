#!/bin/sh
# Builds the CUDA runtime test double (libcudartdouble.so) and the CI programs that run against it.
# Usage: build.sh OUT_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../artifacts/tests/cudart}
mkdir -p "$out"
cc -O1 -g -Wall -Wextra -Wno-unused-parameter -fPIC -shared -o "$out/libcudartdouble.so" "$here/cudartdouble.c" -lpthread
for program in "$here"/../CudaRt/double/*.c; do
    name=$(basename "$program" .c)
    cc -O1 -g -Wall -Wextra -I"$here" -o "$out/$name" "$program" -L"$out" -lcudartdouble -Wl,-rpath,'$ORIGIN' -lpthread
done
# The runtime double over the driver double (as the real runtime is over the real driver), and the programs that mix
# both APIs against it (tests/CudaRt/group).
driver="$out/../cuda"
if [ -f "$driver/libcudadouble.so" ]; then
    cc -O1 -g -Wall -Wextra -Wno-unused-parameter -fPIC -shared -I"$here/../CudaDouble" -o "$driver/libcudartgroup.so" "$here/cudart_over_driver.c" -L"$driver" -lcudadouble -lpthread -Wl,-rpath,'$ORIGIN'
    for program in "$here"/../CudaRt/group/*.c; do
        name=$(basename "$program" .c)
        cc -O1 -g -Wall -Wextra -I"$here/../CudaDouble" -o "$driver/$name" "$program" -L"$driver" -lcudartgroup -lcudadouble -Wl,-rpath,'$ORIGIN' -lpthread -ldl
    done
fi
