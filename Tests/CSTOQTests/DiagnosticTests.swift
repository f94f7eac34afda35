import Foundation
import Testing
@testable import CSTOQ

/// Every diagnostic the lexer and parser give, one by one, with the place it
/// must point to marked inside the source (`⟨…⟩`, as swift-syntax's tests
/// mark theirs), its message and its help line.
@Suite struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var marked: String
        var message: String
        var help: String?
        var testDescription: String { String(marked.prefix(80)).debugDescription }

        init(_ marked: String, _ message: String, help: String?) {
            self.marked = marked
            self.message = message
            self.help = help
        }
    }

    static func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) {
        let source = MarkedSource(c.marked)
        guard let d = LanguageTestSupport.firstDiagnostic(Array(source.text.utf8)) else {
            Issue.record("no diagnostic for \(source.text.prefix(80).debugDescription)", sourceLocation: sourceLocation)
            return
        }
        #expect(d.text == c.message, sourceLocation: sourceLocation)
        #expect(d.range == source.range, sourceLocation: sourceLocation)
        #expect(d.help == c.help, sourceLocation: sourceLocation)
    }

    static let orderHelp = "the clauses go in this order: where, group by, having, select, order by, limit, offset"
    static let quoteHelp = "text with spaces goes in quotes, as in \"Vladimir Putin\""
    static let endHelp = "end the statement with ';' or a new line, or continue it with a clause such as 'where'"
    static let nestingHelp = "split the condition, or remove redundant parentheses and 'not's"

    // MARK: Misspelt and misplaced keywords

    static let keywords: [Case] = [
        Case("members ⟨wher⟩ status = active", "unknown keyword 'wher'", help: "did you mean 'where'?"),
        Case("members where x = 1 ⟨selct⟩ name", "unknown keyword 'selct'", help: "did you mean 'select'?"),
        Case("members ⟨ORDR⟩ by name", "unknown keyword 'ORDR'", help: "did you mean 'order'?"),
        Case("members select name ⟨limt⟩ 3", "unknown keyword 'limt'", help: "did you mean 'limit'?"),
        Case("members ⟨xyzzy⟩", "unknown keyword 'xyzzy'",
             help: "here a query can go on with: where, group by, select, order by, limit, offset"),
        Case("members order by name ⟨descc⟩", "unknown keyword 'descc'", help: "here a query can go on with: limit, offset"),
        Case("members select name ⟨where⟩ x = 1", "'where' must come before 'select'", help: orderHelp),
        Case("members limit 1 ⟨order⟩ by x", "'order by' must come before 'limit'", help: orderHelp),
        Case("members offset 3 ⟨limit⟩ 2", "'limit' must come before 'offset'", help: orderHelp),
        Case("members where x = 1 ⟨where⟩ y = 2", "expected one 'where' clause, found a second one",
             help: "join the conditions with 'and': where a = 1 and b = 2"),
        Case("members limit 1 ⟨limit⟩ 2", "expected one 'limit' clause, found a second one", help: "a query has at most one 'limit'"),
        Case("members order ⟨name⟩", "expected 'by' after 'order', found 'name'", help: nil),
        Case("members group ⟨name⟩", "expected 'by' after 'group', found 'name'", help: nil),
    ]

    @Test(arguments: keywords)
    func keyword(_ c: Case) { DiagnosticTests.check(c) }

    // MARK: Expected one thing, found another

    static let unexpected: [Case] = [
        Case("⟨(⟩members", "expected a collection name or a statement, found '('",
             help: "a statement starts with a collection name, as in: members where status = active"),
        Case("members where ⟨=⟩ 1", "expected a field name after 'where', found '='", help: nil),
        Case("members where ⟨⟩", "expected a field name after 'where', found the end of the input", help: nil),
        Case("members where status ⟨active⟩",
             "expected a comparison (=, !=, <, <=, >, >=, contains, like, in, is null) after 'status', found 'active'", help: nil),
        Case("members where leader.name ⟨\"x\"⟩",
             "expected a comparison (=, !=, <, <=, >, >=, contains, like, in, is null) after 'leader.name', found the string \"x\"",
             help: nil),
        Case("members where x = ⟨)⟩", "expected a value after '=', found ')'", help: quoteHelp),
        Case("members where x contains ⟨⟩", "expected a value after 'contains', found the end of the input", help: quoteHelp),
        Case("members where x is ⟨nul⟩", "expected 'null' after 'is', found 'nul'", help: nil),
        Case("members where x is not ⟨1⟩", "expected 'null' after 'is not', found the number 1", help: nil),
        Case("members where x not⟨⟩", "expected 'in' after 'not', found the end of the input", help: nil),
        Case("members where x in ⟨a⟩", "expected '(' after 'in', found 'a'", help: nil),
        Case("members where x in (a ⟨b⟩)", "expected ',' or ')' after a value in the list, found 'b'", help: nil),
        Case("members where x in (⟨)⟩", "expected a value after '(', found ')'", help: quoteHelp),
        Case("members where leader.⟨2⟩ = x", "expected a field name after '.', found the number 2", help: nil),
        Case("members select name as ⟨\"n\"⟩", "expected a column name after 'as', found the string \"n\"", help: nil),
        Case("members select count(x ⟨y⟩)", "expected ')' after the argument, found 'y'", help: nil),
        Case("members limit ⟨ten⟩", "expected a whole number after 'limit', found 'ten'", help: nil),
        Case("members offset ⟨2026-01-01⟩", "expected a whole number after 'offset', found the date 2026-01-01", help: nil),
        Case("describe ⟨$x⟩", "unexpected parameter $x after the end of the statement", help: endHelp),
        Case("members where\n⟨.format json⟩", "expected a field name after 'where', found a dot-command", help: nil),
        Case("members where x = 1 ⟨2⟩", "unexpected number 2 after the end of the statement", help: endHelp),
        Case("members where x = 1 ⟨\"y\"⟩", "unexpected string \"y\" after the end of the statement", help: endHelp),
        Case("members ⟨(⟩", "unexpected '(' after the end of the statement", help: endHelp),
        Case("members where x = 1.5⟨.⟩3", "unexpected '.' after the end of the statement", help: endHelp),
        Case("members offset 1 ⟨foo⟩", "unexpected 'foo' after the end of the statement", help: endHelp),
    ]

    @Test(arguments: unexpected)
    func expectedAndFound(_ c: Case) { DiagnosticTests.check(c) }

    // MARK: Parentheses

    static let parentheses: [Case] = [
        Case("members where ⟨(⟩status = active", "unbalanced parenthesis: '(' is never closed", help: "add ')' to close it"),
        Case("members where ((a) or ⟨(⟩b", "unbalanced parenthesis: '(' is never closed", help: "add ')' to close it"),
        Case("members where x in ⟨(⟩a, b", "unbalanced parenthesis: '(' is never closed", help: "add ')' to close it"),
        Case("members select count⟨(⟩name", "unbalanced parenthesis: '(' is never closed", help: "add ')' to close it"),
        Case("members where (a = 1 ⟨b⟩", "expected ')' to close the '(' at column 15, found 'b'", help: nil),
        Case("members where status = active⟨)⟩", "unbalanced parenthesis: ')' has no matching '('",
             help: "remove it, or add the '(' it closes"),
        Case("members where ((a))⟨)⟩", "unbalanced parenthesis: ')' has no matching '('", help: "remove it, or add the '(' it closes"),
        Case("members where ⟨)⟩", "expected a field name after 'where', found ')'", help: nil),
    ]

    @Test(arguments: parentheses)
    func parenthesis(_ c: Case) { DiagnosticTests.check(c) }

    // MARK: Numbers, dates, strings, characters

    static let values: [Case] = [
        Case("members limit ⟨-1⟩", "limit and offset count rows: -1 is not a row count", help: "use a whole number of 0 or more"),
        Case("members offset ⟨2.5⟩", "limit and offset count rows: 2.5 is not a row count", help: "use a whole number of 0 or more"),
        Case("members limit ⟨99999999999999999999⟩", "99999999999999999999 is too large for a row count",
             help: "use a number below 2^63"),
        Case("members where x = ⟨99999999999999999999⟩", "the number 99999999999999999999 is too large", help: nil),
        Case("members where x = ⟨12abc⟩", "'12abc' is not a number", help: "put text in quotes: \"12abc\""),
        Case("members where x = ⟨-⟩", "'-' is not a number", help: "put text in quotes: \"-\""),
        Case("events where date = ⟨2026-02-30⟩", "'2026-02-30' is not a real date",
             help: "a date is written YYYY-MM-DD, as in 2026-11-11"),
        Case("events where date = ⟨2025-02-29⟩", "'2025-02-29' is not a real date",
             help: "a date is written YYYY-MM-DD, as in 2026-11-11"),
        Case("events where date = ⟨0000-01-01⟩", "'0000-01-01' is not a real date",
             help: "a date is written YYYY-MM-DD, as in 2026-11-11"),
        Case("members where name = ⟨\"⟩Vla", "unterminated string", help: "close the string with the quote it starts with"),
        Case("members where name = ⟨'⟩Vla\nmembers", "unterminated string", help: "close the string with the quote it starts with"),
        Case("members where name = \"a⟨\\q⟩b\"", "unknown escape '\\q' in string",
             help: "the escapes are \\\\ \\\" \\' \\n \\t \\r and \\u{HEX}; write \\\\ for a backslash"),
        Case("members where name = \"⟨\\u{110000}⟩\"", "unknown escape '\\u{110000}' in string", help: "write a code point as \\u{1F600}"),
        Case("members where name = \"⟨\\u00⟩e9\"", "unknown escape '\\u00' in string", help: "write a code point as \\u{1F600}"),
        Case("members where x ⟨!⟩ = 1", "unexpected character '!'", help: nil),
        Case("members where x = ⟨«⟩a»", "unexpected character '«'", help: nil),
        Case("members where x = ⟨$⟩1", "unexpected character '$'", help: nil),
        Case("members where x = 1 ⟨\u{0}⟩", "unexpected NUL byte", help: "type the statement as plain text"),
        Case("members where name = \"a⟨\u{0}⟩b\"", "unexpected NUL byte", help: "type the statement as plain text"),
        Case("members where x = 1 ⟨@⟩", "unexpected character '@'", help: nil),
    ]

    @Test(arguments: values)
    func value(_ c: Case) { DiagnosticTests.check(c) }

    // MARK: Spellings from other languages

    static let foreign: [Case] = [
        Case("members where status ⟨==⟩ active", "'==' is not cstoq syntax", help: "cstoq compares with a single '=': status = active"),
        Case("members ⟨|⟩ where status = active", "'|' is not cstoq syntax",
             help: "cstoq needs no pipe: write the clauses one after another, as in members where status = active"),
        Case("people where x = 1 ⟨||⟩ y = 2", "'||' is not cstoq syntax", help: "cstoq joins conditions with 'or': status = active or attended"),
        Case("members where status = active ⟨&&⟩ attended", "'&&' is not cstoq syntax", help: "cstoq joins conditions with 'and': status = active and attended"),
        Case("members where status = ⟨&⟩", "'&' is not cstoq syntax", help: "cstoq joins conditions with 'and': status = active and attended"),
        // psql's backslash commands (2.3, point 9).
        Case("⟨\\q⟩", "psql's '\\q' is not cstoq syntax", help: "cstoq's form: .quit (or Ctrl-D) leaves cstoq"),
        Case("⟨\\d⟩", "psql's '\\d' is not cstoq syntax", help: "cstoq's form: describe NAME lists a collection's fields; .collections lists them all"),
        Case("⟨\\x⟩", "psql's '\\x' is not cstoq syntax", help: "cstoq's form: .format line shows each record one field per line, as \\x does (.format table goes back)"),
        // The first word is the mistake (2.3, point 7).
        Case("⟨where⟩ status = active", "a query starts with a collection's name, not with 'where'",
             help: "put the collection first, as in: members where … (.collections lists the collections)"),
        Case("⟨show⟩ tables", "'show' is not a cstoq command: a query starts with a collection's name",
             help: ".collections lists the collections (describe NAME, a collection's fields)"),
        Case("⟨list⟩ members", "'list' is not a cstoq command: a query starts with a collection's name",
             help: "the query is the collection's name itself, then its clauses: members where …"),
        Case("members where name = Vladimir ⟨Putin⟩", "unknown keyword 'Putin'",
             help: "a text of several words goes in quotes: = \"Vladimir Putin\""),
        Case("members where status = active ⟨attended⟩", "unknown keyword 'attended'",
             help: "a text of several words goes in quotes: = \"active attended\""),
        Case("members where status = \"active\" ⟨stauts⟩", "unknown keyword 'stauts'",
             help: "here a query can go on with: and, or, group by, select, order by, limit, offset"),
        Case("⟨\\copy⟩", "psql's '\\copy' is not cstoq syntax", help: "cstoq's form: psql's backslash commands are dot-commands here: .help lists them"),
        Case("⟨SELECT⟩ name FROM members WHERE status = 'active'", "SQL's 'select … from' is not cstoq syntax",
             help: "cstoq names the collection first: members where status = 'active' select name"),
        Case("⟨select⟩ name, title from initiatives where area = drugs order by title limit 3",
             "SQL's 'select … from' is not cstoq syntax",
             help: "cstoq names the collection first: initiatives where area = drugs order by title limit 3 select name, title"),
        Case("⟨select⟩ * from members", "SQL's 'select … from' is not cstoq syntax", help: "cstoq names the collection first: members"),
        Case("members ⟨from⟩ people", "'from' is not cstoq syntax", help: "cstoq names the collection first: members where … select …"),
        Case("members select ⟨*⟩", "'*' is not cstoq syntax", help: "without 'select' a query shows every field: just members"),
        Case("members select count(⟨*⟩)", "'*' is not cstoq syntax", help: "cstoq counts rows with count()"),
        Case("members select ⟨avgg⟩(x)", "unknown function 'avgg'", help: "did you mean 'avg'?"),
        Case("members select ⟨foo⟩(x)", "unknown function 'foo'", help: "the functions are count(), min(), max(), sum(), avg(), lower(), upper(), length(), trim(), year(), month(), day(), abs(), round(), coalesce() (.help functions)"),
    ]

    @Test(arguments: foreign)
    func foreignSpelling(_ c: Case) { DiagnosticTests.check(c) }

    // MARK: Limits

    @Test func nestingTooDeep() {
        let limit = Parser.maximumDepth
        let parens = "members where " + String(repeating: "(", count: limit) + "⟨(⟩" + String(repeating: "(", count: 4_799)
        DiagnosticTests.check(Case(parens, "the statement is nested deeper than \(limit) levels", help: DiagnosticTests.nestingHelp))
        let nots = "members where " + String(repeating: "not ", count: limit) + "⟨not⟩ " + String(repeating: "not ", count: 4_799) + "x"
        DiagnosticTests.check(Case(nots, "the statement is nested deeper than \(limit) levels", help: DiagnosticTests.nestingHelp))
        let mixed = "members where " + String(repeating: "not (", count: limit / 2) + "⟨not⟩ (" + String(repeating: "not (", count: 4_000)
        DiagnosticTests.check(Case(mixed, "the statement is nested deeper than \(limit) levels", help: DiagnosticTests.nestingHelp))
        // A chain of operators is a tree as deep as the chain is long (like the calls, counted from the select item):
        // 100,000 terms must not reach the checker's recursion.
        let chain = "members select " + String(repeating: "1 + ", count: limit) + "1 ⟨+⟩ " + String(repeating: "1 + ", count: 100_000) + "1"
        DiagnosticTests.check(Case(chain, "the statement is nested deeper than \(limit) levels",
                                   help: "split the computation: a chain of operators counts as nesting"))
        let calls = "members select " + String(repeating: "abs(", count: limit) + "⟨abs⟩(" + String(repeating: "abs(", count: 4_000) + "1"
        DiagnosticTests.check(Case(calls, "the statement is nested deeper than \(limit) levels", help: "split the expression"))
        let within = "members select " + String(repeating: "1 + ", count: limit - 10) + "1"
        #expect(LanguageTestSupport.firstDiagnostic(Array(within.utf8)) == nil)
    }

    @Test func pathTooLong() {
        let marked = "members select " + String(repeating: "a.", count: Parser.maximumPathLength) + "⟨a⟩"
        DiagnosticTests.check(Case(marked, "the path has more than \(Parser.maximumPathLength) segments", help: nil))
    }

    @Test func listTooLong() {
        let marked = "members where x in (" + String(repeating: "1,", count: Parser.maximumListLength) + "1⟨)⟩"
        DiagnosticTests.check(Case(marked, "the statement has more than \(Parser.maximumListLength) terms", help: nil))
    }

    // MARK: Bytes that are not text

    @Test(arguments: [
        (Array("members where ".utf8) + [0xFF, 0xFE] + Array(" = 1".utf8), 14..<16),
        (Array("members where x = ".utf8) + [0xC3], 18..<19),
        (Array("members where name = \"a".utf8) + [0xFF] + Array("\"".utf8), 23..<24),
        (Array("members where name = \"a".utf8) + [0xE2, 0x82] + Array("\"".utf8), 23..<25),
    ] as [([UInt8], Range<Int>)])
    func invalidUTF8(_ bytes: [UInt8], _ range: Range<Int>) throws {
        let d = try #require(LanguageTestSupport.firstDiagnostic(bytes))
        #expect(d.text == "the statement is not valid UTF-8 text")
        #expect(d.range == SourceRange(range.lowerBound, range.upperBound))
        #expect(d.help == "type the statement as plain text")
    }

    // MARK: Rendering

    static func rendered(_ source: String, name: String = "<input>") -> String {
        let bytes = Array(source.utf8)
        guard let d = LanguageTestSupport.firstDiagnostic(bytes) else { return "no diagnostic" }
        return DiagnosticFormatter().render(d, in: SourceText(name: name, bytes: bytes))
    }

    @Test func renderedInFull() {
        #expect(DiagnosticTests.rendered("members wher status = active") == """
            <input>:1:9: error: unknown keyword 'wher'
              |
            1 | members wher status = active
              |         ^^^^
            help: did you mean 'where'?
            """)
    }

    /// Columns count characters, not bytes: the caret stands under `«` after `é`.
    @Test func renderedOnALaterLine() {
        #expect(DiagnosticTests.rendered("members\nwhere é = «Zürich»", name: "summit.cstoq") == """
            summit.cstoq:2:11: error: unexpected character '«'
              |
            2 | where é = «Zürich»
              |           ^
            """)
    }

    @Test func renderedAtTheEnd() {
        #expect(DiagnosticTests.rendered("members where x =") == """
            <input>:1:18: error: expected a value after '=', found the end of the input
              |
            1 | members where x =
              |                  ^
            help: text with spaces goes in quotes, as in "Vladimir Putin"
            """)
    }

    @Test func renderedWithAWideGutter() {
        let source = String(repeating: "members\n", count: 9) + "members ordr by name"
        #expect(DiagnosticTests.rendered(source) == """
            <input>:10:9: error: unknown keyword 'ordr'
               |
            10 | members ordr by name
               |         ^^^^
            help: did you mean 'order'?
            """)
    }

    @Test func renderedInColour() {
        let d = LanguageTestSupport.firstDiagnostic(Array("members ?".utf8))!
        let text = DiagnosticFormatter(color: true).render(d, in: SourceText(name: "<input>", text: "members ?"))
        #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m unexpected character '?'"))
        #expect(text.contains("\u{1B}[1;31m^\u{1B}[0m"))
    }

    /// The caret must stand under the character it points to, whatever comes
    /// before it on the line. A tab is shown as `\t` (two columns) while the
    /// caret line keeps a real tab, so the two drift apart.
    @Test func caretUnderTheErrorAfterATab() {
        let text = DiagnosticTests.rendered("members\twher x")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = lines[2].dropFirst("1 | ".count)
        let carets = lines[3].dropFirst("  | ".count)
        let column = shown.distance(from: shown.startIndex, to: shown.range(of: "wher")!.lowerBound)
        #expect(carets == String(repeating: " ", count: column) + "^^^^")
    }
}

/// Wording the catalog builds from parts: a field's type in the singular and
/// the plural, and what the JSON reader found.
@Suite struct MessageCatalogTests {
    @Test(arguments: [
        (FieldType.integer, "a whole number"),
        (.list(.text), "a list of strings"),
        (.list(.date), "a list of date strings \"YYYY-MM-DD\""),
        (.list(.reference("people")), "a list of ids of records in people (strings)"),
        (.list(.list(.integer)), "a list of lists of whole numbers"),
        (.list(.boolean), "a list of true or false values"),
    ])
    func fieldTypes(_ c: (FieldType, String)) {
        #expect(Message.recordWrongType(field: "f", collection: "c", expected: c.0, found: .number).text
            == "field 'f' of c must be \(c.1), found a number")
    }

    @Test func jsonProblems() {
        #expect(Message.jsonSyntax(.expected(.commaOrCloseBrace, found: .character("x"))).text
            == "malformed JSON: expected ',' or '}' in an object, found 'x'")
        #expect(Message.jsonSyntax(.unknownEscape("q")).text == "malformed JSON: bad escape '\\q' in string")
        #expect(Message.unexpectedToken(found: .endOfInput, expectedStatementEnd: false).text == "unexpected end of the input")
    }
}
