// Migration 2: imported FHIR resources, the modeled tables Tend reasons about, and search-index
// side tables in the manner of Medplum's lookup tables (a search joins one indexed table, never a
// chain of JSON extraction). Every index starts with organization_id (tenancy first).
//
// Dates are stored twice where they are searched or sorted: the source text (`*_text`, exactly as
// in the resource) and seconds since 1970 UTC (`*_at`, REAL) for ranges and ordering.
extension TendSchema {
    static let fhirStore = Migration(version: 2, name: "fhir_store", sql: """
    -- Every imported resource, modeled or not, as compact source JSON. The FHIR id is the source id.
    -- patient_id is the FHIR id of the patient whose compartment the resource is in (NULL for
    -- Organization, Practitioner and the like).
    CREATE TABLE fhir_resources (
        row_id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        resource_type TEXT NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        last_updated TEXT NOT NULL,
        content BLOB NOT NULL,
        UNIQUE (organization_id, resource_type, id)
    );
    CREATE INDEX fhir_resources_patient ON fhir_resources(organization_id, patient_id, resource_type);

    -- Token search index: identifiers and codes (system may be '').
    CREATE TABLE fhir_tokens (
        organization_id INTEGER NOT NULL,
        resource_type TEXT NOT NULL,
        param TEXT NOT NULL,
        system TEXT NOT NULL,
        value TEXT NOT NULL,
        resource_id TEXT NOT NULL
    );
    CREATE INDEX fhir_tokens_lookup ON fhir_tokens(organization_id, resource_type, param, value, system);
    CREATE INDEX fhir_tokens_resource ON fhir_tokens(organization_id, resource_type, resource_id);

    CREATE TABLE clinical_conditions (
        organization_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        code_system TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        display TEXT NOT NULL DEFAULT '',
        clinical_status TEXT NOT NULL DEFAULT '',
        onset_text TEXT NOT NULL DEFAULT '',
        onset_at REAL,
        abatement_text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (organization_id, id)
    );
    CREATE INDEX clinical_conditions_patient ON clinical_conditions(organization_id, patient_id, clinical_status);

    CREATE TABLE clinical_encounters (
        organization_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        class_code TEXT NOT NULL DEFAULT '',
        type_display TEXT NOT NULL DEFAULT '',
        reason_display TEXT NOT NULL DEFAULT '',
        discharge_disposition TEXT NOT NULL DEFAULT '',
        start_text TEXT NOT NULL DEFAULT '',
        start_at REAL,
        end_text TEXT NOT NULL DEFAULT '',
        end_at REAL,
        PRIMARY KEY (organization_id, id)
    );
    CREATE INDEX clinical_encounters_patient ON clinical_encounters(organization_id, patient_id, start_at);
    CREATE INDEX clinical_encounters_class ON clinical_encounters(organization_id, class_code, start_at);

    CREATE TABLE clinical_observations (
        organization_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        display TEXT NOT NULL DEFAULT '',
        value_number REAL,
        value_text TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        effective_text TEXT NOT NULL DEFAULT '',
        effective_at REAL,
        PRIMARY KEY (organization_id, id)
    );
    CREATE INDEX clinical_observations_patient ON clinical_observations(organization_id, patient_id, code, effective_at);

    -- MedicationRequest and MedicationStatement.
    CREATE TABLE clinical_medications (
        organization_id INTEGER NOT NULL,
        resource_type TEXT NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        display TEXT NOT NULL DEFAULT '',
        date_text TEXT NOT NULL DEFAULT '',
        date_at REAL,
        PRIMARY KEY (organization_id, resource_type, id)
    );
    CREATE INDEX clinical_medications_patient ON clinical_medications(organization_id, patient_id, status);

    -- Claim and ExplanationOfBenefit: amounts as decimal text (exact) and REAL (for sums).
    CREATE TABLE clinical_claims (
        organization_id INTEGER NOT NULL,
        resource_type TEXT NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        claim_type TEXT NOT NULL DEFAULT '',
        service_text TEXT NOT NULL DEFAULT '',
        service_at REAL,
        total_text TEXT NOT NULL DEFAULT '',
        total REAL,
        currency TEXT NOT NULL DEFAULT '',
        payment REAL,
        PRIMARY KEY (organization_id, resource_type, id)
    );
    CREATE INDEX clinical_claims_patient ON clinical_claims(organization_id, patient_id, resource_type, service_at);

    -- Procedure, Immunization, AllergyIntolerance, CarePlan, CareTeam: what the chart lists.
    CREATE TABLE clinical_events (
        organization_id INTEGER NOT NULL,
        resource_type TEXT NOT NULL,
        id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        display TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        date_text TEXT NOT NULL DEFAULT '',
        date_at REAL,
        PRIMARY KEY (organization_id, resource_type, id)
    );
    CREATE INDEX clinical_events_patient ON clinical_events(organization_id, patient_id, resource_type, date_at);
    """)
}
