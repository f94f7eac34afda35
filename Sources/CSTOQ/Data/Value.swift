/// The value model every layer shares: what a field holds, what a query
/// compares, what a renderer prints.
///
/// Comparisons are defined between values of the same kind (integers and
/// decimals count as one kind, "number"); text compares without regard to case,
/// Unicode-aware (`KIRGHIZISTAN` equals `Kirghizistan`).
public enum Value: Hashable, Sendable {
    case null
    case text(String)
    case integer(Int)
    case decimal(Double)
    case boolean(Bool)
    case date(CalendarDate)
    case reference(RecordRef)
    case list([Value])

    public var kind: ValueKind {
        switch self {
        case .null: .null
        case .text: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .reference: .reference
        case .list: .list
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// The kinds of value, named as users see them in `describe` and in messages.
public enum ValueKind: String, Sendable, Hashable {
    case null, text, integer, decimal, boolean, date, reference, list
}

/// A link to one record: the collection's position in the dataset and the
/// record's row in that collection.
public struct RecordRef: Hashable, Sendable, Comparable {
    public var collection: Int
    public var row: Int

    public init(collection: Int, row: Int) {
        self.collection = collection
        self.row = row
    }

    public static func < (a: RecordRef, b: RecordRef) -> Bool {
        (a.collection, a.row) < (b.collection, b.row)
    }
}

/// A day on the calendar, without time or zone: all the article needs.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD` from ASCII bytes.
    public init?<Bytes: Collection<UInt8>>(iso bytes: Bytes) where Bytes.Index == Int {
        guard bytes.count == 10 else { return nil }
        let b = bytes.startIndex
        func digits(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                let c = bytes[b + i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            return n
        }
        guard bytes[b + 4] == UInt8(ascii: "-"), bytes[b + 7] == UInt8(ascii: "-"),
              let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(iso text: String) {
        self.init(iso: Array(text.utf8))
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (negative before): dates subtract to days and add them.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01; nil outside 0001-01-01…9999-12-31.
    public init?(dayNumber z0: Int) {
        guard z0 >= -719_162, z0 <= 2_932_896 else { return nil }
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
