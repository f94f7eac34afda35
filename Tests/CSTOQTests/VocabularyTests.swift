import Testing
@testable import CSTOQ

/// A closed vocabulary (`"status": "one of active, frozen"`): the loader and
/// `--check` refuse a stray value at its place, `describe` names the values,
/// Tab offers them, and the checker refuses a comparison nothing can match.
@Suite struct VocabularyTests {
    static let text = """
    {
      "cstoq": 1,
      "title": "test",
      "collections": {
        "members": {
          "fields": { "name": "text", "status": "one of active, frozen, observer", "topics": "list one of drugs, terrorism, cyber crime" },
          "records": [
            { "id": "a", "name": "Armenia", "status": "frozen", "topics": [], "source": "s" },
            { "id": "b", "name": "Belarus", "status": "Active", "topics": ["drugs", "Cyber crime"], "source": "s" },
            { "id": "k", "name": "Kyrgyzstan", "status": null, "topics": ["terrorism"], "source": "s" }
          ]
        }
      }
    }
    """

    static func load(_ text: String) -> Result<Dataset, DatasetLoader.LoadError> {
        Result { () throws(DatasetLoader.LoadError) in try DatasetLoader.load(text: text, name: "data.json") }
    }

    static var dataset: Dataset {
        get throws { try load(text).get() }
    }

    @Test func declarationsReadAsVocabularies() throws {
        let v = try #require(Field.vocabulary("one of active, frozen,observer"))
        #expect(v.type == .text && v.values == ["active", "frozen", "observer"] && v.problem == nil)
        let list = try #require(Field.vocabulary("list one of drugs, cyber crime"))
        #expect(list.type == .list(.text) && list.values == ["drugs", "cyber crime"])
        #expect(Field.vocabulary("text") == nil)
        #expect(Field.vocabulary("one often") == nil)
        #expect(Field.vocabulary("one of")?.problem == "it names no value: write 'one of a, b, c'")
        #expect(Field.vocabulary("one of a, , b")?.problem == "a value between two commas is empty")
        #expect(Field.vocabulary("one of Active, active")?.problem == "'active' is 'Active' again (values are compared ignoring case)")
    }

    @Test func valuesInTheVocabularyLoadWhateverTheirCase() throws {
        let d = try Self.dataset
        let members = d.collections[0]
        #expect(members.fields[2].values == ["active", "frozen", "observer"])
        #expect(members.fields[3].type == .list(.text))
        #expect(members.fields[2].kindDescription == "one of active, frozen, observer")
        #expect(members.fields[3].kindDescription == "list one of drugs, terrorism, cyber crime")
    }

    @Test(arguments: [
        ("\"status\": \"Active\"", "\"status\": \"actve\"",
         "data.json:9:51: error: field 'status' of members is one of active, frozen, observer; \"actve\" is none of them"),
        ("[\"terrorism\"]", "[\"terrorism\", \"piracy\"]",
         "data.json:10:84: error: field 'topics' of members is one of drugs, terrorism, cyber crime; \"piracy\" is none of them"),
        ("\"one of active, frozen, observer\"", "\"one of active, frozen, ACTIVE\"",
         "data.json:6:45: error: the values of field 'status': 'ACTIVE' is 'active' again (values are compared ignoring case)"),
    ])
    func aStrayValueIsAnErrorAtItsPlace(_ c: (String, String, String)) {
        let text = Self.text.replacingOccurrences(of: c.0, with: c.1)
        #expect(text != Self.text)
        switch Self.load(text) {
        case .success: Issue.record("loaded: \(c.1)")
        case let .failure(e): #expect(e.description == c.2)
        }
    }

    @Test func describeNamesTheValues() {
        let (out, _, ok) = TestSupport.session("describe members", dataset: (try? Self.dataset) ?? TestSupport.dataset)
        #expect(ok)
        #expect(out.contains("one of active, frozen, observer"), "\(out)")
    }

    @Test func aComparisonNothingCanMatchIsAnErrorWithTheClosestValue() throws {
        let d = try Self.dataset
        let (_, err, ok) = TestSupport.session("members where status = actve", dataset: d)
        #expect(!ok)
        #expect(err.contains("error: status is one of active, frozen, observer: 'actve' is none of them, so nothing can match"), "\(err)")
        #expect(err.contains("help: did you mean 'active'?"), "\(err)")
        #expect(err.contains("                        ^^^^^"), "the caret is under the value:\n\(err)")
        let (_, listErr, listOK) = TestSupport.session("members where topics = piracy", dataset: d)
        #expect(!listOK)
        #expect(listErr.contains("topics is one of drugs, terrorism, cyber crime: 'piracy' is none of them"), "\(listErr)")
        let (_, notErr, _) = TestSupport.session("members where status != frozn", dataset: d)
        #expect(notErr.contains("'frozn' is none of them, so every status that is set differs from it"), "\(notErr)")
        #expect(notErr.contains("help: did you mean 'frozen'?"), "\(notErr)")
        // Values of the vocabulary run, whatever their case, even when no record holds them.
        #expect(try TestSupport.query("members where status = ACTIVE select name", in: d).rows == [[.text("Belarus")]])
        #expect(try TestSupport.query("members where status = observer", in: d).isEmpty)
        #expect(try TestSupport.query("members where topics = 'cyber crime' select name", in: d).rows == [[.text("Belarus")]])
    }

    @Test func tabOffersTheVocabularyInItsOrder() throws {
        let completer = Completer(dataset: try Self.dataset)
        #expect(completer.values(collection: "members", path: ["status"], prefix: "") == ["active", "frozen", "observer"])
        #expect(completer.values(collection: "members", path: ["status"], prefix: "O") == ["observer"])
        #expect(completer.values(collection: "members", path: ["topics"], prefix: "c") == ["\"cyber crime\""])
    }
}
