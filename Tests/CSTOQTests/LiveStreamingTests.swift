import CSQLite
import Foundation
import Synchronization
import Testing
@testable import CSTOQ

/// A live database's rows are read as far as they are shown and written as
/// they come: on a screen, the first screen only (`.last`, `.save` and the
/// pager read the rest); into a pipe, in CSV or JSON, batch by batch, never
/// all held. Checked on a real SQLite file queried in place, counting the
/// rows the engine hands out.
@Suite struct LiveStreamingTests {
    static let rowCount = 60_000

    /// A SQLite file of `rowCount` items (id, name, score), made once per test.
    static func file() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("items.db").path
        var db: OpaquePointer?
        try #require(sqlite3_open(path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        let script = """
            CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, score INTEGER);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rowCount))
            INSERT INTO items SELECT i, 'item ' || i, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 1000 END FROM n;
            """
        try #require(sqlite3_exec(db, script, nil, nil, nil) == SQLITE_OK)
        return path
    }

    /// The SQLite file in place, counting the rows it has handed out.
    final class Counting: LiveDatabase, @unchecked Sendable {
        let base: SQLiteInPlace
        let handedOut = Atomic<Int>(0)
        var rows: Int { handedOut.load(ordering: .relaxed) }

        init(_ path: String) throws { base = try SQLiteInPlace(path: path, name: "items.db") }

        var dialect: SQLDialect { base.dialect }
        var displayName: String { base.displayName }
        func catalog() throws(Diagnostic) -> [CatalogTable] { try base.catalog() }
        func plan(_ statement: SQLStatement) throws(Diagnostic) -> [String] { try base.plan(statement) }
        func cancel() { base.cancel() }
        func run(_ statement: SQLStatement, timeout: Duration?, row: ([LiveCell]) -> Bool) throws(Diagnostic) {
            try base.run(statement, timeout: timeout) { cells in
                handedOut.add(1, ordering: .relaxed)
                return row(cells)
            }
        }
    }

    /// What a session wrote, piece by piece, and the rows read when each piece left.
    final class Printed: @unchecked Sendable {
        var out: [String] = []
        var err: [String] = []
        var rowsAtPiece: [Int] = []
    }

    static func session(_ db: Counting, options: RenderOptions) throws -> (Session, Printed) {
        let printed = Printed()
        let session = Session(dataset: Dataset(title: "", article: nil, collections: []), datasetName: "", options: options,
                              output: { printed.out.append($0); printed.rowsAtPiece.append(db.rows) },
                              errors: { printed.err.append($0) })
        try session.attach(db)
        return (session, printed)
    }

    @Test func onAScreenOnlyTheFirstScreenIsRead() throws {
        let db = try Counting(try Self.file())
        let (session, printed) = try Self.session(db, options: RenderOptions(format: .table, width: 100, height: 30))
        #expect(session.run(SourceText(name: "<test>", text: "items")))
        // One row more than the screen holds: enough to know the table is cut.
        #expect(db.rows == 31)
        let text = printed.out.joined(separator: "\n")
        #expect(text.hasSuffix("(at least 31 rows, the first 22 shown: .last shows all, .save FILE writes them, .pager on pages\nthem)"))
        #expect(text.contains("│ item 22 │"))
        #expect(!text.contains("│ item 23 │"))
        #expect(printed.err.isEmpty)

        // .last reads it all again and writes every row as it comes.
        printed.out.removeAll()
        #expect(session.run(SourceText(name: "<test>", text: ".last")))
        #expect(db.rows == 31 + Self.rowCount)
        let all = printed.out.joined(separator: "\n")
        #expect(all.hasSuffix("(\(Self.rowCount) rows)"))
        #expect(all.contains("│ \(Self.rowCount) │ item \(Self.rowCount) │"))
        #expect(printed.out.count > 10, "written in pieces, as the rows came")

        // .save reads it all again, into the file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-stream-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("all.csv").path
        printed.out.removeAll()
        #expect(session.run(SourceText(name: "<test>", text: ".save \(csv)")))
        #expect(printed.out == ["saved \(Self.rowCount) rows to \(csv) (csv)"])
        let saved = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(saved.hasPrefix("id,name,score\r\n1,item 1,1\r\n"))
        #expect(saved.hasSuffix("\(Self.rowCount),item \(Self.rowCount),\(Self.rowCount % 7 == 0 ? "" : String(Self.rowCount % 1000))\r\n"))
        #expect(saved.split(separator: "\r\n").count == Self.rowCount + 1)
    }

    @Test func aShortResultOnAScreenIsShownWhole() throws {
        let db = try Counting(try Self.file())
        let (session, printed) = try Self.session(db, options: RenderOptions(format: .table, width: 100, height: 30))
        #expect(session.run(SourceText(name: "<test>", text: "items where name = \"item 3\" or name = \"item 4\"")))
        #expect(printed.out.joined(separator: "\n").hasSuffix("(2 rows)"))
        #expect(session.lastResult?.isPartial == false)
        #expect(session.lastResult?.count == 2)
    }

    /// Into a pipe every row is written, the first piece long before the last row is read;
    /// the text is the one the whole result would give.
    @Test(arguments: [OutputFormat.csv, .json, .markdown])
    func intoAPipeRowsAreWrittenAsTheyCome(_ format: OutputFormat) throws {
        let path = try Self.file()
        let db = try Counting(path)
        let (session, printed) = try Self.session(db, options: RenderOptions(format: format))
        #expect(session.run(SourceText(name: "<test>", text: "items where score > 10 or name = \"item 7\"")))
        let first = try #require(printed.rowsAtPiece.first)
        #expect(first < Self.rowCount / 2, "the first piece left when \(first) of \(Self.rowCount) rows had been read")
        // Only the first rows are kept as the last result.
        #expect(session.lastResult?.count == Session.liveBatch)
        #expect(session.lastResult?.isPartial == true)

        // The same rows all read at once, written whole: the same text.
        let live = try #require(session.live)
        guard case let .success(statements) = Parser.parseAll("items where score > 10 or name = \"item 7\""), case let .query(q)? = statements.first else {
            Issue.record("the query does not parse")
            return
        }
        let checked = try Checker(dataset: session.dataset).check(q)
        let whole = try live.run(checked, timeout: nil, isCancelled: { false })
        #expect(whole.count > 2 * Session.liveBatch)
        let expected = Renderer.render(whole, RenderOptions(format: format))
        #expect(printed.out.joined(separator: "\n") + (format == .csv ? "\n" : "") == expected)
    }

    @Test func aCancelStopsTheReadingAndSaysSo() throws {
        let db = try Counting(try Self.file())
        let printed = Printed()
        let stop = Atomic<Bool>(false)
        let session = Session(dataset: Dataset(title: "", article: nil, collections: []), datasetName: "", options: RenderOptions(format: .csv),
                              output: { printed.out.append($0); stop.store(true, ordering: .relaxed) },
                              errors: { printed.err.append($0) })
        session.isCancelled = { stop.load(ordering: .relaxed) }
        try session.attach(db)
        #expect(!session.run(SourceText(name: "<test>", text: "items")))
        #expect(printed.out.count == 1, "nothing is written after the cancel")
        #expect(db.rows < Self.rowCount, "the reading stopped too")
        #expect(printed.err.joined().contains("query cancelled"))
    }
}
