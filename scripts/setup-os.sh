#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, only when missing (idempotent):
# Mosquitto (broker + clients), socat (pseudo-terminal pairs for the bridge's and the relay modem's
# serial tests) and python3 (the bridge's host-side MicroPython code, the model of the original host and
# the relay's modem firmware run under CPython on simulated boards).
set -euo pipefail

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v openssl >/dev/null 2>&1 || need+=(openssl)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "setup-os: installing ${need[*]} from Debian's packages" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${need[@]}"
