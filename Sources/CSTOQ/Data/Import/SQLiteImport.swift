import CSQLite

/// A SQLite database file: one collection per table (views and SQLite's own
/// tables are left out), read through the system's libsqlite3, read-only.
/// - kinds come from the values SQLite holds: INTEGER an integer, REAL a
///   decimal, TEXT text (a date when every value is `YYYY-MM-DD`), a BLOB the
///   text of its bytes in hex; 0 and 1 in a column declared BOOLEAN are
///   booleans; an empty text in a column not declared text (CHAR, CLOB,
///   TEXT) is null, as sqlite3's `.import` leaves empty cells there; a
///   column of several kinds is text;
/// - the ids are the primary key (of one column), else a column named `id`,
///   else the rowid (the records are then numbered, as a CSV's are);
/// - a foreign key of one column becomes a `ref` to its table when each of
///   its values is an id there (else it stays a plain field, and the load
///   summary says which value is missing).
enum SQLiteImport {
    struct ForeignKey {
        var field: String
        var target: String
    }

    struct Table {
        var imported: ImportedTable
        var foreignKeys: [ForeignKey]
    }

    /// Whether the bytes start as a SQLite database file does.
    static func isDatabase(header: [UInt8]) -> Bool {
        header.starts(with: Array("SQLite format 3".utf8) + [0])
    }

    static func read(path: String, file: String, kinds: [String: [String: FieldType]], isCancelled: () -> Bool) throws(ImportFailure) -> [Table] {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close(db) }
        guard rc == SQLITE_OK, let db else {
            throw ImportFailure(.sqliteCannotOpen(path: file, reason: db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"))
        }
        let names: [String]
        do {
            names = try rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", []).map { $0[0] ?? "" }
        } catch {
            throw ImportFailure(.sqliteCannotOpen(path: file, reason: error.reason))
        }
        if names.isEmpty { throw ImportFailure(.sqliteNoTables(path: file)) }
        var tables: [Table] = []
        for (name, collection) in zip(names, ImportNames.collections(names)) {
            do {
                tables.append(try readTable(db, name, collection: collection, file: file, kinds: kinds[collection] ?? [:], isCancelled: isCancelled))
            } catch let failure as ImportFailure {
                throw failure
            } catch let error as SQLiteFailure {
                throw ImportFailure(.sqliteFailed(table: name, reason: error.reason))
            } catch {
                throw ImportFailure(.sqliteFailed(table: name, reason: "\(error)"))
            }
        }
        return tables
    }

    struct SQLiteFailure: Error {
        var reason: String
    }

    static func identifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The rows of a statement as text, its parameters bound.
    static func rows(_ db: OpaquePointer, _ sql: String, _ parameters: [String]) throws(SQLiteFailure) -> [[String?]] {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw SQLiteFailure(reason: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, p) in parameters.enumerated() { sqlite3_bind_text(stmt, Int32(i + 1), p, -1, transient) }
        var out: [[String?]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw SQLiteFailure(reason: String(cString: sqlite3_errmsg(db))) }
            out.append((0..<sqlite3_column_count(stmt)).map { c in sqlite3_column_text(stmt, c).map { String(cString: $0) } })
        }
        return out
    }

    static func readTable(_ db: OpaquePointer, _ name: String, collection: String, file: String,
                          kinds: [String: FieldType], isCancelled: () -> Bool) throws -> Table {
        let info = try rows(db, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", [name])
        let columnNames = info.map { $0[0] ?? "" }
        let declared = info.map { ($0[1] ?? "").uppercased() }
        let keyColumns = info.indices.filter { (Int(info[$0][2] ?? "0") ?? 0) > 0 }
        // A one-column key named id is the id column; another name gives the ids and stays a field.
        let fieldNames = ImportNames.fields(columnNames).names
        let keyGivesIDs = keyColumns.count == 1 && fieldNames[keyColumns[0]] != DatasetCollection.idField
        var table = TableBuilder(collection: collection, header: columnNames, kinds: kinds,
                                 idColumnName: keyGivesIDs ? nil : DatasetCollection.idField)
        table.placeWord = "rowid"
        let booleanColumns = declared.map { $0.contains("BOOL") }
        // SQLite's rule for a column of text affinity: its declared type names CHAR, CLOB or TEXT.
        let textColumns = declared.map { $0.contains("CHAR") || $0.contains("CLOB") || $0.contains("TEXT") }
        let list = columnNames.map(identifier).joined(separator: ", ")
        var withRowid = true
        var stmt: OpaquePointer?
        if sqlite3_prepare_v2(db, "SELECT _rowid_, \(list) FROM \(identifier(name))", -1, &stmt, nil) != SQLITE_OK {
            withRowid = false
            guard sqlite3_prepare_v2(db, "SELECT 0, \(list) FROM \(identifier(name))", -1, &stmt, nil) == SQLITE_OK else {
                throw SQLiteFailure(reason: String(cString: sqlite3_errmsg(db)))
            }
        }
        defer { sqlite3_finalize(stmt) }
        var rowids: [Int64] = []
        var count = 0
        try scan(db, stmt!, columns: Array(columnNames.indices), booleans: booleanColumns, texts: textColumns) { (rowid, column, cell) throws(ImportFailure) in
            if column < 0 {
                count += 1
                if count & 4095 == 0, isCancelled() { throw ImportFailure(.loadCancelled) }
                let place = withRowid ? Int(rowid) : count
                rowids.append(rowid)
                table.beginRecord(line: place)
                return
            }
            let place = withRowid ? Int(rowid) : count
            if keyGivesIDs, column == keyColumns[0] {
                guard cell.form != .null else { throw ImportFailure(.importEmptyID(collection: collection), line: place) }
                try table.appendID(cell.spelling, line: place)
            }
            try table.append(cell, column: column, line: place)
            if column == columnNames.count - 1 { try table.endRecord(line: place, isRagged: false) }
        }
        let mixed = table.mixedColumns
        if !mixed.isEmpty {
            sqlite3_reset(stmt)
            var again = [ColumnAccumulator](repeating: ColumnAccumulator(fixed: .text), count: columnNames.count)
            var place = 0
            try scan(db, stmt!, columns: mixed, booleans: booleanColumns, texts: textColumns) { (rowid, column, cell) throws(ImportFailure) in
                if column < 0 { place = withRowid ? Int(rowid) : place + 1; return }
                again[column].append(cell, line: place)
            }
            for c in mixed { table.replace(column: c, with: again[c]) }
        }
        let imported = try table.finish(origin: .table(file: file, table: name, rowids: withRowid ? rowids : nil), file: file)
        var foreignKeys: [ForeignKey] = []
        let keys = try rows(db, "SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", [name])
        let byID = Dictionary(grouping: keys, by: { $0[0] ?? "" })
        for (_, parts) in byID.sorted(by: { $0.key < $1.key }) where parts.count == 1 {
            guard let from = parts[0][2], let target = parts[0][1], let c = columnNames.firstIndex(of: from) else { continue }
            foreignKeys.append(ForeignKey(field: table.names[c], target: target))
        }
        return Table(imported: imported, foreignKeys: foreignKeys)
    }

    /// Steps through a statement whose first column is the rowid: `body` gets
    /// (rowid, -1, null) at each row, then each wanted column's cell.
    static func scan(_ db: OpaquePointer, _ stmt: OpaquePointer, columns: [Int], booleans: [Bool], texts: [Bool],
                     _ body: (Int64, Int, Cell) throws(ImportFailure) -> Void) throws {
        var hex: [UInt8] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw SQLiteFailure(reason: String(cString: sqlite3_errmsg(db))) }
            let rowid = sqlite3_column_int64(stmt, 0)
            try body(rowid, -1, .null)
            for c in columns {
                let i = Int32(c + 1)
                switch sqlite3_column_type(stmt, i) {
                case SQLITE_NULL: try body(rowid, c, .null)
                case SQLITE_INTEGER:
                    let v = Int(sqlite3_column_int64(stmt, i))
                    if booleans[c], v == 0 || v == 1 { try body(rowid, c, .boolean(v == 1)) } else {
                        try body(rowid, c, Cell(form: .integer, bytes: Cell.empty, integer: v))
                    }
                case SQLITE_FLOAT: try body(rowid, c, Cell(form: .real, bytes: Cell.empty, real: sqlite3_column_double(stmt, i)))
                case SQLITE_BLOB:
                    let n = Int(sqlite3_column_bytes(stmt, i))
                    let p = sqlite3_column_blob(stmt, i)?.assumingMemoryBound(to: UInt8.self)
                    hex.removeAll(keepingCapacity: true)
                    let digits = Array("0123456789ABCDEF".utf8)
                    for k in 0..<n { hex.append(digits[Int(p![k] >> 4)]); hex.append(digits[Int(p![k] & 15)]) }
                    try hex.withUnsafeBufferPointer { (b) throws(ImportFailure) in try body(rowid, c, Cell(form: .string, bytes: b)) }
                default:
                    let p = sqlite3_column_text(stmt, i)
                    let n = Int(sqlite3_column_bytes(stmt, i))
                    // An empty text where the column is not declared text is null:
                    // sqlite3's .import writes an empty CSV cell so into a numeric column.
                    if n == 0, !texts[c] { try body(rowid, c, .null); continue }
                    let bytes = UnsafeBufferPointer(start: p, count: n)
                    if let bad = UTF8Check.firstInvalidOffset(bytes) {
                        throw ImportFailure(.importInvalidUTF8(byte: bytes[bad]), line: Int(rowid))
                    }
                    try body(rowid, c, Cell(form: .string, bytes: bytes))
                }
            }
        }
    }
}
