#!/bin/sh
# Writes the version script of the OpenCL drop-in (OpenCL/Guest/libOpenCL.map) from the real library's dynamic
# symbols, so our libOpenCL.so.1 exports the same names under the same version nodes as the ocl-icd loader.
# Usage: OpenCL/make-version-script.sh [REAL_LIBRARY] > OpenCL/Guest/libOpenCL.map
set -eu
real=${1:-/usr/lib/x86_64-linux-gnu/libOpenCL.so.1}
objdump -T "$real" | awk '{ print $NF "\t" $0 }' | LC_ALL=C sort | cut -f2- | awk '
    $0 ~ /DF \.text/ && $NF ~ /^cl/ { names[$(NF-1)] = names[$(NF-1)] "        " $NF ";\n" }
    $0 ~ /\*ABS\*/ && $NF ~ /^OPENCL_/ { nodes[++n] = $NF }
    END {
        # Nodes in version order, each inheriting the previous one, as in the real library.
        for (i = 1; i <= n; i++) order[i] = nodes[i]
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
        for (i = 1; i <= n; i++) {
            printf "%s {\n", order[i]
            if (names[order[i]] != "") printf "    global:\n%s", names[order[i]]
            if (i == 1) printf "    local:\n        *;\n"
            printf "}%s;\n", i == 1 ? "" : " " order[i - 1]
        }
    }'
