import CSTOQ
import LineEditor
#if canImport(Glibc)
import Glibc
#endif

/// Writing to stdout and stderr with write(2): no Foundation, no stdio
/// buffers to lose on exit, and a closed pipe simply ends the process quietly
/// (SIGPIPE keeps its default action).
enum StandardStreams {
    /// Writes text as lines: a final newline is added unless the text has one
    /// (CSV ends its own lines with CRLF).
    static func out(_ text: String) {
        // By byte: "\r\n" is one Character, so hasSuffix("\n") would miss a CSV line end.
        write(fd: STDOUT_FILENO, text.utf8.last == 0x0A ? text : text + "\n")
    }

    static func error(_ text: String) {
        write(fd: STDERR_FILENO, text + "\n")
    }

    /// Whether the line the terminal's `^C` echo began has been ended.
    nonisolated(unsafe) private static var interruptLineEnded = false

    /// A Ctrl-C was dealt with (the REPL cleared the flag): the next one gets its line end again.
    static func interruptHandled() {
        interruptLineEnded = false
    }

    static func write(fd: Int32, _ text: String) {
        // A Ctrl-C while a statement runs makes the terminal echo `^C` where the
        // cursor is; what is written next starts on a line of its own.
        if !interruptLineEnded, Interrupt.isPending, isatty(fd) == 1 {
            interruptLineEnded = true
            _ = FileWriter.writeAll(fd, "\n")
        }
        // EPIPE with SIGPIPE ignored by a parent: end quietly as a closed pipe should.
        if FileWriter.writeAll(fd, text) == EPIPE { exit(0) }
    }

    static var isTerminal: (stdin: Bool, stdout: Bool) {
        (isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1)
    }

    /// The terminal's width in columns, when stdout is a terminal.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Reads all of stdin, or a little more than a session runs at once
    /// (`yes | cstoq` ends with an error, not with all memory taken).
    static func readAllInput() -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while out.count <= Session.maximumSourceSize {
            let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}
