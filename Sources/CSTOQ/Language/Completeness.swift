/// Is a statement complete, or should the REPL ask for another line? Its own
/// small module, as SQLite's complete.c is, and it decides the way Lua's REPL
/// does: from the parser's own error — an error at the very end of the input
/// means more text could still make it right.
public enum Completeness: Sendable, Equatable {
    case complete
    /// What is still open, for the continuation prompt (`...(>`, `...">`).
    case incomplete(Open)

    public enum Open: Sendable, Equatable {
        case parenthesis
        case string(quote: Character)
        /// A clause, operator or keyword still waits for its argument (`where`, `=`, `and`…).
        case clause
    }

    public static func check(_ text: String) -> Completeness {
        check(Array(text.utf8))
    }

    public static func check(_ bytes: [UInt8]) -> Completeness {
        var parser = Parser(bytes)
        // Closing the quote cannot mend a NUL byte, bad UTF-8 or a bad escape already typed.
        if let last = parser.tokens.dropLast().last, last.kind == .unterminatedString,
           case .success = parser.lexer.stringValue(last) {
            return .incomplete(.string(quote: Character(Unicode.Scalar(bytes[last.range.start]))))
        }
        while let result = parser.nextStatement() {
            if case .failure = result {
                guard parser.failedAtEnd else { return .complete }  // a real error: run it, show it
                return .incomplete(parser.openParentheses > 0 ? .parenthesis : .clause)
            }
        }
        return .complete
    }

    /// Whether a line carries on the statement before it, as the next line of
    /// a script does: it starts with a clause keyword, `and` or `or`. The REPL
    /// asks this of pasted lines (and to explain such a line typed alone).
    public static func continuesStatement(_ line: String) -> Bool {
        let parser = Parser(Array(line.utf8))
        return parser.continuesStatement(parser.current)
    }

    /// The word that a collection's name must follow, when a line is only
    /// that: `count`, `describe`, `explain`, `explain trace`, `explain sql
    /// [dialect]` (folded); nil for anything else. The grammar reads such a
    /// line as a query of the collection so named; the REPL, when there is
    /// no such collection, waits for the name on the next line instead.
    public static func awaitsCollection(_ line: String) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { ValueComparison.fold(String($0)) }
        return Keyword.leadToCollection(words) ? words.last : nil
    }

    /// The continuation prompt for an open construct, as wide as `cstoq> `.
    public var continuationPrompt: String {
        switch self {
        case .complete: "cstoq> "
        case .incomplete(.parenthesis): " ...(> "
        case let .incomplete(.string(quote)): " ...\(quote)> "
        case .incomplete(.clause): "  ...> "
        }
    }
}
