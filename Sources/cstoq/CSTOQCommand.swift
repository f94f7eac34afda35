import ArgumentParser
import CSTOQ
import PostgresClient
#if canImport(Glibc)
import Glibc
#endif

/// The command line: a thin layer that reads the options, builds a session
/// from the library, and hands it queries, scripts, stdin, or the REPL.
@main
struct CSTOQCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cstoq",
        abstract: "Ask questions of the CSTO summit (Bishkek, 27 November 2025) in a small query language.",
        discussion: """
        With no query and no file, cstoq opens an interactive session when it runs in a terminal,
        and reads statements from standard input otherwise.

        EXAMPLES:
          cstoq -e 'members where status = active select name, leader.name order by name'
          cstoq -e 'initiatives group by area' --format chart
          cstoq --format json -e 'events where date >= 2026-01-01'
          cstoq report.cstoq --set country=Russia
          echo 'count people' | cstoq
          cstoq items.csv                      (explore a CSV file; also TSV, NDJSON, JSON, SQLite)
          cstoq --data items.csv --data cities.csv --ref items.city=cities

        EXIT STATUS:
          0 success, 1 a query, script or dataset error, 2 bad usage, 130 interrupted.
        """,
        version: version
    )

    @Argument(help: ArgumentHelp("Script files (.cstoq) to run in order, in one session.", valueName: "file"))
    var files: [String] = []

    @Option(name: [.customShort("e"), .customLong("execute")], help: ArgumentHelp("Run a query or statement (repeatable).", valueName: "query"))
    var queries: [String] = []

    @Option(name: .long, help: ArgumentHelp("Explore this file instead of the built-in summit data (repeatable: files load side by side): CSV, TSV, NDJSON, a JSON array of objects, a SQLite database, or a dataset in cstoq's JSON format.", valueName: "file"))
    var data: [String] = []

    @Option(name: .customLong("kind"), help: ArgumentHelp("Set the kind of a field read from a data file, where inference is wrong: --kind items.zip=text (text, integer, decimal, boolean or date; values that don't fit are null).", valueName: "collection.field=kind"))
    var kinds: [String] = []

    @Flag(name: .customLong("in-place"), help: "Query a SQLite file where it is, through SQLite, instead of loading it (a file of 256 MB or more always is). A postgres:// URL (or libpq's \"host=… dbname=…\") given to --data is always queried where it is.")
    var inPlace = false

    @Option(name: .customLong("ref"), help: ArgumentHelp("Make a field of a data file or a database a reference to another collection, its values that collection's ids (a list of ids, such as a PostgreSQL array, a list of references): --ref items.city=cities.", valueName: "collection.field=collection"))
    var references: [String] = []

    @Option(name: .long, help: ArgumentHelp("How to show results: table, line, json, csv, markdown or chart.", valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Write the dataset to standard output in another form and exit: sql (CREATE TABLE and INSERT statements).", valueName: "form"))
    var export: String?

    @Option(name: .long, help: ArgumentHelp("The SQL engine --export sql writes for: sqlite (default) or postgres.", valueName: "engine"))
    var dialect: String?

    @Flag(name: .long, help: "Never colour the output (NO_COLOR in the environment does the same).")
    var noColor = false

    @Flag(name: .long, help: "Load and validate the dataset, print a summary line per collection, and exit.")
    var check = false

    @Flag(name: .long, help: "Go on after a failing statement; exit 1 at the end if any failed.")
    var keepGoing = false

    @Flag(name: .long, help: "Print each statement, as written, before its output.")
    var echo = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Give a script parameter a value: --set country=Russia makes $country \"Russia\".", valueName: "name=value"))
    var parameters: [String] = []

    func validate() throws {
        if let format, OutputFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("unknown format '\(format)': use table, line, json, csv, markdown or chart")
        }
        if let export, export.lowercased() != "sql" {
            throw ValidationError("unknown export form '\(export)': use sql")
        }
        if let dialect, SQLDialect(name: dialect) == nil {
            throw ValidationError("unknown SQL engine '\(dialect)': use sqlite or postgres")
        }
        if dialect != nil, export == nil {
            throw ValidationError("--dialect goes with --export sql")
        }
        for p in parameters where !p.contains("=") || p.hasPrefix("=") {
            throw ValidationError("--set takes name=value, found '\(p)'")
        }
        _ = try dataSettings()
    }

    /// Files given like scripts that are data files (by extension): `cstoq items.csv` is `cstoq --data items.csv`.
    static let dataExtensions = Set(DataFileKind.extensions)

    static func isDataFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return dataExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    var dataPaths: [String] { data + files.filter(CSTOQCommand.isDataFile) }
    var scriptPaths: [String] { files.filter { !CSTOQCommand.isDataFile($0) } }

    func dataSettings() throws -> DataFileSettings {
        var settings = DataFileSettings()
        for k in kinds {
            switch DataFileSettings.kind(k) {
            case let .success(v): settings.kinds.append(v)
            case let .failure(p): throw ValidationError(p.text)
            }
        }
        for r in references {
            switch DataFileSettings.reference(r) {
            case let .success(v): settings.references.append(v)
            case let .failure(p): throw ValidationError(p.text)
            }
        }
        settings.inPlace = inPlace
        if !settings.kinds.isEmpty || !settings.references.isEmpty || inPlace, dataPaths.isEmpty {
            throw ValidationError("--kind, --ref and --in-place are about data files: give the files with --data")
        }
        return settings
    }

    func run() throws {
        let dataset: Dataset
        let datasetName: String
        var loadSummary: [String] = []
        var checkSummary: [String] = []
        // --check names a dataset in cstoq's format (and the built-in one) by its title.
        var titled = true
        let paths = dataPaths
        let settings = try dataSettings()
        // A live database: the session is made on the built-in data, then attached to it.
        let probe = Session(dataset: Dataset(title: "", article: nil, collections: []), datasetName: "", output: { _ in }, errors: { _ in })
        let liveTarget = paths.isEmpty ? nil : probe.liveTarget(paths, settings: settings)
        if liveTarget != nil {
            dataset = Dataset(title: "", article: nil, collections: [])
            datasetName = ""
        } else if !paths.isEmpty {
            do {
                let loaded = try DataFiles.load(paths, settings: settings)
                dataset = loaded.dataset
                loadSummary = loaded.summary
                checkSummary = loaded.fileSummary
                titled = loaded.fileSummary.count != loaded.summary.count
            } catch {
                StandardStreams.error(error.shown)
                throw ExitCode(1)
            }
            datasetName = paths.joined(separator: ", ")
        } else {
            dataset = BuiltinDataset.load()
            datasetName = BuiltinDataset.name
        }
        if check, liveTarget == nil {
            if titled {
                StandardStreams.out(Printable.escapeControls("\(datasetName): \(dataset.title)"))
            }
            for line in checkSummary { StandardStreams.out(line) }
            for line in Describer(dataset: dataset).checkLines() { StandardStreams.out(line) }
            return
        }
        if export != nil, liveTarget != nil {
            StandardStreams.error("cstoq: error: --export writes data loaded in memory, and \(Printable.escapeControls(ConnectionText.redacted(paths[0]))) is queried where it is\n  help: the database has its data already: use its own dump tool (pg_dump, sqlite3 .dump)")
            throw ExitCode(1)
        }
        if export != nil {
            StandardStreams.out(SQLExporter(dataset: dataset).script(for: dialect.flatMap(SQLDialect.init(name:)) ?? .sqlite))
            return
        }
        let terminal = StandardStreams.isTerminal
        let color = terminal.stdout && !noColor && (StandardStreams.environment("NO_COLOR") ?? "").isEmpty
        let options = RenderOptions(format: OutputFormat(rawValue: (format ?? "table").lowercased()) ?? .table,
                                    width: StandardStreams.terminalWidth, color: color)
        let session = Session(dataset: dataset, datasetName: datasetName, options: options,
                              output: StandardStreams.out, errors: StandardStreams.error)
        // The session (and the dataset it holds) lives until the process ends:
        // freeing a million strings one by one on the way out would cost more
        // than the query (about 30 ms for a 1,000,000-row CSV), and the system
        // takes the memory back at once.
        _ = Unmanaged.passRetained(session)
        session.keepGoing = keepGoing
        session.echo = echo
        session.dataFiles = paths
        session.dataSettings = settings
        session.connector = { (conninfo: String) throws(Diagnostic) -> any LiveDatabase in try PostgresDatabase(conninfo: conninfo) }
        if let liveTarget {
            // The summary goes above the first prompt, and with --check; not into a -e or script run's output.
            let interactive = queries.isEmpty && scriptPaths.isEmpty && terminal.stdin && terminal.stdout
            guard session.loadLive(liveTarget, paths: paths, settings: settings, quiet: !(interactive || check)) else { throw ExitCode(1) }
            if check { return }
        }
        for p in parameters {
            let parts = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].hasPrefix("$") ? String(parts[0].dropFirst()) : String(parts[0])
            session.parameters[name] = parts.count > 1 ? String(parts[1]) : ""
            session.fixedParameters.insert(name)
        }

        var ok = true
        let files = scriptPaths
        if !queries.isEmpty || !files.isEmpty {
            for q in queries where !session.quitRequested {
                ok = session.run(SourceText(name: "<input>", text: q)) && ok
                if !ok && !keepGoing { break }
            }
            if ok || keepGoing {
                for file in files where !session.quitRequested {
                    ok = session.runScript(path: file) && ok
                    if !ok && !keepGoing { break }
                }
            }
        } else if terminal.stdin && terminal.stdout {
            // What the data files brought, before the first prompt.
            for line in LoadedData.fitted(loadSummary, width: StandardStreams.terminalWidth) { StandardStreams.out(line) }
            // A failed statement in an interactive session was shown and
            // dealt with there: leaving the session is a success.
            if let signal = runInteractively(session) {
                // Said once, on the now restored terminal; the shell sees 128 + the signal.
                let names: [Int32: String] = [SIGQUIT: "SIGQUIT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGUSR1: "SIGUSR1",
                                              SIGUSR2: "SIGUSR2", SIGALRM: "SIGALRM"]
                StandardStreams.error("cstoq: ended by \(names[signal] ?? "signal \(signal)")")
                throw ExitCode(128 + signal)
            }
            return
        } else {
            ok = session.run(SourceText(name: "<stdin>", bytes: StandardStreams.readAllInput()))
        }
        if !ok || session.failures > 0 { throw ExitCode(1) }
    }

    /// The REPL, ended: nil, or the signal that ended it. The REPL (and its line
    /// editor, which gives the terminal back) is gone when this returns.
    func runInteractively(_ session: Session) -> Int32? {
        let repl = REPL(session: session)
        _ = repl.run()
        return repl.terminatingSignal
    }

    /// Parses the command line itself so that bad usage exits with 2, as the
    /// shells and sqlite3 do (ArgumentParser's own default is 64).
    static func main() {
        // A parent may start us with SIGINT blocked (test runners do): Ctrl-C
        // or `kill -INT` must still end a batch run (status 130) at once.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                StandardStreams.out(fullMessage(for: error))
                Glibc.exit(0)
            }
            if error is ExitCode {
                Glibc.exit(code.rawValue)
            }
            // ArgumentParser's messages quote what was typed (an unknown
            // option, a bad --format value): shown escaped, line by line.
            StandardStreams.error(Printable.escapeControlsKeepingLineBreaks(fullMessage(for: error)))
            Glibc.exit(code == ExitCode.validationFailure ? 2 : code.rawValue)
        }
    }
}
