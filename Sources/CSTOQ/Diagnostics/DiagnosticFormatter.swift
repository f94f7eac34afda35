import TextWidth

/// Shows a diagnostic the way compilers do:
///
///     <input>:1:15: error: unknown field 'stauts' in members
///       |
///     1 | members where stauts = active
///       |               ^^^^^^
///     help: did you mean 'status'?
public struct DiagnosticFormatter: Sendable {
    public var color: Bool

    /// Lines longer than this (in bytes) are shown cut to a window of
    /// `windowLength` characters, `contextBefore` of them before the caret.
    public static let maximumLineLength = 400
    static let windowLength = 120
    static let contextBefore = 40

    public init(color: Bool = false) {
        self.color = color
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func render(_ d: Diagnostic, in source: SourceText?) -> String {
        // Messages and help may quote what was typed or read (a string with an
        // escape character in it): control characters reach the terminal escaped.
        let text = Printable.escapeControls(d.text)
        let help = d.help.map(Printable.escapeControls)
        // The source's name is a file name, which may hold anything but `/` and NUL.
        let sourceName = source.map { Printable.escapeControls($0.name) }
        var out = ""
        let error = paint("error:", "1;31")
        guard let source, let range = d.range else {
            let name = sourceName.map { "\($0): " } ?? ""
            out = "\(name)\(error) \(text)"
            if let help { out += "\n" + paint("help:", "1;36") + " " + help }
            return out
        }
        let (line, column) = source.location(of: range.start)
        out += paint("\(sourceName ?? ""):\(line):\(column):", "1") + " \(error) \(text)\n"
        let found = source.line(containing: range.start)
        var lineText = found.text
        let lineStart = found.start
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        // The caret starts under the first character of the range and spans the
        // part of the range on this line (at least one caret, for an end-of-input error).
        let lineEnd = lineStart + lineText.utf8.count
        var startCol = column
        let endOffset = min(max(range.end, range.start), lineEnd)
        var caretText = source.text(SourceRange(range.start, endOffset))
        // A very long line (megabytes pasted on one line) is shown as a window
        // around the caret, with `…` where it is cut.
        var (lead, trail) = ("", "")
        if lineText.utf8.count > DiagnosticFormatter.maximumLineLength {
            let skip = max(0, startCol - 1 - DiagnosticFormatter.contextBefore)
            let window = lineText.dropFirst(skip).prefix(DiagnosticFormatter.windowLength)
            if skip > 0 { lead = "…" }
            if window.endIndex < lineText.endIndex { trail = "…" }
            lineText = String(window)
            startCol -= skip
            caretText = String(caretText.prefix(max(0, window.count - (startCol - 1))))
        }
        let shown = lead + Printable.escapeControls(lineText) + trail
        out += "\(pad) |\n"
        out += "\(gutter) | \(shown)\n"
        // Measure what is shown: control characters appear escaped (a tab as \t),
        // and wide characters take two columns.
        let width = max(1, DisplayWidth.of(Printable.escapeControls(caretText)))
        let prefix = String(repeating: " ", count: DisplayWidth.of(lead + Printable.escapeControls(String(lineText.prefix(startCol - 1)))))
        out += "\(pad) | " + prefix + paint(String(repeating: "^", count: width), "1;31")
        if let help { out += "\n" + paint("help:", "1;36") + " " + help }
        return out
    }
}
