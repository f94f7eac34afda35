import Testing
@testable import CSTOQ

/// The tutorial's examples and exercise answers run as they stand.
@Suite struct TutorialTests {
    @Test func everyExampleAndAnswerRuns() {
        for step in TutorialCourse.steps {
            for text in [step.example, step.exercise?.answer].compactMap({ $0 }) {
                let r = TestSupport.session(text)
                #expect(r.ok && r.err.isEmpty, "\(step.title): \(text)\n\(r.err)")
            }
        }
    }

    @Test func aStepShowsTheSQLOfAQuery() throws {
        let step = try #require(TutorialCourse.steps.first { $0.example?.hasPrefix("explain sql") == true })
        let r = TestSupport.session(try #require(step.example))
        #expect(r.out.contains("SELECT") && r.out.contains("\"status_fold\" = 'active'"), "\(r.out)")
    }

    /// Column names: other names for the same columns are right, unless the exercise names them.
    @Test func aRightAnswerUnderOtherColumnNamesIsRight() throws {
        let expected = try TestSupport.query("members where attended = false select name")
        let renamed = try TestSupport.query("members where attended = false select name as country")
        #expect(ExerciseCheck(learner: renamed, expected: expected).isCorrect)
        let strict = ExerciseCheck(learner: renamed, expected: expected, namesColumns: true)
        #expect(strict.missingColumns == ["name"] && strict.extraColumns == ["country"])
        // Another number of columns is still compared by name.
        let more = try TestSupport.query("members where attended = false select name, status")
        #expect(ExerciseCheck(learner: more, expected: expected).extraColumns == ["status"])
        // The two exercises whose questions name their columns say so.
        let named = TutorialCourse.steps.compactMap(\.exercise).filter(\.namesColumns).map(\.question)
        #expect(named.count == 2)
        #expect(named.allSatisfy { $0.contains("named") || $0.contains("columns name and said") }, "\(named)")
    }

    /// The report never shows a bare `+`: an empty text is "", and rows with no column in common are counted.
    @Test func theReportShowsEveryRowItMentions() throws {
        let expected = ResultSet(columns: ["name"], rows: [[.text("Armenia")]])
        let empty = ResultSet(columns: ["name"], rows: [[.text("")]])
        let report = ExerciseCheck(learner: empty, expected: expected).report(columns: ["name"])
        #expect(report.contains("    + \"\""), "\(report)")
        let other = ResultSet(columns: ["a", "b"], rows: [[.integer(1), .integer(2)], [.integer(3), .integer(4)]])
        let apart = ExerciseCheck(learner: other, expected: expected).report(columns: ["name"])
        #expect(apart.contains("2 rows where 1 is wanted"), "\(apart)")
        #expect(!apart.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "+" }, "\(apart)")
    }
}
