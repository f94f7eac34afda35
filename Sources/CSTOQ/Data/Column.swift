/// One field's values for every record of a collection, stored by type:
/// text dictionary-encoded (each distinct string once, rows hold codes),
/// numbers, booleans and dates in plain arrays, references as row numbers.
/// Queries on a million records scan these arrays, not boxed values; the
/// subscript still gives a `Value` wherever one is wanted.
public struct Column: Sendable, RandomAccessCollection {
    public enum Storage: Sendable {
        /// `codes[row]` indexes `dictionary`; `Column.nullCode` is null.
        case text(codes: [UInt32], dictionary: [String])
        case integer([Int], nulls: Bitmap?)
        case decimal([Double], nulls: Bitmap?)
        /// 0 false, 1 true, -1 null.
        case boolean([Int8])
        /// `year * 10000 + month * 100 + day`, which orders like the dates; 0 is null.
        case date([Int32])
        /// Rows of the `target` collection; -1 is null.
        case reference(target: Int, rows: [Int32])
        /// Anything else (lists, and the `source` sentences).
        case values([Value])
    }

    public static let nullCode = UInt32.max

    public var storage: Storage
    /// For text: whether each string occurs once in the dictionary. A column of
    /// mostly distinct values is stored without looking repeats up (see
    /// ColumnBuilder), and then equal texts can have different codes.
    public var dictionaryIsDistinct: Bool

    public init(_ storage: Storage, dictionaryIsDistinct: Bool = true) {
        self.storage = storage
        self.dictionaryIsDistinct = dictionaryIsDistinct
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case let .text(codes, _): codes.count
        case let .integer(v, _): v.count
        case let .decimal(v, _): v.count
        case let .boolean(v): v.count
        case let .date(v): v.count
        case let .reference(_, rows): rows.count
        case let .values(v): v.count
        }
    }

    @inlinable
    public subscript(row: Int) -> Value {
        switch storage {
        case let .text(codes, dictionary):
            let c = codes[row]
            return c == Column.nullCode ? .null : .text(dictionary[Int(c)])
        case let .integer(v, nulls):
            if let nulls, nulls[row] { return .null }
            return .integer(v[row])
        case let .decimal(v, nulls):
            if let nulls, nulls[row] { return .null }
            return .decimal(v[row])
        case let .boolean(v):
            let b = v[row]
            return b < 0 ? .null : .boolean(b == 1)
        case let .date(v):
            let d = v[row]
            return d == 0 ? .null : .date(CalendarDate(packed: d))
        case let .reference(target, rows):
            let r = rows[row]
            return r < 0 ? .null : .reference(RecordRef(collection: target, row: Int(r)))
        case let .values(v):
            return v[row]
        }
    }

    /// Whether the value at `row` is null, without building it.
    @inlinable
    public func isNull(_ row: Int) -> Bool {
        switch storage {
        case let .text(codes, _): codes[row] == Column.nullCode
        case let .integer(_, nulls), let .decimal(_, nulls): nulls?[row] ?? false
        case let .boolean(v): v[row] < 0
        case let .date(v): v[row] == 0
        case let .reference(_, rows): rows[row] < 0
        case let .values(v): v[row].isNull
        }
    }
}

extension CalendarDate {
    /// `year * 10000 + month * 100 + day`: compares like the dates themselves.
    public var packed: Int32 { Int32(year * 10000 + month * 100 + day) }

    public init(packed: Int32) {
        let p = Int(packed)
        self.year = p / 10000
        self.month = p / 100 % 100
        self.day = p % 100
    }
}

/// A fixed-size set of row numbers as bits: the evaluator's currency for
/// conditions (and/or/not are word operations), and null masks for columns.
public struct Bitmap: Sendable, Equatable {
    public var words: [UInt64]
    public let count: Int

    public init(count: Int, filled: Bool = false) {
        self.count = count
        words = Array(repeating: filled ? ~0 : 0, count: (count + 63) / 64)
        if filled { clearTail() }
    }

    @inlinable
    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    public mutating func formIntersection(_ other: Bitmap) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    public mutating func formUnion(_ other: Bitmap) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    public var nonzeroCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The set rows, in order.
    public var rows: [Int] {
        var out: [Int] = []
        out.reserveCapacity(nonzeroCount)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                out.append(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return out
    }
}
