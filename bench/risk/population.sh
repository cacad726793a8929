#!/usr/bin/env bash
# `tend risk run` over a generated population in SQLite (issue 4; not a timed test).
#
#   bash bench/risk/population.sh             # 1,000,000 members
#   N=200000 bash bench/risk/population.sh
#   TEND=/tmp/tend-before N=200000 bash bench/risk/population.sh   # another build (e.g. before a change)
#
# Generates N members (gen_population.py of ../shared/tools/oracles, fixed seed), imports them with
# `tend import members` into a fresh database (timed), then times `tend risk run` twice (the second run
# also computes rising deltas against the first) and the Python-over-SQLite baseline (population_baseline.py:
# read dx ordered by patient, look HCCs up in the same CSV tables, simple sum, write one row per member)
# on the same database. Prints members/s, peak RSS, the <=30 s verdict and the ratio. The machine is shared:
# the load average is printed at start and end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
K=../shared/tools/oracles
OUT=bench/out
N="${N:-1000000}"
mkdir -p "$OUT"
if [ -z "${TEND:-}" ]; then
  swift build -c release -j 2 --product tend >/dev/null
  TEND=.build/release/tend
fi
MEMBERS="$OUT/members_$N.jsonl"
[ -s "$MEMBERS" ] || python3 "$K/gen_population.py" --seed 20261130 --n "$N" --out "$MEMBERS"
DB="$OUT/population_$N.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
$TEND migrate --db "$DB" >/dev/null
$TEND org add --db "$DB" --name Bench >/dev/null

echo "load at start: $(cat /proc/loadavg)"
seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }
start=$(date +%s.%N)
/usr/bin/time -v $TEND import members --db "$DB" --org Bench "$MEMBERS" > "$OUT/population_import.log" 2>&1
end=$(date +%s.%N)
printf '%-28s %8s s  %10d members/s  peak RSS %d MB  (%s)\n' "tend import members" "$(seconds "$start" "$end")" \
  "$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { print int(n / (e - s)) }')" \
  "$(grep 'Maximum resident' "$OUT/population_import.log" | awk '{ print int($6 / 1024) }')" "$(grep -o '[0-9]* resources/s' "$OUT/population_import.log")"
ls -l "$DB" | awk '{ printf "database after import: %.0f MB\n", $5 / 1e6 }'

run() {  # label
  local log="$OUT/population_run.log"
  start=$(date +%s.%N)
  /usr/bin/time -v $TEND risk run --db "$DB" --as-of 2025-12-31 > "$log" 2> "$log.err"
  end=$(date +%s.%N)
  local s; s=$(seconds "$start" "$end")
  printf '%-28s %8s s  %10d members/s  peak RSS %d MB  (<= 30 s: %s)\n' "$1" "$s" \
    "$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { print int(n / (e - s)) }')" \
    "$(grep 'Maximum resident' "$log.err" | awk '{ print int($6 / 1024) }')" "$(awk -v s="$s" 'BEGIN { print (s <= 30 ? "met" : "NOT met") }')"
  sed 's/^/    /' "$log"
  TEND_LAST="$s"
}
run "tend risk run (first)"
run "tend risk run (second)"
start=$(date +%s.%N)
python3 bench/risk/population_baseline.py "$DB" 2> "$OUT/population_baseline.log"
end=$(date +%s.%N)
PY=$(seconds "$start" "$end")
printf '%-28s %8s s  %10d members/s  (%s)\n' "python baseline" "$PY" \
  "$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { print int(n / (e - s)) }')" "$(cat "$OUT/population_baseline.log")"
awk -v t="$TEND_LAST" -v p="$PY" 'BEGIN { printf "tend / python baseline (time ratio, >1 = tend faster): %.2fx\n", p / t }'
ls -l "$DB" | awk '{ printf "database after two runs: %.0f MB\n", $5 / 1e6 }'
echo "load at end: $(cat /proc/loadavg)"
