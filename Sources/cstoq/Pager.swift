import CSTOQ
#if canImport(Glibc)
import Glibc
#endif

/// `.pager on`: a result taller than the terminal is written into `$PAGER`
/// (`less -FRX` when unset, as psql does: -F leaves at once when the text
/// fits, -R shows colours, -X keeps the text on the screen afterwards), run
/// by `/bin/sh -c` with its input a pipe. While it runs SIGPIPE is ignored,
/// so a user who quits the pager early ends the writing, not cstoq.
final class Pager: ResultPager {
    private let pid: pid_t
    private var input: Int32
    private var oldPipeAction = sigaction()
    private(set) var hasEnded = false

    static var command: String {
        if let p = StandardStreams.environment("PAGER"), !p.allSatisfy({ $0 == " " }) { return p }
        return "less -FRX"
    }

    /// Starts the pager; nil (and the result is cut instead) when it cannot start.
    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let arguments = ["/bin/sh", "-c", Pager.command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, &argv, environ)
        Glibc.close(fds[0])
        guard spawned == 0 else {
            Glibc.close(fds[1])
            return nil
        }
        pid = child
        input = fds[1]
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGPIPE, &ignore, &oldPipeAction)
    }

    func write(_ text: String) {
        guard !hasEnded else { return }
        let r = FileWriter.writeAll(input, text.utf8.last == 0x0A ? text : text + "\n")
        if r != 0 { hasEnded = true }
    }

    func close() {
        if input >= 0 { Glibc.close(input) }
        input = -1
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        sigaction(SIGPIPE, &oldPipeAction, nil)
    }
}
