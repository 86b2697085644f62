#!/bin/sh
# Builds libavatest.so.1 (with the libavatest.so link), prog and ping into OUTDIR.
# prog finds the library next to itself (rpath $ORIGIN).
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
CC=${CC:-gcc}
"$CC" -O2 -fPIC -shared -Wl,-soname,libavatest.so.1 -Wall -Werror -pthread \
    -o "$out/libavatest.so.1" "$here/avatest.c"
ln -sf libavatest.so.1 "$out/libavatest.so"
"$CC" -O2 -Wall -Werror -pthread -I"$here" -o "$out/prog" "$here/prog.c" \
    -L"$out" -lavatest -Wl,-rpath,'$ORIGIN'
# -rdynamic: ping's own functions are named where the call profiler reports the call sites.
"$CC" -O2 -Wall -Werror -rdynamic -I"$here" -o "$out/ping" "$here/ping.c" \
    -L"$out" -lavatest -Wl,-rpath,'$ORIGIN'
