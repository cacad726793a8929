#!/usr/bin/env python3
"""The simplest program that does the same job: json.load each bundle, insert each resource into
SQLite (same durability as Tend: WAL, synchronous=FULL, one transaction per file).

With BATCH=N in the environment it commits like Tend instead: consecutive files share one
transaction of up to N resources (fewer fsyncs), to show what batching alone is worth."""
import os
import json
import sqlite3
import sys

db_path, files = sys.argv[1], sys.argv[2:]
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS resources (type TEXT NOT NULL, id TEXT NOT NULL, patient TEXT, json TEXT NOT NULL, PRIMARY KEY (type, id))")
batch = int(os.environ.get("BATCH", "0"))
count = 0
pending = 0
for path in files:
    with open(path, "rb") as f:
        bundle = json.load(f)
    rows = []
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        subject = (resource.get("subject") or resource.get("patient") or {}).get("reference")
        rows.append((resource["resourceType"], resource["id"], subject, json.dumps(resource, separators=(",", ":"))))
    if batch and pending + len(rows) > batch and pending:
        db.commit()
        pending = 0
    db.executemany("INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?)", rows)
    pending += len(rows)
    if not batch or pending >= batch:
        db.commit()
        pending = 0
    count += len(rows)
db.commit()
db.close()
print(count)
