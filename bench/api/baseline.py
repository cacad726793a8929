#!/usr/bin/env python3
"""The simplest program that does the job of Tend's patient API, for bench/api/run.sh.

Standard library only: ThreadingHTTPServer and sqlite3 over a copy of a Tend database (WAL,
synchronous=FULL). Every request checks the bearer token by its hash (SHA-256 twice, as Tend stores it), runs in one write
transaction and appends one hash-chained audit row (the same chain as Tend's, so
`tend audit verify` accepts the copy afterwards). Supervisors see every patient of their
organization; other roles their care team's.

Usage: baseline.py DB PORT
"""
import datetime
import hashlib
import json
import sqlite3
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DB, PORT = sys.argv[1], int(sys.argv[2])
local = threading.local()
# One writer at a time, queued in-process (as Tend's Database does): without it the threads meet on
# SQLite's busy handler, which sleeps in steps of milliseconds, and measure that instead.
write_lock = threading.Lock()


def connection():
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(DB, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        local.conn = conn
    return conn


def sha256d(data):
    """Tend's stored hashes: Digest.sha256Hex(x), i.e. hex(SHA-256(x))."""
    return hashlib.sha256(data).hexdigest()


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def audit(conn, user, action, patient_id="", detail="", request_id=""):
    org = user["organization_id"]
    last = conn.execute("SELECT seq, hash FROM audit_events WHERE organization_id = ? ORDER BY seq DESC LIMIT 1", (org,)).fetchone()
    seq, prev = (last["seq"] + 1, last["hash"]) if last else (1, "")
    row = [str(org), str(seq), now(), str(user["id"]), user["username"], user["role"], action, "success", patient_id,
           "Patient" if patient_id or action == "patient.search" else "", patient_id, "127.0.0.1", request_id, detail]
    data = prev.encode()
    for field in row:
        b = field.encode()
        data += str(len(b)).encode() + b":" + b
    conn.execute("INSERT INTO audit_events (organization_id, seq, at, user_id, username, role, action, outcome, patient_id, resource_type,"
                 " resource_id, client_address, request_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 (org, seq, row[2], user["id"], *row[4:], prev, sha256d(data)))


def patient_json(p):
    return {"id": p["public_id"], "givenName": p["given_name"], "familyName": p["family_name"], "preferredName": p["preferred_name"],
            "birthDate": p["birth_date"], "sex": p["sex"], "preferredLanguage": p["preferred_language"],
            "interpreterNeeded": bool(p["interpreter_needed"]), "phone": p["phone"], "email": p["email"],
            "address": {"line1": p["address_line1"], "line2": p["address_line2"], "city": p["city"], "state": p["state"],
                        "postalCode": p["postal_code"]},
            "priorities": p["priorities"], "preferredContact": p["preferred_contact"] or None,
            "bestTimeToContact": p["best_time_to_contact"], "version": p["version"], "createdAt": p["created_at"], "updatedAt": p["updated_at"]}


def scope(user):
    if user["role"] in ("supervisor", "admin", "analyst"):
        return "", ()
    return " AND p.id IN (SELECT patient_id FROM care_team_members WHERE user_id = ? AND ended_at IS NULL)", (user["id"],)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle on, each response waits for a delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, obj):
        body = json.dumps(obj, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def user(self, conn):
        header = self.headers.get("Authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        token_hash = sha256d(header[7:].strip().encode())
        return conn.execute("SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id"
                            " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0", (token_hash,)).fetchone()

    def handle_api(self, method):
        conn = connection()
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) if method == "POST" else b""
        user = self.user(conn)
        if user is None:
            return self.reply(401, {"error": {"code": "unauthenticated", "message": "a valid bearer token is required"}})
        request_id = uuid.uuid4().hex[:16]
        with write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                status, obj = self.route(conn, user, method, parts, url.query, body, request_id)
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
        self.reply(status, obj)

    def route(self, conn, user, method, parts, query, body, request_id):
        where, args = scope(user)
        if parts[:3] == ["api", "v1", "patients"] and len(parts) == 4 and method == "GET":
            p = conn.execute("SELECT p.* FROM patients p WHERE p.organization_id = ? AND p.public_id = ?" + where,
                             (user["organization_id"], parts[3], *args)).fetchone()
            audit(conn, user, "patient.read", patient_id=parts[3] if p else "", request_id=request_id)
            if p is None:
                return 404, {"error": {"code": "not_found", "message": "no such patient"}}
            return 200, patient_json(p)
        if parts == ["api", "v1", "patients"] and method == "GET":
            q = parse_qs(query)
            name = q.get("name", [""])[0].lower()
            org, upper = user["organization_id"], "\U0010ffff"
            conds, cargs = [], []
            terms = name.split()
            if not terms:
                conds, cargs = ["p.organization_id = ?"], [org]
            for i, term in enumerate(terms):
                # Prefix ranges as Tend does; the first term's branches carry the organization so that
                # SQLite unions the three name indexes (MULTI-INDEX OR) instead of walking the organization.
                o, oa = ("p.organization_id = ? AND ", [org]) if i == 0 else ("", [])
                conds.append("((%sp.family_key >= ? AND p.family_key < ?) OR (%sp.given_key >= ? AND p.given_key < ?)"
                             " OR (%sp.preferred_key >= ? AND p.preferred_key < ?))" % (o, o, o))
                cargs += (oa + [term, term + upper]) * 3
            if where:
                conds.append(where[5:])  # the scope, without its leading " AND "
                cargs += args
            cond = " AND ".join(conds)
            total = conn.execute("SELECT COUNT(*) FROM patients p WHERE " + cond, cargs).fetchone()[0]
            rows = conn.execute("SELECT p.* FROM patients p WHERE " + cond +
                                " ORDER BY p.family_key, p.given_key, p.id LIMIT 25", cargs).fetchall()
            audit(conn, user, "patient.search", detail="name=%s results=%s" % (name, ",".join(r["public_id"] for r in rows)),
                  request_id=request_id)
            return 200, {"total": total, "patients": [patient_json(r) for r in rows], "next": None}
        if parts == ["api", "v1", "patients"] and method == "POST":
            try:
                d = json.loads(body)
                given, family, birth, sex = d["givenName"].strip(), d["familyName"].strip(), d["birthDate"], d["sex"]
                datetime.date.fromisoformat(birth)
                assert given and family and sex in ("female", "male", "other", "unknown")
            except Exception:
                return 422, {"error": {"code": "invalid_field", "message": "invalid patient"}}
            conn.execute("SELECT id FROM patients WHERE organization_id = ? AND birth_date = ? LIMIT 200",
                         (user["organization_id"], birth)).fetchall()
            public_id, stamp = str(uuid.uuid4()), now()
            conn.execute("INSERT INTO patients (organization_id, public_id, given_name, family_name, given_key, family_key, birth_date, sex,"
                         " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (user["organization_id"], public_id, given, family, given.lower(), family.lower(), birth, sex, stamp, stamp))
            audit(conn, user, "patient.create", patient_id=public_id, request_id=request_id)
            p = conn.execute("SELECT * FROM patients WHERE organization_id = ? AND public_id = ?", (user["organization_id"], public_id)).fetchone()
            return 201, patient_json(p)
        return 404, {"error": {"code": "not_found", "message": "no such endpoint"}}

    def do_GET(self):
        self.handle_api("GET")

    def do_POST(self):
        self.handle_api("POST")


ThreadingHTTPServer.daemon_threads = True
server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print("listening on", PORT, flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
