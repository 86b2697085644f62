#!/usr/bin/env bash
# Fuzzes the worker's decode paths in-process with libFuzzer and SharpFuzz.
#
#   tests/Fuzz/run.sh TARGET|all SECONDS [libFuzzer flags...]   fuzz each target for SECONDS
#   tests/Fuzz/run.sh --list                                   the targets and what each covers
#   tests/Fuzz/run.sh --replay TARGET FILE|DIR...              run inputs once (a crash, a corpus), no fuzzing
#   tests/Fuzz/run.sh wire SECONDS                             mutated sessions against real workers, SECONDS per channel
#
# Builds the driver (clang-14 -fsanitize=fuzzer) and the targets, instruments copies of the assemblies with the
# sharpfuzz tool in artifacts/fuzz/bin, and runs each target from the seeds in tests/Fuzz/corpus/TARGET (working
# corpus in artifacts/fuzz/corpus/TARGET, crashes in artifacts/fuzz/crashes/TARGET). Prints one line per target:
#   fuzz TARGET: N runs in S s (E execs/s), coverage features F (from F0), corpus C, crashes K
# and exits 1 when any target crashed. AVA_FUZZ_NO_BUILD=1 uses the targets as last built (CI builds them first).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/artifacts/fuzz"
project="$here/Ava.Fuzz.Targets"
mkdir -p "$out"

build() {
    local driver="$out/libfuzzer-dotnet"
    if [[ ! -x "$driver" || "$here/driver/libfuzzer-dotnet.c" -nt "$driver" ]]; then
        clang-14 -O1 -g -Wall -Wextra -Werror -fsanitize=fuzzer -o "$driver" "$here/driver/libfuzzer-dotnet.c"
    fi

    if [[ "${AVA_FUZZ_NO_BUILD:-}" != 1 ]]; then
        (cd "$root" && dotnet build "$project" -c Release --nologo -v:q >"$out/build.log" 2>&1) || { cat "$out/build.log"; exit 1; }
    fi

    local built="$project/bin/Release/net10.0"
    [[ -f "$built/Ava.Fuzz.Targets.dll" ]] || { echo "run.sh: $built has no build of the targets" >&2; exit 1; }
    # Instrumented copies, made again whenever the build is newer: the tool refuses an assembly twice, and the build
    # would overwrite instrumented files in place.
    # The worker runtime, the transport and each API's worker backend (its generated dispatch and hand-written parts).
    local instrumented=(Ava.Transport Ava.Worker Ava.AvaTest.Worker Ava.OpenCL.Worker Ava.Cuda.Worker Ava.CudaRt.Worker Ava.Mvnc.Worker Ava.Gti.Worker Ava.Qat.Worker Ava.TfC.Worker Ava.Fpga.Worker Ava.Fuzz.Targets)
    local stale=""
    for assembly in "${instrumented[@]}"; do
        [[ "$built/$assembly.dll" -nt "$out/bin/.instrumented" ]] && stale=1
    done
    if [[ ! -f "$out/bin/.instrumented" || -n "$stale" ]]; then
        rm -rf "$out/bin"
        cp -r "$built" "$out/bin"
        for assembly in "${instrumented[@]}"; do
            # The harness (namespace Ava.Fuzz.Targets) stays uninstrumented.
            (cd "$root" && dotnet sharpfuzz "$out/bin/$assembly.dll" -Ava.Fuzz.Targets) >/dev/null
        done
        touch "$out/bin/.instrumented"
    fi
}

targets() { "$out/bin/Ava.Fuzz.Targets" --list | awk '{print $1}'; }

fuzz() {
    local target=$1 seconds=$2
    shift 2
    local corpus="$out/corpus/$target" crashes="$out/crashes/$target" log="$out/$target.log"
    mkdir -p "$corpus" "$crashes"
    if [[ -d "$here/corpus/$target" ]]; then
        cp -n "$here/corpus/$target"/* "$corpus"/ 2>/dev/null || true
    fi

    # -timeout: a hang of one input is a fault too; -rss_limit_mb applies to the driver only, the target is bounded by
    # the worker's own call limits. A crash ends the run (libFuzzer's default), leaving the input in $crashes.
    local status=0
    "$out/libfuzzer-dotnet" --target_path="$out/bin/Ava.Fuzz.Targets" --target_arg="$target" \
        -max_total_time="$seconds" -timeout=20 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$@" "$corpus" >"$log" 2>&1 || status=$?
    local runs features first size crashed
    runs=$(awk '/stat::number_of_executed_units:/{print $2}' "$log" | tail -1)
    features=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    first=$(grep -oE 'ft: [0-9]+' "$log" | head -1 | awk '{print $2}')
    size=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    crashed=$(grep -cE '^artifact_prefix=|Test unit written to' "$log" || true)
    local elapsed=$(( $(date +%s) - started ))
    echo "fuzz $target: ${runs:-0} runs in ${elapsed} s ($(( ${runs:-0} / (elapsed > 0 ? elapsed : 1) )) execs/s), coverage features ${features:-0} (from ${first:-0}), corpus ${size:-0}, crashes $crashed"
    if [[ $status -ne 0 || $crashed -ne 0 ]]; then
        echo "--- $log (last lines)"
        tail -40 "$log"
        return 1
    fi
}

case "${1:-}" in
    --list)
        build
        "$out/bin/Ava.Fuzz.Targets" --list
        ;;
    --replay)
        build
        shift
        "$out/bin/Ava.Fuzz.Targets" "$@"
        ;;
    wire)
        [[ $# -ge 2 ]] || { echo "usage: run.sh wire SECONDS" >&2; exit 64; }
        cd "$root"
        if [[ "${AVA_FUZZ_NO_BUILD:-}" != 1 ]]; then dotnet build tests/Ava.Fuzz.Tests -c Release --nologo -v:q; fi
        AVA_FUZZ_SECONDS=$2 dotnet test tests/Ava.Fuzz.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~Wire" \
            --logger "console;verbosity=normal"
        ;;
    "" | -h | --help)
        sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
        exit 64
        ;;
    *)
        [[ $# -ge 2 ]] || { echo "usage: run.sh TARGET|all SECONDS [libFuzzer flags...]" >&2; exit 64; }
        build
        chosen=$1 seconds=$2
        shift 2
        if [[ $chosen == all ]]; then chosen=$(targets); fi
        failed=0
        for target in $chosen; do
            started=$(date +%s)
            fuzz "$target" "$seconds" "$@" || failed=1
        done
        exit $failed
        ;;
esac
