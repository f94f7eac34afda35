import Foundation
import Testing
@testable import LineEditor

@Suite struct AtomicFileWriterTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDiskIsReportedNotIgnored() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let error = AtomicFileWriter.writeAll(Array(repeating: 0x61, count: 100_000), to: fd)
        #expect(error == SystemError(code: ENOSPC))
        #expect(error?.message == "No space left on device")
    }

    @Test func writesEveryByte() throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
        #expect(AtomicFileWriter.write(bytes, to: folder.file("data")) == nil)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: folder.file("data")))) == bytes)
        #expect(try folder.names() == ["data"])
    }

    @Test func failureLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("old", to: "data")
        // Renaming a file over a non-empty folder fails after the temporary file was written.
        try FileManager.default.createDirectory(atPath: folder.file("target"), withIntermediateDirectories: false)
        try folder.write("x", to: "target/inside")
        let error = AtomicFileWriter.write(Array("new".utf8), to: folder.file("target"))
        #expect(error != nil)
        #expect(try folder.names() == ["data", "target"])
        #expect(try folder.contents(of: "data") == "old")
    }
}
