#!/usr/bin/env bash
# Builds the FHIR module sources with the benchmark as one optimised program and runs it.
# Usage: bench/fhir-parse/run.sh [synthea-directory]   (from the package root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
swiftc -O -wmo -module-name FHIRBench \
  $(find "$root/Sources/FHIR" -name '*.swift' | sort) "$root/bench/fhir-parse/main.swift" \
  -o "$out/fhir-parse"
"$out/fhir-parse" "${1:-$root/../shared/data/synthea-r4}"
