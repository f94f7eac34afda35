import Foundation
import Testing
@testable import CSTOQ

/// Bad data gets one clear line naming the file, the place and the problem;
/// good data in the same format loads whole.
@Suite struct DatasetLoaderTests {
    /// A small valid dataset the cases below break one way each.
    static let valid = """
    {
      "cstoq": 1,
      "title": "test",
      "collections": {
        "countries": {
          "fields": { "name": "text", "founded": "date", "population": "integer", "area": "decimal", "member": "boolean", "capital": "ref cities" },
          "records": [
            { "id": "it", "name": "Italy", "founded": "1861-03-17", "population": 59000000, "area": 301340.5, "member": false, "capital": "rome", "source": "s" }
          ]
        },
        "cities": {
          "fields": { "name": "text", "sisters": "list ref cities" },
          "records": [
            { "id": "rome", "name": "Rome", "sisters": ["paris"], "source": ["a", "b"] },
            { "id": "paris", "name": "Paris", "sisters": [] }
          ]
        }
      }
    }
    """

    func load(_ text: String, name: String = "data.json") -> Result<Dataset, DatasetLoader.LoadError> {
        Result { () throws(DatasetLoader.LoadError) in try DatasetLoader.load(text: text, name: name) }
    }

    func error(_ text: String) -> String {
        switch load(text) {
        case .success: return "(loaded)"
        case let .failure(e): return e.description
        }
    }

    @Test func validDatasetLoadsWithTypedValuesAndResolvedReferences() throws {
        let d = try load(Self.valid).get()
        _ = d.title
        let countries = try #require(d.collection(named: "countries"))
        #expect(countries.fields.map(\.name) == ["id", "name", "founded", "population", "area", "member", "capital", "source"])
        let row = (0..<countries.fields.count).map { countries.columns[$0][0] }
        #expect(row[2] == .date(CalendarDate(year: 1861, month: 3, day: 17)!))
        #expect(row[3] == .integer(59_000_000))
        #expect(row[4] == .decimal(301340.5))
        #expect(row[5] == .boolean(false))
        #expect(row[6] == .reference(RecordRef(collection: 1, row: 0)))
        #expect(row[7] == .list([.text("s")]))
        let r = try TestSupport.query("cities where name = rome select sisters.name", in: d)
        #expect(r.rows == [[.list([.text("Paris")])]])
        #expect(try TestSupport.query("countries select capital.name", in: d).rows == [[.text("Rome")]])
    }

    @Test(arguments: [
        // (what is broken, replacement of a piece of the valid text, expected one-line error)
        ("malformed JSON", ("\"title\": \"test\",", "\"title\": \"test\""), "data.json:4:3: error: malformed JSON: expected ',' or '}' in an object, found a string"),
        ("record without id", ("{ \"id\": \"paris\", ", "{ "), "data.json:15:9: error: record 2 of cities has no 'id'"),
        ("duplicate id", ("\"id\": \"paris\"", "\"id\": \"rome\""), "data.json:15:17: error: duplicate id 'rome' in cities"),
        ("dangling reference", ("\"capital\": \"rome\"", "\"capital\": \"milan\""), "data.json:8:135: error: field 'capital' of countries refers to 'milan', which is not an id in cities"),
        ("wrong type", ("\"population\": 59000000", "\"population\": \"many\""), "data.json:8:79: error: field 'population' of countries must be a whole number, found a string"),
        ("decimal for integer", ("\"population\": 59000000", "\"population\": 5.5"), "data.json:8:79: error: field 'population' of countries must be a whole number, found a decimal number"),
        ("bad date", ("1861-03-17", "1861-02-30"), "data.json:8:51: error: field 'founded' must be a date written YYYY-MM-DD, found \"1861-02-30\""),
        ("undeclared field", ("\"member\": false,", "\"member\": false, \"motto\": \"x\","), "data.json:8:124: error: field 'motto' is not declared in the fields of countries"),
        ("unknown type", ("\"area\": \"decimal\"", "\"area\": \"float\""), "data.json:6:87: error: field 'area' has unknown type 'float'"),
        ("unknown ref target", ("\"capital\": \"ref cities\"", "\"capital\": \"ref towns\""), "data.json:6:130: error: field 'capital' refers to collection 'towns', which does not exist"),
        ("version", ("\"cstoq\": 1", "\"cstoq\": 2"), "data.json:2:12: error: unsupported dataset format version 2; this cstoq reads version 1"),
        ("not an object", (Self.valid, "[1, 2]"), "data.json:1:1: error: a dataset must be a JSON object with 'cstoq', 'title' and 'collections'"),
        ("trailing garbage", (Self.valid, Self.valid + " x"), "data.json:19:3: error: malformed JSON: unexpected 'x' after the end of the dataset"),
        ("unterminated string", ("\"title\": \"test\",", "\"title\": \"test,"), "data.json:3:12: error: malformed JSON: unterminated string: it runs to the end of the line"),
        // A key given twice is an error where the second one is, never a silent last-one-wins.
        ("title twice", ("\"title\": \"test\",", "\"title\": \"test\", \"title\": \"again\","), "data.json:3:20: error: key 'title' appears twice in the dataset"),
        ("cstoq twice", ("\"cstoq\": 1,", "\"cstoq\": 1, \"cstoq\": 1,"), "data.json:2:15: error: key 'cstoq' appears twice in the dataset"),
        ("$schema twice", ("\"cstoq\": 1,", "\"$schema\": \"a\", \"cstoq\": 1, \"$schema\": \"b\","), "data.json:2:31: error: key '$schema' appears twice in the dataset"),
        ("collections twice", (Self.valid, Self.valid.replacingOccurrences(of: "\"collections\": {", with: "\"collections\": {}, \"collections\": {")), "data.json:4:22: error: key 'collections' appears twice in the dataset"),
        ("fields twice", ("\"fields\": { \"name\": \"text\", \"sisters\"", "\"fields\": {}, \"fields\": { \"name\": \"text\", \"sisters\""), "data.json:12:21: error: key 'fields' appears twice in collection 'cities'"),
        ("records twice", ("\"records\": [\n        { \"id\": \"rome\"", "\"records\": [], \"records\": [\n        { \"id\": \"rome\""), "data.json:13:22: error: key 'records' appears twice in collection 'cities'"),
        ("collection twice", ("\"cities\": {", "\"cities\": {\"fields\": {}, \"records\": []}, \"cities\": {"), "data.json:11:46: error: collection 'cities' is defined twice"),
        ("field declared twice", ("\"name\": \"text\", \"sisters\"", "\"name\": \"text\", \"name\": \"text\", \"sisters\""), "data.json:12:35: error: malformed JSON: field 'name' of cities is declared twice"),
    ])
    func badDataGivesOneClearLine(_ c: (String, (String, String), String)) {
        let (what, (from, to), expected) = c
        let text = Self.valid.replacingOccurrences(of: from, with: to)
        #expect(text != Self.valid, "case \(what) did not change the text")
        #expect(error(text) == expected, "case: \(what)")
    }

    @Test func emptyFile() {
        #expect(error("") == "data.json: error: 'data.json' is empty: a dataset is a JSON object")
        #expect(error("  \n ") == "data.json: error: 'data.json' is empty: a dataset is a JSON object")
    }

    @Test func missingFile() {
        let e = Result { () throws(DatasetLoader.LoadError) in try DatasetLoader.load(path: "/no/such/place.json") }
        guard case let .failure(err) = e else { Issue.record("loaded a missing file"); return }
        #expect(err.description == "/no/such/place.json: error: cannot open '/no/such/place.json': no such file")
    }

    @Test func folderInsteadOfFile() throws {
        let dir = try TestSupport.temporaryFolder()
        let e = Result { () throws(DatasetLoader.LoadError) in try DatasetLoader.load(path: dir.path) }
        guard case let .failure(err) = e else { Issue.record("loaded a folder"); return }
        #expect(err.description == "\(dir.path): error: cannot read '\(dir.path)': it is a folder, not a file")
    }

    @Test func unreadableFile() throws {
        let dir = try TestSupport.temporaryFolder()
        let path: String
        if geteuid() == 0 {
            // root reads any mode, so make a file that can't be opened for reading at all: a Unix socket.
            path = dir.appendingPathComponent("socket.json").path
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (i, b) in path.utf8.enumerated() where i < buffer.count - 1 { buffer[i] = b }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            #expect(bound == 0)
        } else {
            path = dir.appendingPathComponent("secret.json").path
            try Self.valid.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0)
        }
        let e = Result { () throws(DatasetLoader.LoadError) in try DatasetLoader.load(path: path) }
        guard case let .failure(err) = e else { Issue.record("read an unreadable file"); return }
        #expect(err.description.hasPrefix("\(path): error: cannot read '\(path)': "))
    }

    @Test func loadingNeverHalfLoads() {
        // A session keeps its dataset when .load fails.
        let dir = try! TestSupport.temporaryFolder()
        let bad = dir.appendingPathComponent("bad.json")
        try! "{\"cstoq\": 1, \"title\": \"x\", \"collections\": {\"a\": {\"fields\": {}, \"records\": [{}]}}}".write(to: bad, atomically: true, encoding: .utf8)
        let (out, err, ok) = TestSupport.session(".load \(bad.path)\ncount members")
        #expect(!ok)
        #expect(err.contains("record 1 of a has no 'id'"))
        #expect(err.contains("(the dataset test is still loaded)"))
        #expect(!out.contains("count"))
    }

    @Test func deepJSONIsAnErrorNotACrash() {
        let deep = "{\"cstoq\": 1, \"title\": \"x\", \"$x\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + ", \"collections\": {}}"
        #expect(error(deep).contains("nested deeper than 512 levels"))
    }

    @Test func escapesAndUnicodeInStrings() throws {
        let text = Self.valid.replacingOccurrences(of: "\"name\": \"Rome\"", with: "\"name\": \"Ro\\u00e9me \\ud83d\\ude00 \\\"q\\\"\"")
        let d = try load(text).get()
        let r = try TestSupport.query("cities where id = rome select name", in: d)
        #expect(r.rows == [[.text("Roéme 😀 \"q\"")]])
    }

    @Test func schemaFileIsValidJSONAndNamesTheTypes() throws {
        let data = try Data(contentsOf: TestSupport.file("Sources/CSTOQ/Data/cstoq-dataset.schema.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["$schema"] != nil)
        let text = String(decoding: data, as: UTF8.self)
        for type in ["text", "integer", "decimal", "boolean", "date", "ref", "list"] { #expect(text.contains(type)) }
    }
}
