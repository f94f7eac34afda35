import TextWidth
/// A GitHub-flavoured Markdown table: `|` escaped, line breaks as `<br>`,
/// other control characters as `\u{1b}`, numbers right-aligned.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ result: ResultSet) -> String {
        LineWriter.collect { write(result, to: &$0) }
    }

    public func write(_ result: ResultSet, to out: inout LineWriter) {
        var numeric: [Bool]?
        write(result, .whole, numeric: &numeric, to: &out)
    }

    /// A result in parts is aligned by its first part's columns.
    public func write(_ result: ResultSet, _ part: ResultPart, numeric alignment: inout [Bool]?, to out: inout LineWriter) {
        func cell(_ s: String) -> String {
            var out = ""
            for ch in s {
                switch ch {
                case "|": out += "\\|"
                case "\n", "\r\n": out += "<br>"
                // Other control characters are shown escaped, as in a table: the
                // output may be on a terminal, and a document has no use for them.
                default: out += Printable.escapeControls(String(ch))
                }
            }
            return out
        }
        if alignment == nil {
            // A column is right-aligned when it holds numbers (and nulls) only: one pass to know.
            var numeric = result.columns.map { _ in !result.isEmpty }
            for r in 0..<result.count where numeric.contains(true) {
                for (i, v) in result.row(r).enumerated() where !(ValueText.isNumber(v) || v.isNull) { numeric[i] = false }
            }
            alignment = numeric
            out.line("| " + result.columns.map(cell).joined(separator: " | ") + " |")
            out.line("|" + numeric.map { $0 ? " ---: " : " --- " }.joined(separator: "|") + "|")
        }
        for r in 0..<result.count {
            if out.stopped { return }
            out.line("| " + result.row(r).map { cell(ValueText.plain($0)) }.joined(separator: " | ") + " |")
        }
    }
}
