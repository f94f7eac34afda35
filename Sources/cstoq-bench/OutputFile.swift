#if canImport(Glibc)
import Glibc
#endif

/// A file written through a 1 MB buffer, so generating a million records
/// keeps this process small (its memory is the floor under every child's
/// peak, see ChildProcess).
struct OutputFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    init(path: String) throws(Failure) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        buffer.reserveCapacity(OutputFile.flushSize + 4096)
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    mutating func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// A non-negative integer, zero-padded to at least `width` digits.
    mutating func write(_ n: Int, width: Int = 1) {
        var digits = 1
        var v = n
        while v >= 10 { v /= 10; digits += 1 }
        let length = max(digits, width)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var i = start + length - 1
        var rest = n
        repeat {
            buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            i -= 1
        } while rest > 0
    }

    mutating func endRecord() throws(Failure) {
        if buffer.count >= OutputFile.flushSize { try flush() }
    }

    mutating func flush() throws(Failure) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws(Failure) {
        try flush()
        if Glibc.close(fd) != 0 { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
