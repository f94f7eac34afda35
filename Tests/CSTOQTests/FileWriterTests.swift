import Foundation
import Testing
@testable import CSTOQ

/// `.save` and `.export` write files as users expect: modes, hard links and
/// symbolic links kept, FIFOs and devices written through, never replaced.
@Suite struct FileWriterTests {
    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    func info(_ path: String, link: Bool = false) -> stat {
        var s = stat()
        _ = link ? lstat(path, &s) : stat(path, &s)
        return s
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let folder = try TestSupport.temporaryFolder().path
        let path = folder + "/out.txt"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o751)
        try FileWriter.writeAtomically("new\n", to: path)
        #expect(try contents(path) == "new\n")
        #expect(info(path).st_mode & 0o7777 == 0o751)
    }

    @Test func aHardLinkedFileIsRewrittenInPlaceSoEveryNameSeesIt() throws {
        let folder = try TestSupport.temporaryFolder().path
        let a = folder + "/a.txt", b = folder + "/b.txt"
        try "old\n".write(toFile: a, atomically: false, encoding: .utf8)
        #expect(link(a, b) == 0)
        try FileWriter.writeAtomically("new\n", to: a)
        #expect(try contents(b) == "new\n")
        #expect(info(a).st_nlink == 2 && info(a).st_ino == info(b).st_ino)
    }

    @Test func aSymbolicLinkStaysALinkAndItsFileIsWritten() throws {
        let folder = try TestSupport.temporaryFolder().path
        let target = folder + "/target.txt", name = folder + "/name.txt"
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink("target.txt", name) == 0)
        try FileWriter.writeAtomically("new\n", to: name)
        #expect(info(name, link: true).st_mode & S_IFMT == S_IFLNK)
        #expect(try contents(target) == "new\n")
        // A link to a file not there yet makes the file.
        #expect(symlink(folder + "/later.txt", folder + "/dangling.txt") == 0)
        try FileWriter.writeAtomically("made\n", to: folder + "/dangling.txt")
        #expect(try contents(folder + "/later.txt") == "made\n")
    }

    @Test func aFIFOIsWrittenThroughToItsReader() throws {
        let folder = try TestSupport.temporaryFolder().path
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let fd = open(fifo, O_RDONLY)
            var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
            while fd >= 0 {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[..<n]
            }
            close(fd)
            box.text = String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
        // The reader opens the FIFO when it gets to it: retry until it is there.
        var written = false
        for _ in 0..<200 where !written {
            do { try FileWriter.writeAtomically("through\n", to: fifo); written = true } catch { usleep(10_000) }
        }
        #expect(written)
        done.wait()
        #expect(box.text == "through\n")
        #expect(info(fifo).st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aFIFONoOneReadsIsAnErrorNotAWait() throws {
        let folder = try TestSupport.temporaryFolder().path
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: Diagnostic.self) { try FileWriter.writeAtomically("x\n", to: fifo) }
        #expect(error?.text == "cannot write '\(fifo)': no process is reading this FIFO")
        #expect(info(fifo).st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aFullDeviceIsAnErrorAndStaysADevice() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        let error = #expect(throws: Diagnostic.self) { try FileWriter.writeAtomically("x\n", to: "/dev/full") }
        #expect(error?.text == "cannot write '/dev/full': no space left on the device")
        #expect(info("/dev/full").st_mode & S_IFMT == S_IFCHR)
        try FileWriter.writeAtomically("gone\n", to: "/dev/null")
        #expect(info("/dev/null").st_mode & S_IFMT == S_IFCHR)
    }
}
