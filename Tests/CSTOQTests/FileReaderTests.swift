import Foundation
import Testing
@testable import CSTOQ

/// Reading whole files: a stream with no size stops one byte past the limit.
@Suite struct FileReaderTests {
    @Test func aStreamWithoutEndStopsAtTheLimit() {
        let limit = 48 << 20
        let error = #expect(throws: Diagnostic.self) { try FileReader.read("/dev/zero", limit: limit) }
        #expect(error?.text == "'/dev/zero' is larger than the 48 MB limit")
    }

    @Test func aPipeOfExactlyTheLimitIsReadWholeAndOneByteMoreIsNot() throws {
        for (size, fits) in [(3 << 20, true), ((3 << 20) + 1, false), (200_000, true)] {
            var fds: [Int32] = [0, 0]
            #expect(pipe(&fds) == 0)
            let writer = fds[1]
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            DispatchQueue.global().async {
                bytes.withUnsafeBytes { b in
                    var written = 0
                    while written < b.count {
                        let n = write(writer, b.baseAddress! + written, b.count - written)
                        if n <= 0 { break }
                        written += n
                    }
                }
                close(writer)
            }
            defer { close(fds[0]) }
            let path = "/proc/self/fd/\(fds[0])"
            if fits {
                #expect(try FileReader.read(path, limit: 3 << 20) == bytes)
            } else {
                #expect(throws: Diagnostic.self) { try FileReader.read(path, limit: 3 << 20) }
            }
        }
    }
}
