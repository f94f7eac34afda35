import CSTOQ

/// Placeholder until the libedit REPL lands.
struct REPL {
    let session: Session
    func run() -> Bool {
        session.run(SourceText(name: "<stdin>", bytes: StandardStreams.readAllInput()))
    }
}
