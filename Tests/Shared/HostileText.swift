/// The one hostile string the tests feed through every path that writes text
/// for a terminal, and the check that nothing of it came out raw: shared by
/// the library's, the line editor's and the binary's tests.
public enum HostileText {
    /// ESC [2J (clear the screen), an OSC title with BEL, C1 CSI, bidi
    /// overrides and isolates, zero-width space, BOM, line and paragraph
    /// separators, a tag character.
    public static let string = "\u{1B}[2J\u{1B}]0;x\u{07}\u{9B}31m\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200B}\u{FEFF}\u{2028}\u{2029}\u{E0041}"

    /// What a terminal must never get from data: control characters other
    /// than the newline, format characters (bidi controls, invisible
    /// characters, tags) and line and paragraph separators. Written from the
    /// Unicode categories, not from `Printable`, so the rule is checked, not echoed.
    public static func raw(in text: String) -> [String] {
        text.unicodeScalars.filter { s in
            switch s.properties.generalCategory {
            case .control: s != "\n"
            case .format: s != "\u{200D}" && s != "\u{200C}"
            case .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }.map { "U+" + String($0.value, radix: 16) }
    }
}
