import Foundation
import SharedTestSupport
import Testing

/// The REPL on a live PostgreSQL server, driven in tmux as a person would:
/// a private cluster (the differential test's postgres-cluster.sh) holding
/// the summit data, written into it by `cstoq --export sql --dialect
/// postgres | psql`; then Tab on fields and values, a query, Ctrl-C on a
/// statement the server is still working on, `.timeout`, `~/.pgpass`, and a
/// password typed in a URL that never reaches the history file.
@Suite(.serialized) struct LiveDatabaseREPLTests {
    static let cluster = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DifferentialTests/postgres-cluster.sh").path

    /// Runs a shell command line to its end; its output.
    static func sh(_ command: String, in workspace: Workspace) throws -> (status: Int32, out: String, err: String) {
        let out = workspace.path + "/sh.out", err = workspace.path + "/sh.err"
        let status = try Spawn.run("/bin/bash", ["-c", command], environment: ProcessInfo.processInfo.environment, stdout: out, stderr: err)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func aPostgreSQLDatabaseIsExploredLikeTheSummit() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let started = try Self.sh("bash \(Self.cluster) start \(ProcessInfo.processInfo.processIdentifier)", in: workspace)
        try #require(started.status == 0, "THE POSTGRESQL SERVER DID NOT START: \(started.err)")
        let fields = started.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        let socket = String(try #require(fields.first { $0.hasPrefix("socket=") }).dropFirst("socket=".count))
        let port = String(try #require(fields.first { $0.hasPrefix("port=") }).dropFirst("port=".count))
        defer { _ = try? Self.sh("bash \(Self.cluster) stop \(socket)", in: workspace) }
        let psql = "psql -X -q -v ON_ERROR_STOP=1 -h \(socket) -p \(port) -U postgres -d postgres"
        let binary = try REPLTestEnvironment.binary()
        let loaded = try Self.sh("""
            \(binary) --export sql --dialect postgres | \(psql) && \(psql) -c "CREATE VIEW slow AS SELECT pg_sleep(30)::text AS s, 1 AS n" \
              -c "CREATE TABLE big (id integer PRIMARY KEY, name text NOT NULL)" -c "INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, 1000000) g" \
              -c "CREATE ROLE cstoq_password LOGIN PASSWORD 'right horse battery'" -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO cstoq_password"
            """, in: workspace)
        try #require(loaded.status == 0, "the summit does not load into PostgreSQL: \(loaded.err)")
        // The password for the second connection, where libpq looks for it.
        try "*:*:*:cstoq_password:right horse battery\n".write(toFile: workspace.path + "/.pgpass", atomically: true, encoding: .utf8)
        chmod(workspace.path + "/.pgpass", 0o600)

        let t = try TerminalSession(workspace: workspace, arguments: ["--data", "host=\(socket) port=\(port) dbname=postgres user=postgres"])
        defer { t.close() }
        try t.waitForPrompt()
        try t.waitFor(text: "13 tables, queried")
        try t.waitFor(text: "members: 9 fields (name text, name_it text, status text, leader ref people")
        try t.waitFor(text: "slow: 2 fields (s text, n integer)")
        // Fields from the catalog, values from a bounded read.
        try t.type("members where sta")
        try t.press("Tab")
        try t.waitForEditedLine("cstoq> members where status ")
        try t.type("= ")
        try t.press("Tab")
        try t.waitFor("the values of status offered") { $0.contains("active") && $0.contains("frozen") }
        try t.type("fro")
        try t.press("Tab")
        try t.waitForEditedLine("cstoq> members where status = frozen ")
        try t.type("select name, leader.name")
        try t.press("Enter")
        try t.waitFor(text: "│ Armenia │ null        │")
        // explain: the SQL sent, its values apart, PostgreSQL's plan.
        try t.enter("explain members where name = 'Russia'")
        try t.waitFor(text: "$1 = russia")
        try t.waitFor(text: "PostgreSQL plans it so:")
        // Ctrl-C while the server works: the statement is cancelled there, the session goes on.
        try t.enter("slow")
        Thread.sleep(forTimeInterval: 0.5)
        try t.press("C-c")
        try t.waitFor(text: "query cancelled", timeout: 5)
        try t.enter("count members")
        try t.waitFor(text: "│     6 │")
        // A million rows: the first screen comes at once and nothing more is read;
        // with the pager on, less gets them as they come and quitting it ends the reading.
        try t.press("C-l")
        try t.enter("big")
        try t.waitFor(text: "(at least ", timeout: 5)
        try t.waitFor(text: "│ row 1  │")
        try t.enter(".pager on")
        try t.press("C-l")
        try t.enter("big where name contains \"row 9999\"")
        try t.waitFor("less's prompt", timeout: 10) { $0.split(separator: "\n").last == ":" }
        try t.press("q")
        try t.waitForPrompt()
        try t.enter(".pager off")
        try t.enter("count big where name contains \"row 99\"")
        try t.waitFor(text: "│ 11111 │")
        // A statement past its timeout is stopped by the server.
        try t.enter(".timeout 0.5")
        try t.enter("slow")
        _ = try t.waitFor("the timeout's message", timeout: 5) { $0.split(separator: "\n").joined().contains("did not answer within 0.5 s: the query was stopped") }
        // ~/.pgpass gives the password, as for psql; one typed in a URL is never kept.
        try t.enter(".load host=\(socket) port=\(port) dbname=postgres user=cstoq_password")
        try t.waitFor(text: "connected to postgres://cstoq_password@")
        try t.enter(".load postgresql://cstoq_password:wrong-secret-42@/postgres?host=\(socket)&port=\(port)")
        try t.waitFor(text: "password authentication failed")
        // The error names the connection without the password (the line typed shows it, as typed).
        let errorLines = try t.lines(scrollback: true).filter { $0.contains("cannot connect") }
        #expect(!errorLines.isEmpty && errorLines.allSatisfy { !$0.contains("wrong-secret-42") }, "\(errorLines)")
        try t.enter(".quit")
        try t.waitForExit()
        let history = try workspace.historyEntries()
        #expect(history.contains { $0.contains("cstoq_password:***@") }, "\(history)")
        #expect(!history.contains { $0.contains("wrong-secret-42") }, "\(history)")
    }
}
