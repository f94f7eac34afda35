import TextWidth

/// Aligned columns with box-drawing lines, a header, and the row count under
/// it. Text wider than the terminal is cut with `…` (`.last` shows it whole);
/// numbers are right-aligned; control characters are shown escaped so data
/// can't drive the terminal.
public struct TableRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    public func render(_ result: ResultSet) -> String {
        let headers = result.columns.map(Printable.escapeControls)
        let cells: [[String]] = result.rows.map { row in row.map { Printable.escapeControls(ValueText.plain($0)) } }
        var widths = headers.map(DisplayWidth.of)
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) }
        }
        if let limit = options.width { widths = fit(widths, headers: headers, into: limit) }

        var out = ""
        func line(_ left: String, _ mid: String, _ right: String) {
            out += left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        func paint(_ s: String, _ code: String) -> String { options.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

        line("┌", "┬", "┐")
        out += "│" + headers.enumerated().map { i, h in
            " " + paint(DisplayWidth.pad(DisplayWidth.truncate(h, to: widths[i]), to: widths[i]), "1") + " "
        }.joined(separator: "│") + "│\n"
        line("├", "┼", "┤")
        for (r, row) in cells.enumerated() {
            out += "│" + row.enumerated().map { i, c in
                let value = result.rows[r][i]
                let cut = DisplayWidth.truncate(c, to: widths[i])
                let padded = ValueText.isNumber(value) ? DisplayWidth.padLeft(cut, to: widths[i]) : DisplayWidth.pad(cut, to: widths[i])
                return " " + (value.isNull ? paint(padded, "2") : padded) + " "
            }.joined(separator: "│") + "│\n"
        }
        line("└", "┴", "┘")
        let n = result.rows.count
        out += "(\(n) \(n == 1 ? "row" : "rows"))"
        return out
    }

    /// Shrinks the widest columns until the table fits `limit` characters,
    /// keeping every column at least as wide as its header (or 8).
    func fit(_ widths: [Int], headers: [String], into limit: Int) -> [Int] {
        var w = widths
        let overhead = 3 * w.count + 1
        let minimum = headers.map { min(max(DisplayWidth.of($0), 3), 8) }
        while w.reduce(0, +) + overhead > limit {
            guard let i = w.indices.filter({ w[$0] > minimum[$0] }).max(by: { w[$0] < w[$1] }) else { break }
            w[i] -= 1
        }
        return w
    }
}
