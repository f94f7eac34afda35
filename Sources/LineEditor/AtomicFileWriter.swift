#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents all at once or not at all.
///
/// The new contents go to a temporary file in the same folder (created with
/// O_EXCL and mode 0600, so nobody else can have it open), are written in
/// full, fsync'ed, and renamed over the target: a reader, or a crash, sees
/// either the old file or the new one, never a truncated mix. Every step's
/// error is checked, since a full disk shows up as a failed write or fsync;
/// on any failure the temporary file is removed and the old file is untouched.
///
/// A writer killed between creating its temporary file and renaming it
/// (SIGKILL, a crash, a power cut) leaves `.<name>.tmp-<pid>-<n>` behind;
/// the next write to the same target removes those whose process no longer
/// exists. (A process in another pid namespace sharing the folder could look
/// dead; the worst that does is fail that process's one save, which History
/// reports and retries.)
enum AtomicFileWriter {
    static func write(_ bytes: [UInt8], to path: String) -> SystemError? {
        let target = resolvingSymlink(path)
        let (folder, name) = split(target)
        removeStaleTemporaryFiles(folder: folder, name: name)

        var fd: Int32 = -1
        var temporaryPath = ""
        // Another session, or a crashed one with a recycled pid, may hold a name.
        for attempt in 0..<64 {
            temporaryPath = "\(folder)/.\(name).tmp-\(getpid())-\(attempt)"
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { return .current }

        var failure: SystemError?
        // The umask may have taken bits away from 0600; the owner must keep both.
        if fchmod(fd, 0o600) != 0 { failure = .current }
        if failure == nil { failure = writeAll(bytes, to: fd) }
        if failure == nil, fsync(fd) != 0 { failure = .current }
        if close(fd) != 0, failure == nil { failure = .current }
        if failure == nil, rename(temporaryPath, target) != 0 { failure = .current }

        if let failure {
            unlink(temporaryPath)
            return failure
        }
        syncFolder(folder)
        return nil
    }

    /// Writes every byte, retrying short writes and EINTR; nil on success.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> SystemError? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { writeBytes(fd, $0) }
            if written < 0 {
                if errno == EINTR { continue }
                return .current
            }
            offset += written
        }
        return nil
    }

    /// Removes `.<name>.tmp-<pid>-<n>` files left by writers that died mid-write:
    /// those of a process that no longer exists (not ours, not a live one's).
    static func removeStaleTemporaryFiles(folder: String, name: String) {
        guard let directory = opendir(folder) else { return }
        let prefix = ".\(name).tmp-"
        var stale: [String] = []
        while let entry = readdir(directory) {
            let fileName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard fileName.hasPrefix(prefix) else { continue }
            let parts = fileName.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, pid != getpid(), Int(parts[1]) != nil else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { stale.append(fileName) }
        }
        closedir(directory)
        for fileName in stale { unlink("\(folder)/\(fileName)") }
    }

    /// Renaming over a symlink would replace the link itself; write where it points.
    private static func resolvingSymlink(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// Makes the rename itself durable; a failure here loses nothing already written.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

// At file scope, so that the name means write(2) and not AtomicFileWriter.write.
private func writeBytes(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    write(fd, buffer.baseAddress, buffer.count)
}
