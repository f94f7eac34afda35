import Testing
@testable import CSTOQ

/// One rule for ids, everywhere: two ids are one id when their
/// `ValueComparison.fold` keys are equal (letter case, NFC, a no-break space
/// as a space), as `=` compares them. The loader refuses two such ids in one
/// collection, so references, `.whynot ID` and `.source` have one record to
/// find; the key also finds it (a reference `ABC` is the record `abc`).
@Suite struct IDRuleTests {
    static func dataset(ids: [String], refs: [String] = []) -> String {
        let records = ids.map { #"    {"id": "\#($0)", "name": "N \#($0)", "source": "Said of \#($0)."}"# }
        let citing = refs.map { #"    {"id": "x\#($0.utf8.count)", "one": "\#($0)", "many": ["\#($0)"]}"# }
        return """
        {"cstoq": 1, "title": "t", "collections": {
          "people": {"fields": {"name": "text"}, "records": [
        \(records.joined(separator: ",\n"))
          ]},
          "notes": {"fields": {"one": "ref people", "many": "list ref people"}, "records": [
        \(citing.joined(separator: ",\n"))
          ]}
        }}
        """
    }

    static func error(_ text: String) -> String {
        do throws(DatasetLoader.LoadError) {
            _ = try DatasetLoader.load(text: text, name: "d.json")
            return "(loaded)"
        } catch {
            return error.description
        }
    }

    static let help = "help: ids are compared as '=' compares text (case ignored, accents composed, a no-break space as a space): give each record an id of its own"

    @Test func idsDifferingInCaseAreOneIdTwice() {
        #expect(Self.error(Self.dataset(ids: ["abc", "other", "ABC"])) == """
            d.json:5:12: error: duplicate id 'ABC' in people: the same id as 'abc' on line 3
            \(Self.help)
            """)
    }

    @Test func idsEqualAfterNormalizationAreOneIdTwice() {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(Self.error(Self.dataset(ids: [nfc, nfd])) == """
            d.json:4:12: error: duplicate id '\(nfd)' in people: the same id as '\(nfc)' on line 3, written with other Unicode scalars
            \(Self.help)
            """)
    }

    @Test func aNoBreakSpaceIsASpaceInIds() {
        #expect(Self.error(Self.dataset(ids: ["a b", "a\u{A0}b"])).hasPrefix("d.json:4:12: error: duplicate id 'a\u{A0}b' in people: the same id as 'a b' on line 3"))
    }

    @Test func bytewiseEqualIdsKeepTheirShortMessage() {
        #expect(Self.error(Self.dataset(ids: ["abc", "abc"])) == "d.json:4:12: error: duplicate id 'abc' in people")
    }

    @Test func theFirstRepeatInFileOrderIsTheOneReported() {
        #expect(Self.error(Self.dataset(ids: ["b", "a", "B", "A"])).hasPrefix("d.json:5:12: error: duplicate id 'B' in people: the same id as 'b' on line 3"))
    }

    @Test func aReferenceFindsItsRecordByTheKey() throws {
        let nfd = "cafe\u{301}"
        let d = try DatasetLoader.load(text: Self.dataset(ids: ["abc", "caf\u{E9}", "a b"], refs: ["ABC", nfd, "A\u{A0}B"]), name: "d.json")
        let notes = try #require(d.collection(named: "notes"))
        for (row, target) in [0, 1, 2].enumerated() {
            #expect(notes.columns[1][row] == .reference(RecordRef(collection: 0, row: target)))
            #expect(notes.columns[2][row] == .list([.reference(RecordRef(collection: 0, row: target))]))
        }
        let people = try #require(d.collection(named: "people"))
        #expect(people.row(withID: "ABC") == 0)
        #expect(people.row(withID: nfd) == 1)
        #expect(people.row(withID: "zzz") == nil)
        // `.source` follows the reference to that record and cites its sentence.
        let (out, _, ok) = TestSupport.session("notes where one = \"\(nfd)\" select one.name\n.source", dataset: d)
        #expect(ok)
        #expect(out.contains("N caf\u{E9}"))
    }

    @Test func whyNotFindsARecordByItsIdBeforeItsName() throws {
        // The record named "abc" comes first; `.whynot ABC` is about the record whose id is abc.
        let text = """
        {"cstoq": 1, "title": "t", "collections": {"people": {"fields": {"name": "text", "age": "integer"}, "records": [
          {"id": "first", "name": "abc", "age": 1},
          {"id": "abc", "name": "Second", "age": 2}
        ]}}}
        """
        let d = try DatasetLoader.load(text: text, name: "d.json")
        let (out, err, _) = TestSupport.session(".whynot ABC people where age > 5", dataset: d)
        #expect(err == "")
        #expect(out.contains("Second has age 2"), "\(out)")
        let byName = TestSupport.session(".whynot abc people where age > 5", dataset: d)
        #expect(byName.out.contains("Second has age 2"))
        let byID = TestSupport.session(".whynot FIRST people where age > 5", dataset: d)
        #expect(byID.out.contains("abc has age 1"))
    }

    @Test func theBuiltInDatasetKeepsItsIds() {
        for c in TestSupport.dataset.collections {
            for id in c.ids { #expect(ValueComparison.fold(id) == id, "\(c.name): \(id)") }
        }
    }
}
