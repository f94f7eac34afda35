/// What a query returns and a renderer draws: named columns and rows of
/// values, plus the records behind each row (for `.source`).
///
/// The rows of a plain query (records, each shown by its fields) are not
/// computed up front: the result keeps the record numbers and gives a row's
/// values when a renderer asks for them, so a million rows are written one
/// by one as they are made and never all held at once. Groups, distinct
/// rows, totals and hand-made results hold their values.
public struct ResultSet: Sendable {
    public var columns: [String]
    /// Set for `group by` results, which can be drawn as a chart.
    public var isGrouped: Bool
    /// More rows follow these that were not read: a live database's result
    /// read only as far as the screen shows (`.last` reads it all).
    public var isPartial = false
    private var storage: Storage

    /// A row's values from its record number (a plain query's projection).
    public typealias Projection = @Sendable (_ record: Int) -> [Value]

    private enum Storage: Sendable {
        case values([[Value]], provenance: [[RecordRef]])
        case records([Int], collection: Int, projection: Projection)
    }

    public init(columns: [String], rows: [[Value]], provenance: [[RecordRef]] = [], isGrouped: Bool = false) {
        self.columns = columns
        self.isGrouped = isGrouped
        storage = .values(rows, provenance: provenance)
    }

    /// Rows made on demand: one per record, its values from `projection`.
    public init(columns: [String], records: [Int], collection: Int, projection: @escaping Projection) {
        self.columns = columns
        isGrouped = false
        storage = .records(records, collection: collection, projection: projection)
    }

    /// How many rows there are.
    public var count: Int {
        switch storage {
        case let .values(rows, _): rows.count
        case let .records(records, _, _): records.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The values of row `i` (made now for a plain query's rows).
    public func row(_ i: Int) -> [Value] {
        switch storage {
        case let .values(rows, _): rows[i]
        case let .records(records, _, projection): projection(records[i])
        }
    }

    /// All rows as values at once: for small results and tests; renderers
    /// and the CLI go row by row.
    public var rows: [[Value]] {
        switch storage {
        case let .values(rows, _): rows
        case let .records(records, _, projection): records.map(projection)
        }
    }

    /// The records row `i` was made from (none for hand-made results).
    public func records(ofRow i: Int) -> [RecordRef] {
        switch storage {
        case let .values(_, provenance): i < provenance.count ? provenance[i] : []
        case let .records(records, collection, _): [RecordRef(collection: collection, row: records[i])]
        }
    }

    /// Whether the records behind the rows are known (for `.source`).
    public var hasProvenance: Bool {
        switch storage {
        case let .values(_, provenance): !provenance.isEmpty
        case .records: true
        }
    }
}

extension ResultSet: Equatable {
    /// Equal columns, grouping and rows, however the rows are kept.
    public static func == (a: ResultSet, b: ResultSet) -> Bool {
        a.columns == b.columns && a.isGrouped == b.isGrouped && a.count == b.count
            && (0..<a.count).allSatisfy { a.row($0) == b.row($0) }
            && (0..<a.count).allSatisfy { a.records(ofRow: $0) == b.records(ofRow: $0) }
    }
}
