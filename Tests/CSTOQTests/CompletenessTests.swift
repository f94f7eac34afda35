import Foundation
import Testing
@testable import CSTOQ

/// Whether the REPL runs what was typed or asks for another line: a text,
/// then the answer. A real error is `complete` (run it, show the error);
/// only what more text could still make right is `incomplete`.
@Suite struct CompletenessTests {
    @Test(arguments: [
        // Complete statements.
        ("members", Completeness.complete),
        ("members where status = active", .complete),
        ("members where attended", .complete),
        ("members where (status = active)", .complete),
        ("members where name = \"Vladimir Putin\"", .complete),
        ("members order by name desc limit 3", .complete),
        ("members select distinct", .complete),   // a field called distinct
        ("count", .complete),                     // a collection called count
        ("explain trace", .complete),
        ("describe members", .complete),
        (".format json", .complete),
        ("members;", .complete),
        ("members where x = 1; people", .complete),
        ("members\nwhere x = 1\n", .complete),
        ("", .complete),
        ("   ", .complete),
        ("-- a comment", .complete),
        ("#!/usr/bin/env cstoq", .complete),

        // A clause, operator or keyword still waits for something.
        ("members where", .incomplete(.clause)),
        ("members where ", .incomplete(.clause)),
        ("members where\n", .incomplete(.clause)),
        ("members where -- the condition comes next", .incomplete(.clause)),
        ("members where status = active and", .incomplete(.clause)),
        ("members where status = active or", .incomplete(.clause)),
        ("members where not", .incomplete(.clause)),
        ("members where status =", .incomplete(.clause)),
        ("members where status <=", .incomplete(.clause)),
        ("members where title contains", .incomplete(.clause)),
        ("members where leader.", .incomplete(.clause)),
        ("members where leader is", .incomplete(.clause)),
        ("members where leader is not", .incomplete(.clause)),
        ("members where area not", .incomplete(.clause)),
        ("members where area in", .incomplete(.clause)),
        ("members order", .incomplete(.clause)),
        ("members order by", .incomplete(.clause)),
        ("members order by name,", .incomplete(.clause)),
        ("members group", .incomplete(.clause)),
        ("members group by", .incomplete(.clause)),
        ("members select", .incomplete(.clause)),
        ("members select name as", .incomplete(.clause)),
        ("members limit", .incomplete(.clause)),
        ("members limit 3 offset", .incomplete(.clause)),
        ("describe members; members where", .incomplete(.clause)),
        ("explain trace members where", .incomplete(.clause)),

        // A parenthesis is open.
        ("members where (status = active", .incomplete(.parenthesis)),
        ("members where (status = active\nand attended", .incomplete(.parenthesis)),
        ("members where ((a) or (b", .incomplete(.parenthesis)),
        ("members where (", .incomplete(.parenthesis)),
        ("members where area in (drugs,", .incomplete(.parenthesis)),
        ("members where area in (drugs", .incomplete(.parenthesis)),
        ("members select count(", .incomplete(.parenthesis)),
        ("members select max(date", .incomplete(.parenthesis)),

        // A string is open.
        ("members where name = \"Vla", .incomplete(.string(quote: "\""))),
        ("members where name = 'Vla", .incomplete(.string(quote: "'"))),
        ("members where name = \"two\nlines", .incomplete(.string(quote: "\""))),
        ("members where name = \"a\\\"", .incomplete(.string(quote: "\""))),  // the quote is escaped

        // Real errors: more text cannot fix them, so they run and show the error.
        ("members wher x", .complete),
        ("members wher", .complete),
        ("members where x = 1)", .complete),
        ("members where status == active", .complete),
        ("members limit -1", .complete),
        ("members where x = 12abc", .complete),
        ("members where x = 1 2", .complete),
        ("SELECT name FROM members", .complete),
        ("members where name = \"a\u{0}b", .complete),
        ("members where (x = 1 y", .complete),
        ("members wher x; members where", .complete),
    ] as [(String, Completeness)])
    func completeness(_ text: String, _ expected: Completeness) {
        #expect(Completeness.check(text) == expected)
    }

    @Test func invalidUTF8IsComplete() {
        #expect(Completeness.check(Array("members where x = ".utf8) + [0xFF]) == .complete)
    }

    /// Every prompt is as wide as `cstoq> `, so the text lines up.
    @Test(arguments: [
        (Completeness.complete, "cstoq> "),
        (.incomplete(.clause), "  ...> "),
        (.incomplete(.parenthesis), " ...(> "),
        (.incomplete(.string(quote: "\"")), " ...\"> "),
        (.incomplete(.string(quote: "'")), " ...'> "),
    ] as [(Completeness, String)])
    func continuationPrompt(_ state: Completeness, _ prompt: String) {
        #expect(state.continuationPrompt == prompt)
        #expect(prompt.count == "cstoq> ".count)
    }

    /// Typing a statement line by line: after each line, is it done?
    @Test func lineByLine() {
        let lines = ["members where (status = active", "and attended", ")", "order", "by name"]
        var text = ""
        var answers: [Completeness] = []
        for line in lines {
            text += (text.isEmpty ? "" : "\n") + line
            answers.append(Completeness.check(text))
        }
        #expect(answers == [.incomplete(.parenthesis), .incomplete(.parenthesis), .complete, .incomplete(.clause), .complete])
    }
}
