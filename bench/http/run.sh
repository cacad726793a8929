#!/usr/bin/env bash
# Throughput of the HTTPServer module on loopback with wrk (release build).
# The bench server is compiled against the release HTTPServer module without a Package.swift
# product. Usage: bench/http/run.sh [seconds] [port]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
PORT=${2:-8089}
OUT=bench/out
mkdir -p "$OUT"

swift build -c release --target HTTPServer -j 2
BIN=$(swift build -c release --show-bin-path)
swiftc -O -parse-as-library -module-name BenchServer \
  -I "$BIN/Modules" -I Sources/CLinux \
  bench/http/BenchServer.swift "$BIN"/HTTPServer.build/*.o \
  -o "$OUT/bench-http-server"

"$OUT/bench-http-server" "$PORT" 2 > "$OUT/bench-http-server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$OUT/bench-http-server.log" && break; sleep 0.1; done

echo "== wrk -t1 -c50 -d${SECONDS_PER_RUN}s (keep-alive, 50 connections)"
wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" "http://127.0.0.1:$PORT/" | tee "$OUT/wrk-c50.txt"
echo "== wrk -t1 -c1 -d${SECONDS_PER_RUN}s (one connection: latency)"
wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" "http://127.0.0.1:$PORT/" | tee "$OUT/wrk-c1.txt"

kill -TERM "$SERVER"
wait "$SERVER"
trap - EXIT
cat "$OUT/bench-http-server.log"
