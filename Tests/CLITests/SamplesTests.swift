import CSTOQ
import Foundation
import Testing

/// The lessons in Samples/ are golden files: each `NN-name.cstoq` runs through
/// the built binary with `--echo`, and what it prints (stdout and stderr merged
/// in the order they were written, as a learner's terminal shows them) must be
/// exactly `NN-name.out`, recorded beside it.
///
/// After an intended change of cstoq's output, re-record every lesson and
/// review the diff before committing it:
///
///     CSTOQ_RECORD=1 swift test --filter SamplesTests
///
/// In that mode the test writes the .out files that differ instead of
/// comparing, and fails for each one it wrote, so a recording run never
/// passes for a check: run again without CSTOQ_RECORD to check. (A lesson
/// that fails still fails: an error is never recorded as the expected output.)
@Suite struct SamplesTests {
    static let folder = BinaryRunner.packageRoot.appendingPathComponent("Samples")
    static var recording: Bool { ProcessInfo.processInfo.environment["CSTOQ_RECORD"] == "1" }

    /// The lessons' file names, in order (`01-first-queries.cstoq`, …).
    static let lessons: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".cstoq") }.sorted()
    }()

    static func text(of name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func outputName(of lesson: String) -> String {
        String(lesson.dropLast(".cstoq".count)) + ".out"
    }

    // MARK: Golden outputs

    @Test(arguments: lessons)
    func lessonPrintsItsRecordedOutput(_ lesson: String) throws {
        // Run from the package root with a relative path, as Samples/README.md
        // tells learners to, so file names in messages read `Samples/…`.
        let run = try BinaryRunner.shell("\"$BIN\" --echo \"$FILE\" 2>&1", shell: "/bin/sh",
                                         environment: ["BIN": BinaryRunner.binary, "FILE": "Samples/" + lesson])
        #expect(run.status == 0, "\(lesson) exited with \(run.status):\n\(run.output)")
        let outFile = Self.folder.appendingPathComponent(Self.outputName(of: lesson))
        if Self.recording {
            if run.status == 0, (try? String(contentsOf: outFile, encoding: .utf8)) != run.output {
                try run.output.write(to: outFile, atomically: true, encoding: .utf8)
                Issue.record("recorded Samples/\(Self.outputName(of: lesson)); review the diff, then run again without CSTOQ_RECORD=1")
            }
            return
        }
        guard let expected = try? String(contentsOf: outFile, encoding: .utf8) else {
            Issue.record("Samples/\(Self.outputName(of: lesson)) is missing: record it with CSTOQ_RECORD=1 swift test --filter SamplesTests")
            return
        }
        if let difference = Self.firstDifference(expected: expected, actual: run.output) {
            Issue.record("""
            Samples/\(lesson) no longer prints Samples/\(Self.outputName(of: lesson)):
            \(difference)
            (if the change is intended: CSTOQ_RECORD=1 swift test --filter SamplesTests, then review the diff)
            """)
        }
    }

    /// Where two texts first differ, said line by line; nil when they are equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        func lines(_ text: String) -> [Substring] {
            // "\r\n" is one Character in Swift: split on it too (cstoq's CSV ends lines with it).
            var l = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            if l.last == "" { l.removeLast() }
            return l
        }
        let e = lines(expected), a = lines(actual)
        if e == a { return "the lines agree, but only one of the outputs ends with a line break" }
        var i = 0
        while i < e.count, i < a.count, e[i] == a[i] { i += 1 }
        func show(_ lines: [Substring]) -> String {
            i < lines.count ? "'\(lines[i])'" : "(the end of the output)"
        }
        return """
        first difference at line \(i + 1) (expected \(e.count) lines, got \(a.count)):
          expected: \(show(e))
          actual:   \(show(a))
        """
    }

    @Test func firstDifferenceNamesTheLineAndBothSides() {
        #expect(Self.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
        let d = Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(d?.contains("line 2") == true)
        #expect(d?.contains("expected: 'b'") == true)
        #expect(d?.contains("actual:   'B'") == true)
        let shorter = Self.firstDifference(expected: "a\nb\n", actual: "a\n")
        #expect(shorter?.contains("(the end of the output)") == true)
        #expect(Self.firstDifference(expected: "a\n", actual: "a")?.contains("line break") == true)
    }

    // MARK: The set of lessons

    @Test func thereAreAtLeastTenLessonsEachWithItsOutput() throws {
        #expect(Self.lessons.count >= 10, "Samples/ has \(Self.lessons.count) lessons")
        // While recording, the .out files are being written by the test beside this one.
        guard !Self.recording else { return }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path))
        for lesson in Self.lessons {
            #expect(files.contains(Self.outputName(of: lesson)), "Samples/\(lesson) has no \(Self.outputName(of: lesson))")
        }
        for out in files where out.hasSuffix(".out") {
            let lesson = String(out.dropLast(".out".count)) + ".cstoq"
            #expect(files.contains(lesson), "Samples/\(out) belongs to no lesson")
        }
    }

    /// `NN-kebab-name.cstoq`, numbered 01, 02, … without gaps, each an
    /// executable script that starts with the shebang line.
    @Test func lessonsAreNumberedExecutableScripts() throws {
        let pattern = /^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*\.cstoq$/
        for (index, lesson) in Self.lessons.enumerated() {
            let match = try #require(lesson.wholeMatch(of: pattern), "\(lesson) is not named NN-kebab-case.cstoq")
            #expect(Int(match.1) == index + 1, "\(lesson) should be number \(index + 1)")
            #expect(try Self.text(of: lesson).hasPrefix("#!/usr/bin/env cstoq\n"), "\(lesson) does not start with #!/usr/bin/env cstoq")
            #expect(FileManager.default.isExecutableFile(atPath: Self.folder.appendingPathComponent(lesson).path),
                    "\(lesson) is not executable (chmod +x)")
        }
    }

    // MARK: Coverage

    /// The lessons' statements as cstoq's own lexer reads them: comments are
    /// not tokens, and a dot-command is one token, so a keyword counts only
    /// where a statement uses it.
    struct Vocabulary {
        var words: [String] = []            // folded word tokens, in order, all lessons
        var tokens: [(kind: TokenKind, text: String, followsNewline: Bool)] = []

        init(_ texts: [String]) {
            for text in texts {
                let lexer = Lexer(text)
                for t in lexer.tokenize() where t.kind != .endOfInput {
                    tokens.append((t.kind, lexer.text(t), t.followsNewline))
                }
                // A statement never runs on into the next file.
                tokens.append((.semicolon, ";", true))
            }
            words = tokens.map { $0.kind == .word ? $0.text.lowercased() : "" }
        }

        /// Whether the words appear one right after the other, as in `group by`.
        func has(_ phrase: String) -> Bool {
            let parts = phrase.split(separator: " ").map(String.init)
            guard parts.count <= words.count else { return false }
            return (0...(words.count - parts.count)).contains { i in
                parts.indices.allSatisfy { words[i + $0] == parts[$0] }
            }
        }

        func has(_ kind: TokenKind) -> Bool { tokens.contains { $0.kind == kind } }

        func hasDotCommand(_ line: String) -> Bool {
            tokens.contains { $0.kind == .dotCommand && $0.text.lowercased().hasPrefix(line) }
        }
    }

    static func allLessons() throws -> Vocabulary {
        Vocabulary(try lessons.map(text(of:)))
    }

    /// Every collection is the subject of some statement (a query, `count`,
    /// `describe` or `explain`), as cstoq's parser reads the lessons.
    @Test func lessonsQueryEveryCollection() throws {
        var queried: Set<String> = []
        for lesson in Self.lessons {
            var parser = Parser(try Self.text(of: lesson))
            while let parsed = parser.nextStatement() {
                guard case let .success(p) = parsed else {
                    Issue.record("Samples/\(lesson) does not parse")
                    break
                }
                switch p.statement {
                case let .query(q), let .explain(q, _, _): queried.insert(q.collection.text.lowercased())
                case let .describe(name): queried.insert(name.text.lowercased())
                case .dotCommand: break
                }
            }
        }
        let collections = BuiltinDataset.load().collections.map(\.name)
        #expect(collections.count == 11)
        for name in collections {
            #expect(queried.contains(name), "no lesson queries the collection '\(name)'")
        }
    }

    @Test(arguments: ["where", "group by", "select", "select distinct", "order by", "asc", "desc", "limit", "offset",
                      "count", "describe", "explain", "explain trace", "like", "contains", "in", "not in",
                      "is null", "is not null", "not", "or", "and", "as", "count (", "min (", "max ("])
    func lessonsUseEveryPartOfTheLanguage(_ phrase: String) throws {
        let vocabulary = try Self.allLessons()
        let found: Bool
        if phrase.hasSuffix(" (") {
            // An aggregate: its name right before a parenthesis.
            let name = String(phrase.dropLast(2))
            found = vocabulary.tokens.indices.dropLast().contains {
                vocabulary.words[$0] == name && vocabulary.tokens[$0 + 1].kind == .leftParen
            }
        } else {
            found = vocabulary.has(phrase)
        }
        #expect(found, "no lesson uses '\(phrase.replacingOccurrences(of: " (", with: "()"))'")
    }

    @Test func lessonsUseEveryOperatorAndFormOfStatement() throws {
        let v = try Self.allLessons()
        for kind: TokenKind in [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .date, .parameter] {
            #expect(v.has(kind), "no lesson uses \(kind.spelling)")
        }
        #expect(v.tokens.contains { $0.kind == .string && $0.text.hasPrefix("\"") }, "no lesson uses a \"double-quoted\" string")
        #expect(v.tokens.contains { $0.kind == .string && $0.text.hasPrefix("'") }, "no lesson uses a 'single-quoted' string")
        // `;` between two statements on one line (the file separators added above follow a newline).
        #expect(v.tokens.indices.dropLast().contains { v.tokens[$0].kind == .semicolon && !v.tokens[$0 + 1].followsNewline },
                "no lesson separates statements with ';'")
        // A statement laid out over lines: a clause keyword that starts a line and continues the statement.
        #expect(v.tokens.contains { $0.kind == .word && $0.followsNewline && ["where", "select", "order", "group", "limit"].contains($0.text.lowercased()) },
                "no lesson lays a query out over several lines")
        for command in [".format json", ".format csv", ".format markdown", ".format chart", ".format table",
                        ".whynot", ".source", ".set"] {
            #expect(v.hasDotCommand(command), "no lesson uses \(command)")
        }
    }
}

extension BinaryRunner {
    struct ShellOutcome {
        /// stdout and stderr together, in the order they were written.
        var output: String
        var status: Int32
    }

    /// Runs a command line with a shell, in the package root, stdout and stderr
    /// into one pipe (so their interleaving is the real one), stdin empty.
    /// A command that runs longer than `timeout` seconds is killed and fails.
    static func shell(_ command: String, shell: String = "/bin/bash", environment: [String: String] = [:],
                      timeout: Double = 120) throws -> ShellOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", command]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read to the end on another thread so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let reader = pipe.fileHandleForReading
        DispatchQueue.global().async {
            box.data = reader.readDataToEndOfFile()
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            // A child of the shell may still hold the pipe: don't wait for it forever.
            let drained = done.wait(timeout: .now() + 5) == .success
            let partial = drained ? String(decoding: box.data, as: UTF8.self) : ""
            return ShellOutcome(output: partial + "\n(killed after \(Int(timeout)) s)\n", status: -1)
        }
        process.waitUntilExit()
        return ShellOutcome(output: String(decoding: box.data, as: UTF8.self), status: process.terminationStatus)
    }
}
