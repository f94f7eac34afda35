import Foundation
import Testing
@testable import LineEditor

/// `History` against real files in a temporary folder.
@Suite struct HistoryFileTests {
    @Test func missingFileIsAnEmptyHistoryWithoutWarning() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        #expect(history.load().isEmpty)
        #expect(history.entries.isEmpty)
    }

    @Test func savingNothingNewCreatesNoFile() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        _ = history.load()
        #expect(history.save() == nil)
        #expect(try folder.names().isEmpty)
    }

    @Test func savesInTheDocumentedFormat() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        _ = history.load()
        history.add("select 1")
        history.add("select a\nfrom b")
        #expect(history.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\nselect 1\nselect a\\nfrom b\n")
    }

    @Test func roundTripsMultiLineBackslashAndUTF8Entries() throws {
        let folder = try TemporaryFolder()
        let entries = [
            "select name\n  from leaders\nwhere note = 'C:\\temp\\new'",
            "select '\\n is not a newline'",
            "select * from paesi where nome = 'Kirghizistàn'",
            "città, Zürich, Ελλάδα, 日本, 🇮🇹",
            "windows line\r\nending",
            "trailing backslash \\",
        ]
        let writer = History(path: folder.file("history"))
        _ = writer.load()
        for entry in entries { #expect(writer.add(entry)) }
        #expect(writer.save() == nil)

        let reader = History(path: folder.file("history"))
        #expect(reader.load().isEmpty)
        #expect(reader.entries == entries)
        // One line per entry, plus the header.
        let lines = try folder.contents(of: "history").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == entries.count + 2)
        #expect(lines.last == "")
    }

    @Test func createsTheFileWithMode0600() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        _ = history.load()
        history.add("select 1")
        #expect(history.save() == nil)
        #expect(try folder.mode(of: "history") == 0o600)
    }

    @Test func atomicSaveReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        _ = history.load()
        history.add("select 1")
        #expect(history.save() == nil)
        let firstInode = try inode(folder.file("history"))
        history.add("select 2")
        #expect(history.save() == nil)
        #expect(try folder.names() == ["history"])
        // Replaced by rename, not rewritten in place.
        #expect(try inode(folder.file("history")) != firstInode)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\nselect 1\nselect 2\n")
    }

    @Test func savingThroughASymlinkWritesTheFileItPointsTo() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\nold\n", to: "real")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("real"))
        let history = History(path: folder.file("link"))
        #expect(history.load().isEmpty)
        history.add("new")
        #expect(history.save() == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link")) == folder.file("real"))
        #expect(try folder.contents(of: "real") == "#cstoq-history 1\nold\nnew\n")
    }

    @Test func capsTheFileToCapacity() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"), capacity: 3)
        _ = history.load()
        for number in 1...5 { history.add("select \(number)") }
        #expect(history.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\nselect 3\nselect 4\nselect 5\n")
    }

    @Test func loadingKeepsOnlyTheNewestEntriesWithinCapacity() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\n" + (1...10).map { "select \($0)\n" }.joined(), to: "history")
        let history = History(path: folder.file("history"), capacity: 4)
        #expect(history.load().isEmpty)
        #expect(history.entries == ["select 7", "select 8", "select 9", "select 10"])
    }

    @Test func twoSessionsOnTheSameFileKeepEachOthersEntries() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\nfrom before\n", to: "history")
        let first = History(path: folder.file("history"))
        let second = History(path: folder.file("history"))
        _ = first.load()
        _ = second.load()

        first.add("first 1")
        #expect(first.save() == nil)
        second.add("second 1")
        #expect(second.save() == nil)
        first.add("first 2")
        #expect(first.save() == nil)

        let later = History(path: folder.file("history"))
        _ = later.load()
        #expect(later.entries == ["from before", "first 1", "second 1", "first 2"])
    }

    @Test func mergeDoesNotDoubleAnEntryBothSessionsTypedLast() throws {
        let folder = try TemporaryFolder()
        let first = History(path: folder.file("history"))
        let second = History(path: folder.file("history"))
        first.add("select 1")
        #expect(first.save() == nil)
        second.add("select 1")
        #expect(second.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\nselect 1\n")
    }

    @Test func entriesAddedBeforeLoadingAreKeptAfterTheFileEntries() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\nold\n", to: "history")
        let history = History(path: folder.file("history"))
        history.add("new")
        _ = history.load()
        #expect(history.entries == ["old", "new"])
    }

    @Test func damagedLinesAreSkippedAndTheRestLoads() throws {
        let folder = try TemporaryFolder()
        var bytes = Array("#cstoq-history 1\ngood 1\nbad \\x escape\n\n".utf8)
        bytes += [0x62, 0x61, 0x64, 0xFF, 0x0A]  // invalid UTF-8
        bytes += Array("good 2\nlone backslash \\\ngood 3".utf8)
        #expect(FileManager.default.createFile(atPath: folder.file("history"), contents: Data(bytes)))
        let history = History(path: folder.file("history"))
        #expect(history.load().isEmpty)
        #expect(history.entries == ["good 1", "good 2", "good 3"])
    }

    @Test func foreignFileGivesOneWarningAndIsNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        let original = "_HiStOrY_V2_\nsomething\\040else\n"
        try folder.write(original, to: "history")
        let history = History(path: folder.file("history"))
        let warnings = history.load()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("not a cstoq history file") == true)
        #expect(history.entries.isEmpty)

        history.add("select 1")
        #expect(history.save() == nil)  // already warned once
        #expect(try folder.contents(of: "history") == original)
        #expect(try folder.names() == ["history"])
    }

    @Test func aFileThatTurnsForeignBeforeSavingIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        let history = History(path: folder.file("history"))
        _ = history.load()
        try folder.write("someone else's\n", to: "history")
        history.add("select 1")
        let warning = try #require(history.save())
        #expect(warning.contains("not a cstoq history file"))
        #expect(try folder.contents(of: "history") == "someone else's\n")
    }

    @Test func aFutureVersionIsTreatedAsForeign() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 2\nselect 1\n", to: "history")
        let history = History(path: folder.file("history"))
        #expect(history.load().count == 1)
        history.add("select 2")
        #expect(history.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 2\nselect 1\n")
    }

    @Test func anEmptyFileIsOursToWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write("", to: "history")
        let history = History(path: folder.file("history"))
        #expect(history.load().isEmpty)
        history.add("select 1")
        #expect(history.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\nselect 1\n")
    }

    @Test func worldWritableFileGivesASecurityWarningAndIsSavedPrivate() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\nplanted\n", to: "history")
        chmod(folder.file("history"), 0o666)
        let history = History(path: folder.file("history"))
        let warnings = history.load()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("writable by other users") == true)
        #expect(history.entries == ["planted"])
        history.add("select 1")
        #expect(history.save() == nil)
        #expect(try folder.mode(of: "history") == 0o600)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a file away"))
    func fileOfAnotherUserIsNotWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("#cstoq-history 1\ntheirs\n", to: "history")
        chown(folder.file("history"), 65534, 65534)
        let history = History(path: folder.file("history"))
        let warnings = history.load()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("belongs to another user") == true)
        history.add("select 1")
        #expect(history.save() == nil)
        #expect(try folder.contents(of: "history") == "#cstoq-history 1\ntheirs\n")
    }

    @Test func folderInsteadOfFileGivesOneWarning() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("history"), withIntermediateDirectories: false)
        let history = History(path: folder.file("history"))
        let warnings = history.load()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("not a regular file") == true)
        history.add("select 1")
        #expect(history.save() == nil)
    }

    @Test func pathThroughAFileGivesOneWarningAndTheSessionGoesOn() throws {
        // Not-a-folder fails for root too, unlike a chmod'ed folder.
        let folder = try TemporaryFolder()
        try folder.write("I am a file", to: "plain")
        let history = History(path: folder.file("plain") + "/history")
        var warnings = history.load()
        for number in 1...3 {
            #expect(history.add("select \(number)"))
            warnings += history.save().map { [$0] } ?? []
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("Not a directory") == true)
        #expect(history.entries == ["select 1", "select 2", "select 3"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "needs procfs"))
    func unwritableFolderGivesOneWarningOnSaveAndNoTemporaryFile() throws {
        // procfs accepts no new files, whoever asks.
        let history = History(path: "/proc/cstoq-test-history-\(getpid())")
        #expect(history.load().isEmpty)
        history.add("select 1")
        let warning = try #require(history.save())
        #expect(warning.contains("cannot save history"))
        history.add("select 2")
        #expect(history.save() == nil)  // one warning per session
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.contains("cstoq") }
        #expect(leftovers.isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root writes into read-only folders"))
    func readOnlyFolderGivesOneWarningAndKeepsTheOldFile() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("locked"), withIntermediateDirectories: false)
        try folder.write("#cstoq-history 1\nold\n", to: "locked/history")
        chmod(folder.file("locked"), 0o500)
        let history = History(path: folder.file("locked/history"))
        #expect(history.load().isEmpty)
        history.add("new")
        let warning = try #require(history.save())
        #expect(warning.contains("Permission denied"))
        history.add("newer")
        #expect(history.save() == nil)
        chmod(folder.file("locked"), 0o700)
        #expect(try folder.contents(of: "locked/history") == "#cstoq-history 1\nold\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("locked")) == ["history"])
    }

    private func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.systemFileNumber] as? UInt64)
    }
}
