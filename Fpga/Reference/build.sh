#!/bin/sh
# Builds the AmorphOS client library's reference implementation (libava_aos_wrapper.so: a simulated accelerator with
# the Bitcoin miner of AvA's client) and AvA's AmorphOS benchmark client, ava_bitcoin_client.cpp
# (ava-benchmarks/amorphos/f1_host), compiled unmodified with its Makefile's flags against its own headers.
# Usage: build.sh LIB_DIR TESTS_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=${1:-$repo/artifacts/lib/reference}
out=${2:-$repo/artifacts/tests/fpga}
mkdir -p "$lib" "$out"
cc -O2 -g -Wall -Wextra -fPIC -shared -Wl,-soname,libava_aos_wrapper.so -o "$lib/libava_aos_wrapper.so" "$here/aos_reference.c"
cc -O2 -g -Wall -Wextra -o "$out/aosprobe" "$repo/tests/Fpga/aosprobe.c" "$lib/libava_aos_wrapper.so"

shared=
dir=$repo
while [ "$dir" != / ]; do
    if [ -d "$dir/shared/ava-benchmarks/amorphos" ]; then shared=$dir/shared; break; fi
    dir=$(dirname "$dir")
done
src=${shared:+$shared/ava-benchmarks/amorphos/f1_host}
if [ -z "$src" ] || [ ! -f "$src/ava_bitcoin_client.cpp" ]; then
    echo "build.sh: no ava-benchmarks/amorphos/f1_host beside the checkout: ava_bitcoin_client not built" >&2
    exit 0
fi
# The Makefile's ava_bitcoin_build: CLIENT_CFLAGS, then -lava_aos_wrapper (here the reference, by path).
g++ -std=c++11 -fpermissive -DCONFIG_LOGLEVEL=4 -g -w -I"$src" -o "$out/ava_bitcoin_client" "$src/ava_bitcoin_client.cpp" "$lib/libava_aos_wrapper.so" -lrt -lpthread
