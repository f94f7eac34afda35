import SharedTestSupport
import Foundation
import Testing
@testable import CSTOQ
import TextWidth

/// One hostile string through every library path that writes text for a
/// terminal: nothing in it may come out raw. The binary's own paths (file
/// names in its errors, ArgumentParser's messages, `--echo`) are in
/// RobustnessCLITests; completion lists and history in LineEditorTests.
@Suite struct HostileTextTests {
    /// A screen clear, a window-title OSC, a bell, a C1 CSI, a right-to-left
    /// override, the bidi isolates, a zero-width space, a byte-order mark, the
    /// line and paragraph separators and a tag character.


    /// `s` as a JSON string: C0 controls escaped (JSON requires it), the rest raw.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else if u == "\"" || u == "\\" { out += "\\" + String(u) } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
    }

    static let dataset: Dataset = {
        let text = """
        {"cstoq": 1, "title": \(json(HostileText.string)), "collections": {"items": {"fields": {"name": "text", "size": "integer"}, "records": [
          {"id": "a", "name": \(json(HostileText.string)), "size": 1},
          {"id": "b", "name": \(json("x" + HostileText.string)), "size": 2},
          {"id": "c", "name": "plain", "size": 3}]}}}
        """
        return try! DatasetLoader.load(text: text, name: "hostile.json")
    }()

    /// `explain sql` writes the query's literals: escaped on a terminal, exact into a pipe (for the engine).
    @Test func explainSQLIsEscapedOnATerminalAndExactIntoAPipe() throws {
        let query = "explain sql items where name = " + ASTPrinter().quoted(HostileText.string)
        let terminal = TestSupport.session(query, dataset: HostileTextTests.dataset) { $0.options.width = 80 }
        #expect(terminal.ok && HostileText.raw(in: terminal.out).isEmpty, "\(HostileText.raw(in: terminal.out))")
        let pipe = TestSupport.session(query, dataset: HostileTextTests.dataset)
        #expect(pipe.out.contains(HostileText.string.lowercased()) || pipe.out.contains(HostileText.string))
    }

    @Test func theHostileStringIsCaughtByTheCheck() {
        #expect(HostileText.raw(in: HostileText.string).count == HostileText.string.unicodeScalars.count - "[2J]0;x31m".count)
    }

    @Test func theEscapeIsTheOnlyRuleAndIsIdempotent() {
        let shown = Printable.escapeControls(HostileText.string)
        #expect(HostileText.raw(in: shown).isEmpty)
        #expect(shown == #"\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}\u{feff}\u{2028}\u{2029}\u{e0041}"#)
        #expect(Printable.escapeControls(shown) == shown)
        // An escaped character takes the width of its escape.
        #expect(DisplayWidth.of(HostileText.string) == DisplayWidth.of(shown))
        #expect(DisplayWidth.of("a\u{202E}b") == 10)
        // Joiners stay: an emoji family is one picture.
        #expect(Printable.escapeControls("👨‍👩‍👧") == "👨‍👩‍👧")
    }

    @Test func tablesDescribeAndMarkdownShowItEscapedAndAligned() throws {
        for statement in ["items select name, size", "describe items", "items group by name"] {
            for format in [OutputFormat.table, .markdown, .chart] {
                let r = TestSupport.session(statement, dataset: Self.dataset, format: format)
                #expect(r.ok, "\(statement): \(r.err)")
                #expect(HostileText.raw(in: r.out + r.err).isEmpty, "\(statement) as \(format): \(HostileText.raw(in: r.out))")
            }
        }
        let table = TestSupport.session("items select name, size", dataset: Self.dataset).out
        #expect(table.contains(#"\u{202e}"#))
        // Every line of the box is as wide as the others.
        let widths = Set(table.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }.map { DisplayWidth.of(String($0)) })
        #expect(widths.count == 1, "\(table)")
    }

    @Test func jsonAndCSVStayExact() {
        let json = TestSupport.session("items where size = 1 select name", dataset: Self.dataset, format: .json).out
        #expect(json.contains("\u{202E}\u{2066}") && json.contains("\u{E0041}"))
        #expect(json.contains(#"\u001b[2J"#))
        let csv = TestSupport.session("items where size = 1 select name", dataset: Self.dataset, format: .csv).out
        #expect(csv.contains(HostileText.string))
    }

    @Test func explainsTreeAndPlanAndTraceShowItEscaped() {
        let literal = ASTPrinter().quoted(HostileText.string)
        #expect(HostileText.raw(in: literal).isEmpty)
        for mode in ["", "trace "] {
            let r = TestSupport.session("explain \(mode)items where name = \(literal) or name = \(literal) select name", dataset: Self.dataset)
            #expect(r.ok, "\(r.err)")
            #expect(HostileText.raw(in: r.out).isEmpty, "explain \(mode): \(HostileText.raw(in: r.out))")
            #expect(r.out.contains(#"\u{9b}31m"#))
        }
        // The literal reads back as the hostile string itself.
        #expect(TestSupport.session("count items where name = \(literal)", dataset: Self.dataset).out.contains("1"))
    }

    @Test func errorsShowItEscapedInTheMessageTheLineAndTheFileName() throws {
        let typed = TestSupport.session("items where name = " + HostileText.string, dataset: Self.dataset)
        #expect(!typed.ok)
        #expect(HostileText.raw(in: typed.err).isEmpty, "\(typed.err)")
        let advice = TestSupport.session("items where name = \"\(HostileText.string)z\"", dataset: Self.dataset)
        #expect(HostileText.raw(in: advice.out + advice.err).isEmpty, "\(advice.err)")
        // A script whose name is hostile: the name leads its errors.
        let d = Diagnostic(.unknownDotCommand("x"), at: SourceRange(0, 2))
        for source in [SourceText(name: HostileText.string + ".cstoq", text: ".x"), nil] {
            let shown = DiagnosticFormatter().render(Diagnostic(.unknownDotCommand(HostileText.string)), in: source) + DiagnosticFormatter().render(d, in: source)
            #expect(HostileText.raw(in: shown).isEmpty, "\(shown)")
        }
        // A dataset file whose name is hostile.
        do throws(DatasetLoader.LoadError) {
            _ = try DatasetLoader.load(text: "[]", name: HostileText.string + ".json")
        } catch {
            #expect(HostileText.raw(in: error.shown).isEmpty)
            #expect(error.shown.hasPrefix(#"\u{1b}[2J"#))
        }
    }

    @Test func loadSaveExportEchoAndSetShowItEscaped() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.path + "/" + HostileText.string
        try "[]".write(toFile: name + ".json", atomically: true, encoding: .utf8)
        let script = """
        items select name
        .save \(name).txt
        .export sql \(name).sql
        .load \(name).json
        .load \(name)-missing.json
        .set $p \(HostileText.string)
        .set
        """
        let r = TestSupport.session(script, dataset: Self.dataset) { s in
            s.keepGoing = true
            s.echo = true
        }
        #expect(r.out.contains("saved 3 rows to") && r.out.contains("exported 1 collections"), "\(r.out)")
        #expect(r.err.contains("is still loaded"))
        #expect(HostileText.raw(in: r.out + r.err).isEmpty, "\(HostileText.raw(in: r.out + r.err))\n\(r.out)\n\(r.err)")
        // The file holds the exact text; only what is shown is escaped.
        let saved = try String(contentsOfFile: name + ".txt", encoding: .utf8)
        #expect(saved.contains(#"\u{202e}"#), "a table is saved as shown")
    }

    @Test func valueCompletionOffersItEscaped() {
        let completer = Completer(dataset: Self.dataset)
        for line in ["items where name = ", "items where name = '", "items where name = \"x", "items where name in (plain, "] {
            let c = completer.complete(line)
            #expect(!c.candidates.isEmpty, "\(line)")
            for candidate in c.candidates {
                #expect(HostileText.raw(in: candidate).isEmpty, "\(line): \(candidate.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        // Inside a string opened with ' the candidate keeps that quote and reads back as the value.
        let single = completer.complete("items where name = 'x").candidates
        #expect(single.count == 1 && single[0].hasPrefix("'x\\u{1b}[2J") && single[0].hasSuffix("'"), "\(single)")
        #expect(TestSupport.session("count items where name = \(single[0])", dataset: Self.dataset).out.contains("1"))
    }
}
