import Testing
@testable import CSTOQ

/// Every generated query answered by cstoq and by SQLite, on the dataset as
/// `--export sql` writes it, through the SQL `explain sql` writes: once with
/// the values bound as parameters, once with them written in the SQL.
@Suite struct SQLiteDifferentialTests {
    @Test func sqliteGivesCstoqsRowsInCstoqsOrder() throws {
        try check(Differential.dataset, queries: Differential.count(default: 6_000), atLeast: 5_000)
    }

    /// The summit's own data too: real text, the article's no-break spaces, its references.
    @Test func onTheSummitDataToo() throws {
        try check(BuiltinDataset.load(), queries: 1_000, atLeast: 900)
    }

    /// Data loaded from files (lesson 15's CSV and SQLite file, linked by a
    /// declared reference): inferred kinds, numbered and keyed ids, foreign keys.
    @Test func onDataLoadedFromCSVAndSQLiteFiles() throws {
        let samples = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")) + "/Samples/data/"
        var settings = DataFileSettings()
        settings.references = [try DataFileSettings.reference("loans.student=students").get()]
        let loaded = try DataFiles.load([samples + "students.csv", samples + "library.db"], settings: settings)
        try check(loaded.dataset, queries: 1_000, atLeast: 800)
    }

    func check(_ dataset: Dataset, queries n: Int, atLeast minimum: Int) throws {
        let (cases, refused, untranslatable) = Differential.cases(n, on: dataset)
        let db = try SQLiteDatabase(script: SQLExporter(dataset: dataset).script(for: .sqlite))
        let translator = SQLTranslator(dataset: dataset)
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
        print("differential, SQLite \(db.version), \(dataset.title): \(cases.count) queries checked, \(failures) disagreements; \(refused.count) refused by the checker, \(untranslatable.count) without SQL form")
        // The generator writes valid queries: almost all must reach both engines.
        #expect(cases.count >= min(minimum, n), "only \(cases.count) queries checked; refused e.g. \(refused.prefix(5).map { "\($0.0): \($0.1.text)" })")
        #expect(untranslatable.count * 50 < n, "too many without SQL form: \(untranslatable.prefix(5).map { "\($0.0): \($0.1.text)" })")
    }
}
