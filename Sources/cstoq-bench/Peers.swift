/// What a user would otherwise pick, asked the same questions of the same
/// rows: sqlite3 (CSV imported into an in-memory table), jq (the JSON
/// array), and DuckDB through its Python package (the JSON array and the
/// newline-delimited JSON). The SQL and the jq filter are the benchmark's
/// three queries written in each tool's own language.
enum Peers {
    static let filterSQL = "SELECT count(*) FROM items WHERE status = 'active' AND score > 50000"
    static let topSQL = "SELECT id, score FROM items ORDER BY score DESC LIMIT 10"
    static let groupSQL = "SELECT status, count(*) FROM items GROUP BY status"
    static let queries = [("filter", filterSQL), ("top", topSQL), ("group", groupSQL)]
    static let jqFilter = #"[.[] | select(.status == "active" and .score > 50000)] | length"#

    // MARK: sqlite3

    /// The table with the columns typed, so `score > 50000` compares numbers
    /// (a table made by `.import` alone has only text columns).
    static func sqliteImport(csv: String) -> String {
        """
        CREATE TABLE items(id TEXT, name TEXT, status TEXT, city TEXT, score INTEGER, weight REAL, active TEXT, day TEXT);
        .import --csv --skip 1 '\(csv)' items

        """
    }

    /// Import, then the filter: what a user runs to ask one question of the CSV.
    static func sqliteLoadAndCount(csv: String) -> String {
        sqliteImport(csv: csv) + filterSQL + ";\n"
    }

    /// Import once, then each query `warmUp + repetitions` times in turn, each
    /// announced by `.print @KEY` and timed by sqlite3's own `.timer`.
    static func sqliteQueries(csv: String, warmUp: Int, repetitions: Int) -> String {
        var script = sqliteImport(csv: csv) + ".timer on\n"
        for round in 0..<(warmUp + repetitions) {
            for (key, sql) in queries {
                script += ".print @\(round < warmUp ? "warm-" : "")\(key)\n\(sql);\n"
            }
        }
        return script
    }

    /// The `.timer` lines (`Run Time: real 0.056 user … sys …`) per query, and
    /// each query's rows from its first run.
    static func parseSQLiteTimes(_ output: String) -> (times: [String: Samples], answers: [String: [String]]) {
        var times: [String: Samples] = [:]
        var answers: [String: [String]] = [:]
        var key = ""
        var collecting: String?
        for line in output.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("@") {
                key = String(line.dropFirst())
                let bare = key.hasPrefix("warm-") ? String(key.dropFirst(5)) : key
                collecting = answers[bare] == nil ? bare : nil
                if let collecting { answers[collecting] = [] }
            } else if line.hasPrefix("Run Time: real ") {
                guard !key.hasPrefix("warm-"), let seconds = Double(line.split(separator: " ")[3]) else { continue }
                times[key, default: Samples()].append(seconds)
            } else if let collecting {
                answers[collecting, default: []].append(String(line))
            }
        }
        return (times, answers)
    }

    /// The CSV file as a typed SQLite table in a database file of its own:
    /// what `cstoq --data items.db` opens and `sqlite3 items.db` asks.
    static func sqliteDatabase(csv: String) -> String {
        sqliteImport(csv: csv).replacingOccurrences("active TEXT", "active BOOLEAN").replacingOccurrences("day TEXT", "day DATE")
            + "UPDATE items SET active = (active = 'true');\nVACUUM;\n"
    }

    // MARK: Python's csv module

    /// `python3 SCRIPT FILE`: the filter over the CSV with the standard library alone.
    static let pythonCSVScript = #"""
    import csv, sys

    count = 0
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] == "active" and int(row["score"]) > 50000:
                count += 1
    print(count)
    """#

    // MARK: DuckDB

    /// Run by `python3 SCRIPT count FORMAT FILE` (one question of a JSON file,
    /// as a user would ask it) or `python3 SCRIPT queries FILE WARM REPS` (the
    /// three queries on a table loaded once, timed inside Python).
    static let duckdbScript = #"""
    import sys, time
    import duckdb

    FILTER = "SELECT count(*) FROM items WHERE status = 'active' AND score > 50000"
    QUERIES = [
        ("filter", FILTER),
        ("top", "SELECT id, score FROM items ORDER BY score DESC LIMIT 10"),
        ("group", "SELECT status, count(*) FROM items GROUP BY status"),
    ]

    def main():
        mode = sys.argv[1]
        if mode == "count":
            fmt, path = sys.argv[2], sys.argv[3]
            source = "read_csv('%s')" % path if fmt == "csv" else "read_json('%s', format='%s')" % (path, fmt)
            sql = FILTER.replace("FROM items", "FROM " + source)
            print(duckdb.sql(sql).fetchall()[0][0])
            return
        path, warm, reps = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        con = duckdb.connect()
        start = time.perf_counter()
        con.execute("CREATE TABLE items AS SELECT * FROM read_json('%s', format='newline_delimited')" % path)
        print("samples load", time.perf_counter() - start)
        answers = {}
        for _ in range(warm):
            for key, sql in QUERIES:
                answers[key] = con.execute(sql).fetchall()
        times = {key: [] for key, _ in QUERIES}
        for _ in range(reps):
            for key, sql in QUERIES:
                start = time.perf_counter()
                rows = con.execute(sql).fetchall()
                times[key].append(time.perf_counter() - start)
                answers.setdefault(key, rows)
        for key, _ in QUERIES:
            print("samples", key, *times[key])
        print("value filter.answer", answers["filter"][0][0])
        print("value top.answer", " ".join(str(r[1]) for r in answers["top"]))
        print("value group.answer", " ".join("%s=%s" % r for r in answers["group"]))
        print("value threads", con.execute("SELECT current_setting('threads')").fetchone()[0])
        print("value version", duckdb.__version__)

    main()
    """#
}

extension String {
    /// Every `old` replaced by `new` (without Foundation).
    func replacingOccurrences(_ old: String, _ new: String) -> String {
        split(separator: old, omittingEmptySubsequences: false).joined(separator: new)
    }
}
