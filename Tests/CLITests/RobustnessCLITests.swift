import SharedTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The binary under faults: interrupted, writing into a closed pipe, fed
/// bytes that are not text, given hostile data or a script too large. Each
/// ends with a clear message and the documented exit status, promptly.
/// (The library's side of the same limits is in CSTOQTests/RobustnessTests.)
@Suite struct RobustnessCLITests {
    typealias R = BinaryRunner
    static let full = ProcessInfo.processInfo.environment["CSTOQ_FULL_LIMITS"] == "1"

    /// A generated dataset: `items` with `n` records, text, numbers, a reference.
    static func bigDataset(records n: Int, in folder: URL) throws -> String {
        var json = #"{"cstoq": 1, "title": "generated", "collections": {"items": {"fields": {"name": "text", "score": "integer", "next": "ref items"}, "records": ["#
        json.reserveCapacity(n * 64)
        for i in 0..<n {
            if i > 0 { json += "," }
            json += #"{"id": "i\#(i)", "name": "item \#(i) of the generated set", "score": \#(i % 1000), "next": "i\#((i + 1) % n)"}"#
        }
        json += "]}}}"
        let path = folder.appendingPathComponent("big.json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sigintInBatchModeEndsPromptlyWith130() throws {
        let folder = try R.temporaryFolder()
        let data = try Self.bigDataset(records: Self.full ? 1_000_000 : 100_000, in: folder)
        // A script that would run for minutes: a slow query, over and over.
        let script = folder.appendingPathComponent("long.cstoq")
        try String(repeating: "count items where name like \"*9*9*9*x\" or next.next.next.name contains \"zz\"\n", count: 100_000)
            .write(to: script, atomically: true, encoding: .utf8)
        // Spawned with SIGINT at its default action, as from a terminal (a test
        // runner started in the background would pass it on ignored).
        let child = try Spawned([R.binary, "--data", data, script.path])
        defer { child.kill() }
        // Wait for the first answer, so the signal comes while queries run.
        #expect(child.readSome() > 0)
        Thread.sleep(forTimeInterval: 0.3)
        let clock = ContinuousClock()
        let sent = clock.now
        child.signal(SIGINT)
        let status = child.wait(timeout: .seconds(10))
        let took = clock.now - sent
        #expect(took < .seconds(3), "took \(took) after SIGINT")
        // 130 is what a shell reports for a process ended by SIGINT (128 + 2):
        // cstoq either exits with it or dies by the signal itself.
        #expect(status == .exited(130) || status == .signalled(SIGINT), "\(status)")
    }

    @Test func writingIntoAClosedPipeEndsQuietly() throws {
        // Far more output than a pipe holds, read a little, as `cstoq … | head -1` does.
        let child = try Spawned([R.binary] + Array(repeating: ["-e", "members"], count: 300).flatMap { $0 })
        defer { child.kill() }
        #expect(child.readSome() > 0)
        child.closeOutput()
        let status = child.wait(timeout: .seconds(20))
        // Ended by SIGPIPE (its default action), or exit 0 where SIGPIPE is ignored: quietly either way.
        #expect(status == .signalled(SIGPIPE) || status == .exited(0), "\(status)")
        #expect(child.errors().isEmpty, "\(child.errors())")
        // With SIGPIPE ignored, as some parents leave it: the write fails with EPIPE and cstoq exits 0.
        let ignoring = try Spawned([R.binary] + Array(repeating: ["-e", "members"], count: 300).flatMap { $0 }, ignorePipe: true)
        defer { ignoring.kill() }
        #expect(ignoring.readSome() > 0)
        ignoring.closeOutput()
        #expect(ignoring.wait(timeout: .seconds(20)) == .exited(0))
        #expect(ignoring.errors().isEmpty, "\(ignoring.errors())")
    }

    @Test func bytesThatAreNotTextGetADiagnostic() throws {
        let input = "members where name = \"a\u{0}b\"\n"
        let r = try R.run([], stdin: input)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("<stdin>:1:24: error: unexpected NUL byte"))
        #expect(!r.err.contains("\u{0}"))
        // Invalid UTF-8, written as raw bytes through a file.
        let folder = try R.temporaryFolder()
        let file = folder.appendingPathComponent("bad.cstoq")
        try Data([0x6D, 0x65, 0x6D, 0x62, 0x65, 0x72, 0x73, 0x20, 0xFF, 0xC3, 0x28, 0x0A]).write(to: file)
        let bad = try R.run([file.path])
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("\(file.path):1:9: error: the statement is not valid UTF-8 text"))
    }

    @Test func aScriptLargerThanTheLimitIsRefused() throws {
        let size = Self.full ? 100 << 20 : (16 << 20) + 1
        let folder = try R.temporaryFolder()
        let file = folder.appendingPathComponent("huge.cstoq")
        var bytes = Data("count members\n--".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "x"), count: size - bytes.count))
        try bytes.write(to: file)
        let r = try R.run([file.path])
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err == "error: '\(file.path)' is larger than the 16 MB limit\n")
        // Through stdin too: read up to just past the limit, then refused. (One byte past
        // it: cstoq stops reading there, and more would meet a closed pipe in this test.)
        let piped = try R.run([], stdin: String(decoding: bytes.prefix((16 << 20) + 1), as: UTF8.self))
        #expect(piped.status == 1)
        #expect(piped.out.isEmpty)
        #expect(piped.err.hasPrefix("error: '<stdin>' is larger than the 16 MB limit"))
    }

    @Test func saveErrorsNameThePathAndExit1() throws {
        let r = try R.run(["-e", "members", "-e", ".save /nonexistent-cstoq/out.csv"])
        #expect(r.status == 1)
        #expect(r.err == "error: cannot write '/nonexistent-cstoq/out.csv': no such file or folder\nhelp: create the folder first\n")
    }

    /// Permissions as a user meets them: run as `nobody` when the tests run as
    /// root (who may write anywhere), in a folder that user may not write.
    @Test func saveIntoAFolderThatMayNotBeWrittenSaysPermissionDenied() throws {
        let folder = try R.temporaryFolder()
        chmod(folder.path, 0o755)
        let closed = folder.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: false)
        chmod(closed.path, 0o555)
        var command = [BinaryRunner.binary]
        if geteuid() == 0 {
            // A copy of the binary that nobody may run, wherever the checkout is.
            let copy = folder.appendingPathComponent("cstoq").path
            try FileManager.default.copyItem(atPath: BinaryRunner.binary, toPath: copy)
            chmod(copy, 0o755)
            command = ["/usr/sbin/runuser", "-u", "nobody", "--", copy]
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst()) + ["-e", "members", "-e", ".save \(closed.path)/out.csv"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(text == "error: cannot write '\(closed.path)/out.csv': permission denied\n", "\(text)")
        #expect(!FileManager.default.fileExists(atPath: closed.path + "/out.csv"))
    }

    @Test func controlCharactersInDataNeverReachTheTerminalRaw() throws {
        let tricky = BinaryRunner.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus/dataset/tricky.json").path
        let table = try R.run(["--data", tricky, "-e", "nodes where note is not null select name, note"])
        #expect(table.status == 0)
        #expect(!table.out.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) })
        #expect(table.out.contains(#"clear \u{1b}[2J screen"#))
        let json = try R.run(["--data", tricky, "--format", "json", "-e", "nodes where id = a select note"])
        #expect(json.out == "[\n  {\"note\": \"clear \\u001b[2J screen\"}\n]\n")
        let csv = try R.run(["--data", tricky, "--format", "csv", "-e", "nodes where id = a select note"])
        #expect(csv.out.hasPrefix("note\r\nclear \u{1B}[2J screen\r\n"))
        // A dataset whose error message would quote an escape sequence.
        let folder = try R.temporaryFolder()
        let bad = folder.appendingPathComponent("bad.json")
        try #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {}, "records": [{"id": "\u001b[2J"}, {"id": "\u001b[2J"}]}}}"#
            .write(to: bad, atomically: true, encoding: .utf8)
        let check = try R.run(["--data", bad.path, "--check"])
        #expect(check.status == 1)
        #expect(check.err == "\(bad.path):1:104: error: duplicate id '\\u{1b}[2J' in a\n")
        // A title that would clear the screen, shown by --check.
        let titled = folder.appendingPathComponent("titled.json")
        try #"{"cstoq": 1, "title": "\u001b[2J\u001b]0;pwned\u0007", "collections": {}}"#.write(to: titled, atomically: true, encoding: .utf8)
        let shown = try R.run(["--data", titled.path, "--check"])
        #expect(shown.status == 0)
        #expect(shown.out == "\(titled.path): \\u{1b}[2J\\u{1b}]0;pwned\\u{7}\n")
    }

    /// The hostile string of CSTOQTests/HostileTextTests, through the paths
    /// only the binary has: file names in its error prefixes and in --check,
    /// ArgumentParser's messages, --echo, and the .save message.


    @Test func theHostileStringReachesTheTerminalEscapedFromEveryCommandLinePath() throws {
        let h = HostileText.string
        let folder = try R.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent(h + ".json").path
        try "[]".write(toFile: bad, atomically: true, encoding: .utf8)
        let good = folder.appendingPathComponent("good" + h + ".json").path
        try #"{"cstoq": 1, "title": "t", "collections": {"items": {"fields": {"name": "text"}, "records": [{"id": "a", "name": "x"}]}}}"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent(h + ".cstoq").path
        try "items where nme = x\n".write(toFile: script, atomically: true, encoding: .utf8)
        let runs: [(String, [String])] = [
            ("a bad dataset's name in the error prefix", ["--data", bad, "--check"]),
            ("a dataset's name in --check", ["--data", good, "--check"]),
            ("a script's name in its error prefix", [script]),
            ("a bad --format value", ["--format", h, "-e", "count members"]),
            ("an unknown option", ["--" + h]),
            ("an unknown option's value", ["--dialect", h, "--export", "sql"]),
            ("--echo and the error about the typed text", ["--echo", "-e", "members where name = \"\(h)\"", "-e", "members where name = " + h]),
            ("the .save message", ["-e", "count members", "-e", ".save " + folder.path + "/" + h + ".txt"]),
            (".load of a bad file", ["-e", ".load " + bad]),
        ]
        for (what, arguments) in runs {
            let r = try R.run(arguments, in: folder)
            #expect(!(r.out + r.err).isEmpty, "\(what): no output")
            #expect(HostileText.raw(in: r.out + r.err).isEmpty, "\(what): \(HostileText.raw(in: r.out + r.err))\n\(r.out)\n\(r.err)")
            #expect((r.out + r.err).contains(#"\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{202e}"#), "\(what):\n\(r.out)\n\(r.err)")
        }
    }

    @Test func noShellRunsAndPathsAreNamedAsGiven() throws {
        let folder = try R.temporaryFolder()
        let marker = folder.appendingPathComponent("pwned").path
        let r = try R.run(["--keep-going", "-e", ".run $(touch \(marker))", "-e", ".load `touch \(marker)`"], in: folder)
        #expect(r.status == 1)
        #expect(r.err.contains("error: cannot open '$(touch \(marker))': no such file"))
        #expect(r.err.contains("`touch \(marker)`: error: cannot open '`touch \(marker)`': no such file"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func aScriptThatRunsItselfExits1() throws {
        let folder = try R.temporaryFolder()
        let script = folder.appendingPathComponent("loop.cstoq")
        try "count members\n.run loop.cstoq\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try R.run([script.path])
        #expect(r.status == 1)
        #expect(r.out.components(separatedBy: "│     6 │").count == 2)
        #expect(r.err.contains("loop.cstoq' runs itself (through .run): stopped"))
    }
}

struct SpawnError: Error {
    var message: String
}

/// A child process started with posix_spawn, with SIGINT and SIGPIPE at their
/// default actions whatever the test runner inherited, and its stdout on a pipe.
final class Spawned {
    enum Status: Equatable, CustomStringConvertible {
        case exited(Int32), signalled(Int32), timedOut
        var description: String {
            switch self {
            case let .exited(n): "exited with \(n)"
            case let .signalled(n): "killed by signal \(n)"
            case .timedOut: "still running"
            }
        }
    }

    let pid: pid_t
    var output: Int32
    var finished = false
    /// Where the child's stderr goes, to be read after it ends.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-spawned-\(UUID().uuidString).err").path

    init(_ arguments: [String], ignorePipe: Bool = false) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(message: "pipe failed") }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        if !ignorePipe { sigaddset(&defaults, SIGPIPE) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of this process: a file another test is writing, left open in
        // the child, would make exec of that file fail with "text file busy".
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        // SIGPIPE ignored in the child: set here, inherited through exec, restored after.
        let previous = ignorePipe ? Glibc.signal(SIGPIPE, SIG_IGN) : nil
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        if ignorePipe { Glibc.signal(SIGPIPE, previous) }
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw SpawnError(message: "posix_spawn failed: \(rc)") }
        self.pid = pid
        output = fds[0]
    }

    /// Blocks until some output comes; the number of bytes read.
    func readSome() -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        return buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
    }

    func signal(_ s: Int32) { Glibc.kill(pid, s) }

    /// Closes the reading end of stdout: the child's next write meets a closed pipe.
    func closeOutput() {
        if output >= 0 { close(output) }
        output = -1
    }

    /// What the child wrote to stderr.
    func errors() -> String {
        (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
    }

    func wait(timeout: Duration) -> Status {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        while clock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                finished = true
                closeOutput()
                let signal = status & 0x7F
                return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return .timedOut
    }

    deinit {
        try? FileManager.default.removeItem(atPath: errorFile)
    }

    /// Ends the child if a test left it running.
    func kill() {
        guard !finished else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        closeOutput()
        finished = true
    }
}
