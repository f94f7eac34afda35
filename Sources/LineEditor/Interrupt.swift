import CEditLineShims

/// Ctrl-C as a flag instead of a process kill.
///
/// `LineEditor` installs the handler itself (Ctrl-C at the prompt must not end
/// the program). A caller running a long statement can poll `isPending` to
/// cancel it; the flag stays set until `clear()`.
public enum Interrupt {
    /// Installs the SIGINT handler (idempotent). Returns false if sigaction failed.
    @discardableResult
    public static func installHandler() -> Bool {
        cstoq_install_interrupt_handler() == 0
    }

    /// Whether SIGINT arrived since the last `clear()`.
    public static var isPending: Bool {
        cstoq_interrupt_pending() != 0
    }

    public static func clear() {
        cstoq_clear_interrupt()
    }
}
