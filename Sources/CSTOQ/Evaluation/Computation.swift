import TextWidth

/// What each operator and function of an expression computes, on values:
/// the one meaning the row-by-row evaluation, the groups and the column
/// kernels share. Null in gives null out (but `coalesce`); `/` by zero is
/// null, as in SQLite; whole numbers that overflow 64 bits and dates off
/// the calendar are errors naming the operands, never a wrapped value.
enum Computation {
    static func negate(_ v: Value) throws(Diagnostic) -> Value {
        switch v {
        case let .integer(n):
            guard n != .min else { throw Diagnostic(.integerOverflow("-(\(n))")) }
            return .integer(-n)
        case let .decimal(d): return .decimal(-d)
        default: return .null
        }
    }

    static func apply(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(Diagnostic) -> Value {
        switch (a, b) {
        case let (.integer(x), .integer(y)):
            if op == .divide { return y == 0 ? .null : .decimal(Double(x) / Double(y)) }
            let (r, overflow) = switch op {
            case .add: x.addingReportingOverflow(y)
            case .subtract: x.subtractingReportingOverflow(y)
            default: x.multipliedReportingOverflow(by: y)
            }
            if overflow { throw Diagnostic(.integerOverflow("\(x) \(op.rawValue) \(y < 0 ? "(\(y))" : String(y))")) }
            return .integer(r)
        case let (.date(d), .date(e)):
            return op == .subtract ? .integer(d.dayNumber - e.dayNumber) : .null
        case let (.date(d), .integer(n)), let (.integer(n), .date(d)):
            let (days, overflow) = op == .subtract ? d.dayNumber.subtractingReportingOverflow(n) : d.dayNumber.addingReportingOverflow(n)
            guard !overflow, let date = CalendarDate(dayNumber: days) else {
                throw Diagnostic(.dateOutOfRange(op: op.rawValue, left: ValueText.plain(a), right: ValueText.plain(b)))
            }
            return .date(date)
        default:
            guard let x = number(a), let y = number(b) else { return .null }
            let r: Double = switch op {
            case .add: x + y
            case .subtract: x - y
            case .multiply: x * y
            case .divide: y == 0 ? .nan : x / y
            }
            if r.isNaN { return .null }
            guard r.isFinite else {
                throw Diagnostic(.decimalOverflow(op: op.rawValue, left: ValueText.exactDecimal(x), right: ValueText.exactDecimal(y)))
            }
            return .decimal(r)
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case let .integer(n): Double(n)
        case let .decimal(d): d
        default: nil
        }
    }

    static func apply(_ f: ScalarFunction, _ args: [Value]) throws(Diagnostic) -> Value {
        if f == .coalesce { return args.first { !$0.isNull } ?? .null }
        guard let a = args.first, !a.isNull else { return .null }
        switch (f, a) {
        case let (.lower, .text(s)): return .text(s.lowercased())
        case let (.upper, .text(s)): return .text(s.uppercased())
        case let (.length, .text(s)): return .integer(s.count)
        case let (.trim, .text(s)): return .text(trimmed(s))
        case let (.year, .date(d)): return .integer(d.year)
        case let (.month, .date(d)): return .integer(d.month)
        case let (.day, .date(d)): return .integer(d.day)
        case let (.abs, .integer(n)):
            guard n != .min else { throw Diagnostic(.integerOverflow("abs(\(n))")) }
            return .integer(Swift.abs(n))
        case let (.abs, .decimal(d)): return .decimal(Swift.abs(d))
        case (.round, .integer): return a
        case let (.round, .decimal(d)):
            var digits = 0
            if args.count > 1 {
                guard case let .integer(n) = args[1] else { return .null }
                digits = n
            }
            return .decimal(round(d, digits: digits))
        default: return .null
        }
    }

    /// The blanks `trim` takes off: space, tab, line feed, carriage return (the SQL translation names the same four).
    static let trimmedBlanks: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, trimmedBlanks.contains(f) { sub = sub.dropFirst() }
        while let l = sub.last, trimmedBlanks.contains(l) { sub = sub.dropLast() }
        return String(sub)
    }

    /// `d` rounded to `digits` decimal places, halves away from zero, on the
    /// decimal the number is written as (its shortest form): 2.675 rounds to
    /// 2.68 as a person reading it expects, though the double is a little less.
    static func round(_ d: Double, digits: Int) -> Double {
        guard d.isFinite else { return d }
        if digits <= 0 { return d.rounded(.toNearestOrAwayFromZero) }
        guard digits < 17 else { return d }
        let text = ValueText.decimalLiteral(Swift.abs(d))  // digits, a point, digits
        guard let point = text.firstIndex(of: ".") else { return d }
        let whole = text[..<point], fraction = Array(text[text.index(after: point)...])
        guard fraction.count > digits else { return d }
        var kept = Array(whole) + fraction[..<digits]
        if fraction[digits] >= "5" {
            // Carry the one through the kept digits.
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == "9" { kept[i] = "0"; i -= 1 } else { kept[i] = Character(Unicode.Scalar(kept[i].asciiValue! + 1)); break }
            }
            if i < 0 { kept.insert("1", at: 0) }
        }
        let wholeCount = kept.count - digits
        let rounded = Double(String(kept[..<wholeCount]) + "." + String(kept[wholeCount...])) ?? d
        return d < 0 ? -rounded : rounded
    }

    /// `a op b` for two computed values, as a condition means it: the verdict
    /// of the same test a constant on the right would get (`ValueTest`).
    static func compare(_ a: Value, _ op: ComparisonOperator, _ b: Value, dataset: Dataset) -> Bool? {
        if b.isNull || a.isNull { return nil }
        if case let .list(items) = b {
            // Any element on the right: one verdict per element, true wins, then unknown.
            var unknown = false
            for item in items {
                switch compare(a, op, item, dataset: dataset) {
                case true?: return true
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : false
        }
        let test = ValueTest(kind: ValueTest.kind(op, b), dataset: dataset)
        return test.holds(on: a)
    }
}
