/// A CSV or TSV file as one collection: the first record is the header, each
/// later record a record; kinds are inferred per column (see ColumnAccumulator).
/// A record with fewer fields than the header has nulls for the rest (and the
/// load summary counts them); one with more is an error at its first extra field.
enum CSVImport {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, collection: String, delimiter given: UInt8?,
                     kinds: [String: FieldType], isCancelled: @escaping @Sendable () -> Bool) throws(ImportFailure) -> ImportedTable {
        // A big file's halves are checked for UTF-8 each on its thread (below).
        let parallel = bytes.count >= CSVImport.parallelSize
        if !parallel, let bad = UTF8Check.firstInvalidOffset(bytes) {
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
        let width = header.count
        let expected = CSVImport.estimatedRecords(bytes, from: scanner.offset)
        var table = TableBuilder(collection: collection, header: header, kinds: kinds, expectedRows: expected)
        // A big file is read in two halves on two threads. The second starts
        // after the first line break past the middle; that is a record's start
        // unless the break is inside a quoted field, which the first half
        // finds out when its last record ends past it: then the first half
        // reads on to the end itself, and so it does when the second fails.
        if parallel, let split = CSVImport.lineStart(after: (scanner.offset + bytes.count) / 2, in: bytes) {
            let unsafeBytes = UnsafeSendable(bytes)
            // The second half: its UTF-8 check (the offset of a bad byte, or
            // nil), and its records with their id hashes sorted (nil if it failed).
            let job = BackgroundJob { () -> (Int?, TableBuilder?) in
                let bytes = unsafeBytes.value
                if let bad = UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[split...])) { return (split + bad, nil) }
                var other = CSVScanner(bytes, delimiter: delimiter, at: split)
                var half = TableBuilder(collection: collection, header: header, kinds: kinds, expectedRows: expected / 2 + 16)
                do throws(ImportFailure) {
                    _ = try CSVImport.readRecords(&other, into: &half, width: width, delimiter: delimiter, stopAt: nil, isCancelled: isCancelled)
                    half.sortIDHashes()
                    return (nil, half)
                } catch {
                    return (nil, nil)
                }
            }
            job.start()
            let reachedSplit: Bool
            do throws(ImportFailure) {
                if let bad = UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[..<split])) {
                    throw ImportFailure(.importInvalidUTF8(byte: bytes[bad]), at: bad)
                }
                reachedSplit = try CSVImport.readRecords(&scanner, into: &table, width: width, delimiter: delimiter, stopAt: split, isCancelled: isCancelled)
                if reachedSplit { table.sortIDHashes() }
            } catch {
                _ = job.wait()
                throw error
            }
            let (badByte, half) = job.wait()
            if let bad = badByte { throw ImportFailure(.importInvalidUTF8(byte: bytes[bad]), at: bad) }
            if reachedSplit, let half {
                table.append(half, lineShift: scanner.line - 1)
            } else {
                table.forgetSortedIDHashes()
                _ = try CSVImport.readRecords(&scanner, into: &table, width: width, delimiter: delimiter, stopAt: nil, isCancelled: isCancelled)
            }
        } else {
            if parallel, let bad = UTF8Check.firstInvalidOffset(bytes) {
                throw ImportFailure(.importInvalidUTF8(byte: bytes[bad]), at: bad)
            }
            _ = try CSVImport.readRecords(&scanner, into: &table, width: width, delimiter: delimiter, stopAt: nil, isCancelled: isCancelled)
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
        return try table.finish(origin: .lines(file: file, lines: table.lines), file: file)
    }

    /// Files this big are read on two threads.
    static let parallelSize = 2 << 20

    /// Reads records into `table` until the end, or until a record ends at
    /// `stopAt` (true) or past it (false).
    static func readRecords(_ scanner: inout CSVScanner, into table: inout TableBuilder, width: Int, delimiter: UInt8,
                            stopAt: Int?, isCancelled: () -> Bool) throws(ImportFailure) -> Bool {
        let bytes = scanner.bytes
        var fields: [CSVScanner.Field] = []
        var scratch: [UInt8] = []
        var count = 0
        while let line = try scanner.nextRecord(into: &fields) {
            count += 1
            if count & 4095 == 0, isCancelled() { throw ImportFailure(.loadCancelled) }
            if fields.count > width {
                throw ImportFailure(.csvTooManyFields(found: fields.count, header: width, delimiter: CSVImport.name(of: delimiter)),
                                    at: fields[width].start)
            }
            table.beginRecord(line: line)
            for c in fields.indices {
                let f = fields[c]
                if !f.hasDoubledQuotes {
                    try table.append(Cell(form: .untyped, bytes: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])), column: c, line: line, offset: f.start)
                    continue
                }
                // Only a quoted field with "" in it is copied, to make each pair one quote.
                var failure: ImportFailure?
                scanner.withText(of: f, scratch: &scratch) { text in
                    do throws(ImportFailure) {
                        try table.append(Cell(form: .untyped, bytes: text), column: c, line: line, offset: f.start)
                    } catch { failure = error }
                }
                if let failure { throw failure }
            }
            try table.endRecord(line: line, isRagged: fields.count < width)
            if let stopAt, scanner.offset >= stopAt { return scanner.offset == stopAt }
        }
        return stopAt == nil
    }

    /// Where the line after `offset` starts (past its line break), if there is one.
    static func lineStart(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = offset
        while i < bytes.count, bytes[i] != CSVScanner.lf { i += 1 }
        return i + 1 < bytes.count ? i + 1 : nil
    }

    /// The number of records, guessed from the length of the first lines
    /// (a little over, so the columns' arrays are reserved once).
    static func estimatedRecords(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start, lines = 0
        while i < bytes.count, lines < 200 {
            if bytes[i] == CSVScanner.lf { lines += 1 }
            i += 1
        }
        guard lines > 0, i > start else { return 0 }
        let perLine = Double(i - start) / Double(lines)
        return Int(Double(bytes.count - start) / perLine * 1.05) + 16
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

/// A value handed to another thread that the two never touch at once (the
/// file's bytes, read by both halves, written by neither).
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
