#!/usr/bin/env bash
# Schemathesis against the OpenAPI document that `tend serve` publishes at /api/openapi.json:
# every check (server errors, status codes, content types, response schemas, negative-data
# rejection, positive-data acceptance, auth, stateful links), bounded and seeded.
#
# Usage: Tests/APIFuzz/run.sh          (MAX_EXAMPLES=N SEED=S TEND_BIN=path to override)
# Exit status: schemathesis's (non-zero when any check failed). Reports go to $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${VENV:-.venv-apifuzz}
MAX_EXAMPLES=${MAX_EXAMPLES:-60}
SEED=${SEED:-20261130}
OUT=${OUT:-.build/apifuzz}

test -x "$VENV/bin/python" || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import schemathesis" 2>/dev/null || "$VENV/bin/pip" install -q -r Tests/APIFuzz/requirements.txt
VENV=$(cd "$VENV" && pwd)

if [ -z "${TEND_BIN:-}" ]; then
  swift build --product tend -j 2
  TEND_BIN=.build/debug/tend
fi

WORK=$(mktemp -d)
mkdir -p "$OUT"
DB="$WORK/tend.sqlite"
"$TEND_BIN" demo --db "$DB" --patients 40 >/dev/null
TOKEN=$("$TEND_BIN" token create --db "$DB" --username supervisor)
PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

"$TEND_BIN" serve --db "$DB" --host 127.0.0.1 --port "$PORT" > "$OUT/server.log" 2>&1 &
SERVER=$!
cleanup() { kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

status=0
# Run from $OUT so that schemathesis's own cache (.schemathesis/, failures replayed first) stays there.
ROOT=$PWD
(cd "$OUT" && PYTHONPATH="$ROOT" SCHEMATHESIS_HOOKS=Tests.APIFuzz.hooks "$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/api/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --workers 1 \
  --request-timeout 10 \
  --generation-database none \
  --no-color \
  --report junit,ndjson --report-dir .) || status=$?

# A stack trace or a crash in the server's log is a failure even when every response looked fine.
if grep -qiE 'fatal error|stack trace|backtrace|Thread [0-9]+ crashed' "$OUT/server.log"; then
  echo "the server logged a crash; see $OUT/server.log" >&2
  status=1
fi
exit "$status"
