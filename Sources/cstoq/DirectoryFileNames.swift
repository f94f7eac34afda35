import CSTOQ
#if canImport(Glibc)
import Glibc
#endif

/// The file names Tab completes, read from the real file system: the one
/// place completion touches folders, here at the edge rather than in the library.
struct DirectoryFileNames: FileNameSource {
    func entries(of folder: String) -> [FileEntry]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var entries: [FileEntry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            // stat, not d_type: a link to a folder completes as a folder.
            var info = stat()
            let full = (folder.hasSuffix("/") ? folder : folder + "/") + name
            entries.append(FileEntry(name: name, isFolder: stat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR))
        }
        return entries
    }

    var homeFolder: String? { StandardStreams.environment("HOME") }
}
