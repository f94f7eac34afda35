import TextWidth
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The statements of past sessions, kept in a file (format: `HistoryFileFormat`).
///
/// Pure file logic, no terminal: `LineEditor` hands `entries` to libedit, and
/// tests drive this class directly. The rules:
///
/// - `add` records a statement unless it is blank, starts with a space (the
///   shell convention for "don't remember this one"), or repeats the entry
///   just before it. A multi-line statement is one entry.
/// - At most `capacity` entries are kept, in memory and on disk; the oldest go.
/// - The caller calls `save()` after every statement, so a crash loses at most
///   the statement being typed. Saving never corrupts or truncates the file:
///   it re-reads the file, appends this session's entries not yet saved (so two
///   sessions open at once keep each other's), caps, and replaces the file
///   atomically (`AtomicFileWriter`), mode 0600.
/// - A file we could not read, or that is not ours, or that belongs to another
///   user, is never written: we could not merge with it, and overwriting would
///   destroy it.
/// - Problems come back as warning texts for the caller to print (lowercase,
///   no "warning:" prefix), escaped for a terminal: they quote the path and
///   a foreign file's first line, which may hold anything. A failing file gives one warning per session, not
///   one per statement; the session goes on without history on disk. A
///   later save still retries quietly, in case the problem went away.
///
/// Known limit: two sessions saving in the same instant can lose one of the
/// two latest entries (there is no lock); at typing speed this does not happen.
public final class History {
    /// The file, or nil for a history that lives in memory only.
    public let path: String?
    public let capacity: Int
    /// Oldest first: what the file held at `load()`, then this session's entries.
    public private(set) var entries: [String] = []

    /// Entries added since the last successful save: what the file is owed.
    private var unsaved: [String] = []
    /// Writing over a file we could not read or do not own would destroy it.
    private var isSavingDisabled = false
    private var hasWarnedAboutFile = false
    /// Bumped whenever `entries` changes, so `LineEditor` knows to resync libedit.
    private(set) var revision = 0

    public init(path: String?, capacity: Int = 1000) {
        self.path = path
        self.capacity = max(0, capacity)
    }

    /// Where the history lives unless the user says otherwise:
    /// `$CSTOQ_HISTORY` if set (set but empty turns history off: nil), else
    /// `$XDG_STATE_HOME/cstoq/history` when that variable is an absolute path
    /// (the folder is created, mode 0700), else `$HOME/.cstoq_history`, else nil.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let explicit = environment["CSTOQ_HISTORY"] {
            return explicit.isEmpty ? nil : explicit
        }
        // The XDG spec says relative values are invalid and must be ignored.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            let folder = withoutTrailingSlashes(state) + "/cstoq"
            makeFolders(folder)
            return folder + "/history"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return withoutTrailingSlashes(home) + "/.cstoq_history"
        }
        return nil
    }

    /// Reads the file into `entries` (keeping anything added before). A missing
    /// file is an empty history, not a problem. Returns warnings; never throws.
    public func load() -> [String] {
        guard let path else { return [] }
        isSavingDisabled = false
        switch RegularFile.read(path) {
        case .missing:
            setEntries(loaded: [])
            return []
        case .failed(let error):
            return disableSaving("cannot read history file \(path): \(error.message)")
        case .notRegular:
            return disableSaving("history file \(path) is not a regular file")
        case .contents(let contents):
            if contents.isForeignOwned {
                return disableSaving("history file \(path) belongs to another user")
            }
            var warnings: [String] = []
            if contents.isWritableByOthers {
                warnings.append(Printable.escapeControls("history file \(path) is writable by other users, so its entries may not be yours; it will be saved with mode 600"))
            }
            switch HistoryFileFormat.decode(contents.bytes) {
            case .entries(let loaded):
                setEntries(loaded: loaded)
            case .foreign(let firstLine):
                warnings += disableSaving("\(path) is not a cstoq history file (its first line is \"\(firstLine)\"), leaving it untouched")
            }
            return warnings
        }
    }

    /// Records a statement; returns whether it was recorded (see the rules above).
    @discardableResult
    public func add(_ entry: String) -> Bool {
        guard capacity > 0,
              !entry.allSatisfy(\.isWhitespace),
              !entry.hasPrefix(" "),
              entry != entries.last
        else { return false }
        entries.append(entry)
        unsaved.append(entry)
        trimToCapacity()
        revision += 1
        return true
    }

    /// Merges this session's new entries into the file. Returns a warning or nil.
    public func save() -> String? {
        guard let path, !isSavingDisabled, !unsaved.isEmpty else { return nil }

        let onFile: [String]
        switch RegularFile.read(path) {
        case .missing:
            onFile = []
        case .failed(let error):
            // Perhaps passing; keep the entries and retry at the next save.
            return warnOnce("cannot read history file \(path) to save it: \(error.message)")
        case .notRegular:
            return disableSaving("history file \(path) is not a regular file").first
        case .contents(let contents):
            if contents.isForeignOwned {
                return disableSaving("history file \(path) belongs to another user").first
            }
            switch HistoryFileFormat.decode(contents.bytes) {
            case .entries(let entries):
                onFile = entries
            case .foreign(let firstLine):
                return disableSaving("\(path) is not a cstoq history file (its first line is \"\(firstLine)\"), leaving it untouched").first
            }
        }

        var merged = onFile
        for entry in unsaved {
            if entry != merged.last { merged.append(entry) }
        }
        if let error = AtomicFileWriter.write(HistoryFileFormat.encode(Array(merged.suffix(capacity))), to: path) {
            return warnOnce("cannot save history to \(path): \(error.message)")
        }
        unsaved.removeAll()
        return nil
    }

    // MARK: - Private

    private func setEntries(loaded: [String]) {
        entries = loaded
        for entry in unsaved {
            if entry != entries.last { entries.append(entry) }
        }
        trimToCapacity()
        revision += 1
    }

    private func trimToCapacity() {
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        if unsaved.count > capacity { unsaved.removeFirst(unsaved.count - capacity) }
    }

    private func disableSaving(_ problem: String) -> [String] {
        isSavingDisabled = true
        return warnOnce("\(problem); this session's history will not be saved").map { [$0] } ?? []
    }

    private func warnOnce(_ message: String) -> String? {
        guard !hasWarnedAboutFile else { return nil }
        hasWarnedAboutFile = true
        return Printable.escapeControls(message)
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return path == "/" ? "" : String(path)
    }

    /// `mkdir -p` with mode 0700; failures surface later, when the file is used.
    private static func makeFolders(_ path: String) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST { return }
        }
    }
}
