/// An error as a value: what went wrong (a catalog message), where, and how
/// to fix it. Rendering is a separate step (`DiagnosticFormatter`).
public struct Diagnostic: Error, Sendable, Equatable {
    public var message: Message
    public var range: SourceRange?
    /// A suggestion shown on its own `help:` line.
    public var help: String?

    public init(_ message: Message, at range: SourceRange? = nil, help: String? = nil) {
        self.message = message
        self.range = range
        self.help = help ?? message.defaultHelp
    }

    public var text: String { message.text }
}

/// A diagnostic together with the source it points into, ready to be shown.
public struct LocatedDiagnostic: Error, Sendable {
    public var diagnostic: Diagnostic
    public var source: SourceText?

    public init(_ diagnostic: Diagnostic, in source: SourceText?) {
        self.diagnostic = diagnostic
        self.source = source
    }

    public func rendered(color: Bool = false) -> String {
        DiagnosticFormatter(color: color).render(diagnostic, in: source)
    }
}
