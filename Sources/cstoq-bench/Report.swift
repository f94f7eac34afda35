/// The table of one run: each figure of cstoq beside its peers', the goal
/// from the issue, and whether this run meets it, with the ratio that
/// decides. Every ratio is between figures of the same run.
struct Report {
    var records: Int
    var jsonBytes: Int
    var started: [String: ProcessFigures]
    var loaded: [String: ProcessFigures]
    var csvBytes: Int
    var csvLoaded: [String: ProcessFigures]
    var databaseBytes: Int
    var sqliteFile: [String: ProcessFigures]
    var sqlite: Measurements
    var duckdb: Measurements
    var inProcess: Measurements
    var inProcessPeakMB: Double
    var postgres: PostgresRun.Figures?

    /// The goals of issue "cstoq 5/6", in the units the table uses.
    enum Goal {
        static let startupRatio = 1.2
        static let startupMB = 8.0
        static let loadSeconds = 0.5
        static let jqSpeedup = 7.0
        static let loadMemoryRatio = 4.0
        static let filterSeconds = 0.015
        static let topSeconds = 0.015
        static let groupSeconds = 0.050
        static let duckdbRatio = 2.0
        static let lexMBps = 200.0
        static let parseMBps = 50.0
        static let completionSeconds = 0.005
        /// Issue 2.4: the CSV loaded and filtered faster than DuckDB, peak within 3× the file;
        /// a SQLite table within 2× of sqlite3's own count.
        static let csvMemoryRatio = 3.0
        static let sqliteRatio = 2.0
        /// Issue 2.5: through translation within 1.2× of psql running the same SQL; a long
        /// result's first row at once (under half a second), its memory flat (under 50 MB).
        static let psqlRatio = 1.2
        static let firstRowSeconds = 0.5
        static let streamedMB = 50.0
    }

    static func verdict(_ met: Bool?, _ detail: String) -> String {
        switch met {
        case true?: "yes (\(detail))"
        case false?: "NO (\(detail))"
        case nil: "n/a"
        }
    }

    /// `x× faster` when the peer takes longer, `x× slower` otherwise.
    static func speed(_ cstoq: Double, _ peer: Double) -> String {
        peer >= cstoq ? "\(Figure.ratio(peer / cstoq)) faster" : "\(Figure.ratio(cstoq / peer)) slower"
    }

    static func median(_ f: ProcessFigures?) -> Double? {
        guard let f, !f.times.isEmpty else { return nil }
        return f.times.median
    }

    func table() -> ResultTable {
        var table = ResultTable(["metric", "cstoq", "peers", "goal", "met?"])
        let n = Figure.count(records)

        // Goal 1.
        let cstoqStart = started["cstoq"]
        let sqliteStart = Report.median(started["sqlite3"])
        var startPeers: [String] = []
        if let f = started["sqlite3"] { startPeers.append("sqlite3 `:memory: 'select 1'`: \(f.summary)") }
        if let f = started["jq"] { startPeers.append("jq on a tiny file: \(f.summary)") }
        var startVerdicts: [String] = []
        if let c = Report.median(cstoqStart), let s = sqliteStart {
            startVerdicts.append(Report.verdict(c / s <= Goal.startupRatio, "\(Figure.ratio(c / s)) sqlite3"))
        } else {
            startVerdicts.append("n/a")
        }
        if let f = cstoqStart, !f.times.isEmpty { startVerdicts.append(Report.verdict(f.peakMB <= Goal.startupMB, Figure.megabytes(f.peakMB))) }
        table.add(["1. start-up: `cstoq -e 'members where status = active'`", cstoqStart?.summary ?? "–",
                   startPeers.joined(separator: "; "), "≤ 1.2× sqlite3; ≤ 8 MB", startVerdicts.joined(separator: "; ")])

        // Goal 2.
        let fileMB = Double(jsonBytes) / 1_048_576
        let cstoqLoad = loaded["cstoq"]
        var loadPeers: [String] = []
        for (key, label) in [("jq", "jq"), ("sqlite3", "sqlite3 (CSV import + count)"), ("DuckDB array", "DuckDB (JSON array)"),
                             ("DuckDB NDJSON", "DuckDB (NDJSON)")] {
            if let f = loaded[key] { loadPeers.append("\(label): \(f.summary)") }
        }
        var loadVerdicts: [String] = []
        if let c = Report.median(cstoqLoad), let f = cstoqLoad {
            loadVerdicts.append(Report.verdict(c <= Goal.loadSeconds, Figure.duration(c)))
            if let j = Report.median(loaded["jq"]) {
                loadVerdicts.append(Report.verdict(j / c >= Goal.jqSpeedup, "\(Report.speed(c, j)) than jq"))
            }
            for (key, label) in [("DuckDB array", "DuckDB array"), ("DuckDB NDJSON", "DuckDB NDJSON")] {
                if let d = Report.median(loaded[key]) { loadVerdicts.append(Report.verdict(c < d, "\(Report.speed(c, d)) than \(label)")) }
            }
            loadVerdicts.append(Report.verdict(f.peakMB <= Goal.loadMemoryRatio * fileMB, "peak \(Figure.ratio(f.peakMB / fileMB)) the file"))
        }
        table.add(["2. load + filter: `cstoq --data items.json -e 'count items where …'`, \(n) records (\(Figure.megabytes(fileMB)))",
                   cstoqLoad.map { $0.summary } ?? "–", loadPeers.joined(separator: "; "),
                   "≤ 0.5 s; ≥ 7× faster than jq; faster than DuckDB; peak ≤ 4× the file",
                   loadVerdicts.isEmpty ? "n/a" : loadVerdicts.joined(separator: "; ")])

        // Issue 2.4: the CSV and the SQLite file.
        let csvMB = Double(csvBytes) / 1_048_576
        let cstoqCSV = csvLoaded["cstoq"]
        var csvPeers: [String] = []
        for (key, label) in [("DuckDB", "DuckDB `read_csv`"), ("sqlite3", "sqlite3 (`.import` + count)"), ("Python csv", "Python's csv module")] {
            if let f = csvLoaded[key] { csvPeers.append("\(label): \(f.summary)") }
        }
        var csvVerdicts: [String] = []
        if let c = Report.median(cstoqCSV), let f = cstoqCSV {
            if let d = Report.median(csvLoaded["DuckDB"]) { csvVerdicts.append(Report.verdict(c < d, "\(Report.speed(c, d)) than DuckDB")) }
            if let s = Report.median(csvLoaded["sqlite3"]) { csvVerdicts.append("\(Report.speed(c, s)) than sqlite3") }
            if let p = Report.median(csvLoaded["Python csv"]) { csvVerdicts.append("\(Report.speed(c, p)) than Python csv") }
            csvVerdicts.append(Report.verdict(f.peakMB <= Goal.csvMemoryRatio * csvMB, "peak \(Figure.ratio(f.peakMB / csvMB)) the file"))
        }
        table.add(["2b. CSV load + filter: `cstoq --data items.csv -e 'count items where …'`, \(n) rows (\(Figure.megabytes(csvMB)))",
                   cstoqCSV.map { $0.summary } ?? "–", csvPeers.joined(separator: "; "),
                   "faster than DuckDB; peak ≤ 3× the file", csvVerdicts.isEmpty ? "n/a" : csvVerdicts.joined(separator: "; ")])
        let cstoqDB = sqliteFile["cstoq"]
        var dbVerdicts: [String] = []
        if let c = Report.median(cstoqDB), let s = Report.median(sqliteFile["sqlite3"]) {
            dbVerdicts.append(Report.verdict(c <= Goal.sqliteRatio * s, "\(Figure.ratio(c / s)) sqlite3's time"))
        }
        table.add(["2c. SQLite file, open + filter: `cstoq --data items.db -e 'count items where …'`, \(n) rows (\(Figure.megabytes(Double(databaseBytes) / 1_048_576)))",
                   cstoqDB.map { $0.summary } ?? "–", sqliteFile["sqlite3"].map { "sqlite3 `items.db 'SELECT count(*) … WHERE …'`: \($0.summary)" } ?? "",
                   "≤ 2× sqlite3", dbVerdicts.isEmpty ? "n/a" : dbVerdicts.joined(separator: "; ")])
        let inPlace = sqliteFile["cstoq in place"]
        var inPlaceVerdicts: [String] = []
        if let c = Report.median(inPlace), let s = Report.median(sqliteFile["sqlite3"]) {
            inPlaceVerdicts.append(Report.verdict(c <= Goal.sqliteRatio * s, "\(Figure.ratio(c / s)) sqlite3's time"))
        }
        table.add(["2d. SQLite file in place: `cstoq --data items.db --in-place -e 'count items where …'` (2.5), \(n) rows",
                   inPlace.map { $0.summary } ?? "–", sqliteFile["sqlite3"].map { "sqlite3: \($0.summary)" } ?? "",
                   "≤ 2× sqlite3", inPlaceVerdicts.isEmpty ? "n/a" : inPlaceVerdicts.joined(separator: "; ")])

        if let postgres { addPostgres(postgres, to: &table) }

        // Goal 3.
        for (key, label, limit) in [("filter", "3. filter, two conditions", Goal.filterSeconds),
                                    ("top", "3. top 10: `order by score desc limit 10`", Goal.topSeconds),
                                    ("group", "3. `group by status` (4 groups)", Goal.groupSeconds)] {
            let c = inProcess[key]
            let session = inProcess[key + ".session"]
            var peers: [String] = []
            if !sqlite[key].isEmpty { peers.append("sqlite3: \(Figure.durations(sqlite[key]))") }
            if !duckdb[key].isEmpty { peers.append("DuckDB: \(Figure.durations(duckdb[key]))") }
            var verdicts: [String] = []
            if !c.isEmpty {
                verdicts.append(Report.verdict(c.median <= limit, Figure.duration(c.median)))
                if sqlite[key].median > 0 {
                    verdicts.append(Report.verdict(c.median < sqlite[key].median, "\(Report.speed(c.median, sqlite[key].median)) than sqlite3"))
                } else if !sqlite[key].isEmpty {
                    verdicts.append("n/a (sqlite3 under its timer's 1 ms)")
                }
                if !duckdb[key].isEmpty {
                    verdicts.append(Report.verdict(c.median <= Goal.duckdbRatio * duckdb[key].median, "\(Figure.ratio(c.median / duckdb[key].median)) DuckDB's time"))
                }
            }
            table.add(["\(label), in memory, \(n) records",
                       c.isEmpty ? "–" : Figure.durations(c) + (session.isEmpty ? "" : "; in a Session, rendered: \(Figure.duration(session.median))"),
                       peers.joined(separator: "; "),
                       "≤ \(Figure.duration(limit)); faster than sqlite3; ≤ 2× DuckDB",
                       verdicts.isEmpty ? "n/a" : verdicts.joined(separator: "; ")])
        }

        // Goal 4.
        let scriptBytes = Double(inProcess.values["script.bytes"].flatMap { Int($0) } ?? 0)
        let scriptMB = scriptBytes / 1_000_000
        let statements = inProcess.values["script.statements"].flatMap { Int($0) } ?? 0
        for (key, label, goal) in [("lex", "4. lexer", Goal.lexMBps), ("parse", "4. lexer + parser", Goal.parseMBps)] {
            let s = inProcess[key]
            guard !s.isEmpty, scriptMB > 0 else {
                table.add([label, "–", "", "≥ \(Figure.throughput(goal))", "n/a"])
                continue
            }
            let rate = scriptMB / s.median
            table.add(["\(label), a generated script (\(String(format1: scriptMB, "%.1f")) MB, \(Figure.count(statements)) statements)",
                       "\(Figure.throughput(rate)) (\(Figure.throughput(scriptMB / s.max))–\(Figure.throughput(scriptMB / s.min))), \(Figure.duration(s.median)) a pass",
                       "", "≥ \(Figure.throughput(goal))", Report.verdict(rate >= goal, Figure.throughput(rate))])
        }

        // Goal 5.
        for (key, label) in [("complete.value.first", "5. Tab: `items where status = ` ⇥, the first time"),
                             ("complete.value.again", "5. Tab: the same again (values remembered)"),
                             ("complete.boolean.first", "5. Tab: `items where active = ` ⇥, the first time"),
                             ("complete.field", "5. Tab: `items where ci` ⇥")] {
            let s = inProcess[key]
            table.add(["\(label), \(n) records", s.isEmpty ? "–" : Figure.durations(s), "", "< 5 ms",
                       s.isEmpty ? "n/a" : Report.verdict(s.median < Goal.completionSeconds, Figure.duration(s.median))])
        }

        // For the record: the load alone, inside one process.
        let load = inProcess["load"]
        var alonePeers: [String] = []
        if !duckdb["load"].isEmpty { alonePeers.append("DuckDB `CREATE TABLE … read_json(NDJSON)`: \(Figure.durations(duckdb["load"]))") }
        table.add(["(no goal) the load alone, in process: `DatasetLoader.load`", load.isEmpty ? "–" : "\(Figure.durations(load)); the measuring process peaked at \(Figure.megabytes(inProcessPeakMB))",
                   alonePeers.joined(separator: "; "), "–", "–"])
        return table
    }

    /// Rows 2e and 2f: the same records in PostgreSQL.
    func addPostgres(_ pg: PostgresRun.Figures, to table: inout ResultTable) {
        let n = Figure.count(records)
        for (key, query, _) in PostgresRun.queries {
            guard let f = pg.queries[key] else { continue }
            var peers: [String] = []
            if let p = f["psql"] { peers.append("psql, the same SQL: \(p.summary)") }
            if let p = f["psql typed"] { peers.append("psql, the SQL typed by hand: \(p.summary)") }
            var verdicts: [String] = []
            if let c = Report.median(f["cstoq"]), let p = Report.median(f["psql"]) {
                verdicts.append(Report.verdict(c <= Goal.psqlRatio * p, "\(Figure.ratio(c / p)) psql's time"))
                if let t = Report.median(f["psql typed"]) { verdicts.append("\(Figure.ratio(c / t)) the typed SQL's") }
            }
            table.add(["2e. PostgreSQL: `cstoq --data postgres://… -e '\(query)'`, \(n) rows", f["cstoq"]?.summary ?? "–",
                       peers.joined(separator: "; "), "≤ 1.2× psql (same SQL)", verdicts.isEmpty ? "n/a" : verdicts.joined(separator: "; ")])
        }
        guard let c = pg.streamed["cstoq"] else { return }
        var peers: [String] = []
        for who in ["psql", "psql FETCH_COUNT"] {
            if let p = pg.streamed[who] { peers.append("\(who == "psql" ? "psql" : "psql with FETCH_COUNT=1000"): \(p.summary)") }
        }
        var verdicts: [String] = []
        if c.failure == nil, !c.firstRow.isEmpty {
            verdicts.append(Report.verdict(c.firstRow.median <= Goal.firstRowSeconds, "first row \(Figure.duration(c.firstRow.median))"))
            let peak = Double(c.peaksKB.sorted()[c.peaksKB.count / 2]) / 1024
            verdicts.append(Report.verdict(peak <= Goal.streamedMB, "peak \(Figure.megabytes(peak))"))
        }
        table.add(["2f. PostgreSQL: a \(Figure.count(pg.longRows))-row result, `cstoq --data postgres://… --format csv -e long_rows` read to its end", c.summary,
                   peers.joined(separator: "; "), "first row < 0.5 s; peak < 50 MB", verdicts.isEmpty ? "n/a" : verdicts.joined(separator: "; ")])
    }

    func notes(floorKB: Int) -> [String] {
        var notes = ["times are medians (min–max); process times are wall time from fork to wait4, then the median CPU time (user + system, all threads) and peak memory (ru_maxrss), both from wait4; the goals are judged on wall time; MB are 2^20 bytes, but MB/s 10^6 bytes a second",
                     "the queries: cstoq `\(InProcessBenchmarks.filterQuery)`, `\(InProcessBenchmarks.topQuery)`, `\(InProcessBenchmarks.groupQuery)`; "
                         + "SQL `\(Peers.filterSQL)`, `\(Peers.topSQL)`, `\(Peers.groupSQL)`; jq `\(Peers.jqFilter)`",
                     "in memory: cstoq through Parser → Checker → Evaluator in one process (and through a Session, which also renders the table); sqlite3 by its `.timer` (1 ms resolution) on a table imported from the CSV, no index; DuckDB timed in Python around `execute(…).fetchall()` on a table created from the NDJSON"]
        let floorMB = Double(floorKB) / 1024
        let lowest = (Array(started.values) + Array(loaded.values) + Array(csvLoaded.values) + Array(sqliteFile.values)).filter { !$0.peaksKB.isEmpty }.map(\.peakMB).min() ?? .infinity
        notes.append("memory floor: \(Figure.megabytes(floorMB)) (a forked child's peak is counted from this process's anonymous memory)"
                     + (lowest <= floorMB * 1.1 ? "; a peak at that floor may be lower in truth" : "; every peak is above it"))
        return notes
    }
}
