import TextWidth
#if canImport(Glibc)
import Glibc
#endif

/// Something outside the library that runs the commands it alone can (the
/// REPL: history, tutorial). Scripts and pipes have no host.
public protocol SessionHost: AnyObject {
    /// Runs an interactive-only dot-command; returns whether it succeeded.
    func run(_ command: DotCommand, argument: String, in session: Session) -> Bool
    /// Looks at a query's result before it is shown (the tutorial checks exercises here).
    func didRun(_ statement: String, result: ResultSet, in session: Session)
    /// A pager for one result taller than the terminal (`.pager on`), or nil
    /// when there is none: the result is then cut to fit, as with the pager off.
    func openPager() -> (any ResultPager)?
}

/// Where a long result's text goes with `.pager on`: the host's pager process.
public protocol ResultPager: AnyObject {
    /// Writes lines (a final line end is added, as with the session's output).
    func write(_ text: String)
    /// Whether the pager has ended (the user quit it): nothing more is wanted.
    var hasEnded: Bool { get }
    /// Ends the input and waits for the user to leave the pager.
    func close()
}

/// One cstoq session: the dataset, the settings, the last result, and the
/// running of statements and dot-commands from any source (the REPL, `-e`,
/// script files, stdin). Output goes through two closures, so the library
/// never touches a terminal.
public final class Session {
    public var dataset: Dataset
    public var datasetName: String
    /// The data files the dataset was loaded from (`--data`, `.load`), and
    /// the settings they were loaded with: `.load --ref …` alone loads them again.
    public var dataFiles: [String] = []
    public var dataSettings = DataFileSettings()
    public var parameters: [String: String] = [:]
    /// Parameters given on the command line (`--set`): a script's `.set` gives
    /// a default and does not override them.
    public var fixedParameters: Set<String> = []
    public var options: RenderOptions
    public var timer = false
    /// `.pager on`: results taller than the terminal go to the host's pager.
    public var pager = false
    /// Print each statement, as written, before its output (`--echo`).
    public var echo = false
    /// Go on after a failing statement (`--keep-going`).
    public var keepGoing = false
    public internal(set) var lastResult: ResultSet?
    /// The live database queries run in (PostgreSQL, a SQLite file in place),
    /// or nil when the dataset is in memory. With one, `dataset` is its schema.
    public internal(set) var live: LiveQuery?
    /// The query of the last result on a live database, run again for
    /// `.last` and `.save` when only its first rows were read.
    var lastLiveQuery: CheckedQuery?
    /// `.timeout`: the longest a live database may take for one statement.
    public var timeout: Duration = .seconds(30)
    /// Opens a connection string: the host's PostgreSQL client (the library has none).
    public var connector: ((String) throws(Diagnostic) -> any LiveDatabase)?
    public private(set) var failures = 0
    public private(set) var quitRequested = false
    public var isCancelled: @Sendable () -> Bool = { false }
    public weak var host: SessionHost?

    let write: (String) -> Void
    let writeError: (String) -> Void
    /// The scripts being run, outermost first (real paths), to stop a script that runs itself.
    var scripts: [String] = []
    public static let maximumScriptDepth = 64
    /// The most text run at once (a script, stdin, a `-e`): the parser holds
    /// every token of it, up to 32 bytes each, so a 100 MB script could take
    /// gigabytes; past this it is an error before anything runs.
    public static let maximumSourceSize = 16 << 20

    public init(dataset: Dataset, datasetName: String, options: RenderOptions = RenderOptions(),
                output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.dataset = dataset
        self.datasetName = datasetName
        self.options = options
        self.write = output
        self.writeError = errors
    }

    // MARK: Running text

    /// Runs every statement of a text; stops at the first failure unless
    /// `keepGoing`. Returns whether all succeeded.
    @discardableResult
    public func run(_ source: SourceText, folder: String? = nil) -> Bool {
        guard source.bytes.count <= Session.maximumSourceSize else {
            reportPlain(Diagnostic(.fileTooLarge(path: source.name, limit: Session.maximumSourceSize),
                                   help: "split it into smaller scripts and run them one after another"))
            failures += 1
            return false
        }
        var parser = Parser(source.bytes)
        var ok = true
        while !quitRequested, let parsed = parser.nextStatement() {
            let success: Bool
            switch parsed {
            case let .failure(d):
                report(d, in: source)
                success = false
            case let .success(p):
                if echo { write("cstoq> " + Printable.escapeControlsKeepingLineBreaks(source.text(p.range))) }
                success = execute(p.statement, source: source, range: p.range, folder: folder)
            }
            if !success {
                ok = false
                failures += 1
                if !keepGoing { return false }
            }
        }
        return ok
    }

    /// Runs a script file: statements, dot-commands, `.run` of others
    /// relative to its folder. A script that runs itself is stopped.
    @discardableResult
    public func runScript(path: String) -> Bool {
        let real = Session.realPath(path) ?? path
        if scripts.contains(real) {
            reportPlain(Diagnostic(.scriptIncludesItself(path), help: "remove the .run line that leads back to it"))
            return false
        }
        guard scripts.count < Session.maximumScriptDepth else {
            reportPlain(Diagnostic(.scriptTooDeep(limit: Session.maximumScriptDepth)))
            return false
        }
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path, limit: Session.maximumSourceSize) } catch {
            reportPlain(error)
            return false
        }
        scripts.append(real)
        defer { scripts.removeLast() }
        return run(SourceText(name: path, bytes: bytes), folder: Session.folder(of: path))
    }

    public func requestQuit() { quitRequested = true }

    /// Tab completion for the current dataset, with file names from
    /// `fileNames`; help's topics come from up here, since completion sits
    /// below the session and cannot look.
    public func makeCompleter(fileNames: (any FileNameSource)? = nil) -> Completer {
        let completer = Completer(dataset: dataset, helpTopics: Help.topics.map(\.name), fileNames: fileNames)
        if let live {
            // Never a scan of a whole table on Tab: the first rows of the field, within half a second.
            completer.liveValues = { [self] c, p in
                p.steps.count == 1 ? sampleValues(live, collection: c, field: p.steps[0].field, timeout: Session.completionTimeout) : nil
            }
        }
        return completer
    }

    func report(_ d: Diagnostic, in source: SourceText?) {
        writeError(DiagnosticFormatter(color: options.color).render(d, in: source))
    }

    func reportPlain(_ d: Diagnostic) {
        report(d, in: nil)
    }

    // MARK: Statements

    func execute(_ statement: Statement, source: SourceText, range: SourceRange, folder: String?) -> Bool {
        switch statement {
        case let .query(q):
            return runQuery(q, source: source, text: source.text(range))
        case let .describe(name):
            guard let c = dataset.collectionIndex(named: name.text) else {
                report(Checker(dataset: dataset).unknownCollection(name), in: source)
                return false
            }
            if let live {
                show(describeLive(c, on: live))
                return true
            }
            show(Describer(dataset: dataset).describe(c))
            return true
        case let .explain(q, mode, _):
            do throws(Diagnostic) {
                let checked = try checker.check(q)
                switch mode {
                case .plan where live != nil: write(try explainLive(checked, on: live!))
                case .trace where live != nil: throw Diagnostic(.liveNotHere(what: "explain trace"), at: range, help: "explain QUERY shows the SQL sent and the database's plan")
                // The SQL this database is sent (its own tables, its own dialect).
                case .sql where live != nil:
                    let sql = try live!.text(checked) + ";"
                    write(options.width == nil ? sql : Printable.escapeControlsKeepingLineBreaks(sql))
                case .plan: write(Explainer(dataset: dataset).explain(q, checked: checked, source: source, range: range))
                case .trace: write(try explainTrace(checked))
                // Ended with `;` so that it can be pasted into sqlite3 or psql as it is.
                case let .sql(dialect):
                    let sql = try SQLTranslator(dataset: dataset).translate(checked, for: dialect) + ";"
                    // On a terminal (a width is known) a literal's control characters are shown
                    // escaped like everywhere else; into a pipe the SQL goes exact, for the engine.
                    write(options.width == nil ? sql : Printable.escapeControlsKeepingLineBreaks(sql))
                }
                return true
            } catch {
                report(error, in: source)
                return false
            }
        case let .dotCommand(name, argument, r):
            return runDotCommand(name, argument: argument, source: source, range: r, folder: folder)
        }
    }

    var checker: Checker {
        var c = Checker(dataset: dataset, parameters: parameters)
        c.isCancelled = isCancelled
        return c
    }
    var evaluator: Evaluator { Evaluator(dataset: dataset, isCancelled: isCancelled) }

    /// Checks and runs one query; the result is shown and kept as the last result.
    func runQuery(_ q: Query, source: SourceText, text: String) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        let result: ResultSet
        let checked: CheckedQuery
        do {
            checked = try checker.check(q)
            if let live {
                lastLiveQuery = checked
                switch try runLive(checked, on: live) {
                case let .rows(rows): result = rows
                case let .written(first, _, stopped):
                    // Written as the rows came: only the first are kept.
                    lastResult = first
                    if stopped { reportPlain(Diagnostic(.cancelled)); return false }
                    if timer { write("time: \(Session.format(clock.now - start))") }
                    host?.didRun(text, result: first, in: self)
                    return true
                }
            } else {
                result = try evaluator.run(checked)
            }
        } catch {
            report(error, in: source)
            return false
        }
        let elapsed = clock.now - start
        lastResult = result
        guard show(result) else { return false }
        if result.isEmpty || (q.isCount && result.row(0).first == .integer(0)),
           let advice = emptyResultAdvisor.advice(for: q) {
            writeError(advice)
        }
        if timer { write("time: \(Session.format(elapsed))") }
        host?.didRun(text, result: result, in: self)
        return true
    }

    /// Writes a result in the current format; false when a cancel stopped it.
    @discardableResult
    public func show(_ result: ResultSet, full: Bool = false) -> Bool {
        var o = options
        // `.last`: every row, long cells wrapped inside their columns.
        if full {
            o.height = nil
            o.wrapsCells = true
        }
        if o.format == .chart, !ChartRenderer.canDraw(result) {
            writeError("note: " + Message.chartNeedsNumbers.text + "; showing a table")
            o.format = .table
        }
        // A table taller than the terminal goes to the pager, whole, when it is on.
        var screen = o
        screen.height = options.height  // `.last` too is paged when taller than the screen
        if pager, o.format == .table || o.format == .line, screen.height != nil,
           TableRenderer(options: screen).isCut(result), let pager = host?.openPager() {
            o.height = nil
            let cancelled = isCancelled
            var out = LineWriter(isCancelled: { cancelled() || pager.hasEnded }, emit: pager.write)
            Renderer.write(result, o, to: &out)
            out.flush()
            pager.close()
            if out.stopped, !pager.hasEnded { reportPlain(Diagnostic(.cancelled)) }
            return !out.stopped || pager.hasEnded
        }
        // Written as it is made, piece by piece; a cancel stops the writing.
        var out = LineWriter(isCancelled: isCancelled, emit: write)
        Renderer.write(result, o, to: &out)
        out.flush()
        if out.stopped { reportPlain(Diagnostic(.cancelled)) }
        return !out.stopped
    }

    static func format(_ d: Duration) -> String {
        let (s, atto) = d.components
        let ms = Double(s) * 1000 + Double(atto) / 1e15
        if ms < 1 { return "\(Int((ms * 1000).rounded())) µs" }
        if ms < 1000 { return "\((ms * 100).rounded() / 100) ms" }
        return "\((ms / 10).rounded() / 100) s"
    }

    func explainTrace(_ checked: CheckedQuery) throws(Diagnostic) -> String {
        var steps: [Evaluator.Step] = []
        let result = try evaluator.run(checked, steps: &steps)
        lastResult = result
        var o = options
        if o.format == .chart { o.format = .table }
        return Explainer(dataset: dataset).trace(steps, of: checked) + "\n\n" + Renderer.render(result, o)
    }

    /// A line starting with a clause keyword typed after its statement has
    /// run (the REPL asks): what to do to carry that statement on.
    public func continuationAloneHelp(_ keyword: String) -> String {
        let d = Diagnostic(.queryStartsWithClause(keyword),
                           help: "the statement before it has run already: press Up to bring it back and add '\(keyword) …' at its end (lines pasted together are joined, as in a script)")
        return DiagnosticFormatter(color: options.color).render(d, in: nil)
    }

    // MARK: Paths

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let f = String(path[..<slash])
        return f.isEmpty ? "/" : f
    }

    /// A path given in a script is relative to the script's folder.
    static func resolve(_ path: String, from folder: String?) -> String {
        guard let folder, !path.hasPrefix("/"), folder != "." else { return path }
        return folder + "/" + path
    }
}
