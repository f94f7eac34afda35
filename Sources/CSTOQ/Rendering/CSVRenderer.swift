/// RFC 4180: a header line, CRLF line ends, a field quoted when it holds a
/// comma, a quote or a line break (quotes doubled). Null is an empty field;
/// a list is its items joined with "; ". Written row by row.
public struct CSVRenderer: Sendable {
    public init() {}

    /// The CSV text, every line ended by CRLF.
    public func render(_ result: ResultSet) -> String {
        LineWriter.collect { write(result, to: &$0) } + "\n"
    }

    /// Each line ends in "\r": the writer's line end makes it CRLF.
    public func write(_ result: ResultSet, _ part: ResultPart = .whole, to out: inout LineWriter) {
        if part.isFirst { out.line(result.columns.map(CSVRenderer.field).joined(separator: ",") + "\r") }
        for r in 0..<result.count {
            if out.stopped { return }
            var line = ""
            for (i, v) in result.row(r).enumerated() {
                if i > 0 { line += "," }
                line += CSVRenderer.field(CSVRenderer.text(v))
            }
            line += "\r"
            out.line(line)
        }
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
