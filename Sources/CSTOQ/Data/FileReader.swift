#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes whole files with the C library only (no Foundation: it
/// costs start-up time), turning each failure into a catalog message.
public enum FileReader {
    /// A generous cap so a mistaken `.load /dev/zero` ends with a message.
    public static let maximumSize = 2 * 1024 * 1024 * 1024

    /// The whole file, or an error naming it; more than `limit` bytes is an error too.
    public static func read(_ path: String, limit: Int = FileReader.maximumSize) throws(Diagnostic) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ENOENT, ENOTDIR: throw Diagnostic(.fileNotFound(path: path))
            case EISDIR: throw Diagnostic(.fileIsFolder(path: path))
            default: throw Diagnostic(.fileNotReadable(path: path, reason: describe(errno: e)))
            }
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic(.fileIsFolder(path: path))
        }
        let expected = Int(info.st_size)
        if expected > limit { throw Diagnostic(.fileTooLarge(path: path, limit: limit)) }
        // Read straight into an array of the file's size (no chunk copies);
        // files that don't know their size (pipes, /proc) grow as they go.
        var out = [UInt8]()
        var filled = 0
        var capacity = max(expected + 1, 65536)
        while true {
            if filled == capacity { capacity *= 2 }
            var failure: Int32 = 0
            var done = false
            out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                if !out.isEmpty { _ = buffer.initialize(from: out) }
                count = filled
                while count < capacity {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { done = true; return }
                    count += n
                }
            }
            filled = out.count
            if failure != 0 {
                if failure == EISDIR { throw Diagnostic(.fileIsFolder(path: path)) }
                throw Diagnostic(.fileNotReadable(path: path, reason: describe(errno: failure)))
            }
            if done { break }
            if filled > limit { throw Diagnostic(.fileTooLarge(path: path, limit: limit)) }
        }
        return out
    }

    public static func describe(errno e: Int32) -> String {
        switch e {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file or folder"
        case ENOSPC: "no space left on the device"
        case EROFS: "the file system is read-only"
        case EISDIR: "it is a folder"
        case ENOTDIR: "a part of the path is not a folder"
        default: String(cString: strerror(e))
        }
    }
}
