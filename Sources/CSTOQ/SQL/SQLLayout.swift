/// Where a dataset's values are in a database: for each collection its table,
/// the columns of its fields, where each text's comparison key comes from,
/// what orders its records, and the rows of each list field. The translator
/// reads names only from here, so one translation serves the tables
/// SQLExporter writes (`exported`) and a database that was there before
/// cstoq (a layout read from its catalog, `LiveCatalog`).
public struct SQLLayout: Sendable {
    /// Where a text's comparison key (`ValueComparison.fold`) is.
    public enum Fold: Sendable, Equatable {
        /// Stored beside the value (the exporter's `X_fold`).
        case column(String)
        /// Computed from the value by the engine (`SQLDialect.fold`).
        case computed
    }

    /// The rows of one list field: one per element, the owner's id, the
    /// element's place in the list and its value. Or (`isArray`) a PostgreSQL
    /// array column of the owner's table, whose elements `unnest … WITH
    /// ORDINALITY` gives as rows of `value` and `position`.
    public struct SideTable: Sendable, Equatable {
        public var name: String
        public var owner: String
        public var position: String
        public var value: String
        public var valueFold: Fold
        /// The list is the array in the owner's column of the field (`name` is unused).
        public var isArray: Bool

        public init(name: String, owner: String = "owner", position: String = "position", value: String = "value", valueFold: Fold, isArray: Bool = false) {
            self.name = name
            self.owner = owner
            self.position = position
            self.value = value
            self.valueFold = valueFold
            self.isArray = isArray
        }

        /// An array column's elements.
        public static let array = SideTable(name: "", valueFold: .computed, isArray: true)
    }

    /// One collection's table.
    public struct Table: Sendable, Equatable {
        public var name: String
        /// The column of each field, by the collection's field index (the id's too).
        public var columns: [String]
        /// For each text field (and the id), where its key is.
        public var folds: [Fold?]
        /// The column whose values put the records in the dataset's order
        /// (cstoq's order of ties): `_row`, a primary key, SQLite's rowid.
        public var order: String
        /// Whether the id column holds text (a PostgreSQL `integer` key does not).
        public var idIsText: Bool
        /// The side table of each list field, by field index.
        public var lists: [Int: SideTable]

        public init(name: String, columns: [String], folds: [Fold?], order: String, idIsText: Bool = true, lists: [Int: SideTable] = [:]) {
            self.name = name
            self.columns = columns
            self.folds = folds
            self.order = order
            self.idIsText = idIsText
            self.lists = lists
        }
    }

    /// By collection index.
    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }

    /// The tables `SQLExporter` writes for `dataset`.
    public static func exported(_ dataset: Dataset) -> SQLLayout {
        SQLLayout(tables: dataset.collections.map { c in
            var lists: [Int: SideTable] = [:]
            for (f, field) in c.fields.enumerated() {
                if case .list = field.type {
                    lists[f] = SideTable(name: SQLExporter.sideTable(c.name, field.name), valueFold: .column("value_fold"))
                }
            }
            return Table(
                name: c.name,
                columns: c.fields.map(\.name),
                folds: c.fields.map { $0.type == .text ? .column(SQLExporter.foldColumn($0.name)) : nil },
                order: SQLExporter.rowColumn,
                lists: lists)
        })
    }
}

extension SQLDialect {
    /// The comparison key of a text expression computed by the engine, for a
    /// database that does not store it: lower case of upper case of lower
    /// case (as `ValueComparison.fold`), the no-break space as a space, NFC.
    /// SQLite has it as the function `cstoq_fold`, which cstoq registers on
    /// the connection it opens (SQLite's own `lower` knows only ASCII);
    /// PostgreSQL with ICU's root collation, whose case mapping is Unicode's
    /// full one (ß upper-cased is SS), as Swift's is. ICU's lower case writes
    /// a word's last sigma as ς, Swift's never does (upper case then lower
    /// case leaves σ): ς is made σ.
    ///
    /// Text of ASCII characters only (as many bytes as characters: cstoq's
    /// PostgreSQL databases are UTF8) is its ASCII lower case, which is the
    /// same key, six times cheaper to compute: most text in most tables.
    func fold(_ expression: String) -> String {
        switch self {
        case .sqlite:
            return "cstoq_fold(\(expression))"
        case .postgres:
            let x = "(\(expression))::text"
            let full = "normalize(replace(replace(lower(upper(lower(\(x) COLLATE \"und-x-icu\"))), chr(962), chr(963)), chr(160), ' '), NFC) COLLATE \"C\""
            return "(CASE WHEN octet_length(\(x)) = char_length(\(x)) THEN lower(\(x) COLLATE \"C\") ELSE \(full) END)"
        }
    }

    /// A piece of text that only a computed key has (`fold`): a test holding it costs a function call a row.
    var foldMark: String {
        switch self {
        case .sqlite: "cstoq_fold("
        case .postgres: "COLLATE \"und-x-icu\""
        }
    }
}
