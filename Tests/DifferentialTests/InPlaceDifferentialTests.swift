import CSQLite
import Foundation
import Testing
@testable import CSTOQ

/// The generated queries once more, on a SQLite file queried in place: the
/// dataset exported to a file, the file opened by `SQLiteInPlace`, its schema
/// read from SQLite's catalog (not from the dataset), each query checked
/// against that schema and answered by SQLite through `LiveQuery`, exactly
/// as `cstoq --data FILE.db --in-place` does, and the rows compared with
/// what cstoq computes in memory.
@Suite struct InPlaceDifferentialTests {
    /// A SQLite file holding `script`, in a temporary folder.
    static func file(_ script: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-inplace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("data.db").path
        var db: OpaquePointer?
        try #require(sqlite3_open(path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, script, nil, nil, &message)
        try #require(rc == SQLITE_OK, "the export does not load: \(message.map { String(cString: $0) } ?? "?")")
        return path
    }

    @Test func theSchemaReadFromTheCatalogIsTheDatasets() throws {
        for dataset in [Differential.dataset, BuiltinDataset.load()] {
            let path = try Self.file(SQLExporter(dataset: dataset).script(for: .sqlite))
            let db = try SQLiteInPlace(path: path, name: "data.db")
            let schema = LiveCatalog.schema(try db.catalog(), dialect: .sqlite, title: dataset.title)
            #expect(schema.dataset.collections.map(\.name) == dataset.collections.map(\.name))
            for (live, loaded) in zip(schema.dataset.collections, dataset.collections) {
                // A closed vocabulary is not carried into SQL: the catalog knows none.
                #expect(live.fields == loaded.fields.map { Field(name: $0.name, type: $0.type) }, "\(loaded.name): \(live.fields.map { "\($0.name) \($0.type)" }) against \(loaded.fields.map { "\($0.name) \($0.type)" })")
            }
        }
    }

    @Test func aFileInPlaceGivesCstoqsRowsInCstoqsOrder() throws {
        try check(Differential.dataset, queries: Differential.count(default: 3_000), atLeast: 2_500)
    }

    @Test func onTheSummitDataToo() throws {
        try check(BuiltinDataset.load(), queries: 600, atLeast: 500)
    }

    /// A file cstoq did not write: no `_fold` keys (SQLite computes them with
    /// `cstoq_fold`), no `_row` (the rowid orders the records).
    @Test func aFileWithoutCstoqsKeysToo() throws {
        try check(Differential.dataset, queries: Differential.count(default: 1_500), atLeast: 1_200, foreign: true)
        try check(BuiltinDataset.load(), queries: 400, atLeast: 300, foreign: true)
    }

    /// The export with every `X_fold` and `_row` column dropped.
    static func withoutKeys(_ dataset: Dataset) -> String {
        var script = SQLExporter(dataset: dataset).script(for: .sqlite)
        script += "BEGIN;\n"
        for c in dataset.collections {
            let q = SQLDialect.identifier
            for f in c.fields {
                if f.type == .text || f.name == "id" { script += "ALTER TABLE \(q(c.name)) DROP COLUMN \(q(f.name + "_fold"));\n" }
                if case .list(let e) = f.type, e == .text { script += "ALTER TABLE \(q(c.name + "_" + f.name)) DROP COLUMN \"value_fold\";\n" }
            }
            script += "ALTER TABLE \(q(c.name)) DROP COLUMN \"_row\";\n"
        }
        return script + "COMMIT;\n"
    }

    func check(_ dataset: Dataset, queries n: Int, atLeast minimum: Int, foreign: Bool = false) throws {
        let path = try Self.file(foreign ? Self.withoutKeys(dataset) : SQLExporter(dataset: dataset).script(for: .sqlite))
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let db = try SQLiteInPlace(path: path, name: "data.db")
        let schema = LiveCatalog.schema(try db.catalog(), dialect: .sqlite, title: dataset.title)
        if foreign { #expect(schema.layout.tables.allSatisfy { $0.order == "_rowid_" && !$0.folds.contains(where: { if case .column = $0 { true } else { false } }) }) }
        let live = LiveQuery(database: db, schema: schema)
        let (cases, _, _) = Differential.cases(n, on: dataset)
        var failures = 0
        for c in cases {
            guard case let .success(statements) = Parser.parseAll(c.text), case let .query(q)? = statements.first else {
                Issue.record("does not parse again: \(c.text)")
                continue
            }
            let result: ResultSet
            do {
                let checked = try Checker(dataset: schema.dataset, parameters: Differential.parameters).check(q)
                result = try live.run(checked, timeout: .seconds(30), isCancelled: { false })
            } catch {
                Issue.record("in place, \(c.text) fails: \(error)")
                failures += 1
                if failures >= 20 { break }
                continue
            }
            let got = result.rows.map { $0.map { Cell($0, in: schema.dataset) } }
            if !agree(c.answer, got) {
                let sql = (try? live.text(c.query)) ?? "?"
                Issue.record(Comment(rawValue: Differential.report(c, engine: "SQLite in place", sql: sql, got: got)))
                failures += 1
                if failures >= 20 { Issue.record("stopped after 20 disagreements"); break }
            }
        }
        print("differential, SQLite file in place\(foreign ? " without cstoq's keys" : ""), \(dataset.title): \(cases.count) queries, \(failures) disagreements")
        #expect(cases.count >= minimum)
    }
}
