/// What a query returns and a renderer draws: named columns and rows of
/// values, plus the records behind each row (for `.source`).
public struct ResultSet: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Value]]
    /// For each row, the records it was made from.
    public var provenance: [[RecordRef]]
    /// Set for `group by` results, which can be drawn as a chart.
    public var isGrouped: Bool

    public init(columns: [String], rows: [[Value]], provenance: [[RecordRef]] = [], isGrouped: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.provenance = provenance
        self.isGrouped = isGrouped
    }
}
