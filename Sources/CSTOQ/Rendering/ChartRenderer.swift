import TextWidth

/// A horizontal bar chart for results with labels and one number per row
/// (what `group by` gives): people would rather look than read.
///
///     Vladimir Putin  ███████████████████████ 7
///     Emomali Rahmon  ████████████████ 5
public struct ChartRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    /// A chart needs a column of numbers (the last one is drawn) and at least one other column.
    public static func canDraw(_ r: ResultSet) -> Bool {
        numberColumn(r) != nil && r.columns.count >= 2
    }

    static func numberColumn(_ r: ResultSet) -> Int? {
        guard !r.isEmpty else { return nil }
        var numeric = r.columns.map { _ in true }
        for row in 0..<r.count where numeric.contains(true) {
            for (i, v) in r.row(row).enumerated() where !(ValueText.isNumber(v) || v.isNull) { numeric[i] = false }
        }
        return numeric.lastIndex(of: true)
    }

    public func render(_ r: ResultSet) -> String {
        LineWriter.collect { write(r, to: &$0) }
    }

    /// A chart is drawn whole (its scale needs every number): it is for
    /// results of a few rows, such as groups.
    public func write(_ r: ResultSet, to out: inout LineWriter) {
        out.line(draw(r))
    }

    func draw(_ result: ResultSet) -> String {
        let r = (columns: result.columns, rows: result.rows)
        guard let n = ChartRenderer.numberColumn(result) else { return "" }
        let labels = r.rows.map { row in
            Printable.escapeControls(row.indices.filter { $0 != n }.map { ValueText.plain(row[$0]) }.joined(separator: " · "))
        }
        let numbers: [Double] = r.rows.map { row in
            switch row[n] {
            case let .integer(i): Double(i)
            case let .decimal(d): d
            default: 0
            }
        }
        let texts = r.rows.map { ValueText.plain($0[n]) }
        let labelWidth = min(labels.map(DisplayWidth.of).max() ?? 0, 30)
        let textWidth = texts.map(\.count).max() ?? 0
        let total = options.width ?? 80
        let barSpace = max(10, total - labelWidth - textWidth - 3)
        let maximum = max(numbers.map(abs).max() ?? 0, 1)
        var lines: [String] = []
        let lowest = numbers.min() ?? 0
        if lowest < 0 {
            // Below zero the bars grow to the left of an axis, above it to the right,
            // each side as wide as its largest value needs.
            // Scaled by the largest magnitude first, so that values near the largest
            // double (1.7e308 on both sides) don't add up to infinity.
            let magnitude = max(-lowest, numbers.max() ?? 0)
            let negative = -lowest / magnitude, positive = max(numbers.max() ?? 0, 0) / magnitude
            let left = Int((Double(barSpace) * negative / (negative + positive)).rounded())
            let scale = Double(barSpace) / (negative + positive)
            for (i, label) in labels.enumerated() {
                let cells = Int((abs(numbers[i]) / magnitude * scale).rounded())
                var negativeBar = numbers[i] < 0 ? String(repeating: "█", count: cells) : ""
                var positiveBar = numbers[i] > 0 ? String(repeating: "█", count: cells) : ""
                if options.color, !negativeBar.isEmpty { negativeBar = "\u{1B}[31m" + negativeBar + "\u{1B}[0m" }
                if options.color, !positiveBar.isEmpty { positiveBar = "\u{1B}[36m" + positiveBar + "\u{1B}[0m" }
                let pad = String(repeating: " ", count: max(0, left - cells * (numbers[i] < 0 ? 1 : 0)))
                lines.append(DisplayWidth.pad(DisplayWidth.truncate(label, to: labelWidth), to: labelWidth) + "  " + pad + negativeBar
                             + "│" + positiveBar + " " + texts[i])
            }
            lines.append("(\(r.rows.count) \(r.rows.count == 1 ? "row" : "rows"), bars: \(r.columns[n]), left of │ below zero)")
            return lines.joined(separator: "\n")
        }
        for (i, label) in labels.enumerated() {
            // Eighth blocks give the bars a finer end.
            let eighths = Int((abs(numbers[i]) / maximum * Double(barSpace * 8)).rounded())
            var bar = String(repeating: "█", count: eighths / 8)
            let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
            bar += partial
            if options.color { bar = "\u{1B}[36m" + bar + "\u{1B}[0m" }
            lines.append(DisplayWidth.pad(DisplayWidth.truncate(label, to: labelWidth), to: labelWidth) + "  " + bar + " " + texts[i])
        }
        lines.append("(\(r.rows.count) \(r.rows.count == 1 ? "row" : "rows"), bars: \(r.columns[n]))")
        return lines.joined(separator: "\n")
    }
}
