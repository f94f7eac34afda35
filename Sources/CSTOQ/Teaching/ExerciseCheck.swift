/// Compares a learner's result with the expected one and says what differs:
/// missing rows, extra rows, wrong columns — not just right or wrong.
public struct ExerciseCheck: Sendable, Equatable {
    public var missingColumns: [String]
    public var extraColumns: [String]
    public var missingRows: [[Value]]
    public var extraRows: [[Value]]
    public var orderDiffers: Bool

    public var isCorrect: Bool {
        missingColumns.isEmpty && extraColumns.isEmpty && missingRows.isEmpty && extraRows.isEmpty && !orderDiffers
    }

    /// Rows are compared on the expected columns (as a multiset, or in order
    /// when `ordered`); columns by name.
    public init(learner: ResultSet, expected: ResultSet, ordered: Bool = false) {
        missingColumns = expected.columns.filter { !learner.columns.contains($0) }
        extraColumns = learner.columns.filter { !expected.columns.contains($0) }
        let shared = expected.columns.filter { learner.columns.contains($0) }
        func project(_ r: ResultSet) -> [[Value]] {
            let idx = shared.map { r.columns.firstIndex(of: $0)! }
            return r.rows.map { row in idx.map { row[$0] } }
        }
        let mine = project(learner), theirs = project(expected)
        var remaining = mine
        var missing: [[Value]] = []
        for row in theirs {
            if let i = remaining.firstIndex(of: row) { remaining.remove(at: i) } else { missing.append(row) }
        }
        missingRows = missing
        extraRows = remaining
        orderDiffers = ordered && missing.isEmpty && remaining.isEmpty && mine != theirs
    }

    /// The verdict in words, rows shown with the expected columns.
    public func report(columns: [String]) -> String {
        if isCorrect { return "✓ Correct! Type .next to go on." }
        var lines = ["✗ Not yet:"]
        if !missingColumns.isEmpty { lines.append("  missing columns: " + missingColumns.joined(separator: ", ")) }
        if !extraColumns.isEmpty { lines.append("  extra columns: " + extraColumns.joined(separator: ", ")) }
        let shared = columns.filter { !missingColumns.contains($0) }
        func show(_ row: [Value]) -> String { row.map(ValueText.plain).joined(separator: " | ") }
        if !missingRows.isEmpty {
            lines.append("  missing rows (\(missingRows.count)):" + (shared.isEmpty ? "" : " [" + shared.joined(separator: " | ") + "]"))
            lines += missingRows.prefix(5).map { "    - " + show($0) }
        }
        if !extraRows.isEmpty {
            lines.append("  extra rows (\(extraRows.count)):")
            lines += extraRows.prefix(5).map { "    + " + show($0) }
        }
        if orderDiffers { lines.append("  the rows are right but in another order") }
        lines.append("  (.hint for a hint)")
        return lines.joined(separator: "\n")
    }
}
