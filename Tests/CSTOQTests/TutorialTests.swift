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
}
