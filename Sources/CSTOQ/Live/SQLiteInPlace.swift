import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A SQLite file queried where it is: opened read-only (and `query_only`),
/// each query's SQL run by libsqlite3 in this process, nothing loaded. Text
/// is compared by `cstoq_fold`, a function registered on the connection
/// that is `ValueComparison.fold` itself, so SQLite's ASCII-only `lower`
/// never decides what is equal. A timeout and a cancel stop the statement
/// through SQLite's progress handler and `sqlite3_interrupt`.
public final class SQLiteInPlace: LiveDatabase, @unchecked Sendable {
    public let dialect = SQLDialect.sqlite
    public let displayName: String
    let db: OpaquePointer
    /// When the running statement must stop (a timeout), in nanoseconds of the monotonic clock; 0: never.
    var deadline: UInt64 = 0

    /// The file size from which `--data FILE.db` queries the file in place
    /// instead of loading it (below it, loading answers faster).
    public static let inPlaceSize = 256 << 20

    public init(path: String, name: String) throws(Diagnostic) {
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw Diagnostic(.sqliteCannotOpen(path: name, reason: reason))
        }
        db = handle
        displayName = name
        sqlite3_exec(db, "PRAGMA query_only = 1", nil, nil, nil)
        sqlite3_create_function_v2(db, "cstoq_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, { context, _, values in
            guard let v = values?[0], sqlite3_value_type(v) != SQLITE_NULL else { sqlite3_result_null(context); return }
            let p = sqlite3_value_text(v)
            let n = Int(sqlite3_value_bytes(v))
            let bytes = UnsafeBufferPointer(start: p, count: n)
            // Most values are ASCII already in lower case: the key is the value itself, no String made.
            var plain = true
            for b in bytes where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { plain = false; break }
            if plain, sqlite3_value_type(v) == SQLITE_TEXT {
                sqlite3_result_value(context, v)
                return
            }
            let folded = ValueComparison.fold(String(decoding: bytes, as: UTF8.self))
            sqlite3_result_text(context, folded, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }, nil, nil, nil)
        // Checked every 10,000 virtual-machine steps: a timeout's deadline.
        sqlite3_progress_handler(db, 10_000, { context in
            guard let context else { return 0 }
            let me = Unmanaged<SQLiteInPlace>.fromOpaque(context).takeUnretainedValue()
            return me.deadline != 0 && SQLiteInPlace.now() > me.deadline ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        // A file that is not a database says so here, at the first read.
        do { _ = try rows("SELECT count(*) FROM sqlite_master", []) } catch {
            sqlite3_close(db)
            throw Diagnostic(.sqliteCannotOpen(path: name, reason: error.reason))
        }
    }

    deinit { sqlite3_close(db) }

    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    typealias Failure = SQLiteImport.SQLiteFailure

    func rows(_ sql: String, _ parameters: [String]) throws(Failure) -> [[String?]] {
        try SQLiteImport.rows(db, sql, parameters)
    }

    public func catalog() throws(Diagnostic) -> [CatalogTable] {
        do throws(Failure) {
            var tables: [CatalogTable] = []
            let listed = try rows("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", [])
            for entry in listed {
                let name = entry[0] ?? ""
                let info = try rows("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", [name])
                let columns = info.map { CatalogTable.Column(name: $0[0] ?? "", type: $0[1] ?? "") }
                let key = info.filter { (Int($0[2] ?? "0") ?? 0) > 0 }.sorted { Int($0[2]!)! < Int($1[2]!)! }.map { $0[0] ?? "" }
                let fks = try rows("SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", [name])
                let byID = Dictionary(grouping: fks, by: { $0[0] ?? "" })
                let foreignKeys = byID.sorted { $0.key < $1.key }.compactMap { _, parts -> CatalogTable.ForeignKey? in
                    guard parts.count == 1, let from = parts[0][2], let target = parts[0][1] else { return nil }
                    return CatalogTable.ForeignKey(column: from, table: target)
                }
                var hasRowid = false
                if entry[1] == "table" {
                    var stmt: OpaquePointer?
                    hasRowid = sqlite3_prepare_v2(db, "SELECT _rowid_ FROM \(SQLDialect.identifier(name))", -1, &stmt, nil) == SQLITE_OK
                    sqlite3_finalize(stmt)
                }
                tables.append(CatalogTable(name: name, columns: columns, primaryKey: key, foreignKeys: foreignKeys, hasRowid: hasRowid))
            }
            if tables.isEmpty { throw Failure(reason: "it holds no tables") }
            return tables
        } catch {
            throw Diagnostic(.sqliteCannotOpen(path: displayName, reason: error.reason))
        }
    }

    public func run(_ statement: SQLStatement, timeout: Duration?, row: ([LiveCell]) -> Bool) throws(Diagnostic) {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, statement.text, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw Diagnostic(.liveFailed(database: displayName, reason: String(cString: sqlite3_errmsg(db))))
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, v) in statement.parameters.enumerated() {
            let n = Int32(i + 1)
            switch v {
            case .null, .reference, .list: sqlite3_bind_null(stmt, n)
            case let .text(t): sqlite3_bind_text(stmt, n, t, -1, transient)
            case let .integer(x): sqlite3_bind_int64(stmt, n, Int64(x))
            case let .decimal(d): sqlite3_bind_double(stmt, n, d)
            case let .boolean(b): sqlite3_bind_int64(stmt, n, b ? 1 : 0)
            case let .date(d): sqlite3_bind_text(stmt, n, d.description, -1, transient)
            }
        }
        if let timeout {
            let (s, atto) = timeout.components
            deadline = SQLiteInPlace.now() + UInt64(s) * 1_000_000_000 + UInt64(atto / 1_000_000_000)
        }
        defer { deadline = 0 }
        let count = sqlite3_column_count(stmt)
        var cells = [LiveCell](repeating: .null, count: Int(count))
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                if rc == SQLITE_INTERRUPT {
                    if deadline != 0, SQLiteInPlace.now() > deadline { throw Diagnostic(.liveTimeout(database: displayName, after: timeout!)) }
                    throw Diagnostic(.cancelled)
                }
                throw Diagnostic(.liveFailed(database: displayName, reason: String(cString: sqlite3_errmsg(db))))
            }
            for c in 0..<count {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: cells[Int(c)] = .null
                case SQLITE_INTEGER: cells[Int(c)] = .integer(Int(sqlite3_column_int64(stmt, c)))
                case SQLITE_FLOAT: cells[Int(c)] = .decimal(sqlite3_column_double(stmt, c))
                default: cells[Int(c)] = .text(sqlite3_column_text(stmt, c).map { String(cString: $0) } ?? "")
                }
            }
            if !row(cells) { return }
        }
    }

    public func plan(_ statement: SQLStatement) throws(Diagnostic) -> [String] {
        var lines: [String] = []
        try run(SQLStatement(text: "EXPLAIN QUERY PLAN " + statement.text, parameters: statement.parameters), timeout: .seconds(5)) { cells in
            if cells.count >= 4, case let .text(detail) = cells[3] { lines.append(detail) }
            return true
        }
        return lines
    }

    public func cancel() { sqlite3_interrupt(db) }
}
