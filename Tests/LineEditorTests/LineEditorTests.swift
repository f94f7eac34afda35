import Foundation
import Testing
@testable import LineEditor

/// What can be checked of the editor without a terminal; the interactive
/// behaviour is checked by driving a demo in tmux (see the report).
@Suite struct LineEditorTests {
    @Test func setsUpAndTearsDownWithoutATerminal() {
        let history = History(path: nil)
        history.add("select 1")
        var editor: LineEditor? = LineEditor(programName: "cstoq-test", history: history)
        #expect(editor?.columns ?? 0 > 0)
        editor?.addToHistory("select 2")
        #expect(history.entries == ["select 1", "select 2"])
        editor = nil
    }

    @Test func interruptIsAFlagNotAnExit() {
        #expect(Interrupt.installHandler())
        Interrupt.clear()
        #expect(!Interrupt.isPending)
        // To the process, not this thread: test worker threads block signals.
        kill(getpid(), SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while !Interrupt.isPending, Date() < deadline { usleep(1000) }
        #expect(Interrupt.isPending)
        Interrupt.clear()
        #expect(!Interrupt.isPending)
    }
}
