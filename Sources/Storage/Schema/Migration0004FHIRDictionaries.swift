// Migration 4: zstd dictionaries for stored FHIR content (see FHIRContentCodec). Numbered 4 because
// migration 3 (risk scores) was being written at the same time; the migrator applies any missing
// version, so the two land in either order.
extension TendSchema {
    static let fhirDictionaries = Migration(version: 4, name: "fhir_dictionaries", sql: """
    -- One trained dictionary per row; its id is also written in every zstd frame compressed with it
    -- (ids start at 32768). A dictionary is used only for its organization's resources.
    CREATE TABLE fhir_dictionaries (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        content BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX fhir_dictionaries_organization ON fhir_dictionaries(organization_id, id);
    """)
}
