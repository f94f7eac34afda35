import Foundation

/// A small reader for W3C EBNF (the notation of the XML specification), enough
/// for Grammar/cstoq.ebnf: rules `name ::= expression`, alternatives `|`,
/// postfix `?` `*` `+`, grouping, quoted literals, character classes
/// `[a-z]` `[^"\]` `[#xC0-#x1FFF]`, characters `#xA`, exclusion `A - B`,
/// and comments between slash-asterisk and asterisk-slash.
struct EBNF {
    /// A term of a rule: what its right-hand side is made of.
    indirect enum Term: Equatable {
        case reference(String)
        case literal(String)
        case characterClass(CharacterClass)
        case sequence([Term])
        case choice([Term])
        case optional(Term)
        case zeroOrMore(Term)
        case oneOrMore(Term)
        case exclusion(Term, except: Term)

        /// The rules this expression names, in order of appearance.
        var references: [String] {
            switch self {
            case let .reference(name): [name]
            case .literal, .characterClass: []
            case let .sequence(items), let .choice(items): items.flatMap(\.references)
            case let .optional(e), let .zeroOrMore(e), let .oneOrMore(e): e.references
            case let .exclusion(e, except): e.references + except.references
            }
        }

        /// The literal texts this expression contains.
        var literals: [String] {
            switch self {
            case let .literal(text): [text]
            case .reference, .characterClass: []
            case let .sequence(items), let .choice(items): items.flatMap(\.literals)
            case let .optional(e), let .zeroOrMore(e), let .oneOrMore(e): e.literals
            case let .exclusion(e, except): e.literals + except.literals
            }
        }

        var usesCharacterClasses: Bool {
            switch self {
            case .characterClass: true
            case .reference, .literal: false
            case let .sequence(items), let .choice(items): items.contains { $0.usesCharacterClasses }
            case let .optional(e), let .zeroOrMore(e), let .oneOrMore(e): e.usesCharacterClasses
            case .exclusion: true
            }
        }
    }

    /// `[a-z_]`, `[^"\]`, `#xA`: ranges of Unicode scalars, possibly negated.
    struct CharacterClass: Equatable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            ranges.contains { $0.contains(scalar.value) } != negated
        }
    }

    struct Rule {
        var name: String
        var body: Term
        /// The body's tokens as written, to compare with the rules quoted in the parser.
        var tokens: [String]
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var rules: [Rule] = []
    private var index: [String: Int] = [:]

    subscript(name: String) -> Rule? {
        index[name].map { rules[$0] }
    }

    var names: [String] { rules.map(\.name) }

    /// The rules reachable from `roots`, the roots included.
    func reachable(from roots: [String], stoppingAt leaves: Set<String> = []) -> Set<String> {
        var seen = Set<String>()
        var stack = roots
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, !leaves.contains(name), let rule = self[name] else { continue }
            stack.append(contentsOf: rule.body.references)
        }
        return seen
    }

    // MARK: Reading

    init(_ text: String) throws {
        var reader = Reader(tokens: try EBNF.tokenize(text))
        while !reader.atEnd {
            let name = try reader.identifier()
            try reader.expect("::=")
            let start = reader.position
            let body = try reader.choice()
            guard index[name] == nil else { throw SyntaxError(description: "rule \(name) is defined twice") }
            index[name] = rules.count
            rules.append(Rule(name: name, body: body, tokens: reader.tokens[start..<reader.position].map(\.text)))
        }
    }

    struct Token {
        enum Kind { case identifier, definedAs, literal, characterClass, punctuation }
        var kind: Kind
        var text: String
    }

    static func tokenize(_ text: String) throws -> [Token] {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace { i += 1; continue }
            let start = i
            func text() -> String { String(String.UnicodeScalarView(s[start..<i])) }
            if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                i += 2
                while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                guard i + 1 < s.count else { throw SyntaxError(description: "unclosed comment") }
                i += 2
            } else if c == ":", i + 2 < s.count, s[i + 1] == ":", s[i + 2] == "=" {
                i += 3
                tokens.append(Token(kind: .definedAs, text: "::="))
            } else if isNameStart(c) {
                while i < s.count, isNameStart(s[i]) || ("0"..."9").contains(s[i]) { i += 1 }
                tokens.append(Token(kind: .identifier, text: text()))
            } else if c == "\"" || c == "'" {
                i += 1
                while i < s.count, s[i] != c { i += 1 }
                guard i < s.count else { throw SyntaxError(description: "unclosed literal") }
                i += 1
                tokens.append(Token(kind: .literal, text: text()))
            } else if c == "[" {
                while i < s.count, s[i] != "]" { i += 1 }
                guard i < s.count else { throw SyntaxError(description: "unclosed character class") }
                i += 1
                tokens.append(Token(kind: .characterClass, text: text()))
            } else if c == "#", i + 1 < s.count, s[i + 1] == "x" {
                i += 2
                while i < s.count, s[i].properties.isASCIIHexDigit { i += 1 }
                tokens.append(Token(kind: .characterClass, text: text()))
            } else if "|?*+()-".unicodeScalars.contains(c) {
                i += 1
                tokens.append(Token(kind: .punctuation, text: text()))
            } else {
                throw SyntaxError(description: "unexpected '\(c)' in the grammar")
            }
        }
        return tokens
    }

    /// `[^"\]` or `#xA` as ranges of scalars.
    static func characterClass(_ text: String) throws -> CharacterClass {
        if text.hasPrefix("#x") {
            guard let v = UInt32(text.dropFirst(2), radix: 16) else { throw SyntaxError(description: "bad \(text)") }
            return CharacterClass(ranges: [v...v], negated: false)
        }
        var s = Array(text.unicodeScalars.dropFirst().dropLast())
        let negated = s.first == "^"
        if negated { s.removeFirst() }
        var i = 0
        func item() throws -> UInt32 {
            if s[i] == "#", i + 1 < s.count, s[i + 1] == "x" {
                i += 2
                var hex = ""
                while i < s.count, s[i].properties.isASCIIHexDigit { hex.unicodeScalars.append(s[i]); i += 1 }
                guard let v = UInt32(hex, radix: 16) else { throw SyntaxError(description: "bad class \(text)") }
                return v
            }
            i += 1
            return s[i - 1].value
        }
        var ranges: [ClosedRange<UInt32>] = []
        while i < s.count {
            let low = try item()
            if i + 1 < s.count, s[i] == "-" {
                i += 1
                let high = try item()
                guard low <= high else { throw SyntaxError(description: "empty range in \(text)") }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        return CharacterClass(ranges: ranges, negated: negated)
    }

    /// Recursive descent over the grammar's own tokens.
    struct Reader {
        var tokens: [Token]
        var position = 0

        var atEnd: Bool { position >= tokens.count }

        func peek(_ k: Int = 0) -> Token? {
            position + k < tokens.count ? tokens[position + k] : nil
        }

        /// The next rule starts here: `name ::=`.
        var atRuleStart: Bool {
            peek()?.kind == .identifier && peek(1)?.kind == .definedAs
        }

        mutating func identifier() throws -> String {
            guard let t = peek(), t.kind == .identifier else {
                throw SyntaxError(description: "expected a rule name, found \(peek()?.text ?? "the end")")
            }
            position += 1
            return t.text
        }

        mutating func expect(_ text: String) throws {
            guard peek()?.text == text else {
                throw SyntaxError(description: "expected \(text), found \(peek()?.text ?? "the end")")
            }
            position += 1
        }

        /// choice ::= sequence ( "|" sequence )*
        mutating func choice() throws -> Term {
            var alternatives = [try sequence()]
            while peek()?.text == "|", peek()?.kind == .punctuation {
                position += 1
                alternatives.append(try sequence())
            }
            return alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
        }

        /// sequence ::= item+
        mutating func sequence() throws -> Term {
            var items: [Term] = []
            while let t = peek(), !atRuleStart, !(t.kind == .punctuation && (t.text == "|" || t.text == ")")) {
                items.append(try item())
            }
            guard !items.isEmpty else { throw SyntaxError(description: "empty alternative before \(peek()?.text ?? "the end")") }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        /// item ::= postfix ( "-" postfix )?
        mutating func item() throws -> Term {
            let e = try postfix()
            guard peek()?.text == "-", peek()?.kind == .punctuation else { return e }
            position += 1
            return .exclusion(e, except: try postfix())
        }

        /// postfix ::= primary ( "?" | "*" | "+" )*
        mutating func postfix() throws -> Term {
            var e = try primary()
            while let t = peek(), t.kind == .punctuation {
                switch t.text {
                case "?": e = .optional(e)
                case "*": e = .zeroOrMore(e)
                case "+": e = .oneOrMore(e)
                default: return e
                }
                position += 1
            }
            return e
        }

        mutating func primary() throws -> Term {
            guard let t = peek() else { throw SyntaxError(description: "unexpected end of the grammar") }
            position += 1
            switch t.kind {
            case .identifier: return .reference(t.text)
            case .literal: return .literal(String(t.text.dropFirst().dropLast()))
            case .characterClass: return .characterClass(try EBNF.characterClass(t.text))
            case .punctuation where t.text == "(":
                let inner = try choice()
                try expect(")")
                return inner
            default: throw SyntaxError(description: "unexpected \(t.text)")
            }
        }
    }
}
