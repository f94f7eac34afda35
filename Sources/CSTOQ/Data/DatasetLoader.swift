/// Reads a dataset in the cstoq JSON format (see FORMAT.md beside this file)
/// and checks it whole: it either returns a complete dataset or throws one
/// error naming the file, the line and column, and the problem. It never
/// half-loads and never skips a bad record silently.
public enum DatasetLoader {
    /// An error while loading: the message and where it is, shown on one line
    /// as `FILE:LINE:COL: error: MESSAGE`.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var column: Int?
        public var message: Message

        public var description: String {
            var place = path
            if let line, let column { place += ":\(line):\(column)" }
            return "\(place): error: \(message.text)" + (message.defaultHelp.map { "\nhelp: \($0)" } ?? "")
        }
    }

    public static func load(path: String) throws(LoadError) -> Dataset {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path)
        } catch {
            throw LoadError(path: path, message: error.message)
        }
        return try load(bytes: bytes, name: path)
    }

    public static func load(text: String, name: String) throws(LoadError) -> Dataset {
        try load(bytes: Array(text.utf8), name: name)
    }

    public static func load(bytes: [UInt8], name: String) throws(LoadError) -> Dataset {
        let onlySpace = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if onlySpace { throw LoadError(path: name, message: .fileEmpty(path: name)) }
        let result: Result<Dataset, JSONReader.Failure> = bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(reader: JSONReader(buffer))
            do throws(JSONReader.Failure) {
                return .success(try builder.readDataset())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(dataset): return dataset
        case let .failure(failure):
            let source = SourceText(name: name, bytes: bytes)
            let (line, column) = source.location(of: failure.offset)
            throw LoadError(path: name, line: line, column: column, message: failure.message)
        }
    }
}

/// The state of one load: the reader, the collections read so far, and the
/// references waiting to be resolved once every collection is known.
private struct Builder {
    var reader: JSONReader
    var collections: [DatasetCollection] = []
    var pending: [PendingReference] = []
    /// Where each collection's field declarations start, for errors found later.
    var fieldOffsets: [[Int]] = []

    struct PendingReference {
        var collection: Int
        var field: Int
        var row: Int
        /// Position inside a list value, or nil for a single reference.
        var element: Int?
        var id: String
        var offset: Int
    }

    init(reader: JSONReader) {
        self.reader = reader
    }

    func fail(_ message: Message, at offset: Int? = nil) -> JSONReader.Failure {
        reader.fail(message, at: offset)
    }

    mutating func expectKind(_ kind: JSONReader.Kind, _ what: String, _ expected: String) throws(JSONReader.Failure) {
        let found = reader.peek()
        guard found == kind else {
            throw fail(.datasetWrongJSONType(what: what, expected: expected, found: reader.describeNext()))
        }
    }

    mutating func readDataset() throws(JSONReader.Failure) -> Dataset {
        guard reader.peek() == .object else {
            if reader.peek() == .invalid || reader.peek() == .end {
                throw fail(.jsonSyntax("expected '{', found \(reader.describeNext())"))
            }
            throw fail(.datasetNotObject)
        }
        let topOffset = reader.offset
        try reader.beginObject()
        var version: Int?, title: String?, article: String?
        var sawCollections = false
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            switch key {
            case "cstoq":
                _ = reader.peek()
                let at = reader.offset
                guard reader.peek() == .number, case let .integer(v) = try reader.readNumber() else {
                    throw fail(.datasetWrongJSONType(what: "'cstoq'", expected: "the format version 1", found: reader.describeNext()), at: at)
                }
                guard v == 1 else { throw fail(.datasetBadVersion(found: String(v)), at: at) }
                version = v
            case "title":
                try expectKind(.string, "'title'", "a string")
                title = try reader.readString()
            case "article":
                if reader.peek() == .null { _ = try reader.readLiteral() } else {
                    try expectKind(.string, "'article'", "a string")
                    article = try reader.readString()
                }
            case "collections":
                try readCollections()
                sawCollections = true
            default:
                // "$schema" and other "$" keys are for editors and validators.
                guard key.hasPrefix("$") else {
                    throw fail(.jsonSyntax("unknown key '\(key)' in the dataset (expected cstoq, title, article, collections)"), at: keyOffset)
                }
                try reader.skipValue()
            }
        }
        try reader.expectEnd()
        guard version != nil else { throw fail(.datasetMissingKey("cstoq", in: "the dataset"), at: topOffset) }
        guard let title else { throw fail(.datasetMissingKey("title", in: "the dataset"), at: topOffset) }
        guard sawCollections else { throw fail(.datasetMissingKey("collections", in: "the dataset"), at: topOffset) }
        try checkReferenceTargets()
        try resolveReferences()
        return Dataset(title: title, article: article, collections: collections)
    }

    mutating func readCollections() throws(JSONReader.Failure) {
        try expectKind(.object, "'collections'", "an object")
        try reader.beginObject()
        var first = true
        while let (name, keyOffset) = try reader.nextKey(first: &first) {
            guard Builder.isValidName(name) else { throw fail(.datasetBadFieldName(name), at: keyOffset) }
            guard !collections.contains(where: { $0.name == name }) else {
                throw fail(.datasetDuplicateCollection(name), at: keyOffset)
            }
            try readCollection(name: name)
        }
    }

    mutating func readCollection(name: String) throws(JSONReader.Failure) {
        try expectKind(.object, "collection '\(name)'", "an object with 'fields' and 'records'")
        let start = reader.offset
        try reader.beginObject()
        let index = collections.count
        collections.append(DatasetCollection(name: name, fields: [], ids: [], columns: []))
        fieldOffsets.append([])
        var sawFields = false, sawRecords = false
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            switch key {
            case "fields":
                try readFields(collection: index)
                sawFields = true
            case "records":
                guard sawFields else { throw fail(.datasetFieldsAfterRecords(collection: name), at: keyOffset) }
                try readRecords(collection: index)
                sawRecords = true
            default:
                guard key.hasPrefix("$") || key == "description" else {
                    throw fail(.jsonSyntax("unknown key '\(key)' in collection '\(name)' (expected fields, records)"), at: keyOffset)
                }
                try reader.skipValue()
            }
        }
        guard sawFields else { throw fail(.datasetMissingKey("fields", in: "collection '\(name)'"), at: start) }
        guard sawRecords else { throw fail(.datasetMissingKey("records", in: "collection '\(name)'"), at: start) }
    }

    mutating func readFields(collection index: Int) throws(JSONReader.Failure) {
        let name = collections[index].name
        try expectKind(.object, "'fields' of \(name)", "an object of field name to type")
        try reader.beginObject()
        var fields = [Field(name: DatasetCollection.idField, type: .text)]
        var offsets = [reader.offset]
        var first = true
        while let (field, keyOffset) = try reader.nextKey(first: &first) {
            guard Builder.isValidName(field) else { throw fail(.datasetBadFieldName(field), at: keyOffset) }
            guard field != DatasetCollection.idField, field != DatasetCollection.sourceField else {
                throw fail(.datasetReservedField(field, collection: name), at: keyOffset)
            }
            guard !fields.contains(where: { $0.name == field }) else {
                throw fail(.jsonSyntax("field '\(field)' of \(name) is declared twice"), at: keyOffset)
            }
            _ = reader.peek()
            let at = reader.offset
            try expectKind(.string, "the type of '\(field)'", "a string such as \"text\" or \"ref people\"")
            let declared = try reader.readString()
            guard let type = FieldType(declaration: declared) else {
                throw fail(.datasetBadFieldType(field: field, declared: declared), at: at)
            }
            fields.append(Field(name: field, type: type))
            offsets.append(at)
        }
        fields.append(Field(name: DatasetCollection.sourceField, type: .list(.text)))
        offsets.append(reader.offset)
        collections[index].fields = fields
        collections[index].columns = Array(repeating: [], count: fields.count)
        fieldOffsets[index] = offsets
    }

    mutating func readRecords(collection index: Int) throws(JSONReader.Failure) {
        let name = collections[index].name
        try expectKind(.array, "'records' of \(name)", "a list of objects")
        try reader.beginArray()
        let fields = collections[index].fields
        var lookup: [String: Int] = [:]
        for (i, f) in fields.enumerated() { lookup[f.name] = i }
        var seen: [String: Int] = [:]
        var columns = collections[index].columns
        var ids = collections[index].ids
        collections[index].columns = []  // keep one owner of the arrays while appending
        var row = Array(repeating: Value.null, count: fields.count)
        var first = true
        while try reader.nextElement(first: &first) {
            _ = reader.peek()
            let recordOffset = reader.offset
            try expectKind(.object, "record \(ids.count + 1) of \(name)", "an object")
            try reader.beginObject()
            for i in row.indices { row[i] = .null }
            var id: String?
            var firstKey = true
            while let (key, keyOffset) = try reader.nextKey(first: &firstKey) {
                guard let f = lookup[key] else {
                    throw fail(.recordUndeclaredField(field: key, collection: name), at: keyOffset)
                }
                if f == 0 {
                    _ = reader.peek()
                    let at = reader.offset
                    guard reader.peek() == .string else { throw fail(.recordBadID(collection: name), at: at) }
                    let value = try reader.readString()
                    guard !value.isEmpty else { throw fail(.recordBadID(collection: name), at: at) }
                    if seen[value] != nil { throw fail(.recordDuplicateID(id: value, collection: name), at: at) }
                    id = value
                    row[0] = .text(value)
                } else if f == fields.count - 1 {
                    row[f] = try readSource(collection: name)
                } else {
                    row[f] = try readValue(fields[f].type, field: fields[f].name, collection: index, columnIndex: f, row: ids.count, element: nil)
                }
            }
            guard let id else {
                throw fail(.recordMissingID(collection: name, index: ids.count), at: recordOffset)
            }
            seen[id] = ids.count
            ids.append(id)
            for i in row.indices { columns[i].append(row[i]) }
        }
        collections[index].columns = columns
        collections[index].ids = ids
    }

    mutating func readSource(collection: String) throws(JSONReader.Failure) -> Value {
        switch reader.peek() {
        case .null:
            _ = try reader.readLiteral()
            return .null
        case .string:
            return .list([.text(try reader.readString())])
        case .array:
            try reader.beginArray()
            var items: [Value] = []
            var first = true
            while try reader.nextElement(first: &first) {
                guard reader.peek() == .string else { throw fail(.recordBadSource(collection: collection)) }
                items.append(.text(try reader.readString()))
            }
            return .list(items)
        default:
            throw fail(.recordBadSource(collection: collection))
        }
    }

    /// Reads one value and checks it against the field's declared type.
    mutating func readValue(_ type: FieldType, field: String, collection: Int, columnIndex: Int, row: Int, element: Int?) throws(JSONReader.Failure) -> Value {
        let kind = reader.peek()
        let at = reader.offset
        if kind == .null {
            _ = try reader.readLiteral()
            return .null
        }
        func wrong() -> JSONReader.Failure {
            var r = reader
            return fail(.recordWrongType(field: field, collection: collections[collection].name,
                                         expected: Builder.describe(type), found: r.describeNext()), at: at)
        }
        switch type {
        case .text:
            guard kind == .string else { throw wrong() }
            return .text(try reader.readString())
        case .integer:
            guard kind == .number else { throw wrong() }
            let save = reader
            guard case let .integer(v) = try reader.readNumber() else {
                reader = save
                throw fail(.recordWrongType(field: field, collection: collections[collection].name,
                                            expected: "a whole number", found: "a decimal number"), at: at)
            }
            return .integer(v)
        case .decimal:
            guard kind == .number else { throw wrong() }
            switch try reader.readNumber() {
            case let .integer(v): return .decimal(Double(v))
            case let .decimal(v): return .decimal(v)
            }
        case .boolean:
            guard kind == .boolean else { throw wrong() }
            return .boolean(try reader.readLiteral() ?? false)
        case .date:
            guard kind == .string else { throw wrong() }
            let text = try reader.readString()
            guard let date = CalendarDate(iso: text) else { throw fail(.recordBadDate(field: field, found: text), at: at) }
            return .date(date)
        case .reference:
            guard kind == .string else { throw wrong() }
            let id = try reader.readString()
            pending.append(PendingReference(collection: collection, field: columnIndex, row: row, element: element, id: id, offset: at))
            return .null  // filled in by resolveReferences()
        case let .list(inner):
            guard kind == .array else { throw wrong() }
            try reader.beginArray()
            var items: [Value] = []
            var first = true
            while try reader.nextElement(first: &first) {
                items.append(try readValue(inner, field: field, collection: collection, columnIndex: columnIndex, row: row, element: items.count))
            }
            return .list(items)
        }
    }

    mutating func checkReferenceTargets() throws(JSONReader.Failure) {
        for (c, collection) in collections.enumerated() {
            for (f, field) in collection.fields.enumerated() {
                if case let .reference(target) = field.type.elementType,
                   !collections.contains(where: { $0.name == target }) {
                    throw fail(.datasetUnknownRefTarget(field: field.name, target: target), at: fieldOffsets[c][f])
                }
            }
        }
    }

    mutating func resolveReferences() throws(JSONReader.Failure) {
        guard !pending.isEmpty else { return }
        var indexes: [Int: [String: Int]] = [:]
        for p in pending {
            let field = collections[p.collection].fields[p.field]
            guard case let .reference(targetName) = field.type.elementType,
                  let target = collections.firstIndex(where: { $0.name == targetName }) else { continue }
            if indexes[target] == nil {
                var index: [String: Int] = [:]
                index.reserveCapacity(collections[target].ids.count)
                for (row, id) in collections[target].ids.enumerated() { index[id] = row }
                indexes[target] = index
            }
            guard let row = indexes[target]![p.id] else {
                throw fail(.recordDanglingReference(field: field.name, collection: collections[p.collection].name,
                                                    id: p.id, target: targetName), at: p.offset)
            }
            let ref = Value.reference(RecordRef(collection: target, row: row))
            if let element = p.element {
                if case var .list(items) = collections[p.collection].columns[p.field][p.row] {
                    items[element] = ref
                    collections[p.collection].columns[p.field][p.row] = .list(items)
                }
            } else {
                collections[p.collection].columns[p.field][p.row] = ref
            }
        }
    }

    static func describe(_ type: FieldType) -> String {
        switch type {
        case .text: "a string"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .boolean: "true or false"
        case .date: "a date string \"YYYY-MM-DD\""
        case let .reference(target): "the id of a record in \(target) (a string)"
        case let .list(inner): "a list of \(describe(inner).replacingFirstArticle())"
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first >= 0x61 && first <= 0x7A) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

private extension String {
    func replacingFirstArticle() -> String {
        if hasPrefix("a ") { return String(dropFirst(2)) + "s" }
        if hasPrefix("the ") { return String(dropFirst(4)) + "s" }
        return self
    }
}
