/// Where file-name completion (`.run`, `.load`, `.save`) finds its names.
/// The library does not read folders itself: the command line hands it a
/// source over the real file system, tests an in-memory one.
public protocol FileNameSource: Sendable {
    /// The entries of `folder` (without `.` and `..`), or nil when it can't be read.
    func entries(of folder: String) -> [FileEntry]?
    /// The user's home folder, for names typed as `~/…`.
    var homeFolder: String? { get }
}

/// One name in a folder, and whether it is a folder itself.
public struct FileEntry: Sendable, Equatable {
    public var name: String
    public var isFolder: Bool

    public init(name: String, isFolder: Bool) {
        self.name = name
        self.isFolder = isFolder
    }
}
