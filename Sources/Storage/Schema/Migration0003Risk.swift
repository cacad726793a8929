// Migration 3: population risk runs and their scores, with history (issue 4).
//
// A run scores every patient of one organization once; its scores stay, so the next run can compare
// (rising risk) and the chart can show a patient's history. Every index starts with organization_id.
extension TendSchema {
    static let risk = Migration(version: 3, name: "risk", sql: """
    -- One `tend risk run`: the model, the parameters (JSON: tier rules, look-back window, as-of date)
    -- and the counts. status is 'running' until the scores and tiers are written, in the same database.
    CREATE TABLE risk_runs (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        model TEXT NOT NULL,
        payment_year INTEGER NOT NULL,
        parameters TEXT NOT NULL,
        previous_run_id INTEGER,
        patients_scored INTEGER NOT NULL DEFAULT 0,
        high_count INTEGER NOT NULL DEFAULT 0,
        moderate_count INTEGER NOT NULL DEFAULT 0,
        low_count INTEGER NOT NULL DEFAULT 0,
        rising_count INTEGER NOT NULL DEFAULT 0,
        without_icd10_count INTEGER NOT NULL DEFAULT 0,
        high_cutoff REAL,
        moderate_cutoff REAL
    );
    CREATE INDEX risk_runs_latest ON risk_runs(organization_id, status, id);

    -- One patient's result in one run. score is the CMS-HCC raw risk score (score_thousandths exactly);
    -- delta = score - the previous run's score (NULL when the patient was not in it). hccs is the payment
    -- HCC list ("HCC37 HCC226"); explanation is compact JSON (HCCs with their codes, dropped HCCs, terms,
    -- utilization, LACE, notes). Utilization is over the run's look-back window.
    CREATE TABLE risk_scores (
        organization_id INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES risk_runs(id),
        patient_row_id INTEGER NOT NULL REFERENCES patients(id),
        score_thousandths INTEGER NOT NULL,
        score REAL NOT NULL,
        tier TEXT NOT NULL DEFAULT 'low' CHECK (tier IN ('high', 'moderate', 'low')),
        delta REAL,
        hccs TEXT NOT NULL DEFAULT '',
        ed_visits INTEGER NOT NULL DEFAULT 0,
        admissions INTEGER NOT NULL DEFAULT 0,
        readmissions INTEGER NOT NULL DEFAULT 0,
        total_cost_cents INTEGER NOT NULL DEFAULT 0,
        lace INTEGER,
        explanation TEXT NOT NULL
    );
    -- One row per patient and run; serves the previous-run lookup (rising) and a patient's history.
    CREATE UNIQUE INDEX risk_scores_patient ON risk_scores(organization_id, run_id, patient_row_id);
    -- Top N by score in a run, keyset-paged (score desc, patient row asc); also the tier cut-offs.
    CREATE INDEX risk_scores_top ON risk_scores(organization_id, run_id, score_thousandths DESC, patient_row_id);
    -- Rising risk: the largest increases since the previous run.
    CREATE INDEX risk_scores_rising ON risk_scores(organization_id, run_id, delta DESC, patient_row_id) WHERE delta > 0;

    -- What the population read needs, in the order it reads: diagnoses by patient (covering), and each
    -- patient's Patient and Coverage JSON (age extension, CMS-HCC segment, OREC, Medicaid).
    CREATE INDEX clinical_conditions_risk ON clinical_conditions(organization_id, patient_id, code_system, code, clinical_status);
    CREATE INDEX fhir_resources_risk ON fhir_resources(organization_id, patient_id, resource_type)
        WHERE resource_type IN ('Coverage', 'Patient');
    """)
}
