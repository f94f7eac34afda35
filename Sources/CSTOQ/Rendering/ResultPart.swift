/// Where a part of a result stands in its output. A query on data in memory
/// is written whole, as one part; a live database's rows arrive batch by
/// batch and each batch is written as it comes, so a result of ten million
/// rows is never held whole: the header goes with the first part, the
/// closing lines and the row count with the last.
public struct ResultPart: Sendable, Equatable {
    public var isFirst: Bool
    public var isLast: Bool
    /// Rows written in the parts before this one (record numbers, the count under a table).
    public var offset: Int

    public init(isFirst: Bool, isLast: Bool, offset: Int) {
        self.isFirst = isFirst
        self.isLast = isLast
        self.offset = offset
    }

    public static let whole = ResultPart(isFirst: true, isLast: true, offset: 0)

    /// The only part: the whole result, which may be cut to fit the screen.
    public var isWhole: Bool { isFirst && isLast }
}

/// Writes a result that comes in parts in one format, keeping what its
/// first part fixed (a table's column widths, Markdown's alignment), and
/// one part back: a part is written once the next has come, so the last
/// is known to be last (JSON's final row has no comma, a table is closed).
/// A chart is drawn from all its rows at once, so they are gathered.
public struct PartedOutput {
    public let options: RenderOptions
    private var held: ResultSet?
    private var written = 0
    private var table: TableRenderer.Layout?
    private var alignment: [Bool]?
    /// The chart's rows, gathered.
    private var gathered: [[Value]] = []

    public init(options: RenderOptions) {
        var o = options
        o.height = nil  // nothing is cut: the output is the whole result
        self.options = o
    }

    /// Rows written so far.
    public var count: Int { written + (held?.count ?? 0) + gathered.count }

    /// Adds the next part (not empty); the one before it is written.
    public mutating func add(_ part: ResultSet, to out: inout LineWriter) {
        if options.format == .chart {
            gathered += part.rows
            held = ResultSet(columns: part.columns, rows: [], isGrouped: part.isGrouped)
            return
        }
        if let previous = held { write(previous, isLast: false, to: &out) }
        held = part
    }

    /// Writes the last part (an empty result when none came: `columns` names its columns).
    public mutating func finish(columns: [String], to out: inout LineWriter) {
        if options.format == .chart {
            let whole = ResultSet(columns: columns, rows: gathered, isGrouped: held?.isGrouped ?? false)
            Renderer.write(whole, options, to: &out)
            return
        }
        write(held ?? ResultSet(columns: columns, rows: []), isLast: true, to: &out)
        held = nil
    }

    private mutating func write(_ rows: ResultSet, isLast: Bool, to out: inout LineWriter) {
        let part = ResultPart(isFirst: written == 0, isLast: isLast, offset: written)
        switch options.format {
        case .table, .chart: TableRenderer(options: options).write(rows, part, layout: &table, to: &out)
        case .line: TableRenderer(options: options).writeVertically(rows, part, to: &out)
        case .json: JSONRenderer().write(rows, part, to: &out)
        case .csv: CSVRenderer().write(rows, part, to: &out)
        case .markdown: MarkdownRenderer().write(rows, part, numeric: &alignment, to: &out)
        }
        written += rows.count
    }
}
