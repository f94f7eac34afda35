import Foundation
import Testing
@testable import CSTOQ

/// Statements and dot-commands as a session runs them: what it prints, what it keeps.
@Suite struct SessionTests {
    @Test func emptyResultSuggestsTheClosestExistingValue() {
        let (out, err, ok) = TestSupport.session("exercises where name = Serach")
        #expect(ok)
        #expect(out.hasSuffix("(0 rows)"))
        #expect(err == "0 rows — no exercise has name 'Serach'; did you mean 'Search'?")
        // A field with a closed vocabulary refuses the value before running.
        let closed = TestSupport.session("members where status = actve")
        #expect(!closed.ok)
        #expect(closed.err.contains("status is one of active, frozen: 'actve' is none of them, so nothing can match"))
        #expect(closed.err.contains("help: did you mean 'active'?"))
        let people = TestSupport.session("people where name = \"Vladimir Puttin\"")
        #expect(people.err == "0 rows — no person has name 'Vladimir Puttin'; did you mean 'Vladimir Putin'?")
        // A value that exists gives no advice even when the rows are empty.
        let none = TestSupport.session("members where status = frozen and attended = true")
        #expect(none.err.isEmpty)
    }

    @Test(arguments: [
        ("SELECT name FROM members WHERE status = 'active'", "help: cstoq names the collection first: members where status = 'active' select name"),
        ("select * from members", "help: cstoq names the collection first: members"),
        ("members where status == active", "help: cstoq compares with a single '=': status = active"),
        ("members | where status = active", "help: cstoq needs no pipe: write the clauses one after another, as in members where status = active"),
    ])
    func otherLanguagesGetTheCstoqForm(_ c: (String, String)) {
        let (_, err, ok) = TestSupport.session(c.0)
        #expect(!ok)
        #expect(err.contains(c.1), "\(c.0)\n\(err)")
    }

    @Test func describeShowsFieldsKindsAndExamples() {
        let (table, _, ok) = TestSupport.session("describe members")
        #expect(ok)
        // The columns' widths follow the longest cell: compare with runs of spaces as one.
        let out = table.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        #expect(out.contains("│ status │ one of active, frozen │ 6 of 6 │ active, frozen"))
        #expect(out.contains("│ leader │ ref people │ 5 of 6 │ Vladimir Putin, Alexander Lukashenko, Kassym-Jomart Tokayev"))
        #expect(out.contains("│ attended │ boolean │ 6 of 6 │ true, false"))
        #expect(out.contains("│ source │ list text │ 6 of 6 │ La\u{A0}struttura"))
        #expect(out.contains("│ count(people) │ back-reference │ 5 of 6 │ 1, 2, 0 │"))
        #expect(out.contains("│ count(initiatives.by.country) │ back-reference │ 2 of 6 │ 7, 0, 5 │"))
        #expect(!out.contains("count(members)"))
        #expect(out.contains("… (+2), La\u{A0}struttura"))
    }

    @Test func explainShowsTokensTreeAndPlan() {
        let (out, _, ok) = TestSupport.session("explain members where status = active")
        #expect(ok)
        #expect(out.contains("tokens:\n  word members · word where · word status · symbol = · word active"))
        #expect(out.contains("tree:\n  (query members\n    (where (= status active)))"))
        #expect(out.contains("plan:\n  1. scan members: 6 records\n  2. keep the records where status = active (text compared ignoring case)"))
    }

    @Test func explainTraceCountsRowsPerClause() {
        let (out, _, ok) = TestSupport.session("explain trace members where status = active order by name limit 3")
        #expect(ok)
        #expect(out.hasPrefix("""
          members                6 rows
        → where status = active  5 rows
        → order by name          5 rows
        → limit 3                3 rows
        """))
        #expect(out.contains("(3 rows)"))
    }

    @Test func whyNotNamesTheFailingPartOfTheCondition() {
        let (out, _, ok) = TestSupport.session(".whynot Armenia members where status = active and attended = true")
        #expect(ok)
        #expect(out == "`status = active` is false: Armenia has status 'frozen'\n`attended = true` is false: Armenia has attended false")
        let inResult = TestSupport.session(".whynot russia members where status = active")
        #expect(inResult.out == "Russia meets the condition `status = active`")
        let quoted = TestSupport.session(".whynot \"Sadyr Japarov\" people where country.presidency = next")
        #expect(quoted.out == "`country.presidency = next` is false: Sadyr Japarov has country.presidency 'current'")
        let unknown = TestSupport.session(".whynot Narnia members where status = active")
        #expect(!unknown.ok)
        #expect(unknown.err.contains("no record 'Narnia' in members"))
    }

    @Test func dotCommandsByUnambiguousPrefix() {
        #expect(TestSupport.session(".desc exercises").out.contains("name_it"))
        let ambiguous = TestSupport.session(".s")
        #expect(!ambiguous.ok)
        #expect(ambiguous.err.contains("'.s' could be .set, .save, .source"))
        let unknown = TestSupport.session(".frobnicate")
        #expect(unknown.err.contains("unknown command '.frobnicate'"))
        let typo = TestSupport.session(".hlep")
        #expect(typo.err.contains("did you mean '.help'?"))
    }

    @Test func formatChangesTheOutput() {
        let (out, _, _) = TestSupport.session(".format csv\ncount members\n.format json\ncount people")
        // As printed: CSV's last line end is CRLF, and the JSON follows on the next line.
        #expect(out == "count\r\n6\r\n[\n  {\"count\": 7}\n]")
    }

    @Test func lastAndSourceUseTheLastResult() {
        let (out, _, ok) = TestSupport.session("members where name = Armenia select name\n.source")
        #expect(ok)
        // The article's own no-break spaces are kept, so compare without them.
        let plain = out.replacingOccurrences(of: "\u{A0}", with: " ")
        #expect(plain.contains("[1] Formalmente ne fa parte anche l'Armenia, ma questo paese ha congelato l'appartenenza alla CSTO.\n    ↳ Armenia"))
        let none = TestSupport.session(".last")
        #expect(!none.ok)
        #expect(none.err.contains("there is no result yet"))
    }

    @Test func saveWritesAtomicallyAndFailsCleanly() throws {
        let dir = try TestSupport.temporaryFolder()
        let file = dir.appendingPathComponent("out.csv").path
        let (out, _, ok) = TestSupport.session(".format csv\nmembers where status = frozen select name\n.save \(file)")
        #expect(ok)
        #expect(out.hasSuffix("saved 1 row to \(file) (csv)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "name\r\nArmenia\r\n")
        let missing = TestSupport.session("count members\n.save \(dir.path)/no/such/folder/x.txt\n.last")
        #expect(!missing.ok)
        #expect(missing.err.contains("cannot write '\(dir.path)/no/such/folder/x.txt': no such file or folder"))
        let readOnly = dir.appendingPathComponent("ro.txt").path
        try "keep".write(toFile: readOnly, atomically: true, encoding: .utf8)
        chmod(readOnly, 0o444)
        let ro = TestSupport.session("count members\n.save \(readOnly)")
        #expect(!ro.ok)
        #expect(ro.err.contains("the file is read-only"))
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.csv", "ro.txt"])
    }

    /// 2.3, point 7: `.whynot` with a record's name of two words, unquoted.
    @Test func whyNotWithAnUnquotedNameSaysToQuoteIt() {
        let r = TestSupport.session(".whynot Vladimir Putin people where role = president")
        #expect(!r.ok)
        #expect(r.err.contains("error: the record 'Vladimir Putin' has a blank in it, so it goes in quotes"), "\(r.err)")
        #expect(r.err.contains(#"help: .whynot "Vladimir Putin" people where role = …"#), "\(r.err)")
        let quoted = TestSupport.session(#".whynot "Vladimir Putin" people where role = president"#)
        #expect(quoted.ok && quoted.out.contains("Vladimir Putin meets the condition"), "\(quoted)")
    }

    /// 2.3, point 9: other shells' habits get the cstoq form.
    @Test func habitsFromOtherShellsGetTheirCstoqForm() throws {
        for (typed, form) in [(".tables", ".collections lists the collections"),
                              (".schema", "describe NAME (or .describe NAME) lists a collection's fields; .collections lists them all"),
                              (".mode csv", ".format table|line|json|csv|markdown|chart chooses how results are written"),
                              (".headers on", "cstoq always writes the column names (.format csv has them in its first line)")] {
            let r = TestSupport.session(typed)
            #expect(!r.ok, "\(typed)")
            #expect(r.err.contains("help: cstoq's form: " + form), "\(typed): \(r.err)")
        }
        let exit = TestSupport.session(".exit\ncount members")
        #expect(exit.ok && !exit.out.contains("│"), "\(exit)")  // .exit is .quit: nothing after it runs
        #expect(TestSupport.session("quit").err.contains("help: .quit (or Ctrl-D) leaves cstoq"))
        #expect(TestSupport.session("help").err.contains("help: .help lists the commands and topics"))
        // .timer alone says its setting; .set NAME alone clears it.
        #expect(TestSupport.session(".timer").out == "timer: off")
        #expect(TestSupport.session(".timer on\n.timer").out.hasSuffix("timer: on"))
        let cleared = TestSupport.session(".set who Putin\n.set who\n.set")
        #expect(cleared.ok && cleared.out.isEmpty, "\(cleared)")
        // SQL's like wildcards find nothing, and the advice says so.
        let like = TestSupport.session("people where name like 'V%'")
        #expect(like.err == "0 rows — like uses * and ? as wildcards, not SQL's % and _: like \"V*\"", "\(like.err)")
        // .save takes the format from the file's extension.
        let dir = try TestSupport.temporaryFolder()
        let saved = TestSupport.session("members where status = frozen select name\n.save \(dir.path)/a.csv\n.save \(dir.path)/a.json")
        #expect(saved.out.contains("(csv)") && saved.out.contains("(json)"), "\(saved.out)")
        #expect(try String(contentsOfFile: dir.path + "/a.csv", encoding: .utf8) == "name\r\nArmenia\r\n")
        #expect(try String(contentsOfFile: dir.path + "/a.json", encoding: .utf8).contains("\"name\": \"Armenia\""))
    }

    @Test func keepGoingRunsEverythingAndCountsFailures() {
        let (out, _, ok) = TestSupport.session("count members\nmembres\ncount people") { $0.keepGoing = true }
        #expect(!ok)
        #expect(out.contains("│     7 │"))
    }

    @Test func setGivesParametersValues() {
        let (out, _, ok) = TestSupport.session(".set who Vladimir Putin\npeople where name = $who select country.name")
        #expect(ok)
        #expect(out.contains("Russia"))
    }

    @Test func interactiveCommandsNeedTheREPL() {
        let (_, err, ok) = TestSupport.session(".history")
        #expect(!ok)
        #expect(err.contains("'.history' works only in the interactive session"))
    }

    /// `.help functions` lists every function of the catalog with its example
    /// and the example's output, computed now (so a wrong example fails here).
    @Test func helpFunctionsShowsEveryFunctionWithItsOutput() throws {
        let text = try Help.text(for: "functions").get()
        for entry in FunctionCatalog.scalar.map(\.1) + FunctionCatalog.aggregate.map(\.1) {
            #expect(text.contains("  " + entry.signature + " "), "\(entry.name)")
            #expect(text.contains(entry.summary), "\(entry.name)")
            let output = Help.run(entry.example)
            #expect(!output.contains("error:"), "\(entry.example)\n\(output)")
            #expect(text.contains("cstoq> " + entry.example + "\n" + output), "\(entry.name)")
        }
        #expect(text.contains("cstoq> events group by year(date)\n┌────────────┬───────┐\n│ year(date) │ count │"))
        let table = try #require(text.components(separatedBy: "\n\nExamples").first)
        #expect(table.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }

    @Test func everyHelpExampleRunsAndShowsRows() {
        for topic in Help.topics {
            for example in topic.examples {
                let output = Help.run(example)
                #expect(!output.contains("error:"), "\(topic.name): \(example)\n\(output)")
                #expect(output.contains("row"), "\(topic.name): \(example)")
            }
        }
        guard case let .success(text) = Help.text(for: "where") else { Issue.record(); return }
        #expect(text.contains("cstoq> members where status = frozen\n┌"))
        #expect(Help.text(for: "wher").failureMessage?.contains("did you mean '.help where'?") == true)
    }
}

extension Result where Failure == Diagnostic {
    var failureMessage: String? {
        if case let .failure(d) = self { return d.text + " " + (d.help ?? "") }
        return nil
    }
}
