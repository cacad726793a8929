/// Tend's database schema as numbered, append-only migrations.
public enum TendSchema {
    /// Every migration in order. Append new ones; never edit or reorder shipped ones.
    public static let migrations: [Migration] = [foundation, fhirStore, risk, fhirDictionaries]
}
