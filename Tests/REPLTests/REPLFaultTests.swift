import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The REPL when things go wrong: every way out leaves the terminal usable,
/// concurrent sessions keep each other's history, an unwritable history
/// costs one warning and nothing else, and the history file stays private.
///
/// The terminal tests start cstoq from an interactive `sh` in the pane, as a
/// user would: dash, which has no line editing and so shows the terminal's
/// own modes as they are, with job control, so cstoq runs in its own process
/// group and only it gets the signals (libedit re-sends a signal to its
/// whole group). After cstoq ends, `echo hi` must show both the typed
/// command (the terminal echoes) and its output, and `stty -a` must report
/// `echo` and `icanon`. `theProbeSeesARawTerminal` shows the probe fails on
/// a terminal left in raw mode.
@Suite struct REPLFaultTests {
    // MARK: Terminal modes after every kind of exit

    @Test func terminalRestoredAfterQuit() throws {
        try withShell { t, _ in
            try t.enter(TerminalSession.commandLine([]))
            try t.waitForPrompt()
            try t.enter(".quit")
            try t.waitFor(text: "EXITED 0")
            try expectSaneTerminal(t)
        }
    }

    @Test func terminalRestoredAfterCtrlD() throws {
        try withShell { t, _ in
            try t.enter(TerminalSession.commandLine([]))
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitFor(text: "EXITED 0")
            try expectSaneTerminal(t)
        }
    }

    @Test func terminalRestoredAfterAStartupError() throws {
        try withShell { t, workspace in
            try t.enter(TerminalSession.commandLine(["--data", workspace.path + "/nonexistent.json"]))
            let screen = try t.waitFor(text: "EXITED 1")
            #expect(screen.contains("nonexistent.json"), "no error naming the missing file:\n\(screen)")
            try expectSaneTerminal(t)
        }
    }

    /// Every signal that ends a program by default, mid-edit (libedit has the
    /// terminal in raw mode): the terminal is restored, no crash report, the
    /// shell sees 128 + the signal, at once.
    @Test(arguments: [SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM])
    func terminalRestoredAfterASignalWhileEditing(_ signal: Int32) throws {
        try withShell { t, _ in
            try t.enter(TerminalSession.commandLine([]))
            try t.waitForPrompt()
            try t.type("members wh")
            try t.waitForEditedLine("cstoq> members wh")
            let cstoq = try childProcess(of: t.panePID(), named: "cstoq")
            #expect(kill(cstoq, signal) == 0)
            let screen = try t.waitFor(text: "EXITED \(128 + signal)")
            #expect(screen.contains("cstoq: ended by SIG"), "\(screen)")
            #expect(!screen.contains("crashed") && !screen.contains("💣"), "\(screen)")
            try expectSaneTerminal(t)
        }
    }

    @Test func ctrlCDuringAQueryCancelsItThenQuitLeavesTheTerminalSane() throws {
        try withShell { t, workspace in
            let data = workspace.path + "/items.json"
            try REPLTests.writeBigDataset(to: data, records: 200_000)
            try t.enter(TerminalSession.commandLine(["--data", data]))
            try t.waitForPrompt(timeout: 30)
            let slow = (["*x*y*z*"] + (1...9).map { "*q\($0)*y*z*" }).map { "tag like \"\($0)\"" }.joined(separator: " or ")
            try t.enter("items where " + slow)
            try t.waitFor("the statement accepted") { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                guard rows.last?.hasSuffix("\"*q9*y*z*\"") == true else { return false }
                let cursor = try t.cursor()
                return cursor.x == 0 && cursor.y == rows.count
            }
            Thread.sleep(forTimeInterval: 0.3)  // a running query shows nothing to wait for
            try t.press("C-c")
            let screen = try t.waitFor(text: "query cancelled", timeout: 5)
            #expect(!screen.contains("rows)"), "the query finished instead of being cancelled:\n\(screen)")
            #expect(!screen.split(separator: "\n").contains { $0.hasPrefix("EXITED") }, "Ctrl-C ended the session:\n\(screen)")
            try t.waitForPrompt()
            try t.enter("count items")
            try t.waitFor(text: "│ 200000 │")
            try t.waitForPrompt()
            try t.enter(".quit")
            // Not killed by the signal (that would be 130). The status is 1, as
            // after any failed statement: the cancelled one counts as failed.
            let status = try waitForExitStatus(t)
            #expect(status < 128, "cstoq ended by a signal, status \(status)")
            try expectSaneTerminal(t)
        }
    }

    /// The probe itself: on a terminal left without echo and line mode it must
    /// say so, or the tests above could not fail.
    @Test func theProbeSeesARawTerminal() throws {
        try withShell { t, _ in
            try waitForShellPrompt(t)
            try t.enter("stty -echo -icanon")
            let state = try probeTerminal(t)
            #expect(!state.echoes, "the typed command was shown with echo off:\n\(state.screen)")
            #expect(state.modes == ["-echo", "-icanon"], "\(state.modes):\n\(state.screen)")
        }
    }

    // MARK: History

    @Test func twoSessionsAtOnceKeepEachOthersEntries() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let statements = [("count members", "│     6 │"), ("count people", "│     7 │"),
                          ("count events", "│     3 │"), ("count initiatives", "│    12 │")]
        do {
            let a = try TerminalSession(workspace: workspace)
            defer { a.close() }
            let b = try TerminalSession(workspace: workspace)
            defer { b.close() }
            try a.waitForPrompt()
            try b.waitForPrompt()
            for (index, (statement, result)) in statements.enumerated() {
                let t = index % 2 == 0 ? a : b  // A1, B1, A2, B2
                try t.enter(statement)
                try t.waitFor(text: result)
                try t.waitForPrompt()
            }
            try a.press("C-d")
            try b.press("C-d")
            try a.waitForExit()
            try b.waitForExit()
        }
        #expect(try workspace.historyEntries() == statements.map(\.0))

        let c = try TerminalSession(workspace: workspace)
        defer { c.close() }
        try c.waitForPrompt()
        for statement in statements.map(\.0).reversed() {
            try c.press("Up")
            try c.waitForEditedLine("cstoq> " + statement)
        }
    }

    enum UnwritableHistory: String, CaseIterable, Sendable {
        /// Writes fail with ENOSPC; it is not a regular file either.
        case fullDisk = "/dev/full"
        /// procfs: no new file can be made there, not even by root.
        case procfs = "/proc"
        /// The path names a folder.
        case folder = "a folder"
        /// A folder on the path is a regular file: ENOTDIR, root or not.
        case throughAFile = "a path through a file"
    }

    @Test(arguments: UnwritableHistory.allCases)
    func unwritableHistoryGivesOneWarningAndTheSessionGoesOn(_ kind: UnwritableHistory) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path: String
        switch kind {
        case .fullDisk:
            path = "/dev/full"
        case .procfs:
            path = "/proc/cstoq-history-" + UUID().uuidString.prefix(8)
        case .folder:
            path = workspace.path + "/history-folder"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .throughAFile:
            _ = FileManager.default.createFile(atPath: workspace.path + "/plain", contents: Data("x\n".utf8))
            path = workspace.path + "/plain/history"
        }
        let t = try TerminalSession(workspace: workspace, environment: ["CSTOQ_HISTORY": path], shellAfter: true)
        defer { t.close() }
        try t.waitForPrompt()
        for (statement, result) in [("count members", "│     6 │"), ("count people", "│     7 │"), ("count events", "│     3 │")] {
            try t.enter(statement)
            try t.waitFor(text: result)
            try t.waitForPrompt()
        }
        try t.press("Up")  // the session's history still works in memory
        try t.waitForEditedLine("cstoq> count events")
        try t.press("C-u")
        try t.waitForPrompt()
        try t.enter(".quit")
        let screen = try t.waitFor(text: "EXITED 0", scrollback: true)
        #expect(screen.components(separatedBy: "warning").count == 2, "expected exactly one warning:\n\(screen)")
        let warning = screen.split(separator: "\n").first { $0.hasPrefix("warning:") }
        #expect(warning?.contains("history") == true, "\(screen)")
        if kind == .procfs {
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        if kind == .folder {
            #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty, "something was written into the folder")
        }
    }

    // MARK: Security

    @Test func historyFileIsCreatedPrivateEvenWithUmaskZero() throws {
        try withShell { t, workspace in
            try t.enter("umask 000; " + TerminalSession.commandLine([]))
            try t.waitForPrompt()
            try t.enter("count members")
            try t.waitFor(text: "│     6 │")
            try t.waitForPrompt()
            try t.press("C-d")
            try t.waitFor(text: "EXITED 0")
            #expect(try mode(of: workspace.historyPath) == 0o600)
            #expect(try workspace.historyEntries() == ["count members"])
            // The umask did reach the shell: what it creates is world-writable.
            try waitForShellPrompt(t)
            try t.enter("touch " + workspace.path + "/probe")
            try waitForShellPrompt(t)
            try t.waitFor("the probe file") { _ in FileManager.default.fileExists(atPath: workspace.path + "/probe") }
            #expect(try mode(of: workspace.path + "/probe") == 0o666)
        }
    }

    @Test func worldWritableHistoryWarnsAtStart() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = FileManager.default.createFile(atPath: workspace.historyPath, contents: Data("#cstoq-history 1\ncount people\n".utf8))
        #expect(chmod(workspace.historyPath, 0o666) == 0)
        let t = try TerminalSession(workspace: workspace, shellAfter: true)
        defer { t.close() }
        try t.waitForPrompt()
        let start = try t.screen()
        let rows = start.split(separator: "\n")
        #expect(rows.first?.hasPrefix("warning: ") == true, "no warning first:\n\(start)")
        #expect(start.replacingOccurrences(of: "\n", with: "").contains("writable by other users"), "\(start)")
        #expect(start.components(separatedBy: "warning").count == 2, "expected exactly one warning:\n\(start)")
        try t.enter("count members")
        try t.waitFor(text: "│     6 │")
        try t.waitForPrompt()
        try t.press("C-d")
        try t.waitFor(text: "EXITED 0")
        #expect(try mode(of: workspace.historyPath) == 0o600, "saved without taking the others' write permission away")
        #expect(try workspace.historyEntries() == ["count people", "count members"])
    }

    // MARK: - Helpers

    /// An interactive sh in a fresh workspace's pane, at its first prompt.
    func withShell(environment: [String: String] = [:], _ body: (TerminalSession, Workspace) throws -> Void) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let terminal = try TerminalSession(workspace: workspace, environment: environment, interactiveShell: true)
        defer { terminal.close() }
        try waitForShellPrompt(terminal)
        try body(terminal, workspace)
    }

    func waitForShellPrompt(_ t: TerminalSession, caller: String = #function, line: Int = #line) throws {
        try t.waitFor("the shell's prompt", caller: caller, line: line) { screen in
            screen.split(separator: "\n", omittingEmptySubsequences: false).last == "$"
        }
    }

    /// Waits for the shell's `EXITED <status>` line; returns the status.
    func waitForExitStatus(_ t: TerminalSession) throws -> Int {
        let screen = try t.waitFor("the shell's EXITED line") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("EXITED ") }
        }
        let row = screen.split(separator: "\n").first { $0.hasPrefix("EXITED ") } ?? ""
        return Int(row.dropFirst("EXITED ".count)) ?? -1
    }

    struct TerminalState {
        /// The typed `echo hi` showed up on the screen.
        var echoes: Bool
        /// What `stty -a` says of echo and icanon: "echo" or "-echo", "icanon" or "-icanon".
        var modes: Set<String>
        var screen: String
    }

    /// Types `echo hi`, then a probe printing `modes: ` and stty's echo and icanon flags.
    func probeTerminal(_ t: TerminalSession) throws -> TerminalState {
        try waitForShellPrompt(t)
        try t.enter("echo hi")
        // With echo off, "hi" comes right after the prompt, as "$ hi".
        let afterEcho = try t.waitFor("'hi' printed") { screen in
            screen.split(separator: "\n").contains { $0 == "hi" || $0 == "$ hi" }
        }
        let echoes = afterEcho.split(separator: "\n").contains("$ echo hi")
        try waitForShellPrompt(t)
        try t.enter(#"echo "modes: $(stty -a | tr ' ;' '\n\n' | grep -x -e -echo -e echo -e -icanon -e icanon | tr '\n' ' ')""#)
        let screen = try t.waitFor("the stty probe's output") { screen in
            screen.split(separator: "\n").contains { $0.contains("modes: ") && !$0.contains("stty") }
        }
        let row = screen.split(separator: "\n").last { $0.contains("modes: ") && !$0.contains("stty") } ?? ""
        let flags = row[row.range(of: "modes: ")!.upperBound...].split(separator: " ").map(String.init)
        return TerminalState(echoes: echoes, modes: Set(flags), screen: screen)
    }

    func expectSaneTerminal(_ t: TerminalSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = try probeTerminal(t)
        #expect(state.echoes, "the terminal no longer echoes what is typed:\n\(state.screen)", sourceLocation: sourceLocation)
        #expect(state.modes == ["echo", "icanon"], "stty reports \(state.modes.sorted()):\n\(state.screen)", sourceLocation: sourceLocation)
    }

    /// The child of `parent` whose command name is `name`, from /proc.
    func childProcess(of parent: pid_t, named name: String) throws -> pid_t {
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            let command = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if command == name, fields.count > 1, pid_t(fields[1]) == parent { return pid }
        }
        throw TerminalError(description: "no process \(name) under pid \(parent)")
    }

    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
