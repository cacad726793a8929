import CareCore
import Security
import Storage

/// Appends audit rows to their organization's hash chain and verifies chains.
///
/// `hash = SHA-256(prev_hash || canonical(row))`, hex-encoded, where `canonical` writes every field
/// in a fixed order as `<UTF-8 byte count>:<value>` so that no two different rows serialize alike.
/// A chain starts with `prev_hash = ""` at `seq = 1`; seq has no gaps, so a deleted row is found too.
public enum AuditChain {
    /// Links `row` to the end of its organization's chain and inserts it (inside the caller's transaction).
    public static func append(_ row: AuditRow, on connection: Connection) throws {
        let repository = AuditRepository(connection)
        let last = try repository.lastLink(organizationID: row.organizationID)
        var linked = row
        linked.seq = last.seq + 1
        linked.prevHash = last.hash
        linked.hash = hash(of: linked)
        try repository.insert(linked)
    }

    /// The hash a row must carry, from its content and its `prevHash`.
    public static func hash(of row: AuditRow) -> String {
        var bytes = Array(row.prevHash.utf8)
        for field in [String(row.organizationID), String(row.seq), row.at, row.userID.map(String.init) ?? "", row.username, row.role,
                      row.action, row.outcome, row.patientID, row.resourceType, row.resourceID, row.clientAddress, row.requestID, row.detail] {
            let utf8 = Array(field.utf8)
            bytes.append(contentsOf: Array(String(utf8.count).utf8))
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: utf8)
        }
        return Digest.sha256Hex(bytes)
    }

    /// The first row that breaks a chain, and how.
    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public let organizationID: Int64
        public let rowID: Int64
        public let seq: Int64
        public let problem: String

        public var description: String { "organization \(organizationID), audit row id \(rowID) (seq \(seq)): \(problem)" }
    }

    /// Checks every chain; returns the number of rows checked, or the first break.
    public static func verify(on connection: Connection) throws -> Result<Int, Break> {
        let repository = AuditRepository(connection)
        var checked = 0
        for organizationID in try repository.chainOrganizations() {
            var expectedSeq: Int64 = 1
            var previous = ""
            var failure: Break?
            try repository.forEachInChain(organizationID: organizationID) { row in
                guard failure == nil else { return }
                checked += 1
                if row.seq != expectedSeq {
                    failure = Break(organizationID: organizationID, rowID: row.id, seq: row.seq,
                                    problem: "sequence jumps from \(expectedSeq - 1) to \(row.seq) (rows missing)")
                } else if row.prevHash != previous {
                    failure = Break(organizationID: organizationID, rowID: row.id, seq: row.seq, problem: "prev_hash does not match the previous row")
                } else if hash(of: row) != row.hash {
                    failure = Break(organizationID: organizationID, rowID: row.id, seq: row.seq, problem: "content does not match its hash (row altered)")
                }
                expectedSeq += 1
                previous = row.hash
            }
            if let failure { return .failure(failure) }
        }
        return .success(checked)
    }
}
