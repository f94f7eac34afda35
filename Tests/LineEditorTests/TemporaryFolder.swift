import Foundation

/// A fresh folder under the system's temporary directory, removed when the
/// test lets go of it.
final class TemporaryFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("LineEditorTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        // A test may have made a subfolder read-only; give it back first.
        if let items = FileManager.default.enumerator(atPath: path) {
            for case let item as String in items {
                chmod(path + "/" + item, 0o700)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents(of name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: file(name), atomically: false, encoding: .utf8)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func mode(of name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name))
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
