import TextWidth
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
            return load(path: Session.resolve(Session.unquote(argument), from: folder))
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
            show(lastResult, full: true)
            return true
        case "save":
            guard !argument.isEmpty else { return usage() }
            return save(to: Session.resolve(Session.unquote(argument), from: folder))
        case "export":
            return export(argument, folder: folder) ?? usage()
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
        do {
            dataset = try DatasetLoader.load(path: path, isCancelled: isCancelled)
            datasetName = path
            lastResult = nil
            write("loaded \(Printable.escapeControls(path)): " + Describer(dataset: dataset).summary())
            return true
        } catch {
            writeError(error.shown + "\n(the dataset \(Printable.escapeControls(datasetName)) is still loaded)")
            return false
        }
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
