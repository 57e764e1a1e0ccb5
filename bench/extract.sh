#!/usr/bin/env bash
# Extraction speed against pdftotext, on the same text-layer PDFs, in one run.
#   bench/extract.sh [N_FILES]   (default: every text-layer PDF of the corpus)
# pdftotext runs one process per file, as a user would run it; delib runs once
# over all files (--jobs 1, and all cores), its PDF stage in isolated workers.
# Prints ms/page for each and the ratio. Needs poppler-utils (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${DELIB_CORPUS:-../shared/corpus}"
cargo build --release --quiet
list=$(mktemp)
awk -F'\t' 'NR>1 && $7=="yes" && $1 ~ /\.pdf$/ {print $1}' "$corpus/CATALOG.tsv" \
  | while read -r p; do [ -f "$corpus/$p" ] && echo "$corpus/$p"; done > "$list"
[ -n "${1:-}" ] && { head -n "$1" "$list" > "$list.n"; mv "$list.n" "$list"; }
files=$(wc -l < "$list")
pages=$(awk -F'\t' 'NR>1 && $7=="yes" {print $1"\t"$6}' "$corpus/CATALOG.tsv" \
  | while IFS=$'\t' read -r p n; do if grep -qxF "$corpus/$p" "$list"; then echo "$n"; fi; done | awk '{s+=$1} END {print s+0}')
now() { date +%s.%N; }

t0=$(now)
while read -r f; do pdftotext -q "$f" - > /dev/null || true; done < "$list"
t1=$(now)
xargs -a "$list" -d '\n' ./target/release/delib extract --quiet --jobs 1 > /dev/null 2>&1 || true
t2=$(now)
xargs -a "$list" -d '\n' ./target/release/delib extract --quiet > /dev/null 2>&1 || true
t3=$(now)

awk -v f="$files" -v p="$pages" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v j="$(nproc)" 'BEGIN {
  pt = (b - a) * 1000 / p; d1 = (c - b) * 1000 / p; dn = (d - c) * 1000 / p;
  printf "%d text-layer PDFs, %d pages\n", f, p;
  printf "pdftotext (one process per file) %7.2f ms/page\n", pt;
  printf "delib extract --jobs 1           %7.2f ms/page  (%.2fx pdftotext time)\n", d1, d1 / pt;
  printf "delib extract --jobs %d           %7.2f ms/page  (%.2fx pdftotext time)\n", j, dn, dn / pt;
}'
rm -f "$list"
