#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole small file with plain system calls.
///
/// Only regular files are read: a history path that names a folder, a fifo or
/// a device such as /dev/zero would otherwise block or never end.
enum RegularFile {
    struct Contents {
        var bytes: [UInt8]
        /// Other users may write it: its entries might have been planted.
        var isWritableByOthers: Bool
        /// Owned by someone else than the user running us.
        var isForeignOwned: Bool
    }

    enum ReadResult {
        case missing
        case contents(Contents)
        case notRegular
        case failed(SystemError)
    }

    static func read(_ path: String) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let error = SystemError.current
            return error.code == ENOENT ? .missing : .failed(error)
        }
        defer { close(fd) }

        var status = stat()
        guard fstat(fd, &status) == 0 else { return .failed(.current) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notRegular }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(fd, $0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(.current)
            }
            bytes += chunk[0..<count]
        }
        return .contents(Contents(
            bytes: bytes,
            isWritableByOthers: status.st_mode & S_IWOTH != 0,
            isForeignOwned: status.st_uid != geteuid()
        ))
    }
}

// At file scope, so that the name means read(2) and not RegularFile.read.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
