/// A checked query answered by a live database: its SQL (every value a bind
/// parameter) and its rows read back as cstoq's values, column by column
/// in the kind the checker gave the column. A reference comes back as the
/// label it is shown by, a list from the JSON array the SQL builds.
public struct LiveQuery {
    public let database: any LiveDatabase
    public let schema: LiveCatalog.Schema

    public init(database: any LiveDatabase, schema: LiveCatalog.Schema) {
        self.database = database
        self.schema = schema
    }

    public func statement(_ q: CheckedQuery) throws(Diagnostic) -> SQLStatement {
        try SQLTranslator(dataset: schema.dataset, layout: schema.layout).statement(q, for: database.dialect, bindingValues: true)
    }

    /// The SQL as `explain sql` shows it for this database: values written in.
    public func text(_ q: CheckedQuery) throws(Diagnostic) -> String {
        try SQLTranslator(dataset: schema.dataset, layout: schema.layout).translate(q, for: database.dialect)
    }

    /// What each column of a query's rows holds: its kind, and a list's element kind.
    public static func shapes(_ q: CheckedQuery) -> [(kind: ValueKind, element: ValueKind)] {
        if q.isCount { return [(.integer, .null)] }
        return q.columns.map { c in
            let e = c.expression
            if let p = e.path {
                return (e.kind, p.type.elementType.valueKind)
            }
            if case let .aggregate(f, arg?, _) = e, f == .min || f == .max, let p = arg.path {
                return (p.type.elementType.valueKind, .null)
            }
            return (e.kind, .null)
        }
    }

    /// Runs the query and gives each row to `each` as it comes (false stops
    /// the statement): nothing is held but the row.
    public func stream(_ q: CheckedQuery, timeout: Duration?, row each: ([Value]) -> Bool) throws(Diagnostic) {
        let s = try statement(q)
        let shapes = LiveQuery.shapes(q)
        try database.run(s, timeout: timeout) { cells in
            var row: [Value] = []
            row.reserveCapacity(cells.count)
            for (i, cell) in cells.enumerated() {
                let shape = i < shapes.count ? shapes[i] : (kind: ValueKind.text, element: ValueKind.null)
                row.append(LiveQuery.value(cell, kind: shape.kind, element: shape.element))
            }
            return each(row)
        }
    }

    /// The columns of a query's rows.
    public static func columns(_ q: CheckedQuery) -> [String] {
        q.isCount ? ["count"] : q.columns.map(\.name)
    }

    /// Runs the query and keeps every row (tests, small results).
    public func run(_ q: CheckedQuery, timeout: Duration?, isCancelled: @escaping @Sendable () -> Bool) throws(Diagnostic) -> ResultSet {
        var rows: [[Value]] = []
        var cancelled = false
        try stream(q, timeout: timeout) { row in
            if rows.count & 1023 == 0, isCancelled() { cancelled = true; return false }
            rows.append(row)
            return true
        }
        if cancelled { throw Diagnostic(.cancelled) }
        return ResultSet(columns: LiveQuery.columns(q), rows: rows, isGrouped: !q.groupBy.isEmpty)
    }

    /// One cell as the value cstoq would show.
    public static func value(_ cell: LiveCell, kind: ValueKind, element: ValueKind) -> Value {
        switch (cell, kind) {
        case (.null, _): return .null
        case let (.integer(n), .boolean): return .boolean(n != 0)
        case let (.integer(n), .decimal): return .decimal(Double(n))
        case let (.integer(n), _): return .integer(n)
        case let (.decimal(d), .integer) where d == d.rounded() && abs(d) < 9e18: return .integer(Int(d))
        case let (.decimal(d), _): return .decimal(d)
        case let (.text(t), _): return value(text: t, kind: kind, element: element)
        }
    }

    /// A value from the text a database gives (PostgreSQL's text format, a JSON array).
    static func value(text t: String, kind: ValueKind, element: ValueKind) -> Value {
        switch kind {
        // A whole-number column can hold a decimal (coalesce(n, 1.5)): kept as one, as cstoq's own answer is.
        case .integer: return Int(t).map(Value.integer) ?? Double(t).map(Value.decimal) ?? .text(t)
        case .decimal: return Double(t).map(Value.decimal) ?? .text(t)
        case .boolean:
            switch t {
            case "t", "true", "1": return .boolean(true)
            case "f", "false", "0": return .boolean(false)
            default: return .text(t)
            }
        case .date: return CalendarDate(iso: t).map(Value.date) ?? .text(t)
        case .list:
            var reader = LiveJSON(Array(t.utf8))
            guard let v = reader.value(element: element), reader.atEnd else { return .text(t) }
            return v
        default: return .text(t)
        }
    }
}

/// Just the JSON the translator's arrays are made of: arrays of strings,
/// numbers, booleans and nulls, each read as the list's element kind.
struct LiveJSON {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        var j = i
        while j < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j += 1 }
        return j == bytes.count
    }

    mutating func blanks() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func value(element: ValueKind) -> Value? {
        blanks()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "["):
            i += 1
            var items: [Value] = []
            blanks()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
            while true {
                guard let v = value(element: element) else { return nil }
                items.append(v)
                blanks()
                guard i < bytes.count else { return nil }
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "]") { return .list(items) }
                guard b == UInt8(ascii: ",") else { return nil }
            }
        case UInt8(ascii: "\""):
            guard let s = string() else { return nil }
            return LiveQuery.value(text: s, kind: element == .reference ? .text : element, element: .null)
        default:
            let start = i
            while i < bytes.count, !",] \n\r\t".utf8.contains(bytes[i]) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            switch word {
            case "null": return .null
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default:
                if element == .boolean { return word == "1" ? .boolean(true) : word == "0" ? .boolean(false) : nil }
                if element == .integer, let n = Int(word) { return .integer(n) }
                if let d = Double(word) { return element == .integer && d == d.rounded() ? .integer(Int(d)) : .decimal(d) }
                return nil
            }
        }
    }

    mutating func string() -> String? {
        i += 1
        var out: [UInt8] = []
        var pendingHigh: UInt32?
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < bytes.count else { return nil }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let n = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(n) { pendingHigh = n; continue }
                var scalar: Unicode.Scalar?
                if let high = pendingHigh, (0xDC00..<0xE000).contains(n) {
                    scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (n - 0xDC00))
                    pendingHigh = nil
                } else {
                    scalar = Unicode.Scalar(n)
                }
                if let scalar { out.append(contentsOf: Array(String(Character(scalar)).utf8)) }
            default: out.append(e)
            }
        }
        return nil
    }
}
