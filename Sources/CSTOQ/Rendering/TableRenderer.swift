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
        LineWriter.collect { write(result, to: &$0) }
    }

    /// Two passes over the rows: one for the column widths (nothing kept but
    /// the widths), one that writes each row as it is made.
    public func write(_ result: ResultSet, to out: inout LineWriter) {
        let headers = result.columns.map(Printable.escapeControls)
        var widths = headers.map(DisplayWidth.of)
        for r in 0..<result.count {
            if r & 0xFFF == 0, out.checkCancelled() { return }
            for (i, v) in result.row(r).enumerated() {
                widths[i] = max(widths[i], DisplayWidth.of(Printable.escapeControls(ValueText.plain(v))))
            }
        }
        if let limit = options.width { widths = fit(widths, headers: headers, into: limit) }

        func line(_ left: String, _ mid: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
        }
        func paint(_ s: String, _ code: String) -> String { options.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

        out.line(line("┌", "┬", "┐"))
        out.line("│" + headers.enumerated().map { i, h in
            " " + paint(DisplayWidth.pad(DisplayWidth.truncate(h, to: widths[i]), to: widths[i]), "1") + " "
        }.joined(separator: "│") + "│")
        out.line(line("├", "┼", "┤"))
        for r in 0..<result.count {
            if out.stopped { return }
            out.line("│" + result.row(r).enumerated().map { i, value in
                let cut = DisplayWidth.truncate(Printable.escapeControls(ValueText.plain(value)), to: widths[i])
                let padded = ValueText.isNumber(value) ? DisplayWidth.padLeft(cut, to: widths[i]) : DisplayWidth.pad(cut, to: widths[i])
                return " " + (value.isNull ? paint(padded, "2") : padded) + " "
            }.joined(separator: "│") + "│")
        }
        out.line(line("└", "┴", "┘"))
        let n = result.count
        out.line("(\(n) \(n == 1 ? "row" : "rows"))")
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
