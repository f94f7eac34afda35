/// A loaded dataset: named collections of records, stored by column.
///
/// Every collection has the implicit fields `id` (first) and `source` (last)
/// around the fields its file declares. References are resolved at load time to
/// `RecordRef`s, so queries follow them without looking anything up by name.
public struct Dataset: Sendable {
    public var title: String
    public var article: String?
    /// What the dataset as a whole reads into its source (the year of its
    /// title, say), as a record's `note` does for the record; `.collections` shows it.
    public var note: String?
    public var collections: [DatasetCollection] {
        didSet { collectionsByName = Dataset.index(collections.map(\.name)) }
    }
    /// Each collection's index by name: a name is looked up, not searched for.
    private var collectionsByName: [String: Int]

    public init(title: String, article: String?, collections: [DatasetCollection]) {
        self.title = title
        self.article = article
        self.collections = collections
        self.collectionsByName = Dataset.index(collections.map(\.name))
    }

    /// Position by name; of two equal names, the first (as a search would find).
    static func index(_ names: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        return index
    }

    public func collectionIndex(named name: String) -> Int? {
        collectionsByName[ValueComparison.fold(name)]
    }

    public func collection(named name: String) -> DatasetCollection? {
        collectionIndex(named: name).map { collections[$0] }
    }

    public var recordCount: Int { collections.reduce(0) { $0 + $1.count } }

    /// The text a reference is shown as: the record's `name`, else its `title`, else its id.
    public func label(of ref: RecordRef) -> String {
        let c = collections[ref.collection]
        for field in ["name", "title"] {
            if let f = c.fieldIndex(named: field), case let .text(t) = c.columns[f][ref.row] { return t }
        }
        return c.ids[ref.row]
    }
}

/// One field of a collection: its name and declared type.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    /// A closed vocabulary (`one of active, frozen`): the only values a text
    /// field, or the elements of a list of text, may hold, in the order
    /// declared; each value compared as `=` compares. Nil: any text.
    public var values: [String]?

    public init(name: String, type: FieldType, values: [String]? = nil) {
        self.name = name
        self.type = type
        self.values = values
    }

    /// The field's kind as `describe` and the load summary write it: its type,
    /// or its vocabulary (`one of active, frozen`, `list one of …`).
    public var kindDescription: String {
        guard let values else { return type.description }
        return (type == .text ? "" : "list ") + "one of " + values.joined(separator: ", ")
    }

    /// Whether `text` is a value of the vocabulary (as `=` compares); true without one.
    public func admits(_ text: String) -> Bool {
        guard let values else { return true }
        let key = ValueComparison.fold(text)
        return values.contains { ValueComparison.fold($0) == key }
    }

    /// A declaration of a closed vocabulary: `one of a, b, c` (a text field)
    /// or `list one of a, b, c` (a list of text), the values parted by
    /// commas; nil when `declaration` is none. The values must be non-empty
    /// and distinct under `=`: `problem` says what is wrong otherwise.
    public static func vocabulary(_ declaration: String) -> (type: FieldType, values: [String], problem: String?)? {
        var rest = Substring(declaration)
        while rest.first == " " { rest = rest.dropFirst() }
        var type = FieldType.text
        if rest.hasPrefix("list ") {
            type = .list(.text)
            rest = rest.dropFirst(5)
            while rest.first == " " { rest = rest.dropFirst() }
        }
        // `one of` as words: `one often` is no vocabulary.
        guard rest.hasPrefix("one of"), rest.count == 6 || rest.dropFirst(6).first == " " else { return nil }
        rest = rest.dropFirst(6)
        let values = rest.split(separator: ",", omittingEmptySubsequences: false).map { part -> String in
            var v = Substring(part)
            while v.first == " " { v = v.dropFirst() }
            while v.last == " " { v = v.dropLast() }
            return String(v)
        }
        if values.allSatisfy(\.isEmpty) { return (type, [], "it names no value: write 'one of a, b, c'") }
        if values.contains(where: \.isEmpty) { return (type, values.filter { !$0.isEmpty }, "a value between two commas is empty") }
        var seen: [String: String] = [:]
        for v in values {
            let key = ValueComparison.fold(v)
            if let earlier = seen[key] { return (type, values, "'\(v)' is '\(earlier)' again (values are compared ignoring case)") }
            seen[key] = v
        }
        return (type, values, nil)
    }
}

/// The declared type of a field, as written in a dataset's `fields`:
/// `text`, `integer`, `decimal`, `boolean`, `date`, `ref COLLECTION`, `list TYPE`.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case text, integer, decimal, boolean, date
    case reference(String)
    case list(FieldType)

    /// The most `list`s a declaration may nest (`list list integer` is 2).
    public static let maximumListNesting = 32

    public init?(declaration: String) {
        let words = declaration.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return nil }
        switch (first, words.count) {
        case ("text", 1): self = .text
        case ("integer", 1): self = .integer
        case ("decimal", 1): self = .decimal
        case ("boolean", 1): self = .boolean
        case ("date", 1): self = .date
        case ("ref", 2): self = .reference(String(words[1]))
        case ("list", 2...):
            // A longer `list list … text` is an unknown type, refused before it can recurse that deep.
            guard words.prefix(while: { $0 == "list" }).count <= FieldType.maximumListNesting,
                  let inner = FieldType(declaration: words.dropFirst().joined(separator: " ")) else { return nil }
            self = .list(inner)
        default: return nil
        }
    }

    /// How many `list`s a declaration opens with (`list list integer` is 2),
    /// so that one nested past the limit is said to be, not called unknown.
    public static func listNesting(of declaration: String) -> Int {
        declaration.split(separator: " ", omittingEmptySubsequences: true).prefix { $0 == "list" }.count
    }

    public var description: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .decimal: "decimal"
        case .boolean: "boolean"
        case .date: "date"
        case let .reference(c): "ref \(c)"
        case let .list(t): "list \(t)"
        }
    }

    /// The kind of value a field of this type holds (when not null).
    public var valueKind: ValueKind {
        switch self {
        case .text: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .reference: .reference
        case .list: .list
        }
    }

    /// For a list, the type of its elements; otherwise the type itself.
    public var elementType: FieldType {
        if case let .list(inner) = self { return inner.elementType }
        return self
    }
}

/// A named collection of records, stored as one array of values per field.
public struct DatasetCollection: Sendable {
    public var name: String
    /// `id`, the declared fields in file order, then `source`.
    public var fields: [Field] {
        didSet { fieldsByName = Dataset.index(fields.map(\.name)) }
    }
    /// Each field's index by name, so that a collection of a million fields answers at once.
    private var fieldsByName: [String: Int]
    public var ids: [String]
    /// `columns[field][row]`.
    public var columns: [Column]
    /// Where the records come from when they were not written in cstoq's
    /// format (a CSV, NDJSON or SQLite file): then there is no `source`
    /// field, and `.source` names the file and the record's line or row.
    public var origin: RecordOrigin?

    public static let idField = "id"
    public static let sourceField = "source"

    public init(name: String, fields: [Field], ids: [String], columns: [Column]) {
        self.name = name
        self.fields = fields
        self.fieldsByName = Dataset.index(fields.map(\.name))
        self.ids = ids
        self.columns = columns
    }

    public var count: Int { ids.count }

    public func fieldIndex(named name: String) -> Int? {
        fieldsByName[ValueComparison.fold(name)]
    }

    /// The fields a plain query shows: all but `source` (shown by `.source`).
    public var displayFields: [Int] {
        guard origin == nil else { return Array(fields.indices) }
        return fields.indices.filter { fields[$0].name != DatasetCollection.sourceField }
    }

    /// The record whose id equals `id` as `=` compares text (by
    /// `ValueComparison.fold`: case, NFC, no-break space). A loaded dataset
    /// has at most one: the loader refuses two ids with one key.
    public func row(withID id: String) -> Int? {
        let folded = ValueComparison.fold(id)
        return ids.firstIndex { ValueComparison.equalsFolded($0, folded) }
    }

    /// The article sentences behind one record.
    public func sources(of row: Int) -> [String] {
        if let origin { return [origin.place(of: row)] }
        guard let f = fieldIndex(named: DatasetCollection.sourceField), case let .list(items) = columns[f][row] else { return [] }
        return items.compactMap { if case let .text(t) = $0 { t } else { nil } }
    }
}

/// Where the records of a collection read from a data file come from.
public enum RecordOrigin: Sendable {
    /// A text file (CSV, TSV, NDJSON, a JSON array): the line each record starts on.
    case lines(file: String, lines: [Int32])
    /// A table of a SQLite file: each record's rowid, or nil for a table without one.
    case table(file: String, table: String, rowids: [Int64]?)

    /// The file the records come from.
    public var file: String {
        switch self {
        case let .lines(file, _), let .table(file, _, _): file
        }
    }

    /// `items.csv, line 12`, `shop.db, table items, rowid 5`.
    public func place(of row: Int) -> String {
        switch self {
        case let .lines(file, lines): "\(file), line \(lines[row])"
        case let .table(file, table, rowids?): "\(file), table \(table), rowid \(rowids[row])"
        case let .table(file, table, nil): "\(file), table \(table), row \(row + 1)"
        }
    }
}
