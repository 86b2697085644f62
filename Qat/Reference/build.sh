#!/bin/sh
# Builds the QuickAssist reference implementation (libqat_s.so: cpaDc* over zlib; libusdm_drv_s.so: USDM memory)
# and AvA's QuickAssist benchmarks, QATzip-sync and QATzip-async (ava-benchmarks/quickassist), compiled unmodified
# from the read-only tree beside the checkout with the flags of their Makefiles, against the vendor headers.
# Usage: build.sh LIB_DIR TESTS_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=${1:-$repo/artifacts/lib/reference}
out=${2:-$repo/artifacts/tests/qat}
mkdir -p "$lib" "$out"

shared=
dir=$repo
while [ "$dir" != / ]; do
    if [ -d "$dir/shared/vendor/qat" ]; then shared=$dir/shared; break; fi
    dir=$(dirname "$dir")
done
if [ -z "$shared" ]; then
    echo "build.sh: no shared/vendor/qat beside the checkout: the QuickAssist headers are needed" >&2
    exit 1
fi
qat=$shared/vendor/qat

cc -O2 -g -Wall -Wextra -fPIC -shared -I"$qat" -I"$qat/dc" -Wl,-soname,libqat_s.so -o "$lib/libqat_s.so" "$here/qat_reference.c" -lz -lpthread
cc -O2 -g -Wall -Wextra -fPIC -shared -I"$here" -Wl,-soname,libusdm_drv_s.so -o "$lib/libusdm_drv_s.so" "$here/usdm_reference.c" -lpthread
cp "$here/run-with-usdm.sh" "$out/"

for variant in sync async; do
    src=$shared/ava-benchmarks/quickassist/QATzip-$variant
    if [ ! -f "$src/src/qatzip.c" ]; then
        echo "build.sh: no ava-benchmarks/quickassist/QATzip-$variant in $shared: not built" >&2
        continue
    fi
    obj=$out/$variant
    mkdir -p "$obj"
    # QATzip's own flags (configure) without -Werror, which newer compilers' extra warnings would turn into a build
    # failure of code we do not change; its include paths point at the vendor headers and the reference's qae_mem.h.
    flags="-Wall -std=gnu99 -pedantic -O2 -fstack-protector -fPIC -D_FORTIFY_SOURCE=2 -w -I$qat -I$qat/dc -I$here -I$src/include -I$src/src"
    for c in "$src"/src/*.c; do
        cc $flags -c "$c" -o "$obj/$(basename "$c" .c).o"
    done
    ar rcs "$obj/libqatzip.a" "$obj"/qatzip*.o
    cc $flags -c "$src/utils/qzip.c" -o "$obj/qzip.o"
    # As its Makefile links it: the static QATzip, then -lqat_s -lusdm_drv_s -lz -lpthread.
    cc -o "$obj/qzip" "$obj/qzip.o" "$obj/libqatzip.a" "$lib/libqat_s.so" "$lib/libusdm_drv_s.so" -lz -lpthread
done
