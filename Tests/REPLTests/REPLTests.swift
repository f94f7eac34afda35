import Foundation
import Testing

/// The interactive session end to end: the built binary in a tmux pane,
/// driven with keys, judged by what the terminal shows (see TerminalSession).
@Suite struct REPLTests {
    /// Runs `body` with a fresh workspace and a session in it, and always
    /// kills the tmux server and deletes the folder afterwards.
    func withSession(arguments: [String] = [], environment: [String: String] = [:], shellAfter: Bool = false,
                     _ body: (TerminalSession, Workspace) throws -> Void) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let terminal = try TerminalSession(workspace: workspace, arguments: arguments, environment: environment, shellAfter: shellAfter)
        defer { terminal.close() }
        try body(terminal, workspace)
    }

    // 1
    @Test func typingAndRunningAQuery() throws {
        try withSession { t, _ in
            let start = try t.waitFor(text: "cstoq>")
            #expect(start.split(separator: "\n").contains { $0.contains(".help") }, "no welcome line with .help:\n\(start)")
            try t.waitForPrompt()
            try t.enter("members where status = active select name")
            let screen = try t.waitFor(text: "(5 rows)")
            let rows = screen.split(separator: "\n").map(String.init)
            for name in ["Russia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan"] {
                #expect(rows.contains { $0.hasPrefix("│ \(name) ") }, "no row for \(name):\n\(screen)")
            }
            #expect(!screen.contains("Armenia"), "a frozen member was listed:\n\(screen)")
            try t.waitForPrompt()
        }
    }

    // 2
    @Test func tabCompletion() throws {
        try withSession { t, w in
            try t.waitForPrompt()

            // A keyword, with the space after it.
            try t.type("members wh")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> members where ")

            // A field.
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type("members where sta")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> members where status ")

            // Values: two candidates are listed, then a unique prefix completes.
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type("members where status = ")
            try t.press("Tab")
            try t.waitFor("the values active and frozen listed under the line") { screen in
                let rows = screen.split(separator: "\n")
                guard rows.count >= 2 else { return false }
                return rows.dropLast().last.map { $0.contains("active") && $0.contains("frozen") } == true
                    && rows.last == "cstoq> members where status ="
            }
            try t.type("fr")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> members where status = frozen ")

            // A path through a reference lists the referenced collection's fields.
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type("members select leader.")
            try t.press("Tab")
            try t.waitFor("people's fields listed under 'members select leader.'") { screen in
                let rows = screen.split(separator: "\n")
                guard rows.count >= 2, rows.last == "cstoq> members select leader." else { return false }
                let listing = rows[rows.count - 2]
                return listing.contains("country") && listing.contains("role")
            }

            // A quoted value with a space in it.
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type("people where name = \"Vla")
            try t.press("Tab")
            try t.waitFor("the quoted name completed") { screen in
                screen.split(separator: "\n").last?.hasPrefix("cstoq> people where name = \"Vladimir Putin\"") == true
            }

            // A dot-command.
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type(".desc")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> .describe ")

            // File names, from the real folders (HOME is the workspace): a folder, then a script in it.
            try FileManager.default.createDirectory(at: w.folder.appendingPathComponent("lessons"), withIntermediateDirectories: true)
            try "count members\n".write(to: w.folder.appendingPathComponent("lessons/one.cstoq"), atomically: true, encoding: .utf8)
            try t.press("C-u")
            try t.waitForPrompt()
            try t.type(".run ~/les")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> .run ~/lessons/")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> .run ~/lessons/one.cstoq ")
        }
    }

    // 3
    @Test func historyAcrossSessions() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        do {
            let t = try TerminalSession(workspace: workspace)
            defer { t.close() }
            try t.waitForPrompt()
            try t.enter("members where status = active select name")
            try t.waitFor(text: "(5 rows)")
            try t.waitForPrompt()
            try t.enter(" count people")  // a leading space: not remembered
            try t.waitFor(text: "│     7 │")
            try t.waitForPrompt()
            try t.enter("count members")
            try t.waitFor(text: "│     6 │")
            try t.waitForPrompt()
            try t.enter("count members")  // a repeat: remembered once
            try t.waitFor("a second count") { $0.components(separatedBy: "│     6 │").count == 3 }
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitForExit()
        }

        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.historyPath)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode == 0o600, "history file mode is \(String(mode, radix: 8))")
        #expect(try workspace.historyEntries() == ["members where status = active select name", "count members"])

        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.press("Up")
        try t.waitForEditedLine("cstoq> count members")
        try t.press("Up")
        try t.waitForEditedLine("cstoq> members where status = active select name")
        try t.press("Up")  // nothing older: the line stays
        try t.press("Down")
        try t.waitForEditedLine("cstoq> count members")
    }

    // 4
    @Test func multiLineStatement() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        do {
            let t = try TerminalSession(workspace: workspace)
            defer { t.close() }
            try t.waitForPrompt()
            try t.enter("members where (status = active")
            try t.waitFor("the continuation prompt") { $0.split(separator: "\n").last?.contains("...(>") == true }
            try t.enter("and attended = true)")
            let screen = try t.waitFor(text: "(5 rows)")
            #expect(!screen.contains("error"), "\(screen)")
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitForExit()
        }
        #expect(try workspace.historyEntries() == ["members where (status = active\nand attended = true)"])

        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.press("Up")
        try t.waitFor("both lines recalled together") { screen in
            let rows = screen.split(separator: "\n")
            return rows.count >= 2 && rows[rows.count - 2] == "cstoq> members where (status = active"
                && rows[rows.count - 1] == "and attended = true)"
        }
        try t.press("Enter")
        try t.waitFor(text: "(5 rows)")
        try t.waitForPrompt()
    }

    // 5
    /// 2.3, point 6: Ctrl-D at a continuation prompt ends the statement, whose
    /// error says what is unfinished, and the session goes on; on an empty prompt it quits.
    @Test func ctrlDAtAContinuationPromptSaysWhatIsUnfinished() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.enter("members where (status = active")
        try t.waitFor("the continuation prompt") { $0.split(separator: "\n").last?.contains("...(>") == true }
        try t.press("C-d")
        let screen = try t.waitFor(text: "(Ctrl-D again on an empty prompt quits)")
        #expect(screen.contains("error: unbalanced parenthesis: '(' is never closed"), "\(screen)")
        #expect(screen.contains("help: add ')' to close it"), "\(screen)")
        try t.waitForPrompt()
        // Still running: a query answers.
        try t.enter("count members")
        try t.waitFor(text: "│     6 │")
        try t.waitForPrompt()
        try t.press("C-d")
        try t.waitForExit()
        #expect(try workspace.historyEntries() == ["members where (status = active", "count members"])
    }

    /// 2.3, point 9: `help` is .help, psql's `\\q` and sqlite3's `.tables` get the cstoq form, `exit` leaves.
    @Test func habitsFromOtherShells() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.enter("help")
        try t.waitFor(text: "Tab completes names, fields and values")
        try t.waitForPrompt()
        try t.enter("\\q")
        try t.waitFor(text: "help: cstoq's form: .quit (or Ctrl-D) leaves cstoq")
        try t.waitForPrompt()
        try t.enter(".tables")
        try t.waitFor(text: "help: cstoq's form: .collections lists the collections")
        try t.waitForPrompt()
        try t.enter("members where status = active && attended")
        try t.waitFor(text: "help: cstoq joins conditions with 'and'")
        try t.waitForPrompt()
        try t.enter("exit")
        try t.waitForExit()
    }

    @Test func continuationPromptInsideAString() throws {
        try withSession { t, _ in
            try t.waitForPrompt()
            try t.enter("people where name = \"Vladimir")
            try t.waitFor("a continuation prompt for an open string") { screen in
                let rows = screen.split(separator: "\n")
                return rows.count >= 2 && rows[rows.count - 2] == "cstoq> people where name = \"Vladimir"
                    && rows.last!.contains("...\"") && !rows.last!.contains("cstoq>")
            }
        }
    }

    // 6
    @Test func ctrlCDropsAPendingStatement() throws {
        try withSession { t, _ in
            try t.waitForPrompt()
            try t.enter("members where")
            try t.waitFor("the continuation prompt") { screen in
                screen.split(separator: "\n").last.map { !$0.hasPrefix("cstoq>") && $0.contains("...") } == true
            }
            try t.press("C-c")
            try t.waitForPrompt()
            #expect(try t.screen().contains("^C"))
            try t.enter("count members")
            let screen = try t.waitFor(text: "(1 row)")
            #expect(screen.contains("│     6 │"), "\(screen)")
            #expect(!screen.contains("error"), "the dropped text was still pending:\n\(screen)")
            try t.waitForPrompt()
        }
    }

    // 7
    @Test func ctrlDExitsAndLeavesTheTerminalSane() throws {
        try withSession(shellAfter: true) { t, _ in
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitFor(text: "EXITED 0")
            // The shell after cstoq relies on the terminal's own echo.
            try t.waitFor("the shell's prompt") { $0.split(separator: "\n").last.map { $0 == "$" || $0 == "#" } == true }
            try t.enter("echo hi")
            try t.waitFor("the typed command echoed and run") { screen in
                let rows = screen.split(separator: "\n")
                return rows.contains { $0.hasSuffix(" echo hi") } && rows.contains("hi")
            }
        }
    }

    // 8
    @Test func editingUTF8() throws {
        try withSession { t, workspace in
            try t.waitForPrompt()
            try t.type("members where name_it = \"Kirghizistàx\"")
            try t.press("BSpace", "BSpace")
            try t.waitForEditedLine("cstoq> members where name_it = \"Kirghizistà")
            try t.type("n\"")
            try t.press("Enter")
            let screen = try t.waitFor(text: "(0 rows)")
            #expect(screen.contains("cstoq> members where name_it = \"Kirghizistàn\""), "\(screen)")
            #expect(!screen.contains("error"), "\(screen)")
            #expect(!screen.contains("UTF-8"), "\(screen)")
            try t.waitForPrompt()
            #expect(try workspace.historyEntries() == ["members where name_it = \"Kirghizistàn\""])
        }
    }

    // 9
    @Test func unwritableHistoryWarnsOnce() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // A history file below a regular file: no one can create it, not even root.
        let blocker = workspace.path + "/not-a-folder"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x\n".utf8))
        let t = try TerminalSession(workspace: workspace, environment: ["CSTOQ_HISTORY": blocker + "/history"])
        defer { t.close() }
        try t.waitForPrompt()
        try t.enter("count members")
        try t.waitFor(text: "│     6 │")
        try t.waitForPrompt()
        try t.enter("count people")
        try t.waitFor(text: "│     7 │")
        try t.waitForPrompt()
        let screen = try t.screen(scrollback: true)
        let warnings = screen.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1, "expected one warning:\n\(screen)")
        #expect(screen.components(separatedBy: "warning").count == 2, "expected one warning:\n\(screen)")
        #expect(warnings.first?.contains("history") == true, "\(screen)")
    }

    // 10
    @Test func tutorialRunsChecksAndResumes() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        do {
            let t = try TerminalSession(workspace: workspace)
            defer { t.close() }
            try t.waitForPrompt()
            try t.enter(".tutorial")
            try t.waitFor(text: "Step 1 of")
            try t.waitForEditedLine("cstoq> members")  // pre-filled
            try t.press("Enter")
            try t.waitFor(text: "(6 rows)")
            try t.waitForPrompt()

            try t.enter(".next")
            try t.waitFor(text: "Step 2 of")
            try t.waitFor("the next example pre-filled") { $0.split(separator: "\n").last.map { $0.count > "cstoq> ".count } == true }
            try t.press("C-u")
            try t.waitForPrompt()
            try t.enter(".next")
            try t.waitFor(text: "Which members did not attend")
            try t.waitForPrompt()

            try t.enter("members where attended = false")
            let wrong = try t.waitFor(text: "extra columns")
            let report = wrong.split(separator: "\n").first { $0.contains("extra columns") } ?? ""
            #expect(report.contains("id") && report.contains("name_it"), "\(wrong)")
            #expect(!wrong.contains("✓"), "\(wrong)")
            try t.waitForPrompt()

            try t.enter("members where attended = false select name as country")
            try t.waitFor(text: "✓ Correct")  // other column names: still right
            try t.waitForPrompt()

            // Solved: the next query is not graded again.
            try t.enter("members where attended = false select name, status")
            // (The first attempt's table showed "frozen" too: wait for this one's rows, after its line.)
            try t.waitFor("the second answer's rows") { ($0.components(separatedBy: "select name, status").last ?? "").contains("(1 row)") }
            try t.waitForPrompt()
            let again = try t.waitFor("the prompt after it") { _ in true }
            let after = again.components(separatedBy: "select name, status").last ?? ""
            #expect(!after.contains("extra columns") && !after.contains("✓") && !after.contains("✗"), "\(again)")

            // Hints never give the answer away; .solution does, when asked.
            try t.enter(".hint")
            try t.waitFor("a hint") { $0.split(separator: "\n").contains { $0.hasPrefix("hint:") } }
            try t.waitForPrompt()
            try t.enter(".hint")
            let hints = try t.waitFor(text: ".solution shows an answer")
            #expect(!hints.contains("answer: members"), "\(hints)")
            try t.waitForPrompt()
            try t.enter(".solution")
            try t.waitFor(text: "solution: members where attended = false select name")
            try t.waitForPrompt()
            try t.enter(".tutorial off")
            try t.waitFor(text: "Tutorial off: queries are not checked. .tutorial resumes at step 3.")
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitForExit()
        }

        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.enter(".tutorial")
        let screen = try t.waitFor(text: "Which members did not attend")
        #expect(screen.contains("Step 3 of"), "\(screen)")
        #expect(!screen.contains("Step 1 of"), "\(screen)")
    }

    // 11
    @Test func ctrlCCancelsARunningQuery() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let data = workspace.path + "/items.json"
        try REPLTests.writeBigDataset(to: data, records: 300_000)

        let t = try TerminalSession(workspace: workspace, arguments: ["--data", data])
        defer { t.close() }
        try t.waitForPrompt(timeout: 30)  // loading 300 000 records takes a few seconds in a debug build
        // Tens of seconds in a debug build, seconds in a release one.
        let slow = (["*x*y*z*"] + (1...9).map { "*q\($0)*y*z*" }).map { "tag like \"\($0)\"" }.joined(separator: " or ")
        try t.enter("items where " + slow)
        // Enter accepted: the cursor went below the (wrapped) statement, and no new prompt came.
        try t.waitFor("the statement accepted") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard rows.contains(where: { $0.hasPrefix("cstoq> items where") }), rows.last?.hasSuffix("\"*q9*y*z*\"") == true else { return false }
            let cursor = try t.cursor()
            return cursor.x == 0 && cursor.y == rows.count
        }
        // Let the query get going (the only fixed pause: a running query shows nothing).
        Thread.sleep(forTimeInterval: 0.3)
        try t.press("C-c")
        let screen = try t.waitFor(text: "query cancelled", timeout: 5)
        #expect(!screen.contains("rows)"), "the query finished instead of being cancelled:\n\(screen)")
        try t.waitForPrompt()
        try t.enter("count items")
        try t.waitFor(text: "│ 300000 │")
        try t.waitForPrompt()
    }

    /// Grouping, distinct, sorting, printing and `.load` stop at Ctrl-C too
    /// (each takes seconds on 300,000 records in a debug build); a cancelled
    /// `.load` keeps the dataset that was loaded, and what follows `^C` starts
    /// on a line of its own.
    @Test func ctrlCCancelsGroupingDistinctSortingPrintingAndLoading() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let data = workspace.path + "/items.json"
        try REPLTests.writeBigDataset(to: data, records: 300_000)
        let other = workspace.path + "/small.json"
        try #"{"cstoq": 1, "title": "Small", "collections": {"things": {"fields": {"n": "integer"}, "records": [{"id": "a", "n": 1, "source": ["A."]}]}}}"#
            .write(toFile: other, atomically: true, encoding: .utf8)

        let t = try TerminalSession(workspace: workspace, arguments: ["--data", other])
        defer { t.close() }
        try t.waitForPrompt()
        try t.enter(".load " + data)
        try t.waitFor(text: "loaded ", timeout: 60)
        try t.waitForPrompt()
        // Cut to the screen, at once; `.last` then prints all 300,000 rows.
        try t.enter("items")
        try t.waitFor(text: "(300000 rows, the first")
        try t.waitForPrompt()
        try t.press("C-l")
        let statements = [
            "items group by tag, n order by count desc limit 3",
            "items select distinct tag",
            "items order by tag desc",
            ".last",
        ]
        for statement in statements {
            try t.enter(statement)
            // The only fixed pause: a running statement shows nothing to wait for.
            Thread.sleep(forTimeInterval: 0.3)
            try t.press("C-c")
            let screen = try t.waitFor(text: "error: query cancelled", timeout: 5)
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = try #require(rows.lastIndex(of: "cstoq> " + statement), "\(screen)")
            let after = Array(rows[(start + 1)...])
            #expect(!after.contains { $0.hasSuffix("rows)") || $0.hasSuffix("row)") }, "\(statement) finished instead of stopping:\n\(screen)")
            // `^C` is alone on its line: the error does not follow it on the same line.
            let echo = try #require(after.firstIndex { $0.contains("^C") }, "\(screen)")
            #expect(after[echo].hasSuffix("^C"), "\(screen)")
            #expect(after.contains { $0.hasPrefix("error: query cancelled") || $0.hasPrefix("<input>: error: query cancelled") }, "\(screen)")
            try t.waitForPrompt()
            try t.press("C-l")
        }
        // A cancelled .load keeps the dataset that is loaded.
        try t.enter(".load " + other)
        try t.waitFor(text: "loaded ")
        try t.waitForPrompt()
        try t.press("C-l")
        try t.enter(".load " + data)
        Thread.sleep(forTimeInterval: 0.3)
        try t.press("C-c")
        try t.waitFor(text: "error: load cancelled")
        try t.waitFor(text: "is still loaded")
        try t.waitForPrompt()
        try t.enter("count things")
        try t.waitFor(text: "│     1 │")
        try t.waitForPrompt()
    }

    /// A result taller than the terminal is cut to fit with a footer (the
    /// statement stays on the screen); `.pager on` pages it through less.
    @Test func longResultsAreCutOrPaged() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let data = workspace.path + "/items.json"
        try REPLTests.writeBigDataset(to: data, records: 500)
        let t = try TerminalSession(workspace: workspace, arguments: ["--data", data])
        defer { t.close() }
        try t.waitForPrompt()
        try t.press("C-l")
        try t.enter("items")
        let screen = try t.waitFor(text: "(500 rows, the first 22 shown: .last shows all, .save FILE writes them, .pager on")
        try t.waitForPrompt()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "cstoq> items", "the statement scrolled away:\n\(screen)")
        #expect(lines.filter { $0.hasPrefix("│ i") && $0.dropFirst(3).first?.isNumber == true }.count == 22, "\(screen)")
        try t.enter(".pager")
        try t.waitFor(text: "pager: off")
        try t.enter(".pager on")
        try t.press("C-l")
        try t.enter("items")
        // less (-F -R -X) shows the first screenful and its prompt, ':'.
        try t.waitFor("less's prompt") { $0.split(separator: "\n").last == ":" }
        try t.press("q")
        try t.waitForPrompt()
        // `.last` (every row) goes through the pager too.
        try t.press("C-l")
        try t.enter(".last")
        try t.waitFor("less's prompt") { $0.split(separator: "\n").last == ":" }
        try t.press("q")
        try t.waitForPrompt()
        // A result that fits is not paged.
        try t.press("C-l")
        try t.enter("count items")
        try t.waitFor(text: "│   500 │")
        try t.waitForPrompt()
    }

    /// At 60 columns a wide table never wraps: the columns that fit are shown
    /// and the others named; a result that cannot fit at all is shown one
    /// field per line, as `.format line` shows any; `.last` wraps long cells
    /// inside their columns, borders intact.
    @Test func wideResultsStayReadable() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let t = try TerminalSession(workspace: workspace, columns: 60)
        defer { t.close() }
        try t.waitForPrompt()
        func table(_ screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("├") || $0.hasPrefix("└") }
        }
        try t.press("C-l")
        try t.enter("members")
        var screen = try t.waitFor(text: "(6 rows)")
        try t.waitForPrompt()
        #expect(screen.contains("3 more columns not shown: presidency, organization, note"), "\(screen)")
        #expect(screen.contains("│ id     │ name    │ name_it │ status │ leader  │ attended │"), "\(screen)")
        // 10 lines: borders, header, 6 rows; every one ends with its border (nothing wrapped).
        #expect(table(screen).count == 10 && table(screen).allSatisfy { $0.hasSuffix("┐") || $0.hasSuffix("│") || $0.hasSuffix("┤") || $0.hasSuffix("┘") }, "\(screen)")

        try t.press("C-l")
        try t.enter("members where id = russia")
        screen = try t.waitFor(text: "(1 row)")
        #expect(screen.contains("presidency   │ next"), "\(screen)")
        #expect(screen.contains("note         │ Takes over the presidency"), "\(screen)")
        try t.waitForPrompt()

        try t.press("C-l")
        try t.enter("members where id = russia select name, note")
        screen = try t.waitFor(text: "(1 row)")
        #expect(screen.contains("…"), "\(screen)")
        try t.waitForPrompt()
        try t.press("C-l")
        try t.enter(".last")
        screen = try t.waitFor(text: "(1 row)")
        let rows = table(screen).filter { $0.hasPrefix("│") }
        #expect(rows.count > 2 && rows.allSatisfy { $0.hasSuffix("│") && $0.count <= 60 }, "\(screen)")
        #expect(!screen.contains("…"), "\(screen)")
        try t.waitForPrompt()

        try t.press("C-l")
        try t.enter("\\x")
        try t.waitFor(text: ".format line")
        try t.enter(".format line")
        try t.enter("members select name, status limit 2")
        screen = try t.waitFor(text: "(2 rows)")
        #expect(screen.contains("name   │ Belarus"), "\(screen)")
        #expect(screen.contains("─[ 2 ]"), "\(screen)")
        try t.waitForPrompt()
    }

    /// Lines pasted together are read as a script reads them: a line that
    /// starts with a clause keyword carries on the statement above; the same
    /// line typed alone after its statement ran says how to carry it on.
    @Test func pastedLinesRunAsOneStatement() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let lesson = try String(contentsOf: REPLTests.samplesFolder.appendingPathComponent("04-order-and-limit.cstoq"), encoding: .utf8)
        let lines = lesson.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "statements"))
        let pasted = lines[start..<(start + 5)].joined(separator: "\n")
        #expect(pasted.hasSuffix("order by verb"), "\(pasted)")
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.press("C-l")
        try t.paste(pasted + "\ncount members\n")
        let screen = try t.waitFor(text: "│     6 │")
        try t.waitForPrompt()
        #expect(!screen.contains("error:"), "\(screen)")
        #expect(screen.contains("│ verb "), "\(screen)")
        #expect(screen.contains("(8 rows)") || screen.contains(" rows)"), "\(screen)")
        // One statement in the history, then `count members`.
        let history = try workspace.historyEntries()
        #expect(history.suffix(2) == [pasted, "count members"], "\(history)")

        // Typed by hand, after the statement has run.
        try t.press("C-l")
        try t.enter("members")
        try t.waitFor(text: "(6 rows)")
        try t.waitForPrompt()
        try t.enter("  where status = active")
        try t.waitFor(text: "error: a query starts with a collection's name, not with 'where'")
        try t.waitFor(text: "press Up to bring it back")
        try t.waitForPrompt()
    }

    /// Tab after `count `, `describe `, `explain trace ` offers the
    /// collections; `count` alone and Enter asks for the collection's name.
    @Test func aCollectionFollowsCountDescribeAndExplain() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        for lead in ["count ", "describe ", "explain trace "] {
            try t.press("C-l")
            try t.type(lead)
            try t.press("Tab")
            try t.waitFor("the collections listed after '\(lead)'") { screen in
                screen.contains("members") && screen.contains("statements") && screen.contains("organizations")
            }
            try t.type("memb")
            try t.press("Tab")
            try t.waitForEditedLine("cstoq> " + lead + "members ")
            try t.press("C-u")
            try t.waitForPrompt()
        }
        // Completing in the middle of the line leaves one blank, not two.
        try t.press("C-l")
        try t.type("members where sta = active")
        for _ in 0..<9 { try t.press("Left") }
        try t.press("Tab")
        try t.waitFor("status completed mid-line") { $0.split(separator: "\n").last == "cstoq> members where status = active" }
        #expect(try t.cursor().x == "cstoq> members where status ".count)
        try t.press("C-u")
        try t.press("C-e", "C-u")
        try t.waitForPrompt()
        try t.press("C-l")
        try t.enter("count")
        try t.waitForEditedLine("  ...> ")
        try t.enter("members")
        let screen = try t.waitFor(text: "│     6 │")
        #expect(!screen.contains("unknown collection"), "\(screen)")
        try t.waitForPrompt()
        #expect(try workspace.historyEntries().last == "count members")
    }

    /// The mistake is blamed on the word that makes it (2.3, point 7).
    /// A CSV given on the command line: its summary above the first prompt,
    /// its fields and values completed, `.load` of another file with a
    /// reference, and `.source` naming the file and line.
    @Test func aCSVFileIsExploredLikeTheSummit() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try "name,status,city\nPen,active,bishkek\nInk,retired,osh\nCup,active,bishkek\n"
            .write(to: workspace.folder.appendingPathComponent("items.csv"), atomically: true, encoding: .utf8)
        try "id,name\nbishkek,Bishkek\nosh,Osh\n".write(to: workspace.folder.appendingPathComponent("cities.csv"), atomically: true, encoding: .utf8)
        let items = workspace.path + "/items.csv", cities = workspace.path + "/cities.csv"
        let t = try TerminalSession(workspace: workspace, arguments: ["--data", items])
        defer { t.close() }
        try t.waitForPrompt()
        try t.waitFor(text: "items.csv: 3 records, 3 fields (name text, status text, city text)")
        try t.type("items where sta")
        try t.press("Tab")
        try t.waitForEditedLine("cstoq> items where status ")
        try t.type("= ")
        try t.press("Tab")
        try t.waitFor("the values of status offered") { $0.contains("active") && $0.contains("retired") }
        try t.type("ret")
        try t.press("Tab")
        try t.waitForEditedLine("cstoq> items where status = retired ")
        try t.press("Enter")
        try t.waitFor(text: "│ Ink  │")
        try t.enter(".load \(items) \(cities) --ref items.city=cities")
        try t.waitFor(text: "cities.csv: 2 records")
        try t.enter("items where city.name = Osh select name, city.name")
        try t.waitFor(text: "│ Ink  │ Osh       │")
        try t.enter(".source")
        try t.waitFor(text: "items.csv, line 3")
    }

    @Test func theFirstWordsMistakeIsBlamedOnIt() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        for (typed, said) in [
            ("show tables", "help: .collections lists the collections"),
            ("list members", "error: 'list' is not a cstoq command"),
            ("where status = active", "error: a query starts with a collection's name, not with 'where'"),
            ("members where name = Vladimir Putin", #"help: a text of several words goes in quotes: = "Vladimir Putin""#),
            (".whynot Vladimir Putin people where role = president", "error: the record 'Vladimir Putin' has a blank in it, so it goes in quotes"),
            ("members where status = \"active\" atended", "help: here a query can go on with: and, or, group by"),
        ] {
            try t.press("C-l")
            try t.enter(typed)
            try t.waitFor(text: said)
            try t.waitForPrompt()
        }
    }

    /// The repository's Samples folder, found from this file's place.
    static var samplesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
    }

    /// One collection `items` (n: integer, tag: text) with `records` records.
    // 12
    /// The hostile string of CSTOQTests/HostileTextTests in file names that
    /// Tab lists and in a history entry that `.history` lists: shown escaped,
    /// and the screen (the welcome line above) never cleared.
    @Test func hostileFileNamesAndHistoryAreListedEscaped() throws {
        let h = "\u{1B}[2J\u{1B}]0;x\u{07}\u{9B}31m\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200B}\u{FEFF}\u{2028}\u{2029}\u{E0041}"
        let shown = #"\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{202e}"#
        let workspace = try Workspace()
        defer { workspace.remove() }
        let folder = workspace.folder.appendingPathComponent("hx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["a" + h + ".json", "b" + h + ".json"] {
            try "[]".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "#cstoq-history 1\n\(h)\ncount\\nmembers\n".write(toFile: workspace.historyPath, atomically: true, encoding: .utf8)
        let t = try TerminalSession(workspace: workspace)
        defer { t.close() }
        try t.waitForPrompt()
        try t.type(".load ~/hx/")
        try t.press("Tab")
        try t.waitFor("both file names listed escaped under the line") { screen in
            screen.contains("a" + shown) && screen.contains("b" + shown) && screen.contains(".help to begin")
        }
        try t.press("C-u")
        try t.waitForPrompt()
        try t.enter(".history")
        let screen = try t.waitFor("the entries listed escaped") { $0.contains("    1  " + shown) && $0.contains("    2  count") }
        #expect(screen.contains(".help to begin"), "the screen was cleared:\n\(screen)")
        // A multi-line entry keeps its line break, indented under the first line.
        #expect(screen.contains("    2  count\n       members"), "\(screen)")
    }

    static func writeBigDataset(to path: String, records: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var chunk = #"{"cstoq": 1, "title": "Many items", "collections": {"items": {"fields": {"n": "integer", "tag": "text"}, "records": ["#
        let filler = String(repeating: "abcdefghij", count: 4)
        for n in 0..<records {
            if n > 0 { chunk += ",\n" }
            chunk += #"{"id": "i\#(n)", "n": \#(n), "tag": "tag-\#(n)-\#(filler)", "source": ["An item."]}"#
            if chunk.utf8.count > 1 << 20 {
                file.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += "]}}}\n"
        file.write(Data(chunk.utf8))
    }
}
