// Migration 1: tenancy, users, sessions, tokens, the patient registry, care teams, break-glass and
// the hash-chained audit log. Append-only history: never edit a migration that has shipped; add the next.
//
// Portable SQL (PostgreSQL accepts the same) except the two audit triggers, whose body is
// SQLite's dialect; a PostgreSQL driver supplies its own trigger function for them.
extension TendSchema {
    static let foundation = Migration(version: 1, name: "foundation", sql: """
    CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        timezone TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'care_manager', 'chw', 'analyst', 'partner')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX users_organization ON users(organization_id, role);

    -- A login session; only the SHA-256 of its random id is stored, so a stolen database
    -- cannot be replayed as live cookies.
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        csrf_token TEXT NOT NULL,
        created_at REAL NOT NULL,
        last_seen_at REAL NOT NULL,
        client_address TEXT NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );

    CREATE TABLE login_failures (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        client_address TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX login_failures_username ON login_failures(username, at);
    CREATE INDEX login_failures_address ON login_failures(client_address, at);

    CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        public_id TEXT NOT NULL,
        given_name TEXT NOT NULL,
        family_name TEXT NOT NULL,
        preferred_name TEXT NOT NULL DEFAULT '',
        given_key TEXT NOT NULL,
        family_key TEXT NOT NULL,
        preferred_key TEXT NOT NULL DEFAULT '',
        birth_date TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        preferred_language TEXT NOT NULL DEFAULT 'English',
        interpreter_needed INTEGER NOT NULL DEFAULT 0,
        phone TEXT NOT NULL DEFAULT '',
        phone_digits TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        address_line1 TEXT NOT NULL DEFAULT '',
        address_line2 TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT '',
        postal_code TEXT NOT NULL DEFAULT '',
        priorities TEXT NOT NULL DEFAULT '',
        preferred_contact TEXT NOT NULL DEFAULT '',
        best_time_to_contact TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (organization_id, public_id)
    );
    CREATE INDEX patients_family ON patients(organization_id, family_key, given_key, id);
    CREATE INDEX patients_given ON patients(organization_id, given_key, family_key, id);
    CREATE INDEX patients_preferred ON patients(organization_id, preferred_key, id);
    CREATE INDEX patients_birth_date ON patients(organization_id, birth_date);
    CREATE INDEX patients_phone ON patients(organization_id, phone_digits);

    CREATE TABLE patient_identifiers (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        system TEXT NOT NULL,
        value TEXT NOT NULL,
        UNIQUE (organization_id, system, value)
    );
    CREATE INDEX patient_identifiers_patient ON patient_identifiers(patient_id);
    CREATE INDEX patient_identifiers_value ON patient_identifiers(organization_id, value);

    CREATE TABLE support_people (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        relationship TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        is_caregiver INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX support_people_patient ON support_people(patient_id, position);

    -- Care-team membership over time: a row is active while ended_at is NULL.
    CREATE TABLE care_team_members (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        is_lead INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE INDEX care_team_by_user ON care_team_members(user_id, patient_id) WHERE ended_at IS NULL;
    CREATE INDEX care_team_by_patient ON care_team_members(patient_id) WHERE ended_at IS NULL;

    CREATE TABLE break_glass_grants (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        reason TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE INDEX break_glass_by_user ON break_glass_grants(user_id, patient_id, expires_at);
    CREATE INDEX break_glass_by_organization ON break_glass_grants(organization_id, created_at);

    -- Audit log: append-only and hash-chained per organization (organization 0 holds events
    -- with no organization, such as a failed login for an unknown username).
    -- hash = SHA-256(prev_hash || canonical(row)); see CareServices/Audit/AuditChain.swift.
    CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        patient_id TEXT NOT NULL DEFAULT '',
        resource_type TEXT NOT NULL DEFAULT '',
        resource_id TEXT NOT NULL DEFAULT '',
        client_address TEXT NOT NULL DEFAULT '',
        request_id TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (organization_id, seq)
    );
    CREATE INDEX audit_by_user ON audit_events(organization_id, user_id, at);
    CREATE INDEX audit_by_patient ON audit_events(organization_id, patient_id, at);
    CREATE INDEX audit_by_time ON audit_events(organization_id, at);

    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
    """)
}
