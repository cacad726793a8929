#!/usr/bin/env bash
# Throughput of Tend's JSON API against a standard-library Python baseline (bench/api/baseline.py)
# on copies of one demo database: audited reads, searches and creates, each with wrk on loopback.
# Every request of both servers is a write transaction (an audit row) with an fsync.
#
# Usage: bench/api/run.sh [seconds per run, 5] [patients, 20000]
# Env: CONNECTIONS (8), WORKERS (tend serve --workers, 4), PROFILE=1 adds `strace -c -f` of Tend's creates.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-5}
PATIENTS=${2:-20000}
CONNECTIONS=${CONNECTIONS:-8}
WORKERS=${WORKERS:-4}
OUT=bench/out/api
rm -rf "$OUT" && mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 200); do curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$1" 2>/dev/null && return 0; sleep 0.05; done; echo "no server at $1" >&2; return 1; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
errors() { awk '/Non-2xx/ {print $5} END {}' "$1" | head -1; }

swift build -c release --product tend -j 2
TEND=.build/release/tend
echo "== demo database with $PATIENTS patients"
"$TEND" demo --db "$OUT/tend.sqlite" --patients "$PATIENTS" >/dev/null
TOKEN=$("$TEND" token create --db "$OUT/tend.sqlite" --username supervisor)
python3 - "$OUT" <<'PY'
import sqlite3, sys
out = sys.argv[1]
src = sqlite3.connect(f"{out}/tend.sqlite")
with open(f"{out}/ids.txt", "w") as f:
    for (pid,) in src.execute("SELECT public_id FROM patients ORDER BY random() LIMIT 5000"):
        f.write(pid + "\n")
dst = sqlite3.connect(f"{out}/python.sqlite")
src.backup(dst)
dst.execute("PRAGMA journal_mode = WAL")
PY
export BENCH_IDS="$OUT/ids.txt"

SERVER=
stop() { if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap stop EXIT

bench() {  # name base-url
  local name=$1 url=$2
  for kind in read search create; do
    local target="$url/api/v1/patients"
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "bench/api/$kind.lua" -H "Authorization: Bearer $TOKEN" "$target" > "$OUT/$name-$kind.txt"
    printf '  %-7s %-7s %10s req/s  %s\n' "$name" "$kind" "$(rate "$OUT/$name-$kind.txt")" "$(grep -E 'Non-2xx|Socket errors' "$OUT/$name-$kind.txt" | tr -s ' ' | tr '\n' ' ')"
  done
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
PORT=$(free_port)
"$TEND" serve --db "$OUT/tend.sqlite" --port "$PORT" --workers "$WORKERS" > "$OUT/tend-serve.log" 2>&1 &
SERVER=$!
wait_for "http://127.0.0.1:$PORT/api/v1/patients?limit=1"
echo "== Tend (release, --workers $WORKERS), wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
bench tend "http://127.0.0.1:$PORT"
if [ "${PROFILE:-0}" = 1 ]; then
  echo "== strace -c -f of Tend during creates"
  strace -c -f -p "$SERVER" -o "$OUT/tend-strace.txt" & STRACE=$!
  sleep 0.5
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/api/create.lua -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/patients" > "$OUT/tend-create-strace.txt"
  kill -INT "$STRACE"; wait "$STRACE" || true
  head -15 "$OUT/tend-strace.txt"
fi
stop

PORT=$(free_port)
python3 bench/api/baseline.py "$OUT/python.sqlite" "$PORT" > "$OUT/python-serve.log" 2>&1 &
SERVER=$!
wait_for "http://127.0.0.1:$PORT/api/v1/patients?limit=1"
echo "== Python baseline (ThreadingHTTPServer + sqlite3, WAL, synchronous=FULL)"
bench python "http://127.0.0.1:$PORT"
stop
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== req/s (Tend / Python)"
for kind in read search create; do
  t=$(rate "$OUT/tend-$kind.txt"); p=$(rate "$OUT/python-$kind.txt")
  printf '  %-7s Tend %10s  Python %10s  ratio %s\n' "$kind" "$t" "$p" "$(python3 -c "print(f'{float(\"$t\")/float(\"$p\"):.2f}x')")"
done
echo "load average: start $LOAD_START, end $LOAD_END ($(nproc) cores; the machine is shared)"
echo "== both audit chains intact after the load"
"$TEND" audit verify --db "$OUT/tend.sqlite"
"$TEND" audit verify --db "$OUT/python.sqlite"
