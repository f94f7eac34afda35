/// A CSV or TSV file as one collection: the first record is the header, each
/// later record a record; kinds are inferred per column (see ColumnAccumulator).
/// A record with fewer fields than the header has nulls for the rest (and the
/// load summary counts them); one with more is an error at its first extra field.
enum CSVImport {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, collection: String, delimiter given: UInt8?,
                     kinds: [String: FieldType], isCancelled: () -> Bool) throws(ImportFailure) -> ImportedTable {
        if let bad = UTF8Check.firstInvalidOffset(bytes) {
            throw ImportFailure(.importInvalidUTF8(byte: bytes[bad]), at: bad)
        }
        let delimiter = given ?? CSVScanner.sniffDelimiter(bytes)
        var scanner = CSVScanner(bytes, delimiter: delimiter)
        var fields: [CSVScanner.Field] = []
        var scratch: [UInt8] = []
        guard try scanner.nextRecord(into: &fields) != nil else {
            throw ImportFailure(.dataFileEmpty(path: file, kind: "a CSV file starts with a header line naming its fields"))
        }
        let header = fields.map { f in scanner.withText(of: f, scratch: &scratch) { String(decoding: $0, as: UTF8.self) } }
        let headerEnd = scanner.offset, headerLine = scanner.line
        var table = TableBuilder(collection: collection, header: header, kinds: kinds)
        let width = header.count
        var count = 0
        while let line = try scanner.nextRecord(into: &fields) {
            count += 1
            if count & 4095 == 0, isCancelled() { throw ImportFailure(.loadCancelled) }
            if fields.count > width {
                throw ImportFailure(.csvTooManyFields(found: fields.count, header: width, delimiter: CSVImport.name(of: delimiter)),
                                    at: fields[width].start)
            }
            table.beginRecord(line: line)
            for (c, f) in fields.enumerated() {
                // The scratch copy is only made for a quoted field with "" in it.
                var failure: ImportFailure?
                scanner.withText(of: f, scratch: &scratch) { text in
                    do throws(ImportFailure) {
                        try table.append(Cell(form: .untyped, bytes: text), column: c, line: line, offset: f.start)
                    } catch { failure = error }
                }
                if let failure { throw failure }
            }
            try table.endRecord(line: line, isRagged: fields.count < width)
        }
        // Columns of mixed kinds, read again as text.
        let mixed = table.mixedColumns
        if !mixed.isEmpty {
            var again = [ColumnAccumulator](repeating: ColumnAccumulator(fixed: .text), count: width)
            var rescan = CSVScanner(bytes, delimiter: delimiter)
            _ = try rescan.nextRecord(into: &fields)
            while let line = try rescan.nextRecord(into: &fields) {
                for c in mixed {
                    if c < fields.count {
                        rescan.withText(of: fields[c], scratch: &scratch) { again[c].append(Cell(form: .untyped, bytes: $0), line: line) }
                    } else {
                        again[c].append(.null, line: line)
                    }
                }
            }
            for c in mixed { table.replace(column: c, with: again[c]) }
        }
        _ = (headerEnd, headerLine)
        return table.finish(origin: .lines(file: file, lines: table.lines), file: file)
    }

    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 0x09: "a tab"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

/// Where bytes stop being UTF-8, if they do.
enum UTF8Check {
    static func firstInvalidOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let n = b.count
        var i = 0
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var v: UInt32
            switch c {
            case 0xC2...0xDF: length = 2; minimum = 0x80; v = UInt32(c & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; v = UInt32(c & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; v = UInt32(c & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let cc = base[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                v = v << 6 | UInt32(cc & 0x3F)
            }
            if v < minimum || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return i }
            i += length
        }
        return nil
    }
}
