#!/usr/bin/env bash
# Extracts the whole corpus with a release build and scores it against the
# gold: scripts/score.sh [GOLD_DIR] (default: all of ../shared/corpus/gold).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${DELIB_CORPUS:-../shared/corpus}"
gold="${1:-$corpus/gold}"
out="${OUT:-target/score.jsonl}"
cargo build --release --quiet
find "$corpus/pdf" "$corpus/seed" "$corpus/text" -type f \( -name '*.pdf' -o -name '*.txt' \) | sort \
  | xargs ./target/release/delib extract > "$out" 2> target/score.errors || true
python3 "$(dirname "$corpus")/eval/score.py" "$gold" "$out" --show-misses "${MISSES:-3}"
