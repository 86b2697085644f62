#!/usr/bin/env bash
# Builds the real Rodinia programs of one API from a Rodinia tree, and generates the inputs its data set would give.
#
#   bash bench/rodinia/build.sh opencl|cuda|cudart RODINIA_TREE OUT quick|full [PROGRAM...]
#
# cudart builds the CUDA programs with nvcc's shared runtime (-cudart shared: libcudart.so.13 loaded at run time, as
# programs built that way and frameworks use it) instead of its default static one.
# PROGRAM names a folder of the API (default: every program the suite runs); programs built before are kept.
# The tree is only read: it is copied to OUT/src, the project's portability fixes (bench/rodinia/patches/API/*.patch)
# are applied to the copy, and each program is built there with make (compiler flags given on make's command line,
# never edited into a Makefile). Inputs go to OUT/src/data/PROGRAM/, where the programs' own relative paths
# (../../data/...) find them. One program failing to build does not stop the others: OUT/status lists
# "PROGRAM ok" or "PROGRAM failed" per program, with its log in OUT/logs/PROGRAM.log.
# Everything here is deterministic: the generators use fixed seeds.
set -u
api=${1:?api: opencl or cuda}
tree=$(cd "${2:?Rodinia tree}" && pwd)
out=${3:?output folder}
size=${4:-full}
shift 4 2>/dev/null || shift $#
wanted=("$@")
here=$(cd "$(dirname "$0")" && pwd)

case $api in opencl | cuda) source_api=$api ;; cudart) source_api=cuda ;; *) echo "build.sh: api must be opencl, cuda or cudart, not $api" >&2; exit 2 ;; esac
case $size in quick | full) ;; *) echo "build.sh: size must be quick or full, not $size" >&2; exit 2 ;; esac
[ -d "$tree/$source_api" ] || { echo "build.sh: $tree has no $source_api folder (not a Rodinia 3.1 tree?)" >&2; exit 2; }

mkdir -p "$out"
out=$(cd "$out" && pwd)

# The copy is reused while the tree, the patches, the generators and this script stay the same.
stamp=$( { echo "$tree"; cat "$0" "$here"/inputs/*.c "$here"/patches/"$source_api"/*.patch 2>/dev/null; \
    find "$tree/$source_api" "$tree/common" -type f -printf '%P %s %T@\n' | sort; } | sha256sum | cut -d' ' -f1)
if [ ! -f "$out/stamp" ] || [ "$(cat "$out/stamp")" != "$stamp" ]; then
    rm -rf "$out/src" "$out/logs" "$out/status" "$out/inputs-"* "$out/stamp"
    mkdir -p "$out/src" "$out/logs" "$out/tools"
    cp -r "$tree/common" "$tree/$source_api" "$out/src/"
    chmod -R u+w "$out/src"
    for patch in "$here"/patches/"$source_api"/*.patch; do
        [ -f "$patch" ] || continue
        patch -s -p1 -d "$out/src" < "$patch" || { echo "build.sh: $(basename "$patch") does not apply to $tree" >&2; exit 1; }
    done

    # The generators; the AVI writer links the suite's own avilib.
    gcc -O2 -o "$out/tools/rodinia-inputs" "$here/inputs/rodinia-inputs.c" -lm || exit 1
    avilib=$(find "$out/src" -name avilib.c | head -n 1)
    gcc -O2 -w -I"$(dirname "$avilib")" -o "$out/tools/rodinia-avi" "$here/inputs/rodinia-avi.c" "$avilib" -lm || exit 1
    touch "$out/status"
    echo "$stamp" > "$out/stamp"
fi

src=$out/src/$source_api
build() { # NAME [make arguments...]
    local name=$1
    shift
    if [ ${#wanted[@]} -gt 0 ] && [[ " ${wanted[*]} " != *" $name "* ]]; then return; fi
    if grep -qx "$name ok" "$out/status"; then return; fi
    sed -i "/^$name /d" "$out/status"
    # One job per program: the suite's Makefiles are not safe in parallel (pathfinder races its own rules).
    if (cd "$src/$name" && make "$@") > "$out/logs/$name.log" 2>&1; then
        echo "$name ok" >> "$out/status"
    else
        echo "$name failed" >> "$out/status"
        echo "rodinia $api: $name failed to build (see $out/logs/$name.log)" >&2
    fi
}

if [ "$api" = opencl ]; then
    cl=(OPENCL_INC=/usr/include OPENCL_LIB=/usr/lib/x86_64-linux-gnu)
    # C++98 sources: dynamic exception specifications and a global named 'data' that C++17 rejects.
    cxx11=(CC="g++ -std=gnu++11" CXX="g++ -std=gnu++11")
    # Built at -O0: at -O2 (GCC 12, PoCL 3), natively and not remoted, backprop and particlefilter see garbage
    # statuses (heap-address-like values) from clEnqueueReadBuffer and clEnqueueNDRangeKernel, and kmeans calls
    # through a null pointer: values held in registers across PoCL's calls are lost. At -O0 all three run clean.
    build backprop "${cl[@]}" CC_FLAGS="-g -O0"
    build bfs "${cl[@]}" "${cxx11[@]}"
    build b+tree "${cl[@]}"
    build cfd "${cl[@]}" "${cxx11[@]}"
    build dwt2d "${cl[@]}"
    build gaussian "${cl[@]}"
    build heartwall "${cl[@]}" OUTPUT=1
    build hotspot "${cl[@]}"
    build hotspot3D "${cl[@]}"
    # Tentative definitions in two files (device_id, err): GCC 10+ defaults to -fno-common.
    build hybridsort "${cl[@]}" CC_FLAGS="-std=gnu99 -fcommon"
    build kmeans "${cl[@]}" CC_FLAGS="-g -O0"
    build lavaMD "${cl[@]}"
    build leukocyte "${cl[@]}"
    build lud "${cl[@]}"
    build myocyte "${cl[@]}"
    build nn "${cl[@]}"
    build nw "${cl[@]}"
    build particlefilter "${cl[@]}" CC_FLAGS="-g -O0"
    build pathfinder "${cl[@]}" "${cxx11[@]}"
    build srad "${cl[@]}"
    build streamcluster "${cl[@]}" "${cxx11[@]}"
else
    nvcc=$(command -v nvcc || true)
    if [ -z "$nvcc" ]; then
        echo "rodinia cuda: nvcc not on PATH: nothing built" >&2
        exit 3
    fi
    cuda_dir=$(dirname "$(dirname "$(readlink -f "$nvcc")")")
    # nvcc's default target (its oldest architecture plus PTX, compiled for the GPU at load) replaces the suite's
    # sm_20, which no current nvcc accepts; only the toolkit's location is given.
    cu=(CUDA_DIR="$cuda_dir" CUDA_LIB_DIR="$cuda_dir/lib64" SDK_DIR="$cuda_dir")
    # backprop, b+tree and lavaMD link with gcc and `-lcuda`: the toolkit ships libcuda.so only as a link stub
    # (the driver's own library is found at run time, through LD_LIBRARY_PATH here), and gcc does not look there.
    for stubs in "$cuda_dir/lib64/stubs" "$cuda_dir/targets/x86_64-linux/lib/stubs"; do
        [ -f "$stubs/libcuda.so" ] && export LIBRARY_PATH="$stubs${LIBRARY_PATH:+:$LIBRARY_PATH}" && break
    done
    # CUDA 13 dropped cudaThreadSynchronize (cudaDeviceSynchronize since CUDA 4) and no toolkit ships the samples'
    # helper headers any more: both given to every nvcc call the Makefiles make, whatever flags they pass.
    export NVCC_APPEND_FLAGS="${NVCC_APPEND_FLAGS:-} -DcudaThreadSynchronize=cudaDeviceSynchronize -I$here/compat"
    # The programs linked by gcc name -lcudart, which is the shared runtime already; nvcc's links need the flag.
    [ "$api" = cudart ] && NVCC_APPEND_FLAGS="$NVCC_APPEND_FLAGS -cudart shared"
    for program in backprop bfs cfd gaussian hotspot hotspot3D kmeans lud nn nw particlefilter pathfinder streamcluster; do
        build "$program" "${cu[@]}"
    done
    # Their architecture flag (sm_20, sm_13) is a make variable; the others' are patched out (patches/cuda).
    build b+tree "${cu[@]}" CUDA_FLAG=
    build lavaMD "${cu[@]}" CUDA_FLAG=
fi

# Inputs, at the size asked for; Rodinia's file names where its programs hard-code them.
gen=$out/tools/rodinia-inputs
avi=$out/tools/rodinia-avi
data=$out/src/data
if [ ! -f "$out/inputs-$size" ]; then
    mkdir -p "$data"/{b+tree,bfs,cfd,dwt2d,heartwall,hotspot,hotspot3D,kmeans,leukocyte,myocyte,nn,srad}
    if [ "$size" = quick ]; then
        "$gen" bptree "$data/b+tree/quick.txt" "$data/b+tree/command-quick.txt" 20000 200
        "$gen" graph "$data/bfs/quick.txt" 4096 6
        "$gen" cfd "$data/cfd/quick.domn" 1024
        "$gen" bytes "$data/dwt2d/quick.bmp" 256 256 3
        "$gen" grid "$data/hotspot/temp_quick" "$data/hotspot/power_quick" 256 256 1
        "$gen" grid "$data/hotspot3D/temp_quick" "$data/hotspot3D/power_quick" 64 64 8
        "$gen" points "$data/kmeans/quick.txt" 2048 34
        mkdir -p "$data/nn/quick" && "$gen" hurricanes "$data/nn/quick" "$data/nn/quick/filelist.txt" 2 1000
        # CUDA's nn opens the listed names as they are (no data folder option): a list of paths from its folder.
        sed 's#^#../../data/nn/quick/#' "$data/nn/quick/filelist.txt" > "$data/nn/quick/filelist-paths.txt"
        "$avi" "$data/heartwall/quick.avi" 609 590 3
        "$avi" "$data/leukocyte/quick.avi" 640 480 2
    else
        "$gen" bptree "$data/b+tree/full.txt" "$data/b+tree/command-full.txt" 1000000 10000
        "$gen" graph "$data/bfs/full.txt" 1000000 6
        "$gen" cfd "$data/cfd/full.domn" 97152
        "$gen" bytes "$data/dwt2d/full.bmp" 1024 1024 3
        "$gen" grid "$data/hotspot/temp_full" "$data/hotspot/power_full" 1024 1024 1
        "$gen" grid "$data/hotspot3D/temp_full" "$data/hotspot3D/power_full" 512 512 8
        "$gen" points "$data/kmeans/full.txt" 100000 34
        mkdir -p "$data/nn/full" && "$gen" hurricanes "$data/nn/full" "$data/nn/full/filelist.txt" 8 5000
        # CUDA's nn opens the listed names as they are (no data folder option): a list of paths from its folder.
        sed 's#^#../../data/nn/full/#' "$data/nn/full/filelist.txt" > "$data/nn/full/filelist-paths.txt"
        "$avi" "$data/heartwall/full.avi" 609 590 10
        "$avi" "$data/leukocyte/full.avi" 640 480 5
    fi
    "$gen" heartwall "$data/heartwall/input.txt"
    "$gen" myocyte "$data/myocyte"
    "$gen" pgm "$data/srad/image.pgm" 502 458
    touch "$out/inputs-$size"
fi
echo "rodinia $api: built in $out ($(grep -c ' ok$' "$out/status") of $(wc -l < "$out/status") programs), $size inputs"
