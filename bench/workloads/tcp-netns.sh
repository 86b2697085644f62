#!/usr/bin/env bash
# The OpenCL workloads with guest and worker on different "hosts": two network namespaces joined by a veth pair,
# the manager (and the workers it starts, which own PoCL) in one, the application in the other, every call over TCP
# through the manager. Each workload runs natively and remoted (shared-memory rings, then TCP) in turn; the script
# checks that the remoted outputs equal the native ones and prints the wall-time ratios and their geometric means.
#
#   bash bench/workloads/tcp-netns.sh [scale] [rounds]     (root; from the repository root, after publish.ps1)
#
# Needs `ip netns` (root, iproute2). scale is passed to each workload (default 1); rounds is the number of timed runs
# per variant whose median is taken (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scale=${1:-1}
rounds=${2:-3}
ava="$root/artifacts/bin/ava"
dir="$root/artifacts/workloads"
[ -x "$ava" ] && [ -d "$dir" ] || { echo "build first: dotnet pwsh ./publish.ps1"; exit 2; }

id=$$
mgr=avawm$id gst=avawg$id port=7400
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
cleanup() {
    [ -n "${manager_pid:-}" ] && kill "$manager_pid" 2>/dev/null || true
    ip netns del "$mgr" 2>/dev/null || true
    ip netns del "$gst" 2>/dev/null || true
    rm -f "${out:-}"
}
trap cleanup EXIT
ip netns add "$mgr"
ip netns add "$gst"
ip link add "m$id" type veth peer name "g$id"
ip link set "m$id" netns "$mgr"
ip link set "g$id" netns "$gst"
ip -n "$mgr" addr add 10.201.0.1/24 dev "m$id"
ip -n "$gst" addr add 10.201.0.2/24 dev "g$id"
for ns in "$mgr" "$gst"; do ip -n "$ns" link set lo up; done
ip -n "$mgr" link set "m$id" up
ip -n "$gst" link set "g$id" up
AVA_TOKEN=$token ip netns exec "$mgr" "$ava" manager --listen 10.201.0.1:$port >/dev/null 2>&1 &
manager_pid=$!
for _ in $(seq 50); do ip netns exec "$mgr" ss -ltn 2>/dev/null | grep -q ":$port" && break; sleep 0.1; done

# Median wall time in seconds of `$@`; its output goes to the file $out.
out=$(mktemp)
timed() {
    local times=()
    for _ in $(seq "$rounds"); do
        local start end
        start=$(date +%s.%N)
        "$@" > "$out"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-12s %9s %9s %9s %8s %8s\n' workload native_s shm_s tcp_s shm tcp
shm_log=0 tcp_log=0 n=0 failed=0
for w in backprop bfs gaussian hotspot kmeans lud nw pathfinder srad; do
    native_t=$(timed ip netns exec "$gst" "$dir/$w" "$scale"); native_out=$(cat "$out")
    shm_t=$(timed ip netns exec "$gst" "$ava" run -- "$dir/$w" "$scale"); shm_out=$(cat "$out")
    tcp_t=$(timed ip netns exec "$gst" env AVA_TOKEN="$token" AVA_MANAGER_ADDR=10.201.0.1:$port "$ava" run -- "$dir/$w" "$scale"); tcp_out=$(cat "$out")
    if [ "$shm_out" != "$native_out" ] || [ "$tcp_out" != "$native_out" ]; then
        echo "$w: remoted output differs from the native one"; failed=1
    fi
    shm_r=$(echo "$shm_t / $native_t" | bc -l); tcp_r=$(echo "$tcp_t / $native_t" | bc -l)
    printf '%-12s %9.3f %9.3f %9.3f %8.3f %8.3f\n' "$w" "$native_t" "$shm_t" "$tcp_t" "$shm_r" "$tcp_r"
    shm_log=$(echo "$shm_log + l($shm_r)" | bc -l); tcp_log=$(echo "$tcp_log + l($tcp_r)" | bc -l); n=$((n + 1))
done
printf '%-12s %9s %9s %9s %8.3f %8.3f\n' "geomean" "" "" "" "$(echo "e($shm_log / $n)" | bc -l)" "$(echo "e($tcp_log / $n)" | bc -l)"
exit $failed
