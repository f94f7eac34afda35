import Testing
import LineEditor

@Suite struct CompletionLayoutTests {
    @Test func nothingToShow() {
        #expect(CompletionLayout.columns([], width: 80) == [])
    }

    @Test func shortListFitsOnOneLine() {
        #expect(CompletionLayout.columns(["from", "where", "select"], width: 80) == ["from    where   select"])
    }

    @Test func readsDownThenAcross() {
        // Widest 4 + gap 2 = 6 per column; (20 + 2) / 6 = 3 columns, 2 rows.
        #expect(CompletionLayout.columns(["a", "bb", "ccc", "dddd", "e"], width: 20) == [
            "a     ccc   e",
            "bb    dddd",
        ])
    }

    @Test func lastColumnNeedsNoGap() {
        // Two columns of width 4 need exactly 4 + 2 + 4 = 10.
        #expect(CompletionLayout.columns(["aaaa", "bbbb"], width: 10) == ["aaaa  bbbb"])
        #expect(CompletionLayout.columns(["aaaa", "bbbb"], width: 9) == ["aaaa", "bbbb"])
    }

    @Test func itemWiderThanTheScreenGetsItsOwnLine() {
        #expect(CompletionLayout.columns(["a", String(repeating: "x", count: 30)], width: 10) == [
            "a", String(repeating: "x", count: 30),
        ])
    }

    @Test func noTrailingSpaces() {
        let lines = CompletionLayout.columns(["a", "bbbbbbbb", "c", "d", "e"], width: 25)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func widthCountsCharactersNotBytes() {
        // "città" is 6 bytes, 5 columns: the gap after it is exactly 2 spaces.
        #expect(CompletionLayout.columns(["città", "ab"], width: 12) == ["città  ab"])
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(CompletionLayout.columns(["日本", "ab"], width: 80) == ["日本  ab"])
        // 4 + 2 + 4 = 10 columns do not fit in 9.
        #expect(CompletionLayout.columns(["日本", "ab"], width: 9) == ["日本", "ab"])
    }

    @Test func zeroOrNegativeWidthStillShowsEverything() {
        #expect(CompletionLayout.columns(["a", "b"], width: 0) == ["a", "b"])
        #expect(CompletionLayout.columns(["a", "b"], width: -5) == ["a", "b"])
    }
}
