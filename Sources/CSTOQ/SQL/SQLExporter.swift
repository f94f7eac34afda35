/// The loaded dataset as a SQL script that sqlite3 and psql both run as is:
/// a table per collection, a side table per list field, the rows as INSERTs,
/// in one transaction.
///
/// Besides the fields themselves, each table carries what cstoq's meaning of
/// a query needs and SQL cannot compute the same way in every engine:
/// - `X_fold` beside every text field `X` (and `id_fold`): the text's
///   comparison key (`ValueComparison.fold`: lower case, no-break space as
///   space, NFC). Queries compare, group and sort text by it, so `Active`,
///   `ACTIVE` and `active` are one value in SQL as in cstoq;
/// - `_row`: the record's place in the dataset, which is cstoq's tie order.
/// A list field `X` of collection `C` is a JSON array in `C.X` (to read) and
/// one row per element in the side table `C_X(owner, position, value
/// [, value_fold])` (to query); or, for PostgreSQL with `lists: .arrays`,
/// an array column `C.X` of the element's type (references as their ids),
/// as a PostgreSQL schema of one's own would keep it.
public struct SQLExporter {
    public let dataset: Dataset

    /// How list fields are written.
    public enum Lists: Sendable {
        /// A side table per list field (both engines).
        case sideTables
        /// PostgreSQL arrays in the owner's table (a list of lists keeps its side table).
        case arrays
    }

    public var lists: Lists

    public init(dataset: Dataset, lists: Lists = .sideTables) {
        self.dataset = dataset
        self.lists = lists
    }

    /// Whether a list field is written as an array column.
    func isArray(_ type: FieldType, _ dialect: SQLDialect) -> Bool {
        guard lists == .arrays, dialect == .postgres, case let .list(element) = type else { return false }
        if case .list = element { return false }
        return true
    }

    /// Rows per INSERT statement: long enough to load quickly, short enough to read.
    static let rowsPerInsert = 200

    public func script(for dialect: SQLDialect) -> String {
        var out = "-- \(SQLExporter.comment(dataset.title)), exported by cstoq for \(dialect == .postgres ? "PostgreSQL" : "SQLite")\n"
        out += "-- X_fold: the comparison key of text X (lower case, no-break space as space, NFC);\n"
        out += "-- _row: the record's place in the dataset; C_X: the elements of list field X of C.\n"
        out += "BEGIN;\n"
        var foreignKeys: [String] = []
        for c in dataset.collections {
            out += createTable(c, dialect: dialect, foreignKeys: &foreignKeys)
            for (f, field) in c.fields.enumerated() {
                if case let .list(element) = field.type, !isArray(field.type, dialect) {
                    out += createSideTable(c, f, element, dialect: dialect, foreignKeys: &foreignKeys)
                }
            }
        }
        for c in dataset.collections {
            insertRows(c, dialect: dialect, into: &out)
        }
        // PostgreSQL checks a foreign key when it is made, so the keys come
        // after the rows (which may refer to one another in cycles).
        for fk in foreignKeys { out += fk + "\n" }
        out += "COMMIT;\n"
        return out
    }

    /// A dataset's title on one comment line.
    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static func foldColumn(_ name: String) -> String { name + "_fold" }
    static let rowColumn = "_row"
    static func sideTable(_ collection: String, _ field: String) -> String { collection + "_" + field }

    func createTable(_ c: DatasetCollection, dialect: SQLDialect, foreignKeys: inout [String]) -> String {
        let q = SQLDialect.identifier
        var columns: [String] = []
        for field in c.fields {
            if field.name == DatasetCollection.idField {
                columns.append("\(q("id")) TEXT PRIMARY KEY")
                columns.append("\(q(SQLExporter.foldColumn("id"))) TEXT NOT NULL")
                continue
            }
            var column = "\(q(field.name)) \(dialect.typeName(field.type))"
            if isArray(field.type, dialect) { column = "\(q(field.name)) \(dialect.typeName(field.type.elementType))[]" }
            if case let .reference(target) = field.type {
                if dialect == .sqlite {
                    column += " REFERENCES \(q(target))(\(q("id")))"
                } else {
                    foreignKeys.append("ALTER TABLE \(q(c.name)) ADD FOREIGN KEY (\(q(field.name))) REFERENCES \(q(target))(\(q("id")));")
                }
            }
            if field.type == .boolean, dialect == .sqlite { column += " CHECK (\(q(field.name)) IN (0, 1))" }
            columns.append(column)
            if field.type == .text { columns.append("\(q(SQLExporter.foldColumn(field.name))) TEXT") }
        }
        columns.append("\(q(SQLExporter.rowColumn)) INTEGER NOT NULL")
        return "CREATE TABLE \(q(c.name)) (\n  " + columns.joined(separator: ",\n  ") + "\n);\n"
    }

    func createSideTable(_ c: DatasetCollection, _ f: Int, _ element: FieldType, dialect: SQLDialect, foreignKeys: inout [String]) -> String {
        let q = SQLDialect.identifier
        let name = SQLExporter.sideTable(c.name, c.fields[f].name)
        var columns = ["\(q("owner")) TEXT NOT NULL", "\(q("position")) INTEGER NOT NULL"]
        var value = "\(q("value")) \(dialect.typeName(element))"
        if case let .reference(target) = element {
            if dialect == .sqlite {
                value += " REFERENCES \(q(target))(\(q("id")))"
            } else {
                foreignKeys.append("ALTER TABLE \(q(name)) ADD FOREIGN KEY (\(q("value"))) REFERENCES \(q(target))(\(q("id")));")
            }
        }
        columns.append(value)
        if element == .text { columns.append("\(q("value_fold")) TEXT") }
        if dialect == .sqlite {
            columns[0] += " REFERENCES \(q(c.name))(\(q("id")))"
        } else {
            foreignKeys.append("ALTER TABLE \(q(name)) ADD FOREIGN KEY (\(q("owner"))) REFERENCES \(q(c.name))(\(q("id")));")
        }
        columns.append("PRIMARY KEY (\(q("owner")), \(q("position")))")
        return "CREATE TABLE \(q(name)) (\n  " + columns.joined(separator: ",\n  ") + "\n);\n"
    }

    func insertRows(_ c: DatasetCollection, dialect: SQLDialect, into out: inout String) {
        let q = SQLDialect.identifier
        var main: [String] = []
        var side: [Int: [String]] = [:]
        for row in 0..<c.count {
            var cells: [String] = []
            for (f, field) in c.fields.enumerated() {
                let v = c.columns[f][row]
                if field.name == DatasetCollection.idField {
                    cells.append(SQLDialect.string(c.ids[row]))
                    cells.append(SQLDialect.string(ValueComparison.fold(c.ids[row])))
                    continue
                }
                if isArray(field.type, dialect) {
                    cells.append(array(v, of: field.type.elementType, dialect: dialect))
                    continue
                }
                cells.append(cell(v, dialect: dialect))
                if field.type == .text {
                    if case let .text(t) = v { cells.append(SQLDialect.string(ValueComparison.fold(t))) } else { cells.append("NULL") }
                }
                if case let .list(element) = field.type, case let .list(items) = v {
                    for (position, item) in items.enumerated() {
                        var elementCells = [SQLDialect.string(c.ids[row]), String(position), cell(item, dialect: dialect)]
                        if element == .text {
                            if case let .text(t) = item { elementCells.append(SQLDialect.string(ValueComparison.fold(t))) } else { elementCells.append("NULL") }
                        }
                        side[f, default: []].append("(" + elementCells.joined(separator: ", ") + ")")
                    }
                }
            }
            cells.append(String(row))
            main.append("(" + cells.joined(separator: ", ") + ")")
        }
        SQLExporter.inserts(into: q(c.name), main, &out)
        for f in side.keys.sorted() {
            SQLExporter.inserts(into: q(SQLExporter.sideTable(c.name, c.fields[f].name)), side[f]!, &out)
        }
    }

    static func inserts(into table: String, _ rows: [String], _ out: inout String) {
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerInsert, rows.count)
            out += "INSERT INTO \(table) VALUES\n  " + rows[start..<end].joined(separator: ",\n  ") + ";\n"
            start = end
        }
    }

    /// One value as a SQL literal: a reference as the id it names, a list as
    /// a JSON array (references in it as ids too).
    func cell(_ v: Value, dialect: SQLDialect) -> String {
        switch v {
        case let .reference(r): SQLDialect.string(dataset.collections[r.collection].ids[r.row])
        case .list: SQLDialect.string(json(v))
        case let .boolean(b): dialect == .sqlite ? (b ? "1" : "0") : (b ? "TRUE" : "FALSE")
        default: dialect.literal(v)
        }
    }

    /// A list as a PostgreSQL array literal of the element's type; null for a missing list.
    func array(_ v: Value, of element: FieldType, dialect: SQLDialect) -> String {
        guard case let .list(items) = v else { return "NULL" }
        return "ARRAY[" + items.map { cell($0, dialect: dialect) }.joined(separator: ", ") + "]::\(dialect.typeName(element))[]"
    }

    func json(_ v: Value) -> String {
        switch v {
        case let .reference(r): JSONRenderer.string(dataset.collections[r.collection].ids[r.row])
        case let .list(items): "[" + items.map(json).joined(separator: ",") + "]"
        default: JSONRenderer.value(v)
        }
    }
}
