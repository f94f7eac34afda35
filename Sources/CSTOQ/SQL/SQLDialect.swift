/// What the SQL engines differ in, as far as the bridge is concerned: type
/// names, the null-safe `=`, substring search, byte-order text comparison,
/// and how `offset` is written without `limit`. Everything else the bridge
/// prints is SQL both accept (the dialect itself is named in AST.swift, since
/// `explain sql postgres` names it).
extension SQLDialect {

    /// The column type of a field's scalar kind.
    func typeName(_ type: FieldType) -> String {
        switch (type, self) {
        case (.text, _), (.reference, _): "TEXT"
        case (.integer, .sqlite): "INTEGER"
        case (.integer, .postgres): "BIGINT"
        case (.decimal, .sqlite): "REAL"
        case (.decimal, .postgres): "DOUBLE PRECISION"
        // SQLite keeps 1 and 0 and the YYYY-MM-DD text under these names (their
        // affinity is NUMERIC, which changes neither); the names tell a reader
        // of the file, cstoq in place among them, what the values are.
        case (.boolean, _): "BOOLEAN"
        case (.date, _): "DATE"
        // A list in its owner's table is its elements as a JSON array, for reading.
        case (.list, _): "TEXT"
        }
    }

    /// A name as SQL reads it, always quoted so that no field name can be a keyword.
    static func identifier(_ name: String) -> String {
        "\"" + doubling("\"", in: name) + "\""
    }

    /// A text literal: quotes doubled, nothing else is special in either engine
    /// (PostgreSQL's standard_conforming_strings is on by default).
    static func string(_ text: String) -> String {
        "'" + doubling("'", in: text) + "'"
    }

    func literal(_ v: Value) -> String {
        switch v {
        case .null: "NULL"
        case let .text(t): SQLDialect.string(t)
        case let .integer(n): String(n)
        // Swift writes the shortest text that reads back as the same double: `3.0`, `1e-05`.
        case let .decimal(d): "\(d)"
        case let .boolean(b): b ? "TRUE" : "FALSE"
        case let .date(d): self == .postgres ? "DATE '\(d)'" : "'\(d)'"
        case .reference, .list: "NULL"
        }
    }

    /// Text compared or ordered by its bytes (the fold keys are NFC, so bytes
    /// order as Unicode scalars do), whatever the database's collation.
    var byteOrder: String { self == .postgres ? " COLLATE \"C\"" : "" }

    /// By scalar, not by Character: a quote followed by a combining mark is
    /// one Character, and must still be doubled.
    static func doubling(_ quote: Unicode.Scalar, in text: String) -> String {
        guard text.unicodeScalars.contains(quote) else { return text }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            out.append(c)
            if c == quote { out.append(c) }
        }
        return String(out)
    }
}
