/// Builds one column of an imported table from its cells, inferring the
/// column's kind as the cells come: the first value sets it, an integer
/// column becomes decimal at the first decimal, and any other mix makes the
/// column text. A typed column that turns out mixed is `mixed`: its file is
/// read again for it, as text (the spellings of its earlier values are gone).
/// A kind set by hand (`--kind`) is kept; a value that doesn't fit it is null,
/// and counted.
struct ColumnAccumulator {
    enum State { case unseen, integer, decimal, boolean, date, text, mixed }

    private(set) var state: State = .unseen
    /// The kind set by hand, if any.
    let fixed: FieldType?
    private var builder = ColumnBuilder(type: .text)
    private var rows = 0
    private var leadingNulls = 0
    /// How many cells of each class (CellClass order).
    private(set) var counts = [Int](repeating: 0, count: CellClass.allCases.count)
    /// The first few spellings of each class, with their lines.
    private(set) var examples = [[(text: String, line: Int)]](repeating: [], count: CellClass.allCases.count)
    /// Values that don't fit a kind set by hand (they are null).
    private(set) var unfit = 0
    private(set) var unfitExamples: [(text: String, line: Int)] = []

    static let exampleCount = 3

    /// How many rows the column will likely have (its arrays are reserved that big).
    var expectedRows = 0

    init(fixed: FieldType?, expectedRows: Int = 0) {
        self.fixed = fixed
        self.expectedRows = expectedRows
        if let fixed {
            builder = ColumnBuilder(type: fixed)
            builder.reserve(expectedRows)
            state = ColumnAccumulator.state(of: fixed)
        }
    }

    private static func state(of type: FieldType) -> State {
        switch type {
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        default: .text
        }
    }

    mutating func append(_ cell: Cell, line: Int) {
        // The common case first: a CSV cell of the kind the column has so far, read once.
        if cell.form == .untyped, cell.bytes.count > 0 {
            switch state {
            case .integer:
                if let v = NumberSpelling.integer(cell.bytes) { count(.integer, cell, line); builder.ints.append(v); return }
            case .decimal:
                if let v = NumberSpelling.decimal(cell.bytes) {
                    count(NumberSpelling.integer(cell.bytes) == nil ? .decimal : .integer, cell, line)
                    builder.doubles.append(v)
                    return
                }
            case .date:
                if let d = CalendarDate(iso: cell.bytes) { count(.date, cell, line); builder.dates.append(d.packed); return }
            case .boolean:
                if let b = NumberSpelling.boolean(cell.bytes) { count(.boolean, cell, line); builder.bools.append(b ? 1 : 0); return }
            case .text where fixed != nil:
                // Set by hand as text: no kinds to count.
                rows += 1
                _ = builder.appendText(cell.bytes)
                return
            default: break
            }
        }
        let cls = cell.cellClass
        let k = Int(cls.rawValue)
        counts[k] += 1
        if cls != .null, examples[k].count < ColumnAccumulator.exampleCount {
            examples[k].append((cell.spelling, line))
        }
        rows += 1
        if cls == .null {
            if state == .unseen { leadingNulls += 1 } else if state != .mixed { builder.appendNull() }
            return
        }
        if state == .unseen { begin(with: cls) }
        switch (state, cls) {
        case (.text, _): cell.withSpelling { _ = builder.appendText($0) }
        case (.integer, .integer): builder.ints.append(cell.integerValue)
        case (.decimal, .integer), (.decimal, .decimal): builder.doubles.append(cell.decimalValue)
        case (.boolean, .boolean): builder.bools.append(cell.booleanValue ? 1 : 0)
        case (.date, .date): builder.dates.append(cell.dateValue)
        case (.integer, .decimal) where fixed == nil:
            promoteToDecimal()
            builder.doubles.append(cell.decimalValue)
        case (.mixed, _): break
        default:
            if fixed != nil {
                unfit += 1
                if unfitExamples.count < ColumnAccumulator.exampleCount { unfitExamples.append((cell.spelling, line)) }
                builder.appendNull()
            } else {
                state = .mixed
                builder = ColumnBuilder(type: .text)
            }
        }
    }

    @inline(__always)
    private mutating func count(_ cls: CellClass, _ cell: Cell, _ line: Int) {
        let k = Int(cls.rawValue)
        counts[k] += 1
        rows += 1
        if examples[k].count < ColumnAccumulator.exampleCount { examples[k].append((cell.spelling, line)) }
    }

    private mutating func begin(with cls: CellClass) {
        let type: FieldType = switch cls {
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        default: .text
        }
        builder = ColumnBuilder(type: type)
        builder.reserve(expectedRows)
        state = ColumnAccumulator.state(of: type)
        for _ in 0..<leadingNulls { builder.appendNull() }
        leadingNulls = 0
    }

    /// Appends a column read from later records (the second half of a file
    /// read on two threads), whose lines are counted from its own start.
    mutating func append(_ other: ColumnAccumulator, lineShift: Int) {
        for k in counts.indices {
            counts[k] += other.counts[k]
            if examples[k].count < ColumnAccumulator.exampleCount {
                examples[k] += other.examples[k].prefix(ColumnAccumulator.exampleCount - examples[k].count).map { ($0.text, $0.line + lineShift) }
            }
        }
        unfit += other.unfit
        unfitExamples += other.unfitExamples.prefix(ColumnAccumulator.exampleCount - unfitExamples.count).map { ($0.text, $0.line + lineShift) }
        rows += other.rows
        var o = other
        switch (state, o.state) {
        case (.mixed, _), (_, .mixed):
            state = .mixed
            builder = ColumnBuilder(type: .text)
        case (_, .unseen):
            for _ in 0..<o.leadingNulls {
                if state == .unseen { leadingNulls += 1 } else { builder.appendNull() }
            }
        case (.unseen, _):
            var b = ColumnBuilder(type: o.type)
            if o.type == .text, !o.builder.interning { b.stopInterning() }
            for _ in 0..<leadingNulls { b.appendNull() }
            leadingNulls = 0
            b.append(o.builder)
            builder = b
            state = o.state
        case (.integer, .decimal) where fixed == nil:
            promoteToDecimal()
            builder.append(o.builder)
        case (.decimal, .integer) where fixed == nil:
            o.promoteToDecimal()
            builder.append(o.builder)
        case let (a, b) where a == b:
            builder.append(o.builder)
        default:
            state = .mixed
            builder = ColumnBuilder(type: .text)
        }
    }

    /// Whole numbers so far: the column is decimal after all.
    private mutating func promoteToDecimal() {
        var b = ColumnBuilder(type: .decimal)
        b.doubles.reserveCapacity(max(expectedRows, builder.ints.count))
        b.doubles += builder.ints.lazy.map(Double.init)
        b.nullRows = builder.nullRows
        builder = b
        state = .decimal
    }

    var type: FieldType {
        switch state {
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .unseen, .text, .mixed: .text
        }
    }

    /// The column (not for a `mixed` one, which is read again as text).
    mutating func finish() -> Column {
        if state == .unseen {
            builder = ColumnBuilder(type: .text)
            for _ in 0..<leadingNulls { builder.appendNull() }
            leadingNulls = 0
        }
        return builder.finish()
    }

    /// Why the column is text though most of its values are of another kind:
    /// that kind, and the values (with lines) that kept it from being one.
    var heldBack: (kind: FieldType, values: [(text: String, line: Int)])? {
        guard fixed == nil, type == .text else { return nil }
        let c = counts
        let numbers = c[Int(CellClass.integer.rawValue)] + c[Int(CellClass.decimal.rawValue)]
        let dates = c[Int(CellClass.date.rawValue)], booleans = c[Int(CellClass.boolean.rawValue)]
        let best = max(numbers, dates, booleans)
        guard best > 0 else { return nil }
        let kind: FieldType
        var keep: Set<CellClass>
        if best == numbers {
            kind = c[Int(CellClass.decimal.rawValue)] > 0 ? .decimal : .integer
            keep = [.integer, .decimal]
        } else if best == dates {
            kind = .date
            keep = [.date]
        } else {
            kind = .boolean
            keep = [.boolean]
        }
        keep.insert(.null)
        let others = CellClass.allCases.filter { !keep.contains($0) }.flatMap { examples[Int($0.rawValue)] }
        return (kind, Array(others.sorted { $0.line < $1.line }.prefix(ColumnAccumulator.exampleCount)))
    }
}

extension ColumnBuilder {
    mutating func appendInteger(_ v: Int) { ints.append(v) }
}

extension Cell {
    /// The value as written, for messages and for a text column.
    var spelling: String {
        withSpelling { String(decoding: $0, as: UTF8.self) }
    }

    func withSpelling<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        switch form {
        case .integer:
            var s = String(integer)
            return s.withUTF8(body)
        case .real:
            var s = ValueText.exactDecimal(real)
            return s.withUTF8(body)
        default:
            return body(bytes)
        }
    }

    var integerValue: Int {
        form == .integer ? integer : (NumberSpelling.integer(bytes) ?? 0)
    }

    var decimalValue: Double {
        switch form {
        case .integer: Double(integer)
        case .real: real
        default: NumberSpelling.integer(bytes).map(Double.init) ?? NumberSpelling.decimal(bytes) ?? 0
        }
    }

    var booleanValue: Bool { NumberSpelling.boolean(bytes) ?? false }

    var dateValue: Int32 { CalendarDate(iso: bytes)?.packed ?? 0 }
}
