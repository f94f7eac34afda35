import Foundation
import SharedTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The REPL end to end: the real `cstoq` binary in a real terminal, a tmux pane.
///
/// Design:
/// - `Workspace` is a fresh temporary folder standing in for the user's home:
///   HOME, the history file (`CSTOQ_HISTORY`) and `XDG_STATE_HOME` live there.
///   Two sessions opened one after the other in the same workspace see each
///   other's history and tutorial progress.
/// - `TerminalSession` is one tmux server on its own socket in the workspace
///   (a new socket name per session: reusing a just-killed server's socket can
///   fail), one detached 100×30 pane running the binary with a clean
///   environment (`env -i`), `remain-on-exit` on so the last screen can still
///   be read after the program ends. tmux reads no configuration (`-f /dev/null`).
/// - Keys go in with `send-keys` (`type` for literal text, `press` for key
///   names); the screen comes back with `capture-pane -p`, trailing spaces and
///   trailing blank lines stripped.
/// - Nothing sleeps to "let the program catch up": `waitFor` polls the screen
///   every 50 ms until a condition holds, and on timeout throws an error whose
///   description holds the whole screen.
/// - `close()` kills the tmux server (call it in a `defer`, so it also runs on
///   failure); the workspace's `remove()` deletes the folder.
///
/// Missing tmux or a missing binary is an error, never a silent pass: CI
/// installs tmux, so its absence means a broken setup.
struct TerminalError: Error, CustomStringConvertible {
    var description: String
}

enum REPLTestEnvironment {
    /// The `cstoq` built beside the test bundle, or `$CSTOQ_BINARY`.
    static func binary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CSTOQ_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw TerminalError(description: "CSTOQ_BINARY=\(path) is not an executable file")
            }
            return path
        }
        // Linux: the test executable sits in the build folder beside cstoq.
        // macOS: the .xctest bundle does (its executable is a few levels down).
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()]
        starts += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map {
            URL(fileURLWithPath: $0.bundlePath).resolvingSymlinksInPath().deletingLastPathComponent()
        }
        starts.append(URL(fileURLWithPath: Bundle.main.bundlePath).resolvingSymlinksInPath())
        var tried: [String] = []
        for start in starts {
            var folder = start
            for _ in 0..<3 {
                let candidate = folder.appendingPathComponent("cstoq")
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate.path
                }
                tried.append(folder.path)
                folder = folder.deletingLastPathComponent()
            }
        }
        throw TerminalError(description: "the cstoq binary was not found beside the test bundle (looked in \(tried.joined(separator: ", "))); build it or set CSTOQ_BINARY")
    }

    /// tmux, from PATH or the usual places. Missing tmux fails the test.
    static func tmux() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders += ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TerminalError(description: "tmux is not installed, and the REPL end-to-end tests need it: install it (apt-get install tmux); CI does, so its absence means a broken setup")
    }
}

/// A fresh temporary folder standing in for the user's home.
final class Workspace: @unchecked Sendable {
    let folder: URL
    private var sessionCount = 0

    init() throws {
        // Short: a Unix socket path must fit in 108 bytes.
        let name = "cstoq-repl-" + UUID().uuidString.prefix(8).lowercased()
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var path: String { folder.path }
    var historyPath: String { path + "/history" }
    var statePath: String { path + "/state" }

    /// The clean environment the binary runs in.
    func environment(history: String? = nil) -> [String: String] {
        [
            "HOME": path,
            "TERM": "tmux-256color",
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
            "CSTOQ_HISTORY": history ?? historyPath,
            "XDG_STATE_HOME": statePath,
        ]
    }

    func nextSocket() -> String {
        sessionCount += 1
        return path + "/sock\(sessionCount)"
    }

    /// The history file's entries (without the header line), unescaped.
    func historyEntries(at file: String? = nil) throws -> [String] {
        let text = try String(contentsOfFile: file ?? historyPath, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "#cstoq-history 1" else {
            throw TerminalError(description: "the history file does not start with its header:\n\(text)")
        }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        return lines.map { line in
            var out = "", escaped = false
            for c in line {
                if escaped {
                    out.append(c == "n" ? "\n" : c == "r" ? "\r" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else {
                    out.append(c)
                }
            }
            return out
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// One tmux server and pane running cstoq.
final class TerminalSession: @unchecked Sendable {
    static let width = 100
    static let height = 30
    static let defaultTimeout: Double = 10

    let workspace: Workspace
    let socket: String
    private let tmux: String
    private var closed = false

    /// Starts `cstoq arguments…` in a clean environment. With `shellAfter`,
    /// the binary runs under `sh -c` which then prints `EXITED <status>` and
    /// becomes an interactive shell, to look at the terminal after cstoq.
    /// With `interactiveShell`, the pane runs only an interactive `sh` (job
    /// control on, prompt `$ `, no line editing of its own: it relies on the
    /// terminal's modes) and `arguments` are ignored; type the command with
    /// `commandLine(_:)`.
    init(workspace: Workspace, arguments: [String] = [], environment extra: [String: String] = [:],
         shellAfter: Bool = false, interactiveShell: Bool = false,
         columns: Int = TerminalSession.width, rows: Int = TerminalSession.height) throws {
        self.workspace = workspace
        tmux = try REPLTestEnvironment.tmux()
        let binary = try REPLTestEnvironment.binary()
        socket = workspace.nextSocket()

        var environment = workspace.environment()
        for (k, v) in extra { environment[k] = v }
        let assignments = environment.keys.sorted().map { TerminalSession.quote("\($0)=\(environment[$0]!)") }
        let program = ([binary] + arguments).map(TerminalSession.quote).joined(separator: " ")
        var command = "exec env -i " + assignments.joined(separator: " ") + " "
        if interactiveShell {
            command += "PS1='$ ' sh -i"
        } else if shellAfter {
            command += "sh -c " + TerminalSession.quote(program + "; echo EXITED $?; exec sh")
        } else {
            command += program
        }
        try tmuxCommand(["new-session", "-d", "-x", String(columns), "-y", String(rows), command,
                         ";", "set-option", "-g", "remain-on-exit", "on"])
    }

    deinit { close() }

    /// Kills the tmux server (and with it the program). Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmuxCommand(["kill-server"], check: false)
    }

    // MARK: Keys

    /// Types text literally (no key names), a `;` at the end included.
    func type(_ text: String) throws {
        try tmuxCommand(["send-keys", "-l", TerminalSession.escapeSemicolon(text)])
    }

    /// Presses named keys: Enter, Tab, Up, BSpace, C-c, C-d, C-u…
    func press(_ keys: String...) throws {
        try tmuxCommand(["send-keys"] + keys.map(TerminalSession.escapeSemicolon))
    }

    /// Pastes text as a terminal does (tmux's paste buffer: all of it at
    /// once, each line break sent as Enter).
    func paste(_ text: String) throws {
        try tmuxCommand(["set-buffer", "--", text])
        try tmuxCommand(["paste-buffer", "-d"])
    }

    /// Types a line and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try press("Enter")
    }

    // MARK: Screen

    /// The visible screen (or with `scrollback`, up to 200 lines more above it),
    /// trailing spaces and trailing blank lines removed.
    func screen(scrollback: Bool = false) throws -> String {
        let output = try tmuxCommand(["capture-pane", "-p"] + (scrollback ? ["-S", "-200"] : []))
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    func lines(scrollback: Bool = false) throws -> [String] {
        try screen(scrollback: scrollback).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The last non-blank line of the screen: the line being edited.
    func lastLine() throws -> String {
        try lines().last ?? ""
    }

    /// The cursor's column and row (0-based).
    func cursor() throws -> (x: Int, y: Int) {
        let out = try tmuxCommand(["display-message", "-p", "#{cursor_x} #{cursor_y}"])
        let parts = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard parts.count == 2 else { throw TerminalError(description: "tmux gave no cursor position: '\(out)'") }
        return (parts[0], parts[1])
    }

    /// The pid of the pane's first process (the shell, with `interactiveShell`).
    func panePID() throws -> pid_t {
        let out = try tmuxCommand(["display-message", "-p", "#{pane_pid}"])
        guard let pid = pid_t(out.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TerminalError(description: "tmux gave no pane pid: '\(out)'")
        }
        return pid
    }

    /// `cstoq arguments…; echo EXITED $?`, quoted for the pane's shell.
    static func commandLine(_ arguments: [String]) throws -> String {
        ([try REPLTestEnvironment.binary()] + arguments).map(quote).joined(separator: " ") + "; echo EXITED $?"
    }

    /// Whether the program in the pane has ended.
    func isDead() throws -> Bool {
        try tmuxCommand(["display-message", "-p", "#{pane_dead}"]).hasPrefix("1")
    }

    // MARK: Waiting

    /// Polls the screen every 50 ms until `condition` holds; returns that screen.
    /// On timeout, throws with `what` and the whole screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = defaultTimeout, scrollback: Bool = false,
                 caller: String = #function, line: Int = #line,
                 _ condition: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var current = ""
        while true {
            current = try screen(scrollback: scrollback)
            if try condition(current) { return current }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TerminalError(description: """
            timed out after \(timeout) s waiting for \(what) (\(caller), line \(line)); the screen was:
            ┌\(String(repeating: "─", count: Self.width))
            \(current.split(separator: "\n", omittingEmptySubsequences: false).map { "│" + $0 }.joined(separator: "\n"))
            └\(String(repeating: "─", count: Self.width))
            """)
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = defaultTimeout, scrollback: Bool = false,
                 caller: String = #function, line: Int = #line) throws -> String {
        try waitFor("'\(text)'", timeout: timeout, scrollback: scrollback, caller: caller, line: line) { $0.contains(text) }
    }

    /// Waits until the line being edited is exactly `expected` with the cursor
    /// at its end: this also checks trailing spaces, which the capture strips.
    func waitForEditedLine(_ expected: String, timeout: Double = defaultTimeout, caller: String = #function, line: Int = #line) throws {
        var trimmed = Substring(expected)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        let width = TerminalSession.displayWidth(expected)
        var lastCursor = (x: -1, y: -1)
        do {
            try waitFor("the line being edited to be '\(expected)' with the cursor at column \(width)", timeout: timeout,
                        caller: caller, line: line) { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                guard rows.last.map(String.init) == String(trimmed) else { return false }
                lastCursor = try cursor()
                return lastCursor.x == width && lastCursor.y == rows.count - 1
            }
        } catch var error as TerminalError {
            error.description += "\n(cursor at column \(lastCursor.x), row \(lastCursor.y))"
            throw error
        }
    }

    /// Waits for a fresh, empty `cstoq>` prompt on the last line.
    func waitForPrompt(timeout: Double = defaultTimeout, caller: String = #function, line: Int = #line) throws {
        try waitForEditedLine("cstoq> ", timeout: timeout, caller: caller, line: line)
    }

    /// Waits until the program has ended.
    func waitForExit(timeout: Double = defaultTimeout, caller: String = #function, line: Int = #line) throws {
        try waitFor("the program to end", timeout: timeout, caller: caller, line: line) { _ in try isDead() }
    }

    // MARK: tmux

    @discardableResult
    private func tmuxCommand(_ arguments: [String], check: Bool = true) throws -> String {
        let id = UUID().uuidString.prefix(8)
        let outPath = workspace.path + "/.tmux-out-\(id)", errPath = workspace.path + "/.tmux-err-\(id)"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        let status = try Spawn.run(tmux, ["-f", "/dev/null", "-S", socket] + arguments, environment: environment,
                                   stdout: outPath, stderr: errPath)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        if check, status != 0 {
            let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TerminalError(description: "tmux \(arguments.joined(separator: " ")) failed (status \(status)): \(error)")
        }
        return output
    }

    /// tmux takes an argument ending in `;` as a command separator; `\;` is a literal one.
    static func escapeSemicolon(_ argument: String) -> String {
        argument.hasSuffix(";") ? String(argument.dropLast()) + "\\;" : argument
    }

    /// Single-quotes a word for sh.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Terminal columns of the ASCII, Latin and box-drawing text the tests type.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.count
    }
}

