#!/usr/bin/env bash
# Speed of Tend's risk engine against the oracle packages on the same generated members (issue 4).
# Not a timed test: prints members/s of each engine and Tend's ratios.
#
#   bash bench/risk/run.sh                # 1,000,000 members; peers on the first 100,000 (PEER_N)
#   N=200000 PEER_N=50000 PEER_JOBS=2 VENV=/tmp/oracle-venv bash bench/risk/run.sh
#
# Every engine's rate is the one it prints itself (Tend: reading, scoring and writing the file, tables
# included; the oracle scripts: from their start after imports, tables included). Tend uses all cores
# (JOBS, default 2); the peers run PEER_JOBS processes (default 1, as in ../shared/data/risk-dev/README.md;
# pycomorb has no --jobs). Output goes to bench/out/ (git-ignored). The machine is shared: the load average
# is printed at start and end, and only ratios measured in the same run should be compared. Floors: the
# time `cat` takes to copy the input to a file (I/O limit) and Tend on one thread.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
K=../shared/tools/oracles
OUT=bench/out
N="${N:-1000000}"
PEER_N="${PEER_N:-100000}"
PEER_JOBS="${PEER_JOBS:-1}"
JOBS="${JOBS:-2}"
VENV="${VENV:-/tmp/oracle-venv}"
mkdir -p "$OUT"

[ -x "$VENV/bin/python" ] || bash "$K/setup.sh" "$VENV"
swift build -c release -j 2 --product tend >/dev/null
TEND=.build/release/tend

MEMBERS="$OUT/members_$N.jsonl"
[ -s "$MEMBERS" ] || python3 "$K/gen_population.py" --seed 20261130 --n "$N" --out "$MEMBERS"
PEER_INPUT="$MEMBERS"
if [ "$PEER_N" -lt "$N" ]; then
  PEER_INPUT="$OUT/members_${N}_first_$PEER_N.jsonl"
  head -n "$PEER_N" "$MEMBERS" > "$PEER_INPUT"
fi

rate() {  # last "= 12,345 members/s" printed on stderr -> 12345
  grep -o '= [0-9,]* members/s' "$1" | tail -1 | tr -d '=, members/'
}
run() {  # name, log, command...
  local name="$1" log="$OUT/$2.log"; shift 2
  "$@" 2> "$log" >/dev/null || { echo "$name failed:"; cat "$log"; exit 1; }
  printf '%-34s %12s members/s\n' "$name" "$(rate "$log")"
}

echo "load at start: $(cat /proc/loadavg)"
echo "members: $N (Tend), $(wc -l < "$PEER_INPUT") (peers, first lines of the same file); Tend jobs $JOBS, peer jobs $PEER_JOBS"
run "tend V28 2026"               tend_v28  $TEND risk score --model cms-hcc-v28 --year 2026 --input "$MEMBERS" --output "$OUT/tend_v28.jsonl" --jobs "$JOBS"
run "tend V24 2025"               tend_v24  $TEND risk score --model cms-hcc-v24 --year 2025 --input "$MEMBERS" --output "$OUT/tend_v24.jsonl" --jobs "$JOBS"
run "tend comorbidity"            tend_com  $TEND risk comorbidity --input "$MEMBERS" --output "$OUT/tend_comorbidity.jsonl" --jobs "$JOBS"
run "tend V28 2026, 1 thread"      tend_v28_1 $TEND risk score --model cms-hcc-v28 --year 2026 --input "$MEMBERS" --output "$OUT/tend_v28_1.jsonl" --jobs 1
# I/O floor: copying the input file (reading ~124 B and writing ~124 B a member; Tend writes ~200 B).
start=$(date +%s.%N); cat "$MEMBERS" > "$OUT/copy.jsonl"; end=$(date +%s.%N)
awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "%-34s %12d members/s  (cat input > file)\n", "I/O floor", n / (e - s) }'
run "hccinfhir V28 2026"          hcc_v28   "$VENV/bin/python" "$K/score_hcc.py" --model cms-hcc-v28 --year 2026 --engine hccinfhir --jobs "$PEER_JOBS" --input "$PEER_INPUT" --output "$OUT/hccinfhir_v28.jsonl"
run "RAM V28 2026"                ram_v28   "$VENV/bin/python" "$K/score_hcc.py" --model cms-hcc-v28 --year 2026 --engine ram --jobs "$PEER_JOBS" --input "$PEER_INPUT" --output "$OUT/ram_v28.jsonl"
run "RAM V24 2025"                ram_v24   "$VENV/bin/python" "$K/score_hcc.py" --model cms-hcc-v24 --year 2025 --engine ram --jobs "$PEER_JOBS" --input "$PEER_INPUT" --output "$OUT/ram_v24.jsonl"
run "pycomorb Charlson+Elixhauser" pycomorb "$VENV/bin/python" "$K/score_comorbidity.py" --input "$PEER_INPUT" --output "$OUT/pycomorb.jsonl"

ratio() { awk -v a="$(rate "$OUT/$1.log")" -v b="$(rate "$OUT/$2.log")" -v goal="$3" \
  'BEGIN { r = a / b; printf "%-34s %9.1fx   (goal >= %dx: %s)\n", ENVIRON["LABEL"], r, goal, (r >= goal ? "met" : "NOT met") }'; }
echo
LABEL="V28: tend / hccinfhir" ratio tend_v28 hcc_v28 100
LABEL="V28: tend / RAM" ratio tend_v28 ram_v28 40
LABEL="V24: tend / RAM" ratio tend_v24 ram_v24 40
LABEL="comorbidity: tend / pycomorb" ratio tend_com pycomorb 10
echo "load at end: $(cat /proc/loadavg)"

# Same answers on the peers' slice (known oracle differences: ../shared/tools/oracles/README.md).
head -n "$(wc -l < "$PEER_INPUT")" "$OUT/tend_comorbidity.jsonl" > "$OUT/tend_comorbidity_slice.jsonl"
head -n "$(wc -l < "$PEER_INPUT")" "$OUT/tend_v28.jsonl" > "$OUT/tend_v28_slice.jsonl"
echo
echo "tend vs pycomorb:  $(python3 "$K/compare.py" --kind comorbidity "$OUT/pycomorb.jsonl" "$OUT/tend_comorbidity_slice.jsonl" | tail -1)"
echo "tend vs hccinfhir: $(python3 "$K/compare.py" --kind hcc "$OUT/hccinfhir_v28.jsonl" "$OUT/tend_v28_slice.jsonl" | tail -1) (raw hccinfhir: error 6 of the oracle README)"
