import Testing
@testable import LineEditor

@Suite struct HistoryFileFormatTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("two\nlines", "two\\nlines"),
        ("back\\slash", "back\\\\slash"),
        ("literal \\n", "literal \\\\n"),
        ("cr\r", "cr\\r"),
        ("città", "città"),
    ])
    func escapesEachEntryIntoOneLine(entry: String, line: String) {
        #expect(String(decoding: HistoryFileFormat.encodeLine(entry), as: UTF8.self) == line)
        #expect(HistoryFileFormat.decodeLine(ArraySlice(line.utf8)) == entry)
    }

    @Test(arguments: ["", "\\", "ends with \\", "\\t is unknown", "\\x"])
    func rejectsLinesThatDoNotDecode(line: String) {
        #expect(HistoryFileFormat.decodeLine(ArraySlice(line.utf8)) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(HistoryFileFormat.decodeLine([0x61, 0xC3]) == nil)
    }

    @Test func encodesHeaderThenOneLinePerEntry() {
        let bytes = HistoryFileFormat.encode(["a", "b\nc"])
        #expect(String(decoding: bytes, as: UTF8.self) == "#cstoq-history 1\na\nb\\nc\n")
    }

    @Test func emptyFileDecodesAsNoEntries() {
        #expect(HistoryFileFormat.decode([]) == .entries([]))
    }

    @Test func headerOnlyDecodesAsNoEntries() {
        #expect(HistoryFileFormat.decode(Array("#cstoq-history 1\n".utf8)) == .entries([]))
    }

    @Test func otherFirstLineIsForeign() {
        #expect(HistoryFileFormat.decode(Array("_HiStOrY_V2_\nx\n".utf8)) == .foreign(firstLine: "_HiStOrY_V2_"))
        #expect(HistoryFileFormat.decode(Array(" #cstoq-history 1\n".utf8)) == .foreign(firstLine: " #cstoq-history 1"))
    }
}
