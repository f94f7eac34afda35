#if canImport(Glibc)
import Glibc
#endif
import CSTOQ

/// The programs a run compares; a peer that is missing is left out with a note.
struct Tools {
    var cstoq: String
    /// This program, started again as `cstoq-bench measure`.
    var bench: String
    var sqlite3: String?
    var jq: String?
    /// A python3 that can `import duckdb`.
    var python: String?
    var psql: String?
    /// Any python3 (the csv module is in its standard library).
    var pythonPlain: String?
    var notes: [String] = []

    /// Keeps only the peers that run, and says why the others don't.
    mutating func checkPeers(work: ProcessBenchmarks) {
        if sqlite3 == nil { notes.append("sqlite3 not found: its figures are missing (apt-get install sqlite3)") }
        if jq == nil { notes.append("jq not found: its figures are missing (apt-get install jq)") }
        guard let python else {
            notes.append("python3 not found: no DuckDB figures")
            return
        }
        if (try? work.once([python, "-c", "import duckdb"], name: "duckdb-check")) == nil {
            notes.append("the duckdb Python package is not installed (pip install duckdb): no DuckDB figures")
            self.python = nil
        }
    }

    func version(_ program: String?, _ arguments: [String], work: ProcessBenchmarks) -> String? {
        guard let program, let outcome = try? work.once([program] + arguments, name: "version") else { return nil }
        return (outcome.output + outcome.errorOutput).split(whereSeparator: \.isNewline).first.map { String($0.prefix(40)) }
    }
}

/// `cstoq-bench run`: generate the data (once per N and seed), run cstoq and
/// its peers on the same questions, and print one table with each goal of
/// the issue and whether this run meets it.
struct BenchmarkRun {
    var records = 1_000_000
    var seed: UInt64 = 42
    var repetitions = 5
    /// A smoke run for CI: fewer repetitions, a small script, no warm-up rounds.
    var quick = false
    var dataRoot = ".build/bench-data"
    /// How cstoq was built, for the notes (dev.sh says).
    var buildNote: String?
    /// The script that starts a private PostgreSQL server (rows 2e and 2f); nil: no such rows.
    var postgresCluster: String?
    var tools: Tools

    var processWarmUp: Int { quick ? 0 : 1 }
    var startupRounds: Int { quick ? max(3, repetitions * 3) : repetitions * 20 }
    var harness: Harness { quick ? Harness(warmUp: 1, repetitions: max(3, repetitions)) : Harness(warmUp: 3, repetitions: max(20, repetitions * 4)) }
    var scriptBytes: Int { quick ? 256 << 10 : 4 << 20 }

    static func log(_ s: String) {
        fflush(nil)
        var line = "cstoq-bench: " + s + "\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Prints the table; returns false when something answered wrong or failed.
    mutating func run() throws(BenchError) -> Bool {
        let files: DataGenerator.Files
        do {
            files = try DataGenerator(records: records, seed: seed).files(under: dataRoot, log: BenchmarkRun.log)
        } catch {
            throw BenchError(error.description)
        }
        let workFolder = dataRoot + "/runs"
        do { try DataGenerator.makeFolder(workFolder) } catch { throw BenchError(error.description) }
        let work = ProcessBenchmarks(workFolder: workFolder, log: BenchmarkRun.log)
        tools.checkPeers(work: work)
        var problems: [String] = []
        let floorKB = ChildProcess.memoryFloorKB()
        let competition = CompetingWork()
        let answers = files.answers
        let expectedTop = answers.topScores.map(String.init).joined(separator: " ")

        // 1. Start-up.
        BenchmarkRun.log("start-up: \(startupRounds) rounds")
        var startup = [ProcessCase(name: "cstoq", arguments: [tools.cstoq, "-e", "members where status = active"])]
        if let s = tools.sqlite3 { startup.append(ProcessCase(name: "sqlite3", arguments: [s, ":memory:", "select 1"])) }
        if let j = tools.jq { startup.append(ProcessCase(name: "jq", arguments: [j, ".", files.tiny])) }
        let started = work.alternate(startup, rounds: startupRounds, warmUp: processWarmUp * 5)

        // 2. Load and one filter, as separate programs.
        BenchmarkRun.log("load + filter on \(records) records: \(repetitions) rounds")
        let expectedCount = String(answers.filterCount)
        var loads = [ProcessCase(name: "cstoq", arguments: [tools.cstoq, "--data", files.cstoq, "--format", "csv", "-e", InProcessBenchmarks.filterQuery],
                                 expected: expectedCount)]
        if let j = tools.jq { loads.append(ProcessCase(name: "jq", arguments: [j, Peers.jqFilter, files.array], expected: expectedCount)) }
        let sqliteLoadScript = workFolder + "/sqlite-load.sql"
        let sqliteQueryScript = workFolder + "/sqlite-queries.sql"
        let duckdbScript = workFolder + "/duckdb_bench.py"
        do {
            try BenchmarkRun.write(Peers.sqliteLoadAndCount(csv: files.csv), to: sqliteLoadScript)
            try BenchmarkRun.write(Peers.sqliteQueries(csv: files.csv, warmUp: quick ? 0 : 2, repetitions: harness.repetitions), to: sqliteQueryScript)
            try BenchmarkRun.write(Peers.duckdbScript, to: duckdbScript)
        } catch {
            throw BenchError(error.description)
        }
        if let s = tools.sqlite3 {
            loads.append(ProcessCase(name: "sqlite3", arguments: [s, "-batch", ":memory:"], standardInput: sqliteLoadScript, expected: expectedCount))
        }
        if let p = tools.python {
            loads.append(ProcessCase(name: "DuckDB array", arguments: [p, duckdbScript, "count", "array", files.array], expected: expectedCount))
            loads.append(ProcessCase(name: "DuckDB NDJSON", arguments: [p, duckdbScript, "count", "newline_delimited", files.ndjson], expected: expectedCount))
        }
        let loaded = work.alternate(loads, rounds: repetitions, warmUp: processWarmUp)

        // 2b. The same rows as CSV, loaded and filtered.
        BenchmarkRun.log("CSV load + filter on \(records) records: \(repetitions) rounds")
        let pythonCSV = workFolder + "/csv_filter.py"
        do { try BenchmarkRun.write(Peers.pythonCSVScript, to: pythonCSV) } catch { throw BenchError(error.description) }
        var csvCases = [ProcessCase(name: "cstoq", arguments: [tools.cstoq, "--data", files.csv, "--format", "csv", "-e", InProcessBenchmarks.filterQuery],
                                    expected: expectedCount)]
        if let p = tools.python {
            csvCases.append(ProcessCase(name: "DuckDB", arguments: [p, duckdbScript, "count", "csv", files.csv], expected: expectedCount))
        }
        if let s = tools.sqlite3 {
            csvCases.append(ProcessCase(name: "sqlite3", arguments: [s, "-batch", ":memory:"], standardInput: sqliteLoadScript, expected: expectedCount))
        }
        if let p = tools.pythonPlain {
            csvCases.append(ProcessCase(name: "Python csv", arguments: [p, pythonCSV, files.csv], expected: expectedCount))
        }
        let csvLoaded = work.alternate(csvCases, rounds: repetitions, warmUp: processWarmUp)

        // 2c. A SQLite database file of the same rows: opened and filtered.
        var sqliteFile: [String: ProcessFigures] = [:]
        var databaseBytes = 0
        if let s = tools.sqlite3 {
            let database = workFolder + "/items.db"
            let script = workFolder + "/sqlite-database.sql"
            unlink(database)
            do {
                try BenchmarkRun.write(Peers.sqliteDatabase(csv: files.csv), to: script)
                _ = try work.once([s, "-batch", database], standardInput: script, name: "sqlite-database")
            } catch {
                problems.append("\(error)")
            }
            var info = stat()
            if stat(database, &info) == 0 { databaseBytes = Int(info.st_size) }
            BenchmarkRun.log("SQLite file open + filter on \(records) records: \(repetitions) rounds")
            sqliteFile = work.alternate([
                ProcessCase(name: "cstoq", arguments: [tools.cstoq, "--data", database, "--format", "csv", "-e", InProcessBenchmarks.filterQuery], expected: expectedCount),
                // 2.5: the same file queried in place, the count computed by SQLite.
                ProcessCase(name: "cstoq in place", arguments: [tools.cstoq, "--data", database, "--in-place", "--format", "csv", "-e", InProcessBenchmarks.filterQuery], expected: expectedCount),
                ProcessCase(name: "sqlite3", arguments: [s, "-batch", database, Peers.filterSQL], expected: expectedCount),
            ], rounds: repetitions, warmUp: processWarmUp)
        }

        // 2e, 2f. The same records in a private PostgreSQL server.
        var postgres: PostgresRun.Figures?
        if let cluster = postgresCluster, let psql = tools.psql {
            let figures = PostgresRun(cstoq: tools.cstoq, psql: psql, cluster: cluster, work: work, workFolder: workFolder)
                .run(csv: files.csv, records: records, expectedCount: expectedCount, rounds: repetitions, warmUp: processWarmUp)
            problems += figures.problems
            postgres = figures
        } else {
            tools.notes.append("no PostgreSQL rows: " + (postgresCluster == nil ? "no --postgres-cluster script given" : "no psql found"))
        }

        // 3. The peers' in-memory query times.
        var sqlite = Measurements()
        if let s = tools.sqlite3 {
            BenchmarkRun.log("sqlite3: the three queries, in memory")
            do {
                let outcome = try work.once([s, "-batch", ":memory:"], standardInput: sqliteQueryScript, name: "sqlite-queries")
                let parsed = Peers.parseSQLiteTimes(outcome.output)
                sqlite.samples = parsed.times
                sqlite.values["filter.answer"] = parsed.answers["filter"]?.first ?? ""
                sqlite.values["top.answer"] = (parsed.answers["top"] ?? []).map { $0.split(separator: "|").last.map(String.init) ?? "" }.joined(separator: " ")
                sqlite.values["group.answer"] = (parsed.answers["group"] ?? []).map { $0.split(separator: "|").joined(separator: "=") }.joined(separator: " ")
            } catch {
                problems.append(error.description)
            }
        }
        var duckdb = Measurements()
        if let p = tools.python {
            BenchmarkRun.log("DuckDB: the three queries, in memory")
            do {
                let outcome = try work.once([p, duckdbScript, "queries", files.ndjson, quick ? "1" : "3", String(harness.repetitions)], name: "duckdb-queries")
                duckdb = Measurements(parsing: outcome.output)
            } catch {
                problems.append(error.description)
            }
        }

        // 4. cstoq in process: a child of its own, so its memory stays out of the other runs.
        BenchmarkRun.log("cstoq in process: load, queries, completion, lexer and parser")
        var inProcess = Measurements()
        var inProcessPeakMB = Double.nan
        do {
            let outcome = try work.once([tools.bench, "measure", "--data", files.cstoq, "--warm-up", String(harness.warmUp),
                                         "--repeat", String(harness.repetitions), "--script-bytes", String(scriptBytes)], name: "measure")
            inProcess = Measurements(parsing: outcome.output)
            inProcessPeakMB = outcome.peakMB
        } catch {
            problems.append(error.description)
        }

        // The answers, all of them.
        if let loaded = inProcess.values["records"], loaded != String(records) {
            problems.append("cstoq loaded \(loaded) records of \(records)")
        }
        for (who, m) in [("cstoq (in process)", inProcess), ("sqlite3", sqlite), ("DuckDB", duckdb)] where !m.samples.isEmpty {
            let checks = [("filter", m.values["filter.answer"], expectedCount),
                          ("top-10", m.values["top.answer"], expectedTop),
                          ("group by", m.values["group.answer"].map(BenchmarkRun.sortedGroups), BenchmarkRun.sortedGroups(answers.statusCounts))]
            for (what, got, expected) in checks where got != expected {
                problems.append("\(who) answered the \(what) query wrong: \(got ?? "nothing"), expected \(expected)")
            }
        }
        for (stage, figures) in [("start-up", started), ("load + filter", loaded), ("CSV load + filter", csvLoaded), ("SQLite file", sqliteFile)] {
            for (name, f) in figures.sorted(by: { $0.key < $1.key }) {
                if let failure = f.failure { problems.append("\(stage), \(name): \(failure)") }
            }
        }
        if let answer = inProcess.values["complete.value.answer"], !answer.split(separator: " ").contains("active") {
            problems.append("value completion did not offer 'active': \(answer)")
        }
        if let answer = inProcess.values["complete.boolean.answer"], answer != "false true" {
            problems.append("value completion of a boolean did not offer false and true: \(answer)")
        }
        if let answer = inProcess.values["complete.field.answer"], !answer.split(separator: " ").contains("city") {
            problems.append("field completion did not offer 'city': \(answer)")
        }

        let report = Report(records: records, jsonBytes: files.size(of: files.cstoq), started: started, loaded: loaded,
                            csvBytes: files.size(of: files.csv), csvLoaded: csvLoaded, databaseBytes: databaseBytes, sqliteFile: sqliteFile,
                            sqlite: sqlite, duckdb: duckdb, inProcess: inProcess, inProcessPeakMB: inProcessPeakMB, postgres: postgres)
        var text = report.table().text
        var notes = tools.notes
        notes += report.notes(floorKB: floorKB)
        notes += postgres?.notes ?? []
        notes.append("setting: \(records) records (\(Figure.megabytes(Double(files.size(of: files.cstoq)) / 1_048_576)) in cstoq's format, "
                     + "\(Figure.megabytes(Double(files.size(of: files.array)) / 1_048_576)) as a JSON array, \(Figure.megabytes(Double(files.size(of: files.csv)) / 1_048_576)) as CSV), seed \(seed); "
                     + "process runs: \(startupRounds) start-ups and \(repetitions) load\(repetitions == 1 ? "" : "s") each, alternating, after \(processWarmUp == 0 ? "no" : "one") warm-up round; "
                     + "in process: \(harness.warmUp) warm-up runs then \(harness.repetitions) timed")
        notes.append("machine: \(BenchmarkRun.machine()); \(competition.note())")
        var versions = [buildNote.map { "cstoq \($0)" } ?? "cstoq \(tools.cstoq)"]
        if let v = tools.version(tools.sqlite3, ["--version"], work: work) { versions.append("sqlite3 " + (v.split(separator: " ").first.map(String.init) ?? v)) }
        if let v = tools.version(tools.jq, ["--version"], work: work) { versions.append(v) }
        if let v = postgres?.serverVersion { versions.append("PostgreSQL \(v) (a private server on a Unix socket)") }
        if let v = duckdb.values["version"] { versions.append("DuckDB \(v) (Python package, \(duckdb.values["threads"] ?? "?") threads)") }
        notes.append("versions: " + versions.joined(separator: ", "))
        if records != 1_000_000 { notes.append("the goals are set for 1,000,000 records; at \(Figure.count(records)) the verdicts are only indicative") }
        if quick { notes.append("a quick smoke run: too few repetitions for the figures to mean much") }
        text += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n"
        if !problems.isEmpty {
            text += "\nProblems (the benchmark itself failed):\n" + problems.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        print(text, terminator: "")
        try? BenchmarkRun.write(text, to: "\(dataRoot)/results-\(records).md")
        BenchmarkRun.log("table saved to \(dataRoot)/results-\(records).md")
        return problems.isEmpty
    }

    static func sortedGroups(_ text: String) -> String {
        text.split(separator: " ").sorted().joined(separator: " ")
    }

    static func sortedGroups(_ counts: [String: Int]) -> String {
        counts.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
    }

    static func write(_ text: String, to path: String) throws(OutputFile.Failure) {
        var file = try OutputFile(path: path)
        file.write(text)
        try file.close()
    }

    /// Cores and processor, from the system.
    static func machine() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        var model = "unknown processor"
        if let bytes = try? FileReader.read("/proc/cpuinfo") {
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) where line.hasPrefix("model name") {
                model = line.split(separator: ":", maxSplits: 1).last.map { String($0.drop { $0 == " " }) } ?? model
                break
            }
        }
        var memory = ""
        if let bytes = try? FileReader.read("/proc/meminfo"),
           let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("MemTotal:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            memory = ", \(kb / 1_048_576 + (kb % 1_048_576 > 524_288 ? 1 : 0)) GB memory"
        }
        return "\(cores) cores, \(model)\(memory)"
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
