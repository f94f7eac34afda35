/// NDJSON (one JSON object per line) and a JSON array of objects, as one
/// collection. Each object is a record, its keys the fields (in the order
/// they are first met; a key an object leaves out is null there). The rules:
/// - a nested object becomes fields named by the path joined with `_`
///   (`{"address": {"city": …}}` is the field `address_city`);
/// - an array of plain values (strings, numbers, booleans) is a list; a
///   plain value in a column of lists is a list of one; a list holding an
///   object, a list or a null is refused, at that element;
/// - a string spelled `YYYY-MM-DD` may make a date column; a string is never
///   read as a number (JSON says what it is), and a number never as text
///   unless its column mixes kinds.
enum JSONRecordsImport {
    indirect enum JValue {
        case null, string(String), number(String), boolean(Bool), list([JValue])
    }

    struct Record {
        var line: Int
        var offset: Int
        var values: [(column: Int, value: JValue, offset: Int)]
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, collection: String, lineDelimited: Bool,
                     kinds: [String: FieldType], isCancelled: () -> Bool) throws(ImportFailure) -> ImportedTable {
        var reader = JSONReader(bytes)
        var names: [String] = []
        var columnOf: [String: Int] = [:]
        var records: [Record] = []
        var line = 1
        var counted = 0
        func lineAt(_ offset: Int) -> Int {
            while counted < offset {
                if bytes[counted] == 0x0A { line += 1 }
                counted += 1
            }
            return line
        }
        func readRecord(_ what: String) throws(JSONReader.Failure) {
            let kind = reader.peek()
            let start = reader.offset
            guard kind == .object else { throw JSONReader.Failure(message: .importNotObject(what: what, found: reader.describeNext()), offset: start) }
            var record = Record(line: lineAt(start), offset: start, values: [])
            var seen = Set<Int>()
            try readObject(prefix: "", depth: 0, into: &record, seen: &seen)
            records.append(record)
            if records.count & 4095 == 0, isCancelled() { throw JSONReader.Failure(message: .loadCancelled, offset: start) }
        }
        func readObject(prefix: String, depth: Int, into record: inout Record, seen: inout Set<Int>) throws(JSONReader.Failure) {
            guard depth < JSONReader.maximumDepth else {
                throw JSONReader.Failure(message: .importNestedTooDeep(field: prefix, limit: JSONReader.maximumDepth), offset: reader.offset)
            }
            do {
                try reader.beginObject()
                var first = true
                while let (key, keyOffset) = try reader.nextKey(first: &first) {
                    let name = prefix.isEmpty ? key : prefix + "_" + key
                    if reader.peek() == .object {
                        try readObject(prefix: name, depth: depth + 1, into: &record, seen: &seen)
                        continue
                    }
                    let column: Int
                    if let c = columnOf[name] { column = c } else {
                        column = names.count
                        names.append(name)
                        columnOf[name] = column
                    }
                    guard seen.insert(column).inserted else {
                        throw JSONReader.Failure(message: .datasetKeyRepeated(name, in: "the record"), offset: keyOffset)
                    }
                    let at = reader.offset
                    record.values.append((column, try readValue(field: name, inList: false), at))
                }
            }
        }
        func readValue(field: String, inList: Bool) throws(JSONReader.Failure) -> JValue {
            let at = reader.offset
            switch reader.peek() {
            case .string: return .string(try reader.readString())
            case .number:
                let start = reader.offset
                _ = try reader.readNumber()
                return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<reader.offset]), as: UTF8.self))
            case .boolean, .null:
                guard let b = try reader.readLiteral() else {
                    if inList { throw JSONReader.Failure(message: .importNullInList(field: field), offset: at) }
                    return .null
                }
                return .boolean(b)
            case .array:
                if inList { throw JSONReader.Failure(message: .importListInList(field: field), offset: at) }
                try reader.beginArray()
                var items: [JValue] = []
                var first = true
                while try reader.nextElement(first: &first) {
                    if reader.peek() == .object { throw JSONReader.Failure(message: .importListOfObjects(field: field), offset: reader.offset) }
                    items.append(try readValue(field: field, inList: true))
                }
                return .list(items)
            case .object, .end, .invalid:
                _ = try reader.readLiteral()  // throws the reader's own "expected a value"
                return .null
            }
        }

        do throws(JSONReader.Failure) {
            if lineDelimited {
                while true {
                    reader.skipWhitespace()
                    guard reader.offset < bytes.count else { break }
                    try readRecord("each line of an NDJSON file")
                    // Only spaces may follow an object on its line.
                    var i = reader.offset
                    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
                    if i < bytes.count, bytes[i] != 0x0A {
                        throw JSONReader.Failure(message: .importNotObject(what: "each line of an NDJSON file (one object, then the line's end)",
                                                                            found: JSONReader.found(at: i, in: bytes)), offset: i)
                    }
                }
            } else {
                try reader.beginArray()
                var first = true
                while try reader.nextElement(first: &first) { try readRecord("each element of the array") }
                try reader.expectEnd()
            }
        } catch {
            throw ImportFailure(error.message, at: error.offset)
        }
        if records.isEmpty {
            throw ImportFailure(.dataFileEmpty(path: file, kind: lineDelimited ? "an NDJSON file holds one JSON object per line"
                                                                                : "the array holds no records"))
        }

        var table = TableBuilder(collection: collection, header: names, kinds: kinds)
        // Columns holding a list anywhere are lists; the others go through inference.
        var isList = [Bool](repeating: false, count: names.count)
        for r in records { for v in r.values { if case .list = v.value { isList[v.column] = true } } }
        var lists: [Int: [[JValue]?]] = [:]
        for c in names.indices where isList[c] { lists[c] = [] }
        for r in records {
            table.beginRecord(line: r.line)
            for (c, v, offset) in r.values {
                if isList[c] {
                    switch v {
                    case .null: lists[c]!.append(nil)
                    case let .list(items): lists[c]!.append(items)
                    default: lists[c]!.append([v])
                    }
                    try table.append(.null, column: c, line: r.line, offset: offset)
                    continue
                }
                var failure: ImportFailure?
                withCell(v) { cell in
                    do throws(ImportFailure) { try table.append(cell, column: c, line: r.line, offset: offset) } catch { failure = error }
                }
                if let failure { throw failure }
            }
            for c in names.indices where isList[c] && lists[c]!.count < table.lines.count { lists[c]!.append(nil) }
            try table.endRecord(line: r.line, isRagged: false)
        }
        for c in table.mixedColumns {
            var again = ColumnAccumulator(fixed: .text)
            for r in records {
                if let v = r.values.first(where: { $0.column == c }) {
                    withCell(v.value) { again.append($0, line: r.line) }
                } else {
                    again.append(.null, line: r.line)
                }
            }
            table.replace(column: c, with: again)
        }
        var result = try table.finish(origin: .lines(file: file, lines: table.lines), file: file)
        for (c, rows) in lists {
            guard let f = result.collection.fieldIndex(named: names[c]) else { continue }
            let (type, column) = listColumn(rows)
            result.collection.fields[f].type = type
            result.collection.columns[f] = column
        }
        return result
    }

    static func withCell<T>(_ v: JValue, _ body: (Cell) -> T) -> T {
        switch v {
        case .null, .list: return body(.null)
        case let .boolean(b): return body(.boolean(b))
        case var .string(s): return s.withUTF8 { body(Cell(form: .string, bytes: $0)) }
        case var .number(s): return s.withUTF8 { body(Cell(form: .number, bytes: $0)) }
        }
    }

    /// A column of lists: the elements' kind inferred as a column's is.
    static func listColumn(_ rows: [[JValue]?]) -> (FieldType, Column) {
        var kinds = ColumnAccumulator(fixed: nil)
        for row in rows { for item in row ?? [] { withCell(item) { kinds.append($0, line: 0) } } }
        let element = kinds.type == .text && kinds.state != .unseen && kinds.state != .text ? FieldType.text : kinds.type
        let values: [Value] = rows.map { row in
            guard let row else { return .null }
            return .list(row.map { item in
                withCell(item) { cell -> Value in
                    switch element {
                    case .integer: .integer(cell.integerValue)
                    case .decimal: .decimal(cell.decimalValue)
                    case .boolean: .boolean(cell.booleanValue)
                    case .date: .date(CalendarDate(packed: cell.dateValue))
                    default: .text(cell.spelling)
                    }
                }
            })
        }
        return (.list(element), Column(.values(values)))
    }
}

extension JSONReader {
    /// What is at `offset`, for a message.
    static func found(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONFound {
        var r = JSONReader(bytes)
        r.seek(to: offset)
        return r.describeNext()
    }
}
