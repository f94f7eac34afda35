#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file as users expect of `.save` and `.export`:
/// - a new file, or a regular file with one name, is written atomically: a
///   temporary file in the same folder, flushed, then renamed over the target,
///   with the mode (and, for root, the owner) of the file it replaces;
/// - a regular file with other hard links is rewritten in place, so that every
///   name sees the new text (not atomic then: there is no other way to keep
///   the links);
/// - a symbolic link stays a link: the file it points to is written;
/// - a FIFO or a character device (`/dev/null`, `/dev/full`, a terminal) is
///   written through, never replaced; a FIFO no process is reading is an
///   error, not a wait; other special files are refused.
public enum FileWriter {
    /// Writes a file's text, as a whole or piece by piece (`content` gets the
    /// open descriptor and returns 0 or the errno that stopped it; an error it
    /// throws leaves no file half-written where the write is atomic).
    public typealias Content = (_ fd: Int32) throws(Diagnostic) -> Int32

    public static func writeAtomically(_ text: String, to path: String, mode: mode_t = 0o644) throws(Diagnostic) {
        try writeAtomically(to: path, mode: mode) { fd in writeAll(fd, text) }
    }

    public static func writeAtomically(to path: String, mode: mode_t = 0o644, content text: Content) throws(Diagnostic) {
        let target = followingLink(path)
        var info = stat()
        guard stat(target, &info) == 0 else {
            if errno != ENOENT { throw failure(path, errno) }
            return try replace(target, shownAs: path, with: text, mode: mode, owner: nil)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw Diagnostic(.cannotWrite(path: path, reason: "it is a folder"))
        case S_IFREG:
            // A read-only file stays as it is, even for a user allowed to replace it.
            if info.st_mode & 0o222 == 0 { throw Diagnostic(.cannotWrite(path: path, reason: "the file is read-only")) }
            if info.st_nlink > 1 { return try writeInPlace(target, shownAs: path, text) }
            try replace(target, shownAs: path, with: text, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid))
        case S_IFIFO, S_IFCHR:
            try writeThrough(target, shownAs: path, text, isFIFO: info.st_mode & S_IFMT == S_IFIFO)
        default:
            throw Diagnostic(.cannotWrite(path: path, reason: "it is not a regular file, a FIFO or a character device"))
        }
    }

    /// The file a symbolic link points to (links of links too, up to 40), or the path itself.
    static func followingLink(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if destination.hasPrefix("/") {
                current = destination
            } else {
                let folder = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
                current = folder + destination
            }
        }
        return current
    }

    /// A temporary file in the target's folder, flushed, renamed over the target.
    static func replace(_ target: String, shownAs path: String, with text: Content, mode: mode_t, owner: (uid_t, gid_t)?) throws(Diagnostic) {
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let base = target.split(separator: "/").last.map(String.init) ?? target
        // `/x` has the empty folder before its slash: the root, not the current folder.
        let temporary = folder + "/" + ".\(base).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, errno) }
        var error: Int32
        do {
            error = try text(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var ok = error == 0
        if ok, let owner {
            // The replaced file's mode, whatever the umask; its owner when we may give it.
            if geteuid() == 0 { _ = fchown(fd, owner.0, owner.1) }
            if fchmod(fd, mode) != 0 { ok = false; error = errno }
        }
        if ok, fsync(fd) != 0 { ok = false; error = errno }
        if close(fd) != 0, ok { ok = false; error = errno }
        if ok, rename(temporary, target) != 0 { ok = false; error = errno }
        if !ok {
            unlink(temporary)
            throw failure(path, error)
        }
    }

    static func writeInPlace(_ target: String, shownAs path: String, _ text: Content) throws(Diagnostic) {
        let fd = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var error = try text(fd)
        if error == 0, fsync(fd) != 0 { error = errno }
        if error != 0 { throw failure(path, error) }
    }

    static func writeThrough(_ target: String, shownAs path: String, _ text: Content, isFIFO: Bool) throws(Diagnostic) {
        // Non-blocking to open, so a FIFO nobody reads is an error rather than a hang.
        let fd = open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if isFIFO, errno == ENXIO { throw Diagnostic(.cannotWrite(path: path, reason: "no process is reading this FIFO")) }
            throw failure(path, errno)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        defer { close(fd) }
        let error = try text(fd)
        if error != 0 { throw failure(path, error) }
    }

    /// Writes all of `text` to a descriptor, retrying short writes and
    /// interruptions; returns 0 or the errno that stopped it.
    public static func writeAll(_ fd: Int32, _ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return 0
        }
    }

    static func failure(_ path: String, _ e: Int32) -> Diagnostic {
        if e == EISDIR { return Diagnostic(.cannotWrite(path: path, reason: "it is a folder")) }
        return Diagnostic(.cannotWrite(path: path, reason: FileReader.describe(errno: e)),
                          help: e == ENOENT ? "create the folder first" : nil)
    }
}
