// What both fuzz targets share. They are built with swiftc straight from the
// library's sources plus these files (Tests/Fuzz/run.sh), as one module, so
// the harness may call internal API (Session.execute) like the tests do with
// @testable import.
//
// The harness is an oracle as well as a driver: besides "no crash, no hang",
// it checks properties that must hold for every input (token ranges tile the
// input, printing a parsed statement and parsing it again gives the same tree,
// the completeness check agrees with the parser, text comparison is
// symmetric, the evaluator's column scans keep the rows its row-by-row test
// keeps, tables hold no control character, JSON output is JSON), and stops
// with a message when one does not.

#if canImport(Glibc)
import Glibc
#endif

enum FuzzHarness {
    static let builtin = BuiltinDataset.load()

    /// Tests/Fuzz/Corpus/dataset/tricky.json: reference cycles, nulls,
    /// control characters, extreme numbers, nested lists.
    static let tricky: Dataset = {
        // Relative to the package root, where run.sh starts the targets.
        do throws(DatasetLoader.LoadError) {
            return try DatasetLoader.load(path: "Tests/Fuzz/Corpus/dataset/tricky.json")
        } catch {
            fatalError("the fuzz harness needs its dataset: \(error.description)")
        }
    }()

    static let formats: [RenderOptions] = [
        RenderOptions(format: .table), RenderOptions(format: .table, width: 24, color: true),
        RenderOptions(format: .json), RenderOptions(format: .csv), RenderOptions(format: .markdown),
        RenderOptions(format: .chart), RenderOptions(format: .chart, width: 12, color: true),
    ]

    /// Dot-commands that touch the file system are parsed but not run.
    static let fileCommands: Set<String> = ["run", "load", "save"]

    // MARK: The query target

    /// Bytes through the lexer, the completeness check, the parser, the
    /// printer, the checker, the evaluator and every renderer, on two datasets.
    static func query(_ bytes: [UInt8]) {
        checkTokens(bytes)
        let completeness = Completeness.check(bytes)
        let source = SourceText(name: "<fuzz>", bytes: bytes)
        let formatter = DiagnosticFormatter()
        var parser = Parser(bytes)
        var statements: [Parser.Parsed] = []
        var failed = false
        var steps = 0
        while let result = parser.nextStatement() {
            steps += 1
            check(steps <= bytes.count + 1, "the parser made no progress", bytes)
            switch result {
            case let .success(parsed):
                checkRoundTrip(parsed.statement, bytes)
                statements.append(parsed)
            case let .failure(d):
                failed = true
                if let r = d.range { check(r.start >= 0 && r.start <= bytes.count, "a diagnostic outside the input: \(r)", bytes) }
                _ = formatter.render(d, in: source)
                _ = DiagnosticFormatter(color: true).render(d, in: source)
            }
        }
        // The completeness check agrees with the parser: what parses is complete.
        if !failed { check(completeness == .complete, "parses, but the completeness check says \(completeness)", bytes) }
        for dataset in [builtin, tricky] {
            let session = makeSession(dataset)
            for parsed in statements where !session.quitRequested {
                if case let .dotCommand(name, _, _) = parsed.statement,
                   case let .found(command) = DotCommand.lookup(name), fileCommands.contains(command.name) { continue }
                session.lastResult = nil
                _ = session.execute(parsed.statement, source: source, range: parsed.range, folder: nil)
                if let result = session.lastResult { renderEverywhere(result, dataset) }
                if case let .query(q) = parsed.statement { checkFilter(q, session) }
            }
            let completer = Completer(dataset: dataset, folder: "/nonexistent-cstoq-fuzz")
            _ = completer.complete(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Tokens tile the input in order, none empty but the last, which ends it.
    static func checkTokens(_ bytes: [UInt8]) {
        let lexer = Lexer(bytes)
        let tokens = lexer.tokenize()
        check(tokens.last?.kind == .endOfInput, "no end-of-input token", bytes)
        var end = 0
        var texts: [String] = []
        for (i, t) in tokens.enumerated() {
            check(t.range.start >= end && t.range.end <= bytes.count, "token \(i) at \(t.range) overlaps or leaves the input", bytes)
            check(t.kind == .endOfInput || t.range.length > 0, "empty token \(t.kind) at \(t.range)", bytes)
            end = t.range.end
            if t.kind == .string || t.kind == .unterminatedString, case let .success(s) = lexer.stringValue(t) {
                texts.append(s)
            } else if t.kind == .word {
                texts.append(lexer.text(t))
            }
        }
        checkComparisons(texts.prefix(12).map(Value.text), bytes)
    }

    /// Equality is symmetric and ordering antisymmetric, for every pair.
    static func checkComparisons(_ values: [Value], _ bytes: [UInt8]) {
        for a in values {
            for b in values {
                check(ValueComparison.equals(a, b) == ValueComparison.equals(b, a), "equals(\(a), \(b)) is not symmetric", bytes)
                let ab = ValueComparison.order(a, b), ba = ValueComparison.order(b, a)
                check(ab.map { -$0 } == ba, "order(\(a), \(b)) = \(String(describing: ab)) but order(\(b), \(a)) = \(String(describing: ba))", bytes)
                check(ValueComparison.sortOrder(a, b) == -ValueComparison.sortOrder(b, a), "sortOrder(\(a), \(b)) is not antisymmetric", bytes)
                if ValueComparison.equals(a, b) == true { check(ab == 0, "\(a) equals \(b) but does not sort with it", bytes) }
            }
        }
    }

    /// parse(print(statement)) gives the same tree, ranges aside.
    static func checkRoundTrip(_ statement: Statement, _ bytes: [UInt8]) {
        let printer = ASTPrinter()
        let printed = printer.statement(statement)
        switch Parser.parseAll(printed) {
        case let .success(again):
            check(again.count == 1, "printed as \(again.count) statements: \(printed)", bytes)
            check(printer.tree(again[0]) == printer.tree(statement),
                  "the printed statement parses to another tree:\n\(printed)\n\(printer.tree(statement))\n\(printer.tree(again[0]))", bytes)
        case let .failure(d):
            check(false, "the printed statement does not parse: \(printed)\n\(d.text)", bytes)
        }
    }

    /// The evaluator's column scans keep the rows that the row-by-row test keeps.
    static func checkFilter(_ q: Query, _ session: Session) {
        guard let checked = try? session.checker.check(q), let condition = checked.condition else { return }
        let evaluator = Evaluator(dataset: session.dataset)
        guard let fast = try? evaluator.filter(checked) else { return }
        let count = session.dataset.collections[checked.collection].count
        let slow = (0..<count).filter { evaluator.holds(condition, row: $0, collection: checked.collection) == true }
        check(fast == slow, "the column scan keeps rows \(fast.prefix(20)), the row test \(slow.prefix(20)): \(ASTPrinter().query(q))", [])
    }

    static func makeSession(_ dataset: Dataset) -> Session {
        let session = Session(dataset: dataset, datasetName: "fuzz", options: RenderOptions(format: .table, width: 60),
                              output: { _ in }, errors: { _ in })
        session.keepGoing = true
        session.parameters = ["country": "Russia", "n": "3", "d": "2026-01-01", "b": "true", "x": "1.5", "t": "\u{1B}[2J"]
        return session
    }

    static func renderEverywhere(_ result: ResultSet, _ dataset: Dataset) {
        for options in formats { _ = Renderer.render(result, options) }
        // The JSON output is JSON: the loader's own reader takes it whole.
        let json = Array(JSONRenderer().render(result).utf8)
        json.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONReader.Failure) {
                try reader.skipValue()
                try reader.expectEnd()
            } catch {
                check(false, "the JSON output is not JSON (\(error.message.text)): \(String(decoding: json.prefix(300), as: UTF8.self))", [])
            }
        }
        _ = Provenance(dataset: dataset).sentences(for: result)
        // What is shown on a terminal carries no control character.
        let table = TableRenderer(options: RenderOptions()).render(result)
        check(!table.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) },
              "a control character in a table", [])
    }

    // MARK: The dataset target

    /// Bytes as a dataset file: it loads whole or fails with a message; a
    /// loaded dataset answers the queries every dataset can be asked.
    static func dataset(_ bytes: [UInt8]) {
        let dataset: Dataset
        do throws(DatasetLoader.LoadError) {
            dataset = try DatasetLoader.load(bytes: bytes, name: "<fuzz>.json")
        } catch {
            _ = error.description
            return
        }
        let describer = Describer(dataset: dataset)
        _ = describer.summary()
        _ = describer.checkLines()
        _ = describer.collections()
        var queries: [String] = []
        for (i, c) in dataset.collections.enumerated() {
            _ = Renderer.render(describer.describe(i), RenderOptions())
            check(c.columns.count == c.fields.count, "\(c.name): \(c.columns.count) columns for \(c.fields.count) fields", bytes)
            for column in c.columns { check(column.count == c.count, "\(c.name): a column of \(column.count) rows for \(c.count) records", bytes) }
            queries += [c.name, "count \(c.name)", "explain trace \(c.name) limit 2"]
            for f in c.fields {
                let p = f.name
                queries.append("\(c.name) select \(p) order by \(p) desc limit 5")
                queries.append("\(c.name) group by \(p)")
                queries.append("\(c.name) where \(p) is not null select count(\(p)), min(\(p)), max(\(p))")
                if case let .reference(target) = f.type.elementType, let t = dataset.collection(named: target) {
                    for g in t.fields { queries.append("\(c.name) select \(p).\(g.name), \(p).\(p) order by \(p).\(g.name)") }
                }
                switch f.type.elementType {
                case .integer, .decimal: queries.append("\(c.name) group by id select sum(\(p)), avg(\(p))")
                case .text: queries.append("\(c.name) where \(p) like \"*a*\" or \(p) contains \"e\" or \(p) = x")
                case .boolean: queries.append("\(c.name) where \(p) or not \(p)")
                default: break
                }
            }
        }
        // At most 80 of them, spread over every collection and field: a big
        // dataset would otherwise spend the run on queries, not on loading.
        let session = makeSession(dataset)
        let step = max(1, queries.count / 80)
        for q in stride(from: 0, to: queries.count, by: step).map({ queries[$0] }) {
            session.lastResult = nil
            _ = session.run(SourceText(name: "<query>", text: q))
            if let result = session.lastResult { renderEverywhere(result, dataset) }
            if case let .success(statements) = Parser.parseAll(q), case let .query(query)? = statements.first { checkFilter(query, session) }
        }
    }

    // MARK: Failing

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, _ bytes: [UInt8]) {
        guard !condition() else { return }
        let shown = String(decoding: bytes.prefix(400), as: UTF8.self)
        let text = Array("fuzz property failed: \(message())\ninput: \(Printable.escapeControls(shown))\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
}
