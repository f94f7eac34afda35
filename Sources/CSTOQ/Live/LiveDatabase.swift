/// A database that answers cstoq's queries itself: each query is checked
/// against the schema read from its catalog, translated to SQL (the bridge
/// of `explain sql`, values as bind parameters) and run there, read-only;
/// nothing is loaded. A PostgreSQL server (libpq, in the command-line
/// layer) and a SQLite file queried in place (`SQLiteInPlace`) are two.
public protocol LiveDatabase: AnyObject {
    /// The SQL the database speaks.
    var dialect: SQLDialect { get }
    /// What it is called in messages and `describe`: a file name, or the
    /// connection without its password.
    var displayName: String { get }
    /// The tables and views the catalog lists.
    func catalog() throws(Diagnostic) -> [CatalogTable]
    /// Runs one statement in a read-only transaction with the session's
    /// timeout, giving each row's cells to `row` as they come; `row` returns
    /// false to stop early.
    func run(_ statement: SQLStatement, timeout: Duration?, row: ([LiveCell]) -> Bool) throws(Diagnostic)
    /// The engine's own plan for a statement (`EXPLAIN`), one line each.
    func plan(_ statement: SQLStatement) throws(Diagnostic) -> [String]
    /// Asks the database to stop the statement that runs now (from another
    /// thread: a signal handler's flag read by a watcher).
    func cancel()
}

/// One cell as a database gives it: SQLite's typed values, PostgreSQL's text.
public enum LiveCell: Sendable, Equatable {
    case null
    case integer(Int)
    case decimal(Double)
    case text(String)
}

/// A table or view as the catalog describes it.
public struct CatalogTable: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The declared type as the catalog spells it (`bigint`, `TEXT`, `date`, `_int4`).
        public var type: String

        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    public struct ForeignKey: Sendable, Equatable {
        public var column: String
        public var table: String

        public init(column: String, table: String) {
            self.column = column
            self.table = table
        }
    }

    public var name: String
    public var columns: [Column]
    /// The primary key's columns, in order (none for a view).
    public var primaryKey: [String]
    /// Foreign keys of one column.
    public var foreignKeys: [ForeignKey]
    /// SQLite: whether the table has a rowid (a `WITHOUT ROWID` table or a view has none).
    public var hasRowid: Bool

    public init(name: String, columns: [Column], primaryKey: [String] = [], foreignKeys: [ForeignKey] = [], hasRowid: Bool = false) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.hasRowid = hasRowid
    }
}
