import Foundation
import Testing

/// README.md opens with a tour: fenced code blocks whose info string is
/// `console`, in which a line starting with `$ ` is a command and the lines
/// after it, up to the next `$ ` line or the end of the block, are exactly
/// what it prints. This test runs every command (with /bin/bash, the built
/// `cstoq` first on PATH, in the package root, stderr merged into stdout)
/// and compares, ignoring trailing whitespace on each line and trailing
/// empty lines, so the README can't show an answer cstoq doesn't give.
///
/// After an intended change, rewrite the outputs in README.md in place and
/// review the diff (a run that rewrites the README fails, to be run again
/// without CSTOQ_RECORD as the check):
///
///     CSTOQ_RECORD=1 swift test --filter ReadmeTourTests
@Suite struct ReadmeTourTests {
    static let readme = BinaryRunner.packageRoot.appendingPathComponent("README.md")
    static var recording: Bool { ProcessInfo.processInfo.environment["CSTOQ_RECORD"] == "1" }

    // MARK: The README itself

    @Test func readmeTourPrintsWhatItShows() throws {
        guard let markdown = try? String(contentsOf: Self.readme, encoding: .utf8) else {
            Issue.record("README.md is missing: it must open with a tour in ```console blocks")
            return
        }
        let tour = ConsoleTour(markdown: markdown)
        try #require(tour.blockCount > 0, "README.md has no ```console block: it must open with a tour of cstoq")
        try #require(!tour.commands.isEmpty, "README.md's ```console blocks hold no `$ ` command")
        let outputs = try tour.commands.map { try Self.run($0.text) }
        if Self.recording {
            let updated = tour.rewritten(with: outputs.map(\.output))
            if updated != markdown {
                try updated.write(to: Self.readme, atomically: true, encoding: .utf8)
                Issue.record("recorded the tour's outputs in README.md; review the diff, then run again without CSTOQ_RECORD=1")
            }
            return
        }
        for (command, outcome) in zip(tour.commands, outputs) {
            if let difference = ConsoleTour.difference(expected: command.expected, actual: outcome.output) {
                Issue.record("""
                README.md line \(command.line + 1): `\(command.text)` \(outcome.status == 0 ? "" : "(exit status \(outcome.status)) ")\
                prints something else:
                \(difference)
                (if the change is intended: CSTOQ_RECORD=1 swift test --filter ReadmeTourTests, then review the diff)
                """)
            }
        }
    }

    /// One tour command, as a reader would type it in the package's folder.
    static func run(_ command: String) throws -> BinaryRunner.ShellOutcome {
        let bin = URL(fileURLWithPath: BinaryRunner.binary).deletingLastPathComponent().path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try BinaryRunner.shell(command, shell: "/bin/bash", environment: ["PATH": bin + ":" + path])
    }

    // MARK: The format, on a fixture

    static let fixture = """
    # A tool

    Some words, then a tour:

    ```console
    $ echo one
    one
    $ printf 'two\\nthree  \\n\\n'
    two
    three
    $ true
    ```

    Not a tour: other languages' blocks are left alone.

    ```sh
    $ echo not run
    ```

    ~~~ console
    $ echo out; echo err >&2
    out
    err
    ~~~

      ````console
      $ cstoq -e 'count exercises' --format csv
      count
      3
      ````
    """

    @Test func fixtureParsesCommandsAndTheirOutputs() {
        let tour = ConsoleTour(markdown: Self.fixture)
        #expect(tour.blockCount == 3)
        #expect(tour.commands.map(\.text) == ["echo one", "printf 'two\\nthree  \\n\\n'", "true",
                                              "echo out; echo err >&2", "cstoq -e 'count exercises' --format csv"])
        #expect(tour.commands.map(\.expected) == [["one"], ["two", "three"], [], ["out", "err"], ["count", "3"]])
        #expect(tour.commands.map(\.line) == [5, 7, 10, 20, 26])
    }

    @Test func fixtureCommandsRunAndMatch() throws {
        let tour = ConsoleTour(markdown: Self.fixture)
        for command in tour.commands {
            let outcome = try Self.run(command.text)
            #expect(outcome.status == 0, "`\(command.text)` exited with \(outcome.status): \(outcome.output)")
            #expect(ConsoleTour.difference(expected: command.expected, actual: outcome.output) == nil,
                    "`\(command.text)` printed \(outcome.output)")
        }
    }

    @Test func comparisonIgnoresTrailingBlanksOnlyAndNamesTheLine() {
        #expect(ConsoleTour.difference(expected: ["a", "b"], actual: "a  \nb\n\n") == nil)
        #expect(ConsoleTour.difference(expected: ["a", ""], actual: "a\n") == nil)
        #expect(ConsoleTour.difference(expected: [" a"], actual: "a\n") != nil)
        let d = ConsoleTour.difference(expected: ["a", "b"], actual: "a\nc\n")
        #expect(d?.contains("line 2") == true)
        #expect(d?.contains("expected: 'b'") == true)
        #expect(d?.contains("actual:   'c'") == true)
    }

    @Test func rewritingReplacesOnlyTheOutputs() {
        let tour = ConsoleTour(markdown: Self.fixture)
        let rewritten = tour.rewritten(with: ["ONE\n", "two\nthree\n", "new line   \n\n", "out\nerr\n", "count\n4\n"])
        let expected = Self.fixture
            .replacingOccurrences(of: "$ echo one\none", with: "$ echo one\nONE")
            .replacingOccurrences(of: "$ true\n", with: "$ true\nnew line\n")
            .replacingOccurrences(of: "  3\n", with: "  4\n")
        #expect(rewritten == expected)
        // Recording twice changes nothing the second time.
        let again = ConsoleTour(markdown: rewritten)
        #expect(again.rewritten(with: ["ONE", "two\nthree", "new line", "out\nerr", "count\n4"]) == rewritten)
    }
}

/// The `console` blocks of a Markdown text: the commands, the output each
/// shows, and where that output sits, so it can be rewritten in place.
struct ConsoleTour {
    struct Command {
        /// The `$ ` line, counted from 0.
        var line: Int
        var text: String
        var expected: [String]
        /// The lines of the shown output (empty range: none, right after the command).
        var outputLines: Range<Int>
        /// The block's indentation, which its lines carry.
        var indent: String
    }

    private(set) var lines: [String]
    private(set) var blockCount = 0
    private(set) var commands: [Command] = []

    init(markdown: String) {
        lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            guard let fence = Fence(opening: lines[i]) else { i += 1; continue }
            i += 1
            var body: [Int] = []
            while i < lines.count, !fence.isClosed(by: lines[i]) {
                body.append(i)
                i += 1
            }
            i += 1  // past the closing fence (or the end of the text)
            guard fence.info == "console" else { continue }
            blockCount += 1
            for index in body {
                let content = fence.content(of: lines[index])
                if content.hasPrefix("$ ") {
                    commands.append(Command(line: index, text: String(content.dropFirst(2)), expected: [],
                                            outputLines: index + 1..<index + 1, indent: fence.indent))
                } else if !commands.isEmpty, commands[commands.count - 1].outputLines.upperBound == index {
                    commands[commands.count - 1].expected.append(content)
                    commands[commands.count - 1].outputLines = commands[commands.count - 1].outputLines.lowerBound..<index + 1
                }
            }
        }
    }

    /// A fence line: up to three spaces, then three or more backticks or tildes.
    struct Fence {
        var character: Character
        var length: Int
        var indent: String
        var info: String

        init?(opening line: String) {
            let indent = line.prefix { $0 == " " }
            guard indent.count <= 3, let c = line.dropFirst(indent.count).first, c == "`" || c == "~" else { return nil }
            let run = line.dropFirst(indent.count).prefix { $0 == c }
            guard run.count >= 3 else { return nil }
            let info = line.dropFirst(indent.count + run.count).trimmingCharacters(in: .whitespaces)
            if c == "`", info.contains("`") { return nil }
            character = c
            length = run.count
            self.indent = String(indent)
            self.info = info.split(separator: " ").first.map { $0.lowercased() } ?? ""
        }

        func isClosed(by line: String) -> Bool {
            let rest = line.drop { $0 == " " }
            guard line.count - rest.count <= 3 else { return false }
            let run = rest.prefix { $0 == character }
            return run.count >= length && rest.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
        }

        /// A line of the block without the fence's indentation.
        func content(of line: String) -> String {
            let spaces = min(indent.count, line.prefix { $0 == " " }.count)
            return String(line.dropFirst(spaces))
        }
    }

    /// Lines without trailing whitespace, and without trailing empty lines.
    static func normalized(_ lines: [String]) -> [String] {
        var out = lines.map { line in
            var l = Substring(line)
            while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
            return String(l)
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    static func normalized(_ output: String) -> [String] {
        // "\r\n" is one Character in Swift: split on it too (cstoq's CSV ends lines with it).
        normalized(output.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init))
    }

    /// Where the shown output and the real one first differ; nil when they agree.
    static func difference(expected: [String], actual: String) -> String? {
        let e = normalized(expected), a = normalized(actual)
        guard e != a else { return nil }
        var i = 0
        while i < e.count, i < a.count, e[i] == a[i] { i += 1 }
        func show(_ lines: [String]) -> String { i < lines.count ? "'\(lines[i])'" : "(the end of the output)" }
        return """
        first difference at output line \(i + 1) (shown \(e.count) lines, printed \(a.count)):
          expected: \(show(e))
          actual:   \(show(a))
        """
    }

    /// The text with each command's shown output replaced by `outputs[i]`.
    func rewritten(with outputs: [String]) -> String {
        var result = lines
        for (command, output) in zip(commands, outputs).reversed() {
            let shown = ConsoleTour.normalized(output).map { $0.isEmpty ? "" : command.indent + $0 }
            result.replaceSubrange(command.outputLines, with: shown)
        }
        return result.joined(separator: "\n")
    }
}
