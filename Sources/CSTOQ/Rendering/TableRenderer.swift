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

/// Terminal column widths: East Asian wide characters and emoji take two
/// columns, combining marks none.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        var n = 0
        for ch in s { n += width(ch) }
        return n
    }

    static func width(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x300 { return 1 }
        if first.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    public static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        var out = ""
        var n = 0
        for ch in s {
            let w = DisplayWidth.width(ch)
            if n + w > width - 1 { break }
            out.append(ch)
            n += w
        }
        return out + "…"
    }

    public static func pad(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }

    public static func padLeft(_ s: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(s))) + s
    }
}
