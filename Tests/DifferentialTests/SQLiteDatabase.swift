import CSQLite
@testable import CSTOQ

/// An in-memory SQLite database (the system's libsqlite3), loaded with a
/// script and asked statements with bound parameters.
final class SQLiteDatabase {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var db: OpaquePointer?

    init(script: String) throws {
        guard sqlite3_open(":memory:", &db) == SQLITE_OK else { throw Failure(description: "cannot open an in-memory database") }
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, script, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw Failure(description: "the export does not load: " + text)
        }
    }

    deinit { sqlite3_close(db) }

    var version: String { String(cString: sqlite3_libversion()) }

    /// The rows of one statement; a text cell is read as `shapes` says for its column (a list column is JSON text).
    func rows(_ statement: SQLStatement, shapes: [Cell]) throws -> Answer {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, statement.text, -1, &stmt, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, v) in statement.parameters.enumerated() {
            let n = Int32(i + 1)
            switch v {
            case .null, .reference, .list: sqlite3_bind_null(stmt, n)
            case let .text(s): sqlite3_bind_text(stmt, n, s, -1, transient)
            case let .integer(x): sqlite3_bind_int64(stmt, n, sqlite3_int64(x))
            case let .decimal(d): sqlite3_bind_double(stmt, n, d)
            case let .boolean(b): sqlite3_bind_int64(stmt, n, b ? 1 : 0)
            case let .date(d): sqlite3_bind_text(stmt, n, d.description, -1, transient)
            }
        }
        var out: Answer = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            var row: [Cell] = []
            for c in 0..<sqlite3_column_count(stmt) {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: row.append(.null)
                case SQLITE_INTEGER: row.append(.number(Double(sqlite3_column_int64(stmt, c))))
                case SQLITE_FLOAT: row.append(.number(sqlite3_column_double(stmt, c)))
                default:
                    let text = String(cString: sqlite3_column_text(stmt, c))
                    row.append(Cell.reading(text, like: Int(c) < shapes.count ? shapes[Int(c)] : .text("")))
                }
            }
            out.append(row)
        }
        return out
    }
}
