#!/usr/bin/env bash
# ava install --system then ava uninstall, inside a private mount namespace whose system folders are overlays on a
# tmpfs, so this machine never changes. Proves: (1) an unmodified OpenCL program linked against libOpenCL.so.1 runs
# through the installed system library (no LD_PRELOAD, no AVA_ variable) with output identical to native, its worker
# loading the diverted vendor library that /etc/ava/ava.conf names; (2) uninstall leaves every file of the touched
# folders (checksums, symlink targets, modes), dpkg's diversion list and /etc/ld.so.cache byte-identical;
# (3) install refuses, changing nothing, on a machine with no vendor library and no manager.
# Needs root (unshare -m, mount) and artifacts/ from publish.ps1.   Usage: sudo tests/System/install-roundtrip.sh
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ava="$root/artifacts/bin/ava"
[ "$(id -u)" = 0 ] || { echo "install-roundtrip: needs root (mount namespaces)"; exit 2; }
[ -x "$ava" ] && [ -f "$root/artifacts/lib/libOpenCL.so.1" ] || { echo "install-roundtrip: artifacts/ missing: run publish.ps1"; exit 2; }
[ -e /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 ] || { echo "install-roundtrip: no vendor libOpenCL.so.1 (ocl-icd-libopencl1) here"; exit 2; }

if [ "${AVA_IN_PRIVATE_NS:-}" != 1 ]; then
    exec env AVA_IN_PRIVATE_NS=1 unshare -m --propagation private "$0" "$@"
fi

work=$(mktemp -d /tmp/ava-sysinstall.XXXXXX)
out=${OUT:-/tmp/ava-sysinstall-out}   # outside the tmpfs: transcripts and logs outlive the namespace
rm -rf "$out"; mkdir -p "$out"
mount -t tmpfs tmpfs "$work" || { echo "install-roundtrip: cannot mount a tmpfs"; exit 2; }
folders="/usr/lib/x86_64-linux-gnu /etc /var/lib"
for d in $folders; do
    n=$(echo "$d" | tr / _)
    mkdir -p "$work/$n.upper" "$work/$n.work"
    mount -t overlay overlay -o "lowerdir=$d,upperdir=$work/$n.upper,workdir=$work/$n.work" "$d" \
        || { echo "install-roundtrip: cannot overlay $d"; exit 2; }
done

snapshot() {
    for d in $folders; do
        find "$d" -xdev \( -type f -o -type l \) -printf '%p %m %l\n' 2>/dev/null | sort
        find "$d" -xdev -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum 2>/dev/null
        find "$d" -xdev -type d -printf '%p %m\n' 2>/dev/null | sort
    done
    dpkg-divert --list | sort
    sha256sum /etc/ld.so.cache
}

failed=0
check() { if "$@"; then echo "ok: $label"; else echo "FAIL: $label"; failed=$((failed + 1)); fi; }

prog=$work/bin
sh "$root/tests/OpenCL/programs/build.sh" "$prog" > /dev/null || { echo "install-roundtrip: OpenCL programs do not build"; exit 2; }
for variable in $(compgen -e | grep '^AVA_'); do unset "$variable"; done
programs="platform_device buffers program_kernel events ndrange"
for p in $programs; do (cd "$work" && timeout 300 "$prog/$p" > "$out/$p.native" 2>&1); done

snapshot > "$out/before"
"$ava" install --system --api OpenCL > "$out/install.out" 2>&1; rc=$?
sed 's/^/install: /' "$out/install.out"
label="ava install --system --api OpenCL exits 0"; check test $rc = 0
label="libOpenCL.so.1 is diverted"; check grep -q 'libOpenCL.so.1.ava-real' <(dpkg-divert --list)
label="the loader now finds ours"; check cmp -s "$root/artifacts/lib/libOpenCL.so.1" "$(ldconfig -p | awk '/libOpenCL.so.1 .*x86-64/ {print $NF; exit}')"
sed 's/^/ava.conf: /' /etc/ava/ava.conf
"$ava" doctor 2>&1 | grep -i 'opencl' | head -3 | sed 's/^/doctor: /'
for p in $programs; do
    (cd "$work" && AVA_LOG="$out/$p.log" timeout 300 "$prog/$p" > "$out/$p.installed" 2>&1)
    # The one deliberate difference (the spec's [InfoValue(Clears)]): no CL_EXEC_NATIVE_KERNEL, as host function
    # pointers cannot run in a worker; the value line after it is left out of the comparison.
    mask() { sed '/CL_DEVICE_EXECUTION_CAPABILITIES) ->/{n;d}' "$1"; }
    label="$p through the installed system library: same output as native"; check diff -q <(mask "$out/$p.native") <(mask "$out/$p.installed")
done
label="the programs' worker loaded the diverted vendor library"; check grep -qs 'ava-real' "$out"/*.log

"$ava" uninstall > "$out/uninstall.out" 2>&1; rc=$?
sed 's/^/uninstall: /' "$out/uninstall.out"
label="ava uninstall exits 0"; check test $rc = 0
snapshot > "$out/after"
label="every file, mode and link of $folders, the diversion list and ld.so.cache as before ($(wc -l < "$out/before") lines compared)"
check diff "$out/before" "$out/after"

# A machine with no vendor library: hide it (and its cache entry), then install must refuse without a manager.
# ldconfig would make libOpenCL.so.1 again from libOpenCL.so.1.0.0: every file of the package goes.
mkdir "$work/hidden"; mv /usr/lib/x86_64-linux-gnu/libOpenCL.so* "$work/hidden/"; ldconfig
label="the bare machine has no libOpenCL.so.1"; check test -z "$(ldconfig -p | grep 'libOpenCL.so.1 ')"
snapshot > "$work/bare"
AVA_MANAGER_ADDR= "$ava" install --system --api OpenCL > "$work/refuse.out" 2>&1; rc=$?
sed 's/^/refused: /' "$work/refuse.out"
label="no vendor library, no manager: refused"; check test $rc != 0
snapshot > "$work/bare-after"
label="the refusal changed nothing"; check diff -q "$work/bare" "$work/bare-after"
"$ava" install --system --api OpenCL --manager 10.0.0.1:7000 > "$work/only.out" 2>&1; rc=$?
sed 's/^/only-library: /' "$work/only.out"
label="no vendor library, a manager named: ours installed as the only one"; check test $rc = 0 -a -f /usr/lib/x86_64-linux-gnu/libOpenCL.so.1
label="the guest's manager recorded"; check grep -q '^manager=10.0.0.1:7000' /etc/ava/ava.conf
"$ava" uninstall > /dev/null 2>&1
snapshot > "$work/bare-after"
label="its uninstall leaves the bare machine as it was"; check diff -q "$work/bare" "$work/bare-after"

echo "install-roundtrip: $failed failed"
exit $failed
