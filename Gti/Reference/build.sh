#!/bin/sh
# Builds the GTI SDK reference implementation (libGTILibrary.so, C++ as the header is), a model in its format, the
# probe program, and AvA's GTI benchmark (ava-benchmarks/gti/liteDemo/liteDemo.cpp, compiled unmodified from the
# read-only tree beside the checkout, as its GNUmakefile's targets do: g++ -DLINUX -std=c++11) against the vendor header.
# Usage: build.sh LIB_DIR TESTS_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=${1:-$repo/artifacts/lib/reference}
out=${2:-$repo/artifacts/tests/gti}
mkdir -p "$lib" "$out"

# The read-only inputs (vendor headers, AvA's benchmark programs) live in shared/ in the checkout or a folder above.
shared=
dir=$repo
while [ "$dir" != / ]; do
    if [ -d "$dir/shared/vendor/gti" ]; then shared=$dir/shared; break; fi
    dir=$(dirname "$dir")
done
if [ -z "$shared" ]; then
    echo "build.sh: no shared/vendor/gti beside the checkout: the GTI header is needed" >&2
    exit 1
fi
header=$shared/vendor/gti

# Only the header's functions are exported, unversioned, as the SDK's library has them (not the C++ helpers).
g++ -O2 -g -Wall -Wextra -fPIC -shared -I"$header" -Wl,--version-script,"$here/exports.lds" -Wl,-soname,libGTILibrary.so -o "$lib/libGTILibrary.so" "$here/gti_reference.cpp"
cc -O2 -Wall -Wextra -o "$out/make_model" "$here/make_model.c"
g++ -O2 -g -Wall -Wextra -std=c++11 -I"$header" -o "$out/gtiprobe" "$repo/tests/Gti/gtiprobe.cpp" "$lib/libGTILibrary.so"

bench=$shared/ava-benchmarks/gti/liteDemo
# The benchmark's input, bridge.bin, is a 224 x 224 BGR planar image (150528 bytes); the model averages it over 48
# chunks into the 1001 ImageNet classes the TensorFlow benchmark's labels file names.
labels=$shared/ava-benchmarks/tensorflow/tensorflow_c/image-recognition/data/imagenet_slim_labels.txt
"$out/make_model" "$out/reference.model" 150528 48 1001 "$labels"
if [ -f "$bench/liteDemo.cpp" ]; then
    # The program's own flags and warnings: it is compiled as its authors wrote it.
    g++ -DLINUX -g -w -std=c++11 -I"$header" -o "$out/liteDemo" "$bench/liteDemo.cpp" "$lib/libGTILibrary.so" -pthread -ldl
    cp "$bench/bridge.bin" "$out/"
else
    echo "build.sh: no ava-benchmarks/gti in $shared: liteDemo not built" >&2
fi
