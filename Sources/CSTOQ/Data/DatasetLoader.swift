#if canImport(Glibc)
import Glibc
#endif

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
            // A key or an id of the file may hold control characters: shown escaped, never sent to the terminal.
            return "\(place): error: \(Printable.escapeControls(message.text))" + (message.defaultHelp.map { "\nhelp: \($0)" } ?? "")
        }
    }

    /// `isCancelled` is asked every few thousand records (both reading
    /// threads) and between the steps after them: a yes stops the load with
    /// `loadCancelled`, and nothing of it is kept.
    public static func load(path: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws(LoadError) -> Dataset {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path)
        } catch {
            throw LoadError(path: path, message: error.message)
        }
        return try load(bytes: bytes, name: path, isCancelled: isCancelled)
    }

    public static func load(text: String, name: String) throws(LoadError) -> Dataset {
        try load(bytes: Array(text.utf8), name: name)
    }

    public static func load(bytes: [UInt8], name: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws(LoadError) -> Dataset {
        let onlySpace = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if onlySpace { throw LoadError(path: name, message: .fileEmpty(path: name)) }
        let result: Result<Dataset, JSONReader.Failure> = bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(reader: JSONReader(buffer))
            builder.isCancelled = isCancelled
            do throws(JSONReader.Failure) {
                return .success(try builder.readDataset())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(dataset): return dataset
        case let .failure(failure):
            if case .loadCancelled = failure.message { throw LoadError(path: name, message: failure.message) }
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
    /// Each collection's index by its name, so that thousands of collections load in linear time.
    var collectionIndex: [String: Int] = [:]
    var pending: [PendingReference] = []
    /// Where each collection's field declarations start, for errors found later.
    var fieldOffsets: [[Int]] = []
    /// The fold keys of each closed vocabulary, by collection and field index.
    var vocabularies: [Int: [Int: Set<String>]] = [:]
    /// Every sentence cited in a `source`, once; and the one-sentence lists made of them.
    var sourceSentences = TextInterner()
    var singleSourceLists: [Value] = []
    /// The builders of each collection's columns, kept until references are resolved.
    var columnBuilders: [Int: [ColumnBuilder]] = [:]
    var isCancelled: @Sendable () -> Bool = { false }

    struct PendingReference {
        var collection: Int
        var field: Int
        var row: Int
        /// Where inside a list value, outer list first (`[[a, b]]`: b is at [0, 1]); empty for a single reference.
        var path: [Int]
        var id: String
        var offset: Int
    }

    init(reader: JSONReader) {
        self.reader = reader
    }

    func fail(_ message: Message, at offset: Int? = nil) -> JSONReader.Failure {
        reader.fail(message, at: offset)
    }

    /// The messages are built only when something is wrong (they are
    /// autoclosures: a million records must not format a million messages).
    mutating func expectKind(_ kind: JSONReader.Kind, _ what: @autoclosure () -> String, _ expected: @autoclosure () -> String) throws(JSONReader.Failure) {
        let found = reader.peek()
        guard found == kind else {
            throw fail(.datasetWrongJSONType(what: what(), expected: expected(), found: reader.describeNext()))
        }
    }

    mutating func readDataset() throws(JSONReader.Failure) -> Dataset {
        guard reader.peek() == .object else {
            if reader.peek() == .invalid || reader.peek() == .end {
                throw fail(.jsonSyntax(.expected(.openBrace, found: reader.describeNext())))
            }
            throw fail(.datasetNotObject)
        }
        let topOffset = reader.offset
        try reader.beginObject()
        var version: Int?, title: String?, article: String?, note: String?
        var sawCollections = false
        var keys = Set<String>()
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            guard keys.insert(key).inserted else {
                throw fail(.datasetKeyRepeated(key, in: "the dataset"), at: keyOffset)
            }
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
            case "note":
                if reader.peek() == .null { _ = try reader.readLiteral() } else {
                    try expectKind(.string, "'note'", "a string")
                    note = try reader.readString()
                }
            case "collections":
                try readCollections()
                sawCollections = true
            default:
                // "$schema" and other "$" keys are for editors and validators.
                guard key.hasPrefix("$") else {
                    throw fail(.jsonSyntax(.unknownDatasetKey(key)), at: keyOffset)
                }
                try reader.skipValue()
            }
        }
        try reader.expectEnd()
        guard version != nil else { throw fail(.datasetMissingKey("cstoq", in: "the dataset"), at: topOffset) }
        guard let title else { throw fail(.datasetMissingKey("title", in: "the dataset"), at: topOffset) }
        guard sawCollections else { throw fail(.datasetMissingKey("collections", in: "the dataset"), at: topOffset) }
        try checkReferenceTargets()
        if isCancelled() { throw fail(.loadCancelled) }
        try resolveReferences()
        var dataset = Dataset(title: title, article: article, collections: collections)
        dataset.note = note
        return dataset
    }

    mutating func readCollections() throws(JSONReader.Failure) {
        try expectKind(.object, "'collections'", "an object")
        try reader.beginObject()
        var first = true
        while let (name, keyOffset) = try reader.nextKey(first: &first) {
            guard Builder.isValidName(name) else { throw fail(.datasetBadFieldName(name), at: keyOffset) }
            guard collectionIndex[name] == nil else {
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
        collectionIndex[name] = index
        columnBuilders[index] = nil
        fieldOffsets.append([])
        var sawFields = false, sawRecords = false
        var keys = Set<String>()
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            guard keys.insert(key).inserted else {
                throw fail(.datasetKeyRepeated(key, in: "collection '\(name)'"), at: keyOffset)
            }
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
                    throw fail(.jsonSyntax(.unknownCollectionKey(key, collection: name)), at: keyOffset)
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
        var declared = Set<String>()
        var first = true
        while let (field, keyOffset) = try reader.nextKey(first: &first) {
            guard Builder.isValidName(field) else { throw fail(.datasetBadFieldName(field), at: keyOffset) }
            guard field != DatasetCollection.idField, field != DatasetCollection.sourceField else {
                throw fail(.datasetReservedField(field, collection: name), at: keyOffset)
            }
            guard declared.insert(field).inserted else {
                throw fail(.jsonSyntax(.fieldDeclaredTwice(field: field, collection: name)), at: keyOffset)
            }
            _ = reader.peek()
            let at = reader.offset
            try expectKind(.string, "the type of '\(field)'", "a string such as \"text\" or \"ref people\"")
            let declaration = try reader.readString()
            if let vocabulary = Field.vocabulary(declaration) {
                if let problem = vocabulary.problem { throw fail(.datasetBadVocabulary(field: field, problem: problem), at: at) }
                vocabularies[index, default: [:]][fields.count] = Set(vocabulary.values.map(ValueComparison.fold))
                fields.append(Field(name: field, type: vocabulary.type, values: vocabulary.values))
                offsets.append(at)
                continue
            }
            guard let type = FieldType(declaration: declaration) else {
                if FieldType.listNesting(of: declaration) > FieldType.maximumListNesting {
                    throw fail(.datasetListNestedTooDeep(field: field, limit: FieldType.maximumListNesting), at: at)
                }
                throw fail(.datasetBadFieldType(field: field, declared: declaration), at: at)
            }
            fields.append(Field(name: field, type: type))
            offsets.append(at)
        }
        fields.append(Field(name: DatasetCollection.sourceField, type: .list(.text)))
        offsets.append(reader.offset)
        collections[index].fields = fields
        fieldOffsets[index] = offsets
    }

    /// The columns, ids and row count read from a run of records.
    struct RecordBatch {
        var builders: [ColumnBuilder]
        var ids: [String] = []
        var idOffsets: [Int] = []
        var rows = 0
    }

    /// Reads a collection's records. A big array is read in two halves on two
    /// threads (see `splitPoint`); whatever goes wrong in the second half, it
    /// is read again here, so errors are the same as in a plain read.
    mutating func readRecords(collection index: Int) throws(JSONReader.Failure) {
        let name = collections[index].name
        try expectKind(.array, "'records' of \(name)", "a list of objects")
        try reader.beginArray()
        let fields = collections[index].fields
        var batch = RecordBatch(builders: fields.map { ColumnBuilder(type: $0.type) })
        var first = true
        if let split = Builder.splitPoint(reader.bytes, from: reader.offset) {
            var other = self
            other.reader.seek(to: split)
            other.pending = []
            other.sourceSentences = TextInterner()
            other.singleSourceLists = []
            let job = SecondHalf(builder: other, collection: index, fields: fields)
            let started = job.start()
            let reached: Bool
            do {
                reached = try readBatch(into: &batch, collection: index, first: &first, startingAtElement: false, stopAt: split)
            } catch {
                // The other half stops soon too (a cancel) or its result is not wanted: wait for it.
                if started { job.wait() }
                throw error
            }
            if started { job.wait() }
            if isCancelled() { throw fail(.loadCancelled) }
            if reached {
                if started, let (otherBatch, otherBuilder) = job.result {
                    for p in otherBuilder.pending {
                        var shifted = p
                        shifted.row += batch.rows
                        pending.append(shifted)
                    }
                    batch.append(otherBatch)
                    reader.seek(to: otherBuilder.reader.offset)
                } else {
                    _ = try readBatch(into: &batch, collection: index, first: &first, startingAtElement: true, stopAt: nil)
                }
            }
        } else {
            _ = try readBatch(into: &batch, collection: index, first: &first, startingAtElement: false, stopAt: nil)
        }
        try checkUnique(batch.ids, offsets: batch.idOffsets, collection: name)
        collections[index].ids = batch.ids
        var builders = batch.builders
        builders[0].codes = (0..<batch.ids.count).map { UInt32($0) }
        builders[0].plainStrings = batch.ids
        builders[0].stopInterning()
        collections[index].columns = builders.map { $0.finish() }
        collections[index].columns[0].dictionaryIsDistinct = true  // ids are checked unique
        columnBuilders[index] = builders
    }

    /// Where a second thread can start reading records: the first `{` that
    /// begins a line after the middle of what is left, preceded by a comma.
    /// Raw line breaks never occur inside JSON strings, and in this format
    /// only records are objects inside a list, so that `{` starts a record —
    /// of this array, if the first half reaches it. Nil for small inputs.
    static func splitPoint(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let remaining = bytes.count - start
        guard remaining >= 8 << 20 else { return nil }
        var i = start + remaining / 2
        let limit = min(bytes.count, i + (1 << 20))
        while i < limit {
            if bytes[i] == 0x0A {
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "{") {
                    var k = i
                    while k > start, bytes[k] == 0x0A || bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D { k -= 1 }
                    if bytes[k] == UInt8(ascii: ",") { return j }
                }
            }
            i += 1
        }
        return nil
    }

    /// Reads records into `batch` until the array ends (false) or the next
    /// record starts at `stopAt` (true, that record not read).
    mutating func readBatch(into batch: inout RecordBatch, collection index: Int, first: inout Bool,
                            startingAtElement: Bool, stopAt: Int?) throws(JSONReader.Failure) -> Bool {
        let name = collections[index].name
        let fields = collections[index].fields
        let names = fields.map { Array($0.name.utf8) }
        var lookup: [String: Int] = [:]
        for (i, f) in fields.enumerated() { lookup[f.name] = i }
        let sourceIndex = fields.count - 1
        var setInRow = Array(repeating: false, count: fields.count)
        // Records usually list their keys in the same order: guess the field
        // of the k-th key from the record before, and check the guess bytewise.
        var guess = Array(0..<fields.count)
        let batchStart = reader.offset
        var atElement = startingAtElement
        while true {
            if atElement {
                atElement = false
            } else {
                guard try reader.nextElement(first: &first) else { return false }
            }
            first = false
            _ = reader.peek()
            let recordOffset = reader.offset
            if let stopAt, recordOffset == stopAt { return true }
            if batch.rows & 0xFFF == 0xFFF, isCancelled() { throw fail(.loadCancelled) }
            try expectKind(.object, "record \(batch.rows + 1) of \(name)", "an object")
            try reader.beginObject()
            for i in setInRow.indices { setInRow[i] = false }
            var firstKey = true
            var k = 0
            while true {
                guard let (keyStart, keyEnd, plain) = try reader.nextKeySpan(first: &firstKey) else { break }
                var f = -1
                if plain {
                    let g = k < guess.count ? guess[k] : -1
                    if g >= 0, reader.bytesEqual(keyStart, keyEnd, names[g]) {
                        f = g
                    } else if let found = lookup[reader.decodedKey(keyStart, keyEnd)] {
                        // A look-up, not a search of the names: a record of a million fields in its own order stays linear.
                        f = found
                        if k < guess.count { guess[k] = found }
                    }
                } else if let found = lookup[reader.decodedKey(keyStart, keyEnd)] {
                    f = found
                }
                guard f >= 0 else {
                    throw fail(.recordUndeclaredField(field: reader.decodedKey(keyStart, keyEnd), collection: name), at: keyStart - 1)
                }
                guard !setInRow[f] else {
                    throw fail(.jsonSyntax(.fieldRepeatedInRecord(field: fields[f].name, record: batch.rows + 1, collection: name)), at: keyStart - 1)
                }
                setInRow[f] = true
                k += 1
                if f == 0 {
                    _ = reader.peek()
                    let at = reader.offset
                    guard reader.peek() == .string else { throw fail(.recordBadID(collection: name), at: at) }
                    let id = try reader.withString { (bytes) throws(JSONReader.Failure) -> String? in
                        if bytes.isEmpty { return nil }
                        guard let s = makeString(bytes) else { throw JSONReader.Failure(message: .jsonInvalidUTF8, offset: at) }
                        return s
                    }
                    guard let id else { throw fail(.recordBadID(collection: name), at: at) }
                    batch.ids.append(id)
                    batch.idOffsets.append(at)
                } else if f == sourceIndex {
                    batch.builders[f].values.append(try readSource(collection: name))
                } else {
                    try readField(fields[f], into: &batch.builders[f], collection: index, columnIndex: f, row: batch.rows)
                }
            }
            guard setInRow[0] else {
                throw fail(.recordMissingID(collection: name, index: batch.rows), at: recordOffset)
            }
            for f in 1..<fields.count where !setInRow[f] { batch.builders[f].appendNull() }
            batch.rows += 1
            if batch.rows == 1024 {
                // Guess the number of records from the bytes the first ones took,
                // so the columns grow once instead of doubling all the way.
                let perRecord = max(1, (reader.offset - batchStart) / 1024)
                let expected = min(((stopAt ?? reader.bytes.count) - batchStart) / perRecord + 1024, 50_000_000)
                batch.ids.reserveCapacity(expected)
                batch.idOffsets.reserveCapacity(expected)
                for f in batch.builders.indices { batch.builders[f].reserve(expected) }
            }
        }
    }

    /// Duplicate ids, found by sorting hashes (no hash table the size of the
    /// collection); the first repeated id in file order is reported, with the
    /// earlier one it repeats. Ids are compared by their `ValueComparison.fold`
    /// key, as `=` compares them: `ABC` repeats `abc`, `café` in NFD repeats
    /// it in NFC. So a reference, `.whynot ID` and `.source` never have two
    /// records to choose from.
    func checkUnique(_ ids: [String], offsets: [Int], collection: String) throws(JSONReader.Failure) {
        guard let (d, e) = IDCheck.firstDuplicate(ids) else { return }
        // Bytewise equal ids are plainly one id twice; others are told which id they equal, and where.
        guard Array(ids[d].utf8) != Array(ids[e].utf8) else {
            throw fail(.recordDuplicateID(id: ids[d], collection: collection), at: offsets[d])
        }
        let line = 1 + reader.bytes[..<offsets[e]].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        throw fail(.recordIDsFoldEqual(id: ids[d], earlier: ids[e], line: line, collection: collection), at: offsets[d])
    }

    /// Reads one value into a column, checking it against the field's type.
    mutating func readField(_ field: Field, into builder: inout ColumnBuilder, collection: Int, columnIndex: Int, row: Int) throws(JSONReader.Failure) {
        let kind = reader.peek()
        let at = reader.offset
        if kind == .null {
            _ = try reader.readLiteral()
            builder.appendNull()
            return
        }
        func wrong() -> JSONReader.Failure {
            var r = reader
            return fail(.recordWrongType(field: field.name, collection: collections[collection].name,
                                         expected: field.type, found: r.describeNext()), at: at)
        }
        switch field.type {
        case .text:
            guard kind == .string else { throw wrong() }
            let added = try reader.withString { (bytes) throws(JSONReader.Failure) in
                guard let added = builder.appendText(bytes) else { throw JSONReader.Failure(message: .jsonInvalidUTF8, offset: at) }
                return added
            }
            // A closed vocabulary: each new value checked once (the column's dictionary holds the rest).
            if added.isNew, let vocabulary = field.values {
                try checkVocabulary(reader.decodedKey(at + 1, reader.offset - 1), field: field, vocabulary: vocabulary, collection: collection, columnIndex: columnIndex, at: at)
            }
        case .integer:
            guard kind == .number else { throw wrong() }
            guard case let .integer(v) = try reader.readNumber() else {
                throw fail(.recordWrongType(field: field.name, collection: collections[collection].name,
                                            expected: .integer, found: .decimalNumber), at: at)
            }
            builder.ints.append(v)
        case .decimal:
            guard kind == .number else { throw wrong() }
            switch try reader.readNumber() {
            case let .integer(v): builder.doubles.append(Double(v))
            case let .decimal(v): builder.doubles.append(v)
            }
        case .boolean:
            guard kind == .boolean else { throw wrong() }
            builder.bools.append(try reader.readLiteral() == true ? 1 : 0)
        case .date:
            guard kind == .string else { throw wrong() }
            let date = try reader.withString { (bytes) throws(JSONReader.Failure) -> CalendarDate? in CalendarDate(iso: bytes) }
            guard let date else {
                throw fail(.recordBadDate(field: field.name, found: String(decoding: reader.bytes[(at + 1)..<(reader.offset - 1)], as: UTF8.self)), at: at)
            }
            builder.dates.append(date.packed)
        case .reference:
            guard kind == .string else { throw wrong() }
            // The id is interned now and resolved to a row once every collection is read.
            try reader.withString { (bytes) throws(JSONReader.Failure) in
                guard let (code, _) = builder.interner.intern(bytes) else { throw JSONReader.Failure(message: .jsonInvalidUTF8, offset: at) }
                builder.refCodes.append(Int32(code))
                builder.refOffsets.append(at)
            }
        case .list:
            guard kind == .array else { throw wrong() }
            builder.values.append(try readValue(field.type, field: field.name, collection: collection, columnIndex: columnIndex, row: row, path: []))
        }
    }

    /// Sources repeat (many records cite the same sentence): each sentence is
    /// interned, and a record citing one sentence shares the list value of
    /// every other record citing it.
    mutating func readSource(collection: String) throws(JSONReader.Failure) -> Value {
        switch reader.peek() {
        case .null:
            _ = try reader.readLiteral()
            return .null
        case .string:
            return sourceList([try readSourceSentence()])
        case .array:
            try reader.beginArray()
            var codes: [UInt32] = []
            var first = true
            while try reader.nextElement(first: &first) {
                guard reader.peek() == .string else { throw fail(.recordBadSource(collection: collection)) }
                codes.append(try readSourceSentence())
            }
            return sourceList(codes)
        default:
            throw fail(.recordBadSource(collection: collection))
        }
    }

    mutating func readSourceSentence() throws(JSONReader.Failure) -> UInt32 {
        let at = reader.offset
        return try reader.withString { (bytes) throws(JSONReader.Failure) -> UInt32 in
            guard let (code, _) = sourceSentences.intern(bytes) else { throw JSONReader.Failure(message: .jsonInvalidUTF8, offset: at) }
            return code
        }
    }

    mutating func sourceList(_ codes: [UInt32]) -> Value {
        if codes.count == 1 {
            let c = Int(codes[0])
            while singleSourceLists.count <= c { singleSourceLists.append(.list([.text(sourceSentences.strings[singleSourceLists.count])])) }
            return singleSourceLists[c]
        }
        return .list(codes.map { .text(sourceSentences.strings[Int($0)]) })
    }

    /// Reads one value of a list (element by element) as a `Value`.
    mutating func readValue(_ type: FieldType, field: String, collection: Int, columnIndex: Int, row: Int, path: [Int]) throws(JSONReader.Failure) -> Value {
        let kind = reader.peek()
        let at = reader.offset
        if kind == .null {
            _ = try reader.readLiteral()
            return .null
        }
        func wrong() -> JSONReader.Failure {
            var r = reader
            return fail(.recordWrongType(field: field, collection: collections[collection].name,
                                         expected: type, found: r.describeNext()), at: at)
        }
        switch type {
        case .text:
            guard kind == .string else { throw wrong() }
            let text = try reader.readString()
            let f = collections[collection].fields[columnIndex]
            if let vocabulary = f.values {
                try checkVocabulary(text, field: f, vocabulary: vocabulary, collection: collection, columnIndex: columnIndex, at: at)
            }
            return .text(text)
        case .integer:
            guard kind == .number else { throw wrong() }
            guard case let .integer(v) = try reader.readNumber() else {
                throw fail(.recordWrongType(field: field, collection: collections[collection].name,
                                            expected: .integer, found: .decimalNumber), at: at)
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
            pending.append(PendingReference(collection: collection, field: columnIndex, row: row, path: path, id: id, offset: at))
            return .null  // filled in by resolveReferences()
        case let .list(inner):
            guard kind == .array else { throw wrong() }
            try reader.beginArray()
            var items: [Value] = []
            var first = true
            while try reader.nextElement(first: &first) {
                items.append(try readValue(inner, field: field, collection: collection, columnIndex: columnIndex, row: row, path: path + [items.count]))
            }
            return .list(items)
        }
    }

    /// A value of a field with a closed vocabulary must be one of its values (as `=` compares).
    func checkVocabulary(_ value: String, field: Field, vocabulary: [String], collection: Int, columnIndex: Int, at: Int) throws(JSONReader.Failure) {
        guard vocabularies[collection]?[columnIndex]?.contains(ValueComparison.fold(value)) == false else { return }
        throw fail(.recordNotInVocabulary(field: field.name, collection: collections[collection].name, found: value, values: vocabulary), at: at)
    }

    mutating func checkReferenceTargets() throws(JSONReader.Failure) {
        for (c, collection) in collections.enumerated() {
            for (f, field) in collection.fields.enumerated() {
                if case let .reference(target) = field.type.elementType, collectionIndex[target] == nil {
                    throw fail(.datasetUnknownRefTarget(field: field.name, target: target), at: fieldOffsets[c][f])
                }
            }
        }
    }

    /// Turns the ids read for references into rows of their target
    /// collections: through the id interner of the target, one look-up per
    /// distinct id, then one pass over the column. Ids match by their fold
    /// key, as `=` and `checkUnique` compare them.
    mutating func resolveReferences() throws(JSONReader.Failure) {
        var idCodes: [Int: [String: Int]] = [:]
        func index(of target: Int) -> [String: Int] {
            if let i = idCodes[target] { return i }
            var index: [String: Int] = [:]
            index.reserveCapacity(collections[target].ids.count)
            for (row, id) in collections[target].ids.enumerated() { index[ValueComparison.fold(id)] = row }
            idCodes[target] = index
            return index
        }
        for c in collections.indices {
            for (f, field) in collections[c].fields.enumerated() {
                guard case let .reference(targetName) = field.type, let target = collectionIndex[targetName] else { continue }
                let builder = columnBuilders[c]![f]
                let ids = index(of: target)
                let rowOfCode: [Int32] = builder.interner.strings.map { ids[ValueComparison.fold($0)].map(Int32.init) ?? -2 }
                var rows = builder.refCodes
                for i in rows.indices where rows[i] >= 0 {
                    let r = rowOfCode[Int(rows[i])]
                    if r == -2 {
                        throw fail(.recordDanglingReference(field: field.name, collection: collections[c].name,
                                                            id: builder.interner.strings[Int(rows[i])], target: targetName), at: builder.refOffsets[i])
                    }
                    rows[i] = r
                }
                collections[c].columns[f] = Column(.reference(target: target, rows: rows))
            }
        }
        // References inside lists, column by column (one copy of each column).
        var byColumn: [[Int]: [PendingReference]] = [:]
        for p in pending { byColumn[[p.collection, p.field], default: []].append(p) }
        for (key, list) in byColumn.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let (c, f) = (key[0], key[1])
            let field = collections[c].fields[f]
            guard case let .reference(targetName) = field.type.elementType,
                  let target = collectionIndex[targetName],
                  case var .values(values) = collections[c].columns[f].storage else { continue }
            collections[c].columns[f] = Column(.values([]))
            let ids = index(of: target)
            for p in list {
                guard let row = ids[ValueComparison.fold(p.id)] else {
                    throw fail(.recordDanglingReference(field: field.name, collection: collections[c].name,
                                                        id: p.id, target: targetName), at: p.offset)
                }
                let ref = Value.reference(RecordRef(collection: target, row: row))
                Builder.set(&values[p.row], at: p.path[...], to: ref)
            }
            collections[c].columns[f] = Column(.values(values))
        }
    }

    /// Puts a resolved reference in its place, however deep in lists it is.
    /// The list is taken out of `v` before it is changed, so it is changed in
    /// place (no copy per reference of a long list).
    static func set(_ v: inout Value, at path: ArraySlice<Int>, to ref: Value) {
        guard let i = path.first else { v = ref; return }
        guard case var .list(items) = v, items.indices.contains(i) else { return }
        v = .null
        set(&items[i], at: path.dropFirst(), to: ref)
        v = .list(items)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first >= 0x61 && first <= 0x7A) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

/// The second half of a big records array, read on a thread of its own.
private final class SecondHalf: @unchecked Sendable {
    // Touched by the thread between start() and wait() only, by the caller
    // before and after: pthread_join orders the two.
    var builder: Builder
    let collection: Int
    let fields: [Field]
    var result: (Builder.RecordBatch, Builder)?
    var thread = pthread_t()

    init(builder: Builder, collection: Int, fields: [Field]) {
        self.builder = builder
        self.collection = collection
        self.fields = fields
    }

    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            let job = Unmanaged<SecondHalf>.fromOpaque(context!).takeRetainedValue()
            job.run()
            return nil
        }, context)
        if created != 0 { Unmanaged<SecondHalf>.fromOpaque(context).release() }
        return created == 0
    }

    func run() {
        var batch = Builder.RecordBatch(builders: fields.map { ColumnBuilder(type: $0.type) })
        var first = true
        // Any failure (or a run into another array) leaves `result` nil: the
        // caller then reads this half itself.
        if let reachedEnd = try? builder.readBatch(into: &batch, collection: collection, first: &first, startingAtElement: true, stopAt: nil),
           reachedEnd == false {
            result = (batch, builder)
        }
    }

    func wait() {
        pthread_join(thread, nil)
    }
}

extension Builder.RecordBatch {
    /// Appends the records of a later batch.
    fileprivate mutating func append(_ other: Builder.RecordBatch) {
        for f in builders.indices { builders[f].append(other.builders[f]) }
        ids += other.ids
        idOffsets += other.idOffsets
        rows += other.rows
    }
}
