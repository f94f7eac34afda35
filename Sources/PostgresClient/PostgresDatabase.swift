import CLibPQ
import CSTOQ
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server through libpq, as a live database: the connection
/// string is libpq's own (a `postgres://` URL or `host=… dbname=…`; what it
/// leaves out comes from the PG* variables and `~/.pgpass`, as in psql).
/// Every statement runs in `BEGIN READ ONLY` with `SET LOCAL
/// statement_timeout`, its values as text parameters of
/// `PQsendQueryParams`, its rows read one by one (`PQsetSingleRowMode`).
/// A connection that breaks is opened again at the next statement.
///
/// `@unchecked Sendable`: `cancel()` is called from a watcher thread while
/// the statement runs on the caller's; it touches only the PGcancel object,
/// under a lock, and `PQcancel` is thread-safe.
public final class PostgresDatabase: LiveDatabase, @unchecked Sendable {
    public let dialect = SQLDialect.postgres
    public private(set) var displayName: String
    private let conninfo: String
    private var conn: OpaquePointer?
    private var cancelHandle: OpaquePointer?
    private var lock = pthread_mutex_t()
    private var cancelRequested = false

    /// Connects; a refused connection or a bad password is one clear error.
    public init(conninfo: String) throws(Diagnostic) {
        self.conninfo = conninfo
        displayName = ConnectionText.displayName(conninfo)
        pthread_mutex_init(&lock, nil)
        try connect()
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(conn)
        pthread_mutex_destroy(&lock)
    }

    /// Whether a data argument names a PostgreSQL database rather than a file.
    public static func isConnectionString(_ s: String) -> Bool {
        ConnectionText.isConnectionString(s)
    }

    private func connect() throws(Diagnostic) {
        let c = PQconnectdb(conninfo)
        guard let c, PQstatus(c) == CONNECTION_OK else {
            // No connection at all: libpq is missing (it is opened on first use), or memory is.
            let reason = c.map { ConnectionText.firstLine(String(cString: PQerrorMessage($0))) }
                ?? cstoq_libpq_unavailable().map { String(cString: $0) } ?? "out of memory"
            PQfinish(c)
            throw Diagnostic(.liveCannotConnect(database: displayName, reason: ConnectionText.redacting(reason, in: conninfo)),
                             help: "check the host, port, user and database; a password goes in ~/.pgpass (or PGPASSWORD), as for psql")
        }
        // cstoq's text keys are Unicode's (`SQLDialect.fold`): the server's text must be UTF-8.
        let encoding = PQparameterStatus(c, "server_encoding").map { String(cString: $0) } ?? ""
        guard encoding == "UTF8" else {
            PQfinish(c)
            throw Diagnostic(.liveCannotConnect(database: displayName, reason: "its encoding is \(encoding.isEmpty ? "unknown" : encoding), and cstoq compares text by Unicode's rules, in UTF8 databases"),
                             help: "copy the data into a database made WITH ENCODING 'UTF8'")
        }
        PQsetClientEncoding(c, "UTF8")
        let named = ConnectionText.url(user: PQuser(c).map { String(cString: $0) } ?? "", host: PQhost(c).map { String(cString: $0) } ?? "",
                                       port: PQport(c).map { String(cString: $0) } ?? "", database: PQdb(c).map { String(cString: $0) } ?? "")
        pthread_mutex_lock(&lock)
        if let old = cancelHandle { PQfreeCancel(old) }
        cancelHandle = PQgetCancel(c)
        pthread_mutex_unlock(&lock)
        PQfinish(conn)
        conn = c
        displayName = named
        _ = try? command("SET default_transaction_read_only = on")
    }

    /// Runs a statement that gives no rows (BEGIN, SET, COMMIT).
    private func command(_ sql: String) throws(Diagnostic) {
        let r = PQexec(conn, sql)
        defer { PQclear(r) }
        let status = PQresultStatus(r)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw failure(r) }
    }

    /// The error of a result, as one message: the server's primary message, or the lost connection.
    private func failure(_ r: OpaquePointer?) -> Diagnostic {
        if PQstatus(conn) != CONNECTION_OK {
            let reason = ConnectionText.firstLine(String(cString: PQerrorMessage(conn)))
            return Diagnostic(.liveConnectionLost(database: displayName, reason: reason.isEmpty ? "the server closed it" : reason),
                              help: "the next query connects again")
        }
        let primary = PQresultErrorField(r, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            ?? ConnectionText.firstLine(String(cString: PQerrorMessage(conn)))
        return Diagnostic(.liveFailed(database: displayName, reason: primary))
    }

    /// Connects again when the connection broke (a server restart, a network fault).
    private func ensureConnected() throws(Diagnostic) {
        if conn == nil || PQstatus(conn) != CONNECTION_OK { try connect() }
    }

    public func catalog() throws(Diagnostic) -> [CatalogTable] {
        let relations = try rows("""
            SELECT c.oid::text, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname = ANY (current_schemas(false)) AND pg_table_is_visible(c.oid)
            ORDER BY c.oid
            """, [])
        var tables: [CatalogTable] = []
        for r in relations {
            let oid = r[0] ?? "0", name = r[1] ?? ""
            let columns = try rows("""
                SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum
                """, [oid]).map { CatalogTable.Column(name: $0[0] ?? "", type: $0[1] ?? "") }
            let key = try rows("""
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = $1::oid AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)
                """, [oid]).map { $0[0] ?? "" }
            let foreignKeys = try rows("""
                SELECT (SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = con.conkey[1]),
                       (SELECT relname FROM pg_class WHERE oid = con.confrelid)
                FROM pg_constraint con WHERE con.contype = 'f' AND con.conrelid = $1::oid AND array_length(con.conkey, 1) = 1
                ORDER BY con.oid
                """, [oid]).map { CatalogTable.ForeignKey(column: $0[0] ?? "", table: $0[1] ?? "") }
            tables.append(CatalogTable(name: name, columns: columns, primaryKey: key, foreignKeys: foreignKeys))
        }
        return tables
    }

    /// The rows of a catalog query, as text.
    private func rows(_ sql: String, _ parameters: [String]) throws(Diagnostic) -> [[String?]] {
        var out: [[String?]] = []
        try run(SQLStatement(text: sql, parameters: parameters.map(Value.text)), timeout: .seconds(30)) { cells in
            out.append(cells.map { if case let .text(t) = $0 { t } else { nil } })
            return true
        }
        return out
    }

    /// A value as the text of a parameter. PostgreSQL text cannot hold NUL,
    /// which a C string would cut silently: such a value is refused.
    static func parameter(_ v: Value) throws(Diagnostic) -> String? {
        switch v {
        case .null, .reference, .list: return nil
        case let .text(t):
            if t.utf8.contains(0) {
                throw Diagnostic(.liveFailed(database: "PostgreSQL", reason: "a text value holds the NUL character, which PostgreSQL text cannot hold"),
                                 help: "remove the \\0 from the value: no row of a PostgreSQL database can have it")
            }
            return t
        case let .integer(n): return String(n)
        case let .decimal(d): return "\(d)"
        case let .boolean(b): return b ? "true" : "false"
        case let .date(d): return d.description
        }
    }

    /// The type of a parameter: text 25, bigint 20, double precision 701, boolean 16, date 1082 (pg_type's oids).
    static func type(_ v: Value) -> Oid {
        switch v {
        case .integer: 20
        case .decimal: 701
        case .boolean: 16
        case .date: 1082
        default: 25
        }
    }

    public func run(_ statement: SQLStatement, timeout: Duration?, row: ([LiveCell]) -> Bool) throws(Diagnostic) {
        var texts: [String?] = []
        for v in statement.parameters { texts.append(try PostgresDatabase.parameter(v)) }
        // Each parameter's type given, so that the server infers none (a value
        // the SQL does not use, or one inside a function, has no type to infer).
        let types: [Oid] = statement.parameters.map(PostgresDatabase.type)
        try ensureConnected()
        cancelRequested = false
        do {
            try command("BEGIN READ ONLY")
        } catch {
            // A connection that died while idle (a server restart) is opened
            // again and the statement sent on it: nothing of it had run.
            guard PQstatus(conn) != CONNECTION_OK else { throw error }
            try connect()
            try command("BEGIN READ ONLY")
        }
        var finished = false
        defer { if !finished { _ = PQexec(conn, "ROLLBACK").map { PQclear($0) } } }
        let ms = timeout.map { d -> Int64 in
            let (s, atto) = d.components
            return max(1, s * 1000 + atto / 1_000_000_000_000_000)
        } ?? 0
        try command("SET LOCAL statement_timeout = \(ms)")
        // Each value a C string for the length of the call (nil is SQL's null).
        let cStrings: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { for p in cStrings { free(p) } }
        let sent = cStrings.withUnsafeBufferPointer { buffer -> Int32 in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(1, buffer.count)) { values in
                types.withUnsafeBufferPointer { oids in
                    PQsendQueryParams(conn, statement.text, Int32(texts.count), texts.isEmpty ? nil : oids.baseAddress, texts.isEmpty ? nil : values, nil, nil, 0)
                }
            }
        }
        guard sent == 1 else { throw failure(nil) }
        PQsetSingleRowMode(conn)
        var error: Diagnostic?
        var stopped = false
        while let r = PQgetResult(conn) {
            defer { PQclear(r) }
            let status = PQresultStatus(r)
            if status == PGRES_SINGLE_TUPLE, !stopped, error == nil {
                let n = PQnfields(r)
                var cells: [LiveCell] = []
                cells.reserveCapacity(Int(n))
                for c in 0..<n {
                    cells.append(PQgetisnull(r, 0, c) == 1 ? .null : .text(String(cString: PQgetvalue(r, 0, c))))
                }
                if !row(cells) {
                    stopped = true
                    cancel()
                }
            } else if status == PGRES_FATAL_ERROR, error == nil, !stopped {
                let state = PQresultErrorField(r, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                if state == "57014" {
                    error = cancelRequested ? Diagnostic(.cancelled)
                        : Diagnostic(.liveTimeout(database: displayName, after: timeout ?? .zero), help: "a longer time: .timeout SECONDS")
                } else {
                    error = failure(r)
                }
            }
        }
        if let error { throw error }
        if PQstatus(conn) != CONNECTION_OK { throw failure(nil) }
        if stopped { return }
        try command("COMMIT")
        finished = true
    }

    public func plan(_ statement: SQLStatement) throws(Diagnostic) -> [String] {
        var lines: [String] = []
        try run(SQLStatement(text: "EXPLAIN " + statement.text, parameters: statement.parameters), timeout: .seconds(10)) { cells in
            if case let .text(t)? = cells.first { lines.append(t) }
            return true
        }
        return lines
    }

    public func cancel() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        cancelRequested = true
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, 256)
    }
}
