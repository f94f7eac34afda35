/// RFC 4180: a header line, CRLF line ends, a field quoted when it holds a
/// comma, a quote or a line break (quotes doubled). Null is an empty field;
/// a list is its items joined with "; ".
public struct CSVRenderer: Sendable {
    public init() {}

    public func render(_ result: ResultSet) -> String {
        var lines = [result.columns.map(CSVRenderer.field).joined(separator: ",")]
        for row in result.rows {
            lines.append(row.map { CSVRenderer.field(CSVRenderer.text($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .null: ""
        case let .list(items): items.map(text).joined(separator: "; ")
        case let .decimal(d): ValueText.exactDecimal(d)
        default: ValueText.plain(v)
        }
    }

    static func field(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return s }
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }
}
