#!/usr/bin/env python3
"""Imports the 103 Synthea bundles into a fresh database with `tend import fhir` (release build) and
with the Python baseline, several times each, and prints resources/s, MB/s and peak memory."""
import glob
import os
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
tend = os.path.join(root, ".build", "release", "tend")
data = os.path.abspath(os.path.join(root, "..", "shared", "data", "synthea-r4"))
files = sorted(f for f in glob.glob(os.path.join(data, "*.json")) if not f.endswith("counts.json"))
runs = int(os.environ.get("RUNS", "3"))
megabytes = sum(os.path.getsize(f) for f in files) / 1e6
resources = 18873  # counts.json total; checked against tend's summary below


def timed(argv, env=None):
    """Wall time and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed: {err}")
    return elapsed, usage.ru_maxrss, out


def best(results):
    return min(results, key=lambda r: r[0])


print(f"{len(files)} bundles, {megabytes:.1f} MB, {resources} resources; {runs} runs each, best shown; load average {os.getloadavg()[0]:.2f}")
tend_results, python_results, batched_results = [], [], []
baseline = os.path.join(os.path.dirname(__file__), "baseline.py")
for run in range(runs):
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "tend.sqlite")
        subprocess.run([tend, "migrate", "--db", db], check=True, capture_output=True)
        subprocess.run([tend, "org", "add", "--db", db, "--name", "Bench"], check=True, capture_output=True)
        result = timed([tend, "import", "fhir", "--db", db, "--org", "Bench"] + files)
        total = [line for line in result[2].splitlines() if line.strip().startswith("Total")]
        assert total and f" {resources} " in total[0] + " ", result[2]
        tend_results.append(result)
    with tempfile.TemporaryDirectory() as folder:
        result = timed([sys.executable, baseline, os.path.join(folder, "py.sqlite")] + files)
        assert int(result[2].strip()) == resources, result[2]
        python_results.append(result)
    with tempfile.TemporaryDirectory() as folder:
        result = timed([sys.executable, baseline, os.path.join(folder, "py.sqlite")] + files, env=dict(os.environ, BATCH="4000"))
        assert int(result[2].strip()) == resources, result[2]
        batched_results.append(result)

rows = [("tend import fhir (release)", best(tend_results)), ("Python json.load + sqlite3", best(python_results)),
        ("Python, batched like tend", best(batched_results))]
print(f"{'program':30} {'wall s':>8} {'resources/s':>12} {'MB/s':>7} {'peak RSS MB':>12}")
for name, (elapsed, rss_kib, _) in rows:
    print(f"{name:30} {elapsed:8.2f} {resources / elapsed:12,.0f} {megabytes / elapsed:7.1f} {rss_kib / 1024:12.1f}")
print(f"tend is {rows[1][1][0] / rows[0][1][0]:.1f}x faster than the Python baseline, {rows[2][1][0] / rows[0][1][0]:.1f}x faster than it batched"
      " (best wall times, whole process, fresh database, fsync per commit)")
print("all runs (s): tend " + ", ".join(f"{r[0]:.2f}" for r in tend_results) + "; python " + ", ".join(f"{r[0]:.2f}" for r in python_results)
      + "; batched " + ", ".join(f"{r[0]:.2f}" for r in batched_results))
