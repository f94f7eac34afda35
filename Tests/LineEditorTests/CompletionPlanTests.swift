import Testing
@testable import LineEditor

@Suite struct CompletionPlanTests {
    private func plan(_ line: String, _ replacing: Int, _ candidates: [String], space: Bool = true) -> CompletionPlan {
        CompletionPlan.make(
            lineBeforeCursor: line,
            result: CompletionResult(replacing: replacing, candidates: candidates, appendSpace: space)
        )
    }

    @Test func noCandidateBeeps() {
        #expect(plan("select fro", 3, []) == .beep)
        #expect(plan("select fro", 3, [""]) == .beep)
    }

    @Test func uniqueMatchReplacesTheWordAndAddsASpace() {
        #expect(plan("select * fro", 3, ["from"]) == .replace(deleteCount: 3, insertion: "from "))
    }

    @Test func uniqueMatchWithoutSpaceForMoreTyping() {
        #expect(plan("select lea", 3, ["leader."], space: false) == .replace(deleteCount: 3, insertion: "leader."))
    }

    @Test func uniqueMatchThatChangesNothingBeeps() {
        #expect(plan("select leader.", 7, ["leader."], space: false) == .beep)
    }

    @Test func deleteCountIsInCodePointsNotBytes() {
        // "città" is 6 bytes but 5 code points; libedit's el_deletestr counts code points.
        #expect(plan("where nome = città", 6, ["Città del Vaticano"]) == .replace(deleteCount: 5, insertion: "Città del Vaticano "))
        #expect(plan("= 'Kirghizistà", 12, ["Kirghizistàn'"], space: false) == .replace(deleteCount: 11, insertion: "Kirghizistàn'"))
    }

    @Test func byteCountInsideACharacterWidensToItsStart() {
        // 1 byte would cut "à" (0xC3 0xA0) in half: take the whole letter.
        #expect(plan("và", 1, ["vàx"]) == .replace(deleteCount: 1, insertion: "vàx "))
    }

    @Test func byteCountLongerThanTheLineIsClamped() {
        #expect(plan("ab", 10, ["abc"]) == .replace(deleteCount: 2, insertion: "abc "))
        #expect(plan("ab", -4, ["c"]) == .replace(deleteCount: 0, insertion: "c "))
    }

    @Test func severalMatchesInsertTheirLongerCommonPrefix() {
        #expect(plan("select k", 1, ["Kirghizistàn", "Kiribati"]) == .replace(deleteCount: 1, insertion: "Kir"))
    }

    @Test func commonPrefixKeepsWholeAccentedLetters() {
        #expect(plan("", 0, ["città", "cittàx"]) == .replace(deleteCount: 0, insertion: "città"))
        // "à" and "a" share no character, even if a decomposed "à" starts with "a".
        #expect(plan("", 0, ["ca\u{300}t", "cat"]) == .replace(deleteCount: 0, insertion: "c"))
    }

    @Test func severalMatchesWithoutProgressAreListed() {
        #expect(plan("select kir", 3, ["Kirghizistàn", "Kiribati"]) == .list(["Kirghizistàn", "Kiribati"], more: 0))
        #expect(plan("x", 0, ["a", "b"]) == .list(["a", "b"], more: 0))
    }

    @Test func aCutListingInsertsOnlyWhatEveryMatchSharesAndSaysHowManyMore() {
        let listed = (0..<500).map { "name0\(100 + $0)" }
        let cut = CompletionResult(replacing: 0, candidates: listed, more: 19_500, commonPrefix: "name")
        #expect(CompletionPlan.make(lineBeforeCursor: "t = ", result: cut) == .replace(deleteCount: 0, insertion: "name"))
        let noProgress = CompletionResult(replacing: 4, candidates: listed, more: 19_500, commonPrefix: "name")
        #expect(CompletionPlan.make(lineBeforeCursor: "t = name", result: noProgress) == .list(listed, more: 19_500))
    }

    @Test func duplicateCandidatesCountOnce() {
        #expect(plan("fr", 2, ["from", "from"]) == .replace(deleteCount: 2, insertion: "from "))
    }
}
