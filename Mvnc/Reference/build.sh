#!/bin/sh
# Builds the NCSDK v2 reference implementation (libmvnc.so.0), a graph in its format, the probe program, and AvA's
# NCSDK benchmark (ava-benchmarks/ncsdk/demo_movidius.c, compiled unmodified from the read-only tree beside the
# checkout, as its Makefile's `movidius` target does) against the vendor header.
# Usage: build.sh LIB_DIR TESTS_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=${1:-$repo/artifacts/lib/reference}
out=${2:-$repo/artifacts/tests/mvnc}
mkdir -p "$lib" "$out"

# The read-only inputs (vendor headers, AvA's benchmark programs) live in shared/ in the checkout or a folder above.
shared=
dir=$repo
while [ "$dir" != / ]; do
    if [ -d "$dir/shared/vendor/mvnc" ]; then shared=$dir/shared; break; fi
    dir=$(dirname "$dir")
done
if [ -z "$shared" ]; then
    echo "build.sh: no shared/vendor/mvnc beside the checkout: the NCSDK header is needed" >&2
    exit 1
fi
header=$shared/vendor/mvnc

cc -O2 -g -Wall -Wextra -fPIC -shared -I"$header" -Wl,-soname,libmvnc.so.0 -o "$lib/libmvnc.so.0" "$here/mvnc_reference.c" -lm -lpthread
cc -O2 -Wall -Wextra -o "$out/make_graph" "$here/make_graph.c"
# The benchmark's image is 299 x 299 RGB and its labels file has 1001 classes (ImageNet and a background class).
"$out/make_graph" "$out/reference.graph" 299 299 3 4 1001
cc -O2 -g -Wall -Wextra -I"$header" -o "$out/ncprobe" "$repo/tests/Mvnc/ncprobe.c" "$lib/libmvnc.so.0"

bench=$shared/ava-benchmarks/ncsdk
if [ -f "$bench/demo_movidius.c" ]; then
    # The program's own flags (none) and warnings: it is compiled as its authors wrote it.
    cc -w -I"$header" -o "$out/demo_movidius" "$bench/demo_movidius.c" "$bench/nanojpeg.c" "$lib/libmvnc.so.0"
    cp "$bench/data/grace_hopper.jpg" "$bench/data/imagenet_slim_labels.txt" "$out/"
else
    echo "build.sh: no ava-benchmarks/ncsdk in $shared: demo_movidius not built" >&2
fi
