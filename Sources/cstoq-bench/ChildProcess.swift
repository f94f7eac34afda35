#if canImport(Glibc)
import Glibc
#endif
import CSTOQ

/// Runs one program and measures it the way `/usr/bin/time` does: wall time
/// around fork → exec → wait4, and the child's peak resident memory from the
/// `rusage` that wait4 returns.
///
/// Why fork and not posix_spawn: glibc's posix_spawn starts the child with
/// vfork, sharing this process's memory until exec, and Linux then carries this
/// process's own high-water mark into the child's `ru_maxrss` — every tool
/// would seem to need at least as much memory as the benchmark itself. After
/// fork the child's count starts from this process's anonymous pages only
/// (file-backed pages are not copied), which `memoryFloorKB` reports so the
/// table can say when a figure is at that floor.
///
/// The benchmark is single-threaded, so the child may call anything between
/// fork and exec; it still only calls open, dup2, execv and _exit.
struct ChildProcess {
    /// The program (an absolute path) and its arguments.
    var arguments: [String]
    /// A file to read standard input from, or nil for /dev/null.
    var standardInput: String?
    /// Where standard output and standard error go.
    var outputPath: String
    var errorPath: String

    struct Outcome {
        var seconds: Double
        /// User plus system time: unlike wall time, barely moved by other work
        /// competing for the processors (but summed over all of a program's threads).
        var cpuSeconds: Double
        var peakKB: Int
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        var output: String
        var errorOutput: String

        var peakMB: Double { Double(peakKB) / 1024 }
    }

    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws(LaunchError) -> Outcome {
        guard let program = arguments.first, access(program, X_OK) == 0 else {
            throw LaunchError(description: "cannot run \(arguments.first ?? "nothing"): not an executable file")
        }
        // Everything the child needs, made before fork.
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let inputPath = strdup(standardInput ?? "/dev/null")!
        let outPath = strdup(outputPath)!
        let errPath = strdup(errorPath)!
        defer { free(inputPath); free(outPath); free(errPath) }
        fflush(nil)

        let start = ChildProcess.now()
        let pid = fork()
        if pid == 0 {
            let input = open(inputPath, O_RDONLY)
            let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if input < 0 || out < 0 || err < 0 { _exit(126) }
            dup2(input, 0)
            dup2(out, 1)
            dup2(err, 2)
            argv.withUnsafeBufferPointer { p in _ = execv(p[0]!, p.baseAddress!) }
            _exit(127)
        }
        if pid < 0 {
            throw LaunchError(description: "fork failed: \(String(cString: strerror(errno)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw LaunchError(description: "wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = ChildProcess.now() - start
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Outcome(seconds: seconds, cpuSeconds: cpu, peakKB: Int(usage.ru_maxrss), status: code,
                       output: ChildProcess.contents(of: outputPath), errorOutput: ChildProcess.contents(of: errorPath))
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func contents(of path: String) -> String {
        guard let bytes = try? FileReader.read(path) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// This process's anonymous resident memory, which a forked child starts
    /// counting from: a child's peak cannot be seen below it.
    static func memoryFloorKB() -> Int {
        guard let bytes = try? FileReader.read("/proc/self/status") else { return 0 }
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) where line.hasPrefix("RssAnon:") {
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
        }
        return 0
    }

    /// The first executable called `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        guard let path = getenv("PATH") else { return nil }
        for folder in String(cString: path).split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
