#!/bin/sh
# Builds the TensorFlow C reference implementation (libtensorflow.so.1, every symbol under VERS_1.0 as TensorFlow's
# version script exports them), a graph in its format, the probe programs, and AvA's TensorFlow C benchmarks (ava-benchmarks/tensorflow/
# tensorflow_c/image-recognition: hello_tf.c and demo.c with nanojpeg.c, as their Makefile's `hello` and `all` targets do;
# inference/inference_c.c with its graph and checkpoint generated in the reference's formats), compiled unmodified from
# the read-only tree beside the checkout against the vendor header of the 1.x line.
# Usage: build.sh LIB_DIR TESTS_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=${1:-$repo/artifacts/lib/reference}
out=${2:-$repo/artifacts/tests/tfc}
mkdir -p "$lib" "$out"

# The read-only inputs (vendor headers, AvA's benchmark programs) live in shared/ in the checkout or a folder above.
shared=
dir=$repo
while [ "$dir" != / ]; do
    if [ -d "$dir/shared/vendor/tensorflow-1.x" ]; then shared=$dir/shared; break; fi
    dir=$(dirname "$dir")
done
if [ -z "$shared" ]; then
    echo "build.sh: no shared/vendor/tensorflow-1.x beside the checkout: the TensorFlow C header is needed" >&2
    exit 1
fi
header=$shared/vendor/tensorflow-1.x

cc -O2 -g -Wall -Wextra -fPIC -shared -I"$header" -Wl,--version-script,"$here/version_script.lds" -Wl,-soname,libtensorflow.so.1 \
    -o "$lib/libtensorflow.so.1" "$here/tf_reference.c" -lm
cc -O2 -Wall -Wextra -o "$out/make_graph" "$here/make_graph.c"
# The demo's image is 299 x 299 RGB; 46 x 46 windows give 6 x 6 x 3 features for 1001 classes (ImageNet and a
# background class), under the output name the demo fetches.
"$out/make_graph" "$out/reference.pb" 299 299 46 1001 InceptionV3/Predictions/Reshape_1
cc -O2 -g -Wall -Wextra -I"$header" -o "$out/tfprobe" "$repo/tests/TfC/tfprobe.c" "$lib/libtensorflow.so.1"
cc -O2 -g -Wall -Wextra -I"$header" -o "$out/tfkilled" "$repo/tests/TfC/tfkilled.c" "$lib/libtensorflow.so.1"
# The inference benchmark reads ./files/exported: its graph and checkpoint in the reference's formats.
mkdir -p "$out/inference/files/exported"
cc -O2 -Wall -Wextra -o "$out/make_inference" "$here/make_inference.c"
"$out/make_inference" "$out/inference/files/exported"

bench=$shared/ava-benchmarks/tensorflow/tensorflow_c/image-recognition
if [ -f "$bench/demo.c" ]; then
    # The programs' own flags (none) and warnings: they are compiled as their authors wrote them.
    cc -w -I"$header" -o "$out/hello_tf" "$bench/hello_tf.c" "$lib/libtensorflow.so.1"
    cc -w -I"$header" -o "$out/demo.out" "$bench/demo.c" "$bench/nanojpeg.c" "$lib/libtensorflow.so.1" -lm
    cp "$bench/data/grace_hopper.jpg" "$bench/data/imagenet_slim_labels.txt" "$out/"
    # inference_c.c calls gettimeofday without <sys/time.h>: C of its day, compiled as such.
    cc -w -I"$header" -o "$out/inference/inference.out" "$shared/ava-benchmarks/tensorflow/tensorflow_c/inference/inference_c.c" "$lib/libtensorflow.so.1"
else
    echo "build.sh: no ava-benchmarks/tensorflow in $shared: hello_tf and demo.out not built" >&2
fi
