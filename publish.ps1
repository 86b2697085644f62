<#
.SYNOPSIS
  Builds every artifact into artifacts/ and, by switch, installs prerequisites, runs the demo or the tests.

.DESCRIPTION
  artifacts/bin/ava            the one command (run, worker, manager, status, bench, dashboard)
  artifacts/lib/<soname>       the drop-in libraries under their real file names
  artifacts/lib/icd/           the OpenCL ICD (libAvaOpenCL.so) and ava.icd, for OCL_ICD_VENDORS or /etc/OpenCL/vendors
  artifacts/lib/reference/     reference implementations of vendor APIs with no device here (libmvnc.so.0, libqat_s.so, libusdm_drv_s.so, libava_aos_wrapper.so, libtensorflow.so.1, libGTILibrary.so)
  artifacts/lib/bench/         the C floor measurements the transport benchmarks run beside
  artifacts/lib/audit/         the rtld-audit module ava run sets as LD_AUDIT (libava-audit.so)
  artifacts/tests/, workloads/ C programs built with gcc against the system headers
  artifacts/tests/bin/ava      the tests' worker host: the shipped APIs plus the self-test API, which ava does not serve
  artifacts/tests/lib/         the self-test drop-in (libavatest.so.1), its real library (real/) and the audit module

  -Install  apt-get installs what builds and tests need (Debian; run as root)
  -Demo     runs an unmodified OpenCL program and a real Rodinia program (hotspot) natively and remoted, and compares them
  -Test     runs every test project (after building once) and prints "N passed, N failed, N skipped" last
#>
param(
    [switch]$Install,
    [switch]$Demo,
    [switch]$Test,
    [switch]$NoBuild
)

$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true
$root = $PSScriptRoot
$artifacts = Join-Path $root 'artifacts'
Set-Location $root

$aptPackages = @(
    'gcc', 'g++', 'make', 'patch', 'iproute2',
    'pocl-opencl-icd', 'ocl-icd-libopencl1', 'ocl-icd-opencl-dev', 'opencl-headers', 'opencl-c-headers',
    'clinfo', 'clpeak', 'python3-pyopencl', 'python3-numpy', 'piglit',
    'libclblast-dev', 'python3-gpyfft', 'oclgrind', 'libopencv-core-dev',
    'chromium',
    'clang-14', 'libclang-rt-14-dev'
)

function Step([string]$what) { Write-Host "==> $what" -ForegroundColor Cyan }

function Get-MissingPackages([string[]]$names) {
    # dpkg-query exits 1 when some name was never installed: that is the answer we ask for, not a failure.
    $PSNativeCommandUseErrorActionPreference = $false
    $installed = @(dpkg-query -W -f='${Package} ${Status}\n' @names 2>$null |
        Where-Object { $_ -match '^(\S+) install ok installed$' } | ForEach-Object { ($_ -split ' ')[0] })
    return @($names | Where-Object { $installed -notcontains $_ })
}

if ($Install) {
    Step 'installing system packages'
    $missing = Get-MissingPackages $aptPackages
    if ($missing.Count -gt 0) {
        Write-Host "apt-get install $($missing -join ' ')"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        apt-get update -q | Out-Null
        apt-get install -y -q --no-install-recommends @missing | Out-Null
        $still = Get-MissingPackages $missing
        if ($still.Count -gt 0) { throw "apt-get did not install: $($still -join ' ')" }
    } else {
        Write-Host 'all system packages present'
    }
}

if (-not $NoBuild) {
    Step 'building native test programs'
    New-Item -ItemType Directory -Force -Path "$artifacts/tests/lib/real", "$artifacts/tests" | Out-Null
    # The self-test API lives under artifacts/tests alone: what an older build left of it in artifacts/lib goes.
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "$artifacts/lib/real", "$artifacts/lib/libavatest.so.1"
    bash tests/AvaTest/native/build.sh "$artifacts/tests/avatest" | Out-Null
    Copy-Item -Force "$artifacts/tests/avatest/libavatest.so.1" "$artifacts/tests/lib/real/libavatest.so.1"
    bash tests/OpenCL/programs/build.sh "$artifacts/tests/opencl" | Out-Null
    bash tests/OpenCL/icd/build.sh "$artifacts/tests/opencl-icd" | Out-Null
    bash tests/OpenCL/apps/build.sh "$artifacts/tests/opencl-apps" | Out-Null
    bash tests/CudaDouble/build.sh "$artifacts/tests/cuda" | Out-Null
    bash Mvnc/Reference/build.sh "$artifacts/lib/reference" "$artifacts/tests/mvnc" | Out-Null
    bash Qat/Reference/build.sh "$artifacts/lib/reference" "$artifacts/tests/qat" | Out-Null
    bash Fpga/Reference/build.sh "$artifacts/lib/reference" "$artifacts/tests/fpga" | Out-Null
    bash TfC/Reference/build.sh "$artifacts/lib/reference" "$artifacts/tests/tfc" | Out-Null
    bash Gti/Reference/build.sh "$artifacts/lib/reference" "$artifacts/tests/gti" | Out-Null
    bash tests/CudaRtDouble/build.sh "$artifacts/tests/cudart" | Out-Null
    bash bench/workloads/build.sh "$artifacts/workloads" | Out-Null
    bash bench/migration/build.sh "$artifacts/bench/migration" | Out-Null
    bash bench/native/build.sh "$artifacts/lib/bench" | Out-Null
    bash libs/Audit/build.sh "$artifacts/lib/audit" | Out-Null
    # `ava run` of the tests' worker host preloads from its own ../lib, audit module included.
    New-Item -ItemType Directory -Force -Path "$artifacts/tests/lib/audit" | Out-Null
    Copy-Item -Force "$artifacts/lib/audit/libava-audit.so" "$artifacts/tests/lib/audit/libava-audit.so"

    Step 'publishing ava and the drop-in libraries (NativeAOT)'
    $projects = @('libs/Ava/Ava.csproj', 'tests/AvaTest/Host/Ava.AvaTest.Host.csproj') + (Get-ChildItem -Recurse -Filter '*.Guest.csproj' -Path tests, OpenCL, Cuda, CudaRt, Mvnc, Gti, Qat, TfC, Fpga -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName }) + (Get-ChildItem -Recurse -Filter '*.Icd.csproj' -Path OpenCL | ForEach-Object { $_.FullName })
    foreach ($project in $projects) {
        $name = [IO.Path]::GetFileNameWithoutExtension($project)
        dotnet publish $project -c Release -o "$artifacts/obj/$name" --nologo -v:q | Out-Host
    }

    Step 'building tests and benchmarks'
    dotnet build Ava.slnx -c Release --nologo -v:q | Out-Host
}

if ($Demo) {
    Step 'ava doctor: what remoting would do on this machine'
    & "$artifacts/bin/ava" doctor | Out-Host
    Step 'demo: an unmodified OpenCL program, natively and remoted through ava'
    # A Rodinia-style workload (hotspot: iterated stencil kernels and transfers) at a quick scale.
    $program = "$artifacts/workloads/hotspot"
    $native = & $program 0.3
    $native | Out-Host
    Write-Host '--- through ava run (worker process owns the device) ---'
    $remoted = & "$artifacts/bin/ava" run -- $program 0.3
    $remoted | Out-Host
    if (($native -join "`n") -ne ($remoted -join "`n")) {
        Write-Host 'demo: outputs DIFFER' -ForegroundColor Red
        exit 1
    }
    Write-Host 'demo: identical output natively and remoted' -ForegroundColor Green
    Step 'demo: a real Rodinia 3.1 program (hotspot, OpenCL) built from the suite, natively and remoted, outputs compared'
    # Builds only hotspot from shared/rodinia (read-only) into artifacts/rodinia; exits non-zero when the outputs differ.
    & "$artifacts/bin/ava" bench rodinia --quick --only hotspot --rounds 1 --no-history | Out-Host
}

if ($Test) {
    Step 'running tests'
    # A failing test project must not stop the others: totals are counted over every run.
    $PSNativeCommandUseErrorActionPreference = $false
    $passed = 0; $failed = 0; $skipped = 0
    $testProjects = Get-ChildItem -Recurse -Filter '*.Tests.csproj' -Path tests | Sort-Object FullName
    foreach ($project in $testProjects) {
        dotnet test $project.FullName -c Release --no-build --nologo 2>&1 | Tee-Object -Variable lines | Out-Host
        $summary = $lines | Select-String -Pattern 'Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)' | Select-Object -Last 1
        if ($summary) {
            $failed += [int]$summary.Matches[0].Groups[1].Value
            $passed += [int]$summary.Matches[0].Groups[2].Value
            $skipped += [int]$summary.Matches[0].Groups[3].Value
        } else {
            Write-Host "no test summary from $($project.Name)" -ForegroundColor Red
            $failed += 1
        }
    }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}
