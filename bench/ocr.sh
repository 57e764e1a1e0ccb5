#!/usr/bin/env bash
# OCR throughput against the plain shell pipeline on the same scanned pages:
#   pdftoppm -r 300 -gray -f N -l N FILE | tesseract - - -l fra
# one core and two, then delib (no cache, --jobs 1 and 2) and delib again
# with a warm cache.   bench/ocr.sh [N_FILES] [ROUNDS]   (default 2 scanned
# PDFs, 1 round). With ROUNDS > 1 the one-core comparison (shell pipeline,
# then delib --jobs 1) is repeated that many times more, interleaved, and
# each round's ratio printed: single runs on a shared VM vary by 10 %.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${DELIB_CORPUS:-../shared/corpus}"
n="${1:-2}"
cargo build --release --quiet
files=$(awk -F'\t' 'NR>1 && $7=="no" && $1 ~ /\.pdf$/ {print $1"\t"$6}' "$corpus/CATALOG.tsv" | head -n "$n")
jobs=$(mktemp); : > "$jobs"
pages=0
while IFS=$'\t' read -r p np; do
  for i in $(seq 1 "$np"); do echo "$corpus/$p $i" >> "$jobs"; done
  pages=$((pages + np))
done <<< "$files"
now() { date +%s.%N; }
shell_page() { pdftoppm -r 300 -gray -f "$2" -l "$2" "$1" | OMP_THREAD_LIMIT=1 tesseract - - -l fra >/dev/null 2>&1; }
export -f shell_page
cache=$(mktemp -d)
list=$(cut -f1 <<< "$files" | sed "s|^|$corpus/|")

t0=$(now); xargs -a "$jobs" -L1 -P1 bash -c 'shell_page "$0" "$1"'; t1=$(now)
xargs -a "$jobs" -L1 -P2 bash -c 'shell_page "$0" "$1"'; t2=$(now)
./target/release/delib extract --quiet --jobs 1 --no-cache $list > /dev/null; t3=$(now)
./target/release/delib extract --quiet --jobs 2 --cache-dir "$cache" $list > /dev/null; t4=$(now)
./target/release/delib extract --quiet --jobs 2 --cache-dir "$cache" $list > /dev/null; t5=$(now)
extra="${2:-1}"
for r in $(seq 2 "$extra"); do
  u0=$(now); xargs -a "$jobs" -L1 -P1 bash -c 'shell_page "$0" "$1"'; u1=$(now)
  ./target/release/delib extract --quiet --jobs 1 --no-cache $list > /dev/null; u2=$(now)
  awk -v p="$pages" -v r="$r" -v a="$u0" -v b="$u1" -v c="$u2" 'BEGIN {
    printf "round %d: shell pipeline %.2f s/page, delib --jobs 1 %.2f s/page (%.2fx)\n", r, (b - a) / p, (c - b) / p, (c - b) / (b - a) }'
done
rm -rf "$cache" "$jobs"
awk -v p="$pages" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" 'BEGIN {
  s1 = (b - a) / p; s2 = (c - b) / p; d1 = (d - c) / p; d2 = (e - d) / p; dc = (f - e) / p;
  printf "%d scanned pages\n", p;
  printf "shell pipeline, 1 process at a time  %6.2f s/page\n", s1;
  printf "shell pipeline, 2 at a time          %6.2f s/page\n", s2;
  printf "delib --jobs 1 (no cache)            %6.2f s/page  (%.2fx the shell pipeline)\n", d1, d1 / s1;
  printf "delib --jobs 2 (cold cache)          %6.2f s/page  (%.2fx faster than --jobs 1)\n", d2, d1 / d2;
  printf "delib --jobs 2 (warm cache)          %6.3f s/page  (%.0fx faster than cold)\n", dc, d2 / dc;
}'
