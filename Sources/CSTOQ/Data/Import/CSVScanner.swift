/// Splits CSV (or TSV) bytes into records and fields, by RFC 4180 with these
/// rules for what files do in practice:
/// - a record ends at LF or CRLF; a blank line is skipped;
/// - a field that starts with `"` is quoted: it runs to the next `"` not
///   doubled (`""` is one quote), may hold the delimiter and line breaks, and
///   must be followed by the delimiter or the end of the line; a quote that
///   is never closed is an error at the opening quote;
/// - in an unquoted field a `"` is an ordinary character (`5" disk`);
/// - a UTF-8 byte order mark at the start is skipped.
/// Errors carry the byte offset; the loader turns it into FILE:LINE:COL.
struct CSVScanner {
    struct Field {
        var start: Int
        var end: Int
        /// A quoted field holding `""`: its text is the bytes with each pair made one quote.
        var hasDoubledQuotes: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var offset: Int
    /// The line `offset` is on (1-based).
    private(set) var line = 1

    static let quote = UInt8(ascii: "\"")
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    init(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        offset = CSVScanner.bomLength(bytes)
    }

    /// A scanner that starts at `offset`, which it counts as line 1.
    init(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, at offset: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.offset = offset
    }

    static func bomLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// The next record's fields (into `fields`, cleared first) and the line it
    /// starts on; nil at the end of the input.
    mutating func nextRecord(into fields: inout [Field]) throws(ImportFailure) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        let b = bytes.baseAddress
        // Blank lines between records.
        while offset < n {
            if b![offset] == CSVScanner.lf { offset += 1; line += 1; continue }
            if b![offset] == CSVScanner.cr, offset + 1 < n, b![offset + 1] == CSVScanner.lf { offset += 2; line += 1; continue }
            break
        }
        guard offset < n, let b else { return nil }
        let recordLine = line
        let d = delimiter
        while true {
            if offset < n, b[offset] == CSVScanner.quote {
                let open = offset
                offset += 1
                let start = offset
                var doubled = false
                while true {
                    guard offset < n else { throw ImportFailure(.csvQuoteNotClosed, at: open) }
                    let c = b[offset]
                    if c == CSVScanner.quote {
                        if offset + 1 < n, b[offset + 1] == CSVScanner.quote { doubled = true; offset += 2; continue }
                        break
                    }
                    if c == CSVScanner.lf { line += 1 }
                    offset += 1
                }
                fields.append(Field(start: start, end: offset, hasDoubledQuotes: doubled))
                offset += 1
                if offset < n {
                    let c = b[offset]
                    let endsLine = c == CSVScanner.lf || (c == CSVScanner.cr && offset + 1 < n && b[offset + 1] == CSVScanner.lf)
                    if c != d && !endsLine {
                        throw ImportFailure(.csvTextAfterQuote(found: CSVScanner.character(at: offset, in: bytes)), at: offset)
                    }
                }
            } else {
                let start = offset
                // Eight bytes at a time while none of them is the delimiter, LF or CR
                // (the lowest byte the test flags is always a true match).
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let dMask = UInt64(d) &* ones, lfMask = UInt64(CSVScanner.lf) &* ones, crMask = UInt64(CSVScanner.cr) &* ones
                while offset + 8 <= n {
                    let w = UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self)
                    let x = w ^ dMask, y = w ^ lfMask, z = w ^ crMask
                    let hit = ((x &- ones) & ~x | (y &- ones) & ~y | (z &- ones) & ~z) & highs
                    if hit == 0 { offset += 8; continue }
                    offset += hit.trailingZeroBitCount >> 3
                    break
                }
                while offset < n {
                    let c = b[offset]
                    if c == d || c == CSVScanner.lf { break }
                    if c == CSVScanner.cr, offset + 1 < n, b[offset + 1] == CSVScanner.lf { break }
                    offset += 1
                }
                fields.append(Field(start: start, end: offset, hasDoubledQuotes: false))
            }
            if offset >= n { return recordLine }
            if b[offset] == d { offset += 1; continue }
            offset += b[offset] == CSVScanner.cr ? 2 : 1
            line += 1
            return recordLine
        }
    }

    /// Hands a field's text to `body`: its bytes, or with `""` made `"` in `scratch`.
    func withText<T>(of field: Field, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.hasDoubledQuotes else { return body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < raw.count {
            scratch.append(raw[i])
            i += raw[i] == CSVScanner.quote ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// The character at `offset`, for a message.
    static func character(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = offset + 1
        while end < bytes.count, end - offset < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    /// The delimiter among `,` `;` tab `|`: the one that splits the first
    /// lines (up to 20, quotes respected) into the same number of fields, more
    /// than one; of two, the one giving more fields; `,` when none does.
    static func sniffDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var i = bomLength(bytes)
        var quoted = false
        var lines = 0
        var lineHasText = false
        while i < bytes.count, lines < 20 {
            let c = bytes[i]
            if c == quote {
                quoted.toggle()
            } else if !quoted, c == lf {
                if lineHasText {
                    for k in candidates.indices { counts[k].append(current[k]) }
                    lines += 1
                }
                current = [Int](repeating: 0, count: candidates.count)
                lineHasText = false
            } else if !quoted, let k = candidates.firstIndex(of: c) {
                current[k] += 1
            }
            if c != lf && c != cr { lineHasText = true }
            i += 1
        }
        if lineHasText && !quoted { for k in candidates.indices { counts[k].append(current[k]) } }
        var best: (index: Int, fields: Int)? = nil
        for k in candidates.indices {
            guard let first = counts[k].first, first > 0, counts[k].allSatisfy({ $0 == first }) else { continue }
            if best == nil || first > best!.fields { best = (k, first) }
        }
        if let best { return candidates[best.index] }
        // No candidate is steady (ragged rows): the one most frequent on the header line.
        var header: (index: Int, count: Int)? = nil
        for k in candidates.indices {
            if let c = counts[k].first, c > 0, header == nil || c > header!.count { header = (k, c) }
        }
        return header.map { candidates[$0.index] } ?? UInt8(ascii: ",")
    }
}
