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
        // A file that knows its size is read straight into one array of that
        // size (no copies). One that doesn't (a pipe, /proc, /dev/zero) is read
        // in growing chunks, never more than one byte past the limit, and the
        // chunks joined at the end, each freed as it is copied.
        var chunks: [[UInt8]] = []
        var total = 0
        var chunkSize = max(expected + 1, 1 << 16)
        while true {
            var failure: Int32 = 0
            var done = false
            let room = min(chunkSize, limit + 1 - total)
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                count = 0
                while count < room {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, room - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { done = true; return }
                    count += n
                }
            }
            if failure != 0 {
                if failure == EISDIR { throw Diagnostic(.fileIsFolder(path: path)) }
                throw Diagnostic(.fileNotReadable(path: path, reason: describe(errno: failure)))
            }
            total += chunk.count
            if !chunk.isEmpty { chunks.append(chunk) }
            if total > limit { throw Diagnostic(.fileTooLarge(path: path, limit: limit)) }
            if done { break }
            chunkSize = min(chunkSize * 2, 64 << 20)
        }
        if chunks.count <= 1 { return chunks.first ?? [] }
        var out = [UInt8]()
        out.reserveCapacity(total)
        for i in chunks.indices {
            out.append(contentsOf: chunks[i])
            chunks[i] = []
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

/// A file's bytes mapped into memory, read-only: a big CSV is scanned where
/// the page cache has it, without copying it into the process first. Unmapped
/// when the last reference goes.
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeBufferPointer<UInt8>
    private let length: Int
    private let owned: [UInt8]?

    /// The file mapped, or (a pipe, an empty file, a file that cannot be
    /// mapped) read as `FileReader.read` reads it; the same errors either way.
    public init(path: String, limit: Int = FileReader.maximumSize) throws(Diagnostic) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        if fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0, Int(info.st_size) <= limit,
           let p = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            close(fd)
            madvise(p, Int(info.st_size), MADV_SEQUENTIAL)
            length = Int(info.st_size)
            bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: length)
            owned = nil
            return
        }
        if fd >= 0 { close(fd) }
        let read = try FileReader.read(path, limit: limit)
        owned = read
        length = 0
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, read.count))
        _ = copy.initialize(from: read)
        bytes = UnsafeBufferPointer(start: copy.baseAddress, count: read.count)
    }

    deinit {
        if owned == nil {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), length)
        } else {
            UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        }
    }
}
