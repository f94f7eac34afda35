/// The words the parser gives a meaning to where it expects them. None is
/// reserved: outside these places the same word is a field or a value.
public enum Keyword {
    /// Words that start a statement besides a collection name.
    public static let statementStarters = ["count", "describe", "explain"]
    /// The clauses of a query, in the order they must be written.
    public static let clauses = ["where", "group", "having", "select", "order", "limit", "offset"]
    /// A line starting with one of these continues the statement above it.
    public static let continuation: Set<String> = ["where", "select", "order", "group", "having", "limit", "offset", "and", "or"]
    /// Other tools' command words that start no cstoq statement (`show tables`,
    /// `list members`): the parser blames them, not the word after them.
    static let otherToolsVerbs: Set<String> = ["show", "list", "find", "get", "display", "print", "open", "use", "view", "from"]

    /// Whether a collection's name is what comes after these (folded) words:
    /// `count`, `describe`, `explain`, `explain trace`, `explain sql [sqlite|postgres]`.
    /// Completion offers the collections there; the REPL waits for one.
    static func leadToCollection(_ words: [String]) -> Bool {
        switch words.count {
        case 1: return statementStarters.contains(words[0])
        case 2: return words[0] == "explain" && ["trace", "sql"].contains(words[1])
        case 3: return words[0] == "explain" && words[1] == "sql" && ["sqlite", "postgres", "postgresql"].contains(words[2])
        default: return false
        }
    }

    public static let all: [String] = statementStarters + clauses + ["by", "distinct", "as", "asc", "desc", "trace", "sql",
        "and", "or", "not", "in", "is", "null", "true", "false"] + ComparisonOperator.words.map(\.rawValue)
        + FunctionCatalog.names
        + ["sqlite", "postgres", "postgresql"]

    /// ASCII case-insensitive equality without allocating (keywords are ASCII).
    @inline(__always)
    static func matches(_ bytes: ArraySlice<UInt8>, _ keyword: StaticString) -> Bool {
        guard bytes.count == keyword.utf8CodeUnitCount else { return false }
        return keyword.withUTF8Buffer { k in
            var i = bytes.startIndex
            for c in k {
                let b = bytes[i]
                let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                if lower != c { return false }
                i += 1
            }
            return true
        }
    }
}
