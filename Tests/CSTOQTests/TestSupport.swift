import Foundation
@testable import CSTOQ

/// Shared helpers: where the package is, the built-in dataset, running a query.
enum TestSupport {
    /// The package root: three levels up from this file (Tests/CSTOQTests/TestSupport.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let dataset: Dataset = BuiltinDataset.load()

    static func file(_ relative: String) -> URL { packageRoot.appendingPathComponent(relative) }

    /// Runs one query on the built-in dataset and returns its result set.
    static func query(_ text: String, in dataset: Dataset = TestSupport.dataset) throws -> ResultSet {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q) = statements.first else {
            throw TestFailure("does not parse as a query: \(text)")
        }
        let checked = try Checker(dataset: dataset).check(q)
        return try Evaluator(dataset: dataset).run(checked)
    }

    /// The first column of a result, as plain text.
    static func firstColumn(_ text: String) throws -> [String] {
        try query(text).rows.map { ValueText.plain($0[0]) }
    }

    /// Runs statements through a session and returns (stdout, stderr, success).
    static func session(_ text: String, dataset: Dataset = TestSupport.dataset, format: OutputFormat = .table,
                        configure: (Session) -> Void = { _ in }) -> (out: String, err: String, ok: Bool) {
        final class Box: @unchecked Sendable { var out: [String] = []; var err: [String] = [] }
        let box = Box()
        let session = Session(dataset: dataset, datasetName: "test", options: RenderOptions(format: format),
                              output: { box.out.append($0) }, errors: { box.err.append($0) })
        configure(session)
        let ok = session.run(SourceText(name: "<input>", text: text))
        return (box.out.joined(separator: "\n"), box.err.joined(separator: "\n"), ok)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cstoq-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
