/// Tab completion from the parser's view of the line: the parser is run on
/// the text before the word being typed and says what it would accept there
/// (`Expectation`s); this turns those into candidates — keywords, collection
/// names, fields (through references), the actual values of a field, dot-
/// commands and file names. Pure logic, no terminal: the REPL only inserts.
public final class Completer {
    public struct Completion: Sendable, Equatable {
        /// How many UTF-8 bytes before the cursor the candidates replace.
        public var replacing: Int
        public var candidates: [String]
        /// A space after a unique match (not after `leader.` or a folder).
        public var appendSpace: Bool
        /// Matches beyond the `maximumShown` listed in `candidates`.
        public var more: Int
        /// What all the matches begin with, listed or not (nil: the listed ones say).
        public var commonPrefix: String?

        public init(replacing: Int, candidates: [String], appendSpace: Bool = true, more: Int = 0, commonPrefix: String? = nil) {
            self.replacing = replacing
            self.candidates = candidates
            self.appendSpace = appendSpace
            self.more = more
            self.commonPrefix = commonPrefix
        }
    }

    public let dataset: Dataset
    /// The topics `.help` knows, handed down by the session (help lives above completion).
    public var helpTopics: [String]
    /// Where file names come from; without one, file names are not completed.
    public var fileNames: (any FileNameSource)?
    /// The folder file names are completed in (the current directory by default).
    public var folder: String?
    /// Distinct values per (collection, path), computed once per dataset.
    private var valueCache: [String: [String]] = [:]
    /// A text field's values sorted by key, per (collection, field), for prefix lookups.
    private var sortedCache: [String: SortedTexts] = [:]
    /// A live database's values of a field (a bounded read with a short
    /// timeout), in place of the records, which are not in memory.
    public var liveValues: ((_ collection: Int, _ path: ResolvedPath) -> [Value]?)?
    /// Candidates listed at most; all matches count for what Tab inserts.
    public static let maximumShown = 500

    public init(dataset: Dataset, helpTopics: [String] = [], fileNames: (any FileNameSource)? = nil, folder: String? = nil) {
        self.dataset = dataset
        self.helpTopics = helpTopics
        self.fileNames = fileNames
        self.folder = folder
    }

    public func complete(_ line: String) -> Completion {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("."), !line.contains("\n") || line.split(separator: "\n").last?.first == "." {
            return completeDotCommand(String(line.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""))
        }
        let bytes = Array(line.utf8)
        let (partialStart, inString) = Completer.partialStart(bytes)
        let partial = String(decoding: bytes[partialStart...], as: UTF8.self)
        var parser = Parser(Array(bytes[..<partialStart]))
        while parser.nextStatement() != nil {}
        var expectations = parser.expectations
        // Nothing typed yet (or only complete statements ended by ';'): a new statement starts.
        if expectations.isEmpty, parser.tokens.dropLast().last.map({ $0.kind == .semicolon }) ?? true {
            expectations = [.statementStart]
        }
        // `count `, `describe `, `explain `, `explain trace `…: a collection's name
        // follows. (Alone, the parser reads such a word as a collection so named.)
        let before = String(decoding: bytes[..<partialStart], as: UTF8.self)
        let lead = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { ValueComparison.fold(String($0)) }
        if !before.contains("\n"), before.last == " " || before.last == "\t", Keyword.leadToCollection(lead),
           let last = lead.last, dataset.collectionIndex(named: last) == nil {
            expectations = [.collection]
            if lead == ["explain"] { expectations += [.keyword("trace"), .keyword("sql")] }
        }
        var candidates: [String] = []
        var functions: [String] = []
        var appendSpace = true
        let foldedPartial = ValueComparison.fold(inString ? String(partial.dropFirst()) : partial)
        for e in expectations {
            switch e {
            case .statementStart:
                candidates += dataset.collections.map(\.name) + Keyword.statementStarters
            case .collection:
                candidates += dataset.collections.map(\.name)
            case let .keyword(k):
                candidates.append(k == "group" || k == "order" ? "\(k) by" : k)
            case let .backReference(collection, path):
                candidates += backReferences(collection: collection, path: path)
            case let .subqueryClauses(word):
                if dataset.collectionIndex(named: word) != nil {
                    candidates += Keyword.clauses.filter { $0 != "having" }.map { $0 == "group" || $0 == "order" ? "\($0) by" : $0 }
                }
            case let .field(collection, path):
                candidates += fields(collection: collection, path: path)
            case let .value(collection, path):
                candidates += values(collection: collection, path: path, prefix: foldedPartial)
            case .function:
                functions = FunctionCatalog.names.map { "\($0)(" }
            }
        }
        // Fields and values first: they are what is typed most.
        candidates += functions
        var seen = Set<String>()
        var matches: [String] = []
        for c in candidates where seen.insert(c).inserted {
            let bare = c.hasPrefix("\"") ? String(c.dropFirst()) : c
            if ValueComparison.fold(bare).hasPrefix(foldedPartial) {
                // Inside a string the candidate keeps the quote the user opened.
                if inString {
                    let quote = partial.unicodeScalars.first!
                    matches.append(ASTPrinter().quoted(c.hasPrefix("\"") ? Completer.unquoted(c) : c, in: quote))
                } else {
                    matches.append(c)
                }
            }
        }
        if matches.count == 1, matches[0].hasSuffix("(") || matches[0].hasSuffix(".") { appendSpace = false }
        // A million values match an empty prefix: list the first ones, say how
        // many more, and let Tab insert only what all of them share.
        if matches.count > Completer.maximumShown {
            return Completion(replacing: bytes.count - partialStart, candidates: Array(matches.prefix(Completer.maximumShown)),
                              appendSpace: appendSpace, more: matches.count - Completer.maximumShown,
                              commonPrefix: Completer.commonPrefix(matches))
        }
        return Completion(replacing: bytes.count - partialStart, candidates: matches, appendSpace: appendSpace)
    }

    /// The longest common prefix in whole characters (as the line editor inserts it).
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() where !prefix.isEmpty {
            let shared = zip(prefix, string).prefix { $0 == $1 }.count
            prefix.removeLast(prefix.count - shared)
        }
        return String(prefix)
    }

    /// Where the word (or string) being typed starts, and whether it is a string.
    static func partialStart(_ bytes: [UInt8]) -> (Int, Bool) {
        let tokens = Lexer(bytes).tokenize()
        if tokens.count >= 2 {
            let last = tokens[tokens.count - 2]
            if last.kind == .unterminatedString { return (last.range.start, true) }
            if last.range.end == bytes.count,
               [.word, .integer, .decimal, .date, .parameter].contains(last.kind) || (last.kind == .invalidCharacter && bytes[last.range.start] != UInt8(ascii: "!")) {
                return (last.range.start, false)
            }
        }
        return (bytes.count, false)
    }

    // MARK: Fields and values

    /// What `count(` can name in `collection`, one segment after `path`: in
    /// people `statements` and `appointments`, after `appointments.` its
    /// `outgoing` and `incoming` (the forms `describe` lists).
    func backReferences(collection: String, path: [String]) -> [String] {
        guard let target = dataset.collectionIndex(named: collection) else { return [] }
        var out: [String] = []
        for p in Checker(dataset: dataset).backReferences(to: target) {
            let segments = p.segments.map(\.text)
            guard segments.count > path.count, zip(path, segments).allSatisfy({ $0 == ValueComparison.fold($1) }) else { continue }
            if !out.contains(segments[path.count]) { out.append(segments[path.count]) }
        }
        return out
    }

    /// The fields at the end of a path (`leader.` gives the fields of people).
    func fields(collection: String, path: [String]) -> [String] {
        guard var c = dataset.collectionIndex(named: collection) else { return [] }
        for name in path {
            let coll = dataset.collections[c]
            guard let f = coll.fieldIndex(named: name), case let .reference(target) = coll.fields[f].type.elementType,
                  let t = dataset.collectionIndex(named: target) else { return [] }
            c = t
        }
        return dataset.collections[c].fields.map { field in
            if case .reference = field.type.elementType { return field.name } else { return field.name }
        }
    }

    /// The distinct values a field holds that begin (under `=`) with
    /// `prefix`, in the form to type them: bare words where they are plain
    /// words, quoted otherwise. Values equal under `=` are offered once, in
    /// their most frequent spelling (`ValueSpellings`). All of them: a text
    /// field of the collection is searched by prefix in its sorted values; a
    /// path through references or lists is read once and remembered.
    func values(collection: String, path: [String], prefix: String) -> [String] {
        guard let c = dataset.collectionIndex(named: collection) else { return [] }
        let query = Path(path.map { Name($0, SourceRange(0, 0)) })
        guard let resolved = try? Checker(dataset: dataset).resolve(query, in: c) else { return [] }
        // A closed vocabulary: its values, in the order declared, whether or not a record holds them yet.
        if let step = resolved.steps.last, let vocabulary = dataset.collections[step.collection].fields[step.field].values {
            let key = ValueComparison.fold(prefix)
            return vocabulary.filter { ValueComparison.fold($0).hasPrefix(key) }.map { Completer.typedText($0) }
        }
        if let liveValues {
            let key = collection + "\u{0}" + path.joined(separator: ".")
            if let cached = valueCache[key] { return cached }
            guard let read = liveValues(c, resolved) else { return [] }
            var spellings = ValueSpellings()
            for v in read where !v.isNull { spellings.add(v) }
            var out = spellings.values.map { typed($0, reference: false) }
            out.sort { ValueComparison.fold($0) < ValueComparison.fold($1) }
            valueCache[key] = out
            return out
        }
        if resolved.steps.count == 1 {
            let column = dataset.collections[c].columns[resolved.steps[0].field]
            if case let .text(codes, dictionary) = column.storage {
                let key = collection + "\u{0}" + path.joined(separator: ".")
                let sorted = sortedCache[key] ?? SortedTexts(codes: codes, dictionary: dictionary)
                sortedCache[key] = sorted
                return sorted.matching(prefix).map { Completer.typedText($0) }
            }
            // A boolean has two values; stop looking once both are seen.
            if case let .boolean(flags) = column.storage {
                var seen: Set<Int8> = []
                for f in flags where f >= 0 {
                    seen.insert(f)
                    if seen.count == 2 { break }
                }
                return seen.sorted().map { $0 == 1 ? "true" : "false" }
            }
        }
        let key = collection + "\u{0}" + path.joined(separator: ".")
        if let cached = valueCache[key] { return cached }
        let evaluator = Evaluator(dataset: dataset)
        var spellings = ValueSpellings()
        for row in 0..<dataset.collections[c].count {
            let v = evaluator.reached(resolved, row: row, collection: c)
            let items: [Value] = if case let .list(xs) = v { xs } else { [v] }
            for item in items where !item.isNull { spellings.add(item) }
        }
        var out = spellings.values.map { typed(evaluator.presentable($0), reference: $0.kind == .reference) }
        out.sort { ValueComparison.fold($0) < ValueComparison.fold($1) }
        valueCache[key] = out
        return out
    }

    func typed(_ v: Value, reference: Bool) -> String {
        switch v {
        case let .text(s): Completer.isBareWord(s) ? s : ASTPrinter().quoted(s)
        // Exactly the stored number, so that `w = ` what Tab inserted finds it.
        case let .decimal(d): ValueText.decimalLiteral(d)
        default: ValueText.plain(v)
        }
    }

    static func typedText(_ s: String) -> String { isBareWord(s) ? s : ASTPrinter().quoted(s) }

    /// A value that reads back as the same text without quotes.
    static func isBareWord(_ s: String) -> Bool {
        // Plain ASCII words (most values) without the lexer: a letter or `_`,
        // then letters, digits and `_`, a `-` only between two of them.
        var ascii = true
        var previous: UInt8 = 0
        var plain = true
        for (i, b) in s.utf8.enumerated() {
            if b >= 0x80 { ascii = false; break }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F
            let digit = b >= 0x30 && b <= 0x39
            if i == 0 ? !letter : !(letter || digit || (b == 0x2D)) || (b == 0x2D && previous == 0x2D) { plain = false; break }
            previous = b
        }
        if ascii {
            guard plain, previous != 0x2D, !s.isEmpty else { return false }
            return !["true", "false", "null", "and", "or", "not"].contains(ValueComparison.fold(s))
        }
        return isBareWordByLexer(s)
    }

    static func isBareWordByLexer(_ s: String) -> Bool {
        guard !s.isEmpty, !["true", "false", "null", "and", "or", "not"].contains(ValueComparison.fold(s)) else { return false }
        let tokens = Lexer(s).tokenize()
        return tokens.count == 2 && tokens[0].kind == .word && tokens[0].range == SourceRange(0, s.utf8.count)
    }

    static func unquoted(_ quoted: String) -> String {
        guard case let .success(statements) = Parser.parseAll("x where y = " + quoted),
              case let .query(q) = statements.first, case let .compare(_, _, .literal(l), _) = q.condition,
              case let .text(s) = l.kind else { return String(quoted.dropFirst().dropLast()) }
        return s
    }

    // MARK: Dot-commands

    func completeDotCommand(_ line: String) -> Completion {
        let body = line.drop { $0 == " " || $0 == "\t" }.dropFirst()
        guard let space = body.firstIndex(where: { $0 == " " }) else {
            let names = DotCommand.all.map(\.name).filter { $0.hasPrefix(ValueComparison.fold(String(body))) }
            return Completion(replacing: body.utf8.count + 1, candidates: names.map { "." + $0 })
        }
        let name = String(body[..<space])
        let argument = String(body[body.index(after: space)...].drop { $0 == " " })
        guard case let .found(command) = DotCommand.lookup(name) else { return Completion(replacing: 0, candidates: []) }
        func words(_ options: [String]) -> Completion {
            let last = argument.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            return Completion(replacing: last.utf8.count,
                              candidates: options.filter { ValueComparison.fold($0).hasPrefix(ValueComparison.fold(last)) })
        }
        switch command.name {
        case "describe": return words(dataset.collections.map(\.name))
        case "format": return words(OutputFormat.allCases.map(\.rawValue))
        case "timer": return words(["on", "off"])
        case "help": return words(helpTopics + DotCommand.all.map(\.name))
        case "run", "save": return files(argument, extensions: command.name == "run" ? ["cstoq"] : [])
        case "load": return completeLoad(argument)
        case "whynot":
            // The record first, then a query: complete the query part like any query.
            let (record, rest) = DotCommand.splitFirstArgument(argument)
            guard !record.isEmpty, argument.contains(" ") else { return Completion(replacing: 0, candidates: []) }
            return complete(rest)
        default: return Completion(replacing: 0, candidates: [])
        }
    }

    /// `.load`'s words: data files (by extension), `--kind` and `--ref`, and
    /// after them `COLLECTION.FIELD=` of the fields loaded now.
    func completeLoad(_ argument: String) -> Completion {
        let words = argument.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        let before = words.dropLast().last { !$0.isEmpty } ?? ""
        if before == "--kind" || before == "--ref" {
            var options: [String] = []
            for c in dataset.collections where c.origin != nil {
                for f in c.fields.dropFirst() { options.append("\(c.name).\(f.name)=") }
            }
            let matching = options.filter { ValueComparison.fold($0).hasPrefix(ValueComparison.fold(last)) }
            return Completion(replacing: last.utf8.count, candidates: matching, appendSpace: false)
        }
        if last.hasPrefix("-") {
            return Completion(replacing: last.utf8.count, candidates: ["--kind", "--ref"].filter { $0.hasPrefix(last) })
        }
        return files(last, extensions: DataFileKind.extensions)
    }

    /// File names under the folder part of `typed`; folders end with `/`.
    func files(_ typed: String, extensions: [String]) -> Completion {
        let slash = typed.lastIndex(of: "/")
        let dirPart = slash.map { String(typed[...$0]) } ?? ""
        let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var dirPath = dirPart.isEmpty ? (folder ?? ".") : dirPart
        if dirPart.hasPrefix("~/"), let home = fileNames?.homeFolder { dirPath = home + dirPart.dropFirst() }
        guard let entries = fileNames?.entries(of: dirPath) else { return Completion(replacing: 0, candidates: []) }
        var names: [String] = []
        for entry in entries {
            let name = entry.name
            if name == "." || name == ".." || (name.hasPrefix(".") && !namePart.hasPrefix(".")) { continue }
            guard name.hasPrefix(namePart) else { continue }
            if entry.isFolder { names.append(dirPart + name + "/"); continue }
            if extensions.isEmpty || extensions.contains(where: { name.hasSuffix("." + $0) }) { names.append(dirPart + name) }
        }
        names.sort()
        let onlyFolder = names.count == 1 && names[0].hasSuffix("/")
        return Completion(replacing: typed.utf8.count, candidates: names, appendSpace: !onlyFolder)
    }
}
