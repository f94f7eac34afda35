/// How many terminal columns a text takes: one per character, two for East
/// Asian wide characters and emoji, none for a combining mark or a
/// zero-width character on its own (a mark inside a character adds nothing,
/// since a `Character` is a whole grapheme). A character cstoq shows escaped
/// (see `Printable`) takes the width of its escape text, `\u{202e}` eight
/// columns, so raw text and its escaped form measure the same. Tables, diagnostics' carets and
/// the REPL's completion lists all measure with this one rule, so they line
/// up alike. A table rather than wcwidth(3) so the answer does not depend on
/// the process locale: layout stays a pure function.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        // Printable ASCII (most cells): one column a byte, no need to look at characters.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        var n = 0
        for ch in s { n += of(ch) }
        return n
    }

    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if let a = ch.asciiValue, a >= 0x20, a < 0x7F { return 1 }
        // Measured as shown; the escaped text has nothing left to escape.
        if scalars.contains(where: Printable.isEscaped) { return of(Printable.escapeControls(String(ch))) }
        let v = first.value
        if v < 0x300 { return 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // An emoji drawn as a picture: by default, or asked for with VS16 (U+FE0F).
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The longest start of `s` that fits `width` columns with a `…` after it.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        var out = ""
        var n = 0
        for ch in s {
            let w = of(ch)
            if n + w > width - 1 { break }
            out.append(ch)
            n += w
        }
        return out + "…"
    }

    /// `s` in lines of at most `width` columns, broken after a blank where
    /// one is near the end of a line, else inside a word; at least one line.
    public static func wrap(_ s: String, to width: Int) -> [String] {
        let width = max(width, 1)
        guard of(s) > width else { return [s] }
        var lines: [String] = []
        var line: [Character] = []
        var n = 0
        for ch in s {
            let w = of(ch)
            if n + w > width, !line.isEmpty {
                // Break after the last blank of the line when it is in its second half.
                if let blank = line.lastIndex(of: " "), blank >= line.count / 2, blank < line.count - 1 {
                    lines.append(String(line[...blank]))
                    line = Array(line[(blank + 1)...])
                } else {
                    lines.append(String(line))
                    line = []
                }
                n = line.reduce(0) { $0 + of($1) }
            }
            line.append(ch)
            n += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(String(line)) }
        return lines
    }

    public static func pad(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }

    public static func padLeft(_ s: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(s))) + s
    }
}
