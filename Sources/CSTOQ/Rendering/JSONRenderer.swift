/// An array of objects, one per row, keys as the column names, in column
/// order; dates as "YYYY-MM-DD". Values are exact: nothing is cut or escaped
/// beyond what JSON requires.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ result: ResultSet) -> String {
        LineWriter.collect { write(result, to: &$0) }
    }

    /// One line per row, written as each row is made.
    public func write(_ result: ResultSet, _ part: ResultPart = .whole, to out: inout LineWriter) {
        if part.isWhole, result.isEmpty { return out.line("[]") }
        if part.isFirst { out.line("[") }
        let keys = result.columns.map { JSONRenderer.string($0) + ": " }
        for r in 0..<result.count {
            if out.stopped { return }
            var line = "  {"
            for (i, v) in result.row(r).enumerated() {
                if i > 0 { line += ", " }
                line += keys[i]
                line += JSONRenderer.value(v)
            }
            line += part.isLast && r == result.count - 1 ? "}" : "},"
            out.line(line)
        }
        if part.isLast { out.line("]") }
    }

    public static func value(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case let .text(s): string(s)
        case let .integer(n): String(n)
        case let .decimal(d): d.isFinite ? ValueText.exactDecimal(d) : "null"
        case let .boolean(b): b ? "true" : "false"
        case let .date(d): "\"\(d)\""
        case let .reference(r): "\"#\(r.row)\""
        case let .list(items): "[" + items.map(value).joined(separator: ", ") + "]"
        }
    }

    public static func string(_ s: String) -> String {
        // Most text needs no escape: quoted as it is.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
