import CSTOQ
import LineEditor
#if canImport(Glibc)
import Glibc
#endif

/// `.tutorial`, `.next`, `.prev`, `.hint`, `.solution` in the REPL: shows a
/// step of the library's course, pre-fills the prompt with its example,
/// checks exercise answers after each query until one is right, and
/// remembers the step across restarts. `.tutorial off` stops the checking;
/// `.quit` still quits (a command that does not do what it says would be a trap).
final class Tutorial {
    let statePath: String?
    var step: Int
    var active = false
    var hintsShown = 0
    /// The open exercise was answered: queries are no longer checked until `.next`.
    var solved = false

    init(stateFolder: String?) {
        statePath = stateFolder.map { $0 + "/tutorial" }
        step = 0
        if let statePath, let bytes = try? FileReader.read(statePath),
           let n = Int(String(decoding: bytes, as: UTF8.self).filter { $0.isNumber }), n >= 0, n < TutorialCourse.steps.count {
            step = n
        }
    }

    func run(_ command: DotCommand, argument: String, session: Session, editor: LineEditor) -> Bool {
        switch command.name {
        case "tutorial":
            switch argument.trimmingBlanksForREPL() {
            case "off":
                active = false
                StandardStreams.out("Tutorial off: queries are not checked. .tutorial resumes at step \(step + 1).")
                return true
            case "restart": step = 0
            case "": break
            default:
                StandardStreams.error("error: '.tutorial \(Printable.escapeControls(argument))' is not a tutorial command\nhelp: .tutorial, .tutorial restart or .tutorial off")
                return false
            }
            active = true
            show(editor: editor)
        case "next":
            guard active || step > 0 else { return start(editor) }
            guard step + 1 < TutorialCourse.steps.count else {
                StandardStreams.out("That was the last step. .tutorial restart starts again; .help lists everything.")
                return true
            }
            step += 1
            active = true
            show(editor: editor)
        case "prev":
            step = max(0, step - 1)
            active = true
            show(editor: editor)
        case "hint":
            guard active, let exercise = TutorialCourse.steps[step].exercise else {
                StandardStreams.out("No exercise is open. .tutorial to start or resume the tutorial.")
                return true
            }
            let hint = exercise.hints[min(hintsShown, exercise.hints.count - 1)]
            hintsShown += 1
            StandardStreams.out("hint: " + hint + (hintsShown >= exercise.hints.count ? "\n(that was the last hint; .solution shows an answer)" : ""))
        case "solution":
            guard active, let exercise = TutorialCourse.steps[step].exercise else {
                StandardStreams.out("No exercise is open. .tutorial to start or resume the tutorial.")
                return true
            }
            StandardStreams.out("solution: \(exercise.answer)")
        default:
            StandardStreams.error("error: '.\(command.name)' is not available")
            return false
        }
        save()
        return true
    }

    func start(_ editor: LineEditor) -> Bool {
        active = true
        show(editor: editor)
        save()
        return true
    }

    func show(editor: LineEditor) {
        let s = TutorialCourse.steps[step]
        hintsShown = 0
        solved = false
        var text = "── Step \(step + 1) of \(TutorialCourse.steps.count): \(s.title) ──\n\(s.explanation)"
        if let exercise = s.exercise {
            text += "\n\nExercise: \(exercise.question)\nType your query; cstoq checks it. .hint for a hint, .next to skip."
        } else if s.example != nil {
            text += "\n\nThe example is in the prompt: press Enter to run it, or edit it first. Then .next."
        }
        StandardStreams.out(Tutorial.wrap(text, width: editor.columns))
        if let example = s.example { editor.prefill(example) }
    }

    /// Word-wraps each paragraph to the terminal width.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var out = "", current = ""
            for word in line.split(separator: " ") {
                if !current.isEmpty, current.count + 1 + word.count > max(20, width - 1) {
                    out += current + "\n"
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            return out + current
        }.joined(separator: "\n")
    }

    /// After each query: if an exercise is open, compare the rows with its answer.
    func check(_ statement: String, result: ResultSet, session: Session) {
        guard active, !solved, let exercise = TutorialCourse.steps[step].exercise else { return }
        let reference = Session(dataset: BuiltinDataset.load(), datasetName: BuiltinDataset.name,
                                output: { _ in }, errors: { _ in })
        guard reference.run(SourceText(name: "<answer>", text: exercise.answer)), let expected = reference.lastResult else { return }
        let verdict = ExerciseCheck(learner: result, expected: expected, ordered: exercise.ordered, namesColumns: exercise.namesColumns)
        solved = verdict.isCorrect
        StandardStreams.out(verdict.report(columns: expected.columns))
    }

    /// Progress survives a restart: the step number in a small state file.
    func save() {
        guard let statePath else { return }
        let folder = String(statePath[..<statePath.lastIndex(of: "/")!])
        var path = ""
        for part in folder.split(separator: "/") {
            path += "/" + part
            mkdir(path, 0o700)
        }
        try? FileWriter.writeAtomically("\(step)\n", to: statePath, mode: 0o600)
    }
}
