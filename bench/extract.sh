#!/usr/bin/env bash
# Extraction speed against pdftotext, on the same text-layer PDFs, in one run.
#   bench/extract.sh [N_FILES] [ROUNDS]
#     N_FILES: first N text-layer PDFs of the catalog (default: all of them)
#     ROUNDS:  how many times each measurement is repeated, interleaved (default 2)
# Measures, each round:
#   pdftotext            one process per file, as a user would run it (text only)
#   delib pdf text       one `delib __pdf-worker` serving every file (delib's PDF stage alone)
#   delib extract -j1/-j2  the whole pipeline, PDF -> records, `--ocr never`
# and prints wall time and CPU time (user+sys, children included) with ms/page,
# pages/s and ratios to pdftotext of the same round. On a shared machine the CPU
# ratios are the figures to trust; wall ratios need an idle machine.
# Then peak resident memory (GNU time, largest of delib and its workers) over the
# whole corpus and over the corpus listed 5 times.
# Needs poppler-utils and GNU time (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${DELIB_CORPUS:-../shared/corpus}"
corpus="$(cd "$corpus" && pwd)"
rounds="${2:-2}"
cargo build --release --quiet --bin delib
delib="$PWD/target/release/delib"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
list="$tmp/list"
awk -F'\t' 'NR>1 && $7=="yes" && $1 ~ /\.pdf$/ {print $1"\t"$6}' "$corpus/CATALOG.tsv" \
  | while IFS=$'\t' read -r p n; do [ -f "$corpus/$p" ] && printf '%s\t%s\n' "$corpus/$p" "$n"; done > "$tmp/catalog"
if [ -n "${1:-}" ]; then head -n "$1" "$tmp/catalog" > "$tmp/c" && mv "$tmp/c" "$tmp/catalog"; fi
cut -f1 "$tmp/catalog" > "$list"
files=$(wc -l < "$list")
pages=$(awk -F'\t' '{s+=$2} END {print s+0}' "$tmp/catalog")

# measure NAME CMD...: appends "NAME wall cpu" to $tmp/times
measure() {
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S" -o "$tmp/t" "$@" > /dev/null 2>&1 || true
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$tmp/t" >> "$tmp/times"
}
pdftotext_all() { while read -r f; do pdftotext -q "$f" - > /dev/null || true; done < "$list"; }
export -f pdftotext_all
export list

echo "$files text-layer PDFs, $pages pages; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  : > "$tmp/times"
  measure pdftotext bash -c pdftotext_all
  measure pdf-stage bash -c "\"$delib\" __pdf-worker < \"$list\""
  measure extract-j1 "$delib" extract --quiet --ocr never --jobs 1 --files-from "$list" -o /dev/null
  measure extract-j2 "$delib" extract --quiet --ocr never --jobs 2 --files-from "$list" -o /dev/null
  echo "round $r (load average $(cut -d' ' -f1 /proc/loadavg))"
  awk -v p="$pages" '
    NR == 1 { w0 = $2; c0 = $3 }
    { printf "  %-11s wall %6.2f s %6.2f ms/page %5.0f pages/s (%.2fx pdftotext)   cpu %6.2f s %5.2f ms/page (%.2fx)\n",
        $1, $2, $2 * 1000 / p, p / $2, $2 / w0, $3, $3 * 1000 / p, $3 / c0 }
    $1 == "extract-j1" { j1 = $2 }
    $1 == "extract-j2" { printf "  --jobs 2 is %.2fx faster than --jobs 1 (wall)\n", j1 / $2 }' "$tmp/times"
done

# Peak memory: every PDF of the corpus (scans included, no OCR), then 5 times over.
find "$corpus/pdf" -name '*.pdf' | sort > "$tmp/all"
for i in 1 2 3 4 5; do cat "$tmp/all"; done > "$tmp/all5"
for l in all all5; do
  /usr/bin/time -f "%M" -o "$tmp/m" "$delib" extract --quiet --ocr never --files-from "$tmp/$l" -o /dev/null 2>/dev/null || true
  echo "peak RSS, $(wc -l < "$tmp/$l") inputs: $(( $(tail -n1 "$tmp/m") / 1024 )) MB"
done
