import Foundation
import Testing
@testable import CSTOQ

/// Helpers shared by the language tests (lexer, parser, diagnostics,
/// completeness, grammar): tree dumps of whole inputs, and sources with the
/// expected place of an error marked inside them.
enum LanguageTestSupport {
    /// The package root: this file is Tests/CSTOQTests/LanguageTestSupport.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every statement of `source` as a tree dump, one after another; the
    /// first error, if any, as `error: <message> @<range>` in its place.
    static func dump(_ source: String) -> String {
        dump(Array(source.utf8))
    }

    static func dump(_ bytes: [UInt8]) -> String {
        var parser = Parser(bytes)
        var parts: [String] = []
        while let result = parser.nextStatement() {
            switch result {
            case let .success(parsed):
                parts.append(ASTPrinter().tree(parsed.statement))
            case let .failure(diagnostic):
                parts.append("error: \(diagnostic.text) @\(diagnostic.range.map(\.description) ?? "nowhere")")
                return parts.joined(separator: "\n")
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The first diagnostic of `source`, or nil when every statement parses.
    static func firstDiagnostic(_ bytes: [UInt8]) -> Diagnostic? {
        var parser = Parser(bytes)
        while let result = parser.nextStatement() {
            if case let .failure(diagnostic) = result { return diagnostic }
        }
        return nil
    }

    /// The statements of `source`, or the first diagnostic.
    static func statements(_ source: String) -> Result<[Statement], Diagnostic> {
        Parser.parseAll(source)
    }
}

/// A source with the expected range written into it between `⟨` and `⟩`,
/// as swift-syntax's tests mark where an error must be reported:
/// `members ⟨wher⟩ status = active` is the source
/// `members wher status = active` with the range 8..<12.
struct MarkedSource {
    var text: String
    var range: SourceRange

    init(_ marked: String) {
        let open = marked.firstIndex(of: "⟨")!
        let close = marked.firstIndex(of: "⟩")!
        let before = marked[..<open]
        let inside = marked[marked.index(after: open)..<close]
        let after = marked[marked.index(after: close)...]
        text = String(before) + inside + after
        range = SourceRange(before.utf8.count, before.utf8.count + inside.utf8.count)
    }
}

// The seeded generator of the tests is the library's `SplitMix64`.
