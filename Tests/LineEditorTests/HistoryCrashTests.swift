import Foundation
import Testing
@testable import LineEditor

/// A save killed at any moment (SIGKILL: no handler, no cleanup) must leave
/// the history file whole, old or new, and no temporary file for good.
///
/// The saving process is a fork of the test process, killed after a random
/// delay. Most children only write (`AtomicFileWriter`, the one place the
/// file is touched), as fast as they can, a history of thousands of long
/// entries and the same with one more entry, in turns: a write takes a few
/// milliseconds, so the 200 kills are cheap. The last children do the real
/// `History.save()` (read, merge, encode, write), which a debug build makes
/// slow. Half of the writers are killed at a random moment; the others, and
/// the History savers, just after their temporary file appeared, the window
/// in which a non-atomic save would leave a half-written file. After each
/// kill the file must be byte for byte one of the histories the children
/// could have written, the one before or after the kill (so the header, every
/// entry and the final newline are whole); any leftover temporary file must
/// be the killed child's, and the next save must remove it.
///
/// The child only runs code the parent ran before (so the Swift runtime
/// needs no lock another thread might have held at fork), never returns into
/// the test runner (it ends with _exit), and closes the descriptors it
/// inherited so that no other test's pipe is held open.
@Suite struct HistoryCrashTests {
    static let initialEntries = 3000
    static let writerKills = 200
    static let historyKills = 6

    /// Long, with characters the file format escapes (newline, backslash) and UTF-8.
    static func entry(_ number: Int) -> String {
        "members where note = \"entry \(number)\"\n" + String(repeating: "é\\ab", count: 45) + " end \(number)"
    }

    /// Every history the test can see: the file for n entries is the first
    /// `lengths[n]` bytes of `encoded`.
    struct Histories {
        let encoded: [UInt8]
        let lengths: [Int]

        init(entries: Int) {
            let all = (0..<entries).map(HistoryCrashTests.entry)
            encoded = HistoryFileFormat.encode(all)
            var lengths = [HistoryFileFormat.header.utf8.count + 1]
            for entry in all { lengths.append(lengths.last! + HistoryFileFormat.encodeLine(entry).count + 1) }
            self.lengths = lengths
        }

        func file(entries n: Int) -> [UInt8] { Array(encoded[0..<lengths[n]]) }

        /// The number of entries of the history `bytes` is whole, or nil if it is none of them.
        func entryCount(of bytes: [UInt8]) -> Int? {
            guard let n = lengths.firstIndex(of: bytes.count) else { return nil }
            let same = bytes.withUnsafeBytes { file in encoded.withUnsafeBytes { memcmp(file.baseAddress!, $0.baseAddress!, bytes.count) == 0 } }
            return same ? n : nil
        }
    }

    @Test func aKillDuringSaveNeverCorruptsTheHistoryNorLeavesATemporaryFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("history")
        let histories = Histories(entries: Self.initialEntries + 2 * Self.writerKills + 30 * Self.historyKills)

        // Warm up every code path a child runs (it must find the Swift
        // runtime's caches filled) and time one write.
        let started = Date()
        #expect(AtomicFileWriter.write(histories.file(entries: Self.initialEntries), to: path) == nil)
        let writeTime = Date().timeIntervalSince(started)
        let warmUp = History(path: path, capacity: 100_000)
        warmUp.add(Self.entry(Self.initialEntries))
        #expect(warmUp.save() == nil)
        var count = try Self.entryCount(path, histories, kill: -1)
        try #require(count == Self.initialEntries + 1)

        var generator = SystemRandomNumberGenerator()
        var leftTemporaryFile = 0, sawTemporaryFile = 0
        for kill in 0..<(Self.writerKills + Self.historyKills) {
            let n = count
            let throughHistory = kill >= Self.writerKills
            let child = fork()
            if child == 0 {
                closeInheritedDescriptors()
                if throughHistory {
                    // The real thing: read, merge, encode, write; once per statement in the REPL.
                    for k in 0..<25 {
                        let history = History(path: path, capacity: 100_000)
                        history.add(Self.entry(n + k))
                        _ = history.save()
                    }
                } else {
                    // Only the writing, as fast as it goes: the old history and one more entry, in turns.
                    for k in 0..<2000 {
                        _ = AtomicFileWriter.write(histories.file(entries: n + 1 - k % 2), to: path)
                    }
                }
                _exit(0)
            }
            try #require(child > 0, "fork failed: \(String(cString: strerror(errno)))")

            if !throughHistory, kill % 2 == 0 {
                // Any moment: before the first write, mid-write, renaming, between writes.
                usleep(UInt32.random(in: 0...UInt32(max(2000, writeTime * 3e6)), using: &generator))
            } else {
                // Just after the temporary file appeared: while it is being written, or just after.
                let temporary = folder.file(".history.tmp-\(child)-0")
                let deadline = Date().addingTimeInterval(10)
                while access(temporary, F_OK) != 0, Date() < deadline {}
                if access(temporary, F_OK) == 0 { sawTemporaryFile += 1 }
                usleep(UInt32.random(in: 0...UInt32(max(500, writeTime * 1e6)), using: &generator))
            }
            Glibc.kill(child, SIGKILL)
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1, errno == EINTR {}

            let leftovers = try folder.names().filter { $0 != "history" }
            #expect(leftovers.allSatisfy { $0.hasPrefix(".history.tmp-\(child)-") },
                    "kill \(kill): files other than the killed child's temporary file: \(leftovers)")
            if !leftovers.isEmpty { leftTemporaryFile += 1 }

            // Whole, and the old history or a newer one.
            count = try Self.entryCount(path, histories, kill: kill)
            let range = throughHistory ? n...(n + 25) : n...(n + 1)
            #expect(range.contains(count), "kill \(kill): \(count) entries, expected \(range)")

            // The next save removes the dead child's temporary file.
            count += 1
            #expect(AtomicFileWriter.write(histories.file(entries: count), to: path) == nil)
            let names = try folder.names()
            #expect(names == ["history"], "kill \(kill): a save left or kept a temporary file")
            if names != ["history"] || !range.contains(count - 1) { break }
        }
        // The kills landed where it matters, or the test proved nothing.
        let targeted = Self.writerKills / 2 + Self.historyKills
        #expect(sawTemporaryFile >= targeted * 3 / 4, "the temporary file was seen in only \(sawTemporaryFile) of \(targeted) targeted kills")
        #expect(leftTemporaryFile >= Self.writerKills / 4, "only \(leftTemporaryFile) kills landed mid-write")
    }

    @Test func onlyTemporaryFilesOfDeadProcessesAreRemoved() throws {
        let folder = try TemporaryFolder()
        // pid 1 and this process are alive; a pid above any pid_max is not...
        try folder.write("x", to: ".history.tmp-1-0")
        try folder.write("x", to: ".history.tmp-\(getpid())-3")
        try folder.write("x", to: ".history.tmp-99999999-0")
        // ...and files that are not of our naming pattern are never touched.
        try folder.write("x", to: ".history.tmp-99999999-0-backup")
        try folder.write("x", to: ".other.tmp-99999999-0")
        AtomicFileWriter.removeStaleTemporaryFiles(folder: folder.path, name: "history")
        #expect(try folder.names() == [".history.tmp-1-0", ".history.tmp-99999999-0-backup",
                                       ".history.tmp-\(getpid())-3", ".other.tmp-99999999-0"].sorted())
    }

    /// The file's entry count, after checking it is one of the test's histories, whole.
    static func entryCount(_ path: String, _ histories: Histories, kill: Int) throws -> Int {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        if let n = histories.entryCount(of: bytes) { return n }
        let loaded = HistoryFileFormat.decode(bytes)
        Issue.record("kill \(kill): the history file is damaged: \(bytes.count) bytes, header \(bytes.starts(with: Array(HistoryFileFormat.header.utf8))), ends with a newline \(bytes.last == 10), decodes to \(String(describing: loaded).prefix(200))")
        return -1
    }
}

private typealias CloseRange = @convention(c) (UInt32, UInt32, Int32) -> Int32

/// A forked child holds every descriptor of the test process, pipes of
/// other tests' children included; it needs none of them.
private func closeInheritedDescriptors() {
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "close_range"),
       unsafeBitCast(symbol, to: CloseRange.self)(3, UInt32.max, 0) == 0 {
        return
    }
    for fd in 3..<Int32(4096) { close(fd) }
}
