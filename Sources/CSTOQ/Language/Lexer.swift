/// The scanner: UTF-8 bytes in, tokens with exact byte ranges out.
///
/// It never throws and never stops early: a bad byte or an unterminated string
/// becomes an error token and scanning goes on (as in clox and Go's scanner),
/// so the parser reports the first problem with its exact place.
///
/// Lexical rules (see Grammar/cstoq.ebnf):
/// - words: a letter or `_`, then letters, digits, `_`; a `-` between two
///   such characters joins them (`vladimir-putin`); non-ASCII letters are allowed.
/// - numbers: `-`? digits (`.` digits)?; dates: `YYYY-MM-DD`.
/// - strings: in `"` or `'`, may span lines, escapes `\\ \" \' \n \t \r \u{HEX}`;
///   escapes, NUL bytes and bad UTF-8 inside are reported by `stringValue`.
/// - `--` starts a comment to the end of the line; a first line `#!…` is
///   skipped, and so is a byte-order mark at the very start.
/// - a line whose first non-blank character is `.` followed by a letter is a
///   dot-command, which runs to the end of the line.
public struct Lexer {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// All tokens, ending with one `.endOfInput`.
    public func tokenize() -> [Token] {
        var tokens: [Token] = []
        // About one token per 6 bytes in real queries; a guess too high costs
        // page faults on every call for big scripts.
        tokens.reserveCapacity(bytes.count / 6 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(buffer)
            while true {
                let t = cursor.next()
                tokens.append(t)
                if t.kind == .endOfInput { break }
            }
        }
        return tokens
    }

    /// The text of a token, exactly as written.
    public func text(_ token: Token) -> String {
        String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
    }

    /// The value of a string token, escapes decoded; a diagnostic for a bad
    /// escape, a NUL byte or bytes that are not UTF-8, with their range.
    public func stringValue(_ token: Token) -> Result<String, Diagnostic> {
        var out = [UInt8]()
        var i = token.range.start + 1
        let end = token.kind == .string ? token.range.end - 1 : token.range.end
        out.reserveCapacity(end - i)
        while i < end {
            let b = bytes[i]
            // The text of a string is checked here, where its value is needed:
            // the scanner only finds where the string ends.
            if b == 0 { return .failure(Diagnostic(.nulByte, at: SourceRange(i, i + 1))) }
            if b >= 0x80 {
                let n = bytes.withUnsafeBufferPointer { Cursor.utf8Length($0, at: i) }
                guard n > 0, i + n <= end else {
                    var stop = i + 1
                    while stop < end, bytes[stop] & 0xC0 == 0x80 { stop += 1 }
                    return .failure(Diagnostic(.invalidUTF8, at: SourceRange(i, stop)))
                }
                out.append(contentsOf: bytes[i..<(i + n)])
                i += n
                continue
            }
            guard b == UInt8(ascii: "\\"), i + 1 < end else { out.append(b); i += 1; continue }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e); i += 2
            case UInt8(ascii: "u"):
                var j = i + 2
                var value: UInt32 = 0
                var ok = j < end && bytes[j] == UInt8(ascii: "{")
                j += 1
                var digits = 0
                while ok, j < end, bytes[j] != UInt8(ascii: "}") {
                    guard let d = Lexer.hexValue(bytes[j]), digits < 6 else { ok = false; break }
                    value = value * 16 + d
                    digits += 1
                    j += 1
                }
                ok = ok && j < end && digits > 0
                guard ok, let scalar = Unicode.Scalar(value) else {
                    let stop = min(end, max(j + 1, i + 2))
                    let text = String(decoding: bytes[i..<stop], as: UTF8.self)
                    return .failure(Diagnostic(.invalidEscape(text), at: SourceRange(i, stop),
                                               help: "write a code point as \\u{1F600}"))
                }
                out.append(contentsOf: Array(String(scalar).utf8))
                i = j + 1
            default:
                var stop = min(end, i + 2)
                while stop < end, bytes[stop] & 0xC0 == 0x80 { stop += 1 }  // the whole character after `\`
                return .failure(Diagnostic(.invalidEscape(String(decoding: bytes[i..<stop], as: UTF8.self)),
                                           at: SourceRange(i, stop),
                                           help: "the escapes are \\\\ \\\" \\' \\n \\t \\r and \\u{HEX}; write \\\\ for a backslash"))
            }
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }
}

/// The scanning state over the bytes; kept in a struct so the hot loop
/// touches no class and no closure.
struct Cursor {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var newline = false
    var lineStart = true
    /// The last token ends a value (a name, a number, `)`…): a `-` then
    /// subtracts (`score -1` is `score - 1`) instead of starting a negative number.
    var afterOperand = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        // A byte-order mark, as some editors write at the start of a file, is not text.
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if b.count >= i + 2, b[i] == UInt8(ascii: "#"), b[i + 1] == UInt8(ascii: "!") {
            while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
        }
    }

    @inline(__always) func peek(_ k: Int = 0) -> UInt8 {
        i + k < b.count ? b[i + k] : 0
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "_")
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    func utf8Length(at: Int) -> Int {
        Cursor.utf8Length(b, at: at)
    }

    /// Length of a valid UTF-8 sequence starting at `at`, or 0 when invalid.
    static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Int {
        let c = b[at]
        let n: Int
        switch c {
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return 0
        }
        guard at + n <= b.count else { return 0 }
        for k in 1..<n where b[at + k] & 0xC0 != 0x80 { return 0 }
        // Overlong and surrogate forms.
        if c == 0xE0 && b[at + 1] < 0xA0 { return 0 }
        if c == 0xED && b[at + 1] > 0x9F { return 0 }
        if c == 0xF0 && b[at + 1] < 0x90 { return 0 }
        if c == 0xF4 && b[at + 1] > 0x8F { return 0 }
        return n
    }

    /// A non-ASCII character that may appear in a word: any valid UTF-8 letter-ish
    /// sequence except the no-break space and typographic punctuation.
    func wordScalarLength(at: Int) -> Int {
        let n = utf8Length(at: at)
        guard n > 0 else { return 0 }
        if n == 2, b[at] == 0xC2 { return 0 }                 // U+0080–U+00BF: no-break space, «, », …
        if n == 3, b[at] == 0xE2, b[at + 1] <= 0x81 { return 0 } // general punctuation: dashes, quotes, …
        return n
    }

    mutating func skipTrivia() {
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                i += 1
            } else if c == UInt8(ascii: "\n") {
                i += 1
                newline = true
                lineStart = true
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() -> Token {
        let t = scan()
        switch t.kind {
        case .word, .string, .integer, .decimal, .date, .parameter, .rightParen: afterOperand = true
        default: afterOperand = false
        }
        return t
    }

    mutating func scan() -> Token {
        skipTrivia()
        let start = i
        let nl = newline
        let atLineStart = lineStart
        newline = false
        lineStart = false
        func make(_ kind: TokenKind) -> Token { Token(kind, SourceRange(start, i), followsNewline: nl) }
        guard i < b.count else { return make(.endOfInput) }
        let c = b[i]
        if Cursor.isLetter(c) || (c >= 0x80 && wordScalarLength(at: i) > 0) {
            scanWord()
            return make(.word)
        }
        if Cursor.isDigit(c) || (c == UInt8(ascii: "-") && Cursor.isDigit(peek(1)) && !afterOperand) {
            return make(scanNumberOrDate())
        }
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            while i < b.count {
                if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                if b[i] == c { i += 1; return make(.string) }
                i += 1
            }
            i = min(i, b.count)
            return make(.unterminatedString)
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "=") { i += 1; return make(.doubleEqual) }
            return make(.equal)
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") { i += 1; return make(.notEqual) }
            return make(.invalidCharacter)
        case UInt8(ascii: "<"):
            if peek() == UInt8(ascii: "=") { i += 1; return make(.lessEqual) }
            if peek() == UInt8(ascii: ">") { i += 1; return make(.notEqual) }
            return make(.less)
        case UInt8(ascii: ">"):
            if peek() == UInt8(ascii: "=") { i += 1; return make(.greaterEqual) }
            return make(.greater)
        case UInt8(ascii: "("): return make(.leftParen)
        case UInt8(ascii: ")"): return make(.rightParen)
        case UInt8(ascii: ","): return make(.comma)
        case UInt8(ascii: ";"): return make(.semicolon)
        case UInt8(ascii: "*"): return make(.star)
        case UInt8(ascii: "+"): return make(.plus)
        case UInt8(ascii: "-"): return make(.minus)
        case UInt8(ascii: "/"): return make(.slash)
        case UInt8(ascii: "|"):
            if peek() == UInt8(ascii: "|") { i += 1 }
            return make(.pipe)
        case UInt8(ascii: "."):
            if atLineStart, Cursor.isLetter(peek()) {
                while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
                var end = i
                while end > start, b[end - 1] == UInt8(ascii: " ") || b[end - 1] == UInt8(ascii: "\r") || b[end - 1] == UInt8(ascii: "\t") { end -= 1 }
                return Token(.dotCommand, SourceRange(start, end), followsNewline: nl)
            }
            return make(.dot)
        case UInt8(ascii: "$"):
            guard Cursor.isLetter(peek()) else { return make(.invalidCharacter) }
            while i < b.count, Cursor.isLetter(b[i]) || Cursor.isDigit(b[i]) { i += 1 }
            return make(.parameter)
        case 0:
            return make(.nulByte)
        default:
            if c >= 0x80 {
                let n = utf8Length(at: start)
                if n == 0 {
                    while i < b.count, b[i] >= 0x80, utf8Length(at: i) == 0 { i += 1 }
                    return make(.invalidUTF8)
                }
                i = start + n
            }
            return make(.invalidCharacter)
        }
    }

    mutating func scanWord() {
        while i < b.count {
            let c = b[i]
            if Cursor.isLetter(c) || Cursor.isDigit(c) {
                i += 1
            } else if c == UInt8(ascii: "-"), i + 1 < b.count,
                      Cursor.isLetter(b[i + 1]) || Cursor.isDigit(b[i + 1]) || (b[i + 1] >= 0x80 && wordScalarLength(at: i + 1) > 0) {
                i += 1
            } else if c >= 0x80 {
                let n = wordScalarLength(at: i)
                if n == 0 { return }
                i += n
            } else {
                return
            }
        }
    }

    mutating func scanNumberOrDate() -> TokenKind {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        while i < b.count, Cursor.isDigit(b[i]) { i += 1 }
        // YYYY-MM-DD
        if i - start == 4, peek() == UInt8(ascii: "-"), Cursor.isDigit(peek(1)), Cursor.isDigit(peek(2)),
           peek(3) == UInt8(ascii: "-"), Cursor.isDigit(peek(4)), Cursor.isDigit(peek(5)), !Cursor.isDigit(peek(6)) {
            i += 6
            return .date
        }
        var kind = TokenKind.integer
        if peek() == UInt8(ascii: "."), Cursor.isDigit(peek(1)) {
            i += 1
            while i < b.count, Cursor.isDigit(b[i]) { i += 1 }
            kind = .decimal
        }
        // 12abc is one bad number, not a number and a word.
        if i < b.count, Cursor.isLetter(b[i]) {
            while i < b.count, Cursor.isLetter(b[i]) || Cursor.isDigit(b[i]) { i += 1 }
            return .invalidCharacter
        }
        return kind
    }
}
