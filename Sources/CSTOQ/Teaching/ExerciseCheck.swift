/// Compares a learner's result with the expected one and says what differs:
/// missing rows, extra rows, wrong columns — not just right or wrong.
public struct ExerciseCheck: Sendable, Equatable {
    public var missingColumns: [String]
    public var extraColumns: [String]
    public var missingRows: [[Value]]
    public var extraRows: [[Value]]
    public var orderDiffers: Bool
    /// How many rows each result has (with no column in common, all the report can say).
    public var learnerRowCount: Int
    public var expectedRowCount: Int

    public var isCorrect: Bool {
        missingColumns.isEmpty && extraColumns.isEmpty && missingRows.isEmpty && extraRows.isEmpty && !orderDiffers
    }

    /// Rows are compared on the expected columns (as a multiset, or in order
    /// when `ordered`); columns by name. Unless the exercise `namesColumns`,
    /// as many columns under other names (`select name as n`) are the same
    /// columns, taken in order.
    public init(learner: ResultSet, expected: ResultSet, ordered: Bool = false, namesColumns: Bool = false) {
        var learner = learner
        if !namesColumns, learner.columns.count == expected.columns.count, Set(learner.columns) != Set(expected.columns) {
            learner.columns = expected.columns
        }
        missingColumns = expected.columns.filter { !learner.columns.contains($0) }
        extraColumns = learner.columns.filter { !expected.columns.contains($0) }
        let shared = expected.columns.filter { learner.columns.contains($0) }
        func project(_ r: ResultSet) -> [[Value]] {
            let idx = shared.map { r.columns.firstIndex(of: $0)! }
            return r.rows.map { row in idx.map { row[$0] } }
        }
        let mine = project(learner), theirs = project(expected)
        learnerRowCount = mine.count
        expectedRowCount = theirs.count
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
        // A value shown as a query writes it, so an empty text is "" and never a bare `+`.
        func show(_ row: [Value]) -> String {
            row.map { v in
                let text = ValueText.plain(v)
                return text.isEmpty ? "\"\"" : text
            }.joined(separator: " | ")
        }
        if shared.isEmpty {
            // No column in common: rows of nothing say nothing; their counts do.
            if learnerRowCount != expectedRowCount {
                lines.append("  \(learnerRowCount) rows where \(expectedRowCount) \(expectedRowCount == 1 ? "is" : "are") wanted")
            }
        } else {
            if !missingRows.isEmpty {
                lines.append("  missing rows (\(missingRows.count)): [" + shared.joined(separator: " | ") + "]")
                lines += missingRows.prefix(5).map { "    - " + show($0) }
            }
            if !extraRows.isEmpty {
                lines.append("  extra rows (\(extraRows.count)):")
                lines += extraRows.prefix(5).map { "    + " + show($0) }
            }
        }
        if orderDiffers { lines.append("  the rows are right but in another order") }
        lines.append("  (.hint for a hint)")
        return lines.joined(separator: "\n")
    }
}
