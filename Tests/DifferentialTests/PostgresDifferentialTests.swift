import Foundation
import SharedTestSupport
import Testing
@testable import CSTOQ

/// The generated queries again, on a real PostgreSQL server: a private
/// cluster in a temporary folder on a Unix socket (postgres-cluster.sh),
/// loaded with `--export sql --dialect postgres`, asked through `psql` the
/// SQL `explain sql postgres` prints, stopped at the end — by a watchdog if
/// this process dies first.
@Suite struct PostgresDifferentialTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// What psql prints for null (no generated text looks like it).
    static let nullMarker = "<null:cstoq>"

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs a program (found on PATH) to its end, its output through files
    /// (no pipe to fill up), with `Spawn`: Foundation's Process misses the end
    /// of a child that leaves a watchdog behind.
    static func run(_ program: String, _ arguments: [String]) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-psql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out").path, err = scratch.appendingPathComponent("err").path
        let status = try Spawn.run("/usr/bin/env", [program] + arguments, environment: ProcessInfo.processInfo.environment,
                                   stdout: out, stderr: err)
        return Run(status: status, out: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                   err: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func postgresGivesCstoqsRowsInCstoqsOrder() throws {
        let script = Self.folder.appendingPathComponent("postgres-cluster.sh").path
        let started = try Self.run("bash", [script, "start", String(ProcessInfo.processInfo.processIdentifier)])
        try #require(started.status == 0, """
            THE POSTGRESQL SERVER DID NOT START, so the differential test against PostgreSQL cannot run.
            Install Debian's postgresql (./dev.sh test does) and look at this:
            \(started.err)
            """)
        let fields = started.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        let socket = try #require(fields.first { $0.hasPrefix("socket=") }).dropFirst("socket=".count)
        let port = try #require(fields.first { $0.hasPrefix("port=") }).dropFirst("port=".count)
        defer { _ = try? Self.run("bash", [script, "stop", String(socket)]) }
        let psql = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", String(socket), "-p", String(port), "-U", "postgres", "-d"]
        let work = URL(fileURLWithPath: String(socket))
        try compare(Differential.dataset, cases: Differential.count(default: 1_200), atLeast: 1_000, psql: psql + ["postgres"], work: work, name: "generated")

        // Data loaded from files (lesson 15's CSV and SQLite file), in a database of its own.
        let created = try Self.run("psql", psql + ["postgres", "-c", "CREATE DATABASE files"])
        try #require(created.status == 0, "cannot create a second database: \(created.err)")
        let samples = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")) + "/Samples/data/"
        var settings = DataFileSettings()
        settings.references = [try DataFileSettings.reference("loans.student=students").get()]
        let files = try DataFiles.load([samples + "students.csv", samples + "library.db"], settings: settings).dataset
        try compare(files, cases: 600, atLeast: 500, psql: psql + ["files"], work: work, name: "files")
    }

    /// Loads `dataset` through `--export sql` and compares the rows of `n` generated queries.
    func compare(_ dataset: Dataset, cases n: Int, atLeast minimum: Int, psql: [String], work: URL, name: String) throws {
        let export = work.appendingPathComponent("export-\(name).sql")
        try SQLExporter(dataset: dataset).script(for: .postgres).write(to: export, atomically: true, encoding: .utf8)
        let loaded = try Self.run("psql", psql + ["-f", export.path])
        try #require(loaded.status == 0 && loaded.err.isEmpty, "psql does not load the export: \(loaded.err)")

        let (all, _, _) = Differential.cases(n + n / 4, on: dataset)
        let cases = Array(all.prefix(n))
        #expect(cases.count >= minimum)
        let translator = SQLTranslator(dataset: dataset)
        var batch = "\\pset format csv\n\\pset tuples_only on\n\\pset null '\(Self.nullMarker)'\n"
        var sql: [String] = []
        for (i, c) in cases.enumerated() {
            let text = try translator.translate(c.query, for: .postgres)
            sql.append(text)
            batch += "\\echo '@@ \(i)'\n" + text + ";\n"
        }
        let queries = work.appendingPathComponent("queries-\(name).sql")
        try batch.write(to: queries, atomically: true, encoding: .utf8)
        let answered = try Self.run("psql", psql + ["-f", queries.path])
        let blocks = Self.blocks(answered.out)
        if answered.status != 0 {
            let failed = blocks.count - 1
            Issue.record("PostgreSQL refuses the SQL of \(failed >= 0 && failed < cases.count ? cases[failed].text : "?"): \(answered.err)\n\(failed >= 0 && failed < sql.count ? sql[failed] : "")")
        }
        #expect(blocks.count == cases.count, "psql answered \(blocks.count) of \(cases.count) queries")
        var failures = 0
        for (i, block) in blocks.enumerated() where i < cases.count {
            let c = cases[i]
            let shape = shapes(of: c.answer, columns: c.columns)
            let got: Answer = Self.csv(block).map { row in
                row.enumerated().map { j, cell in
                    cell == Self.nullMarker ? .null : Cell.reading(cell, like: j < shape.count ? shape[j] : .text(""))
                }
            }
            if !agree(c.answer, got) {
                Issue.record(Comment(rawValue: Differential.report(c, engine: "PostgreSQL", sql: sql[i], got: got)))
                failures += 1
                if failures >= 20 { Issue.record("stopped after 20 disagreements"); break }
            }
        }
        print("differential, PostgreSQL, \(dataset.title): \(blocks.count) queries through psql, \(failures) disagreements")
    }

    /// psql's output cut at the `@@ N` lines: one block of CSV per query, each
    /// line ending in its newline (an empty line is a row: one empty text).
    static func blocks(_ out: String) -> [String] {
        var blocks: [String] = []
        var current: String?
        var lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        if out.hasSuffix("\n") { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("@@ ") {
                if let current { blocks.append(current) }
                current = ""
            } else {
                current? += line + "\n"
            }
        }
        if let current { blocks.append(current) }
        return blocks
    }

    /// CSV as psql writes it: `"` quotes a field, `""` is a quote in one.
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = [], field = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false, any = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            any = true
            if quoted {
                if c == "\"" {
                    if let d = it.next() {
                        if d == "\"" { field.append("\"") } else { quoted = false; pending = d }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true; wasQuoted = true
            case ",": row.append(String(field)); field = .init(); wasQuoted = false
            case "\n":
                row.append(String(field)); rows.append(row)
                row = []; field = .init(); wasQuoted = false; any = false
            default: field.append(c)
            }
        }
        if any || wasQuoted { row.append(String(field)); rows.append(row) }
        return rows
    }
}
