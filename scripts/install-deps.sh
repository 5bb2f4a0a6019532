#!/usr/bin/env bash
# Installs the system packages deltactl builds against (Debian): zlib, zstd, snappy, lz4 headers and pkg-config.
# Skips apt when everything is present already.
set -euo pipefail
need=()
for pkg in zlib1g-dev libzstd-dev libsnappy-dev liblz4-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null 2>&1 || { echo "swift not found: install Swift 6.1 or later (https://swift.org/install)" >&2; exit 1; }
