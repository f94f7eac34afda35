import Testing
@testable import CSTOQ

/// Errors found when a query meets the dataset's schema, each with its
/// message, the exact text its caret sits under, and its help.
@Suite struct CheckerDiagnosticTests {
    /// Parses and checks; returns the diagnostic with the source text its range covers.
    func diagnose(_ text: String) -> (message: String, under: String, help: String?)? {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q) = statements.first else {
            return nil
        }
        do {
            _ = try Checker(dataset: TestSupport.dataset).check(q)
            return nil
        } catch {
            let source = SourceText(name: "<input>", text: text)
            return (error.text, error.range.map { source.text($0) } ?? "", error.help)
        }
    }

    @Test(arguments: [
        ("membres where status = active", "unknown collection 'membres'", "membres", "did you mean 'members'?"),
        ("treaties", "unknown collection 'treaties'", "treaties", "the collections are: members, people, events, statements, proposals, exercises, documents, appointments, organizations, credits"),
        ("members where stauts = active", "unknown field 'stauts' in members", "stauts", "did you mean 'status'?"),
        ("members select leader.nmae", "unknown field 'nmae' in people", "nmae", "did you mean 'name'?"),
        ("members select name.first", "'name' in members is not a reference, so it has no fields", "first", "only references (such as leader or speaker) lead to other records"),
        ("members where name > 3", "cannot compare name (text) > a integer value", "3", "put the value in quotes to compare it as text: name > \"…\""),
        ("events where date > soon", "cannot compare date (date) > a text value", "soon", nil),
        ("members where attended = yes", "cannot compare attended (boolean) = a text value", "yes", nil),
        ("members where leader = null", "cannot compare leader (ref people) = a null value", "null", "test for a missing value with: leader is null"),
        ("members where attended > true", "cannot compare attended (boolean) > a boolean value", "true", "attended can only be compared with = and !="),
        ("events where date like \"2025*\"", "'like' works on text, but date is date", "\"2025*\"", "use = or a range comparison for date values"),
        ("members select name, count()", "'name' mixes a total with single rows: it needs 'group by'", "name", "add 'group by name', or select only totals such as count()"),
        ("proposals group by area select title", "'title' is neither grouped nor an aggregate", "title", "group by it too (group by area, title), or take an aggregate such as min(title)"),
        ("proposals group by area select area order by title", "cannot order by 'title': it is not a column of the result", "title", "order a grouped result by a grouped field or an aggregate such as count()"),
        ("members select sum(name)", "sum() works on numbers, but name is text", "name", nil),
        ("members where status", "expected a comparison after 'status', found nothing", "status", "status is text; compare it, as in status = …, or test it with 'is null'"),
        ("people where name = $who", "parameter '$who' has no value", "$who", "give it a value: --set who=…"),
    ])
    func diagnostic(_ c: (String, String, String, String?)) throws {
        let d = try #require(diagnose(c.0), "no error for \(c.0)")
        #expect(d.message == c.1, "\(c.0)")
        #expect(d.under == c.2, "\(c.0)")
        #expect(d.help == c.3, "\(c.0)")
    }

    @Test func parametersAreTypedLikeLiterals() throws {
        var checker = Checker(dataset: TestSupport.dataset, parameters: ["when": "2026-01-01", "who": "Vladimir Putin"])
        guard case let .success(s) = Parser.parseAll("events where date >= $when"), case let .query(q) = s[0] else { Issue.record(); return }
        let checked = try checker.check(q)
        #expect(try Evaluator(dataset: TestSupport.dataset).run(checked).rows.count == 1)
        checker.parameters["when"] = "soon"
        #expect(throws: Diagnostic.self) { try checker.check(q) }
    }

    @Test func suggestionsUseEditDistanceWithTranspositions() {
        #expect(Suggestion.closest(to: "stauts", in: ["status", "name"]) == "status")
        #expect(Suggestion.closest(to: "STATUS", in: ["status"]) == "status")
        #expect(Suggestion.closest(to: "xyz", in: ["status", "name"]) == nil)
        #expect(Suggestion.closest(to: "actve", in: ["active", "frozen"]) == "active")
    }
}
