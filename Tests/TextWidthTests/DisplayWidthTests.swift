import Testing
import TextWidth

/// The one width rule that tables, diagnostics and completion lists share.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0),
        ("members", 7),
        ("Kirghizistàn", 12),
        ("cafe\u{301}", 4),         // a combining mark inside a character adds nothing
        ("\u{301}", 0),             // nor on its own
        ("a\u{200B}b", 10),         // a zero-width space is shown escaped: \u{200b}
        ("日本", 4),
        ("한국", 4),
        ("ｆｕｌｌ", 8),             // fullwidth forms
        ("🎉", 2),
        ("👍🏽", 2),                 // with a skin tone: one character
        ("❤️", 2),                  // text-default emoji asked for as a picture
        ("❤", 1),
        ("→", 1),
    ])
    func width(_ c: (String, Int)) {
        #expect(DisplayWidth.of(c.0) == c.1, "\(c.0.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func truncateCutsToFitWithAnEllipsis() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abc", to: 4) == "abc")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日…")
    }

    @Test func padCountsColumnsNotCharacters() {
        #expect(DisplayWidth.pad("日", to: 4) == "日  ")
        #expect(DisplayWidth.padLeft("7", to: 3) == "  7")
        #expect(DisplayWidth.pad("toolong", to: 3) == "toolong")
    }
}
