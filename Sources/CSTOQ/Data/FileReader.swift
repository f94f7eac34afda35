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

    public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
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
        var out = [UInt8]()
        let expected = Int(info.st_size)
        if expected > maximumSize { throw Diagnostic(.fileTooLarge(path: path, limit: maximumSize)) }
        out.reserveCapacity(expected > 0 ? expected : 65536)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                if e == EISDIR { throw Diagnostic(.fileIsFolder(path: path)) }
                throw Diagnostic(.fileNotReadable(path: path, reason: describe(errno: e)))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > maximumSize { throw Diagnostic(.fileTooLarge(path: path, limit: maximumSize)) }
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
