import CSTOQ
import LineEditor
#if canImport(Glibc)
import Glibc
#endif

/// The interactive session: libedit for editing and history, the library's
/// completeness check for continuation prompts, its completer for Tab. It
/// runs on the main thread, so Ctrl-C reaches the line editor (see
/// LineEditor's notes).
final class REPL: SessionHost {
    let session: Session
    let history: History
    let editor: LineEditor
    var completer: Completer
    var historyWarned = false
    let tutorial: Tutorial
    /// The signal that ended the session, if one did.
    var terminatingSignal: Int32?

    init(session: Session) {
        self.session = session
        var environment: [String: String] = [:]
        for name in ["CSTOQ_HISTORY", "XDG_STATE_HOME", "HOME"] {
            if let v = StandardStreams.environment(name) { environment[name] = v }
        }
        history = History(path: History.defaultPath(environment: environment))
        editor = LineEditor(programName: "cstoq", history: history)
        completer = session.makeCompleter(fileNames: DirectoryFileNames())
        tutorial = Tutorial(stateFolder: REPL.stateFolder(environment))
    }

    static func stateFolder(_ env: [String: String]) -> String? {
        if let xdg = env["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/cstoq" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.local/state/cstoq" }
        return nil
    }

    func run() -> Bool {
        for warning in history.load() { warn(warning) }
        session.host = self
        session.isCancelled = { Interrupt.isPending || Termination.signal != nil }
        Termination.installHandlers()
        editor.completer = { [unowned self] line in
            if completer.dataset.collections.count != session.dataset.collections.count || completer.dataset.title != session.dataset.title {
                completer = session.makeCompleter(fileNames: DirectoryFileNames())
            }
            let c = completer.complete(line)
            return CompletionResult(replacing: c.replacing, candidates: c.candidates, appendSpace: c.appendSpace,
                                    more: c.more, commonPrefix: c.commonPrefix)
        }
        StandardStreams.out(welcome())
        var pending: [String] = []
        // A complete statement whose next line was already waiting (a paste):
        // it runs once that line shows it does not carry it on.
        var held: String?
        while !session.quitRequested {
            let prompt = pending.count == 1 && awaitsCollection(pending[0]) ? Completeness.incomplete(.clause).continuationPrompt
                : !pending.isEmpty ? Completeness.check(pending.joined(separator: "\n")).continuationPrompt
                : held != nil ? Completeness.incomplete(.clause).continuationPrompt : "cstoq> "
            switch editor.readLine(prompt: prompt) {
            case .endOfFile:
                if let statement = held {
                    held = nil
                    if let end = submit(statement) { return end }
                    continue
                }
                if !pending.isEmpty {
                    // Ctrl-D at a continuation prompt: the statement ends here, so its error
                    // says what is unfinished (as Python's does); it is in the history to
                    // finish, and the session goes on. On an empty prompt Ctrl-D quits.
                    let statement = pending.joined(separator: "\n")
                    pending = []
                    editor.addToHistory(ConnectionText.redacted(statement))
                    session.run(SourceText(name: "<input>", text: statement))
                    StandardStreams.out("(Ctrl-D again on an empty prompt quits)")
                    continue
                }
                saveHistory()
                return true
            case .interrupted:
                pending = []
                held = nil
                Interrupt.clear()
                StandardStreams.interruptHandled()
            case let .terminated(signal):
                return terminated(by: signal)
            case let .line(text):
                StandardStreams.interruptHandled()
                if let statement = held {
                    held = nil
                    if Completeness.continuesStatement(text) {
                        pending = [statement]
                    } else if let end = submit(statement) {
                        return end
                    }
                }
                // `count` / `describe` / `explain` alone: the collection's name comes on
                // this line, joined with a blank (on a line of its own it would start a statement).
                let waitsForName = pending.count == 1 && awaitsCollection(pending[0])
                if waitsForName { pending[0] += " " + text } else { pending.append(text) }
                let statement = pending.joined(separator: "\n")
                if case .incomplete = Completeness.check(statement) { continue }
                if pending.count == 1, awaitsCollection(statement), !text.allSatisfy({ $0 == " " }) { continue }
                pending = []
                guard !statement.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else { continue }
                // More lines already waiting: a paste. Its next line may carry this
                // statement on (`statements` / `  where kind = paraphrase`), as in a script.
                if editor.inputIsWaiting(within: 30) {
                    held = statement
                    continue
                }
                if let end = submit(statement) { return end }
            }
        }
        saveHistory()
        return true
    }

    /// Whether a line is only `count`, `describe` or `explain` (…) and no
    /// collection is so named: the REPL then asks for the name.
    func awaitsCollection(_ line: String) -> Bool {
        guard let word = Completeness.awaitsCollection(line) else { return false }
        return session.dataset.collectionIndex(named: word) == nil
    }

    /// Puts a finished statement in the history and runs it; the session's
    /// end (true: quit, false: a signal) when it ends the session.
    func submit(_ statement: String) -> Bool? {
        // A password in a connection string (.load postgres://user:PASSWORD@…) is never kept.
        editor.addToHistory(ConnectionText.redacted(statement))
        saveHistory()
        // No Interrupt.clear() here: readLine cleared the flag when the
        // line came in, so a Ctrl-C since (while the history was being
        // saved) is meant for this statement and must cancel it.
        session.options.width = editor.columns
        session.options.height = editor.lines
        // Other shells' words, alone on the line and naming no collection:
        // `exit` and `quit` leave (as in psql), `help` is .help.
        let word = ValueComparison.fold(statement.trimmingBlanksForREPL())
        if ["exit", "quit", "help"].contains(word), session.dataset.collectionIndex(named: word) == nil {
            if word == "help" {
                session.run(SourceText(name: "<input>", text: ".help"))
                return nil
            }
            saveHistory()
            return true
        }
        // A line that starts with a clause keyword, typed after its statement has run.
        if Completeness.continuesStatement(statement), let first = statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
           session.dataset.collectionIndex(named: String(first)) == nil {
            StandardStreams.error(session.continuationAloneHelp(String(first)))
            return nil
        }
        session.run(SourceText(name: "<input>", text: statement))
        Interrupt.clear()
        if let signal = Termination.signal { return terminated(by: signal) }
        return nil
    }

    /// A signal ended the session: the history is kept and the caller exits
    /// with 128 + its number once the line editor has given the terminal back.
    func terminated(by signal: Int32) -> Bool {
        saveHistory()
        terminatingSignal = signal
        return false
    }

    func welcome() -> String {
        let d = session.dataset
        if let live = session.live {
            let n = d.collections.count
            return "cstoq \(CSTOQCommand.version) · \(n) \(n == 1 ? "table" : "tables") of \(Printable.escapeControls(live.database.displayName)), queried there\n"
        }
        return "cstoq \(CSTOQCommand.version) · \(Printable.escapeControls(d.title)) · \(Describer(dataset: d).summary())\n"
            + ".help to begin, .tutorial to learn, Tab completes, Ctrl-D quits."
    }

    func saveHistory() {
        if let warning = history.save() { warn(warning) }
    }

    /// History problems are shown once per session; the session goes on.
    func warn(_ text: String) {
        guard !historyWarned else { return }
        historyWarned = true
        StandardStreams.error("warning: " + text)
    }

    // MARK: SessionHost

    func run(_ command: DotCommand, argument: String, in session: Session) -> Bool {
        switch command.name {
        case "history":
            let n = Int(argument.trimmingBlanksForREPL()) ?? 20
            let entries = history.entries.suffix(max(0, n))
            let first = history.entries.count - entries.count + 1
            StandardStreams.out(entries.enumerated().map { i, e in
                let number = String(first + i)
                return String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + Printable.escapeControlsKeepingLineBreaks(e).replacingNewlines()
            }.joined(separator: "\n"))
            return true
        default:
            return tutorial.run(command, argument: argument, session: session, editor: editor)
        }
    }

    func openPager() -> (any ResultPager)? {
        Pager()
    }

    func didRun(_ statement: String, result: ResultSet, in session: Session) {
        tutorial.check(statement, result: result, session: session)
    }
}

extension String {
    func trimmingBlanksForREPL() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n       ")
    }
}
