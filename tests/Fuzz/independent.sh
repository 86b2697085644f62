#!/usr/bin/env bash
# An outside fuzzer against real workers: AFL++ (afl-fuzz -n, its own mutations and scheduling, no instrumentation of
# ours) mutates the recorded sessions of tests/Fuzz/corpus/wire, and each input goes to a fresh `ava worker` on one
# channel through tests/Fuzz/Ava.Fuzz.Replay, which aborts when the worker died by a signal, exited otherwise than
# cleanly, or hung past the session's bound (30 s), so AFL++ saves the input as a crash.
#
#   tests/Fuzz/independent.sh SECONDS [CHANNELS] [APIS]   SECONDS per API and channel; default channels "unix tcp ring",
#                                                         APIs "opencl avatest cuda cudart mvnc gti qat tensorflow amorphos"
#
# Needs AFL++ (Debian: apt-get install afl++) and a build (publish.ps1: artifacts/bin/ava). Prints one line per run:
#   afl API CHANNEL: N execs in S s, crashes C, hangs H, worker peak RSS R MiB
# with the inputs of crashes and hangs under artifacts/fuzz/afl/API-CHANNEL/out/{crashes,hangs}; replay one with
# Ava.Fuzz.Replay CHANNEL API FILE (--as-is: without taking the known library faults out). Exits 1 on any crash or hang.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:?usage: independent.sh SECONDS [CHANNELS] [APIS]}
channels=${2:-unix tcp ring}
apis=${3:-opencl avatest cuda cudart mvnc gti qat tensorflow amorphos}
command -v afl-fuzz >/dev/null || { echo "independent.sh: needs AFL++ (apt-get install afl++)" >&2; exit 2; }
[[ -x "$root/artifacts/bin/ava" ]] || { echo "independent.sh: no artifacts/bin/ava; build first (dotnet pwsh ./publish.ps1)" >&2; exit 2; }
if [[ "${AVA_FUZZ_NO_BUILD:-}" != 1 ]]; then
    (cd "$root" && dotnet build tests/Fuzz/Ava.Fuzz.Replay -c Release --nologo -v:q >/dev/null)
fi
target="$root/tests/Fuzz/Ava.Fuzz.Replay/bin/Release/net10.0/Ava.Fuzz.Replay"

# -n: no coverage feedback (the target is not instrumented), AFL++ only mutates and schedules. -t above the target's
# own 30 s bound, so a hang is classified by the target first; -m none: the worker maps rings and a real library.
# The environment keeps AFL++ from tuning a shared machine (CPU governor, affinity) and from insisting on core dumps.
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
failed=0
for api in $apis; do
    for channel in $channels; do
        work="$root/artifacts/fuzz/afl/$api-$channel"
        rm -rf "$work"
        mkdir -p "$work/in"
        cp "$root/tests/Fuzz/corpus/wire/$api"-*.channel "$work/in/"
        export AVA_FUZZ_RSS_FILE="$work/rss"
        : >"$AVA_FUZZ_RSS_FILE"
        started=$(date +%s)
        afl-fuzz -n -V "$seconds" -t 45000 -m none -i "$work/in" -o "$work/out" -- "$target" "$channel" "$api" @@ >"$work/afl.log" 2>&1 || {
            echo "afl $api $channel: afl-fuzz failed (last lines of $work/afl.log):"
            tail -20 "$work/afl.log"
            failed=1
            continue
        }
        # AFL++ 4.0x keeps a lone instance's findings in out/ (later versions in out/default/). Every input that reached
        # a worker left its peak in the RSS file, so its lines count the executions.
        found="$work/out"
        [[ -d "$found/default" ]] && found="$found/default"
        crashes=$(find "$found/crashes" -type f ! -name README.txt | wc -l)
        hangs=$(find "$found/hangs" -type f ! -name README.txt | wc -l)
        execs=$(wc -l <"$AVA_FUZZ_RSS_FILE")
        peak=$(sort -n "$AVA_FUZZ_RSS_FILE" | tail -1)
        echo "afl $api $channel: $execs execs in $(( $(date +%s) - started )) s, crashes $crashes, hangs $hangs, worker peak RSS $(( ${peak:-0} / 1024 )) MiB"
        if [[ $crashes != 0 || $hangs != 0 ]]; then
            echo "  inputs in $found/crashes and $found/hangs"
            failed=1
        fi
    done
done
exit $failed
