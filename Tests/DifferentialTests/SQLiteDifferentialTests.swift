import Testing
@testable import CSTOQ

/// Every generated query answered by cstoq and by SQLite, on the dataset as
/// `--export sql` writes it, through the SQL `explain sql` writes: once with
/// the values bound as parameters, once with them written in the SQL.
@Suite struct SQLiteDifferentialTests {
    @Test func sqliteGivesCstoqsRowsInCstoqsOrder() throws {
        let n = Differential.count(default: 6_000)
        let (cases, refused, untranslatable) = Differential.cases(n)
        let db = try SQLiteDatabase(script: SQLExporter(dataset: Differential.dataset).script(for: .sqlite))
        let translator = SQLTranslator(dataset: Differential.dataset)
        var failures = 0
        for c in cases {
            for binding in [true, false] {
                let statement = try translator.statement(c.query, for: .sqlite, bindingValues: binding)
                let got: Answer
                do {
                    got = try db.rows(statement, shapes: shapes(of: c.answer, columns: c.columns))
                } catch {
                    Issue.record("SQLite refuses the SQL of \(c.text) (seed \(c.seed.map(String.init) ?? "-")): \(error)\n\(statement.text)")
                    failures += 1
                    break
                }
                if !agree(c.answer, got) {
                    Issue.record(Comment(rawValue: Differential.report(c, engine: "SQLite \(db.version)" + (binding ? " (bound values)" : ""), sql: statement.text, got: got)))
                    failures += 1
                    break
                }
            }
            if failures >= 20 { Issue.record("stopped after 20 disagreements"); break }
        }
        print("differential, SQLite \(db.version): \(cases.count) queries checked (\(n) generated, \(Regressions.queries.count) regressions), \(failures) disagreements; \(refused.count) refused by the checker, \(untranslatable.count) without SQL form")
        // The generator writes valid queries: almost all must reach both engines.
        #expect(cases.count >= 5_000, "only \(cases.count) queries checked; refused e.g. \(refused.prefix(5).map { "\($0.0): \($0.1.text)" })")
        #expect(untranslatable.count * 50 < n, "too many without SQL form: \(untranslatable.prefix(5).map { "\($0.0): \($0.1.text)" })")
    }
}
