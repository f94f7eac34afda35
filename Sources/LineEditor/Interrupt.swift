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

/// The signals that would end the program (SIGQUIT, SIGTERM, SIGHUP, SIGUSR1,
/// SIGUSR2, SIGALRM), caught so the session ends in order: `readLine`
/// returns `.terminated`, and the program restores the terminal, saves what
/// it must and exits with 128 + the number.
public enum Termination {
    @discardableResult
    public static func installHandlers() -> Bool {
        cstoq_install_termination_handlers() == 0
    }

    /// The last such signal, if one came.
    public static var signal: Int32? {
        let s = cstoq_termination_signal()
        return s == 0 ? nil : s
    }
}
