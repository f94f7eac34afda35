/// A token is a kind plus a byte range into the source; its text is read from
/// the source only when needed. Keywords are not token kinds: they are words,
/// recognised by the parser where it expects them (so a field may be called
/// `by` or `count`).
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var range: SourceRange
    /// A newline (or a comment running to one) came between this token and the previous one.
    public var followsNewline: Bool

    public init(_ kind: TokenKind, _ range: SourceRange, followsNewline: Bool = false) {
        self.kind = kind
        self.range = range
        self.followsNewline = followsNewline
    }
}

public enum TokenKind: UInt8, Sendable, Equatable, CaseIterable {
    case word           // status, members, where, leader-less bare words like vladimir-putin
    case string         // "Vladimir Putin" or 'budget', escapes allowed
    case integer        // 3, -1
    case decimal        // 2.5
    case date           // 2026-01-01
    case parameter      // $country
    case equal          // =
    case notEqual       // != or <>
    case less, lessEqual, greater, greaterEqual
    case leftParen, rightParen, comma, dot, semicolon
    case plus, minus, slash   // + - / (and star: *)
    case dotCommand     // a line starting with `.name`, up to the end of the line
    case endOfInput

    // Spellings from other languages, kept as tokens so the parser can point to the cstoq form.
    case doubleEqual    // ==
    case pipe           // |
    case star           // *

    // Errors: the lexer never throws, it marks the bad bytes and goes on.
    case unterminatedString
    case invalidCharacter
    case invalidUTF8
    case nulByte

    /// How the kind is named in "expected X, found Y".
    public var spelling: String {
        switch self {
        case .word: "a name"
        case .string: "a string"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .date: "a date"
        case .parameter: "a parameter"
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            "'" + (ComparisonOperator(token: self)?.rawValue ?? "") + "'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .comma: "','"
        case .dot: "'.'"
        case .semicolon: "';'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .slash: "'/'"
        case .dotCommand: "a dot-command"
        case .endOfInput: "the end of the input"
        case .doubleEqual: "'=='"
        case .pipe: "'|'"
        case .star: "'*'"
        case .unterminatedString: "an unterminated string"
        case .invalidCharacter: "an unexpected character"
        case .invalidUTF8: "bytes that are not UTF-8"
        case .nulByte: "a NUL byte"
        }
    }
}
