#!/bin/sh
# Build the rtld-audit module `ava run` sets as LD_AUDIT (libava-audit.so) into the directory given as $1.
# Usage: build.sh OUTDIR   (CC may be overridden)
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
"${CC:-gcc}" -O2 -Wall -Wextra -Werror -std=gnu11 -shared -fPIC -o "$out/libava-audit.so" "$here/ava-audit.c"
