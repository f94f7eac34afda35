import Testing
@testable import CSTOQ

/// Answers about the article, query by query (the first column of each result).
@Suite struct EvaluatorTests {
    @Test(arguments: [
        ("members where status = active select name order by name", ["Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"]),
        ("members where status = active and attended = true select name, leader.name order by name desc limit 3", ["Tajikistan", "Russia", "Kyrgyzstan"]),
        ("members where name_it = KIRGHIZISTAN select name", ["Kyrgyzstan"]),
        ("members where NAME_IT = 'kirghizistan' select name", ["Kyrgyzstan"]),
        ("people where country.status = frozen or role = secretary_general select name", ["Taalabek Masadykov"]),
        ("people where name like \"*ov\" select name order by name", ["Imangali Tasmagambetov", "Sadyr Japarov", "Taalabek Masadykov"]),
        ("people where name like \"?adyr*\" select name", ["Sadyr Japarov"]),
        ("members where leader is null select name", ["Armenia"]),
        ("members where leader is not null and not attended select name", []),
        ("members where not (status = active) select name", ["Armenia"]),
        ("members where status != active select name", ["Armenia"]),
        ("members where name in (Russia, belarus, Narnia) select name order by name", ["Belarus", "Russia"]),
        ("members where name not in (Russia, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan) select name", ["Armenia"]),
        ("members where attended select name order by name limit 1", ["Belarus"]),
        ("members select name order by name limit 2 offset 1", ["Belarus", "Kazakhstan"]),
        ("members select name order by name offset 5", ["Tajikistan"]),
        ("members where leader = \"Vladimir Putin\" select name", ["Russia"]),
        ("members where leader = vladimir-putin select name", ["Russia"]),
        ("events where date >= 2026-01-01 select city", ["Moscow"]),
        ("events where date < 2026-01-01 select distinct city", ["Bishkek"]),
        ("events where date = \"2026-11-11\" select city", ["Moscow"]),
        ("documents where title contains \"BUDGET\" select kind", ["decision"]),
        ("initiatives group by by.name order by by.name", ["Emomali Rahmon", "Vladimir Putin"]),
        ("documents select distinct kind order by kind", ["decision", "declaration", "package", "plan", "program", "strategy"]),
        ("statements where speaker.country.presidency = current select distinct speaker.name", ["Sadyr Japarov"]),
        ("members where presidency is not null select name, presidency order by presidency", ["Kyrgyzstan", "Russia"]),
        ("members select max(name), min(name)", ["Tajikistan"]),
        ("events select min(date) as first", ["2025-11-27"]),
    ])
    func answers(_ c: (String, [String])) throws {
        #expect(try TestSupport.firstColumn(c.0) == c.1, "\(c.0)")
    }

    @Test func countIsOneRowWithTheColumnCount() throws {
        let r = try TestSupport.query("count members where status = active")
        #expect(r.columns == ["count"])
        #expect(r.rows == [[.integer(5)]])
    }

    @Test func groupByWithoutSelectShowsGroupsAndCount() throws {
        let r = try TestSupport.query("initiatives group by by.name order by count desc")
        #expect(r.columns == ["by.name", "count"])
        #expect(r.rows == [[.text("Vladimir Putin"), .integer(7)], [.text("Emomali Rahmon"), .integer(5)]])
        #expect(r.isGrouped)
    }

    @Test func aggregatesPerGroupWithAliases() throws {
        let r = try TestSupport.query("statements group by speaker.name select speaker.name as who, count() as n order by n desc, who")
        #expect(r.columns == ["who", "n"])
        #expect(r.rows.first == [.text("Vladimir Putin"), .integer(9)])
        #expect(r.rows.map { $0[1] }.reduce(0) { if case let .integer(n) = $1 { $0 + n } else { $0 } } == 22)
    }

    @Test func aReferenceSelectedAloneShowsItsName() throws {
        let r = try TestSupport.query("members where name = Russia select leader")
        #expect(r.rows == [[.text("Vladimir Putin")]])
        let d = try TestSupport.query("documents where title contains budget select event")
        #expect(d.rows.count == 1)
        #expect(d.rows[0][0] != .null)
    }

    @Test func aPathThroughNullIsNull() throws {
        let r = try TestSupport.query("members where name = Armenia select leader.name, leader.country.status")
        #expect(r.rows == [[.null, .null]])
    }

    @Test func nullMatchesNeitherAConditionNorItsNegation() throws {
        let yes = try TestSupport.query("members where presidency = current").rows.count
        let no = try TestSupport.query("members where not presidency = current").rows.count
        #expect(yes == 1)
        #expect(no == 1)  // Russia: 'next'; the four nulls match neither
    }

    @Test func listsOfReferencesFollowAndMatchAnyElement() throws {
        let r = try TestSupport.query("events where participants.name contains Putin select name")
        #expect(r.rows.count >= 1)
    }

    @Test func sumAndAvgOnNumbers() throws {
        let d = try DatasetLoader.load(text: """
        {"cstoq": 1, "title": "n", "collections": {"x": {"fields": {"g": "text", "v": "integer", "w": "decimal"}, "records": [
          {"id": "a", "g": "p", "v": 1, "w": 0.5}, {"id": "b", "g": "p", "v": 2, "w": 1.5}, {"id": "c", "g": "q", "v": 10, "w": null}]}}}
        """, name: "n.json")
        let r = try TestSupport.query("x group by g select g, sum(v), avg(v), sum(w), count(w) order by g", in: d)
        #expect(r.rows == [[.text("p"), .integer(3), .decimal(1.5), .decimal(2.0), .integer(2)],
                           [.text("q"), .integer(10), .decimal(10), .null, .integer(0)]])
        let top = try TestSupport.query("x select id order by v desc limit 1", in: d)
        #expect(top.rows == [[.text("c")]])
    }

    @Test func topKGivesTheSameRowsAsAFullSort() throws {
        // 1,000 records; limit 5 takes the one-pass top-k path, limit 900 the full sort.
        var records: [String] = []
        for i in 0..<1000 { records.append("{\"id\": \"r\(i)\", \"v\": \((i * 7919) % 1000), \"t\": \"t\(i % 13)\"}") }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"k\", \"collections\": {\"r\": {\"fields\": {\"v\": \"integer\", \"t\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "k")
        let small = try TestSupport.query("r select id order by t desc, v limit 5", in: d).rows
        let full = try TestSupport.query("r select id order by t desc, v limit 900", in: d).rows
        #expect(small == Array(full.prefix(5)))
        #expect(small.count == 5)
    }

    @Test(arguments: ["v", "v desc", "d", "d desc", "t", "t desc"])
    func topKOnOneKeyAgreesWithTheFullSort(_ key: String) throws {
        // Many ties and some nulls, so order among equal keys and nulls-last are checked too.
        var records: [String] = []
        for i in 0..<2000 {
            let v = i % 7 == 0 ? "null" : String((i * 7919) % 50)
            let d = i % 11 == 0 ? "null" : "\"2025-01-\(String(format: "%02d", 1 + (i * 31) % 28))\""
            records.append("{\"id\": \"r\(i)\", \"v\": \(v), \"d\": \(d), \"t\": \"t\(i % 17)\"}")
        }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"k\", \"collections\": {\"r\": {\"fields\": {\"v\": \"integer\", \"d\": \"date\", \"t\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "k")
        let top = try TestSupport.query("r select id order by \(key) limit 25", in: d).rows
        let all = try TestSupport.query("r select id order by \(key) limit 1900", in: d).rows
        #expect(top.count == 25)
        #expect(top == Array(all.prefix(25)), "order by \(key)")
    }

    @Test func groupsAreRightOnAColumnStoredWithoutInterning() throws {
        // 3,000 distinct values over 6,000 rows: past the sampling rows the
        // column stops interning, so equal texts get different codes.
        var records: [String] = []
        for i in 0..<6000 { records.append("{\"id\": \"r\(i)\", \"t\": \"v\(i % 3000)\", \"s\": \"\(i % 2 == 0 ? "even" : "odd")\"}") }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"g\", \"collections\": {\"r\": {\"fields\": {\"t\": \"text\", \"s\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}", name: "g")
        #expect(d.collections[0].columns[1].dictionaryIsDistinct == false)
        let groups = try TestSupport.query("r group by t", in: d)
        #expect(groups.rows.count == 3000)
        #expect(groups.rows.allSatisfy { $0[1] == .integer(2) })
        #expect(try TestSupport.query("count r where t = v2999", in: d).rows == [[.integer(2)]])
        #expect(try TestSupport.query("r group by s select s, count() order by s", in: d).rows == [[.text("even"), .integer(3000)], [.text("odd"), .integer(3000)]])
        #expect(try TestSupport.query("r select t order by t desc limit 3", in: d).rows == [[.text("v999")], [.text("v999")], [.text("v998")]])
    }

    /// `in` is a set: 10,000 values against 10,000 rows, on text, numbers
    /// and a reference named by id or label (correctness only, not timed).
    @Test func inWithTenThousandValuesAgainstTenThousandRows() throws {
        let n = 10_000
        var people: [String] = [], records: [String] = []
        for i in 0..<n {
            people.append("{\"id\": \"p\(i)\", \"name\": \"Person \(i)\"}")
            records.append("{\"id\": \"r\(i)\", \"t\": \"Name \(i)\", \"k\": \(i), \"who\": \"p\(i)\"}")
        }
        let d = try DatasetLoader.load(text: """
            {"cstoq": 1, "title": "in", "collections": {
              "people": {"fields": {"name": "text"}, "records": [\(people.joined(separator: ","))]},
              "r": {"fields": {"t": "text", "k": "integer", "who": "ref people"}, "records": [\(records.joined(separator: ","))]}}}
            """, name: "in")
        // Every even row, named in another case (or, for numbers, as a whole decimal), and as many values that match nothing.
        let texts = (0..<n).map { $0 % 2 == 0 ? "\"NAME \($0)\"" : "\"nobody \($0)\"" }
        let numbers = (0..<n).map { $0 % 2 == 0 ? "\($0).0" : "\(n + $0)" }
        // A reference by its record's id for a third of the even rows, by its label for the rest.
        let names = (0..<n).map { $0 % 2 == 1 ? "\"nobody \($0)\"" : ($0 % 3 == 0 ? "P\($0)" : "\"person \($0)\"") }
        let even = (0..<n).filter { $0 % 2 == 0 }.map { [Value.text("r\($0)")] }
        for (field, values) in [("t", texts), ("k", numbers), ("who", names)] {
            let list = values.joined(separator: ", ")
            #expect(try TestSupport.query("r where \(field) in (\(list)) select id", in: d).rows == even, "\(field) in")
            #expect(try TestSupport.query("count r where \(field) not in (\(list))", in: d).rows == [[.integer(n / 2)]], "\(field) not in")
        }
    }

    @Test func cancellationStopsAQuery() throws {
        var records: [String] = []
        for i in 0..<20_000 { records.append("{\"id\": \"r\(i)\"}") }
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"c\", \"collections\": {\"r\": {\"fields\": {}, \"records\": [\(records.joined(separator: ","))]}}}", name: "c")
        guard case let .success(s) = Parser.parseAll("r where id like \"*x*\""), case let .query(q) = s[0] else { Issue.record("parse"); return }
        let checked = try Checker(dataset: d).check(q)
        #expect(throws: Diagnostic(.cancelled)) { try Evaluator(dataset: d, isCancelled: { true }).run(checked) }
    }

    @Test func traceCountsRowsAfterEachClause() throws {
        guard case let .success(s) = Parser.parseAll("members where status = active order by name limit 3"), case let .query(q) = s[0] else { Issue.record("parse"); return }
        var steps: [Evaluator.Step] = []
        let checked = try Checker(dataset: TestSupport.dataset).check(q)
        _ = try Evaluator(dataset: TestSupport.dataset).run(checked, steps: &steps)
        #expect(steps == [.init(.scan, rows: 6), .init(.filter, rows: 5), .init(.order, rows: 5), .init(.limit, rows: 3)])
        let clauses = Explainer(dataset: TestSupport.dataset).clauses(steps, of: checked)
        #expect(clauses.map(\.clause) == ["members", "where status = active", "order by name", "limit 3"])
        #expect(clauses.map(\.rows) == [6, 5, 5, 3])
    }

    /// Found by the differential test: an integer column compared with a
    /// decimal counted its null rows by their placeholder.
    @Test func anIntegerColumnComparedWithADecimalLeavesItsNullsOut() throws {
        let d = try DatasetLoader.load(text: "{\"cstoq\": 1, \"title\": \"n\", \"collections\": {\"r\": {\"fields\": {\"n\": \"integer\"}, \"records\": [{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": null}, {\"id\": \"c\", \"n\": 5}]}}}", name: "n")
        #expect(try TestSupport.query("count r where n < 1.5", in: d).rows == [[.integer(1)]])
        #expect(try TestSupport.query("count r where n <> -1.25", in: d).rows == [[.integer(2)]])
        #expect(try TestSupport.query("count r where not n < 1.5", in: d).rows == [[.integer(1)]])
    }
}
