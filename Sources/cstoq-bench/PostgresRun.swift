#if canImport(Glibc)
import Glibc
#endif

/// Rows 2e and 2f of a run (issue 2.5): the same records in a private
/// PostgreSQL server, queried by cstoq through translation and by psql with
/// the same SQL (the text cstoq's `explain sql` gives for the database, so
/// that both make the server do the same work), and by psql with the SQL a
/// person would type; then a result ten times as long as the data, streamed:
/// how soon its first row arrives, and the peak memory of reading it all.
struct PostgresRun {
    var cstoq: String
    var psql: String
    /// The project's script that starts and stops a private server (initdb in a temporary folder, a Unix socket).
    var cluster: String
    var work: ProcessBenchmarks
    var workFolder: String

    struct Figures {
        /// Query key → who → figures: "cstoq", "psql", "psql typed".
        var queries: [String: [String: ProcessFigures]] = [:]
        /// Who → the long result read to its end.
        var streamed: [String: Streamed] = [:]
        var longRows = 0
        var serverVersion: String?
        var notes: [String] = []
        var problems: [String] = []
    }

    /// A program whose output is read as it comes: when its first row
    /// arrived, when it ended, its peak memory.
    struct Streamed {
        var firstRow: Samples = Samples()
        var total: Samples = Samples()
        var peaksKB: [Int] = []
        var lines = 0
        var failure: String?

        var summary: String {
            if let failure { return "failed: \(failure)" }
            let peak = peaksKB.sorted()
            return "first row \(Figure.durations(firstRow)), all \(Figure.duration(total.median)), \(Figure.megabytes(peak.isEmpty ? .nan : Double(peak[peak.count / 2]) / 1024))"
        }
    }

    static let queries = [("filter", InProcessBenchmarks.filterQuery, Peers.filterSQL),
                          ("top", InProcessBenchmarks.topQuery, Peers.topSQL),
                          ("group", InProcessBenchmarks.groupQuery, Peers.groupSQL)]

    func run(csv: String, records: Int, expectedCount: String, rounds: Int, warmUp: Int) -> Figures {
        var figures = Figures()
        let started: ChildProcess.Outcome
        do {
            started = try work.once(["/bin/bash", cluster, "start", String(getpid())], name: "postgres-start")
        } catch {
            figures.notes.append("no PostgreSQL rows: the private server did not start (\(error.description))")
            return figures
        }
        let words = started.output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let socket = words.first(where: { $0.hasPrefix("socket=") })?.dropFirst(7),
              let port = words.first(where: { $0.hasPrefix("port=") })?.dropFirst(5) else {
            figures.problems.append("the PostgreSQL cluster script said neither socket nor port: \(started.output)")
            return figures
        }
        defer { _ = try? work.once(["/bin/bash", cluster, "stop", String(socket)], name: "postgres-stop") }
        let connection = "host=\(socket) port=\(port) dbname=postgres user=postgres"
        let psqlBase = [psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", String(socket), "-p", String(port), "-U", "postgres", "-d", "postgres"]

        // The data: the benchmark's CSV, copied in as a person would, and a long table for streaming.
        figures.longRows = records * 10
        let load = """
            CREATE TABLE items (id text PRIMARY KEY, name text, status text, city text, score integer, weight double precision, active boolean, day date);
            \\copy items FROM '\(csv)' WITH (FORMAT csv, HEADER true)
            CREATE TABLE long_rows (id integer PRIMARY KEY, name text NOT NULL, score integer);
            INSERT INTO long_rows SELECT g, 'row ' || g, g % 1000 FROM generate_series(1, \(figures.longRows)) g;
            VACUUM ANALYZE;
            """
        let script = workFolder + "/postgres-load.sql"
        do {
            try BenchmarkRun.write(load, to: script)
            BenchmarkRun.log("PostgreSQL: loading \(records) records and a \(figures.longRows)-row table")
            _ = try work.once(psqlBase, standardInput: script, name: "postgres-load")
            figures.serverVersion = try work.once(psqlBase + ["-c", "SHOW server_version"], name: "postgres-version").output
                .split(whereSeparator: \.isNewline).first.map(String.init)
        } catch {
            figures.problems.append("PostgreSQL: the data did not load: \(error)")
            return figures
        }

        // 2e. The three queries: cstoq through translation, psql with cstoq's SQL, psql with the SQL typed by hand.
        BenchmarkRun.log("PostgreSQL: filter, top-10 and group-by: \(rounds) rounds")
        for (key, query, typed) in PostgresRun.queries {
            let sql: String
            do {
                sql = try work.once([cstoq, "--data", connection, "-e", "explain sql " + query], name: "postgres-sql-\(key)").output
            } catch {
                figures.problems.append("PostgreSQL: cstoq could not translate \(query): \(error)")
                continue
            }
            let expected = key == "filter" ? expectedCount : nil
            figures.queries[key] = work.alternate([
                ProcessCase(name: "cstoq", arguments: [cstoq, "--data", connection, "--format", "csv", "-e", query], expected: expected),
                ProcessCase(name: "psql", arguments: psqlBase + ["-c", sql], expected: expected),
                ProcessCase(name: "psql typed", arguments: psqlBase + ["-c", typed], expected: expected),
            ], rounds: rounds, warmUp: warmUp)
            for (who, f) in figures.queries[key]!.sorted(by: { $0.key < $1.key }) {
                if let failure = f.failure { figures.problems.append("PostgreSQL \(key), \(who): \(failure)") }
            }
        }

        // 2f. The long result, read to its end as it comes.
        BenchmarkRun.log("PostgreSQL: the \(figures.longRows)-row result, streamed")
        let longSQL = "SELECT id, name, score FROM long_rows ORDER BY id"
        let streamers: [(String, [String])] = [
            ("cstoq", [cstoq, "--data", connection, "--format", "csv", "-e", "long_rows"]),
            ("psql", psqlBase + ["-c", longSQL]),
            ("psql FETCH_COUNT", psqlBase + ["-v", "FETCH_COUNT=1000", "-c", longSQL]),
        ]
        for round in 0..<(warmUp + max(1, rounds / 2)) {
            for (who, arguments) in streamers where figures.streamed[who]?.failure == nil {
                var s = figures.streamed[who] ?? Streamed()
                switch PostgresRun.stream(arguments, errorPath: "\(workFolder)/stream-\(who.split(separator: " ").first!).err.txt",
                                          firstRowAt: who == "cstoq" ? 2 : 1) {
                case let .success(r):
                    s.lines = r.lines
                    // A header line for cstoq's CSV, none for psql -t.
                    let rows = who == "cstoq" ? r.lines - 1 : r.lines
                    if rows != figures.longRows { s.failure = "\(rows) rows, expected \(figures.longRows)" }
                    if round >= warmUp {
                        s.firstRow.append(r.firstRow)
                        s.total.append(r.total)
                        s.peaksKB.append(r.peakKB)
                    }
                case let .failure(e):
                    s.failure = e.description
                }
                figures.streamed[who] = s
                if let failure = s.failure { figures.problems.append("PostgreSQL long result, \(who): \(failure)") }
            }
        }
        return figures
    }

    struct StreamOutcome {
        var firstRow: Double
        var total: Double
        var lines: Int
        var peakKB: Int
    }

    /// Runs a program with its output in a pipe read here as it comes: the
    /// time to its `firstRowAt`-th line, to its end, the lines, its peak memory.
    static func stream(_ arguments: [String], errorPath: String, firstRowAt: Int) -> Result<StreamOutcome, ChildProcess.LaunchError> {
        guard access(arguments[0], X_OK) == 0 else { return .failure(.init(description: "cannot run \(arguments[0])")) }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let errPath = strdup(errorPath)!
        defer { free(errPath) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .failure(.init(description: "pipe failed")) }
        fflush(nil)
        let start = ChildProcess.now()
        let pid = fork()
        if pid == 0 {
            let input = open("/dev/null", O_RDONLY)
            let err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            dup2(input, 0)
            dup2(fds[1], 1)
            dup2(err, 2)
            close(fds[0])
            argv.withUnsafeBufferPointer { p in _ = execv(p[0]!, p.baseAddress!) }
            _exit(127)
        }
        close(fds[1])
        guard pid > 0 else { close(fds[0]); return .failure(.init(description: "fork failed")) }
        var lines = 0
        var firstRow = Double.nan
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            for i in 0..<n where buffer[i] == 0x0A {
                lines += 1
                if lines == firstRowAt { firstRow = ChildProcess.now() - start }
            }
        }
        close(fds[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let total = ChildProcess.now() - start
        guard status == 0 else {
            let message = ChildProcess.contents(of: errorPath).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return .failure(.init(description: "exit status \(status >> 8): \(message)"))
        }
        return .success(StreamOutcome(firstRow: firstRow, total: total, lines: lines, peakKB: Int(usage.ru_maxrss)))
    }
}
