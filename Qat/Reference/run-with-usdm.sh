#!/bin/sh
# Runs a command where QATzip finds what the QuickAssist kernel driver would provide: QATzip reads the USDM module's
# huge-page budget from /sys/module/usdm_drv/parameters/max_huge_pages before it uses the device, and with no such
# module here it refuses the device. The command runs in a private mount namespace (root, unshare -m) whose
# /sys/module is a tmpfs holding that one parameter; nothing outside the namespace changes.
# Usage: run-with-usdm.sh COMMAND ARGS...
set -e
exec unshare -m sh -c 'mount -t tmpfs usdm /sys/module && mkdir -p /sys/module/usdm_drv/parameters &&
    echo 1024 > /sys/module/usdm_drv/parameters/max_huge_pages && exec "$@"' run-with-usdm "$@"
