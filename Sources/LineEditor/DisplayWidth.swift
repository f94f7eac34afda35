/// How many terminal columns a text takes, close enough to lay out a list of
/// completions: one per character, two for East Asian wide characters and
/// emoji. A table rather than wcwidth(3) so the result does not depend on the
/// process locale, which keeps the layout a pure function.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initials
        0x2E80...0x303E,    // CJK radicals, punctuation
        0x3041...0x33FF,    // kana, CJK compatibility
        0x3400...0x4DBF,    // CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE30...0xFE4F,    // CJK compatibility forms
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,
        0x1F300...0x1F64F,  // pictographs, emoticons
        0x1F900...0x1F9FF,  // supplemental pictographs
        0x20000...0x3FFFD,  // CJK extensions B and later
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        wideRanges.contains { $0.contains(value) }
    }
}
