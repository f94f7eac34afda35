/// A pull reader over JSON bytes: the loader asks for what it expects next
/// (an object, a key, a string…) and values go straight into the dataset's
/// columns, with no tree in between. Hand-written because Foundation's JSON on
/// Linux is several times slower and heavier than this (see README, Performance).
///
/// Errors are thrown as `JSONReader.Failure` carrying the byte offset; the
/// loader turns the offset into line:column only when it reports one.
struct JSONReader {
    struct Failure: Error {
        var message: Message
        var offset: Int
    }

    enum Kind: Equatable {
        case object, array, string, number, boolean, null, end, invalid
    }

    enum Number {
        case integer(Int)
        case decimal(Double)
    }

    static let maximumDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte order mark is allowed and skipped.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    mutating func seek(to position: Int) {
        offset = position
    }

    func fail(_ message: Message, at position: Int? = nil) -> Failure {
        Failure(message: message, offset: position ?? offset)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    mutating func peek() -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { return .end }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: return .invalid
        }
    }

    /// What the next value is, for "expected X, found Y" messages.
    mutating func describeNext() -> JSONFound {
        switch peek() {
        case .object: .object
        case .array: .list
        case .string: .string
        case .number: .number
        case .boolean: .boolean
        case .null: .null
        case .end: .end
        case .invalid: .character(Character(Unicode.Scalar(bytes[offset])))
        }
    }

    mutating func expectByte(_ byte: UInt8, _ what: JSONExpected) throws(Failure) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else {
            let found = offset < bytes.count ? describeNext() : .end
            throw fail(.jsonSyntax(.expected(what, found: found)))
        }
        offset += 1
    }

    mutating func beginObject() throws(Failure) { try expectByte(UInt8(ascii: "{"), .openBrace) }
    mutating func beginArray() throws(Failure) { try expectByte(UInt8(ascii: "["), .openBracket) }

    /// The next key of an object, or nil at its closing brace. `first` tells
    /// whether a comma is required before it.
    mutating func nextKey(first: inout Bool) throws(Failure) -> (key: String, offset: Int)? {
        guard let (start, _, _) = try nextKeySpan(first: &first) else { return nil }
        var copy = JSONReader(bytes)
        copy.offset = start - 1
        return (try copy.readString(), start - 1)
    }

    /// Like `nextKey`, but gives the key's byte range instead of a String
    /// (and whether it is free of escapes), so a loader can match it bytewise.
    mutating func nextKeySpan(first: inout Bool) throws(Failure) -> (start: Int, end: Int, plain: Bool)? {
        skipWhitespace()
        guard offset < bytes.count else { throw fail(.jsonSyntax(.endInsideObject)) }
        if bytes[offset] == UInt8(ascii: "}") { offset += 1; return nil }
        if !first {
            guard bytes[offset] == UInt8(ascii: ",") else {
                throw fail(.jsonSyntax(.expected(.commaOrCloseBrace, found: describeNext())))
            }
            offset += 1
            skipWhitespace()
        }
        first = false
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw fail(.jsonSyntax(.expected(.quotedKey, found: describeNext())))
        }
        let start = offset + 1
        var plain = true
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { plain = false; i += 1 }
            i += 1
        }
        if i >= bytes.count { throw fail(.jsonSyntax(.unterminatedString), at: start - 1) }
        offset = i + 1
        try expectByte(UInt8(ascii: ":"), .colonAfterKey)
        return (start, i, plain)
    }

    func bytesEqual(_ start: Int, _ end: Int, _ name: [UInt8]) -> Bool {
        guard end - start == name.count else { return false }
        return name.withUnsafeBufferPointer { n in n.isEmpty || memcmpEqual(bytes.baseAddress! + start, n.baseAddress!, n.count) }
    }

    /// A key's text with escapes decoded (for keys that have some, and for messages).
    func decodedKey(_ start: Int, _ end: Int) -> String {
        var copy = JSONReader(bytes)
        copy.offset = start - 1
        return (try? copy.readString()) ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether another element follows in a list (consuming the comma or the closing bracket).
    mutating func nextElement(first: inout Bool) throws(Failure) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw fail(.jsonSyntax(.endInsideList)) }
        if bytes[offset] == UInt8(ascii: "]") { offset += 1; return false }
        if !first {
            guard bytes[offset] == UInt8(ascii: ",") else {
                throw fail(.jsonSyntax(.expected(.commaOrCloseBracket, found: describeNext())))
            }
            offset += 1
        }
        first = false
        return true
    }

    mutating func readString() throws(Failure) -> String {
        let start = offset
        return try withString { (bytes) throws(Failure) -> String in
            guard let s = makeString(bytes) else { throw Failure(message: .jsonInvalidUTF8, offset: start) }
            return s
        }
    }

    /// Reads a string and hands its bytes, escapes decoded, to `body`: most
    /// strings have no escape, and then no copy is made.
    mutating func withString<T>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> T) throws(Failure) -> T {
        try expectByte(UInt8(ascii: "\""), .string)
        let start = offset
        var plain = true
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                if plain { return try body(raw) }
                let decoded = try decodeEscapes(raw, from: start)
                return try decoded.withUnsafeBufferPointer { (d) throws(Failure) -> T in try body(d) }
            }
            if b == UInt8(ascii: "\\") {
                plain = false
                offset += 2
                continue
            }
            if b == 0x0A { throw fail(.jsonSyntax(.stringRunsToEndOfLine), at: start - 1) }
            if b < 0x20 { throw fail(.jsonSyntax(.controlCharacterInString)) }
            offset += 1
        }
        throw fail(.jsonSyntax(.unterminatedString), at: start - 1)
    }

    private func decodeEscapes(_ raw: UnsafeBufferPointer<UInt8>, from start: Int) throws(Failure) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = raw[k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < raw.count else { throw fail(.jsonSyntax(.badEscape), at: start + i) }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i) else { throw fail(.jsonSyntax(.badUnicodeEscape), at: start + i - 2) }
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by a low one.
                    guard i + 6 <= raw.count, raw[i] == 0x5C, raw[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(i + 2), (0xDC00..<0xE000).contains(low) else {
                        throw fail(.jsonSyntax(.unpairedSurrogate), at: start + i - 6)
                    }
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail(.jsonSyntax(.unpairedSurrogate), at: start + i - 6)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw fail(.jsonSyntax(.unknownEscape(Character(Unicode.Scalar(e)))), at: start + i - 2)
            }
        }
        return out
    }

    mutating func readNumber() throws(Failure) -> Number {
        skipWhitespace()
        let start = offset
        var negative = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { negative = true; offset += 1 }
        var value = 0
        var overflow = false
        let digitsStart = offset
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            // Negative numbers count down, so -9223372036854775808 (Int.min) is an integer too.
            let digit = Int(bytes[offset] - 0x30)
            let (a, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = a
            offset += 1
        }
        guard offset > digitsStart else { throw fail(.jsonSyntax(.malformedNumber), at: start) }
        if bytes[digitsStart] == 0x30, offset - digitsStart > 1 {
            throw fail(.jsonSyntax(.leadingZero), at: start)
        }
        var isDecimal = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isDecimal = true
            offset += 1
            let f = offset
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
            guard offset > f else { throw fail(.jsonSyntax(.malformedNumber), at: start) }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            isDecimal = true
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            let f = offset
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
            guard offset > f else { throw fail(.jsonSyntax(.malformedNumber), at: start) }
        }
        if !isDecimal && !overflow { return .integer(value) }
        if let fast = JSONReader.simpleDecimal(UnsafeBufferPointer(rebasing: bytes[start..<offset])) { return .decimal(fast) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw fail(.jsonSyntax(.numberOutOfRange), at: start) }
        return .decimal(d)
    }

    /// `-?digits.digits` with at most 15 significant digits is exact as
    /// integer / power of ten: no need for strtod.
    static func simpleDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var scale = 0
        var seenDot = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
            } else if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa * 10 + Int64(c - 0x30)
                digits += 1
                if seenDot { scale += 1 }
                if digits > 15 { return nil }
            } else {
                return nil
            }
            i += 1
        }
        let powers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
        let v = Double(mantissa) / powers[scale]
        return negative ? -v : v
    }

    mutating func readLiteral() throws(Failure) -> Bool? {
        skipWhitespace()
        @inline(__always) func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard offset + n <= bytes.count else { return false }
            return memcmpEqual(bytes.baseAddress! + offset, word.utf8Start, n)
        }
        if matches("true") { offset += 4; return true }
        if matches("false") { offset += 5; return false }
        if matches("null") { offset += 4; return nil }
        throw fail(.jsonSyntax(.expected(.value, found: describeNext())))
    }

    /// Skips one value of any kind (used for keys a reader ignores).
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < JSONReader.maximumDepth else { throw fail(.jsonNestingTooDeep(limit: JSONReader.maximumDepth)) }
        switch peek() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .boolean, .null: _ = try readLiteral()
        case .end: throw fail(.jsonSyntax(.endExpectingValue))
        case .invalid: throw fail(.jsonSyntax(.expected(.value, found: describeNext())))
        }
    }

    /// After the top-level value only whitespace may follow.
    mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        guard offset == bytes.count else {
            throw fail(.jsonSyntax(.afterTheEnd(found: describeNext())))
        }
    }
}
