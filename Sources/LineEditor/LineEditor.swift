// LineEditor: a small Swift wrapper over the system libedit (histedit.h).
//
// Public API:
//
//     public enum LineInput: Equatable, Sendable { case line(String), interrupted, endOfFile, terminated(Int32) }
//
//     public struct CompletionResult: Sendable, Equatable {
//         public var replacing: Int         // UTF-8 bytes before the cursor the candidates replace
//         public var candidates: [String]   // full replacement texts
//         public var appendSpace: Bool      // " " after a unique match
//         public init(replacing: Int, candidates: [String], appendSpace: Bool = true)
//         public static let none: CompletionResult
//     }
//
//     public final class LineEditor {
//         public static var isInteractive: Bool { get }          // isatty(0) && isatty(1)
//         public init(programName: String, history: History)
//         public let history: History
//         public func readLine(prompt: String) -> LineInput
//         public var completer: ((_ lineBeforeCursor: String) -> CompletionResult)?
//         public func prefill(_ text: String)
//         public var columns: Int { get }
//         public var lines: Int { get }
//         public func inputIsWaiting(within milliseconds: Int32) -> Bool
//         public func addToHistory(_ entry: String)
//     }
//
//     public final class History {                            // see History.swift
//         public init(path: String?, capacity: Int = 1000)
//         public static func defaultPath(environment: [String: String]) -> String?
//         public let path: String?
//         public let capacity: Int
//         public private(set) var entries: [String]
//         public func load() -> [String]                      // warnings
//         @discardableResult public func add(_ entry: String) -> Bool
//         public func save() -> String?                       // a warning or nil
//     }
//
//     public enum CompletionLayout {
//         public static func columns(_ items: [String], width: Int) -> [String]
//     }
//
//     public enum Interrupt {                                 // the SIGINT flag
//         @discardableResult public static func installHandler() -> Bool
//         public static var isPending: Bool { get }
//         public static func clear()
//     }
//
//     public enum Termination {                               // SIGQUIT, SIGTERM, SIGHUP, SIGUSR1/2, SIGALRM
//         @discardableResult public static func installHandlers() -> Bool
//         public static var signal: Int32? { get }
//     }
//
// Typical use (on the main thread: see `readLine`):
//
//     let history = History(path: History.defaultPath(environment: environment))
//     for warning in history.load() { printWarning(warning) }
//     let editor = LineEditor(programName: "cstoq", history: history)
//     editor.completer = { lineBeforeCursor in ... }
//     loop: while true {
//         switch editor.readLine(prompt: "cstoq> ") {
//         case .line(let text):
//             ...run it...
//             editor.addToHistory(statement)
//             if let warning = history.save() { printWarning(warning) }
//         case .interrupted: continue      // ^C and a new line are already shown
//         case .endOfFile: break loop      // the line is already ended
//         }
//     }
//
// Use it only when `LineEditor.isInteractive`: with stdin or stdout not a
// terminal, libedit falls into a mode without prompt; read stdin directly there.
//
// The prompt may contain colour escapes: put \u{1} before and after each
// invisible run so libedit does not count it as width.
//
// Keys are emacs-style with Tab bound to completion, Ctrl-R to incremental
// reverse search, Ctrl-W to delete the previous word and Ctrl-Left/Right to
// move by words; ~/.editrc (`cstoq:` lines apply to this program only) is read
// last, so it overrides all of them. In libedit's Ctrl-R search, Enter accepts
// and Ctrl-A/Ctrl-E leave with the match; an arrow key ends the search on its
// ESC and types the rest of its sequence (libedit's behaviour, not ours).
//
// The history file's format is described in HistoryFileFormat.swift.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLineShims

/// One interactive line editor on the process's terminal. Not thread-safe:
/// use it from one thread, as a REPL does.
public final class LineEditor {
    /// Whether stdin and stdout are both terminals, the only case where the
    /// editor should be used.
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// The history Up-arrow and Ctrl-R browse; save it after each statement.
    public let history: History

    /// Called on Tab with the text before the cursor.
    public var completer: ((_ lineBeforeCursor: String) -> CompletionResult)?

    let editLine: OpaquePointer
    private let libeditHistory: OpaquePointer
    /// The prompt as a C string; libedit asks for it on every redraw.
    private(set) var promptText: UnsafeMutablePointer<CChar>
    /// Text for the next `readLine`, inserted by the `cstoq-prefill` command.
    var pendingPrefill: String?
    private var syncedHistoryRevision = -1

    /// Sets up libedit on stdin/stdout/stderr with cstoq's key bindings, then
    /// reads ~/.editrc. Installs the SIGINT flag handler (see `Interrupt`).
    /// Load `history` before or after; the editor picks its entries up at
    /// each `readLine`.
    public init(programName: String, history: History) {
        // Without a UTF-8 LC_CTYPE libedit silently drops é and ü.
        setlocale(LC_CTYPE, "")
        Interrupt.installHandler()

        guard let editLine = cstoq_el_init(programName), let libeditHistory = cstoq_history_init() else {
            fatalError("libedit could not allocate its state")
        }
        self.editLine = editLine
        self.libeditHistory = libeditHistory
        self.history = history
        self.promptText = strdup("")

        cstoq_history_set_size(libeditHistory, Int32(clamping: history.capacity))
        cstoq_history_set_unique(libeditHistory, 1)

        cstoq_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        cstoq_el_set_editor(editLine, "emacs")
        // \u{1} brackets invisible bytes (colours) in the prompt.
        cstoq_el_set_prompt(editLine, LineEditor.promptCallback, 1)
        cstoq_el_set_history(editLine, libeditHistory)
        // libedit puts the terminal back in cooked mode around signals
        // (Ctrl-Z, Ctrl-C, window size changes) and redraws after `fg`.
        cstoq_el_set_signal(editLine, 1)
        cstoq_el_add_function(editLine, "cstoq-complete", "Complete the word before the cursor", LineEditor.completeCallback)
        cstoq_el_add_function(editLine, "cstoq-prefill", "Insert the text cstoq prefilled", LineEditor.prefillCallback)
        bind(LineEditor.emacsBindings + LineEditor.ownBindings)
        // Last, so that the user's ~/.editrc overrides our bindings.
        el_source(editLine, nil)
        // `bind -v` there resets every keymap to vi's, dropping Tab completion
        // and the prefill key; put those two back (in vi's insert map).
        if cstoq_el_editor_is_vi(editLine) != 0 {
            bind(LineEditor.ownBindings)
        }
    }

    deinit {
        el_end(editLine)
        history_end(libeditHistory)
        free(promptText)
    }

    /// Reads one line with editing, history and completion.
    ///
    /// Ctrl-C returns `.interrupted` after echoing `^C` and starting a new
    /// line; Ctrl-D on an empty line returns `.endOfFile` after ending the
    /// line. A pending Ctrl-C from before the call is discarded.
    ///
    /// Call it on the main thread (a synchronous `run()`, or the main actor):
    /// Swift concurrency's pool threads block SIGINT, so there Ctrl-C would
    /// not interrupt the terminal read.
    public func readLine(prompt: String) -> LineInput {
        assert(Self.isOnMainThread, "LineEditor.readLine must run on the main thread, or Ctrl-C cannot interrupt it")
        setPrompt(prompt)
        syncLibeditHistory()
        if pendingPrefill != nil {
            el_push(editLine, LineEditor.prefillKeys)
        }
        while true {
            Interrupt.clear()
            var count: Int32 = 0
            errno = 0
            if let line = el_gets(editLine, &count) {
                Interrupt.clear()
                var text = String(cString: line)
                if text.hasSuffix("\n") { text.removeLast() }
                return .line(text)
            }
            if Interrupt.isPending {
                Interrupt.clear()
                pendingPrefill = nil
                moveTerminalCursorToEndOfLine()
                cstoq_el_write(editLine, "^C\n")
                return .interrupted
            }
            if let signal = Termination.signal {
                cstoq_el_write(editLine, "\n")
                return .terminated(signal)
            }
            // Another signal without SA_RESTART; not the user's doing.
            if count == -1, errno == EINTR { continue }
            cstoq_el_write(editLine, "\n")
            return .endOfFile
        }
    }

    /// Puts `text` in the next `readLine`'s buffer, editable, cursor at its end.
    /// Newlines and control characters are inserted as text, not obeyed.
    public func prefill(_ text: String) {
        pendingPrefill = text.isEmpty ? nil : text
    }

    /// The terminal's width, kept current by libedit on window size changes; 80 if unknown.
    public var columns: Int {
        Int(cstoq_el_columns(editLine, 80))
    }

    /// Whether more typed (or pasted) input is already waiting, or arrives
    /// within `milliseconds`: a paste delivers its lines faster than anyone types.
    public func inputIsWaiting(within milliseconds: Int32) -> Bool {
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, milliseconds) > 0 && fd.revents & Int16(POLLIN) != 0
    }

    /// The terminal's height, kept current the same way; 24 if unknown.
    public var lines: Int {
        Int(cstoq_el_lines(editLine, 24))
    }

    /// Records a statement in `history` (see `History.add` for what is kept);
    /// Up-arrow and Ctrl-R see it from the next `readLine` on.
    public func addToHistory(_ entry: String) {
        history.add(entry)
    }

    // MARK: - Internals

    /// Pushed into the input to run `cstoq-prefill`, so that the text itself
    /// goes in through el_insertstr and none of its characters is taken as an
    /// editing key. U+0091, a C1 control no keyboard sends in a UTF-8
    /// terminal: one character, so unlike an ESC sequence it turns no key
    /// into a prefix (that broke ESC in vi mode).
    static let prefillKeys = "\u{91}"

    /// What cstoq itself needs: completion and the prefill key.
    private static let ownBindings = [
        ("^I", "cstoq-complete"),
        (prefillKeys, "cstoq-prefill"),
    ]

    /// Closer to what shell users' fingers expect than libedit's emacs map.
    private static let emacsBindings = [
        // libedit has Ctrl-R as redisplay; shells taught users to search with it.
        ("^R", "em-inc-search-prev"),
        // libedit kills to the mark; shells delete the word before the cursor.
        ("^W", "ed-delete-prev-word"),
        ("\u{1B}[1;5D", "ed-prev-word"),  // Ctrl-Left
        ("\u{1B}[1;5C", "em-next-word"),  // Ctrl-Right
    ]

    private func bind(_ bindings: [(keys: String, command: String)]) {
        for (keys, command) in bindings {
            cstoq_el_bind(editLine, keys, command)
        }
    }

    private func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(prompt)
    }

    /// libedit keeps its own copy of the history for Up-arrow and Ctrl-R;
    /// rebuild it whenever `history` changed (at most `capacity` entries, cheap).
    private func syncLibeditHistory() {
        guard history.revision != syncedHistoryRevision else { return }
        syncedHistoryRevision = history.revision
        cstoq_history_clear(libeditHistory)
        for entry in history.entries {
            cstoq_history_enter(libeditHistory, entry)
        }
    }

    private static var isOnMainThread: Bool {
        cstoq_is_main_thread() != 0
    }

    /// The LineEditor behind a libedit handle, for the C callbacks.
    static func owner(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = cstoq_el_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }
}
