/// The dot-commands: one table with their usage and help, so `.help`,
/// completion and prefix matching (`.desc` for `.describe`) agree.
public struct DotCommand: Sendable, Equatable {
    public var name: String
    public var usage: String
    public var summary: String
    /// Commands that need the interactive REPL (history, tutorial…); in a
    /// script they give an error.
    public var interactiveOnly: Bool

    public static let all: [DotCommand] = [
        DotCommand(name: "help", usage: ".help [TOPIC]", summary: "show help, or help on a command or a part of the language", interactiveOnly: false),
        DotCommand(name: "collections", usage: ".collections", summary: "list the collections with their record counts and fields", interactiveOnly: false),
        DotCommand(name: "describe", usage: ".describe NAME", summary: "the fields of a collection, their kinds and example values", interactiveOnly: false),
        DotCommand(name: "format", usage: ".format table|line|json|csv|markdown|chart", summary: "choose how results are shown (line: one field per line)", interactiveOnly: false),
        DotCommand(name: "timer", usage: ".timer on|off", summary: "show the wall time after each result", interactiveOnly: false),
        DotCommand(name: "timeout", usage: ".timeout SECONDS", summary: "the longest a live database (PostgreSQL, SQLite in place) may take for one query; it is stopped after (default 30)", interactiveOnly: false),
        DotCommand(name: "pager", usage: ".pager on|off", summary: "page results taller than the terminal through $PAGER (off: cut them to fit)", interactiveOnly: false),
        DotCommand(name: "run", usage: ".run FILE", summary: "run a script in this session (relative to the current script's folder)", interactiveOnly: false),
        DotCommand(name: "load", usage: ".load FILE… [--kind C.F=KIND] [--ref C.F=COLLECTION] [--in-place]", summary: "load data files (CSV, TSV, NDJSON, JSON, SQLite) side by side instead of the current dataset (which stays if it fails); a postgres:// URL or --in-place queries a database where it is", interactiveOnly: false),
        DotCommand(name: "set", usage: ".set NAME VALUE", summary: "give the parameter $NAME a value (.set alone lists them)", interactiveOnly: false),
        DotCommand(name: "last", usage: ".last", summary: "show the last result again, in full: every row, long cells wrapped", interactiveOnly: false),
        DotCommand(name: "save", usage: ".save FILE", summary: "write the last result to FILE in the current format", interactiveOnly: false),
        DotCommand(name: "export", usage: ".export sql [sqlite|postgres] FILE", summary: "write the dataset as SQL tables and rows that sqlite3 or psql can load", interactiveOnly: false),
        DotCommand(name: "source", usage: ".source", summary: "the article's sentences behind the rows of the last result", interactiveOnly: false),
        DotCommand(name: "whynot", usage: ".whynot RECORD QUERY", summary: "say which part of a query's condition leaves a record out", interactiveOnly: false),
        DotCommand(name: "history", usage: ".history [N]", summary: "list the last N statements (default 20)", interactiveOnly: true),
        DotCommand(name: "tutorial", usage: ".tutorial [restart|off]", summary: "learn cstoq step by step (off: stop checking queries)", interactiveOnly: true),
        DotCommand(name: "next", usage: ".next", summary: "the next tutorial step", interactiveOnly: true),
        DotCommand(name: "prev", usage: ".prev", summary: "the previous tutorial step", interactiveOnly: true),
        DotCommand(name: "hint", usage: ".hint", summary: "a hint for the current exercise", interactiveOnly: true),
        DotCommand(name: "solution", usage: ".solution", summary: "an answer to the current exercise", interactiveOnly: true),
        DotCommand(name: "quit", usage: ".quit", summary: "leave cstoq (Ctrl-D does too)", interactiveOnly: false),
    ]

    public enum Lookup: Equatable {
        case found(DotCommand)
        case ambiguous([String])
        case unknown(suggestion: String?)
        /// Another shell's command (sqlite3's `.tables`), and what does it here.
        case foreign(cstoqForm: String)
    }

    /// sqlite3's and others' dot-commands that cstoq spells otherwise, with the
    /// cstoq form. `.exit` is simply `.quit`.
    static let foreignCommands: [String: String] = [
        "tables": ".collections lists the collections",
        "schema": "describe NAME (or .describe NAME) lists a collection's fields; .collections lists them all",
        "mode": ".format table|line|json|csv|markdown|chart chooses how results are written",
        "headers": "cstoq always writes the column names (.format csv has them in its first line)",
        "read": ".run FILE runs a script",
        "open": ".load FILE loads a data file (CSV, TSV, NDJSON, JSON, SQLite)",
        "import": ".load FILE loads a CSV, TSV, NDJSON, JSON or SQLite file as collections",
        "output": ".save FILE writes the last result to a file",
        "print": "-- starts a comment; cstoq prints results, not text",
    ]

    /// Exact names first, then another shell's spelling, then unambiguous prefixes.
    public static func lookup(_ name: String) -> Lookup {
        let folded = ValueComparison.fold(name)
        if let exact = all.first(where: { $0.name == folded }) { return .found(exact) }
        if folded == "exit", let quit = all.first(where: { $0.name == "quit" }) { return .found(quit) }
        if let form = foreignCommands[folded] { return .foreign(cstoqForm: form) }
        let matches = all.filter { $0.name.hasPrefix(folded) }
        if matches.count == 1 { return .found(matches[0]) }
        if matches.count > 1 { return .ambiguous(matches.map(\.name)) }
        return .unknown(suggestion: Suggestion.closest(to: folded, in: all.map(\.name)))
    }

    /// The first argument of `.whynot`, a word or a quoted text, and the rest:
    /// `"Vladimir Putin" people where …` → ("Vladimir Putin", "people where …").
    /// Here, below both, so the session and completion split alike.
    static func splitFirstArgument(_ s: String) -> (first: String, rest: String) {
        let t = Substring(s).trimmingBlanks()
        if let q = t.first, q == "\"" || q == "'" {
            let rest = t.dropFirst()
            guard let close = rest.firstIndex(of: q) else { return (String(rest), "") }
            return (String(rest[..<close]), rest[rest.index(after: close)...].trimmingBlanks())
        }
        let word = t.prefix { $0 != " " && $0 != "\t" }
        return (String(word), t.dropFirst(word.count).trimmingBlanks())
    }
}
