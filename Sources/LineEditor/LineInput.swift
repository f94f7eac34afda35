/// What one call to `LineEditor.readLine(prompt:)` produced.
public enum LineInput: Equatable, Sendable {
    /// The user pressed Enter. The text has no trailing newline; it can still
    /// contain newlines when a multi-line history entry was recalled or prefilled.
    case line(String)
    /// Ctrl-C at the prompt: the typed text is abandoned, the program goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfFile
    /// A signal that ends the program arrived (see `Termination`): the line
    /// is ended and the terminal is as the program found it.
    case terminated(Int32)
}
