#!/usr/bin/env python3
"""The simplest program that does the same job: json.load each bundle, insert each resource into
SQLite (same durability as Tend: WAL, synchronous=FULL, one transaction per file)."""
import json
import sqlite3
import sys

db_path, files = sys.argv[1], sys.argv[2:]
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS resources (type TEXT NOT NULL, id TEXT NOT NULL, patient TEXT, json TEXT NOT NULL, PRIMARY KEY (type, id))")
count = 0
for path in files:
    with open(path, "rb") as f:
        bundle = json.load(f)
    rows = []
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        subject = (resource.get("subject") or resource.get("patient") or {}).get("reference")
        rows.append((resource["resourceType"], resource["id"], subject, json.dumps(resource, separators=(",", ":"))))
    with db:
        db.executemany("INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?)", rows)
    count += len(rows)
db.close()
print(count)
