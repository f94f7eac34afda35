import TextWidth

/// Aligned columns with box-drawing lines, a header, and the row count under
/// it; or, one command away (`.format line`), one `field │ value` line per
/// field per record. Numbers are right-aligned; control characters are shown
/// escaped so data can't drive the terminal.
///
/// On a terminal (`options.width`, `options.height`) a table never wraps
/// and never floods the screen:
/// - text wider than its column is cut with `…`, or wrapped inside its
///   column with `wrapsCells` (`.last`); a header is never cut while its
///   column is shown, so two columns never look alike;
/// - when even the narrowest columns don't fit, the result is shown one
///   field per line when that fits the screen, else the columns that fit
///   are shown and the others named under the table;
/// - a result taller than the screen is cut to fit, with a footer saying how
///   to see all of it.
public struct TableRenderer: Sendable {
    public var options: RenderOptions

    /// Lines a cut table keeps free: its borders, header, footer and the prompt.
    static let screenOverhead = 8

    public init(options: RenderOptions) {
        self.options = options
    }

    public func render(_ result: ResultSet) -> String {
        LineWriter.collect { write(result, to: &$0) }
    }

    /// The rows shown: all, or as many as the screen holds.
    func shownRows(_ result: ResultSet) -> Int {
        guard let height = options.height, result.count > height - TableRenderer.screenOverhead + 2 || result.isPartial else { return result.count }
        return min(result.count, max(height - TableRenderer.screenOverhead, 3))
    }

    /// Whether the result is taller than the screen (and would be cut).
    public func isCut(_ result: ResultSet) -> Bool {
        if result.isPartial { return true }
        return options.format == .line ? shownRowsVertically(result) < result.count : shownRows(result) < result.count
    }

    /// How a table's columns are drawn, fixed by its first part: the widths
    /// of the columns shown, or one field per line.
    public enum Layout: Sendable {
        case columns(widths: [Int], headers: [String])
        case vertical
    }

    public func write(_ result: ResultSet, to out: inout LineWriter) {
        var layout: Layout?
        write(result, .whole, layout: &layout, to: &out)
    }

    /// Two passes over the rows shown: one for the column widths (nothing
    /// kept but the widths), one that writes each row as it is made. A result
    /// in parts is measured on its first part; later cells wider than their
    /// column are cut (or wrapped) to it, and the table is closed after the last.
    public func write(_ result: ResultSet, _ part: ResultPart, layout: inout Layout?, to out: inout LineWriter) {
        let shown = part.isWhole ? shownRows(result) : result.count
        if layout == nil {
            let headers = result.columns.map(Printable.escapeControls)
            var widths = headers.map(DisplayWidth.of)
            for r in 0..<shown {
                if r & 0xFFF == 0, out.checkCancelled() { return }
                for (i, v) in result.row(r).enumerated() {
                    widths[i] = max(widths[i], DisplayWidth.of(Printable.escapeControls(ValueText.plain(v))))
                }
            }
            if let limit = options.width {
                let fitted = fit(widths, headers: headers, into: limit)
                // Not every column fits: one field per line if that fits the screen.
                if fitted.count < widths.count, part.isWhole, let height = options.height, shown * (widths.count + 1) + 2 <= height {
                    layout = .vertical
                } else {
                    widths = fitted
                }
            }
            if layout == nil {
                layout = .columns(widths: widths, headers: headers)
                out.line(TableRenderer.border("┌", "┬", "┐", widths))
                out.line("│" + headers.prefix(widths.count).enumerated().map { i, h in
                    " " + paint(DisplayWidth.pad(DisplayWidth.truncate(h, to: widths[i]), to: widths[i]), "1") + " "
                }.joined(separator: "│") + "│")
                out.line(TableRenderer.border("├", "┼", "┤", widths))
            }
        }
        guard case let .columns(widths, headers)? = layout else { return writeVertically(result, part, to: &out) }
        let columns = widths.count
        for r in 0..<shown {
            if out.stopped { return }
            let values = Array(result.row(r).prefix(columns))
            let texts = values.map { Printable.escapeControls(ValueText.plain($0)) }
            // One line per row, or (wrapping) as many as its tallest cell needs.
            let cells: [[String]] = texts.enumerated().map { i, t in
                options.wrapsCells ? DisplayWidth.wrap(t, to: widths[i]) : [DisplayWidth.truncate(t, to: widths[i])]
            }
            let height = cells.map(\.count).max() ?? 1
            for k in 0..<height {
                out.line("│" + values.enumerated().map { i, value in
                    let cut = k < cells[i].count ? cells[i][k] : ""
                    let padded = ValueText.isNumber(value) ? DisplayWidth.padLeft(cut, to: widths[i]) : DisplayWidth.pad(cut, to: widths[i])
                    return " " + (value.isNull ? paint(padded, "2") : padded) + " "
                }.joined(separator: "│") + "│")
            }
        }
        guard part.isLast else { return }
        out.line(TableRenderer.border("└", "┴", "┘", widths))
        if columns < headers.count {
            let rest = headers[columns...]
            note("\(rest.count) more \(rest.count == 1 ? "column" : "columns") not shown: " + rest.joined(separator: ", ")
                 + " (.format line shows every field; select chooses columns)", to: &out)
        }
        note(TableRenderer.footer(rows: part.offset + result.count, shown: part.offset + shown, partial: result.isPartial), to: &out)
    }

    static func border(_ left: String, _ mid: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
    }

    func paint(_ s: String, _ code: String) -> String { options.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// `(5 rows)`, or for a cut table how many are shown and how to see the
    /// rest (`partial`: the rows beyond were not read, their number is unknown).
    static func footer(rows n: Int, shown: Int, partial: Bool = false) -> String {
        let rest = ".last shows all, .save FILE writes them, .pager on pages them"
        if partial { return "(at least \(n) rows, the first \(shown) shown: \(rest))" }
        guard shown < n else { return "(\(n) \(n == 1 ? "row" : "rows"))" }
        return "(\(n) rows, the first \(shown) shown: \(rest))"
    }

    public func writeVertically(_ result: ResultSet, to out: inout LineWriter) {
        writeVertically(result, .whole, to: &out)
    }

    /// One record after another, each field on its line: `name │ value`.
    public func writeVertically(_ result: ResultSet, _ part: ResultPart, to out: inout LineWriter) {
        let shown = part.isWhole ? shownRowsVertically(result) : result.count
        let names = result.columns.map(Printable.escapeControls)
        let nameWidth = names.map(DisplayWidth.of).max() ?? 0
        let valueWidth = options.width.map { max($0 - nameWidth - 3, 8) }
        for r in 0..<shown {
            if r & 0xFF == 0, out.checkCancelled() { return }
            let title = "─[ \(part.offset + r + 1) ]"
            out.line(title + String(repeating: "─", count: max(0, min(options.width ?? 40, 40) - DisplayWidth.of(title))))
            for (i, value) in result.row(r).enumerated() {
                let text = Printable.escapeControls(ValueText.plain(value))
                let lines: [String]
                if let valueWidth {
                    lines = options.wrapsCells ? DisplayWidth.wrap(text, to: valueWidth) : [DisplayWidth.truncate(text, to: valueWidth)]
                } else {
                    lines = [text]
                }
                for (k, l) in lines.enumerated() {
                    out.line(DisplayWidth.pad(k == 0 ? names[i] : "", to: nameWidth) + " │ " + l)
                }
            }
        }
        guard part.isLast else { return }
        note(TableRenderer.footer(rows: part.offset + result.count, shown: part.offset + shown, partial: result.isPartial), to: &out)
    }

    /// A line under the table, broken between words to fit the terminal.
    func note(_ text: String, to out: inout LineWriter) {
        guard let width = options.width else { return out.line(text) }
        for l in DisplayWidth.wrap(text, to: width) {
            var t = Substring(l)
            while t.last == " " { t = t.dropLast() }
            out.line(String(t))
        }
    }

    /// The records shown one field per line: as many as the screen holds.
    func shownRowsVertically(_ result: ResultSet) -> Int {
        guard let height = options.height else { return result.count }
        let perRecord = result.columns.count + 1
        guard result.count * perRecord > height - 3 || result.isPartial else { return result.count }
        return min(result.count, max((height - 3) / perRecord, 1))
    }

    /// Shrinks the widest columns until the table fits `limit` characters,
    /// keeping every column at least as wide as its header (3 at least; a
    /// header alone wider than the screen is cut). When even that is too
    /// wide, the columns from the first that doesn't fit on are left out:
    /// the result has fewer widths than columns.
    func fit(_ widths: [Int], headers: [String], into limit: Int) -> [Int] {
        let minimum = headers.map { min(max(DisplayWidth.of($0), 3), max(limit - 4, 3)) }
        // The columns that fit at their narrowest.
        var kept = 0, total = 1
        while kept < widths.count, total + min(widths[kept], minimum[kept]) + 3 <= limit || kept == 0 {
            total += min(widths[kept], minimum[kept]) + 3
            kept += 1
        }
        var w = Array(widths.prefix(kept))
        let overhead = 3 * w.count + 1
        while w.reduce(0, +) + overhead > limit {
            guard let i = w.indices.filter({ w[$0] > minimum[$0] }).max(by: { w[$0] < w[$1] }) else { break }
            w[i] -= 1
        }
        return w
    }
}
