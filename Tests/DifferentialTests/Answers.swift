import Foundation
@testable import CSTOQ

/// One cell of an answer, in the terms both engines can be read in: numbers
/// (booleans as 1 and 0, as SQLite stores them), text (dates as YYYY-MM-DD,
/// references by their label), lists, null.
indirect enum Cell: Equatable, CustomStringConvertible {
    case null
    case number(Double)
    case text(String)
    case list([Cell])

    init(_ v: Value, in dataset: Dataset) {
        switch v {
        case .null: self = .null
        case let .text(s): self = .text(s)
        case let .integer(n): self = .number(Double(n))
        case let .decimal(d): self = .number(d)
        case let .boolean(b): self = .number(b ? 1 : 0)
        case let .date(d): self = .text(d.description)
        case let .reference(r): self = .text(dataset.label(of: r))
        case let .list(xs): self = .list(xs.map { Cell($0, in: dataset) })
        }
    }

    /// Equal, numbers within a relative 1e-9 (engines add decimals in their own ways).
    func agrees(with other: Cell) -> Bool {
        switch (self, other) {
        case (.null, .null): true
        case let (.number(a), .number(b)): a == b || abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        case let (.text(a), .text(b)): Array(a.unicodeScalars) == Array(b.unicodeScalars)
        case let (.list(a), .list(b)): a.count == b.count && zip(a, b).allSatisfy { $0.agrees(with: $1) }
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case let .number(d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let .text(s): JSONRenderer.string(s)
        case let .list(xs): "[" + xs.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// Text with every scalar outside printable ASCII as \u{…}: to see NFC from NFD.
    var debugDescription: String {
        switch self {
        case let .text(s): "text \"" + s.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "\\u{" + String($0.value, radix: 16) + "}" }.joined() + "\""
        case let .list(xs): "[" + xs.map(\.debugDescription).joined(separator: ", ") + "]"
        case let .number(d): "number \(d)"
        case .null: "null"
        }
    }

    /// A cell an engine gave as text, read the way the expected cell says:
    /// a list from its JSON, a number from its digits (PostgreSQL's t and f
    /// for a boolean), text as it is.
    static func reading(_ text: String, like expected: Cell) -> Cell {
        switch expected {
        case .list: return (try? MiniJSON.parse(text)) ?? .text(text)
        case .number:
            if text == "t" { return .number(1) }
            if text == "f" { return .number(0) }
            return Double(text).map(Cell.number) ?? .text(text)
        case .null, .text: return .text(text)
        }
    }
}

typealias Answer = [[Cell]]

func describe(_ a: Answer) -> String {
    a.isEmpty ? "(no rows)" : a.map { "  " + $0.map(\.description).joined(separator: " | ") }.joined(separator: "\n")
}

func agree(_ a: Answer, _ b: Answer) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { $0.agrees(with: $1) } }
}

/// Just enough JSON to read the list columns the engines write.
enum MiniJSON {
    struct Bad: Error {}

    static func parse(_ text: String) throws -> Cell {
        var p = Array(text.unicodeScalars)[...]
        let v = try value(&p)
        skip(&p)
        guard p.isEmpty else { throw Bad() }
        return v
    }

    static func skip(_ p: inout ArraySlice<Unicode.Scalar>) {
        while let c = p.first, c == " " || c == "\n" || c == "\t" || c == "\r" { p.removeFirst() }
    }

    static func value(_ p: inout ArraySlice<Unicode.Scalar>) throws -> Cell {
        skip(&p)
        guard let c = p.first else { throw Bad() }
        switch c {
        case "[":
            p.removeFirst()
            var items: [Cell] = []
            skip(&p)
            if p.first == "]" { p.removeFirst(); return .list(items) }
            while true {
                items.append(try value(&p))
                skip(&p)
                guard let d = p.popFirst() else { throw Bad() }
                if d == "]" { return .list(items) }
                guard d == "," else { throw Bad() }
            }
        case "\"":
            p.removeFirst()
            var out = String.UnicodeScalarView()
            var pendingHigh: UInt32?
            while let d = p.popFirst() {
                if d == "\"" { return .text(String(out)) }
                guard d == "\\" else { out.append(d); continue }
                guard let e = p.popFirst() else { throw Bad() }
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                case "u":
                    let hex = String(String.UnicodeScalarView(p.prefix(4)))
                    p.removeFirst(min(4, p.count))
                    guard let n = UInt32(hex, radix: 16) else { throw Bad() }
                    if (0xD800..<0xDC00).contains(n) { pendingHigh = n; continue }
                    if let high = pendingHigh, (0xDC00..<0xE000).contains(n) {
                        out.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (n - 0xDC00))!)
                        pendingHigh = nil
                    } else if let s = Unicode.Scalar(n) {
                        out.append(s)
                    }
                default: out.append(e)
                }
            }
            throw Bad()
        default:
            var word = ""
            while let d = p.first, !",]} \n".unicodeScalars.contains(d) { word.unicodeScalars.append(d); p.removeFirst() }
            switch word {
            case "null": return .null
            case "true": return .number(1)
            case "false": return .number(0)
            default:
                guard let n = Double(word) else { throw Bad() }
                return .number(n)
            }
        }
    }
}

/// For each column, what its values look like: the first cell that is not null (text if none is).
func shapes(of a: Answer, columns: Int) -> [Cell] {
    (0..<columns).map { c in a.lazy.compactMap { $0.count > c && $0[c] != .null ? $0[c] : nil }.first ?? .text("") }
}
