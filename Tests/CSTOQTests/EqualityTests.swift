import Testing
@testable import CSTOQ

/// One meaning of "equal": group by, distinct, sorting and min/max agree with `=`.
@Suite struct EqualityTests {
    /// Mixed case, both compositions of é, and a no-break space, as spellings of three values.
    static let dataset: Dataset = {
        let statuses = ["Active", "active", "ACTIVE", "active", "caf\u{E9}", "cafe\u{301}", "new\u{A0}york", "New York"]
        let records = statuses.enumerated().map { i, s in
            "{\"id\": \"r\(i)\", \"status\": \(JSONRenderer.string(s)), \"source\": [\"s\"]}"
        }
        return try! DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"mixed\", \"collections\": {\"items\": {\"fields\": {\"status\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "mixed")
    }()

    func rows(_ q: String) throws -> [[String]] {
        try TestSupport.query(q, in: EqualityTests.dataset).rows.map { $0.map(ValueText.plain) }
    }

    @Test func theThreeStatementsAgree() throws {
        #expect(try rows("items group by status") == [["active", "4"], ["caf\u{E9}", "2"], ["new\u{A0}york", "2"]])
        #expect(try rows("count items where status = active") == [["4"]])
        #expect(try rows("items select distinct status").count == 3)
    }

    @Test func aMergedGroupShowsItsMostFrequentSpellingTiesToTheFirstSeen() throws {
        let r = try TestSupport.query("items group by status", in: EqualityTests.dataset)
        // "active" twice beats Active and ACTIVE; é and e+U+0301 once each: the first seen.
        #expect(r.rows.map { $0[0] } == [.text("active"), .text("caf\u{E9}"), .text("new\u{A0}york")])
        let s = try TestSupport.query("items select distinct status", in: EqualityTests.dataset)
        #expect(s.rows.map { $0[0] } == [.text("active"), .text("caf\u{E9}"), .text("new\u{A0}york")])
    }

    @Test func equalValuesSortAsTiesInDataOrderAndMinIsTheFirstSeen() throws {
        #expect(try TestSupport.query("items select id order by status", in: EqualityTests.dataset).rows.map { ValueText.plain($0[0]) }
                == ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"])
        #expect(try rows("items select min(status)") == [["Active"]])
    }

    @Test func aCombiningMarkAfterALetterSortsAsTheComposedLetter() {
        // A + U+0308 is Ä: after B, like Ä itself, though its first byte is an ASCII A.
        #expect(ValueComparison.compareText("A\u{308}rger", "Beta") == 1)
        #expect(ValueComparison.compareText("Beta", "a\u{308}rger") == -1)
        #expect(ValueComparison.compareText("A\u{308}rger", "\u{C4}RGER") == 0)
        #expect(ValueComparison.compareText("Abc", "abd") == -1)
    }

    @Test func foldIsNFC() {
        #expect(Array(ValueComparison.fold("CAFE\u{301}").utf8) == Array("caf\u{E9}".utf8))
        #expect(ValueComparison.fold("A\u{A0}B") == "a b")
    }

    @Test func machineFormatsCarryExactDecimals() {
        let r = ResultSet(columns: ["avg"], rows: [[.decimal(1301666.6666666667)], [.decimal(1e-5)]])
        #expect(JSONRenderer().render(r).contains("1301666.6666666667"))
        #expect(CSVRenderer().render(r).contains("1e-05"))
    }

    // MARK: Listing values: completion and the 0-rows "did you mean"

    /// Active three ways (active the most), café in NFC and in NFD.
    static let spellings: Dataset = {
        let statuses = ["Active", "active", "ACTIVE", "active", "caf\u{E9}", "cafe\u{301}"]
        let records = statuses.enumerated().map { i, s in "{\"id\": \"r\(i)\", \"status\": \(JSONRenderer.string(s))}" }
        return try! DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"spellings\", \"collections\": {\"items\": {\"fields\": {\"status\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "spellings")
    }()

    @Test func completionOffersEqualValuesOnceInTheirMostFrequentSpelling() {
        let completer = Completer(dataset: EqualityTests.spellings)
        #expect(completer.complete("items where status = a").candidates == ["active"])
        let all = completer.complete("items where status = ").candidates
        #expect(all.map { Array($0.utf8) } == [Array("active".utf8), Array("caf\u{E9}".utf8)])
    }

    @Test func completionThroughRowsMergesAlike() throws {
        // A list field takes the row-by-row path, not the dictionary's.
        let tags = ["[\"Active\", \"active\"]", "[\"ACTIVE\", \"active\"]", "[\"cafe\\u0301\", \"caf\\u00e9\"]"]
        let records = tags.enumerated().map { i, t in "{\"id\": \"r\(i)\", \"tags\": \(t)}" }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"t\", \"collections\": {\"items\": {\"fields\": {\"tags\": \"list text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "t")
        let all = Completer(dataset: d).complete("items where tags = ").candidates
        #expect(all.map { Array($0.utf8) } == [Array("active".utf8), Array("cafe\u{301}".utf8)])
    }

    @Test func theEmptyResultAdvisorSuggestsTheMostFrequentSpellingOnce() throws {
        func advice(_ q: String) throws -> String? {
            guard case let .success(statements) = Parser.parseAll(q), case let .query(query) = statements.first else {
                Issue.record("\(q) does not parse")
                return nil
            }
            return EmptyResultAdvisor(dataset: EqualityTests.spellings, checker: Checker(dataset: EqualityTests.spellings)).advice(for: query)
        }
        #expect(try advice("items where status = activ") == "0 rows — no item has status 'activ'; did you mean 'active'?")
        // A value that is there under '=' gets no advice, however it is spelt.
        #expect(try advice("items where status = \"CAFE\u{301}\"") == nil)
    }
}

/// Decimals for people round, but never into a value that looks exact.
@Suite struct DecimalTextTests {
    @Test func tablesRoundToFourPlacesButNeverToAMisleadingWholeNumber() {
        let cases: [(Double, String)] = [(1e-5, "1e-05"), (1e-10, "1e-10"), (3e-308, "3e-308"), (-3e-7, "-3e-07"),
                                         (123456789.123456789, "123456789.1235"), (2.00001, "2.0000"), (-0.99999, "-1.0000"),
                                         (0.5, "0.5"), (3.0, "3.0"), (1301666.6666666667, "1301666.6667"), (0.0001, "0.0001")]
        for (d, text) in cases { #expect(ValueText.decimal(d) == text, "\(d)") }
        // Completion inserts the number exactly, as a query writes it.
        for (d, text) in [(1e-5, "0.00001"), (-12.714285714285714, "-12.714285714285714"), (1.5e20, "150000000000000000000.0"),
                          (-3.25e-7, "-0.000000325"), (2.0, "2.0"), (123456789.123456789, "123456789.12345679")] {
            #expect(ValueText.decimalLiteral(d) == text)
            #expect(Double(text) == d)
        }
        let table = TableRenderer(options: RenderOptions(format: .table)).render(ResultSet(columns: ["d"], rows: [[.decimal(1e-5)]]))
        #expect(table.contains("1e-05") && !table.contains("0.0"))
    }
}
