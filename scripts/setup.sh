#!/usr/bin/env bash
# Installs the system packages delib uses, on Debian: poppler-utils
# (pdftoppm renders scanned pages for OCR; pdftotext is the comparison in
# bench/) and Tesseract with its French model (OCR of scanned pages).
# libxml2-utils (xmllint, for the Akoma Ntoso export tests).
# Safe to run again; needs root or sudo for apt-get.
set -euo pipefail
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx fra || need+=(tesseract-ocr-fra)
# xmllint validates the Akoma Ntoso export against its XSD in the tests.
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo not found; install Rust (rustup)" >&2; exit 1; }
echo "setup: ok"
