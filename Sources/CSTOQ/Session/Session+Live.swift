import TextWidth
#if canImport(Glibc)
import Glibc
#endif

/// A session on a live database: the queries go to it as SQL, the dataset
/// is its schema (collections and fields, no records). What needs the
/// records in memory (`explain trace`, `.whynot`, `.source`, `.export`)
/// says so; describe, completion and the 0-rows hint read bounded samples.
extension Session {
    /// Rows read at most for `describe`'s examples, completion and the 0-rows hint:
    /// `SELECT column FROM table LIMIT n`, never a scan of the whole table.
    static let sampleRows = 5_000
    /// How long Tab may wait for a live database's values.
    static let completionTimeout = Duration.milliseconds(500)

    /// Whether `paths` ask for a live database: a connection string, or one
    /// SQLite file with `--in-place` or of `SQLiteInPlace.inPlaceSize` or more.
    public func liveTarget(_ paths: [String], settings: DataFileSettings) -> (connection: String?, sqliteFile: String?)? {
        if paths.contains(where: ConnectionText.isConnectionString) {
            return (paths.first(where: ConnectionText.isConnectionString), nil)
        }
        guard paths.count == 1 || settings.inPlace else { return nil }
        for path in paths {
            guard let start = try? DataFiles.head(of: path), DataFileKind.of(path: path, start: start) == .sqlite else { continue }
            var st = stat()
            let size = stat(path, &st) == 0 ? Int(st.st_size) : 0
            if settings.inPlace || size >= SQLiteInPlace.inPlaceSize { return (nil, path) }
        }
        return nil
    }

    /// Opens and attaches the live database `paths` ask for; false (with the error written) when it can't.
    /// The summary of what was attached is written unless `quiet` (`-e` and scripts given on the command line).
    public func loadLive(_ target: (connection: String?, sqliteFile: String?), paths: [String], settings: DataFileSettings, quiet: Bool = false) -> Bool {
        guard paths.count == 1 else {
            writeError(DiagnosticFormatter(color: options.color).render(Diagnostic(.liveAlone, help: "load the database alone: .load \(Printable.escapeControls(ConnectionText.redacted(target.connection ?? target.sqliteFile!)))"), in: nil))
            return false
        }
        do throws(Diagnostic) {
            let db: any LiveDatabase
            if let connection = target.connection {
                guard let connector else {
                    throw Diagnostic(.liveCannotConnect(database: ConnectionText.displayName(connection), reason: "this build of cstoq has no PostgreSQL client"))
                }
                db = try connector(connection)
            } else {
                let path = target.sqliteFile!
                db = try SQLiteInPlace(path: path, name: path)
            }
            let summary = try attach(db, settings: settings)
            if !quiet { write(LoadedData.fitted(summary, width: options.width).joined(separator: "\n")) }
            dataFiles = []
            dataSettings = settings
            return true
        } catch {
            writeError(DiagnosticFormatter(color: options.color).render(error, in: nil) + (datasetName.isEmpty ? "" : "\n(the dataset \(Printable.escapeControls(datasetName)) is still loaded)"))
            return false
        }
    }

    /// Reads a live database's catalog and queries it from now on.
    @discardableResult
    public func attach(_ db: any LiveDatabase, settings: DataFileSettings = DataFileSettings()) throws(Diagnostic) -> [String] {
        let schema = try LiveCatalog.applying(settings, to: LiveCatalog.schema(try db.catalog(), dialect: db.dialect, title: db.displayName))
        guard !schema.dataset.collections.isEmpty else {
            throw Diagnostic(.liveFailed(database: db.displayName, reason: "it has no tables or views that this user can see"),
                             help: "check the database name and the search path")
        }
        live = LiveQuery(database: db, schema: schema)
        dataset = schema.dataset
        datasetName = db.displayName
        lastResult = nil
        let n = schema.dataset.collections.count
        var lines = ["connected to \(Printable.escapeControls(db.displayName)): \(n) \(n == 1 ? "table" : "tables"), queried where they are (nothing is loaded)"]
        for c in schema.dataset.collections {
            let fields = c.fields.dropFirst()
            let shown = fields.prefix(8).map { "\($0.name) \($0.type)" }.joined(separator: ", ")
            lines.append("  \(c.name): \(fields.count) \(fields.count == 1 ? "field" : "fields") (" + Printable.escapeControls(shown) + (fields.count > 8 ? ", … \(fields.count - 8) more" : "") + ")")
        }
        return lines
    }

    /// The 0-rows hint: on a live database, from the first rows of the field.
    var emptyResultAdvisor: EmptyResultAdvisor {
        var advisor = EmptyResultAdvisor(dataset: dataset, checker: checker)
        if let live {
            advisor.sample = { [self] c, f in sampleValues(live, collection: c, field: f, timeout: .seconds(1)) }
        }
        return advisor
    }

    /// Rows of a live result read and written at a time: a batch, never all of them.
    static let liveBatch = 10_000

    /// What became of a live query's rows.
    enum LiveOutcome {
        /// All of them, or (`isPartial`) the first screen of a longer result:
        /// shown like any result, cut to fit.
        case rows(ResultSet)
        /// Written batch by batch as they came (a pager, a pipe, CSV, JSON):
        /// the first rows are kept, `stopped` when a cancel or the pager's end stopped the writing.
        case written(first: ResultSet, count: Int, stopped: Bool)
    }

    /// Where a live result's rows go once they are more than the first ones: the writer, and how it ends.
    struct LiveSink {
        var out: LineWriter
        /// Ends the output (closes the pager) and tells whether a stop was the user's leaving it.
        var close: () -> Bool
    }

    /// Runs a checked query on the live database and reads its rows as they
    /// come; a watcher thread sends the database a cancel when Ctrl-C is
    /// pressed while it works. The first `first` rows are read and kept; if
    /// there are more, `sink` says where they go (with the first ones), or, when
    /// it gives none, reading stops there and the rows read are a partial result.
    func streamLive(_ checked: CheckedQuery, on live: LiveQuery, options o: RenderOptions, first: Int,
                    sink: () -> LiveSink?) throws(Diagnostic) -> LiveOutcome {
        let columns = LiveQuery.columns(checked)
        let grouped = !checked.groupBy.isEmpty
        var firstRows: [[Value]] = []
        var batch: [[Value]] = []
        var output: LiveSink?
        var parted = PartedOutput(options: o)
        var partial = false
        let watcher = CancelWatcher(isCancelled: isCancelled, cancel: live.database.cancel)
        watcher.start()
        defer { watcher.stop() }
        do {
            try live.stream(checked, timeout: timeout) { row in
                guard output != nil else {
                    firstRows.append(row)
                    guard firstRows.count >= first else { return true }
                    guard let opened = sink() else { partial = true; return false }
                    // The first part is a whole batch (a table's widths are measured on it).
                    output = opened
                    batch = firstRows
                    return true
                }
                batch.append(row)
                if batch.count >= Session.liveBatch {
                    parted.add(ResultSet(columns: columns, rows: batch, isGrouped: grouped), to: &output!.out)
                    batch.removeAll(keepingCapacity: true)
                }
                return !output!.out.stopped
            }
        } catch {
            // A cancel that stopped the writing is said once, below, where the output is closed.
            guard case .cancelled = error.message, output?.out.stopped == true else {
                if let output { _ = output.close() }
                throw error
            }
        }
        var kept = ResultSet(columns: columns, rows: firstRows, isGrouped: grouped)
        guard var output else {
            kept.isPartial = partial
            return .rows(kept)
        }
        if !batch.isEmpty { parted.add(ResultSet(columns: columns, rows: batch, isGrouped: grouped), to: &output.out) }
        parted.finish(columns: columns, to: &output.out)
        output.out.flush()
        let left = output.close()
        kept.isPartial = true
        return .written(first: kept, count: parted.count, stopped: output.out.stopped && !left)
    }

    /// A live query's rows in the session's output: on a terminal, the first
    /// screen (the rest read only for `.last`, `.save` or the pager); else, and
    /// in CSV or JSON, every row as it comes. Returns the rows kept as the last result.
    func runLive(_ checked: CheckedQuery, on live: LiveQuery, full: Bool = false) throws(Diagnostic) -> LiveOutcome {
        var o = options
        if full { o.wrapsCells = true }
        let onScreen = o.height != nil && (o.format == .table || o.format == .line)
        let cancelled = isCancelled
        let toOutput = { [self] in LiveSink(out: LineWriter(isCancelled: cancelled, emit: write), close: { false }) }
        guard onScreen else { return try streamLive(checked, on: live, options: o, first: Session.liveBatch, sink: toOutput) }
        // Enough rows to know whether the table is taller than the screen.
        return try streamLive(checked, on: live, options: o, first: o.height! + 1) { [self] in
            if full, !pager { return toOutput() }
            guard pager, let p = host?.openPager() else { return nil }
            return LiveSink(out: LineWriter(isCancelled: { cancelled() || p.hasEnded }, emit: p.write), close: {
                p.close()
                return p.hasEnded
            })
        }
    }

    /// `.last` and `.save` of a live result read only as far as the screen: the query runs again.
    func rerunLive(_ checked: CheckedQuery, on live: LiveQuery) -> Bool {
        do throws(Diagnostic) {
            switch try runLive(checked, on: live, full: true) {
            case let .rows(result): return show(result, full: true)
            case let .written(_, _, stopped):
                if stopped { reportPlain(Diagnostic(.cancelled)) }
                return !stopped
            }
        } catch {
            reportPlain(error)
            return false
        }
    }

    /// `.save FILE` of a live result: the query runs again, its rows written to the file as they come.
    func saveLive(_ checked: CheckedQuery, on live: LiveQuery, to path: String, options o: RenderOptions) -> Bool {
        var count = 0
        do throws(Diagnostic) {
            try FileWriter.writeAtomically(to: path) { [self] fd throws(Diagnostic) -> Int32 in
                var error: Int32 = 0
                let cancelled = isCancelled
                let outcome = try streamLive(checked, on: live, options: o, first: 1) {
                    LiveSink(out: LineWriter(isCancelled: { error != 0 || cancelled() }, emit: { piece in
                        if error == 0 { error = FileWriter.writeAll(fd, piece + "\n") }
                    }), close: { false })
                }
                switch outcome {
                case let .written(_, n, stopped):
                    count = n
                    if stopped, error == 0 { throw Diagnostic(.cancelled) }
                    return error
                case let .rows(result):  // no rows: the empty result's text
                    let text = Renderer.render(result, o)
                    return FileWriter.writeAll(fd, text.utf8.last == 0x0A ? text : text + "\n")
                }
            }
            write("saved \(count) \(count == 1 ? "row" : "rows") to \(Printable.escapeControls(path)) (\(o.format.rawValue))")
            return true
        } catch {
            reportPlain(error)
            return false
        }
    }

    /// `explain` on a live database: the SQL sent, its parameters, and the engine's plan.
    func explainLive(_ checked: CheckedQuery, on live: LiveQuery) throws(Diagnostic) -> String {
        let s = try live.statement(checked)
        var out = ["The query is run by \(Printable.escapeControls(live.database.displayName)) as this SQL:", ""]
        out += s.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        if !s.parameters.isEmpty {
            out.append("")
            out.append("with the values, sent apart from the SQL:")
            let mark = live.database.dialect == .postgres ? "$" : "?"
            for (i, v) in s.parameters.enumerated() { out.append("  \(mark)\(i + 1) = " + ValueText.plain(v)) }
        }
        out.append("")
        out.append("\(live.database.dialect == .postgres ? "PostgreSQL" : "SQLite") plans it so:")
        out += try live.database.plan(s).map { "  " + $0 }
        return Printable.escapeControlsKeepingLineBreaks(out.joined(separator: "\n"))
    }

    /// The first values of a field of a live table (a bounded read, short timeout), or nil when it can't be read.
    func sampleValues(_ live: LiveQuery, collection c: Int, field f: Int, timeout: Duration) -> [Value]? {
        let t = live.schema.layout.tables[c]
        let column = t.columns[f]
        guard !column.isEmpty else { return nil }
        let type = live.schema.dataset.collections[c].fields[f].type
        guard type.valueKind != .list, type.valueKind != .reference else { return nil }
        let sql = "SELECT \(SQLDialect.identifier(column)) FROM \(SQLDialect.identifier(t.name)) WHERE \(SQLDialect.identifier(column)) IS NOT NULL LIMIT \(Session.sampleRows)"
        var out: [Value] = []
        do {
            try live.database.run(SQLStatement(text: sql, parameters: []), timeout: timeout) { cells in
                out.append(LiveQuery.value(cells[0], kind: type.valueKind, element: .null))
                return true
            }
        } catch {
            return nil
        }
        return out
    }

    /// `describe` of a live table: the fields and their kinds, examples from the first rows.
    func describeLive(_ c: Int, on live: LiveQuery) -> ResultSet {
        let collection = dataset.collections[c]
        var rows: [[Value]] = []
        for (f, field) in collection.fields.enumerated() {
            var examples: [String] = []
            for v in sampleValues(live, collection: c, field: f, timeout: .seconds(2)) ?? [] where examples.count < 3 {
                let text = DisplayWidth.truncate(ValueText.plain(v), to: 28)
                if !examples.contains(text) { examples.append(text) }
            }
            rows.append([.text(field.name), .text(field.type.description), .text(examples.joined(separator: ", "))])
        }
        for p in Checker(dataset: dataset).backReferences(to: c) {
            rows.append([.text("count(\(ASTPrinter().path(p)))"), .text("back-reference"), .text("")])
        }
        return ResultSet(columns: ["field", "kind", "examples"], rows: rows)
    }
}

/// Polls a cancel flag every 10 ms on a thread of its own while a live
/// statement runs, and asks the database to cancel it when the flag is up:
/// the statement's own thread is blocked in the database's client library.
final class CancelWatcher: @unchecked Sendable {
    private let isCancelled: @Sendable () -> Bool
    private let cancel: () -> Void
    private var lock = pthread_mutex_t()
    private var done = false
    private var thread: BackgroundThread?

    init(isCancelled: @escaping @Sendable () -> Bool, cancel: @escaping () -> Void) {
        self.isCancelled = isCancelled
        self.cancel = cancel
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    private var isDone: Bool {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return done
    }

    func start() {
        let t = BackgroundThread { [self] in
            while !isDone {
                if isCancelled() {
                    cancel()
                    return
                }
                usleep(10_000)
            }
        }
        thread = t
        t.start()
    }

    func stop() {
        pthread_mutex_lock(&lock)
        done = true
        pthread_mutex_unlock(&lock)
        thread?.wait()
    }
}
