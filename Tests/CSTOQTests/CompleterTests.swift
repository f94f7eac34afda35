import Testing
@testable import CSTOQ

/// Tab completion as a table: the line before the cursor → how many bytes
/// are replaced and by which candidates.
@Suite struct CompleterTests {
    let completer = Completer(dataset: TestSupport.dataset)

    @Test(arguments: [
        // Collections and statement words at the start.
        ("mem", 3, ["members"]),
        ("co", 2, ["count"]),
        ("", 0, ["members", "people", "events", "cities", "statements", "initiatives", "exercises", "documents", "appointments", "organizations", "credits", "count", "describe", "explain"]),
        // Keywords that can come next.
        ("members wh", 2, ["where"]),
        ("members ", 0, ["where", "group by", "select", "order by", "limit", "offset"]),
        ("members where status = active ", 0, ["and", "or", "group by", "select", "order by", "limit", "offset"]),
        ("members select name ord", 3, ["order by"]),
        ("members order by name ", 0, ["asc", "desc", "limit", "offset"]),
        ("members where status i", 1, ["in", "is"]),
        // Fields, and fields through references.
        ("members where sta", 3, ["status"]),
        ("members select leader.", 0, ["id", "name", "country", "role", "note", "source"]),
        ("members select leader.co", 2, ["country"]),
        ("statements where speaker.country.st", 2, ["status"]),
        ("initiatives group by by.na", 2, ["name"]),
        // Values of the field, quoted when they are not plain words.
        ("members where status = ", 0, ["active", "frozen"]),
        ("members where status = fr", 2, ["frozen"]),
        ("members where status in (active, ", 0, ["active", "frozen"]),
        ("people where name = Vla", 3, ["\"Vladimir Putin\""]),
        ("people where name = \"Vla", 4, ["\"Vladimir Putin\""]),
        ("people where name = 'Vla", 4, ["'Vladimir Putin'"]),
        ("members where leader = \"Sad", 4, ["\"Sadyr Japarov\""]),
        ("events where date = ", 0, ["2025-11-27", "2026-11-11"]),
        ("members where attended = ", 0, ["false", "true"]),
        // Aggregates in select.
        ("initiatives group by area select area, cou", 3, ["count("]),
        // Functions after select, where, group by, having and inside expressions (2.2).
        ("members select lo", 2, ["lower("]),
        ("members select name, ro", 2, ["round("]),
        ("members select le", 2, ["leader", "length("]),
        ("events where ye", 2, ["year("]),
        ("events group by mo", 2, ["month("]),
        ("statements group by speaker.name having cou", 3, ["count("]),
        ("members select upper(na", 2, ["name", "name_it"]),
        ("events where date + 7 > da", 2, ["date", "day("]),
        ("statements group by speaker.name ", 0, ["having", "select", "order by", "limit", "offset"]),
        // Inside `in (query)`: the inner query's collection, its fields and its clauses; then the outer's again (2.2).
        ("people where country in (members where sta", 3, ["status"]),
        ("people where country in (members where status = fr", 2, ["frozen"]),
        ("people where country in (members ", 0, ["where", "group by", "select", "order by", "limit", "offset"]),
        ("people where country in (members where status = active) and ro", 2, ["role", "round("]),
        ("people where country in (members where status = active) ", 0, ["and", "or", "group by", "select", "order by", "limit", "offset"]),
        ("people where country in (mem", 3, ["members"]),
        // Back-references inside count(…): the collections that point here, then their paths (2.2).
        ("people select name, count(sta", 3, ["statements"]),
        ("people select count(appointments.", 0, ["outgoing", "incoming"]),
        // After the words that a collection's name follows (2.3, point 8).
        ("count ", 0, ["members", "people", "events", "cities", "statements", "initiatives", "exercises", "documents", "appointments", "organizations", "credits"]),
        ("describe ", 0, ["members", "people", "events", "cities", "statements", "initiatives", "exercises", "documents", "appointments", "organizations", "credits"]),
        ("explain trace ", 0, ["members", "people", "events", "cities", "statements", "initiatives", "exercises", "documents", "appointments", "organizations", "credits"]),
        ("count mem", 3, ["members"]),
        // A value through a path, in quotes.
        ("members where leader.name = \"Vla", 4, ["\"Vladimir Putin\""]),
        ("statements where speaker.name = 'Emo", 4, ["'Emomali Rahmon'"]),
        // Dot-commands and their arguments.
        (".desc", 5, [".describe"]),
        (".h", 2, [".help", ".history", ".hint"]),
        (".describe mem", 3, ["members"]),
        (".format j", 1, ["json"]),
        (".timer o", 1, ["on", "off"]),
    ])
    func candidates(_ c: (String, Int, [String])) {
        let result = completer.complete(c.0)
        #expect(result.replacing == c.1, "\(c.0)")
        #expect(result.candidates == c.2, "\(c.0)")
    }

    @Test func helpTopicsComeFromTheSession() {
        let session = Session(dataset: TestSupport.dataset, datasetName: "test", output: { _ in }, errors: { _ in })
        #expect(session.makeCompleter().complete(".help wh").candidates == ["where", "whynot"])
        #expect(session.makeCompleter().complete(".whynot Armenia members where sta").candidates == ["status"])
    }

    @Test func uniqueFieldGetsASpaceButAPathDotDoesNot() {
        #expect(completer.complete("members where sta").appendSpace)
        #expect(!completer.complete("initiatives select cou").appendSpace)  // count( waits for its argument
    }

    /// Folders in memory: a path → its entries; names ending in `/` are folders.
    struct MemoryFileNames: FileNameSource {
        var folders: [String: [String]]
        var homeFolder: String?

        func entries(of folder: String) -> [FileEntry]? {
            let key = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return folders[key].map { $0.map { FileEntry(name: $0.hasSuffix("/") ? String($0.dropLast()) : $0, isFolder: $0.hasSuffix("/")) } }
        }
    }

    @Test func loadCompletesTheFieldsOfDataFilesAfterKindAndRef() throws {
        let d = try DataFiles.load([try DataFileTests.write([("items.csv", Array("name,city\nPen,osh\n".utf8))])[0]]).dataset
        let c = Completer(dataset: d)
        let r = c.complete(".load items.csv --ref items.c")
        #expect(r.candidates == ["items.city="] && !r.appendSpace)
        #expect(c.complete(".load items.csv --kind ").candidates == ["items.name=", "items.city="])
    }

    @Test func fileNamesAfterRunAndLoad() {
        let files = MemoryFileNames(folders: ["/work": ["lessons/", "report.cstoq", "data.json", ".hidden.cstoq", "items.csv", "shop.db", "notes.txt"],
                                              "/work/lessons": ["one.cstoq", "notes.txt"],
                                              "/home/ada": ["mine.cstoq"]],
                                    homeFolder: "/home/ada")
        let c = Completer(dataset: TestSupport.dataset, fileNames: files, folder: "/work")
        #expect(c.complete(".run ").candidates == ["lessons/", "report.cstoq"])
        #expect(c.complete(".load ").candidates == ["data.json", "items.csv", "lessons/", "shop.db"])
        // Each of several files, and the settings after them.
        #expect(c.complete(".load items.csv sh").candidates == ["shop.db"])
        #expect(c.complete(".load items.csv --").candidates == ["--kind", "--ref"])
        #expect(c.complete(".save ").candidates == ["data.json", "items.csv", "lessons/", "notes.txt", "report.cstoq", "shop.db"])
        #expect(c.complete(".run les").candidates == ["lessons/"])
        #expect(!c.complete(".run les").appendSpace)
        #expect(c.complete(".run .h").candidates == [".hidden.cstoq"])
        #expect(c.complete(".run /work/lessons/o").candidates == ["/work/lessons/one.cstoq"])
        #expect(c.complete(".run ~/m").candidates == ["~/mine.cstoq"])
        #expect(c.complete(".run /nowhere/").candidates == [])
    }

    @Test func withoutASourceNoFileNamesAreOffered() {
        #expect(completer.complete(".run ").candidates == [])
    }

    /// The ASCII fast path of `isBareWord` restates the lexer's word rule: it must agree with the lexer.
    @Test func theBareWordFastPathAgreesWithTheLexer() {
        var random = SplitMix64(seed: 5)
        let alphabet = Array("aZ_09-x- .\"'tn")
        var checked = 0
        for _ in 0..<20_000 {
            let s = String((0..<random.below(7)).map { _ in random.pick(alphabet) })
            #expect(Completer.isBareWord(s) == (Completer.isBareWordByLexer(s)), "\(s.debugDescription)")
            checked += 1
        }
        for s in ["true", "NULL", "and", "x-1", "a--b", "a-", "-a", "counter-terrorism", "_", "9a"] {
            #expect(Completer.isBareWord(s) == Completer.isBareWordByLexer(s), "\(s)")
        }
        #expect(checked == 20_000)
    }

    @Test func aDecimalIsOfferedExactlySoThatItMatches() throws {
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"w\", \"collections\": {\"r\": {\"fields\": {\"w\": \"decimal\"}, \"records\": [{\"id\": \"a\", \"w\": -12.714285714285714}, {\"id\": \"b\", \"w\": 0.00001}]}}}", name: "w")
        let offered = Completer(dataset: d).complete("r where w = ").candidates
        #expect(offered.sorted() == ["-12.714285714285714", "0.00001"])
        for value in offered {
            #expect(try TestSupport.query("count r where w = \(value)", in: d).rows == [[.integer(1)]])
        }
    }

    /// 20,000 distinct names: the listing is cut, the matching is not.
    @Test func valuesOfALargeFieldAreAllMatchedAndOnlyTheListingIsCut() throws {
        var records: [String] = []
        for i in 0..<20_000 { records.append("{\"id\": \"r\(i)\", \"t\": \"name\(String(100_000 + i).dropFirst())\"}") }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"v\", \"collections\": {\"r\": {\"fields\": {\"t\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "v")
        let c = Completer(dataset: d)
        let all = c.complete("r where t = ")
        #expect(all.candidates.count == Completer.maximumShown)
        #expect(all.more == 20_000 - Completer.maximumShown)
        // Tab inserts what all 20,000 share, not what the first 500 share (name00…).
        #expect(all.commonPrefix == "name")
        // Values far past the first 500 are found: name19990 … name19999.
        let late = c.complete("r where t = name1999")
        #expect(late.candidates == (19_990...19_999).map { "name\($0)" })
        #expect(late.more == 0)
        #expect(c.complete("r where t = NAME1999").candidates.count == 10)
    }
}
