#!/usr/bin/env bash
# How much of each API is data (its spec) and how much is written by hand, counted the same way every time:
#   spec lines     the API's Spec/*.cs declarations and types, without its *.Manual.cs and generated (*.g.cs) files
#   hand-written   every other C# file of the API's folder that is not generated (*.g.cs): *.Manual.cs, hooks,
#                  guest and worker helpers; the generic runtime in libs/ is not counted
#   functions      spec functions (a [Variant] is one), and those that depend on hand-written code: [Manual] on
#                  either side, [GuestOnly], or a [WorkerHook]/[GuestHook] of any kind (a variant shares its base's)
# Lines are lines as wc -l counts them. Usage: tests/spec-metrics.sh [API folder...] (default: OpenCL Cuda)
set -euo pipefail
cd "$(dirname "$0")/.."
apis=("$@")
[ ${#apis[@]} -gt 0 ] || apis=(OpenCL Cuda)

lines() { if [ $# -eq 0 ]; then echo 0; else cat "$@" | wc -l; fi; }

printf '%-8s %11s %13s %10s %16s\n' api spec-lines hand-written functions with-hand-code
for api in "${apis[@]}"; do
    mapfile -t spec < <(find "$api/Spec" -name '*.cs' ! -name '*.Manual.cs' ! -name '*.g.cs' ! -path '*/obj/*' ! -path '*/bin/*' | sort)
    mapfile -t hand < <(find "$api" -name '*.cs' ! -name '*.g.cs' ! -path '*/obj/*' ! -path '*/bin/*' | sort | grep -vxF -f <(printf '%s\n' "${spec[@]}"))
    # A function is the attribute lines above a 'static partial' declaration of the [Api] class (nested types skipped).
    read -r total escaped < <(awk '
        /^[[:space:]]*\[/ { attrs = attrs $0; next }
        /static (unsafe )?partial [^(]*\(/ && !/class / {
            n = 1 + gsub(/Variant\(/, "&", attrs); total += n
            if (attrs ~ /(Manual|WorkerHook|GuestHook)\(|\[GuestOnly\]|, GuestOnly[],]/) escaped += n
            attrs = ""; next }
        /^[[:space:]]*\/\/\// { next }
        { attrs = "" }
        END { print total + 0, escaped + 0 }' "${spec[@]}")
    printf '%-8s %11d %13d %10d %16d\n' "$api" "$(lines "${spec[@]}")" "$(lines "${hand[@]}")" "$total" "$escaped"
done
