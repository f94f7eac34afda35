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
        ("treaties", "unknown collection 'treaties'", "treaties", "the collections are: members, people, events, cities, statements, initiatives, exercises, documents, appointments, organizations, credits"),
        ("members where stauts = active", "unknown field 'stauts' in members", "stauts", "did you mean 'status'?"),
        ("members select leader.nmae", "unknown field 'nmae' in people", "nmae", "did you mean 'name'?"),
        ("members select name.first", "'name' in members is not a reference, so it has no fields", "first", "only references (such as leader or speaker) lead to other records"),
        ("members where name > 3", "cannot compare name (text) > an integer value", "3", "put the value in quotes to compare it as text: name > \"…\""),
        ("events where date > soon", "cannot compare date (date) > a text value", "soon", nil),
        ("members where attended = yes", "cannot compare attended (boolean) = a text value", "yes", nil),
        ("members where leader = null", "cannot compare leader (ref people) = a null value", "null", "test for a missing value with: leader is null"),
        ("members where attended > true", "cannot compare attended (boolean) > a boolean value", "true", "attended can only be compared with = and !="),
        ("events where date like \"2025*\"", "'like' works on text, but date is date", "\"2025*\"", "use = or a range comparison for date values"),
        ("members select name, count()", "'name' mixes a total with single rows: it needs 'group by'", "name", "add 'group by name', or select only totals such as count()"),
        ("initiatives group by area select title", "'title' is neither grouped nor an aggregate", "title", "group by it too (group by area, title), or take an aggregate such as min(title)"),
        ("initiatives group by area select area order by title", "cannot order by 'title': it is not a column of the result", "title", "order a grouped result by a grouped field or an aggregate such as count()"),
        ("members select sum(name)", "sum() works on numbers, but name is text", "name", nil),
        ("members where status", "expected a comparison after 'status', found nothing", "status", "status is text; compare it, as in status = …, or test it with 'is null'"),
        ("people where name = $who", "parameter '$who' has no value", "$who", "give it a value: .set who VALUE, or --set who=… on the command line"),
        // Expressions, functions and having (2.2).
        ("members select min()", "min() needs a field, as in min(field)", "min()", nil),
        ("members select name + 1", "cannot compute name + 1: name is text and 1 is integer", "name + 1",
         "arithmetic works on numbers; text with a '-' in it is one word (score-1): put spaces around the operator"),
        ("events select date * 2", "cannot compute date * 2: date is date and 2 is integer", "date * 2",
         "dates subtract to days (date - 2025-01-01) and take days added or subtracted (date + 7)"),
        ("events select -name", "cannot negate name: it is text, not a number", "-name", nil),
        ("members select lower(1)", "lower() takes text as its first argument, but 1 is integer", "1", "as in lower(text)"),
        ("members select round(name)", "round() takes a number as its first argument, but name is text", "name",
         "as in round(x), round(x, digits)"),
        ("members select round(1, 2, 3)", "round() takes one or two values, not 3", "round(1, 2, 3)",
         "as in round(x), round(x, digits)"),
        ("members select coalesce(name, 1)",
         "coalesce() takes a value of the first one's kind (text) as its second argument, but 1 is integer", "1", nil),
        ("members select count(count())", "count() is inside another total: a total of totals has no rows to count", "count()",
         "take the total of the values themselves"),
        ("members where count() > 1", "count() is a total of rows, and 'where' tests each row", "count()",
         "test totals of groups with 'having' after 'group by': … group by x having count() > 1"),
        ("members having count() > 1", "'having' tests groups, and this query has no 'group by'", "count() > 1",
         "test each row with 'where', or add 'group by' before 'having'"),
        ("statements group by speaker.name having text > 1", "'text' is neither grouped nor an aggregate", "text",
         "group by it too (group by speaker.name, text), or take an aggregate such as min(text)"),
        ("events where date = name", "cannot compare date (date) = name (text)", "date = name", nil),
        ("members select (status = active)", "a condition in parentheses is not a value here", "(status = active)",
         "compare values with =, <, … inside 'where' or 'having'"),
        ("members select name, count(initiatives)", "initiatives refers to members in 2 ways: initiatives.by.country, initiatives.document.prepared_by",
         "initiatives", "name the way: count(initiatives.by.country) or count(initiatives.document.prepared_by)"),
        ("people select count(appointments)", "appointments refers to people in 2 ways: appointments.outgoing, appointments.incoming",
         "appointments", "name the way: count(appointments.outgoing) or count(appointments.incoming)"),
        ("members select count(exercises)", "no field of exercises refers to members", "exercises",
         "a back-reference counts the records of a collection that refer to this one; describe members lists them"),
        ("members select count(documents.event)", "documents.event does not lead to members", "documents.event",
         "name a path of documents that ends in a reference to members"),
        ("people select count(statements.speakr)", "unknown field 'speakr' in statements", "speakr", "did you mean 'speaker'?"),
        ("people where name like name", "'like' works on text, but a pattern is computed", "name",
         "write the pattern in quotes: like \"Vlad*\""),
        // in (query): the inner query's own errors, its columns, its kind.
        ("people where country in (members where statuss = active)", "unknown field 'statuss' in members", "statuss", "did you mean 'status'?"),
        ("members where name in (people select name, role, note)", "the query in 'in (…)' gives 3 columns (name, role, note); it must give one",
         "role, note", "select the one column to look up, as in (people where … select name)"),
        ("people where name in (members where status = active)", "cannot look up name (text) among records of members",
         "members where status = active", "select the field to look up, as in (members where status = active select name)"),
        ("people where country in (members where status = active select name)", "cannot look up country (ref members) among name (text)",
         "name", "country is a record of members: leave out 'select' to look it up among the records, as in (members where status = active)"),
        ("members where name in (appointments select incoming)", "cannot look up name (text) among incoming (ref people)",
         "incoming", "compare like with like: select a field of the records, as in select incoming.name"),
        ("people where country in (people select name)", "cannot look up country (ref members) among name (text)",
         "name", "country is a record of members: look it up among records of members, or compare country.name"),
        ("events where date in (people select name)", "cannot look up date (date) among name (text)", "name", nil),
        ("people where name in (count statements)", "cannot look up name (text) among a count (integer)", "count statements", nil),
    ])
    func diagnostic(_ c: (String, String, String, String?)) throws {
        let d = try #require(diagnose(c.0), "no error for \(c.0)")
        #expect(d.message == c.1, "\(c.0)")
        #expect(d.under == c.2, "\(c.0)")
        #expect(d.help == c.3, "\(c.0)")
    }

    func query(_ text: String) -> Query? {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q) = statements.first else { return nil }
        return q
    }

    /// Errors found while computing: they point at the computation and say the bounds.
    @Test(arguments: [
        ("members select 9223372036854775807 + 1", "9223372036854775807 + 1 does not fit in 64 bits", "9223372036854775807 + 1",
         "whole numbers go from -9223372036854775808 to 9223372036854775807; to compute with decimals, multiply one operand by 1.0"),
        ("members select abs(-9223372036854775807 - 1)", "abs(-9223372036854775808) does not fit in 64 bits",
         "abs(-9223372036854775807 - 1)",
         "whole numbers go from -9223372036854775808 to 9223372036854775807; to compute with decimals, multiply one operand by 1.0"),
        ("events select date + 99999999", "2025-11-27 + 99999999 is outside the calendar (0001-01-01 to 9999-12-31)",
         "date + 99999999", "dates go from 0001-01-01 to 9999-12-31"),
        ("events where date - 3000000 > date", "2025-11-27 - 3000000 is outside the calendar (0001-01-01 to 9999-12-31)",
         "date - 3000000", "dates go from 0001-01-01 to 9999-12-31"),
    ])
    func computingError(_ c: (String, String, String, String?)) throws {
        let q = try #require(query(c.0))
        let checked = try Checker(dataset: TestSupport.dataset).check(q)
        let error = try #require(throws: Diagnostic.self) { try Evaluator(dataset: TestSupport.dataset).run(checked) }
        let range = try #require(error.range)
        #expect(error.text == c.1)
        #expect(SourceText(name: "<input>", text: c.0).text(range) == c.2)
        #expect(error.help == c.3)
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
