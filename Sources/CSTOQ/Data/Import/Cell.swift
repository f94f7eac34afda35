/// One value of a table as a file reader found it, before its column's kind
/// is known: the bytes as written, and what the file's own syntax says of it.
/// A CSV cell says nothing (any kind may be read from it); a JSON string or a
/// SQLite TEXT is text or a date; a JSON number or a SQLite INTEGER is a number.
struct Cell {
    enum Form: UInt8 {
        case null
        /// CSV: empty is null; else integer, decimal, boolean, date or text, by its spelling.
        case untyped
        /// JSON string, SQLite TEXT: a date when it is spelled `YYYY-MM-DD`, else text.
        case string
        /// JSON number: an integer or a decimal, by its spelling.
        case number
        /// JSON `true`/`false`, a 0/1 of a SQLite BOOLEAN column; `bytes` spells it.
        case boolean
        /// SQLite INTEGER, SQLite REAL: the value itself.
        case integer, real
    }

    var form: Form
    var bytes: UnsafeBufferPointer<UInt8>
    var integer = 0
    var real = 0.0

    static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }
    static var null: Cell { Cell(form: .null, bytes: empty) }
    static var trueSpelling: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: ("true" as StaticString).utf8Start, count: 4) }
    static var falseSpelling: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: ("false" as StaticString).utf8Start, count: 5) }

    static func boolean(_ b: Bool) -> Cell { Cell(form: .boolean, bytes: b ? trueSpelling : falseSpelling) }
}

/// What a cell's value is, as inference counts it.
enum CellClass: UInt8, CaseIterable {
    case null, integer, decimal, boolean, date, text
}

extension Cell {
    /// The class of the value. `integer` is `-?(0|[1-9][0-9]*)` within 64 bits
    /// (a leading zero keeps `01234` text: a code, not a number); `decimal`
    /// is JSON's number syntax; `boolean` is `true`/`false` in any case;
    /// `date` a real calendar date written `YYYY-MM-DD`.
    var cellClass: CellClass {
        switch form {
        case .null: return .null
        case .integer: return .integer
        case .real: return .decimal
        case .boolean: return .boolean
        case .number: return NumberSpelling.integer(bytes) != nil ? .integer : .decimal
        case .string: return CalendarDate(iso: bytes) != nil ? .date : .text
        case .untyped:
            let n = bytes.count
            if n == 0 { return .null }
            let first = bytes[0]
            if first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) {
                if n == 10, bytes[4] == UInt8(ascii: "-"), CalendarDate(iso: bytes) != nil { return .date }
                if NumberSpelling.integer(bytes) != nil { return .integer }
                if NumberSpelling.decimal(bytes) != nil { return .decimal }
                return .text
            }
            if n == 4 || n == 5, NumberSpelling.boolean(bytes) != nil { return .boolean }
            return .text
        }
    }
}

/// Numbers and booleans read from their spelling.
enum NumberSpelling {
    /// `-?(0|[1-9][0-9]*)` that fits in 64 bits.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        let negative = n > 0 && b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < n else { return nil }
        if b[i] == 0x30 && n - i > 1 { return nil }
        var value = 0
        while i < n {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int(c - 0x30)) : m.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return value
    }

    /// JSON's number syntax, finite as a 64-bit decimal.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = b.count
        if i < n, b[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - s
        }
        let whole = digits()
        guard whole > 0 else { return nil }
        if whole > 1, b[n > 0 && b[0] == UInt8(ascii: "-") ? 1 : 0] == 0x30 { return nil }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == n else { return nil }
        if let fast = JSONReader.simpleDecimal(b) { return fast }
        guard let d = Double(String(decoding: b, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// `true` or `false`, in any case.
    static func boolean(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            guard b.count == word.utf8CodeUnitCount else { return false }
            for i in 0..<b.count where b[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }
}
