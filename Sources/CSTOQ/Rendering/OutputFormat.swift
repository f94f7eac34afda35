/// The output modes, behind one settings value (as SQLite's shell keeps them).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, line, json, csv, markdown, chart

    /// The format a file name's extension names (`.save out.csv`); nil for any other.
    public static func forExtension(_ ext: String) -> OutputFormat? {
        switch ext {
        case "csv": .csv
        case "json": .json
        case "md", "markdown": .markdown
        case "txt": .table
        default: nil
        }
    }
}

public struct RenderOptions: Sendable {
    public var format: OutputFormat
    /// The terminal width to fit tables and charts into; nil: no limit.
    public var width: Int?
    /// ANSI colour (only when stdout is a terminal and NO_COLOR is unset: the caller decides).
    public var color: Bool
    /// The terminal's height: a table taller is cut to fit it, with a footer
    /// saying how to see the rest; nil: every row.
    public var height: Int?
    /// Long cells wrapped inside their column (`.last`) instead of cut with `…`.
    public var wrapsCells = false

    public init(format: OutputFormat = .table, width: Int? = nil, color: Bool = false, height: Int? = nil) {
        self.format = format
        self.width = width
        self.color = color
        self.height = height
    }
}

/// Renders a result set in the chosen format. Renderers see only the result
/// set and the options: no dataset, no terminal.
public enum Renderer {
    /// Writes `result` line by line into `out`, row by row where the format allows.
    public static func write(_ result: ResultSet, _ options: RenderOptions, to out: inout LineWriter) {
        switch options.format {
        case .table: TableRenderer(options: options).write(result, to: &out)
        case .line: TableRenderer(options: options).writeVertically(result, to: &out)
        case .json: JSONRenderer().write(result, to: &out)
        case .csv: CSVRenderer().write(result, to: &out)
        case .markdown: MarkdownRenderer().write(result, to: &out)
        case .chart:
            if ChartRenderer.canDraw(result) {
                ChartRenderer(options: options).write(result, to: &out)
            } else {
                TableRenderer(options: options).write(result, to: &out)
            }
        }
    }

    /// The whole output as one text (pieces joined by "\n"); CSV with its
    /// last CRLF, other formats without a final line end.
    public static func render(_ result: ResultSet, _ options: RenderOptions) -> String {
        let text = LineWriter.collect { write(result, options, to: &$0) }
        return options.format == .csv ? text + "\n" : text
    }
}

/// How a value reads as plain text in tables, CSV and Markdown.
public enum ValueText {
    public static func plain(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case let .text(s): s
        case let .integer(n): String(n)
        case let .decimal(d): decimal(d)
        case let .boolean(b): b ? "true" : "false"
        case let .date(d): d.description
        case let .reference(r): "#\(r.row)"
        case let .list(items): items.map(plain).joined(separator: ", ")
        }
    }

    /// Decimals for people (tables, Markdown, charts, messages): whole ones
    /// with `.0`, others rounded to 4 places so averages don't show binary
    /// fractions — but never rounded into a value that looks exact: a value
    /// below 0.0001 keeps its own digits (`1e-05`, not `0.0`), and one that
    /// rounds to a whole number shows its four places (`2.0000` for 2.00001).
    /// Machine formats use `exactDecimal`.
    public static func decimal(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" }
        // Past 1e15 a double has no fraction left to round, and scaling it
        // could overflow (1.7e308 * 10_000 is infinite): written as it is.
        guard abs(d) < 1e15, abs(d) >= 0.0001 else { return String(d) }
        let scaled = (d * 10_000).rounded() / 10_000
        if scaled == scaled.rounded() { return (scaled < 0 || (scaled == 0 && d < 0) ? "-" : "") + String(Int(abs(scaled))) + ".0000" }
        return String(scaled)
    }

    /// A decimal for machines (JSON, CSV): the shortest text that reads back as
    /// the same double, never rounded (`1301666.6666666667`, `1e-05`).
    public static func exactDecimal(_ d: Double) -> String {
        "\(d)"
    }

    /// A decimal as a query writes it (digits, a point, digits; no exponent),
    /// reading back as the same double: what completion inserts (`0.00001`).
    public static func decimalLiteral(_ d: Double) -> String {
        let s = "\(d)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...]) else { return s }
        var mantissa = s[..<e]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let digits = Array(mantissa.filter { $0 != "." })
        let at = point + exponent
        let body: String
        if at <= 0 {
            body = "0." + String(repeating: "0", count: -at) + String(digits)
        } else if at >= digits.count {
            body = String(digits) + String(repeating: "0", count: at - digits.count) + ".0"
        } else {
            body = String(digits[..<at]) + "." + String(digits[at...])
        }
        return (negative ? "-" : "") + body
    }

    public static func isNumber(_ v: Value) -> Bool {
        switch v {
        case .integer, .decimal: true
        default: false
        }
    }
}
