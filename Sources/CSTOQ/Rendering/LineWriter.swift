/// Rendered text on its way out: lines gathered into pieces of about 64 KB
/// and handed on as each fills, so a big result goes out as it is made and
/// is never held whole (the first lines of a million-row CSV are written
/// before the second row is made).
///
/// A piece is whole lines joined by "\n", without the last line's end:
/// whoever prints a piece ends it with "\n", as `Session`'s output does with
/// every text it gets. (CSV's lines end in "\r", which that "\n" makes CRLF.)
///
/// `isCancelled` is asked at each piece; once it says yes, nothing more is
/// written and `stopped` tells the renderer to stop making lines.
public struct LineWriter {
    public static let pieceSize = 1 << 16

    private let emit: (String) -> Void
    private let isCancelled: () -> Bool
    private var buffer = ""
    private var hasLine = false
    public private(set) var stopped = false

    public init(isCancelled: @escaping () -> Bool = { false }, emit: @escaping (String) -> Void) {
        self.emit = emit
        self.isCancelled = isCancelled
        buffer.reserveCapacity(LineWriter.pieceSize + 1024)
    }

    /// Adds one line (or several, joined by "\n"; not ending with one).
    public mutating func line(_ text: String) {
        guard !stopped else { return }
        if hasLine { buffer += "\n" }
        buffer += text
        hasLine = true
        if buffer.utf8.count >= LineWriter.pieceSize { flush() }
    }

    /// Hands on what is gathered; at the end of the output, and at each piece.
    public mutating func flush() {
        guard !stopped, hasLine else { return }
        if isCancelled() {
            stopped = true
            return
        }
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
        hasLine = false
    }

    /// Asks `isCancelled` without writing anything (for a renderer's passes
    /// that only measure); true once the writing has stopped.
    public mutating func checkCancelled() -> Bool {
        if !stopped, isCancelled() { stopped = true }
        return stopped
    }

    /// Everything `write` produces, as one text (pieces joined by "\n"):
    /// for small results, tests and `explain trace`.
    public static func collect(_ write: (inout LineWriter) -> Void) -> String {
        final class Pieces { var text: [String] = [] }
        let pieces = Pieces()
        var out = LineWriter { pieces.text.append($0) }
        write(&out)
        out.flush()
        return pieces.text.joined(separator: "\n")
    }
}
