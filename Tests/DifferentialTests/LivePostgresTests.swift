import Foundation
import PostgresClient
import SharedTestSupport
import Testing
@testable import CSTOQ

/// cstoq on a live PostgreSQL server: a private cluster (postgres-cluster.sh),
/// the summit data and the generated dataset loaded through `--export sql`,
/// then queried by cstoq through libpq — the schema read from the catalog,
/// each query translated with its values bound — and the rows compared with
/// cstoq's in memory. Then the faults, for real: a refused connection, a
/// wrong password, a statement past its timeout, a cancel, a backend killed
/// mid-query, a server restart; and values that would break spliced SQL.
@Suite(.serialized) struct LivePostgresTests {
    /// One server for the suite, stopped by its watchdog when the test process ends (however it ends).
    final class Server: Sendable {
        let socket: String
        let port: String
        static let script = PostgresDifferentialTests.folder.appendingPathComponent("postgres-cluster.sh").path

        init() throws {
            let started = try PostgresDifferentialTests.run("bash", [Server.script, "start", String(ProcessInfo.processInfo.processIdentifier)])
            try #require(started.status == 0, "THE POSTGRESQL SERVER DID NOT START: \(started.err)")
            let fields = started.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
            socket = String(try #require(fields.first { $0.hasPrefix("socket=") }).dropFirst("socket=".count))
            port = String(try #require(fields.first { $0.hasPrefix("port=") }).dropFirst("port=".count))
            try psql("postgres", "CREATE DATABASE generated")
            try psql("postgres", "CREATE DATABASE summit")
            try psql("postgres", "CREATE DATABASE foreign_keys_only")
            try psql("postgres", "CREATE DATABASE arrays")
            try psql("postgres", "CREATE DATABASE summit_arrays")
            try psql("postgres", "CREATE ROLE cstoq_password LOGIN PASSWORD 'right horse battery'")
            try load(Differential.dataset, into: "generated")
            try load(BuiltinDataset.load(), into: "summit")
            // A database cstoq did not write: no `_fold` keys (PostgreSQL computes them).
            try load(Differential.dataset, into: "foreign_keys_only")
            var drops = ""
            for c in Differential.dataset.collections {
                for f in c.fields where f.type == .text || f.name == "id" {
                    drops += "ALTER TABLE \(SQLDialect.identifier(c.name)) DROP COLUMN \(SQLDialect.identifier(f.name + "_fold"));\n"
                }
                for f in c.fields { if case .list(.text) = f.type { drops += "ALTER TABLE \(SQLDialect.identifier(c.name + "_" + f.name)) DROP COLUMN value_fold;\n" } }
            }
            try psql("foreign_keys_only", drops)
            // Lists as PostgreSQL arrays, as a schema of one's own keeps them.
            try load(Differential.dataset, into: "arrays", lists: .arrays)
            try load(BuiltinDataset.load(), into: "summit_arrays", lists: .arrays)
        }

        static let shared = Result { try Server() }

        func conninfo(_ database: String, user: String = "postgres", extra: String = "") -> String {
            "host=\(socket) port=\(port) dbname=\(database) user=\(user) \(extra)"
        }

        @discardableResult
        func psql(_ database: String, _ sql: String) throws -> String {
            let r = try PostgresDifferentialTests.run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socket, "-p", port, "-U", "postgres", "-d", database, "-c", sql])
            try #require(r.status == 0, "psql: \(r.err)")
            return r.out
        }

        func load(_ dataset: Dataset, into database: String, lists: SQLExporter.Lists = .sideTables) throws {
            let file = URL(fileURLWithPath: socket).appendingPathComponent("export-\(database).sql")
            try SQLExporter(dataset: dataset, lists: lists).script(for: .postgres).write(to: file, atomically: true, encoding: .utf8)
            let r = try PostgresDifferentialTests.run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socket, "-p", port, "-U", "postgres", "-d", database, "-f", file.path])
            try #require(r.status == 0 && r.err.isEmpty, "psql does not load the export: \(r.err)")
        }

        func restart() throws {
            let r = try PostgresDifferentialTests.run("bash", [Server.script, "restart", socket, port])
            try #require(r.status == 0, "restart: \(r.err)")
        }
    }

    var server: Server { get throws { try Server.shared.get() } }

    // MARK: The same rows as in memory

    @Test func theSchemaReadFromTheCatalogIsTheDatasets() throws {
        for (name, dataset) in [("generated", Differential.dataset), ("summit", BuiltinDataset.load()), ("foreign_keys_only", Differential.dataset),
                                ("arrays", Differential.dataset), ("summit_arrays", BuiltinDataset.load())] {
            let db = try PostgresDatabase(conninfo: try server.conninfo(name))
            let schema = try LiveCatalog.applying(name.contains("arrays") ? Self.arrayReferences(dataset) : DataFileSettings(),
                                                  to: LiveCatalog.schema(try db.catalog(), dialect: .postgres, title: name))
            #expect(schema.dataset.collections.map(\.name) == dataset.collections.map(\.name))
            for (live, loaded) in zip(schema.dataset.collections, dataset.collections) {
                // A closed vocabulary is not carried into SQL: the catalog knows none.
                #expect(live.fields == loaded.fields.map { Field(name: $0.name, type: $0.type) }, "\(name).\(loaded.name): \(live.fields.map { "\($0.name) \($0.type)" })")
            }
        }
    }

    @Test func generatedQueriesGiveCstoqsRows() throws {
        try compare(database: "generated", Differential.dataset, queries: Differential.count(default: 1_500), atLeast: 1_200)
    }

    @Test func theSummitGivesCstoqsRows() throws {
        try compare(database: "summit", BuiltinDataset.load(), queries: 500, atLeast: 400)
    }

    /// Text keys computed by PostgreSQL (ICU's case mapping, NFC) agree with cstoq's.
    @Test func aDatabaseWithoutCstoqsKeysGivesCstoqsRows() throws {
        try compare(database: "foreign_keys_only", Differential.dataset, queries: Differential.count(default: 800), atLeast: 600)
    }

    /// Lists kept as PostgreSQL arrays (`text[]`, `bigint[]`, …) are queried by `unnest … WITH ORDINALITY`.
    @Test func listsAsArraysGiveCstoqsRows() throws {
        let db = try PostgresDatabase(conninfo: try server.conninfo("arrays"))
        let tables = try db.catalog()
        #expect(!tables.contains { t in ["position", "value"].allSatisfy { n in t.columns.contains { $0.name == n } } }, "no side tables were written")
        #expect(tables.contains { $0.columns.contains { $0.type.hasSuffix("[]") } })
        try compare(database: "arrays", Differential.dataset, queries: Differential.count(default: 800), atLeast: 600,
                    settings: Self.arrayReferences(Differential.dataset))
        try compare(database: "summit_arrays", BuiltinDataset.load(), queries: 300, atLeast: 250, settings: Self.arrayReferences(BuiltinDataset.load()))
    }

    /// An array of ids has no foreign key in PostgreSQL: its references are declared, `--ref C.X=T`.
    static func arrayReferences(_ dataset: Dataset) -> DataFileSettings {
        var settings = DataFileSettings()
        for c in dataset.collections {
            for f in c.fields {
                if case let .list(.reference(target)) = f.type {
                    settings.references.append(DataFileSettings.Reference(collection: c.name, field: f.name, target: target))
                }
            }
        }
        return settings
    }

    func compare(database: String, _ dataset: Dataset, queries n: Int, atLeast minimum: Int, settings: DataFileSettings = DataFileSettings()) throws {
        let db = try PostgresDatabase(conninfo: try server.conninfo(database))
        let schema = try LiveCatalog.applying(settings, to: LiveCatalog.schema(try db.catalog(), dialect: .postgres, title: database))
        let live = LiveQuery(database: db, schema: schema)
        let (cases, _, _) = Differential.cases(n, on: dataset)
        var failures = 0
        for c in cases {
            guard case let .success(statements) = Parser.parseAll(c.text), case let .query(q)? = statements.first else { continue }
            let result: ResultSet
            do {
                let checked = try Checker(dataset: schema.dataset, parameters: Differential.parameters).check(q)
                result = try live.run(checked, timeout: .seconds(30), isCancelled: { false })
            } catch {
                Issue.record("live PostgreSQL, \(c.text) fails: \(error)\n\((try? live.text(c.query)) ?? "")")
                failures += 1
                if failures >= 20 { break }
                continue
            }
            let got = result.rows.map { $0.map { Cell($0, in: schema.dataset) } }
            if !agree(c.answer, got) {
                Issue.record(Comment(rawValue: Differential.report(c, engine: "live PostgreSQL", sql: (try? live.text(c.query)) ?? "?", got: got)))
                failures += 1
                if failures >= 20 { Issue.record("stopped after 20 disagreements"); break }
            }
        }
        print("differential, live PostgreSQL (\(database)): \(cases.count) queries through libpq, \(failures) disagreements")
        #expect(cases.count >= minimum)
    }

    // MARK: The command line

    /// The built binary beside the test bundle.
    static let binary: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("cstoq")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return "cstoq-binary-not-found"
    }()

    /// `postgresql://` with no parts: the host, port, user and database come from the PG* variables, as in psql.
    @Test func aURLWithoutPartsTakesThePGVariables() throws {
        let s = try server
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = s.socket
        env["PGPORT"] = s.port
        env["PGUSER"] = "postgres"
        env["PGDATABASE"] = "summit"
        let folder = URL(fileURLWithPath: s.socket)
        let out = folder.appendingPathComponent("cli.out").path, err = folder.appendingPathComponent("cli.err").path
        let status = try Spawn.run(Self.binary, ["--data", "postgresql://", "--format", "csv", "-e", "count members where status = active"],
                                   environment: env, stdout: out, stderr: err)
        let printed = try String(contentsOfFile: out, encoding: .utf8)
        #expect(status == 0, "\((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")")
        #expect(printed == "count\r\n5\r\n", "\(printed)")
        // --export writes data in memory; a live database is not.
        let refused = try Spawn.run(Self.binary, ["--data", "postgresql://", "--export", "sql"], environment: env, stdout: out, stderr: err)
        #expect(refused == 1)
        #expect(try String(contentsOfFile: err, encoding: .utf8).contains("queried where it is"))
    }

    /// `--ref` on the command line makes an array of ids a list of references:
    /// the path through it answers as in memory.
    @Test func refOnTheCommandLineLinksAnArrayOfIds() throws {
        let s = try server
        let folder = URL(fileURLWithPath: s.socket)
        let out = folder.appendingPathComponent("ref.out").path, err = folder.appendingPathComponent("ref.err").path
        let query = "events where participants.name = 'Vladimir Putin' select name, participants"
        let live = try Spawn.run(Self.binary, ["--data", s.conninfo("summit_arrays"), "--ref", "events.participants=people", "--format", "csv", "-e", query],
                                 environment: ProcessInfo.processInfo.environment, stdout: out, stderr: err)
        #expect(live == 0, "\((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")")
        let onTheServer = try String(contentsOfFile: out, encoding: .utf8)
        _ = try Spawn.run(Self.binary, ["--format", "csv", "-e", query], environment: ProcessInfo.processInfo.environment, stdout: out, stderr: err)
        let inMemory = try String(contentsOfFile: out, encoding: .utf8)
        #expect(onTheServer == inMemory)
        #expect(inMemory.split(separator: "\r\n").count >= 2, "\(inMemory)")
        // Without it the ids are text, and the path is an error with a caret.
        let unlinked = try Spawn.run(Self.binary, ["--data", s.conninfo("summit_arrays"), "-e", query],
                                     environment: ProcessInfo.processInfo.environment, stdout: out, stderr: err)
        #expect(unlinked == 1)
        #expect(try String(contentsOfFile: err, encoding: .utf8).contains("^"))
    }

    // MARK: Values are parameters

    @Test func valuesThatWouldBreakSplicedSQLAreOnlyValues() throws {
        let db = try PostgresDatabase(conninfo: try server.conninfo("summit"))
        let schema = LiveCatalog.schema(try db.catalog(), dialect: .postgres, title: "summit")
        let live = LiveQuery(database: db, schema: schema)
        let hostile = ["Russia'; DROP TABLE members; --", "x' OR '1'='1", "a\\'b", "back\\\\slash", "-- comment", "semi;colon", "$9 OR TRUE", "E'\\x41'"]
        for value in hostile {
            let text = "members where name = \(ASTPrinter().quoted(value)) or note contains \(ASTPrinter().quoted(value))"
            guard case let .success(statements) = Parser.parseAll(text), case let .query(q)? = statements.first else {
                Issue.record("does not parse: \(text)")
                continue
            }
            let checked = try Checker(dataset: schema.dataset).check(q)
            let statement = try live.statement(checked)
            #expect(!statement.text.contains(value), "the value reached the SQL text: \(statement.text)")
            #expect(statement.parameters.contains(.text(ValueComparison.fold(value))))
            #expect(try live.run(checked, timeout: .seconds(5), isCancelled: { false }).count == 0)
        }
        // The real name, and the table is still there.
        let q = try #require(Parser.parseAll("members where name = \"Russia\"").get().first)
        guard case let .query(query) = q else { Issue.record("not a query"); return }
        #expect(try live.run(try Checker(dataset: schema.dataset).check(query), timeout: .seconds(5), isCancelled: { false }).count == 1)
        #expect(try server.psql("summit", "SELECT count(*) FROM members").trimmingCharacters(in: .whitespacesAndNewlines) == "6")
        // NUL cannot be in PostgreSQL text: refused with a message, not cut short.
        let nul = SQLStatement(text: "SELECT $1::text", parameters: [.text("Russia\u{0}'; DROP TABLE members; --")])
        #expect(throws: Diagnostic.self) { try db.run(nul, timeout: .seconds(5)) { _ in true } }
        do { try db.run(nul, timeout: .seconds(5)) { _ in true } } catch { #expect(error.message.text.contains("NUL")) }
    }

    @Test func everyStatementIsReadOnly() throws {
        let db = try PostgresDatabase(conninfo: try server.conninfo("summit"))
        do {
            try db.run(SQLStatement(text: "CREATE TABLE intruder (x int)", parameters: []), timeout: .seconds(5)) { _ in true }
            Issue.record("a write was accepted")
        } catch {
            #expect(error.message.text.contains("read-only transaction"), "\(error.message.text)")
        }
    }

    // MARK: Faults, for real

    @Test func aRefusedConnectionSaysSoOnce() throws {
        let s = try server
        // A port no server listens on (the socket file does not exist).
        do {
            _ = try PostgresDatabase(conninfo: "host=\(s.socket) port=1 dbname=summit user=postgres")
            Issue.record("connected to nothing")
        } catch {
            let text = DiagnosticFormatter(color: false).render(error, in: nil)
            #expect(text.contains("cannot connect to"), "\(text)")
            #expect(text.contains("No such file or directory") || text.contains("refused"), "\(text)")
            #expect(text.contains("help:"))
        }
        do {
            _ = try PostgresDatabase(conninfo: "postgres://postgres@127.0.0.1:1/summit?connect_timeout=5")
            Issue.record("connected to nothing")
        } catch {
            #expect(DiagnosticFormatter(color: false).render(error, in: nil).contains("Connection refused"))
        }
    }

    @Test func aWrongPasswordSaysSoAndNeverShowsThePassword() throws {
        let s = try server
        for conninfo in [s.conninfo("summit", user: "cstoq_password", extra: "password=wrong-secret-42"),
                         "postgresql://cstoq_password:wrong-secret-42@/summit?host=\(s.socket)&port=\(s.port)"] {
            do {
                _ = try PostgresDatabase(conninfo: conninfo)
                Issue.record("a wrong password was accepted")
            } catch {
                let text = DiagnosticFormatter(color: false).render(error, in: nil)
                #expect(text.contains("password authentication failed"), "\(text)")
                #expect(!text.contains("wrong-secret-42"), "\(text)")
            }
        }
        let right = try PostgresDatabase(conninfo: s.conninfo("summit", user: "cstoq_password", extra: "password='right horse battery'"))
        #expect(!right.displayName.contains("horse"))
        #expect(try right.catalog().count >= 10)
    }

    /// cstoq's text keys are Unicode's: a database in another encoding is refused with a way out.
    @Test func aDatabaseNotInUTF8IsRefusedWithAWayOut() throws {
        let s = try server
        try s.psql("postgres", "CREATE DATABASE latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        let error = try #require(throws: Diagnostic.self) { try PostgresDatabase(conninfo: s.conninfo("latin1")) }
        let text = DiagnosticFormatter(color: false).render(error, in: nil)
        #expect(text.contains("its encoding is LATIN1, and cstoq compares text by Unicode's rules, in UTF8 databases"), "\(text)")
        #expect(text.contains("help: copy the data into a database made WITH ENCODING 'UTF8'"), "\(text)")
    }

    @Test func aStatementPastItsTimeoutIsStoppedAndTheNextRuns() throws {
        let db = try PostgresDatabase(conninfo: try server.conninfo("summit"))
        let clock = ContinuousClock(), start = clock.now
        do {
            try db.run(SQLStatement(text: "SELECT pg_sleep(5)", parameters: []), timeout: .milliseconds(300)) { _ in true }
            Issue.record("no timeout")
        } catch {
            #expect(error.message.text.contains("did not answer within 0.3 s"), "\(error.message.text)")
        }
        #expect(clock.now - start < .seconds(3))
        var n = 0
        try db.run(SQLStatement(text: "SELECT 1", parameters: []), timeout: .seconds(5)) { _ in n += 1; return true }
        #expect(n == 1)
    }

    @Test func ctrlCCancelsTheStatementOnTheServer() throws {
        let s = try server
        let session = Session(dataset: BuiltinDataset.load(), datasetName: "summit", output: { _ in }, errors: { _ in })
        let db = try PostgresDatabase(conninfo: s.conninfo("summit"))
        try session.attach(db)
        let start = ContinuousClock.now
        session.isCancelled = { ContinuousClock.now - start > .milliseconds(300) }
        // The SQL of a query, made to take long on the server.
        let slow = try #require(Parser.parseAll("members where status = active").get().first)
        guard case let .query(q) = slow else { return }
        let checked = try session.checker.check(q)
        var statement = try session.live!.statement(checked)
        statement.text = "SELECT pg_sleep(10), * FROM (" + statement.text + ") AS s"
        let watcher = CancelWatcher(isCancelled: session.isCancelled, cancel: db.cancel)
        watcher.start()
        do {
            try db.run(statement, timeout: .seconds(30)) { _ in true }
            Issue.record("not cancelled")
        } catch {
            #expect(error.message == .cancelled, "\(error.message.text)")
        }
        watcher.stop()
        #expect(ContinuousClock.now - start < .seconds(5))
        // The session goes on.
        session.isCancelled = { false }
        #expect(session.run(SourceText(name: "t", text: "count members")))
    }

    @Test func aBackendKilledMidQueryIsOneMessageAndTheNextQueryConnectsAgain() throws {
        let s = try server
        let db = try PostgresDatabase(conninfo: s.conninfo("summit", extra: "application_name=cstoq_victim"))
        let killer = BackgroundKiller(server: s)
        killer.start()
        do {
            try db.run(SQLStatement(text: "SELECT pg_sleep(10)", parameters: []), timeout: .seconds(30)) { _ in true }
            Issue.record("the statement survived its backend")
        } catch {
            let text = DiagnosticFormatter(color: false).render(error, in: nil)
            #expect(text.contains("was lost") || text.contains("terminat"), "\(text)")
        }
        killer.wait()
        var n = 0
        try db.run(SQLStatement(text: "SELECT 1", parameters: []), timeout: .seconds(5)) { _ in n += 1; return true }
        #expect(n == 1)
    }

    @Test func aServerRestartDoesNotEndTheSession() throws {
        let s = try server
        let db = try PostgresDatabase(conninfo: s.conninfo("summit"))
        var n = 0
        try db.run(SQLStatement(text: "SELECT 1", parameters: []), timeout: .seconds(5)) { _ in n += 1; return true }
        try s.restart()
        try db.run(SQLStatement(text: "SELECT 2", parameters: []), timeout: .seconds(5)) { _ in n += 1; return true }
        #expect(n == 2)
    }

    /// Kills the backend of `cstoq_victim` once its pg_sleep runs.
    final class BackgroundKiller: @unchecked Sendable {
        let server: Server
        var thread: Thread?
        let done = DispatchSemaphore(value: 0)
        init(server: Server) { self.server = server }
        func start() {
            let t = Thread { [self] in
                for _ in 0..<100 {
                    Thread.sleep(forTimeInterval: 0.1)
                    let out = (try? server.psql("postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'cstoq_victim' AND query LIKE '%pg_sleep%' AND state = 'active'")) ?? ""
                    if out.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { break }
                }
                done.signal()
            }
            thread = t
            t.start()
        }
        func wait() { done.wait() }
    }
}
