import TextWidth
#if canImport(Glibc)
import Glibc
#endif
/// The dot-commands a session runs by itself; the interactive ones go to the host.
extension Session {
    func runDotCommand(_ name: String, argument: String, source: SourceText, range: SourceRange, folder: String?) -> Bool {
        let command: DotCommand
        switch DotCommand.lookup(name) {
        case let .found(c): command = c
        case let .ambiguous(options):
            report(Diagnostic(.ambiguousDotCommand(name, options), at: range, help: Hint.typeMoreOfTheName.text), in: source)
            return false
        case let .unknown(suggestion):
            report(Diagnostic(.unknownDotCommand(name), at: range,
                              help: (suggestion.map(Hint.didYouMeanCommand) ?? .listCommands).text), in: source)
            return false
        case let .foreign(form):
            report(Diagnostic(.unknownDotCommand(name), at: range, help: "cstoq's form: " + form), in: source)
            return false
        }
        func usage() -> Bool {
            report(Diagnostic(.dotCommandUsage(command.usage), at: range), in: source)
            return false
        }
        let words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch command.name {
        case "help":
            switch Help.text(for: argument, color: options.color) {
            case let .success(text): write(text); return true
            case let .failure(d): report(d, in: nil); return false
            }
        case "collections":
            show(Describer(dataset: dataset).collections())
            if let note = dataset.note { write("note: " + Printable.escapeControls(note)) }
            return true
        case "describe":
            guard words.count == 1 else { return usage() }
            return execute(.describe(Name(words[0], range)), source: source, range: range, folder: folder)
        case "format":
            guard words.count == 1, let f = OutputFormat(rawValue: ValueComparison.fold(words[0])) else {
                if words.isEmpty { write("format: \(options.format.rawValue)"); return true }
                return usage()
            }
            options.format = f
            return true
        case "pager":
            if words.isEmpty { write("pager: \(pager ? "on" : "off")"); return true }
            guard words.count == 1, ["on", "off"].contains(ValueComparison.fold(words[0])) else { return usage() }
            pager = ValueComparison.fold(words[0]) == "on"
            return true
        case "timeout":
            if words.isEmpty { write("timeout: \(Message.seconds(timeout))"); return true }
            guard words.count == 1, let seconds = Double(words[0].hasSuffix("s") ? String(words[0].dropLast()) : words[0]),
                  seconds > 0, seconds <= 86_400 else { return usage() }
            timeout = .milliseconds(Int64((seconds * 1000).rounded()))
            return true
        case "timer":
            if words.isEmpty { write("timer: \(timer ? "on" : "off")"); return true }
            guard words.count == 1, ["on", "off"].contains(ValueComparison.fold(words[0])) else { return usage() }
            timer = ValueComparison.fold(words[0]) == "on"
            return true
        case "run":
            guard !argument.isEmpty else { return usage() }
            return runScript(path: Session.resolve(Session.unquote(argument), from: folder))
        case "load":
            guard !argument.isEmpty else { return usage() }
            switch Session.loadArguments(argument, resolve: { Session.resolve($0, from: folder) }) {
            case let .failure(problem):
                report(Diagnostic(.dotCommandUsage(command.usage), at: range, help: problem.text), in: source)
                return false
            case let .success((paths, settings)):
                if paths.isEmpty {
                    // `.load --ref …` alone: the files loaded now, again, with the settings added.
                    guard !dataFiles.isEmpty else {
                        report(Diagnostic(.dotCommandUsage(command.usage), at: range,
                                          help: "name the files to load: the dataset loaded now is not from data files"), in: source)
                        return false
                    }
                    var merged = dataSettings
                    merged.kinds.removeAll { k in settings.kinds.contains { $0.collection == k.collection && $0.field == k.field } }
                    merged.references.removeAll { r in settings.references.contains { $0.collection == r.collection && $0.field == r.field } }
                    merged.kinds += settings.kinds
                    merged.references += settings.references
                    return load(paths: dataFiles, settings: merged)
                }
                return load(paths: paths.map { Session.resolve($0, from: folder) }, settings: settings)
            }
        case "set":
            if words.isEmpty {
                write(parameters.keys.sorted().map { Printable.escapeControls("$\($0) = \(parameters[$0]!)") }.joined(separator: "\n"))
                return true
            }
            let name = words[0].hasPrefix("$") ? String(words[0].dropFirst()) : words[0]
            if words.count == 1 {
                // `.set NAME` alone clears it (a value from --set stays, as it does for `.set NAME VALUE`).
                if !fixedParameters.contains(name) { parameters[name] = nil }
                return true
            }
            let value = argument.dropFirst(words[0].utf8.count).trimmingBlanks()
            if !fixedParameters.contains(name) { parameters[name] = Session.unquote(value) }
            return true
        case "last":
            guard let lastResult else { reportPlain(Diagnostic(.noLastResult)); return false }
            if lastResult.isPartial, let live, let q = lastLiveQuery { return rerunLive(q, on: live) }
            show(lastResult, full: true)
            return true
        case "save":
            guard !argument.isEmpty else { return usage() }
            return save(to: Session.resolve(Session.unquote(argument), from: folder))
        case "export":
            return export(argument, folder: folder) ?? usage()
        case "source" where live != nil, "whynot" where live != nil, "export" where live != nil:
            report(Diagnostic(.liveNotHere(what: "." + command.name), at: range,
                              help: command.name == "export" ? "the database has the data already: use its own dump tool (pg_dump, sqlite3 .dump)" : "the rows come from the database, which keeps no sentences: describe shows where each collection is"), in: source)
            return false
        case "source":
            guard let lastResult else { reportPlain(Diagnostic(.noLastResult)); return false }
            write(Provenance(dataset: dataset).sentences(for: lastResult))
            return true
        case "whynot":
            return whyNot(argument, range: range, source: source)
        case "quit":
            requestQuit()
            return true
        default:
            guard let host else {
                report(Diagnostic(.interactiveOnly(command.name), at: range), in: source)
                return false
            }
            return host.run(command, argument: argument, in: self)
        }
    }

    /// Loads a dataset; on any error the current one stays and the error says why.
    public func load(path: String) -> Bool {
        load(paths: [path], settings: DataFileSettings())
    }

    /// Loads data files side by side (see `DataFiles`) and shows the load
    /// summary; on any error the current dataset stays and the error says why.
    public func load(paths: [String], settings: DataFileSettings) -> Bool {
        if let target = liveTarget(paths, settings: settings) {
            return loadLive(target, paths: paths, settings: settings)
        }
        do {
            let loaded = try DataFiles.load(paths, settings: settings, isCancelled: isCancelled)
            dataset = loaded.dataset
            live = nil
            datasetName = paths.joined(separator: ", ")
            dataFiles = paths
            dataSettings = settings
            lastResult = nil
            write(LoadedData.fitted(loaded.summary, width: options.width).joined(separator: "\n"))
            return true
        } catch {
            writeError(error.shown + "\n(the dataset \(Printable.escapeControls(datasetName)) is still loaded)")
            return false
        }
    }

    /// `.load`'s words: files, and `--kind C.F=KIND` / `--ref C.F=TARGET`
    /// settings (also written `--kind=…`). A file name with blanks is quoted;
    /// an unquoted argument without settings that names one file is that file.
    static func loadArguments(_ argument: String, resolve: (String) -> String = { $0 }) -> Result<([String], DataFileSettings), DataFileSettings.Problem> {
        // Without options and quotes, the argument is one file (as a file name with blanks
        // is written), unless it is several files that each exist.
        let whole = Session.unquote(Substring(argument).trimmingBlanks())
        if !argument.contains("--"), !argument.contains("\""), !argument.contains("'") {
            let words = whole.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if access(resolve(whole), F_OK) != 0, words.count > 1, words.allSatisfy({ access(resolve($0), F_OK) == 0 }) {
                return .success((words, DataFileSettings()))
            }
            return .success(([whole], DataFileSettings()))
        }
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for ch in argument {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        var paths: [String] = []
        var settings = DataFileSettings()
        var i = 0
        while i < words.count {
            let w = words[i]
            i += 1
            if w == "--in-place" {
                settings.inPlace = true
                continue
            }
            for option in ["--kind", "--ref"] where w == option || w.hasPrefix(option + "=") {
                var value = String(w.dropFirst(option.count + 1))
                if w == option {
                    guard i < words.count else { return .failure(.init(text: "\(option) needs a value, as in \(option == "--kind" ? "--kind items.zip=text" : "--ref items.city=cities")")) }
                    value = words[i]
                    i += 1
                }
                if option == "--kind" {
                    switch DataFileSettings.kind(value) {
                    case let .success(k): settings.kinds.append(k)
                    case let .failure(p): return .failure(p)
                    }
                } else {
                    switch DataFileSettings.reference(value) {
                    case let .success(r): settings.references.append(r)
                    case let .failure(p): return .failure(p)
                    }
                }
            }
            if w == "--kind" || w == "--ref" || w.hasPrefix("--kind=") || w.hasPrefix("--ref=") { continue }
            if w.hasPrefix("--") { return .failure(.init(text: "unknown option '\(w)': .load takes files, --kind C.F=KIND and --ref C.F=COLLECTION")) }
            paths.append(w)
        }
        return .success((paths, settings))
    }

    /// `.export sql [sqlite|postgres] FILE`: the dataset as a SQL script, written atomically.
    /// nil when the argument is not of that form.
    func export(_ argument: String, folder: String?) -> Bool? {
        var words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, ValueComparison.fold(words[0]) == "sql" else { return nil }
        words.removeFirst()
        var dialect = SQLDialect.sqlite
        if words.count >= 2, let d = SQLDialect(name: words[0]) {
            dialect = d
            words.removeFirst()
        }
        let path = Session.resolve(Session.unquote(words.joined(separator: " ")), from: folder)
        do {
            try FileWriter.writeAtomically(SQLExporter(dataset: dataset).script(for: dialect), to: path)
            write("exported \(dataset.collections.count) collections, \(dataset.recordCount) records to \(Printable.escapeControls(path)) (SQL for \(dialect.rawValue))")
            return true
        } catch {
            reportPlain(error)
            return false
        }
    }

    /// Writes the last result in the current format, atomically: a temporary
    /// file, then a rename, so a failed save leaves nothing half-written.
    func save(to path: String) -> Bool {
        guard let lastResult else { reportPlain(Diagnostic(.noLastResult)); return false }
        var o = options
        o.width = nil
        o.height = nil
        o.color = false
        // The file's extension names the format (`.save out.csv`), else the session's.
        let ext = path.split(separator: "/").last.flatMap { name in name.contains(".") ? name.split(separator: ".").last : nil }
        if let ext, let f = OutputFormat.forExtension(ValueComparison.fold(String(ext))) { o.format = f }
        if lastResult.isPartial, let live, let q = lastLiveQuery { return saveLive(q, on: live, to: path, options: o) }
        if o.format == .chart, !ChartRenderer.canDraw(lastResult) { o.format = .table }
        let text = Renderer.render(lastResult, o)
        do {
            try FileWriter.writeAtomically(text.utf8.last == 0x0A ? text : text + "\n", to: path)
            write("saved \(lastResult.count) \(lastResult.count == 1 ? "row" : "rows") to \(Printable.escapeControls(path)) (\(o.format.rawValue))")
            return true
        } catch {
            reportPlain(error)
            return false
        }
    }

    func whyNot(_ argument: String, range: SourceRange, source: SourceText) -> Bool {
        let (record, queryText) = DotCommand.splitFirstArgument(argument)
        guard !record.isEmpty, !queryText.isEmpty else { reportPlain(Diagnostic(.whyNotNeedsQuery)); return false }
        // `.whynot Vladimir Putin people where …`: the query starts at the first word that is a collection.
        if !argument.hasPrefix("\""), !argument.hasPrefix("'") {
            let words = queryText.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(5).map(String.init)
            if let first = words.first, dataset.collectionIndex(named: first) == nil,
               let k = words.indices.dropFirst().first(where: { dataset.collectionIndex(named: words[$0]) != nil }) {
                let name = ([record] + words[..<k]).joined(separator: " ")
                let rest = words[k...].joined(separator: " ")
                reportPlain(Diagnostic(.whyNotNameUnquoted(name), help: ".whynot \"\(name)\" \(rest) …"))
                return false
            }
        }
        let querySource = SourceText(name: "<whynot>", text: queryText)
        guard case let .success(statements) = Parser.parseAll(queryText), statements.count == 1,
              case let .query(q) = statements[0] else {
            if case let .failure(d) = Parser.parseAll(queryText) { report(d, in: querySource) } else { reportPlain(Diagnostic(.whyNotNeedsQuery)) }
            return false
        }
        switch WhyNot(dataset: dataset, checker: checker).explain(record: record, query: q) {
        case let .success(text): write(text); return true
        case let .failure(d): report(d, in: querySource); return false
        }
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }
}
