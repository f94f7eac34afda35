/// Makes text safe to put on a terminal: the one rule for every path that
/// writes data, names, history or typed text where a person reads it
/// (tables, errors, completion lists, `explain`, warnings). JSON and CSV
/// output are for machines and keep their text exact.
///
/// Shown escaped, as `\u{1b}` (`\n`, `\t` and `\r` by their names):
/// - control characters, C0, DEL and C1 (U+009B is a CSI on its own);
/// - the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069), which reorder what follows them, table cells included;
/// - invisible characters that make two texts look the same: U+200B (zero
///   width space), U+2060–U+2064 (word joiner, invisible operators), U+FEFF
///   (byte-order mark), and the tag characters U+E0000–U+E007F;
/// - U+2028 and U+2029 (line and paragraph separators).
///
/// The joiners U+200C and U+200D stay raw: emoji sequences and several
/// scripts need them, and they move nothing. An escaped character takes the
/// width of its escape text (see `DisplayWidth`), so tables still line up.
public enum Printable {
    /// Whether `scalar` is shown as an escape rather than as itself.
    @inline(__always)
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return true }
        if v < 0x7F { return false }
        if v < 0xA0 { return true }
        if v < 0x061C { return false }
        switch v {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069,
             0xFEFF, 0xE0000...0xE007F:
            return true
        default:
            return false
        }
    }

    /// `text` with every character `isEscaped` names written as an escape.
    /// Escaping is idempotent: its output has nothing left to escape.
    public static func escapeControls(_ text: String) -> String {
        escape(text, keepingLineBreaks: false)
    }

    /// The same, except that a newline stays a line break: a multi-line
    /// statement echoed or listed as it was typed, a usage message.
    public static func escapeControlsKeepingLineBreaks(_ text: String) -> String {
        escape(text, keepingLineBreaks: true)
    }

    private static func escape(_ text: String, keepingLineBreaks: Bool) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for s in text.unicodeScalars {
            guard isEscaped(s) else {
                out.unicodeScalars.append(s)
                continue
            }
            switch s.value {
            case 0x0A: out += keepingLineBreaks ? "\n" : "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            default: out += "\\u{" + String(s.value, radix: 16) + "}"
            }
        }
        return out
    }
}
