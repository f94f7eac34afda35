import SharedTestSupport
import Foundation
import Testing
@testable import LineEditor

/// The hostile string of CSTOQTests/HostileTextTests through the line
/// editor's own output: the completion list it prints, and the warnings that
/// quote a history file's name and a foreign file's first line.
@Suite struct LineEditorHostileTextTests {


    @Test func completionListsShowCandidatesEscapedAndAligned() {
        // File names as `.load ` lists them, a hostile one among them.
        let shown = #"\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}\u{feff}\u{2028}\u{2029}\u{e0041}"#
        let lines = CompletionLayout.columns([HostileText.string + ".json", "plain.json", "x" + HostileText.string, "y"], width: 300)
        #expect(HostileText.raw(in: lines.joined(separator: "\n")).isEmpty, "\(lines)")
        // Laid out by the width of what is shown (the widest item and the
        // gap), read down then across, so the second column starts at one place.
        let column = shown.count + 5 + 2
        #expect(lines == [shown + ".json" + String(repeating: " ", count: column - shown.count - 5) + "x" + shown,
                          "plain.json" + String(repeating: " ", count: column - 10) + "y"])
        // Too narrow for two: one a line, never cut.
        #expect(CompletionLayout.columns([HostileText.string, "y"], width: 80) == [shown, "y"])
    }

    @Test func textAfterTheCursorIsEchoedAsLibeditDrawsIt() {
        // Before a listing the rest of the line is printed again: controls, C1's CSI too, as ^X.
        #expect(LineEditor.drawnAsLibeditDoes("a\u{1B}[2J\u{07}\u{9B}31m\u{7F}b") == "a^[[2J^G^Û31m^?b")
        #expect(HostileText.raw(in: LineEditor.drawnAsLibeditDoes(HostileText.string)).allSatisfy { !["U+1b", "U+7", "U+9b"].contains($0) })
    }

    @Test func historyWarningsQuoteTheFirstLineAndThePathEscaped() throws {
        let folder = try TemporaryFolder()
        let name = "history" + HostileText.string
        try folder.write(HostileText.string + "\nsomething\n", to: name)
        let history = History(path: folder.file(name))
        let warnings = history.load()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(#"(its first line is "\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{202e}"#) == true, "\(warnings)")
        #expect(HostileText.raw(in: warnings.joined()).isEmpty, "\(warnings)")
    }
}
