/// A database's catalog as a dataset's schema (collections and fields, no
/// records) and the layout the translator reads it by. The rules:
/// - every table and view is a collection, named as a SQLite file's tables
///   are when loaded (`ImportNames`), its columns the fields;
/// - the id is the primary key of one column (which stays a field too when
///   it is not named `id`), else a column named `id`, else SQLite's rowid,
///   else the first column; records are in the order of `_row` when there is
///   one (a table cstoq exported), else of the rowid, else of the key, else
///   of the first column;
/// - a foreign key of one column is a `ref` to its table;
/// - a table `C_X` with the columns `owner`, `position` and `value` is the
///   list field `X` of collection `C` (the side table `--export sql`
///   writes), not a collection: one row per element, `owner` the id of its
///   record, in the order of `position`; `value` may itself be a foreign key;
/// - a column `X_fold` beside a column `X` (and `id_fold`) holds X's
///   comparison key and is not a field; without one the key is computed;
/// - a PostgreSQL array column (`text[]`, `bigint[]`, …) is a list field of
///   the element's kind, its elements in array order;
/// - kinds from the declared types: whole-number types are integer,
///   `real`/`double`/`float`/`numeric`/`decimal` decimal, `bool…` boolean,
///   `date` date, everything else (`timestamp`, json, blobs) text.
public enum LiveCatalog {
    public struct Schema: Sendable {
        public var dataset: Dataset
        public var layout: SQLLayout
    }

    public static func schema(_ tables: [CatalogTable], dialect: SQLDialect, title: String) -> Schema {
        let names = Set(tables.map(\.name))
        // Side tables first: `C_X` with owner/position/value, C another table (the longest such name).
        var sides: [String: [(field: String, table: CatalogTable)]] = [:]
        var isSide = Set<String>()
        for t in tables {
            let columns = Set(t.columns.map(\.name))
            guard columns.isSuperset(of: ["owner", "position", "value"]) else { continue }
            var owner: String?
            for other in names where other != t.name && t.name.hasPrefix(other + "_") && t.name.count > other.count + 1 {
                if owner == nil || other.count > owner!.count { owner = other }
            }
            guard let owner else { continue }
            sides[owner, default: []].append((String(t.name.dropFirst(owner.count + 1)), t))
            isSide.insert(t.name)
        }
        let kept = tables.filter { !isSide.contains($0.name) }
        // Collection names, as a SQLite file's tables get theirs.
        let collectionOf = Dictionary(zip(kept.map(\.name), ImportNames.collections(kept.map(\.name))), uniquingKeysWith: { a, _ in a })
        func kind(_ column: CatalogTable.Column, in t: CatalogTable) -> FieldType {
            if let fk = t.foreignKeys.first(where: { $0.column == column.name }), let target = collectionOf[fk.table] {
                return .reference(target)
            }
            return LiveCatalog.kind(ofDeclared: column.type, dialect: dialect)
        }
        var collections: [DatasetCollection] = []
        var layoutTables: [SQLLayout.Table] = []
        for t in kept {
            let columnNames = Set(t.columns.map(\.name))
            let hidden: Set<String> = Set(t.columns.map(\.name).filter { name in
                name == SQLExporter.rowColumn || (name.hasSuffix("_fold") && columnNames.contains(String(name.dropLast(5))))
            })
            let visible = t.columns.filter { !hidden.contains($0.name) }
            let idColumn: String = t.primaryKey.count == 1 ? t.primaryKey[0]
                : visible.contains(where: { $0.name == DatasetCollection.idField }) ? DatasetCollection.idField
                : t.hasRowid ? "_rowid_" : (visible.first?.name ?? "")
            let idType = t.columns.first { $0.name == idColumn }.map { LiveCatalog.kind(ofDeclared: $0.type, dialect: dialect) } ?? .integer
            var fields = [Field(name: DatasetCollection.idField, type: .text)]
            var columns = [idColumn]
            var folds: [SQLLayout.Fold?] = [columnNames.contains(idColumn + "_fold") ? .column(idColumn + "_fold") : .computed]
            var lists: [Int: SQLLayout.SideTable] = [:]
            let fieldNames = ImportNames.fields(visible.map(\.name)).names
            let ownSides = sides[t.name] ?? []
            for (i, column) in visible.enumerated() where column.name != DatasetCollection.idField {
                var type = kind(column, in: t)
                if let element = LiveCatalog.arrayElement(ofDeclared: column.type, dialect: dialect) {
                    type = .list(element)
                    lists[fields.count] = .array
                } else if let side = ownSides.first(where: { $0.field == column.name }) {
                    type = .list(elementKind(side.table, collectionOf: collectionOf, dialect: dialect))
                    lists[fields.count] = sideTable(side.table)
                }
                folds.append(type == .text ? (columnNames.contains(column.name + "_fold") ? .column(column.name + "_fold") : .computed) : nil)
                fields.append(Field(name: fieldNames[i], type: type))
                columns.append(column.name)
            }
            // A side table whose list has no column of its own in the table.
            for side in ownSides where !visible.contains(where: { $0.name == side.field }) {
                lists[fields.count] = sideTable(side.table)
                var name = ImportNames.valid(side.field)
                if name.isEmpty || fields.contains(where: { $0.name == name }) { name = "list_\(fields.count)" }
                fields.append(Field(name: name, type: .list(elementKind(side.table, collectionOf: collectionOf, dialect: dialect))))
                columns.append("")
                folds.append(nil)
            }
            let order = columnNames.contains(SQLExporter.rowColumn) ? SQLExporter.rowColumn
                : t.hasRowid ? "_rowid_" : (t.primaryKey.first ?? idColumn)
            let name = collectionOf[t.name]!
            collections.append(DatasetCollection(name: name, fields: fields, ids: [],
                                                 columns: fields.map { _ in Column(.values([])) }))
            layoutTables.append(SQLLayout.Table(name: t.name, columns: columns, folds: folds, order: order,
                                                idIsText: idType == .text, lists: lists))
        }
        return Schema(dataset: Dataset(title: title, article: nil, collections: collections), layout: SQLLayout(tables: layoutTables))
    }

    /// References declared by hand (`--ref C.X=T`): a column the catalog
    /// cannot link (an array of ids has no foreign key in PostgreSQL, a
    /// database may have none) made a `ref`, or a list of them. Not checked
    /// against the table (that would be a scan): a value that is no id reads
    /// as null through the path. Kinds are the columns' types: `--kind` is refused.
    public static func applying(_ settings: DataFileSettings, to schema: Schema) throws(Diagnostic) -> Schema {
        if let k = settings.kinds.first {
            throw Diagnostic(.liveSetting(setting: "--kind \(k.collection).\(k.field)=\(k.kind)", problem: "on a live database each field's kind is its column's type"),
                             help: "make a view that casts the column (CREATE VIEW … AS SELECT CAST(…)) and query the view")
        }
        var schema = schema
        for r in settings.references {
            let setting = "--ref \(r.collection).\(r.field)=\(r.target)"
            guard let c = schema.dataset.collectionIndex(named: r.collection) else {
                throw Diagnostic(.liveSetting(setting: setting, problem: "the database has no table '\(r.collection)'"),
                                 help: "the tables: " + schema.dataset.collections.map(\.name).joined(separator: ", "))
            }
            let collection = schema.dataset.collections[c]
            guard let f = collection.fieldIndex(named: r.field), f > 0 else {
                throw Diagnostic(.liveSetting(setting: setting, problem: "\(r.collection) has no column '\(r.field)'"),
                                 help: "its columns: " + collection.fields.dropFirst().map(\.name).joined(separator: ", "))
            }
            guard schema.dataset.collectionIndex(named: r.target) != nil else {
                throw Diagnostic(.liveSetting(setting: setting, problem: "the database has no table '\(r.target)'"),
                                 help: "the tables: " + schema.dataset.collections.map(\.name).joined(separator: ", "))
            }
            let type: FieldType
            switch collection.fields[f].type {
            case .text, .integer, .reference: type = .reference(r.target)
            case .list(.text), .list(.integer), .list(.reference): type = .list(.reference(r.target))
            default:
                throw Diagnostic(.liveSetting(setting: setting, problem: "\(r.collection).\(r.field) is \(collection.fields[f].type), and a reference holds ids"),
                                 help: "a text or whole-number column, or a list of them, can be a reference")
            }
            schema.dataset.collections[c].fields[f].type = type
            // A reference is compared by the id it holds, not by a text key.
            if case .reference = type { schema.layout.tables[c].folds[f] = nil }
        }
        return schema
    }

    static func sideTable(_ t: CatalogTable) -> SQLLayout.SideTable {
        SQLLayout.SideTable(name: t.name, valueFold: t.columns.contains { $0.name == "value_fold" } ? .column("value_fold") : .computed)
    }

    static func elementKind(_ side: CatalogTable, collectionOf: [String: String], dialect: SQLDialect) -> FieldType {
        if let fk = side.foreignKeys.first(where: { $0.column == "value" }), let target = collectionOf[fk.table] { return .reference(target) }
        let declared = side.columns.first { $0.name == "value" }?.type ?? ""
        return kind(ofDeclared: declared, dialect: dialect)
    }

    /// A PostgreSQL array type's element kind (`text[]`, `bigint[]`, `_int4`); nil for any other type.
    /// An array of arrays (`integer[][]`) is one array in PostgreSQL: its elements are read flat.
    public static func arrayElement(ofDeclared declared: String, dialect: SQLDialect) -> FieldType? {
        guard dialect == .postgres else { return nil }
        var t = declared.lowercased()
        if t.hasPrefix("_") { t.removeFirst() } else if t.hasSuffix("[]") {
            while t.hasSuffix("[]") { t.removeLast(2) }
        } else {
            return nil
        }
        return kind(ofDeclared: t, dialect: dialect)
    }

    /// A declared SQL type as a field's kind.
    public static func kind(ofDeclared declared: String, dialect: SQLDialect) -> FieldType {
        let t = declared.lowercased()
        if t.hasPrefix("_") || t.hasSuffix("[]") { return .text }  // an array in SQLite's words: its text
        if t == "date" { return .date }
        if t.contains("bool") { return .boolean }
        if t.contains("int") || t == "serial" || t == "bigserial" || t == "smallserial" { return .integer }
        if t.contains("real") || t.contains("floa") || t.contains("doub") || t.hasPrefix("numeric") || t.hasPrefix("decimal") { return .decimal }
        return .text
    }
}
