#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file so that it is either complete or not there: a
/// temporary file in the same folder, flushed, then renamed over the target.
public enum FileWriter {
    public static func writeAtomically(_ text: String, to path: String, mode: mode_t = 0o644) throws(Diagnostic) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = path.split(separator: "/").last.map(String.init) ?? path
        // `/x` has the empty folder before its slash: the root, not the current folder.
        let temporary = folder + "/" + ".\(base).\(getpid()).tmp"
        // A read-only file stays as it is, even for a user allowed to replace it.
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw Diagnostic(.cannotWrite(path: path, reason: "it is a folder")) }
            if info.st_mode & 0o222 == 0 { throw Diagnostic(.cannotWrite(path: path, reason: "the file is read-only")) }
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, errno) }
        var error = writeAll(fd, text)
        var ok = error == 0
        if ok, fsync(fd) != 0 { ok = false; error = errno }
        if close(fd) != 0, ok { ok = false; error = errno }
        if ok, rename(temporary, path) != 0 { ok = false; error = errno }
        if !ok {
            unlink(temporary)
            throw failure(path, error)
        }
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
