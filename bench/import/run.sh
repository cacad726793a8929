#!/usr/bin/env bash
# Import benchmark: builds the release `tend`, then imports the 103 Synthea bundles into fresh
# databases with it and with a short Python-over-SQLite baseline. Run from anywhere; RUNS=5 for more.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "${SKIP_BUILD:-}" = 1 ] || swift build -c release -j 2 --product tend
python3 bench/import/bench.py
