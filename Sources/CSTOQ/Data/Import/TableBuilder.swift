/// A failure while reading a data file: the message, and the byte offset (a
/// text file) or the line (known without the bytes) where it is.
struct ImportFailure: Error {
    var message: Message
    var offset: Int?
    var line: Int?

    init(_ message: Message, at offset: Int? = nil, line: Int? = nil) {
        self.message = message
        self.offset = offset
        self.line = line
    }
}

/// A table read from a file, before it joins a dataset.
struct ImportedTable {
    var collection: DatasetCollection
    /// What the load summary says of it besides its fields.
    var notes: [String]
    /// Whether the ids are the records' numbers (no `id` column, no key).
    var idsAreRowNumbers: Bool
}

/// Collects a table's cells column by column, whatever file they come from
/// (CSV, NDJSON, a JSON array, SQLite): the `id` column's values become the
/// ids, every other column a `ColumnAccumulator`.
struct TableBuilder {
    let collection: String
    /// The source's columns, named (valid names).
    private(set) var names: [String]
    private(set) var renamed: [String]
    /// The source column that gives the ids, if any.
    let idColumn: Int?
    private(set) var accumulators: [ColumnAccumulator]
    /// Set by hand (`--kind`), by field name.
    let kinds: [String: FieldType]
    private(set) var ids: [String] = []
    /// Where each id is in the file (a byte offset, or -1 where there is none: the record's line then places it).
    private var idPlaces: [Int] = []
    /// Each id's `IDCheck.hash`, computed as it is read (on both threads of a big file)
    /// until `sortIDHashes` sorts them into `sortedIDHashes`.
    private var idHashes: [UInt64] = []
    /// The id hashes sorted, in one part per thread that read them (nil: sorted when checked).
    private var sortedIDHashes: [[UInt64]]?

    /// Drops the sorted hashes (more records come): they are sorted when checked.
    mutating func forgetSortedIDHashes() {
        guard let runs = sortedIDHashes else { return }
        idHashes = runs.flatMap { $0 } + idHashes
        sortedIDHashes = nil
    }

    /// Sorts this builder's id hashes now (on the thread that read them).
    mutating func sortIDHashes() {
        guard idColumn != nil || idsGiven else { return }
        idHashes.withUnsafeMutableBufferPointer { RadixSort.sort($0) }
        sortedIDHashes = [idHashes]
        idHashes = []
    }
    private(set) var lines: [Int32] = []
    private(set) var shortRecords = 0
    private(set) var firstShortLine = 0
    private var seen: [Bool] = []
    /// How a record's place is named in notes: `line` (text files) or `rowid` (SQLite).
    var placeWord = "line"

    init(collection: String, header: [String], kinds: [String: FieldType], idColumnName: String? = DatasetCollection.idField,
         expectedRows: Int = 0) {
        self.collection = collection
        let (fieldNames, renamedNames) = ImportNames.fields(header)
        names = fieldNames
        renamed = renamedNames
        idColumn = idColumnName.flatMap { n in fieldNames.firstIndex(of: n) }
        self.kinds = kinds
        accumulators = fieldNames.map { ColumnAccumulator(fixed: kinds[$0], expectedRows: expectedRows) }
        lines.reserveCapacity(expectedRows)
        if idColumn != nil {
            ids.reserveCapacity(expectedRows)
            idPlaces.reserveCapacity(expectedRows)
            idHashes.reserveCapacity(expectedRows)
        }
    }

    mutating func beginRecord(line: Int) {
        lines.append(Int32(clamping: line))
        seen = [Bool](repeating: false, count: names.count)
    }

    /// The current record's id, when it comes from outside the columns (a
    /// SQLite primary key not named `id`, which stays a field too).
    mutating func appendID(_ id: String, line: Int) throws(ImportFailure) {
        ids.append(id)
        idHashes.append(IDCheck.hash(id))
        idPlaces.append(-1)
        idsGiven = true
    }
    private var idsGiven = false

    /// One cell of the current record; `offset` places an error in the file.
    mutating func append(_ cell: Cell, column: Int, line: Int, offset: Int? = nil) throws(ImportFailure) {
        seen[column] = true
        if column == idColumn {
            let id = cell.spelling
            guard !id.isEmpty, cell.form != .null else {
                throw ImportFailure(.importEmptyID(collection: collection), at: offset, line: offset == nil ? line : nil)
            }
            ids.append(id)
            idHashes.append(cell.form == .untyped || cell.form == .string ? IDCheck.hash(cell.bytes) : IDCheck.hash(id))
            idPlaces.append(offset ?? -1)
            return
        }
        accumulators[column].append(cell, line: line)
    }

    /// Ends a record: a column it lacks is null (a short CSV row, a key a JSON object leaves out).
    mutating func endRecord(line: Int, isRagged: Bool) throws(ImportFailure) {
        for c in names.indices where !seen[c] {
            if c == idColumn { throw ImportFailure(.importEmptyID(collection: collection), line: line) }
            accumulators[c].append(.null, line: line)
        }
        if isRagged {
            if shortRecords == 0 { firstShortLine = line }
            shortRecords += 1
        }
    }

    /// Appends the records another builder read from later in the same file
    /// (its lines counted from 1 where it started: `lineShift` makes them the file's).
    mutating func append(_ other: TableBuilder, lineShift: Int) {
        lines += other.lines.lazy.map { $0 + Int32(clamping: lineShift) }
        ids += other.ids
        idPlaces += other.idPlaces
        if let mine = sortedIDHashes, let theirs = other.sortedIDHashes {
            sortedIDHashes = mine + theirs
        } else {
            forgetSortedIDHashes()
            idHashes += other.idHashes + (other.sortedIDHashes ?? []).flatMap { $0 }
        }
        idsGiven = idsGiven || other.idsGiven
        if shortRecords == 0, other.shortRecords > 0 { firstShortLine = other.firstShortLine + lineShift }
        shortRecords += other.shortRecords
        for c in accumulators.indices { accumulators[c].append(other.accumulators[c], lineShift: lineShift) }
    }

    /// Columns whose values turned out of several kinds: they are read again as text.
    var mixedColumns: [Int] { accumulators.indices.filter { accumulators[$0].state == .mixed } }

    mutating func replace(column: Int, with accumulator: ColumnAccumulator) {
        heldBack[column] = accumulators[column].heldBack
        accumulators[column] = accumulator
    }
    /// Why a column read again as text is not of the kind most of its values are.
    private var heldBack: [Int: (kind: FieldType, values: [(text: String, line: Int)])] = [:]

    /// Two records with one id (as `=` compares them) are an error at the later one.
    func checkIDs() throws(ImportFailure) {
        let runs = sortedIDHashes ?? [IDCheck.sorted(idHashes)]
        guard let (later, earlier) = IDCheck.firstDuplicate(ids, sortedRuns: runs) else { return }
        let message = Message.importDuplicateID(id: ids[later], firstLine: Int(lines[earlier]), collection: collection)
        if idPlaces[later] >= 0 { throw ImportFailure(message, at: idPlaces[later]) }
        throw ImportFailure(message, line: Int(lines[later]))
    }

    /// The collection: `id` first, then the columns in the file's order.
    mutating func finish(origin: RecordOrigin, file: String) throws(ImportFailure) -> ImportedTable {
        try checkIDs()
        let count = lines.count
        let rowNumbers = idColumn == nil && !idsGiven
        let idList = rowNumbers ? (0..<count).map { String($0 + 1) } : ids
        var fields = [Field(name: DatasetCollection.idField, type: .text)]
        var columns = [Column(.text(codes: (0..<count).map { UInt32($0) }, dictionary: idList), dictionaryIsDistinct: true)]
        var notes: [String] = []
        for c in names.indices where c != idColumn {
            // A column named id that does not give the ids (a SQLite key gives them) keeps its values under another name.
            if names[c] == DatasetCollection.idField {
                var n = 2
                while names.contains("id_\(n)") { n += 1 }
                renamed.append("id → id_\(n) (the ids come from the key)")
                names[c] = "id_\(n)"
            }
            fields.append(Field(name: names[c], type: accumulators[c].type))
            columns.append(accumulators[c].finish())
            let a = accumulators[c]
            if let held = heldBack[c] ?? a.heldBack {
                let values = held.values.map { "\"\(Printable.escapeControls($0.text))\" (\(placeWord) \($0.line))" }.joined(separator: ", ")
                notes.append("\(names[c]) is text, not \(held.kind), because of \(values); "
                             + "--kind \(collection).\(names[c])=\(held.kind) reads it as \(held.kind) (such values null)")
            }
            if a.unfit > 0, let fixed = a.fixed {
                let values = a.unfitExamples.map { "\"\(Printable.escapeControls($0.text))\" (\(placeWord) \($0.line))" }.joined(separator: ", ")
                notes.append("\(names[c]) is \(fixed) as set: \(a.unfit) \(a.unfit == 1 ? "value is" : "values are") not \(Message.value(of: fixed)) and null: \(values)\(a.unfit > a.unfitExamples.count ? ", …" : "")")
            }
        }
        if !renamed.isEmpty { notes.insert("names made valid: " + renamed.joined(separator: ", "), at: 0) }
        if shortRecords > 0 {
            notes.append("\(shortRecords) \(shortRecords == 1 ? "record has" : "records have") fewer fields than the header (the first on line \(firstShortLine)): the missing ones are null")
        }
        var c = DatasetCollection(name: collection, fields: fields, ids: idList, columns: columns)
        c.origin = origin
        _ = file
        return ImportedTable(collection: c, notes: notes, idsAreRowNumbers: rowNumbers)
    }
}
