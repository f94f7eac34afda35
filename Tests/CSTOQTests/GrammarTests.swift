import Foundation
import Testing
@testable import CSTOQ

/// Grammar/cstoq.ebnf against the parser: the grammar is read here, random
/// sentences are generated from it, and the parser must accept every one;
/// then each is broken a little, and the parser must reject it with a
/// diagnostic that points into the input (or accept it), never crash or hang.
@Suite struct GrammarTests {
    static let grammarURL = LanguageTestSupport.packageRoot.appendingPathComponent("Grammar/cstoq.ebnf")
    static let parserURL = LanguageTestSupport.packageRoot.appendingPathComponent("Sources/CSTOQ/Language/Parser.swift")

    static func grammar() throws -> EBNF {
        try EBNF(String(contentsOf: grammarURL, encoding: .utf8))
    }

    /// Sample tokens for the lexical rules. Names are chosen to be fine in
    /// every place a name goes; several are keywords, since keywords are
    /// contextual. (Some keywords cannot be names everywhere: a field called
    /// `not` cannot start a condition, and `count where` counts a collection
    /// called where. The grammar says so in its comments.)
    static let samples: [String: [String]] = [
        "name@query": ["members", "people", "initiatives", "documents", "événements", "by", "desc"],
        "name@describe_statement": ["members", "people", "where", "count", "by"],
        "name": ["name", "status", "leader", "country", "by", "count", "order", "group", "select", "where", "limit",
                 "offset", "desc", "asc", "min", "null", "true", "désignation", "x1", "vladimir-putin", "名前"],
        "word": ["active", "frozen", "secretary_general", "vladimir-putin", "Ünïcödé", "order", "by", "x-1", "count"],
        "string": ["\"x y\"", "'it\\'s'", "\"tab\\there \\u{e9}\"", "\"«quoted»\"", "\"\"", "\"two\nlines\""],
        "integer": ["0", "3", "-1", "42", "9223372036854775807", "-9223372036854775808"],
        "decimal": ["2.5", "-0.75", "0.00001", "123456789012345678.25"],
        "date": ["2026-01-01", "2024-02-29", "0001-01-01", "9999-12-31"],
        "parameter": ["$country", "$p_1"],
        "row_count": ["0", "3", "100", "9223372036854775807"],
        "dot_command": [".format json", ".help where", ".mode csv  ", ".quit"],
        "statement_end": ["\n", ";\n", " ;\n", "\n\n"],
    ]

    /// The rules of tokens and trivia: generated character by character, and
    /// each must come out of the lexer as one token of the kind given.
    static let lexicalRules: [(rule: String, kind: TokenKind?)] = [
        ("word", .word), ("string", .string), ("integer", .integer), ("decimal", .decimal), ("date", .date),
        ("parameter", .parameter), ("row_count", .integer), ("dot_command", .dotCommand), ("comment", nil), ("trivia", nil),
    ]

    // MARK: The grammar itself

    @Test func everyRuleIsDefinedAndUsed() throws {
        let g = try GrammarTests.grammar()
        for rule in g.rules {
            for name in rule.body.references {
                #expect(g[name] != nil, "\(rule.name) uses \(name), which is not defined")
            }
        }
        let reachable = g.reachable(from: ["script", "trivia", "script_start"])
        #expect(Set(g.names).subtracting(reachable).isEmpty, "rules nothing uses: \(Set(g.names).subtracting(reachable))")
        let generator = GrammarSentences(grammar: g, samples: [:], maximumDepth: 0, seed: 0)
        #expect(generator.everyRuleFinishes)
    }

    /// The rules of statements name tokens, never characters; the keywords they
    /// name are the parser's keywords, no more, no fewer.
    /// The grammar's comparison operators and the lexer's tokens agree with
    /// the one table on `ComparisonOperator`.
    @Test func comparisonOperatorsFollowTheirTable() throws {
        let g = try Self.grammar()
        let symbols = try #require(g["comparison_operator"])
        #expect(symbols.body.literals == ComparisonOperator.symbols.flatMap(\.spellings))
        let predicate = try #require(g["predicate"])
        for word in ComparisonOperator.words { #expect(predicate.body.literals.contains(word.rawValue), "\(word)") }
        for entry in ComparisonOperator.symbols {
            for spelling in entry.spellings {
                #expect(Lexer(spelling).tokenize().map(\.kind) == [entry.token, .endOfInput], "\(spelling)")
                #expect(ComparisonOperator(token: entry.token) == entry.op)
            }
        }
        #expect(Set(ComparisonOperator.symbols.map(\.op) + ComparisonOperator.words) == Set(ComparisonOperator.allCases))
    }

    /// The grammar's function names are the catalog's, which the checker,
    /// completion, `.help functions` and the SQL translator all read.
    @Test func functionNamesFollowTheCatalog() throws {
        let g = try Self.grammar()
        let names = try #require(g["function_name"])
        #expect(names.body.literals == FunctionCatalog.names)
        #expect(Set(FunctionCatalog.names) == Set(ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue)))
    }

    @Test func syntaxRulesAndKeywords() throws {
        let g = try GrammarTests.grammar()
        let lexical = Set(GrammarTests.samples.keys.map { String($0.prefix { $0 != "@" }) })
        let syntax = g.reachable(from: ["statement"], stoppingAt: lexical).subtracting(lexical)
        for name in syntax {
            #expect(g[name]?.body.usesCharacterClasses == false, "\(name) is a syntax rule but uses characters")
        }
        let words = Set(syntax.flatMap { g[$0]!.body.literals }.filter { $0.unicodeScalars.allSatisfy(\.properties.isAlphabetic) })
        #expect(words == Set(Keyword.all))
        #expect(Set(Keyword.clauses).isSubset(of: words))
        #expect(Keyword.continuation == Set(Keyword.clauses + ["and", "or"]))
    }

    /// Each rule quoted above a parse function is the rule of the grammar,
    /// token for token, and every syntax rule is quoted somewhere.
    @Test func parserQuotesTheGrammar() throws {
        let g = try GrammarTests.grammar()
        let source = try String(contentsOf: GrammarTests.parserURL, encoding: .utf8)
        var quoted: [String: String] = [:]
        var current: (name: String, text: String)?
        func finish() {
            if let c = current { quoted[c.name] = c.text }
            current = nil
        }
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("///") else { finish(); continue }
            let content = trimmed.dropFirst(3)
            if let range = content.range(of: "::=") {
                finish()
                let name = content[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                if name.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) }) {
                    current = (name, String(content[range.upperBound...]))
                }
            } else if current != nil, content.hasPrefix("  "), !content.trimmingCharacters(in: .whitespaces).isEmpty {
                current!.text += " " + content
            } else {
                finish()
            }
        }
        finish()
        for (name, text) in quoted {
            guard let rule = g[name] else {
                Issue.record("Parser.swift quotes \(name), which the grammar does not define")
                continue
            }
            #expect(try EBNF.tokenize(text).map(\.text) == rule.tokens, "\(name) in Parser.swift differs from the grammar")
        }
        let lexical = Set(GrammarTests.samples.keys.map { String($0.prefix { $0 != "@" }) })
        let syntax = g.reachable(from: ["statement"], stoppingAt: lexical).subtracting(lexical)
        #expect(syntax.subtracting(quoted.keys).isEmpty, "syntax rules no parse function quotes: \(syntax.subtracting(quoted.keys).sorted())")
    }

    /// The limits named in the grammar's comments are the parser's.
    @Test func limitsInTheComments() throws {
        let text = try String(contentsOf: GrammarTests.grammarURL, encoding: .utf8)
        #expect(text.contains("Parser.maximumDepth (\(Parser.maximumDepth))"))
        #expect(text.contains("Parser.maximumPathLength (\(Parser.maximumPathLength))"))
        #expect(text.contains("Parser.maximumListLength (\(GrammarTests.grouped(Parser.maximumListLength)))"))
    }

    /// 1000000 as 1,000,000.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }

    // MARK: Tokens

    /// Text generated from each lexical rule is one token of its kind (or only trivia).
    @Test(arguments: lexicalRules.map(\.rule))
    func lexicalRule(_ rule: String) throws {
        let g = try GrammarTests.grammar()
        let kind = GrammarTests.lexicalRules.first { $0.rule == rule }!.kind
        var generator = GrammarSentences(grammar: g, samples: [:], maximumDepth: 6, varyCase: false, seed: 0x1E_C5)
        for _ in 0..<300 {
            let text = GrammarSentences.joinedCharacters(generator.sentence(from: rule))
            let lexer = Lexer(text)
            let tokens = lexer.tokenize()
            if let kind {
                #expect(tokens.map(\.kind) == [kind, .endOfInput], "\(rule): \(text.debugDescription)")
                if kind == .string {
                    #expect((try? lexer.stringValue(tokens[0]).get()) != nil, "\(text.debugDescription)")
                }
            } else {
                #expect(tokens.map(\.kind) == [.endOfInput], "\(rule): \(text.debugDescription)")
            }
        }
    }

    /// The samples are tokens of the kind their rule says.
    @Test func samplesAreTokens() {
        let kinds: [String: TokenKind] = [
            "name": .word, "word": .word, "string": .string, "integer": .integer, "decimal": .decimal, "date": .date,
            "parameter": .parameter, "row_count": .integer, "dot_command": .dotCommand,
        ]
        for (key, values) in GrammarTests.samples {
            guard let kind = kinds[String(key.prefix { $0 != "@" })] else { continue }
            for value in values {
                #expect(Lexer(value).tokenize().map(\.kind) == [kind, .endOfInput], "\(key): \(value)")
            }
        }
    }

    // MARK: Sentences

    /// Generated statements, each with its pieces and its text.
    static func statements(count: Int, seed: UInt64, lineBreaks: Bool) throws -> [(pieces: [GrammarSentences.Piece], text: String)] {
        var generator = GrammarSentences(grammar: try grammar(), samples: samples, maximumDepth: 14, seed: seed)
        return (0..<count).map { _ in
            let pieces = generator.sentence(from: "statement")
            return (pieces, generator.layout(pieces, lineBreaks: lineBreaks))
        }
    }

    @Test func everyGeneratedStatementParses() throws {
        let sentences = try GrammarTests.statements(count: 2_000, seed: 2026, lineBreaks: true)
        var accepted = 0
        var kinds: [String: Int] = [:]
        for (_, text) in sentences {
            switch Parser.parseAll(text) {
            case let .success(statements) where statements.count == 1:
                accepted += 1
                let kind = switch statements[0] {
                case .query: "query"
                case .describe: "describe"
                case .explain: "explain"
                case .dotCommand: "dot-command"
                }
                kinds[kind, default: 0] += 1
            case let .success(statements):
                Issue.record("\(text.debugDescription) gives \(statements.count) statements")
            case let .failure(d):
                Issue.record("\(text.debugDescription): \(d.text) @\(d.range.map(\.description) ?? "")")
            }
        }
        #expect(accepted == sentences.count)
        // The generator reaches every kind of statement, each often.
        #expect(kinds.keys.sorted() == ["describe", "dot-command", "explain", "query"])
        #expect(kinds.values.allSatisfy { $0 > sentences.count / 10 }, "\(kinds)")
        // And the sentences are not all trivial.
        let long = sentences.filter { $0.pieces.count >= 12 }.count
        #expect(long > sentences.count / 4, "only \(long) sentences of 12 tokens or more")
    }

    /// Every construct of the grammar turns up in the generated sentences.
    @Test func generatedSentencesCoverTheGrammar() throws {
        let g = try GrammarTests.grammar()
        var generator = GrammarSentences(grammar: g, samples: GrammarTests.samples, maximumDepth: 14, seed: 2026)
        var used: [String: Int] = [:]
        var words = Set<String>()
        for _ in 0..<2_000 {
            let pieces = generator.sentence(from: "statement")
            for (rule, n) in generator.expansions { used[rule, default: 0] += n }
            for p in pieces where p.isKeyword { words.insert(p.text.lowercased()) }
            for p in pieces where !p.isKeyword && !p.text.isEmpty && p.text.unicodeScalars.allSatisfy({ !$0.properties.isAlphabetic }) {
                words.insert(p.text)
            }
        }
        let lexical = Set(GrammarTests.samples.keys.map { String($0.prefix { $0 != "@" }) })
        let syntax = g.reachable(from: ["statement"], stoppingAt: lexical)
        #expect(syntax.subtracting(used.keys).isEmpty, "never generated: \(syntax.subtracting(used.keys).sorted())")
        #expect(Set(Keyword.all).subtracting(words).isEmpty, "keywords never generated: \(Set(Keyword.all).subtracting(words).sorted())")
        for op in ["=", "!=", "<>", "<", "<=", ">", ">=", "(", ")", ","] {
            #expect(words.contains(op), "\(op) never generated")
        }
    }

    /// Printing a parsed statement and reading it back gives the same statement.
    @Test func generatedStatementsPrintBack() throws {
        let sentences = try GrammarTests.statements(count: 2_000, seed: 7, lineBreaks: true)
        var checked = 0
        for (_, text) in sentences {
            guard case let .success(statements) = Parser.parseAll(text), statements.count == 1 else { continue }
            let canonical = ASTPrinter().statement(statements[0])
            switch Parser.parseAll(canonical) {
            case let .success(again):
                #expect(again.map(ASTPrinter().tree) == [ASTPrinter().tree(statements[0])], "\(text.debugDescription) → \(canonical)")
                #expect(again.map(ASTPrinter().statement) == [canonical])
                checked += 1
            case let .failure(d):
                Issue.record("\(text.debugDescription) prints as \(canonical.debugDescription), which does not parse: \(d.text)")
            }
        }
        #expect(checked == sentences.count)
    }

    /// A script of several statements, separated by `;` and line breaks, gives
    /// as many statements as were generated.
    @Test func generatedScriptsParse() throws {
        var generator = GrammarSentences(grammar: try GrammarTests.grammar(), samples: GrammarTests.samples, maximumDepth: 14, seed: 99)
        var accepted = 0
        let scripts = 300
        for _ in 0..<scripts {
            let pieces = generator.sentence(from: "script")
            let expected = generator.expansions["statement", default: 0]
            let text = generator.layout(pieces, lineBreaks: true)
            switch Parser.parseAll(text) {
            case let .success(statements):
                #expect(statements.count == expected, "\(text.debugDescription)")
                if statements.count == expected { accepted += 1 }
            case let .failure(d):
                Issue.record("\(text.debugDescription): \(d.text) @\(d.range.map(\.description) ?? "")")
            }
        }
        #expect(accepted == scripts)
    }

    /// Typing a statement from the start, every point where it is cut is
    /// either a statement already or incomplete (the REPL asks for more) —
    /// never an error the next word would have fixed.
    @Test func everyPrefixIsValidOrIncomplete() throws {
        let sentences = try GrammarTests.statements(count: 1_000, seed: 11, lineBreaks: false)
        var prefixes = 0
        for (pieces, _) in sentences {
            for cut in 1..<max(1, pieces.count) {
                let text = pieces[..<cut].map(\.text).joined(separator: " ")
                prefixes += 1
                if case .failure = Parser.parseAll(text) {
                    #expect(Completeness.check(text) != .complete, "\(text.debugDescription) is an error, not incomplete")
                }
            }
        }
        #expect(prefixes > 5_000)
    }

    // MARK: Near misses

    enum Outcome: Equatable {
        case accepted
        case rejected
        /// A diagnostic without a range, or with one outside the input.
        case unlocated(String)
    }

    /// Parses every statement of `bytes`, checking each diagnostic's range and
    /// rendering it; the parser must finish in a bounded number of steps.
    static func outcome(_ bytes: [UInt8]) -> Outcome {
        var parser = Parser(bytes)
        var steps = 0
        var rejected = false
        while let result = parser.nextStatement() {
            steps += 1
            if steps > parser.tokens.count + 1 { return .unlocated("no progress") }
            guard case let .failure(d) = result else { continue }
            rejected = true
            guard let range = d.range, range.start >= 0, range.start <= range.end, range.end <= bytes.count else {
                return .unlocated("\(d.text) @\(d.range.map(\.description) ?? "nowhere")")
            }
            let shown = DiagnosticFormatter().render(d, in: SourceText(name: "<input>", bytes: bytes))
            if !shown.contains("error: ") || !shown.contains("^") { return .unlocated("badly rendered: \(shown)") }
        }
        return rejected ? .rejected : .accepted
    }

    static let junk: [[UInt8]] = [
        "==", "|", "*", "\"open", "'", "!", ")", "(", "\u{0}", ";", ".", "--", "#", "$", "-", "«", "12abc",
        "2026-02-30", "99999999999999999999", "\\", "\n", "select", "from", "not", "in", "is", ",", "<>", "count(",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]

    @Test func nearMissesAreRejectedWithALocatedDiagnostic() throws {
        let sentences = try GrammarTests.statements(count: 1_000, seed: 5, lineBreaks: true)
        var random = SplitMix64(seed: 55)
        var accepted = 0, rejected = 0, nearMisses = 0
        var unlocated: [String] = []
        for (pieces, _) in sentences {
            let tokens = pieces.map { Array($0.text.utf8) }
            for _ in 0..<4 {
                var t = tokens
                let i = Int(random.next() % UInt64(t.count))
                switch random.next() % 5 {
                case 0: t.remove(at: i)
                case 1: t.insert(t[i], at: i)
                case 2: if i + 1 < t.count { t.swapAt(i, i + 1) } else { t.removeLast() }
                case 3: t = Array(t[..<i])
                default: t.insert(GrammarTests.junk[Int(random.next() % UInt64(GrammarTests.junk.count))], at: i)
                }
                let bytes = Array(t.joined(separator: [0x20]))
                nearMisses += 1
                switch GrammarTests.outcome(bytes) {
                case .accepted: accepted += 1
                case .rejected: rejected += 1
                case let .unlocated(why): unlocated.append("\(String(decoding: bytes, as: UTF8.self).debugDescription): \(why)")
                }
                // The REPL's question never crashes, and "incomplete" is never said of valid text.
                if case .incomplete = Completeness.check(bytes) {
                    #expect(GrammarTests.outcome(bytes) != .accepted, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                }
            }
        }
        #expect(unlocated.isEmpty, "\(unlocated.prefix(5))")
        #expect(accepted + rejected == nearMisses)
        #expect(rejected > nearMisses / 3, "only \(rejected) of \(nearMisses) near misses were rejected")
        #expect(accepted > 0)
    }

    /// Random bytes from the language's own alphabet: never a crash, always a located diagnostic.
    @Test func noiseIsRejectedWithALocatedDiagnostic() {
        var random = SplitMix64(seed: 0x0015E)
        let words: [[UInt8]] = ["members", "where", "and", "or", "not", "(", ")", "=", "in", "is", "null", "select",
                                "order", "by", "group", "limit", "1", "\"a", "'", ",", ".", ";", "\n", "count", "(",
                                "explain", "trace", "describe", ".x", "--", "-", "$p", "2026-01-01"].map { Array($0.utf8) }
        var unlocated = 0
        for _ in 0..<3_000 {
            let count = Int(random.next() % 12)
            let bytes = Array((0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: [0x20]))
            if case let .unlocated(why) = GrammarTests.outcome(bytes) {
                unlocated += 1
                Issue.record("\(String(decoding: bytes, as: UTF8.self).debugDescription): \(why)")
            }
            _ = Completeness.check(bytes)
        }
        #expect(unlocated == 0)
    }
}
