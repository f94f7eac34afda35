/// An array of objects, one per row, keys as the column names, in column
/// order; dates as "YYYY-MM-DD". Values are exact: nothing is cut or escaped
/// beyond what JSON requires.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ result: ResultSet) -> String {
        guard !result.rows.isEmpty else { return "[]" }
        var out = "[\n"
        for (r, row) in result.rows.enumerated() {
            out += "  {"
            for (i, v) in row.enumerated() {
                out += (i == 0 ? "" : ", ") + JSONRenderer.string(result.columns[i]) + ": " + JSONRenderer.value(v)
            }
            out += r == result.rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]"
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
