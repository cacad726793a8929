#!/usr/bin/env python3
"""Baseline for `tend risk run`: the simplest Python-over-SQLite population run on the same database.

Reads every ICD-10 diagnosis ordered by patient (the same covering index Tend reads), looks each code up
in the same V28 2026 CSV tables Tend embeds (dx -> HCC, segment coefficients), sums one HCC coefficient per
payment HCC of the patient's segment (no hierarchies, interactions, demographics or edits: it need not be
exact) and writes one row per patient into a scratch table in one transaction (synchronous=FULL, WAL, as Tend).

    python3 bench/risk/population_baseline.py DB.sqlite
Prints "= N members/s" on stderr like the Tend commands.
"""
import csv
import os
import sqlite3
import sys
import time

TABLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/RiskModels/Tables")


def main(path):
    start = time.perf_counter()
    dx_to_hcc = {}
    with open(os.path.join(TABLES, "v28_2026_dx_to_hcc.csv")) as f:
        for row in csv.DictReader(f):
            if row["in_ram"] == "1":
                dx_to_hcc.setdefault(row["icd10"], []).append(row["hcc"])
    coefficient = {}
    with open(os.path.join(TABLES, "v28_2026_coefficients.csv")) as f:
        for row in csv.DictReader(f):
            coefficient[(row["segment"], row["term"])] = float(row["value"])
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = FULL")
    db.execute("DROP TABLE IF EXISTS baseline_scores")
    db.execute("CREATE TABLE baseline_scores (patient_id TEXT, score REAL, hccs TEXT)")
    db.execute("BEGIN")
    out = []
    members = 0

    def flush(patient, hccs):
        score = sum(coefficient.get(("CNA", h), 0.0) for h in hccs)
        out.append((patient, score, " ".join(sorted(hccs))))

    current, hccs = None, set()
    for patient, code in db.execute(
            "SELECT patient_id, code FROM clinical_conditions WHERE organization_id = 1 "
            "AND code_system = 'http://hl7.org/fhir/sid/icd-10-cm' ORDER BY patient_id"):
        if patient != current:
            if current is not None:
                flush(current, hccs)
                members += 1
            current, hccs = patient, set()
        for hcc in dx_to_hcc.get(code.replace(".", "").upper(), ()):
            hccs.add(hcc)
        if len(out) >= 50000:
            db.executemany("INSERT INTO baseline_scores VALUES (?, ?, ?)", out)
            out.clear()
    if current is not None:
        flush(current, hccs)
        members += 1
    db.executemany("INSERT INTO baseline_scores VALUES (?, ?, ?)", out)
    db.execute("COMMIT")
    db.close()
    seconds = time.perf_counter() - start
    print(f"python baseline: {members} members in {seconds:.2f}s = {int(members / seconds):,} members/s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
