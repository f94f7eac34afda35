import TextWidth
/// A GitHub-flavoured Markdown table: `|` escaped, line breaks as `<br>`,
/// other control characters as `\u{1b}`, numbers right-aligned.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ result: ResultSet) -> String {
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
        let numeric = result.columns.indices.map { i in
            !result.rows.isEmpty && result.rows.allSatisfy { ValueText.isNumber($0[i]) || $0[i].isNull }
        }
        var lines = ["| " + result.columns.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + numeric.map { $0 ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in result.rows {
            lines.append("| " + row.map { cell(ValueText.plain($0)) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
