import Foundation
import Testing
@testable import CSTOQ

/// Every input gets a result or a clear diagnostic, never a crash or a hang:
/// the limits of README.md (Robustness) and the faults around files.
///
/// Sizes are small in the ordinary run; `CSTOQ_FULL_LIMITS=1 swift test
/// --filter Robustness` runs them at the sizes the README names (10 MB line,
/// 100 MB script, 100,000 terms, …).
@Suite struct RobustnessTests {
    static let full = ProcessInfo.processInfo.environment["CSTOQ_FULL_LIMITS"] == "1"
    static func size(_ small: Int, full large: Int) -> Int { full ? large : small }

    /// Tests/Fuzz/Corpus/dataset/tricky.json: reference cycles, control characters, extreme numbers.
    static let tricky: Dataset = {
        let path = TestSupport.file("Tests/Fuzz/Corpus/dataset/tricky.json").path
        do throws(DatasetLoader.LoadError) {
            return try DatasetLoader.load(path: path)
        } catch {
            fatalError(error.description)
        }
    }()

    /// The first diagnostic of a text, or nil when every statement parses.
    func firstError(_ text: String) -> Diagnostic? { firstError(Array(text.utf8)) }

    func firstError(_ bytes: [UInt8]) -> Diagnostic? {
        var parser = Parser(bytes)
        while let r = parser.nextStatement() {
            if case let .failure(d) = r { return d }
        }
        return nil
    }

    /// Parses, checks and runs one query; the diagnostic of the first step that fails.
    func run(_ text: String, on dataset: Dataset = TestSupport.dataset) -> Result<ResultSet, Diagnostic> {
        switch Parser.parseAll(text) {
        case let .failure(d): return .failure(d)
        case let .success(statements):
            guard statements.count == 1, case let .query(q) = statements[0] else { return .failure(Diagnostic(.whyNotNeedsQuery)) }
            return Result { () throws(Diagnostic) in try Evaluator(dataset: dataset).run(try Checker(dataset: dataset).check(q)) }
        }
    }

    // MARK: Nesting

    @Test func thousandsOfParenthesesAreAnError() {
        let n = Self.size(5_000, full: 100_000)
        let text = "members where " + String(repeating: "(", count: n) + "attended" + String(repeating: ")", count: n)
        let d = firstError(text)
        #expect(d?.message == .nestingTooDeep(limit: Parser.maximumDepth))
        // Unclosed, they are an error too (not "type more"): the depth is already past the limit.
        let open = "members where " + String(repeating: "(", count: n)
        #expect(firstError(open)?.message == .nestingTooDeep(limit: Parser.maximumDepth))
        #expect(Completeness.check(open) == .complete)
    }

    @Test func aLongChainOfNotIsAnError() {
        let n = Self.size(5_000, full: 100_000)
        let text = "members where " + String(repeating: "not ", count: n) + "attended"
        #expect(firstError(text)?.message == .nestingTooDeep(limit: Parser.maximumDepth))
        let mixed = "members where " + String(repeating: "not (", count: n) + "attended" + String(repeating: ")", count: n)
        #expect(firstError(mixed)?.message == .nestingTooDeep(limit: Parser.maximumDepth))
    }

    @Test func nestingUpToTheLimitRuns() throws {
        // Each `not` and `(` is a level, and so is the comparison: 199 around one comparison.
        let levels = Parser.maximumDepth - 1
        let parens = "members where " + String(repeating: "(", count: levels) + "attended = true" + String(repeating: ")", count: levels)
        #expect(try run(parens).get().rows.count == 5)
        let nots = "members where " + String(repeating: "not not ", count: levels / 2) + "not attended = true"
        #expect(try run(nots).get().rows.count == 1)
        let tooDeep = "members where " + String(repeating: "(", count: levels + 1) + "attended" + String(repeating: ")", count: levels + 1)
        #expect(firstError(tooDeep)?.message == .nestingTooDeep(limit: Parser.maximumDepth))
    }

    // MARK: Size

    @Test func aTenMegabyteLineRuns() throws {
        let n = Self.size(1 << 20, full: 10 << 20)
        let value = String(repeating: "a", count: n)
        let (out, err, ok) = TestSupport.session("members where name = \"\(value)\" select name")
        #expect(ok)
        #expect(out.hasSuffix("(0 rows)"))
        // The advice names the value by its start, not by megabytes of it.
        #expect(err.hasPrefix("0 rows — no member has name 'aaaa"))
        #expect(err.utf8.count < 200)
    }

    @Test func aTenMegabyteLineOfNonsenseIsOneShortError() {
        let n = Self.size(1 << 20, full: 10 << 20)
        let (out, err, ok) = TestSupport.session("members where name = " + String(repeating: "@", count: n) + "\ncount members")
        #expect(!ok)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("<input>:1:22: error: unexpected character '@'"))
        // The line is shown as a window around the caret.
        #expect(err.utf8.count < 1_000)
        #expect(err.contains("1 | members where name = @@@"))
        #expect(err.contains("@…\n"))
        #expect(err.contains("  |                      ^\n") || err.hasSuffix("  |                      ^"))
    }

    @Test func aCaretFarIntoALongLineIsShownWithItsContext() {
        let line = "members where " + String(repeating: "x = 1 and ", count: 500) + "wher = 1"
        let d = Diagnostic(.unknownKeyword("wher"), at: SourceRange(line.utf8.count - 8, line.utf8.count - 4))
        let shown = DiagnosticFormatter().render(d, in: SourceText(name: "<input>", text: line))
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "<input>:1:5015: error: unknown keyword 'wher'")
        #expect(lines[2].hasPrefix("1 | …"))
        #expect(lines[2].hasSuffix("wher = 1"))
        // The caret sits under `wher` in the window.
        let caret = lines[3]
        let column = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        let text = lines[2]
        #expect(text.dropFirst(column).hasPrefix("wher = 1"))
        #expect(caret.hasSuffix("^^^^"))
    }

    @Test func aScriptOverTheSizeLimitIsAnErrorBeforeAnythingRuns() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("big.cstoq").path
        // A statement that would print, then a long comment: nothing may print.
        let size = Self.size(Session.maximumSourceSize + 1, full: 100 << 20)
        var script = Array("count members\n-- ".utf8)
        script += [UInt8](repeating: UInt8(ascii: "x"), count: size - script.count)
        try Data(script).write(to: URL(fileURLWithPath: path))
        let (out, err, ok) = TestSupport.session(".run \(path)")
        #expect(!ok)
        #expect(out.isEmpty)
        #expect(err.contains("error: '\(path)' is larger than the 16 MB limit"))
        // The same text given directly (stdin, -e) is refused the same way.
        let direct = TestSupport.session(String(decoding: script, as: UTF8.self))
        #expect(!direct.ok && direct.out.isEmpty)
        #expect(direct.err == "error: '<input>' is larger than the 16 MB limit\nhelp: split it into smaller scripts and run them one after another")
    }

    @Test func aLongScriptUnderTheLimitRuns() throws {
        // Mostly comments and blank statements, so the test times the reading, not the tables.
        let size = Self.size(2 << 20, full: 15 << 20)
        var script = ""
        script.reserveCapacity(size + 100)
        let block = "-- " + String(repeating: "c", count: 1_000) + "\n;;\n"
        while script.utf8.count < size { script += block }
        script += "count members\n"
        let (out, err, ok) = TestSupport.session(script)
        #expect(ok)
        #expect(err.isEmpty)
        #expect(out.contains("│     6 │"))
    }

    @Test func aHundredThousandOrTermsRun() throws {
        let n = Self.size(20_000, full: 100_000)
        let text = "members where " + (0..<n).map { "name = x\($0)" }.joined(separator: " or ") + " or name = Russia select name"
        let r = try run(text).get()
        #expect(r.rows == [[.text("Russia")]])
        let and = "members where " + (0..<n).map { _ in "attended = true" }.joined(separator: " and ") + " select name"
        #expect(try run(and).get().rows.count == 5)
    }

    @Test func anInListOfAHundredThousandValuesRuns() throws {
        let n = Self.size(20_000, full: 100_000)
        let text = "members where name in (" + (0..<n).map { "\"x\($0)\"" }.joined(separator: ", ") + ", Armenia) select name"
        #expect(try run(text).get().rows == [[.text("Armenia")]])
        let references = "members where leader in (" + (0..<n).map { "p\($0)" }.joined(separator: ", ") + ", vladimir-putin) select name"
        #expect(try run(references).get().rows == [[.text("Russia")]])
    }

    @Test(.enabled(if: full)) func moreTermsThanTheLimitAreAnError() {
        let n = Parser.maximumListLength + 1
        let or = "members where " + (0..<n).map { _ in "a" }.joined(separator: " or ")
        #expect(firstError(or)?.message == .tooManyTerms(limit: Parser.maximumListLength))
        let list = "members where a in (" + String(repeating: "1,", count: n) + "1)"
        #expect(firstError(list)?.message == .tooManyTerms(limit: Parser.maximumListLength))
    }

    // MARK: Bytes

    static func bytes(_ parts: [[UInt8]]) -> [UInt8] { parts.flatMap { $0 } }
    static let badBytes: [([UInt8], Message)] = [
        (bytes([Array("members".utf8), [0x00]]), .nulByte),
        (bytes([Array("members where name = \"a".utf8), [0x00], Array("\"".utf8)]), .nulByte),
        ([0xFF, 0xFE], .invalidUTF8),
        (bytes([Array("members where name = ".utf8), [0xC3, 0x28]]), .invalidUTF8),
        (bytes([Array("members where name = \"".utf8), [0xED, 0xA0, 0x80], Array("\"".utf8)]), .invalidUTF8),  // a surrogate
        (bytes([Array("members where name = 'x".utf8), [0xE2, 0x82], Array("'".utf8)]), .invalidUTF8),  // cut short
        (bytes([Array("members where name = ".utf8), [0xE2, 0x82]]), .invalidUTF8),  // cut short, at the very end
    ]

    @Test(arguments: RobustnessTests.badBytes)
    func invalidUTF8AndNULBytesAreDiagnosed(bytes: [UInt8], expected: Message) {
        let d = firstError(bytes)
        #expect(d?.message == expected)
        let shown = DiagnosticFormatter().render(d!, in: SourceText(name: "<input>", bytes: bytes))
        // What reaches the terminal has no raw control character.
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // A statement that cannot be mended by typing more is complete: it runs and shows its error.
        #expect(Completeness.check(bytes) == .complete)
    }

    @Test func aStringNeverClosedAtTheEndOfAFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("open.cstoq").path
        try "count members\nmembers where name = \"Armenia".write(toFile: path, atomically: true, encoding: .utf8)
        let (out, err, ok) = TestSupport.session(".run \(path)")
        #expect(!ok)
        #expect(out.contains("│     6 │"))
        #expect(err.hasPrefix("\(path):2:22: error: unterminated string"))
        #expect(Completeness.check("members where name = \"Armenia") == .incomplete(.string(quote: "\"")))
        #expect(Completeness.check("members where name = 'Arm\\") == .incomplete(.string(quote: "'")))
    }

    @Test func rowCountsTooLargeForAnIntegerAreAnError() throws {
        #expect(firstError("members limit 99999999999999999999")?.message == .limitTooLarge("99999999999999999999"))
        #expect(firstError("members offset 99999999999999999999")?.message == .limitTooLarge("99999999999999999999"))
        #expect(firstError("members where x = 99999999999999999999")?.message == .numberTooLarge("99999999999999999999"))
        // The largest row counts run, with and without sorting (limit + offset does not overflow).
        #expect(try run("members limit 9223372036854775807 offset 9223372036854775807").get().rows.isEmpty)
        #expect(try run("members order by name limit 9223372036854775807 offset 1").get().rows.count == 5)
        #expect(try run("members order by name limit 1 offset 9223372036854775807").get().rows.isEmpty)
        #expect(try run("count members limit 9223372036854775807").get().rows == [[.integer(6)]])
    }

    // MARK: Scripts

    @Test func aScriptThatRunsItselfIsStopped() throws {
        let folder = try TestSupport.temporaryFolder()
        let a = folder.appendingPathComponent("a.cstoq").path, b = folder.appendingPathComponent("b.cstoq").path
        try "count members\n.run a.cstoq\n".write(toFile: a, atomically: true, encoding: .utf8)
        let direct = TestSupport.session(".run \(a)")
        #expect(!direct.ok)
        #expect(direct.out.components(separatedBy: "│     6 │").count == 2)  // the first statement ran once
        #expect(direct.err.contains("error: '\(folder.path)/a.cstoq' runs itself (through .run): stopped"))
        // Through another script, and by another spelling of the same path.
        try ".run b.cstoq\n".write(toFile: a, atomically: true, encoding: .utf8)
        try ".run ./../\(folder.lastPathComponent)/a.cstoq\n".write(toFile: b, atomically: true, encoding: .utf8)
        let mutual = TestSupport.session(".run \(a)")
        #expect(!mutual.ok)
        #expect(mutual.err.contains("runs itself (through .run): stopped"))
    }

    @Test func scriptsNestedDeeperThanTheLimitAreStopped() throws {
        let folder = try TestSupport.temporaryFolder()
        let n = Session.maximumScriptDepth + 5
        for i in 0..<n {
            let next = i + 1 < n ? ".run s\(i + 1).cstoq\n" : "count members\n"
            try next.write(toFile: folder.appendingPathComponent("s\(i).cstoq").path, atomically: true, encoding: .utf8)
        }
        let (out, err, ok) = TestSupport.session(".run \(folder.path)/s0.cstoq")
        #expect(!ok)
        #expect(out.isEmpty)
        #expect(err.contains("error: .run is nested deeper than \(Session.maximumScriptDepth) scripts"))
    }

    // MARK: Data

    @Test func referenceCyclesAreFollowedAsFarAsAPathGoes() throws {
        let d = Self.tricky
        let path = "next" + String(repeating: ".next", count: Parser.maximumPathLength - 2) + ".name"
        let r = try run("nodes where id = a select \(path)", on: d).get()
        // a → b → c → a …: 99 steps from a end on a record whose name is shown.
        #expect(r.rows.count == 1)
        #expect(try run("nodes where peers.peers.peers.name = alpha select id", on: d).get().rows.map { $0[0] } == [.text("a")])
        #expect(try run("nodes where next.next.next = self select name", on: d).get().rows.count == 1)
        let tooLong = "nodes select next" + String(repeating: ".next", count: Parser.maximumPathLength)
        #expect(firstError(tooLong)?.message == .pathTooLong(limit: Parser.maximumPathLength))
        let thousand = "nodes select " + Array(repeating: "next", count: 1_000).joined(separator: ".")
        let d1000 = firstError(thousand)
        #expect(d1000?.message == .pathTooLong(limit: Parser.maximumPathLength))
        #expect(d1000?.range.map { thousand.utf8.count - $0.start } ?? 0 > 1_000)  // found at the 101st name, not at the end
    }

    @Test func extremeValuesAreShownInEveryFormat() throws {
        let d = Self.tricky
        let r = try run("nodes group by ok select ok, avg(weight), avg(n), min(n), max(n), count()", on: d).get()
        for format in OutputFormat.allCases {
            #expect(!Renderer.render(r, RenderOptions(format: format, width: 30)).isEmpty)
        }
        // The largest doubles are written as numbers (scaling them to round overflowed to "inf").
        let weights = try run("nodes where weight > 1 select weight", on: d).get()
        #expect(Renderer.render(weights, RenderOptions(format: .json)) == "[\n  {\"weight\": 1.7e+308},\n  {\"weight\": 1.7e+308}\n]")
        #expect(Renderer.render(weights, RenderOptions(format: .csv)) == "weight\r\n1.7e+308\r\n1.7e+308\r\n")
        // Two of them add up past the largest double: an error, not `inf` (null in JSON) nor a crash; their average is a number.
        #expect(throws: Diagnostic(.sumBeyondDecimal(field: "weight"))) { try run("nodes select sum(weight), count()", on: d).get() }
        let average = try run("nodes select avg(weight), count()", on: d).get()
        #expect(Renderer.render(average, RenderOptions(format: .json)).contains("\"count\": 5"))
        #expect(Renderer.render(average, RenderOptions(format: .chart)).contains("bars: count"))
        let extremes = try run("nodes select min(n), max(n), sum(n)", on: d).get()
        #expect(extremes.rows == [[.integer(Int.min), .integer(Int.max), .integer(0)]])
    }

    @Test func aDeclaredListNestedTooDeepNamesTheLimit() throws {
        func load(_ type: String) -> String {
            let json = #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {"x": "\#(type)"}, "records": []}}}"#
            do throws(DatasetLoader.LoadError) { _ = try DatasetLoader.load(text: json, name: "d.json"); return "loaded" } catch { return error.description }
        }
        let deepest = String(repeating: "list ", count: FieldType.maximumListNesting) + "integer"
        #expect(load(deepest) == "loaded")
        let tooDeep = "d.json:1:66: error: the type of field 'x' nests 'list' deeper than 32 levels"
        #expect(load("list " + deepest) == tooDeep)
        // A hundred thousand of them: the same error (not the whole declaration), not a stack overflow.
        #expect(load(String(repeating: "list ", count: Self.size(100_000, full: 1_000_000)) + "integer") == tooDeep)
        // Within the limit, a wrong word is still an unknown type.
        #expect(load("list list txt") == "d.json:1:66: error: field 'x' has unknown type 'list list txt'")
    }

    @Test func manyRecordsWithOneIdAreADuplicateQuickly() throws {
        let n = Self.size(50_000, full: 1_000_000)
        var json = #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {}, "records": ["#
        json += Array(repeating: #"{"id": "same"}"#, count: n).joined(separator: ",")
        json += "]}}}"
        let clock = ContinuousClock()
        let start = clock.now
        do throws(DatasetLoader.LoadError) {
            _ = try DatasetLoader.load(text: json, name: "d.json")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("duplicate id 'same' in a"))
        }
        #expect(clock.now - start < .seconds(20))
    }

    @Test func jsonNestedTooDeepIsAnError() {
        let n = Self.size(100_000, full: 1_000_000)
        let json = #"{"$schema": "# + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "}"
        do throws(DatasetLoader.LoadError) {
            _ = try DatasetLoader.load(text: json, name: "d.json")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("nested deeper than 512 levels"))
        }
    }

    @Test func aCancelledQueryStops() throws {
        guard case let .success(statements) = Parser.parseAll("members where name like \"*a*\""), case let .query(q) = statements[0] else { return }
        let checked = try Checker(dataset: TestSupport.dataset).check(q)
        #expect(throws: Diagnostic(.cancelled)) { try Evaluator(dataset: TestSupport.dataset, isCancelled: { true }).run(checked) }
    }

    // MARK: Files

    @Test func savingIntoAMissingFolderKeepsTheLastResult() throws {
        let folder = try TestSupport.temporaryFolder()
        let target = folder.appendingPathComponent("missing/out.csv").path
        let (out, err, ok) = TestSupport.session("members where status = frozen select name\n.save \(target)\n.last", configure: { $0.keepGoing = true })
        #expect(!ok)
        #expect(err == "error: cannot write '\(target)': no such file or folder\nhelp: create the folder first")
        // .last still shows the result the failed save was given.
        #expect(out.components(separatedBy: "│ Armenia │").count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test func savingOverAReadOnlyFileLeavesItAsItWas() throws {
        let folder = try TestSupport.temporaryFolder()
        let target = folder.appendingPathComponent("kept.txt").path
        try "precious\n".write(toFile: target, atomically: true, encoding: .utf8)
        chmod(target, 0o444)
        defer { chmod(target, 0o644) }
        let (_, err, ok) = TestSupport.session("members\n.save \(target)")
        #expect(!ok)
        #expect(err == "error: cannot write '\(target)': the file is read-only")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.txt"])
    }

    @Test func savingIntoAFolderOrWithNoResultIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        let noResult = TestSupport.session(".save \(folder.path)/x.csv")
        #expect(noResult.err.hasPrefix("error: there is no result yet: run a query first"))
        let intoFolder = TestSupport.session("members\n.save \(folder.path)")
        #expect(intoFolder.err == "error: cannot write '\(folder.path)': it is a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test func aSavedFileIsCompleteAndAlone() throws {
        let folder = try TestSupport.temporaryFolder()
        let target = folder.appendingPathComponent("members.csv").path
        let (out, _, ok) = TestSupport.session("members select name order by name limit 2\n.save \(target)", format: .csv)
        #expect(ok)
        #expect(out.hasSuffix("saved 2 rows to \(target) (csv)"))
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("name\r\nArmenia\r\nBelarus\r\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["members.csv"])
    }

    @Test(arguments: [
        ("malformed.json", "{\"cstoq\": 1, \"title\": ", "malformed.json:1:23: error: 'title' must be a string, found the end of the file"),
        ("empty.json", "", "empty.json: error: 'FOLDER/empty.json' is empty: a dataset is a JSON object"),
        ("dangling.json", #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {"r": "ref a"}, "records": [{"id": "1", "r": "2"}]}}}"#,
         "dangling.json:1:105: error: field 'r' of a refers to '2', which is not an id in a"),
        ("missing.json", nil, "missing.json: error: cannot open 'FOLDER/missing.json': no such file"),
    ] as [(String, String?, String)])
    func aBadDatasetLeavesTheCurrentOneLoaded(name: String, contents: String?, expected: String) throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent(name).path
        if let contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        let (out, err, ok) = TestSupport.session(".load \(path)\ncount members", configure: { $0.keepGoing = true })
        #expect(!ok)
        let message = expected.replacingOccurrences(of: "FOLDER", with: folder.path)
        #expect(err.hasPrefix(folder.path + "/" + message), "\(err)")
        #expect(err.hasSuffix("(the dataset test is still loaded)"))
        #expect(out.contains("│     6 │"))
    }

    @Test func aFolderGivenToLoadOrRunIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        let load = TestSupport.session(".load \(folder.path)")
        #expect(load.err.hasPrefix("\(folder.path): error: cannot read '\(folder.path)': it is a folder, not a file"))
        let run = TestSupport.session(".run \(folder.path)")
        #expect(run.err == "error: cannot read '\(folder.path)': it is a folder, not a file")
    }

    // MARK: Security

    @Test func pathsAreOpenedAsGivenAndNoShellRuns() throws {
        let folder = try TestSupport.temporaryFolder()
        let marker = folder.appendingPathComponent("pwned").path
        for command in [".run $(touch \(marker))", ".load `touch \(marker)`", ".run x; touch \(marker)", ".save | touch \(marker)"] {
            let (_, err, ok) = TestSupport.session("members\n" + command)
            #expect(!ok)
            let path = String(command.drop { $0 != " " }.dropFirst())
            #expect(err.contains("'\(path)'"), "\(command): \(err)")
            #expect(!FileManager.default.fileExists(atPath: marker))
        }
    }

    @Test func controlCharactersInValuesAreEscapedInTablesAndExactInJSONAndCSV() throws {
        let r = try run("nodes select name, note", on: Self.tricky).get()
        for options in [RenderOptions(format: .table), RenderOptions(format: .table, width: 40), RenderOptions(format: .chart), RenderOptions(format: .markdown)] {
            let shown = Renderer.render(r, options)
            #expect(!shown.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) })
        }
        let table = Renderer.render(r, RenderOptions(format: .table))
        #expect(table.contains(#"clear \u{1b}[2J screen"#))
        #expect(table.contains(#"bell \u{7} nul \u{0} del \u{7f} c1 \u{9b} end"#))
        #expect(table.contains(#"gamma | pipe, "quote"\nnew line"#))
        let json = Renderer.render(r, RenderOptions(format: .json))
        #expect(json.contains(#""note": "clear \u001b[2J screen""#))
        #expect(json.contains(#""name": "gamma | pipe, \"quote\"\nnew line", "note": null"#))
        #expect(json.contains(#""note": "bell \u0007 nul \u0000 del \u007f c1 \#u{9B} end""#))
        #expect(Renderer.render(r, RenderOptions(format: .markdown)).contains(#"| Alpha | clear \u{1b}[2J screen |"#))
        let csv = Renderer.render(r, RenderOptions(format: .csv))
        #expect(csv.contains("clear \u{1B}[2J screen"))
        #expect(csv.contains("\"gamma | pipe, \"\"quote\"\"\nnew line\""))
    }

    @Test func controlCharactersFromDataAreEscapedInMessages() throws {
        let d = Self.tricky
        let whyNot = TestSupport.session(".whynot a nodes where note = x", dataset: d)
        #expect(whyNot.out == #"`note = x` is false: Alpha has note 'clear \u{1b}[2J screen'"#)
        let query = TestSupport.session("nodes where note = \"\u{1B}[2J\"", dataset: d)
        #expect(!query.err.contains("\u{1B}"))
        #expect(query.err.contains(#"no node has note '\u{1b}[2J'"#))
        // A typed string with a bad escape: the message quotes it escaped.
        let typed = TestSupport.session("members where name = \"\\\u{1B}[2J\"")
        #expect(typed.err.hasPrefix(#"<input>:1:23: error: unknown escape '\\u{1b}' in string"#))
        #expect(!typed.err.contains("\u{1B}"))
        // A dataset whose key holds an escape character.
        do throws(DatasetLoader.LoadError) {
            _ = try DatasetLoader.load(text: #"{"cstoq": 1, "title": "t", "\u001b[2J": 1, "collections": {}}"#, name: "d.json")
        } catch {
            #expect(error.description == #"d.json:1:28: error: malformed JSON: unknown key '\u{1b}[2J' in the dataset (expected cstoq, title, article, note, collections)"#)
        }
    }
}
