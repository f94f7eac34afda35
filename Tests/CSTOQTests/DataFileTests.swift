import CSQLite
import Foundation
import Testing
import TextWidth
@testable import CSTOQ

/// CSV, TSV, NDJSON, JSON arrays and SQLite files: each rule of reading and
/// inference, each error with its message and its place.
@Suite struct DataFileTests {
    /// Writes files into a fresh folder; returns their paths in order.
    static func write(_ files: [(String, [UInt8])]) throws -> [String] {
        let folder = try TestSupport.temporaryFolder()
        return try files.map { name, bytes in
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
    }

    static func load(_ files: [(String, String)], settings: DataFileSettings = DataFileSettings()) throws -> LoadedData {
        let paths = try write(files.map { ($0.0, Array($0.1.utf8)) })
        return try DataFiles.load(paths, settings: settings)
    }

    static func loadError(_ name: String, _ bytes: [UInt8], settings: DataFileSettings = DataFileSettings()) throws -> DatasetLoader.LoadError {
        let paths = try write([(name, bytes)])
        do {
            _ = try DataFiles.load(paths, settings: settings)
        } catch {
            return error
        }
        throw TestFailure("\(name) loaded, but an error was expected")
    }

    /// A file with ⟨ where its error must be: checks the message and that
    /// the error's LINE:COL is that place.
    static func expectError(_ name: String, _ marked: String, _ message: String, help: String? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parts = marked.components(separatedBy: "⟨")
        #expect(parts.count == 2, "one ⟨ marks the place", sourceLocation: sourceLocation)
        let before = parts[0]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.split(separator: "\n", omittingEmptySubsequences: false).last!.count + 1
        let e = try loadError(name, Array((parts[0] + parts[1]).utf8))
        #expect(e.message.text == message, sourceLocation: sourceLocation)
        #expect(e.line == line && e.column == column, "error at \(e.line ?? 0):\(e.column ?? 0), expected \(line):\(column)", sourceLocation: sourceLocation)
        if let help { #expect(e.message.defaultHelp?.contains(help) == true, "help: \(e.message.defaultHelp ?? "none")", sourceLocation: sourceLocation) }
    }

    static func column(_ c: DatasetCollection, _ field: String) throws -> [Value] {
        let f = try #require(c.fieldIndex(named: field))
        return (0..<c.count).map { c.columns[f][$0] }
    }

    static func kinds(_ c: DatasetCollection) -> [String] { c.fields.map { "\($0.name) \($0.type)" } }

    // MARK: kinds

    @Test func eachKindIsInferredFromTheValues() throws {
        let csv = """
        n,d,b,day,t,zip,empty,big
        1,1.5,true,2025-11-27,x,01234,,99999999999999999999
        -20,2,FALSE,2024-02-29,7,00042,,1
        0,-3e2,True,2025-01-01,2025-13-01,1,,2

        """
        let loaded = try Self.load([("kinds.csv", csv)])
        let c = try #require(loaded.dataset.collection(named: "kinds"))
        #expect(Self.kinds(c) == ["id text", "n integer", "d decimal", "b boolean", "day date", "t text", "zip text", "empty text", "big decimal"])
        #expect(try Self.column(c, "n") == [.integer(1), .integer(-20), .integer(0)])
        #expect(try Self.column(c, "d") == [.decimal(1.5), .decimal(2), .decimal(-300)])
        #expect(try Self.column(c, "b") == [.boolean(true), .boolean(false), .boolean(true)])
        #expect(try Self.column(c, "day") == [.date(CalendarDate(year: 2025, month: 11, day: 27)!), .date(CalendarDate(year: 2024, month: 2, day: 29)!), .date(CalendarDate(year: 2025, month: 1, day: 1)!)])
        // A leading zero keeps a code text, with every digit.
        #expect(try Self.column(c, "zip") == [.text("01234"), .text("00042"), .text("1")])
        #expect(try Self.column(c, "empty") == [.null, .null, .null])
        #expect(loaded.summary[0].hasSuffix("3 records, 8 fields (n integer, d decimal, b boolean, day date, t text, zip text, empty text, big decimal)"))
    }

    @Test func aMixedColumnIsTextAndTheSummarySaysWhichValuesKeptItFromBeingANumberOrADate() throws {
        let csv = "score,day\n12,2025-11-27\nn/a,2025-11-28\n7,soon\n9,2025-11-30\n"
        let loaded = try Self.load([("items.csv", csv)])
        let c = try #require(loaded.dataset.collection(named: "items"))
        #expect(Self.kinds(c) == ["id text", "score text", "day text"])
        // Every spelling is kept as written, the earlier numbers too.
        #expect(try Self.column(c, "score") == [.text("12"), .text("n/a"), .text("7"), .text("9")])
        let notes = loaded.summary.dropFirst().joined(separator: "\n")
        #expect(notes.contains("score is text, not integer, because of \"n/a\" (line 3); --kind items.score=integer reads it as integer"))
        #expect(notes.contains("day is text, not date, because of \"soon\" (line 4)"))
    }

    @Test func aKindSetByHandIsKeptAndValuesThatDontFitAreNullAndCounted() throws {
        var settings = DataFileSettings()
        settings.kinds = [try DataFileSettings.kind("items.score=integer").get(), try DataFileSettings.kind("items.code=text").get()]
        let loaded = try Self.load([("items.csv", "score,code\n12,7\nn/a,8\n?,9\n")], settings: settings)
        let c = try #require(loaded.dataset.collection(named: "items"))
        #expect(try Self.column(c, "score") == [.integer(12), .null, .null])
        #expect(try Self.column(c, "code") == [.text("7"), .text("8"), .text("9")])
        #expect(loaded.summary.contains { $0.contains("score is integer as set: 2 values are not a whole number and null: \"n/a\" (line 3), \"?\" (line 4)") })
        // Wrong settings say what to write.
        #expect(throws: DataFileSettings.Problem.self) { try DataFileSettings.kind("items.score=number").get() }
        #expect(throws: DataFileSettings.Problem.self) { try DataFileSettings.kind("score=integer").get() }
        var wrong = DataFileSettings()
        wrong.kinds = [try DataFileSettings.kind("items.nope=text").get()]
        #expect(throws: DatasetLoader.LoadError.self) { try Self.load([("items.csv", "a\n1\n")], settings: wrong) }
    }

    // MARK: CSV as it comes

    @Test func quotingLineEndsAndTheByteOrderMarkFollowRFC4180() throws {
        let csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,says\r\n\"Rahmon, Emomali\",\"he said \"\"yes\"\"\r\nand left\"\r\nPutin,5\" disk\r\n\r\n".utf8)
        let paths = try Self.write([("q.csv", csv)])
        let loaded = try DataFiles.load(paths)
        let c = try #require(loaded.dataset.collection(named: "q"))
        #expect(c.fields.map(\.name) == ["id", "name", "says"])
        #expect(try Self.column(c, "name") == [.text("Rahmon, Emomali"), .text("Putin")])
        #expect(try Self.column(c, "says") == [.text("he said \"yes\"\r\nand left"), .text("5\" disk")])
        // Provenance: the line each record starts on (the second starts after a line break inside quotes).
        #expect(c.sources(of: 0) == ["\(paths[0]), line 2"])
        #expect(c.sources(of: 1) == ["\(paths[0]), line 4"])
    }

    @Test func theDelimiterIsSniffedAmongCommaSemicolonTabAndBar() throws {
        for (name, d) in [("a.csv", ","), ("b.csv", ";"), ("c.csv", "\t"), ("d.csv", "|"), ("e.tsv", "\t")] {
            let csv = ["x", "y", "z"].joined(separator: d) + "\n" + ["1", "\"a,b;c|d\"", "3"].joined(separator: d) + "\n"
            let loaded = try Self.load([(name, csv)])
            let c = try #require(loaded.dataset.collections.first)
            #expect(c.fields.map(\.name) == ["id", "x", "y", "z"], "\(name)")
            #expect(try Self.column(c, "y") == [.text("a,b;c|d")], "\(name)")
        }
    }

    @Test func aShortRecordHasNullsAndALongOneIsAnError() throws {
        let loaded = try Self.load([("r.csv", "a,b,c\n1,2,3\n4\n5,6\n")])
        let c = try #require(loaded.dataset.collection(named: "r"))
        #expect(try Self.column(c, "c") == [.integer(3), .null, .null])
        #expect(loaded.summary.contains { $0.contains("2 records have fewer fields than the header (the first on line 3): the missing ones are null") })
        try Self.expectError("long.csv", "a,b\n1,2\n3,4,⟨5\n", "this record has 3 fields, the header 2", help: "quote a field that holds the delimiter (',')")
    }

    @Test func brokenCSVIsAnErrorAtItsLineAndColumn() throws {
        try Self.expectError("open.csv", "a,b\n1,⟨\"never closed\n2,3\n", "the quoted field that starts here is never closed", help: "add the closing \"")
        try Self.expectError("after.csv", "a,b\n1,\"x\"⟨y\n", "'y' after the closing quote of a field", help: "written twice")
        try Self.expectError("id.csv", "id,b\nx,1\ny,2\n⟨X,3\n", "duplicate id 'X' in id: line 2 has it already", help: "a column named id gives each record its id")
        try Self.expectError("noid.csv", "b,id\n1,x\n2,⟨\n", "a record of noid has an empty id")
        let e = try Self.loadError("empty.csv", [])
        #expect(e.message.text.hasSuffix("is empty: a CSV file starts with a header line naming its fields"))
    }

    @Test func invalidUTF8IsNamedWithItsByteAndNotGuessed() throws {
        let e = try Self.loadError("latin.csv", Array("city\nCitt".utf8) + [0xE0] + Array("\n".utf8))
        #expect(e.message.text == "the file is not UTF-8 text: byte 0xE0 here starts no UTF-8 character")
        #expect(e.line == 2 && e.column == 5)
        #expect(e.message.defaultHelp?.contains("iconv -f LATIN1 -t UTF-8") == true)
    }

    @Test func headerNamesAreMadeValidOnceEachAndTheSummarySaysSo() throws {
        let loaded = try Self.load([("2024 Sales (EUR).csv", "Unit Price,Città,,name,Name,count\n1,2,3,4,5,6\n")])
        let c = try #require(loaded.dataset.collections.first)
        #expect(c.name == "_2024_sales_eur")
        #expect(c.fields.map(\.name) == ["id", "unit_price", "citta", "field_3", "name", "name_2", "count"])
        #expect(loaded.summary.contains { $0.contains("names made valid: 'Unit Price' → unit_price, 'Città' → citta, (empty) → field_3, 'Name' → name_2") })
        #expect(ImportNames.collection(forFile: "data/count.csv") == "count_")
    }

    /// A file past `CSVImport.parallelSize` is read in two halves: what it
    /// gives must be what one reader gives, wherever the middle falls.
    @Test func aBigFileReadInTwoHalvesGivesWhatOneReaderGives() throws {
        let rows = 120_000
        func csv(middle: String, late: String) -> String {
            var lines = ["id,n,x,note"]
            for i in 0..<rows {
                let n = i == rows - 5 ? late : String(i)
                let x = i < rows / 2 ? String(i % 7) : String(i % 7) + ".5"
                let note = i == rows / 2 ? middle : "row \(i)"
                lines.append("k\(i),\(n),\(x),\(note)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let plain = csv(middle: "plain", late: String(rows - 5))
        #expect(plain.utf8.count > CSVImport.parallelSize)
        let loaded = try Self.load([("big.csv", plain)])
        let c = try #require(loaded.dataset.collection(named: "big"))
        #expect(c.count == rows)
        #expect(c.ids.first == "k0" && c.ids.last == "k\(rows - 1)" && c.ids[rows / 2] == "k\(rows / 2)")
        // Integers in the first half, decimals in the second: one decimal column.
        #expect(Self.kinds(c) == ["id text", "n integer", "x decimal", "note text"])
        #expect(try Self.column(c, "x")[rows / 2 + 1] == .decimal(Double((rows / 2 + 1) % 7) + 0.5))
        #expect(c.sources(of: rows - 1).first?.hasSuffix("big.csv, line \(rows + 1)") == true)
        // A quoted field with line breaks around the middle (the second half would start inside it),
        // and a text late in a number column (read again as text, its line right).
        // (The field is long enough to hold the middle of the file whatever the lengths of the lines.)
        let inner = 150_000
        let quoted = csv(middle: "\"a\n" + String(repeating: "b\n", count: inner) + "c\"", late: "n/a")
        let q = try Self.load([("quoted.csv", quoted)])
        let qc = try #require(q.dataset.collection(named: "quoted"))
        #expect(qc.count == rows)
        #expect(try Self.column(qc, "note")[rows / 2] == .text("a\n" + String(repeating: "b\n", count: inner) + "c"))
        #expect(qc.sources(of: rows - 1).first?.hasSuffix("quoted.csv, line \(rows + 1 + inner + 1)") == true)
        #expect(try Self.column(qc, "n")[3] == .text("3"))
        #expect(q.summary.contains { $0.contains("n is text, not integer, because of \"n/a\" (line \(rows - 5 + 2 + inner + 1))") })
        // A duplicate id across the halves names both lines.
        let dup = plain.replacingOccurrences(of: "k\(rows - 2),", with: "K3,")
        let e = try Self.loadError("dup.csv", Array(dup.utf8))
        #expect(e.message.text == "duplicate id 'K3' in dup: line 5 has it already")
        #expect(e.line == rows - 2 + 2 && e.column == 1)
        // Within the second half too, and bytes that are not UTF-8 in either half.
        let late = plain.replacingOccurrences(of: "k\(rows - 2),", with: "k\(rows - 3),")
        let e2 = try Self.loadError("late.csv", Array(late.utf8))
        #expect(e2.message.text == "duplicate id 'k\(rows - 3)' in late: line \(rows - 3 + 2) has it already" && e2.line == rows - 2 + 2)
        for row in [10, rows - 10] {
            var bytes = Array(plain.utf8)
            let at = try #require(plain.range(of: "\nk\(row),")).lowerBound.utf16Offset(in: plain) + 1
            bytes[at] = 0xFF
            let bad = try Self.loadError("bad.csv", bytes)
            #expect(bad.message.text.hasPrefix("the file is not UTF-8 text: byte 0xFF") && bad.line == row + 2 && bad.column == 1, "row \(row): \(bad)")
        }
    }

    @Test func theSummaryFitsATerminalBreakingAtBlanksUnderItsNote() {
        let lines = ["loaded items.csv: 3 records, 2 fields (name text, city text)",
                     "  note: items.city holds ids of cities: --ref items.city=cities makes it a reference"]
        #expect(LoadedData.fitted(lines, width: nil) == lines)
        let fitted = LoadedData.fitted(lines, width: 40)
        #expect(fitted == ["loaded items.csv: 3 records, 2 fields",
                           "  (name text, city text)",
                           "  note: items.city holds ids of cities:",
                           "        --ref items.city=cities makes",
                           "        it a reference"])
        #expect(fitted.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    // MARK: ids, references, provenance

    @Test func anIDColumnGivesTheIdsElseRecordsAreNumbered() throws {
        let loaded = try Self.load([("a.csv", "name,id\nx,k1\ny,k2\n"), ("b.csv", "name\nx\ny\n")])
        let a = try #require(loaded.dataset.collection(named: "a")), b = try #require(loaded.dataset.collection(named: "b"))
        #expect(a.ids == ["k1", "k2"] && a.fields.map(\.name) == ["id", "name"])
        #expect(b.ids == ["1", "2"])
    }

    @Test func aDeclaredReferenceMakesPathsWorkAndAMissingIdIsAnErrorAtItsLine() throws {
        let cities = "id,name,country\nbishkek,Bishkek,KG\nmoscow,Moscow,RU\n"
        let items = "name,city\nAna,Bishkek\nBo,moscow\n"
        var settings = DataFileSettings()
        settings.references = [try DataFileSettings.reference("items.city=cities").get()]
        let loaded = try Self.load([("items.csv", items), ("cities.csv", cities)], settings: settings)
        let result = try TestSupport.query("items where city.country = KG select name, city.name", in: loaded.dataset)
        #expect(result.rows.map { $0.map(ValueText.plain) } == [["Ana", "Bishkek"]])
        let items2 = "name,city\nAna,bishkek\nBo,paris\n"
        let paths = try Self.write([("items.csv", Array(items2.utf8)), ("cities.csv", Array(cities.utf8))])
        #expect {
            try DataFiles.load(paths, settings: settings)
        } throws: { error in
            let e = error as! DatasetLoader.LoadError
            return e.line == 3 && e.message.text == "field 'city' of items refers to 'paris', which is not an id in cities"
        }
    }

    @Test func theSummarySuggestsAReferenceWhereEveryValueIsAnId() throws {
        let loaded = try Self.load([("items.csv", "name,city,qty\nAna,bishkek,1\nBo,osh,2\n"),
                                    ("cities.csv", "id,name\nbishkek,Bishkek\nosh,Osh\nmoscow,Moscow\n"),
                                    ("numbered.csv", "x\na\nb\n")])
        let notes = loaded.summary.filter { $0.contains("--ref") }
        // Not qty: numbered records (1, 2…) have no ids of their own to point at.
        #expect(notes.count == 1)
        #expect(notes.first?.contains("items.city holds ids of cities: --ref items.city=cities makes it a reference") == true)
        var settings = DataFileSettings()
        settings.references = [try DataFileSettings.reference("items.qty=numbered").get()]
        #expect(throws: DatasetLoader.LoadError.self) {
            try Self.load([("items.csv", "qty\n1\n"), ("numbered.csv", "x\na\n")], settings: settings)
        }
    }

    @Test func filesOfOneNameGetCollectionsOfTheirOwn() throws {
        let loaded = try Self.load([("items.csv", "a\n1\n"), ("items.tsv", "b\n2\n")])
        #expect(loaded.dataset.collections.map(\.name) == ["items", "items_2"])
        #expect(loaded.summary.contains { $0.contains("is items_2: items is taken") })
    }

    // MARK: NDJSON and JSON arrays

    @Test func ndjsonFlattensObjectsReadsListsAndLeavesMissingKeysNull() throws {
        let text = """
        {"id": "a", "name": "Ana", "address": {"city": "Bishkek", "zip": "720000"}, "tags": ["x", "y"], "n": 1}
        {"id": "b", "name": "Bo", "tags": "z", "n": 2.5, "when": "2025-11-27", "code": "42"}

        """
        let loaded = try Self.load([("people.ndjson", text)])
        let c = try #require(loaded.dataset.collection(named: "people"))
        #expect(Self.kinds(c) == ["id text", "name text", "address_city text", "address_zip text", "tags list text", "n decimal", "when date", "code text"])
        #expect(try Self.column(c, "tags") == [.list([.text("x"), .text("y")]), .list([.text("z")])])
        #expect(try Self.column(c, "address_city") == [.text("Bishkek"), .null])
        // A JSON string is never read as a number.
        #expect(try Self.column(c, "code") == [.null, .text("42")])
        #expect(c.sources(of: 1).first?.hasSuffix("people.ndjson, line 2") == true)
    }

    @Test func badNDJSONIsAnErrorAtItsLine() throws {
        try Self.expectError("a.ndjson", "{\"a\": 1}\n⟨[1, 2]\n", "each line of an NDJSON file must be a JSON object, found a list")
        try Self.expectError("b.ndjson", "{\"a\": 1} ⟨{\"a\": 2}\n", "each line of an NDJSON file (one object, then the line's end) must be a JSON object, found an object")
        try Self.expectError("c.ndjson", "{\"a\": 1}\n{\"a\": ⟨}\n", "malformed JSON: expected a value, found '}'")
        try Self.expectError("d.ndjson", "{\"a\": [⟨{\"b\": 1}]}\n", "field 'a' holds a list of objects", help: "a file of their own")
        try Self.expectError("e.ndjson", "{\"a\": [1, ⟨[2]]}\n", "field 'a' holds a list inside a list")
        try Self.expectError("f.ndjson", "{\"a\": 1, ⟨\"a\": 2}\n", "key 'a' appears twice in the record")
    }

    @Test func aJSONArrayOfObjectsIsACollectionAndCstoqsOwnFormatStillLoads() throws {
        let loaded = try Self.load([("rows.json", "[\n {\"x\": 1, \"ok\": true},\n {\"x\": 2, \"ok\": false}\n]\n")])
        let c = try #require(loaded.dataset.collection(named: "rows"))
        #expect(Self.kinds(c) == ["id text", "x integer", "ok boolean"])
        #expect(c.sources(of: 1).first?.hasSuffix("rows.json, line 3") == true)
        try Self.expectError("bad.json", "[{\"x\": 1}, ⟨2]", "each element of the array must be a JSON object, found a number")
        let own = try String(contentsOf: TestSupport.file("Sources/CSTOQ/Data/summit.json"), encoding: .utf8)
        let summit = try Self.load([("summit.json", own), ("extra.csv", "a\n1\n")])
        #expect(summit.dataset.collections.first?.name == "members")
        #expect(summit.dataset.collections.last?.name == "extra")
        // The summit's references still point where they did.
        let r = try TestSupport.query("members where leader.name contains Putin select name", in: summit.dataset)
        #expect(r.rows.map { ValueText.plain($0[0]) } == ["Russia"] || r.rows.count == 1)
    }

    @Test func theKindOfFileIsToldByItsExtensionThenItsContent() throws {
        let lines = "{\"a\": 1}\n{\"a\": 2}\n"
        for (name, text) in [("log.jsonl", lines), ("log.json", lines), ("log", lines), ("rows.txt", "a;b\n1;2\n3;4\n"), ("list.data", "[{\"a\": 1}, {\"a\": 2}]")] {
            let loaded = try Self.load([(name, text)])
            let c = try #require(loaded.dataset.collections.first, "\(name)")
            #expect(c.count == 2 && c.fields[1].name == "a" && c.fields[1].type == .integer, "\(name): \(Self.kinds(c))")
        }
        #expect(DataFileKind.of(path: "x.json", start: Array("{\"cstoq\": 1".utf8)) == .cstoqDataset)
        #expect(DataFileKind.of(path: "x.tsv", start: Array("a,b".utf8)) == .csv(delimiter: 0x09))
    }

    // MARK: SQLite

    static func sqliteFile(_ sql: String, name: String = "shop.db") throws -> String {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent(name).path
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        let text = message.map { String(cString: $0) }
        sqlite3_free(message)
        #expect(rc == SQLITE_OK, "\(text ?? "")")
        return path
    }

    static let shop = """
    CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT);
    CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT, country TEXT REFERENCES countries(code), founded DATE, capital BOOLEAN, area REAL, data BLOB);
    CREATE TABLE visits (city INTEGER REFERENCES cities(id), note TEXT);
    INSERT INTO countries VALUES ('KG', 'Kyrgyzstan'), ('RU', 'Russia');
    INSERT INTO cities VALUES (1, 'Bishkek', 'KG', '1825-01-01', 1, 127.0, x'0A1B'), (2, 'Osh', 'kg', NULL, 0, 182, NULL), (5, 'Moscow', 'RU', '1147-04-04', 1, 2511.5, NULL);
    INSERT INTO visits VALUES (1, 'first'), (9, 'nowhere');
    """

    @Test func aSQLiteFileBringsATableEachWithKeysForeignKeysAndKinds() throws {
        let path = try Self.sqliteFile(Self.shop)
        let loaded = try DataFiles.load([path])
        let d = loaded.dataset
        #expect(d.collections.map(\.name) == ["countries", "cities", "visits"])
        let countries = try #require(d.collection(named: "countries"))
        #expect(countries.ids == ["KG", "RU"])
        #expect(Self.kinds(countries) == ["id text", "code text", "name text"])
        let cities = try #require(d.collection(named: "cities"))
        #expect(cities.ids == ["1", "2", "5"])
        #expect(Self.kinds(cities) == ["id text", "name text", "country ref countries", "founded date", "capital boolean", "area decimal", "data text"])
        #expect(try Self.column(cities, "data") == [.text("0A1B"), .null, .null])
        #expect(cities.sources(of: 2) == ["\(path), table cities, rowid 5"])
        // The foreign key is followed like any reference ('kg' finds KG as = does).
        let r = try TestSupport.query("cities where country.name = Kyrgyzstan select name", in: d)
        #expect(r.rows.map { ValueText.plain($0[0]) } == ["Bishkek", "Osh"])
        // A foreign key with a value that is no id stays a plain field, and the summary says why.
        let visits = try #require(d.collection(named: "visits"))
        #expect(Self.kinds(visits) == ["id text", "city integer", "note text"])
        #expect(loaded.summary.contains { $0.contains("visits: city is not a reference to cities: 9 (\(path), table visits, rowid 2) is no id there") })
    }

    @Test func anEmptyTextIsNullInASQLiteColumnNotDeclaredText() throws {
        let path = try Self.sqliteFile("CREATE TABLE m (x REAL, d DATE, t TEXT); INSERT INTO m VALUES (1.5, '2025-11-27', ''), ('', '', 'a');")
        let m = try #require(try DataFiles.load([path]).dataset.collection(named: "m"))
        #expect(Self.kinds(m) == ["id text", "x decimal", "d date", "t text"])
        #expect(try Self.column(m, "x") == [.decimal(1.5), .null])
        #expect(try Self.column(m, "t") == [.text(""), .text("a")])
    }

    @Test func aSQLiteFileIsKnownByItsMagicBytesWhateverItsName() throws {
        let path = try Self.sqliteFile("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);", name: "backup.bin")
        let loaded = try DataFiles.load([path])
        #expect(loaded.dataset.collections.map(\.name) == ["t"])
        let empty = try Self.sqliteFile("CREATE VIEW v AS SELECT 1;", name: "views.db")
        #expect(throws: DatasetLoader.LoadError.self) { try DataFiles.load([empty]) }
    }

    /// The lesson's SQLite file is what the script beside it makes.
    @Test func theSampleLibraryIsWhatItsScriptMakes() throws {
        let shipped = try DataFiles.load([TestSupport.file("Samples/data/library.db").path]).dataset
        let script = try String(contentsOf: TestSupport.file("Samples/data/library.sql"), encoding: .utf8)
        let made = try DataFiles.load([try Self.sqliteFile(script, name: "library.db")]).dataset
        #expect(shipped.collections.map(\.name) == made.collections.map(\.name))
        for (a, b) in zip(shipped.collections, made.collections) {
            #expect(a.fields == b.fields && a.ids == b.ids, "\(a.name)")
            for f in a.fields.indices {
                #expect((0..<a.count).map { a.columns[f][$0] } == (0..<b.count).map { b.columns[f][$0] }, "\(a.name).\(a.fields[f].name)")
            }
        }
    }

    // MARK: everything else works on loaded files

    @Test func completionTheEmptyResultHintExplainWhyNotAndSQLWorkOnACSV() throws {
        let loaded = try Self.load([("items.csv", "id,name,status,score\na,Pen,active,3\nb,Ink,retired,5\nc,Cup,active,\n")])
        let d = loaded.dataset
        let completer = Completer(dataset: d)
        #expect(completer.complete("items where st").candidates.contains("status"))
        #expect(completer.complete("items where status = ").candidates.contains("active"))
        let (_, hint, _) = TestSupport.session("items where status = activ", dataset: d)
        #expect(hint.contains("did you mean 'active'?"))
        let (explained, _, _) = TestSupport.session("explain items where score > 2", dataset: d)
        #expect(explained.contains("score"))
        let (whyNot, _, _) = TestSupport.session(".whynot c items where score > 2", dataset: d)
        #expect(whyNot.contains("score"))
        let (sql, _, _) = TestSupport.session("explain sql items where score > 2", dataset: d)
        #expect(sql.contains("SELECT"))
        #expect(SQLExporter(dataset: d).script(for: .sqlite).contains("CREATE TABLE \"items\""))
    }
}
