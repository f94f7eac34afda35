import CSTOQ

/// What the REPL does between two prompts, timed in this process: the dataset
/// is loaded once, then each query goes Parser → Checker → Evaluator (and, for
/// comparison, through a Session, which also renders the result), the lexer
/// and the parser read a long generated script, and the Completer answers Tab.
///
/// `cstoq-bench run` starts this as a child process (`cstoq-bench measure`),
/// so that the memory it takes never counts against the programs the run
/// starts (see ChildProcess). It prints one line per figure:
/// `samples KEY SECONDS…` or `value KEY TEXT`, read back by `Measurements`.
struct InProcessBenchmarks {
    var dataPath: String
    var harness: Harness
    /// Size of the generated script for the lexer and parser; 0 skips them.
    var scriptBytes: Int
    /// More queries to time (`measure --queries FILE`, one a line), each as `samples query.N`.
    var extraQueries: [String] = []
    var emit: (String) -> Void

    static let filterQuery = "count items where status = active and score > 50000"
    static let topQuery = "items select id, score order by score desc limit 10"
    static let groupQuery = "items group by status"
    static let valueCompletionLine = "items where status = "
    /// A boolean has no dictionary: the Completer visits rows to find its values.
    static let booleanCompletionLine = "items where active = "
    static let fieldCompletionLine = "items where ci"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws(Failure) {
        let start = ChildProcess.now()
        let dataset: Dataset
        do {
            dataset = try DatasetLoader.load(path: dataPath)
        } catch {
            throw Failure(description: error.description)
        }
        samples("load", Samples([ChildProcess.now() - start]))
        value("records", String(dataset.collection(named: "items")?.count ?? 0))

        try queries(dataset)
        for (n, text) in extraQueries.enumerated() {
            var rows = 0
            samples("query.\(n + 1)", try harness.measure({ () throws(Failure) in try InProcessBenchmarks.result(of: text, in: dataset) }) { rows = $0.rows.count })
            value("query.\(n + 1)", "\(rows) rows: \(text)")
        }
        try completion(dataset)
        if scriptBytes > 0 { try language() }
    }

    // MARK: Queries

    static func result(of text: String, in dataset: Dataset) throws(Failure) -> ResultSet {
        var parser = Parser(text)
        guard case let .success(parsed)? = parser.nextStatement(), case let .query(query) = parsed.statement else {
            throw Failure(description: "the benchmark query does not parse: \(text)")
        }
        do {
            let checked = try Checker(dataset: dataset).check(query)
            return try Evaluator(dataset: dataset).run(checked)
        } catch {
            throw Failure(description: "\(text): \(error.message.text)")
        }
    }

    func queries(_ dataset: Dataset) throws(Failure) {
        for (key, text) in [("filter", InProcessBenchmarks.filterQuery), ("top", InProcessBenchmarks.topQuery),
                            ("group", InProcessBenchmarks.groupQuery)] {
            var last: ResultSet?
            let times = try harness.measure({ () throws(Failure) in try InProcessBenchmarks.result(of: text, in: dataset) }) { last = $0 }
            samples(key, times)
            guard let rows = last?.rows else { continue }
            switch key {
            case "filter":
                value("filter.answer", rows.first?.first.map(InProcessBenchmarks.plain) ?? "")
            case "top":
                value("top.answer", rows.map { $0.count > 1 ? InProcessBenchmarks.plain($0[1]) : "?" }.joined(separator: " "))
            default:
                value("group.answer", rows.map { $0.map(InProcessBenchmarks.plain).joined(separator: "=") }.joined(separator: " "))
            }

            // The same statement as the REPL runs it: a Session, which also renders the table.
            var printed = 0
            let session = Session(dataset: dataset, datasetName: dataPath, output: { printed += $0.utf8.count }, errors: { _ in })
            let source = SourceText(name: "<bench>", bytes: Array(text.utf8))
            var ok = true
            let withRendering = harness.measure({ session.run(source) }, consume: { ok = ok && $0 })
            guard ok, printed > 0 else { throw Failure(description: "the session failed to run: \(text)") }
            samples(key + ".session", withRendering)
        }
    }

    static func plain(_ v: Value) -> String {
        switch v {
        case let .integer(n): String(n)
        case let .text(t): t
        default: "\(v)"
        }
    }

    // MARK: Completion

    func completion(_ dataset: Dataset) throws(Failure) {
        var candidates: [String] = []
        // The first Tab after a dataset is loaded: the Completer finds the field's values.
        samples("complete.value.first",
                harness.measure({ Completer(dataset: dataset).complete(InProcessBenchmarks.valueCompletionLine) }) { candidates = $0.candidates })
        value("complete.value.answer", candidates.joined(separator: " "))
        // Later Tabs in the same session reuse what the first found.
        let completer = Completer(dataset: dataset)
        _ = completer.complete(InProcessBenchmarks.valueCompletionLine)
        samples("complete.value.again", harness.measure({ completer.complete(InProcessBenchmarks.valueCompletionLine) }))
        samples("complete.boolean.first",
                harness.measure({ Completer(dataset: dataset).complete(InProcessBenchmarks.booleanCompletionLine) }) { candidates = $0.candidates })
        value("complete.boolean.answer", candidates.joined(separator: " "))
        samples("complete.field",
                harness.measure({ completer.complete(InProcessBenchmarks.fieldCompletionLine) }) { candidates = $0.candidates })
        value("complete.field.answer", candidates.joined(separator: " "))
    }

    // MARK: Lexer and parser

    func language() throws(Failure) {
        var generator = ScriptGenerator(seed: 7)
        let script = generator.script(bytes: scriptBytes)
        var statements = 0
        var failures: [Diagnostic] = []
        var parser = Parser(script)
        while let r = parser.nextStatement() {
            statements += 1
            if case let .failure(d) = r { failures.append(d) }
        }
        if let first = failures.first {
            let text = String(decoding: script, as: UTF8.self)
            let line = text.utf8.prefix(first.range?.start ?? 0).filter { $0 == 10 }.count + 1
            throw Failure(description: "the generated script has \(failures.count) statements that do not parse; the first, on line \(line): \(first.message.text)")
        }
        value("script.bytes", String(script.count))
        value("script.statements", String(statements))

        var tokens = 0
        samples("lex", harness.measure({ Lexer(script).tokenize() }) { tokens = $0.count })
        value("script.tokens", String(tokens))
        samples("parse", harness.measure({
            var parser = Parser(script)
            var n = 0
            while parser.nextStatement() != nil { n += 1 }
            return n
        }) { statements = $0 })
    }

    // MARK: Output

    func samples(_ key: String, _ s: Samples) {
        emit("samples \(key) " + s.values.map { "\($0)" }.joined(separator: " "))
    }

    func value(_ key: String, _ text: String) {
        emit("value \(key) \(text)")
    }
}
