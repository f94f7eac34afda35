import Testing
@testable import CSTOQ

/// The SQL that `explain sql` prints, by the rule it spells out. (The rows it
/// gives are checked against SQLite and PostgreSQL by the differential tests.)
@Suite struct SQLTranslatorTests {
    func sql(_ text: String, _ dialect: SQLDialect = .sqlite) throws -> String {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q) = statements.first else {
            throw TestFailure("does not parse as a query: \(text)")
        }
        return try SQLTranslator(dataset: TestSupport.dataset).translate(try Checker(dataset: TestSupport.dataset).check(q), for: dialect)
    }

    @Test func theTourQueryReadsAsSQL() throws {
        #expect(try sql("members where status = active select name, leader.name order by name") == """
            SELECT t0."name" AS "name",
                   t1."name" AS "leader.name"
            FROM "members" AS t0
              LEFT JOIN "people" AS t1 ON t1."id" = t0."leader"
            WHERE t0."status_fold" = 'active'
            ORDER BY t0."name_fold" NULLS LAST, t0."_row"
            """)
    }

    @Test func textIsComparedByItsFoldKeyAndOrderedByBytesOnPostgres() throws {
        let s = try sql("members where name >= \"KAZ\u{A0}A\" order by name desc", .postgres)
        #expect(s.contains(#"t0."name_fold" COLLATE "C" >= 'kaz a'"#))
        #expect(s.contains(#"ORDER BY t0."name_fold" COLLATE "C" DESC NULLS LAST, t0."_row""#))
    }

    @Test func aListIsTestedElementByElement() throws {
        let s = try sql("events where participants.name = putin select name")
        #expect(s.contains("CASE WHEN t0.\"participants\" IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM \"events_participants\" AS e1"))
        let negated = try sql("events where participants.name != putin select name")
        #expect(negated.contains("ELSE NOT EXISTS (SELECT 1 FROM \"events_participants\""))
    }

    @Test func aReferenceComparedWithTextMatchesIdOrLabel() throws {
        let s = try sql("members where leader = \"Vladimir Putin\" select name")
        #expect(s.contains(#"(t1."id_fold" = 'vladimir putin' OR COALESCE(t1."name_fold", t1."id_fold") = 'vladimir putin')"#))
    }

    @Test func groupsShowTheirMostFrequentSpellingInFirstSeenOrder() throws {
        let s = try sql("documents group by kind")
        #expect(s.hasPrefix("WITH \"r\" AS ("))
        #expect(s.contains("GROUP BY r2.c3 ORDER BY count(*) DESC, min(r2.c1) LIMIT 1"))
        #expect(s.hasSuffix("GROUP BY r.c2\nORDER BY min(r.c1)"))
    }

    @Test func offsetWithoutLimitDiffersByEngine() throws {
        #expect(try sql("members select name offset 2").hasSuffix("LIMIT -1 OFFSET 2"))
        #expect(try sql("members select name offset 2", .postgres).hasSuffix("\nOFFSET 2"))
    }

    @Test func valuesCanTravelAsParameters() throws {
        guard case let .success(statements) = Parser.parseAll("members where name = \"O'Brien\" or status in (a, b)"),
              case let .query(q) = statements.first else { throw TestFailure("parse") }
        let checked = try Checker(dataset: TestSupport.dataset).check(q)
        let s = try SQLTranslator(dataset: TestSupport.dataset).statement(checked, for: .postgres, bindingValues: true)
        #expect(!s.text.contains("brien"))
        #expect(s.text.contains("$1") && s.text.contains("$3"))
        #expect(s.parameters == [.text("o'brien"), .text("a"), .text("b")])
    }

    @Test func aQuoteWithACombiningMarkIsStillDoubled() {
        #expect(SQLDialect.string("a'\u{301}b") == "'a''\u{301}b'")
    }

    @Test func likeWildcardsAreSpelledForSQL() {
        #expect(SQLLowering.likePattern("*50%_a?") == "%50\\%\\_a_")
    }

    @Test func orderingByAListSaysSoWithACaret() throws {
        let r = TestSupport.session("explain sql events select name order by participants")
        #expect(!r.ok)
        #expect(r.err.contains("error: no SQL form for ordering by a list (participants) yet"))
    }

    @Test func explainSQLNamesItsDialectOnlyBeforeAQuery() throws {
        guard case let .success(s) = Parser.parseAll("explain sql postgres members"),
              case let .explain(q, mode, _) = s.first else { throw TestFailure("parse") }
        #expect(mode == .sql(.postgres) && q.collection.text == "members")
        guard case let .success(t) = Parser.parseAll("explain sql postgres"),
              case let .explain(q2, mode2, _) = t.first else { throw TestFailure("parse") }
        #expect(mode2 == .sql(.sqlite) && q2.collection.text == "postgres")
    }

    @Test func theExportHasTablesSideTablesAndRows() {
        let script = SQLExporter(dataset: TestSupport.dataset).script(for: .postgres)
        #expect(script.hasPrefix("-- "))
        #expect(script.contains("CREATE TABLE \"events_participants\" ("))
        #expect(script.contains("ALTER TABLE \"members\" ADD FOREIGN KEY (\"leader\") REFERENCES \"people\"(\"id\");"))
        #expect(script.contains("\"attended\" BOOLEAN"))
        #expect(script.hasSuffix("COMMIT;\n"))
        let sqlite = SQLExporter(dataset: TestSupport.dataset).script(for: .sqlite)
        #expect(sqlite.contains("\"leader\" TEXT REFERENCES \"people\"(\"id\")"))
        #expect(!sqlite.contains("ALTER TABLE"))
    }

    @Test func exportWritesAFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("summit.sql").path
        let r = TestSupport.session(".export sql postgres \(path)")
        #expect(r.ok, "\(r.err)")
        #expect(r.out.contains("SQL for postgres"))
        let r2 = TestSupport.session(".export csv x")
        #expect(!r2.ok && r2.err.contains("usage: .export sql"))
    }
}
