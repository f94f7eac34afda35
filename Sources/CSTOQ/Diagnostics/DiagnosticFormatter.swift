/// Shows a diagnostic the way compilers do:
///
///     <input>:1:15: error: unknown field 'stauts' in members
///       |
///     1 | members where stauts = active
///       |               ^^^^^^
///     help: did you mean 'status'?
public struct DiagnosticFormatter: Sendable {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func render(_ d: Diagnostic, in source: SourceText?) -> String {
        var out = ""
        let error = paint("error:", "1;31")
        guard let source, let range = d.range else {
            let name = source.map { "\($0.name): " } ?? ""
            out = "\(name)\(error) \(d.text)"
            if let help = d.help { out += "\n" + paint("help:", "1;36") + " " + help }
            return out
        }
        let (line, column) = source.location(of: range.start)
        out += paint("\(source.name):\(line):\(column):", "1") + " \(error) \(d.text)\n"
        let (lineText, lineStart) = source.line(containing: range.start)
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let shown = Printable.escapeControls(lineText)
        out += "\(pad) |\n"
        out += "\(gutter) | \(shown)\n"
        // The caret starts under the first character of the range and spans the
        // part of the range on this line (at least one caret, for an end-of-input error).
        let lineEnd = lineStart + lineText.utf8.count
        let startCol = source.location(of: range.start).column
        let endOffset = min(max(range.end, range.start), lineEnd)
        // Measure what is shown: control characters appear escaped (a tab as \t),
        // and wide characters take two columns.
        let width = max(1, DisplayWidth.of(Printable.escapeControls(source.text(SourceRange(range.start, endOffset)))))
        let prefix = String(repeating: " ", count: DisplayWidth.of(Printable.escapeControls(String(lineText.prefix(startCol - 1)))))
        out += "\(pad) | " + prefix + paint(String(repeating: "^", count: width), "1;31")
        if let help = d.help { out += "\n" + paint("help:", "1;36") + " " + help }
        return out
    }
}

/// Makes text safe to put on a terminal: control characters are shown escaped.
public enum Printable {
    public static func escapeControls(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F..<0xA0:
                let hex = String(s.value, radix: 16)
                out += "\\u{" + hex + "}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
