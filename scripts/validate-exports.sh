#!/usr/bin/env bash
# Exports a JSON Lines file of records to SCDL Délibérations 2.1.5 and Akoma
# Ntoso 3.0 with `examples/export.rs`, then validates them offline:
#
#   - SCDL: the rows whose required columns are all known go to
#     scdl-complete.csv and are checked with `frictionless validate` against
#     ../shared/spec/scdl-deliberations.schema.json; the other rows are
#     listed, with the columns they miss, in scdl-incomplete.tsv (every row
#     is in scdl-all.csv).
#   - AKN: every document is checked with xmllint against
#     ../shared/spec/akn/akomantoso30.xsd.
#   - With --validata, scdl-complete.csv also with Validata (validata-table,
#     the official SCDL validator), which adds the schema's custom checks:
#     SIRET checksum, ACTES nomenclature prefix, PREF_DATE >= DELIB_DATE,
#     VOTE_EFFECTIF >= VOTE_REEL >= each count, VOTE_REEL = POUR + CONTRE +
#     ABSTENTION, vote columns filled together.
#   - The input records against the record's JSON Schema (`delib schema`),
#     unless --no-record-schema (for partial records such as gold files).
#
# Usage:
#   ./target/debug/delib extract ../shared/corpus/pdf/montpellier/20*.pdf > /tmp/r.jsonl
#   scripts/validate-exports.sh /tmp/r.jsonl [--out DIR] [--siret-map FILE]
#                               [--coll-siret SIRET] [--no-record-schema] [--validata]
#
# Installs what it needs: libxml2-utils (apt) and frictionless + jsonschema
# in a venv under target/. Exits 1 on any validation error, 2 on a usage or
# setup error.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${DELIB_SHARED:-$root/../shared}/spec"
input=""
out="$root/target/validate-exports"
extra=()
record_schema=1
validata=0
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --siret-map|--coll-siret) extra+=("$1" "$2"); shift 2 ;;
        --no-record-schema) record_schema=0; shift ;;
        --validata) validata=1; shift ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) if [ -z "$input" ]; then input="$1"; shift; else echo "unexpected argument: $1" >&2; exit 2; fi ;;
    esac
done
[ -n "$input" ] && [ -f "$input" ] || { echo "usage: $0 RECORDS.jsonl [--out DIR] [--siret-map FILE] [--coll-siret SIRET] [--no-record-schema]" >&2; exit 2; }
[ -f "$spec/scdl-deliberations.schema.json" ] || { echo "missing $spec/scdl-deliberations.schema.json (set DELIB_SHARED)" >&2; exit 2; }
input="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"

# --- tools ---
if ! command -v xmllint >/dev/null; then
    echo "installing libxml2-utils (xmllint)" >&2
    apt-get install -y libxml2-utils >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y libxml2-utils >/dev/null; }
fi
venv="$root/target/validate-venv"
if ! "$venv/bin/python" -c 'import frictionless, jsonschema' 2>/dev/null; then
    echo "installing frictionless and jsonschema into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q frictionless jsonschema
fi
vvenv="$root/target/validata-venv"
if [ "$validata" = 1 ] && ! "$vvenv/bin/python" -c 'import validata_core' 2>/dev/null; then
    echo "installing validata-table into $vvenv" >&2
    python3 -m venv "$vvenv"
    "$vvenv/bin/pip" install -q validata-table
fi
(cd "$root" && cargo build -q --example export)
export_bin="$root/target/debug/examples/export"

rm -rf "$out"
mkdir -p "$out"
status=0

# --- SCDL ---
"$export_bin" --format scdl "${extra[@]}" --out "$out/scdl-all.csv" \
    --complete-out "$out/scdl-complete.csv" --incomplete-out "$out/scdl-incomplete.tsv" \
    < "$input" || status=1
rows=$(($(wc -l < "$out/scdl-all.csv") - 1))
complete=$(($(wc -l < "$out/scdl-complete.csv") - 1))
echo "SCDL: $rows rows, $complete complete, $((rows - complete)) incomplete (listed in $out/scdl-incomplete.tsv)"
if [ -s "$out/scdl-incomplete.tsv" ]; then
    echo "  columns missing, by rows:"
    cut -f3 "$out/scdl-incomplete.tsv" | tr ',' '\n' | sort | uniq -c | sort -rn | sed 's/^/   /'
fi
# Frictionless refuses absolute paths unless --trusted.
if (cd "$out" && "$venv/bin/frictionless" validate --trusted \
        --schema "$spec/scdl-deliberations.schema.json" scdl-complete.csv > scdl-frictionless.txt 2>&1); then
    echo "SCDL: frictionless: valid ($complete rows checked)"
else
    echo "SCDL: frictionless: INVALID (report in $out/scdl-frictionless.txt)"
    grep -E 'constraint-error|type-error|error' "$out/scdl-frictionless.txt" | head -20 | sed 's/^/   /'
    status=1
fi

if [ "$validata" = 1 ]; then
    # The package's console script is broken; call its API (see
    # shared/spec/scdl-deliberations.README.md).
    if "$vvenv/bin/python" - "$spec/scdl-deliberations.schema.json" "$out/scdl-complete.csv" \
            > "$out/scdl-validata.txt" 2>&1 <<'PY'
import sys
from validata_core import resource_service as R, validation_service as V
path = sys.argv[2]
report = V.validate_resource(R.from_file_content(path, open(path, "rb").read()), sys.argv[1]).to_dict()
for e in report["errors"]:
    print(e["type"], e.get("rowNumber"), e.get("fieldName"), e.get("message", "").splitlines()[0])
print(("valid" if report["valid"] else "INVALID") + f": {len(report['errors'])} errors")
sys.exit(not report["valid"])
PY
    then
        echo "SCDL: validata: valid ($complete rows checked, custom checks included)"
    else
        echo "SCDL: validata: INVALID (report in $out/scdl-validata.txt)"
        head -20 "$out/scdl-validata.txt" | sed 's/^/   /'
        status=1
    fi
fi

# --- Akoma Ntoso ---
"$export_bin" --format akn --out-dir "$out/akn" < "$input" || status=1
docs=$(find "$out/akn" -name '*.xml' | wc -l)
: > "$out/akn-xmllint.txt"
if [ "$docs" -gt 0 ]; then
    find "$out/akn" -name '*.xml' -print0 | sort -z \
        | xargs -0 -n 50 xmllint --noout --nonet --schema "$spec/akn/akomantoso30.xsd" \
          >> "$out/akn-xmllint.txt" 2>&1 || true
fi
akn_valid=$(grep -c ' validates$' "$out/akn-xmllint.txt" || true)
akn_bad=$((docs - akn_valid))
echo "AKN: $docs documents, $akn_valid valid, $akn_bad invalid (xmllint report in $out/akn-xmllint.txt)"
if [ "$akn_bad" -ne 0 ]; then
    grep -v ' validates$' "$out/akn-xmllint.txt" | head -20 | sed 's/^/   /'
    status=1
fi

# --- record JSON Schema ---
if [ "$record_schema" = 1 ]; then
    "$export_bin" --schema > "$out/record.schema.json"
    if "$venv/bin/python" - "$out/record.schema.json" "$input" > "$out/record-schema.txt" <<'PY'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
lines = bad = 0
for i, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    if not line.strip():
        continue
    lines += 1
    errors = list(validator.iter_errors(json.loads(line)))
    bad += bool(errors)
    for e in errors[:3]:
        print(f"line {i}: {list(e.path)}: {e.message[:200]}")
print(f"{lines} records, {bad} invalid")
sys.exit(1 if bad else 0)
PY
    then
        echo "records: $(tail -1 "$out/record-schema.txt") against record_schema()"
    else
        echo "records: INVALID against record_schema(): $(tail -1 "$out/record-schema.txt")"
        head -10 "$out/record-schema.txt" | sed 's/^/   /'
        status=1
    fi
fi

exit $status
