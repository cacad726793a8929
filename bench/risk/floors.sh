#!/usr/bin/env bash
# The limits under `tend risk run` on a database made by population.sh: SQLite alone reading the diagnoses
# in patient order (the covering index the run reads) and writing the scores (same rows, same indexes,
# one INSERT ... SELECT copying the last run inside SQLite, no Swift at all).
#   bash bench/risk/floors.sh bench/out/population_1000000.sqlite
set -euo pipefail
DB="$1"
t() { local s e; s=$(date +%s.%N); sqlite3 "$DB" "$2" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" -v l="$1" 'BEGIN { printf "%-44s %6.2f s\n", l, e - s }'; }
t "read dx by patient (covering index)" "SELECT count(*), sum(length(code)) FROM (SELECT patient_id, code_system, code FROM clinical_conditions WHERE organization_id = 1 AND clinical_status <> 'entered-in-error' ORDER BY patient_id);"
t "read Patient+Coverage JSON by patient" "SELECT count(*), sum(length(content)) FROM (SELECT patient_id, resource_type, content FROM fhir_resources WHERE organization_id = 1 AND resource_type IN ('Coverage', 'Patient') ORDER BY patient_id);"
t "read patients + previous score" "SELECT count(*) FROM (SELECT p.public_id FROM patients p LEFT JOIN risk_scores prev ON prev.organization_id = p.organization_id AND prev.run_id = 1 AND prev.patient_row_id = p.id WHERE p.organization_id = 1 ORDER BY p.public_id);"
t "write 1 run of scores (same indexes)" "PRAGMA synchronous = FULL; PRAGMA cache_size = -131072; BEGIN; INSERT INTO risk_scores (organization_id, run_id, patient_row_id, score_thousandths, score, tier, delta, hccs, ed_visits, admissions, readmissions, total_cost_cents, lace, explanation) SELECT organization_id, 999999, patient_row_id, score_thousandths, score, tier, delta, hccs, ed_visits, admissions, readmissions, total_cost_cents, lace, explanation FROM risk_scores WHERE run_id = (SELECT max(id) FROM risk_runs); ROLLBACK;"
