import Foundation
import Testing
@testable import CSTOQ

/// Token tables, as Go's scanner tests have them: a source, then every token
/// it must give as `kind:text`, with `⏎` in front of a token that follows a
/// line break. The closing `endOfInput` is checked once for all of them.
@Suite struct LexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: [UInt8]
        var tokens: [String]
        var testDescription: String { String(decoding: source, as: UTF8.self).debugDescription }

        init(_ source: String, _ tokens: [String]) {
            self.source = Array(source.utf8)
            self.tokens = tokens
        }

        init(bytes: [UInt8], _ tokens: [String]) {
            self.source = bytes
            self.tokens = tokens
        }
    }

    /// `kind:text` for every token but the last (`endOfInput`).
    static func table(_ bytes: [UInt8]) -> [String] {
        let lexer = Lexer(bytes)
        return lexer.tokenize().dropLast().map { token in
            (token.followsNewline ? "⏎" : "") + "\(token.kind):" + lexer.text(token)
        }
    }

    static let cases: [Case] = [
        // Words, keywords (just words), punctuation.
        Case("members where status = active", ["word:members", "word:where", "word:status", "equal:=", "word:active"]),
        Case("MEMBERS Where", ["word:MEMBERS", "word:Where"]),
        Case("leader.name", ["word:leader", "dot:.", "word:name"]),
        Case("_x x_1 x1y", ["word:_x", "word:x_1", "word:x1y"]),
        Case("= != <> < <= > >= ( ) , ;", [
            "equal:=", "notEqual:!=", "notEqual:<>", "less:<", "lessEqual:<=", "greater:>", "greaterEqual:>=",
            "leftParen:(", "rightParen:)", "comma:,", "semicolon:;",
        ]),
        Case("a<=b>=c<>d", ["word:a", "lessEqual:<=", "word:b", "greaterEqual:>=", "word:c", "notEqual:<>", "word:d"]),
        Case("count()", ["word:count", "leftParen:(", "rightParen:)"]),
        // Spellings from other languages are tokens of their own, for the hints.
        Case("== | || *", ["doubleEqual:==", "pipe:|", "pipe:||", "star:*"]),

        // Hyphenated words: a `-` joins two word characters.
        Case("vladimir-putin counter-terrorism x-1", ["word:vladimir-putin", "word:counter-terrorism", "word:x-1"]),
        Case("jean-édouard", ["word:jean-édouard"]),
        Case("a-b-c", ["word:a-b-c"]),
        Case("a- b", ["word:a", "minus:-", "word:b"]),
        Case("a--b", ["word:a"]),  // `--` starts a comment

        // Numbers: negative ones, decimals, and a number glued to letters.
        // After an operand a minus subtracts; where no operand stands it starts a number.
        Case("3 -1 2.5 -0.75 007", ["integer:3", "minus:-", "integer:1", "decimal:2.5", "minus:-", "decimal:0.75", "integer:007"]),
        Case("= -1 (-0.75", ["equal:=", "integer:-1", "leftParen:(", "decimal:-0.75"]),
        Case("x=-3", ["word:x", "equal:=", "integer:-3"]),
        Case("1.", ["integer:1", "dot:."]),
        Case("1.5.3", ["decimal:1.5", "dot:.", "integer:3"]),
        Case("12abc 1e5 3_", ["invalidCharacter:12abc", "invalidCharacter:1e5", "invalidCharacter:3_"]),
        Case("99999999999999999999", ["integer:99999999999999999999"]),  // too large is the parser's business

        // Dates against integers: exactly YYYY-MM-DD is a date.
        Case("2026-01-01", ["date:2026-01-01"]),
        Case("2026-02-30", ["date:2026-02-30"]),  // a real day or not is the parser's business
        Case("2026-1-1", ["integer:2026", "minus:-", "integer:1", "minus:-", "integer:1"]),
        Case("20261-01-01", ["integer:20261", "minus:-", "integer:01", "minus:-", "integer:01"]),
        Case("2026-01-011", ["integer:2026", "minus:-", "integer:01", "minus:-", "integer:011"]),
        Case(">=2026-01-01)", ["greaterEqual:>=", "date:2026-01-01", "rightParen:)"]),

        // Strings keep their quotes; escapes are decoded later.
        Case(#""Vladimir Putin" 'budget'"#, [#"string:"Vladimir Putin""#, "string:'budget'"]),
        Case(#""a\"b" 'it\'s' "\\""#, [#"string:"a\"b""#, #"string:'it\'s'"#, #"string:"\\""#]),
        Case("'say \"hi\"' \"it's\"", ["string:'say \"hi\"'", "string:\"it's\""]),
        Case("\"two\nlines\" x", ["string:\"two\nlines\"", "word:x"]),
        Case("\"\"", ["string:\"\""]),

        // UTF-8: letters in words; Latin-1 and typographic punctuation are not letters.
        Case("café Zürich 東京 Жуков", ["word:café", "word:Zürich", "word:東京", "word:Жуков"]),
        Case("«x»", ["invalidCharacter:«", "word:x", "invalidCharacter:»"]),
        Case("“x”", ["invalidCharacter:“", "word:x", "invalidCharacter:”"]),
        Case("a\u{00A0}b", ["word:a", "invalidCharacter:\u{00A0}", "word:b"]),  // a no-break space
        Case("\"«é»\"", ["string:\"«é»\""]),

        // Comments and line breaks.
        Case("members -- all of them\nwhere", ["word:members", "⏎word:where"]),
        Case("-- only a comment", []),
        Case("a\nb c\n\n-- note\n  d", ["word:a", "⏎word:b", "word:c", "⏎word:d"]),
        Case("a\r\nb", ["word:a", "⏎word:b"]),
        Case("\nx", ["⏎word:x"]),

        // The first line `#!…` and a byte-order mark are skipped; `#` elsewhere is an error.
        Case("#!/usr/bin/env cstoq\nmembers", ["⏎word:members"]),
        Case("#!", []),
        Case("\u{FEFF}members", ["word:members"]),
        Case("\u{FEFF}#!/usr/bin/env cstoq\nx", ["⏎word:x"]),
        Case("members\n#!x", ["word:members", "⏎invalidCharacter:#", "invalidCharacter:!", "word:x"]),

        // Dot-commands: first non-blank on a line, `.` then a letter, to the end of the line.
        Case(".format json", ["dotCommand:.format json"]),
        Case(".format json  \nmembers", ["dotCommand:.format json", "⏎word:members"]),
        Case("  .help where", ["dotCommand:.help where"]),
        Case("members\n.mode csv -- not a comment here", ["word:members", "⏎dotCommand:.mode csv -- not a comment here"]),
        Case("members .format", ["word:members", "dot:.", "word:format"]),
        Case("x\n.5", ["word:x", "⏎dot:.", "integer:5"]),
        Case("-- c\n.quit", ["⏎dotCommand:.quit"]),

        // Parameters.
        Case("$country $p_1", ["parameter:$country", "parameter:$p_1"]),
        Case("$ $1", ["invalidCharacter:$", "invalidCharacter:$", "integer:1"]),

        // Errors are tokens, and scanning goes on after them.
        Case("\"abc", ["unterminatedString:\"abc"]),
        Case("x = 'abc\ny", ["word:x", "equal:=", "unterminatedString:'abc\ny"]),
        Case("\"abc\\", ["unterminatedString:\"abc\\"]),
        Case("a ! b", ["word:a", "invalidCharacter:!", "word:b"]),
        Case("a # b @ c", ["word:a", "invalidCharacter:#", "word:b", "invalidCharacter:@", "word:c"]),
        Case("a\u{0}b", ["word:a", "nulByte:\u{0}", "word:b"]),
        Case("\"a\u{0}b\"", ["string:\"a\u{0}b\""]),  // the string's value reports the NUL
        Case(bytes: [0x61, 0xFF, 0xFE, 0x62], ["word:a", "invalidUTF8:\u{FFFD}\u{FFFD}", "word:b"]),
        Case(bytes: [0x61, 0x20, 0xC3], ["word:a", "invalidUTF8:\u{FFFD}"]),           // cut short
        Case(bytes: [0xC0, 0x80, 0x20, 0x78], ["invalidUTF8:\u{FFFD}\u{FFFD}", "word:x"]),  // overlong
        Case(bytes: [0xED, 0xA0, 0x80], ["invalidUTF8:\u{FFFD}\u{FFFD}\u{FFFD}"]),       // a surrogate
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) {
        #expect(LexerTests.table(c.source) == c.tokens)
        let last = Lexer(c.source).tokenize().last!
        #expect(last.kind == .endOfInput)
        #expect(last.range == SourceRange(c.source.count, c.source.count))
    }

    /// Exact byte ranges, where multi-byte characters make them worth checking.
    @Test(arguments: [
        ("café = «Zürich»", [(TokenKind.word, 0..<5), (.equal, 6..<7), (.invalidCharacter, 8..<10),
                             (.word, 10..<17), (.invalidCharacter, 17..<19), (.endOfInput, 19..<19)]),
        ("x = \"é\" -- ü\n.help", [(.word, 0..<1), (.equal, 2..<3), (.string, 4..<8), (.dotCommand, 15..<20),
                                   (.endOfInput, 20..<20)]),
        ("\u{FEFF}members", [(.word, 3..<10), (.endOfInput, 10..<10)]),
        ("  .format json   ", [(.dotCommand, 2..<14), (.endOfInput, 17..<17)]),
        ("2026-01-01 -12 3.25", [(.date, 0..<10), (.minus, 11..<12), (.integer, 12..<14), (.decimal, 15..<19), (.endOfInput, 19..<19)]),
        ("a\u{0}\"b", [(.word, 0..<1), (.nulByte, 1..<2), (.unterminatedString, 2..<4), (.endOfInput, 4..<4)]),
    ] as [(String, [(TokenKind, Range<Int>)])])
    func ranges(_ source: String, _ expected: [(TokenKind, Range<Int>)]) {
        let tokens = Lexer(source).tokenize()
        #expect(tokens.map(\.kind) == expected.map(\.0))
        #expect(tokens.map { $0.range.start..<$0.range.end } == expected.map(\.1))
    }

    @Test func invalidUTF8Range() {
        let tokens = Lexer([0x61, 0x20, 0xFF, 0xFE, 0x20, 0x62]).tokenize()
        #expect(tokens.map(\.kind) == [.word, .invalidUTF8, .word, .endOfInput])
        #expect(tokens[1].range == SourceRange(2, 4))
    }

    @Test func emptyInputs() {
        #expect(Lexer("").tokenize() == [Token(.endOfInput, SourceRange(0, 0))])
        #expect(Lexer("   ").tokenize() == [Token(.endOfInput, SourceRange(3, 3))])
        #expect(Lexer("\n").tokenize() == [Token(.endOfInput, SourceRange(1, 1), followsNewline: true)])
    }

    /// A line break between two tokens is what the continuation rule reads.
    @Test func followsNewline() {
        let tokens = Lexer("members\nwhere x = 1 -- c\n  and y\n;z").tokenize()
        #expect(tokens.map(\.followsNewline) == [false, true, false, false, false, true, false, true, false, false])
    }

    // MARK: String values

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#"'single'"#, "single"),
        (#""a\\b\"c\'d""#, #"a\b"c'd"#),
        (#""\n\t\r""#, "\n\t\r"),
        (#""caf\u{e9} \u{1F600}""#, "café 😀"),
        (#""\u{000041}""#, "A"),
        ("\"«Zürich»\"", "«Zürich»"),
        ("\"two\nlines\"", "two\nlines"),
        (#""""#, ""),
    ])
    func stringValues(_ source: String, _ value: String) throws {
        let lexer = Lexer(source)
        let token = lexer.tokenize()[0]
        #expect(token.kind == .string)
        #expect(try lexer.stringValue(token).get() == value)
    }

    /// A bad escape, a NUL or bytes that are not UTF-8: the range points at them.
    @Test(arguments: [
        (Array(#""a\qb""#.utf8), "unknown escape '\\q' in string", 2..<4),
        (Array(#""\é""#.utf8), "unknown escape '\\é' in string", 1..<4),
        (Array(#""\u{}""#.utf8), "unknown escape '\\u{}' in string", 1..<5),
        (Array(#""\u{zz}""#.utf8), "unknown escape '\\u{z' in string", 1..<5),
        (Array(#""\u00e9""#.utf8), "unknown escape '\\u00' in string", 1..<5),
        (Array(#""\u{110000}""#.utf8), "unknown escape '\\u{110000}' in string", 1..<11),
        (Array(#""\u{D800}""#.utf8), "unknown escape '\\u{D800}' in string", 1..<9),
        (Array(#""\u{1000000}""#.utf8), "unknown escape '\\u{1000000' in string", 1..<11),
        (Array("\"a\u{0}b\"".utf8), "unexpected NUL byte", 2..<3),
        ([0x22, 0x61, 0xFF, 0x62, 0x22], "the statement is not valid UTF-8 text", 2..<3),
        ([0x22, 0xE2, 0x82, 0x22], "the statement is not valid UTF-8 text", 1..<3),  // cut short by the quote
    ] as [([UInt8], String, Range<Int>)])
    func badStringValues(_ source: [UInt8], _ message: String, _ range: Range<Int>) {
        let lexer = Lexer(source)
        let token = lexer.tokenize()[0]
        #expect(token.kind == .string)
        guard case let .failure(d) = lexer.stringValue(token) else {
            Issue.record("expected a diagnostic")
            return
        }
        #expect(d.text == message)
        #expect(d.range == SourceRange(range.lowerBound, range.upperBound))
    }

    /// Whatever the bytes, the lexer ends, every range is inside the input,
    /// and the ranges follow each other without overlapping.
    @Test func anyBytes() {
        var generator = SplitMix64(seed: 0xC570)
        let alphabet: [UInt8] = Array("ab_-.$=!<>()\"',;|*#\n 9".utf8) + [0, 0x80, 0xC3, 0xA9, 0xE2, 0x80, 0x9C, 0xFF, 0xF0]
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let tokens = Lexer(bytes).tokenize()
            #expect(tokens.last?.kind == .endOfInput)
            var previousEnd = 0
            for t in tokens {
                #expect(t.range.start >= previousEnd && t.range.end <= bytes.count, "\(bytes)")
                previousEnd = t.range.end
            }
        }
    }
}
