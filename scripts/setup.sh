#!/usr/bin/env bash
# Installs the system packages delib's tests and benchmarks use, on Debian:
# poppler-utils (pdftotext/pdftoppm, the comparison in bench/ and OCR page
# rendering). Safe to run again; needs root or sudo for apt-get.
set -euo pipefail
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo not found; install Rust (rustup)" >&2; exit 1; }
echo "setup: ok"
