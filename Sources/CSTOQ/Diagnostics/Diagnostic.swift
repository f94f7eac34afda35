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

    /// The same error pointing at where the computation was written, unless it points somewhere already.
    func located(_ range: SourceRange) -> Diagnostic {
        var d = self
        if d.range == nil { d.range = range }
        return d
    }
}
