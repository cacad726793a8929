#!/usr/bin/env bash
# Exactness gate for the risk CLI (release build): compare.py must report 0 mismatches for V28, V24 and
# comorbidity on ../shared/data/risk-dev's 5k and edge-case files (--terms --strict for HCC).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
K=../shared/tools/oracles
D=../shared/data/risk-dev
OUT=bench/out
mkdir -p "$OUT"
swift build -c release -j 2 --product tend >/dev/null
TEND=.build/release/tend
status=0
check() {  # kind, expected, input, tend arguments...
  local kind="$1" expected="$2" input="$3"; shift 3
  local flags=(); [ "$kind" = hcc ] && flags=(--terms --strict)
  $TEND risk "$@" --input "$D/$input" --output "$OUT/check.jsonl" 2>/dev/null
  printf '%-28s %-18s ' "$expected" "$input"
  python3 "$K/compare.py" --kind "$kind" "${flags[@]}" "$D/$expected" "$OUT/check.jsonl" | tail -1 || status=1
}
check hcc expected_v28_2026.jsonl members_5k.jsonl score --model cms-hcc-v28 --year 2026
check hcc edge_expected_v28_2026.jsonl edge_cases.jsonl score --model cms-hcc-v28 --year 2026
check hcc expected_v24_2025.jsonl members_5k.jsonl score --model cms-hcc-v24 --year 2025
check hcc edge_expected_v24_2025.jsonl edge_cases.jsonl score --model cms-hcc-v24 --year 2025
check comorbidity expected_comorbidity.jsonl members_5k.jsonl comorbidity
check comorbidity edge_expected_comorbidity.jsonl edge_cases.jsonl comorbidity
exit $status
