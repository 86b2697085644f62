#!/bin/sh
# Build the C clients of real OpenCL libraries (tests/OpenCL/apps) into the directory given as $1.
# Usage: build.sh OUTDIR   (CC, CXX and EXTRA_CFLAGS may be overridden; needs libclblast-dev and libopencv-core-dev)
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
mkdir -p "$out"
echo "building clblast_client"
# shellcheck disable=SC2086
"$cc" -O2 -Wall -Werror -std=gnu11 ${EXTRA_CFLAGS:-} -o "$out/clblast_client" "$here/clblast_client.c" -lclblast -lOpenCL -lm
echo "building opencv_probe"
# shellcheck disable=SC2086
"${CXX:-g++}" -O2 -Wall -Werror ${EXTRA_CFLAGS:-} -I/usr/include/opencv4 -o "$out/opencv_probe" "$here/opencv_probe.cpp" -lopencv_core
