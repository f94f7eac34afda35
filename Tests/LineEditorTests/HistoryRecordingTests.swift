import Testing
@testable import LineEditor

/// What `History.add` keeps, without any file.
@Suite struct HistoryRecordingTests {
    @Test func recordsStatementsInOrder() {
        let history = History(path: nil)
        #expect(history.add("select 1"))
        #expect(history.add("select 2"))
        #expect(history.entries == ["select 1", "select 2"])
    }

    @Test func dropsBlankEntries() {
        let history = History(path: nil)
        #expect(!history.add(""))
        #expect(!history.add("   "))
        #expect(!history.add("\n\t \n"))
        #expect(history.entries.isEmpty)
    }

    @Test func dropsEntriesStartingWithASpace() {
        let history = History(path: nil)
        #expect(!history.add(" select secret"))
        #expect(history.add("select public"))
        #expect(history.entries == ["select public"])
    }

    @Test func dropsOnlyARepeatOfTheImmediatelyPreviousEntry() {
        let history = History(path: nil)
        #expect(history.add("a"))
        #expect(!history.add("a"))
        #expect(history.add("b"))
        #expect(history.add("a"))
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test func keepsAMultiLineStatementAsOneEntry() {
        let history = History(path: nil)
        #expect(history.add("select name\nfrom leaders\n"))
        #expect(history.entries == ["select name\nfrom leaders\n"])
    }

    @Test func dropsTheOldestEntriesBeyondCapacity() {
        let history = History(path: nil, capacity: 3)
        for number in 1...5 { history.add("select \(number)") }
        #expect(history.entries == ["select 3", "select 4", "select 5"])
    }

    @Test func capacityZeroKeepsNothing() {
        let history = History(path: nil, capacity: 0)
        #expect(!history.add("select 1"))
        #expect(history.entries.isEmpty)
    }

    @Test func inMemoryHistoryNeitherLoadsNorSaves() {
        let history = History(path: nil)
        #expect(history.load().isEmpty)
        history.add("select 1")
        #expect(history.save() == nil)
        #expect(history.entries == ["select 1"])
    }

    @Test func everyChangeBumpsTheRevisionTheEditorSyncsOn() {
        let history = History(path: nil)
        let start = history.revision
        history.add("a")
        #expect(history.revision == start + 1)
        history.add("a")  // dropped: nothing changed
        #expect(history.revision == start + 1)
    }
}
