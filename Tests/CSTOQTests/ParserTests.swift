import Foundation
import Testing
@testable import CSTOQ

/// Syntax trees compared as text: a source, then the dump `ASTPrinter().tree`
/// must give for each of its statements (one after another), or the first
/// error as `error: <message> @<range>`.
@Suite struct ParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var tree: String
        var testDescription: String { source.debugDescription }

        init(_ source: String, _ tree: String) {
            self.source = source
            self.tree = tree
        }
    }

    static func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(LanguageTestSupport.dump(c.source) == c.tree, sourceLocation: sourceLocation)
    }

    // MARK: The examples of the language

    static let examples: [Case] = [
        Case("members", "(query members)"),
        Case("members where status = active", """
            (query members
              (where (= status active)))
            """),
        Case("members where status = active and attended = true select name, leader.name order by name desc limit 3", """
            (query members
              (where (and (= status active) (= attended true)))
              (select name leader.name)
              (order-by (desc name))
              (limit 3))
            """),
        Case("count members where status = active", """
            (count members
              (where (= status active)))
            """),
        Case("people where country.status = frozen or role = secretary_general", """
            (query people
              (where (or (= country.status frozen) (= role secretary_general))))
            """),
        Case(#"statements where speaker.name = "Vladimir Putin" and kind = quote select text"#, """
            (query statements
              (where (and (= speaker.name "Vladimir Putin") (= kind quote)))
              (select text))
            """),
        Case("initiatives where area in (drugs, cybersecurity, counter_terrorism) select title, by.name", """
            (query initiatives
              (where (in area "drugs" "cybersecurity" "counter_terrorism"))
              (select title by.name))
            """),
        Case("events where date >= 2026-01-01", """
            (query events
              (where (>= date date:2026-01-01)))
            """),
        Case(#"documents where title contains "budget""#, """
            (query documents
              (where (contains title "budget")))
            """),
        Case(#"people where name like "*ov" order by name"#, """
            (query people
              (where (like name "*ov"))
              (order-by (asc name)))
            """),
        Case("members where leader is null", """
            (query members
              (where (is-null leader)))
            """),
        Case("initiatives group by by.name", """
            (query initiatives
              (group-by by.name))
            """),
        Case("initiatives group by area select area, count() order by count() desc", """
            (query initiatives
              (group-by area)
              (select area (count))
              (order-by (desc (count))))
            """),
        Case("documents select distinct kind", """
            (query documents
              (select distinct kind))
            """),
        Case("describe members", "(describe members)"),
        Case("explain members where status = active", """
            (explain
              (query members
                (where (= status active))))
            """),
        Case("explain trace members where status = active order by name limit 3", """
            (explain trace
              (query members
                (where (= status active))
                (order-by (asc name))
                (limit 3)))
            """),
    ]

    @Test(arguments: examples)
    func example(_ c: Case) { ParserTests.check(c) }

    // MARK: Conditions

    static let conditions: [Case] = [
        // not > and > or
        Case("members where a = 1 or b = 2 and not c = 3", """
            (query members
              (where (or (= a 1) (and (= b 2) (not (= c 3))))))
            """),
        Case("members where a = 1 and b = 2 or c = 3", """
            (query members
              (where (or (and (= a 1) (= b 2)) (= c 3))))
            """),
        Case("members where not a = 1 and b = 2", """
            (query members
              (where (and (not (= a 1)) (= b 2))))
            """),
        Case("members where (a = 1 or b = 2) and c = 3", """
            (query members
              (where (and (or (= a 1) (= b 2)) (= c 3))))
            """),
        Case("members where not (a or b) and c", """
            (query members
              (where (and (not (or (true? a) (true? b))) (true? c))))
            """),
        Case("members where not not x", """
            (query members
              (where (not (not (true? x)))))
            """),
        // Chains of one operator are one flat list, parenthesised or not.
        Case("members where a = 1 or b = 2 or c = 3 or d = 4", """
            (query members
              (where (or (= a 1) (= b 2) (= c 3) (= d 4))))
            """),
        Case("members where a = 1 or (b = 2 or c = 3)", """
            (query members
              (where (or (= a 1) (= b 2) (= c 3))))
            """),
        Case("members where ((a = 1 or b = 2)) or c = 3", """
            (query members
              (where (or (= a 1) (= b 2) (= c 3))))
            """),
        Case("members where a and (b and c) and d", """
            (query members
              (where (and (true? a) (true? b) (true? c) (true? d))))
            """),
        Case("members where a or b and c or d", """
            (query members
              (where (or (true? a) (and (true? b) (true? c)) (true? d))))
            """),
        Case("members where (a or b) or (c and d)", """
            (query members
              (where (or (true? a) (true? b) (and (true? c) (true? d)))))
            """),
        // Every predicate form.
        Case("members where a != 1 and b <> 2 and c < 3 and d <= 4 and e > 5 and f >= 6", """
            (query members
              (where (and (!= a 1) (!= b 2) (< c 3) (<= d 4) (> e 5) (>= f 6))))
            """),
        Case("members where x not in (a, 'b', 3) and y is not null", """
            (query members
              (where (and (not-in x "a" "b" 3) (is-not-null y))))
            """),
        Case("members where not x in (a)", """
            (query members
              (where (not (in x "a"))))
            """),
        Case("members where attended", """
            (query members
              (where (true? attended)))
            """),
        Case("members where attended order by name", """
            (query members
              (where (true? attended))
              (order-by (asc name)))
            """),
        // Values of every kind.
        Case(#"members where a = "x y" and b = 'it\'s' and c = 42 and d = -7 and e = 2.5 and f = 2026-11-11"#, """
            (query members
              (where (and (= a "x y") (= b "it's") (= c 42) (= d -7) (= e decimal:2.5) (= f date:2026-11-11))))
            """),
        Case("members where a = true and b = FALSE and c = null and d = $country and e = vladimir-putin", """
            (query members
              (where (and (= a true) (= b false) (= c null) (= d $country) (= e vladimir-putin))))
            """),
        Case(#"members where name = "caf\u{e9}\n\t\\""#, #"""
            (query members
              (where (= name "café\n\t\\")))
            """#),
        Case("members where name = «x»", "error: unexpected character '«' @21..<23"),
    ]

    @Test(arguments: conditions)
    func condition(_ c: Case) { ParserTests.check(c) }

    // MARK: Contextual keywords and case

    static let keywords: [Case] = [
        Case("initiatives where by.name = x group by by.name", """
            (query initiatives
              (where (= by.name x))
              (group-by by.name))
            """),
        Case("members where count = 3 select count, count(), count(count) order by count", """
            (query members
              (where (= count 3))
              (select count (count) (count count))
              (order-by (asc count)))
            """),
        Case("count count", "(count count)"),
        Case("count", "(query count)"),
        Case("describe", "(query describe)"),
        Case("describe describe", "(describe describe)"),
        Case("explain", "(query explain)"),
        Case("explain trace", """
            (explain
              (query trace))
            """),
        Case("explain count members", """
            (explain
              (count members))
            """),
        Case("members select distinct", """
            (query members
              (select distinct))
            """),
        Case("members select distinct, name", """
            (query members
              (select distinct name))
            """),
        Case("members select name as as, desc order by desc desc", """
            (query members
              (select (as name as) desc)
              (order-by (desc desc)))
            """),
        Case("members where where = 1 and select and order", """
            (query members
              (where (and (= where 1) (true? select) (true? order))))
            """),
        Case("members where in in (in) and is is null and like like like", """
            (query members
              (where (and (in in "in") (is-null is) (like like like))))
            """),
        Case("members where x = order order by y", """
            (query members
              (where (= x order))
              (order-by (asc y)))
            """),
        Case("MEMBERS WHERE Status = Active AND NOT Leader IS NULL ORDER BY Name DESC LIMIT 2 OFFSET 1", """
            (query MEMBERS
              (where (and (= Status Active) (not (is-null Leader))))
              (order-by (desc Name))
              (limit 2)
              (offset 1))
            """),
        Case("Initiatives Group By Area Select Area, COUNT() As N, Max(Date)", """
            (query Initiatives
              (group-by Area)
              (select Area (as (count) N) (max Date)))
            """),
        Case("Explain Trace members", """
            (explain trace
              (query members))
            """),
    ]

    @Test(arguments: keywords)
    func keyword(_ c: Case) { ParserTests.check(c) }

    // MARK: Clauses

    static let clauses: [Case] = [
        Case("members where a = 1 group by x, y.z select x, min(d) as first, max(d), sum(n), avg(n) order by x, first desc, sum(n) asc limit 10 offset 20", """
            (query members
              (where (= a 1))
              (group-by x y.z)
              (select x (as (min d) first) (max d) (sum n) (avg n))
              (order-by (asc x) (desc first) (asc (sum n)))
              (limit 10)
              (offset 20))
            """),
        Case("members offset 5", """
            (query members
              (offset 5))
            """),
        Case("members limit 0", """
            (query members
              (limit 0))
            """),
        Case("members where leader.country.status = frozen", """
            (query members
              (where (= leader.country.status frozen)))
            """),
        Case(".format json", #"(dot-command format "json")"#),
        Case("  .help   where  ", #"(dot-command help "where")"#),
        Case(".quit", "(dot-command quit)"),
    ]

    @Test(arguments: clauses)
    func clause(_ c: Case) { ParserTests.check(c) }

    // MARK: Statements, lines and `;`

    static let statements: [Case] = [
        Case("members; people", "(query members)\n(query people)"),
        Case("members;;; people;", "(query members)\n(query people)"),
        Case(";", ""),
        Case("", ""),
        Case("-- nothing but a comment", ""),
        Case("members\npeople", "(query members)\n(query people)"),
        // A clause keyword, `and` or `or` at the start of a line continues the statement.
        Case("members\nwhere status = active\n  and attended\norder by name\nlimit 3\noffset 1", """
            (query members
              (where (and (= status active) (true? attended)))
              (order-by (asc name))
              (limit 3)
              (offset 1))
            """),
        Case("members where a\nor b", """
            (query members
              (where (or (true? a) (true? b))))
            """),
        Case("members\ngroup by x\nselect x, count()", """
            (query members
              (group-by x)
              (select x (count)))
            """),
        // Where the statement is incomplete a line break is only a space.
        Case("members where\nstatus =\nactive", """
            (query members
              (where (= status active)))
            """),
        Case("members where status = active and\nattended", """
            (query members
              (where (and (= status active) (true? attended))))
            """),
        Case("members where x in (a,\nb\n)", """
            (query members
              (where (in x "a" "b")))
            """),
        Case("members where (x\n= 1)", """
            (query members
              (where (= x 1)))
            """),
        Case("members order\nby name", """
            (query members
              (order-by (asc name)))
            """),
        Case("members select\nname", """
            (query members
              (select name))
            """),
        // Where the statement is complete a line break ends it, whatever the next line holds.
        Case("members where attended\npeople", "(query members\n  (where (true? attended)))\n(query people)"),
        Case("members order by name\ndesc", "(query members\n  (order-by (asc name)))\n(query desc)"),
        Case("members select distinct\nname", "(query members\n  (select distinct))\n(query name)"),
        Case("explain\nmembers", "(query explain)\n(query members)"),
        Case("count\nmembers", "(query count)\n(query members)"),
        Case("describe\nmembers", "(query describe)\n(query members)"),
        Case("members where\nstatus\n= active", """
            (query members
              (where (true? status)))
            error: expected a collection name or a statement, found '=' @21..<22
            """),
        Case("members where x\n= 1", """
            (query members
              (where (true? x)))
            error: expected a collection name or a statement, found '=' @16..<17
            """),
        Case("members select name\n, title", """
            (query members
              (select name))
            error: expected a collection name or a statement, found ',' @20..<21
            """),
        Case("members select count\n()", """
            (query members
              (select count))
            error: expected a collection name or a statement, found '(' @21..<22
            """),
        Case("members where x = 1\nnot y = 2", """
            (query members
              (where (= x 1)))
            error: unknown keyword 'y' @24..<25
            """),
        // Dot-commands are statements of their own line.
        Case("members\n.format csv\npeople where x = 1", """
            (query members)
            (dot-command format "csv")
            (query people
              (where (= x 1)))
            """),
        Case("#!/usr/bin/env cstoq\nmembers -- all\n-- people\nevents", "(query members)\n(query events)"),
        Case("\u{FEFF}members", "(query members)"),
        // A string may span lines.
        Case("members where bio = \"one\ntwo\"", #"""
            (query members
              (where (= bio "one\ntwo")))
            """#),
    ]

    @Test(arguments: statements)
    func statement(_ c: Case) { ParserTests.check(c) }

    /// Each statement knows where it was written; `;` is not part of it.
    @Test func statementRanges() {
        let source = "members; people where x = 1 ;\n.format json\n  describe members -- c"
        var parser = Parser(source)
        var ranges: [String] = []
        while case let .success(parsed)? = parser.nextStatement() {
            ranges.append(SourceText(name: "", text: source).text(parsed.range))
        }
        #expect(ranges == ["members", "people where x = 1", ".format json", "describe members"])
    }

    /// After an error the parser goes on at the next statement (for --keep-going).
    @Test func recoversAtNextStatement() {
        var parser = Parser("members wher x; people\nevents where (\nplaces")
        var outcomes: [String] = []
        while let result = parser.nextStatement() {
            switch result {
            case let .success(p): outcomes.append(ASTPrinter().statement(p.statement))
            case let .failure(d): outcomes.append("error: " + d.text)
            }
        }
        #expect(outcomes == [
            "error: unknown keyword 'wher'",
            "people",
            "error: unbalanced parenthesis: '(' is never closed",
        ])
    }

    // MARK: Limits

    @Test func nestingUpToTheLimit() {
        let depth = Parser.maximumDepth - 1  // the predicate at the bottom is a level too
        let parens = "members where " + String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(LanguageTestSupport.dump(parens) == "(query members\n  (where (true? x)))")
        let nots = "members where " + String(repeating: "not ", count: depth) + "x"
        guard case let .success(s) = Parser.parseAll(nots), case let .query(q) = s[0], var c = q.condition else {
            Issue.record("\(Parser.maximumDepth - 1) nots should parse")
            return
        }
        var count = 0
        while case let .not(inner, _) = c { count += 1; c = inner }
        #expect(count == depth)
    }

    @Test func pathUpToTheLimit() {
        let path = Array(repeating: "a", count: Parser.maximumPathLength).joined(separator: ".")
        guard case let .success(s) = Parser.parseAll("members select " + path), case let .query(q) = s[0],
              case let .path(p)? = q.select?.first?.expression else {
            Issue.record("a path of \(Parser.maximumPathLength) names should parse")
            return
        }
        #expect(p.segments.count == Parser.maximumPathLength)
    }

    /// A long `or` chain is one flat list, read in linear time.
    @Test func longChains() {
        let terms = 50_000
        let text = "members where " + Array(repeating: "x = 1", count: terms).joined(separator: " or ")
        guard case let .success(s) = Parser.parseAll(text), case let .query(q) = s[0], case let .any(items)? = q.condition else {
            Issue.record("a long or chain should parse")
            return
        }
        #expect(items.count == terms)
        let list = "members where x in (" + Array(repeating: "1", count: terms).joined(separator: ", ") + ")"
        guard case let .success(s2) = Parser.parseAll(list), case let .query(q2) = s2[0], case let .isIn(_, values, _, _)? = q2.condition else {
            Issue.record("a long list should parse")
            return
        }
        #expect(values.count == terms)
    }

    // MARK: Printing back

    /// `ASTPrinter().statement` gives canonical source; reading it back gives the same tree.
    @Test(arguments: examples + conditions.filter { !$0.tree.hasPrefix("error") } + keywords + clauses)
    func roundTrip(_ c: Case) throws {
        let statements = try Parser.parseAll(c.source).get()
        for statement in statements {
            let canonical = ASTPrinter().statement(statement)
            let again = try Parser.parseAll(canonical).get()
            #expect(again.count == 1, "\(canonical)")
            #expect(again.map(ASTPrinter().tree) == [ASTPrinter().tree(statement)], "\(canonical)")
            // The dump does not tell `select distinct name` from `select distinct, name`; the text does.
            #expect(again.map(ASTPrinter().statement) == [canonical])
        }
    }

    @Test(arguments: [
        ("members where a = 1 or (b = 2 or c = 3)", "members where a = 1 or b = 2 or c = 3"),
        ("members where (a or b) and not (c and d)", "members where (a or b) and not (c and d)"),
        ("members where not (not x)", "members where not not x"),
        ("MEMBERS WHERE x = 'y' ORDER BY z ASC", "MEMBERS where x = \"y\" order by z"),
        ("members where x <> 1", "members where x != 1"),
        ("members where x = 0.00001 or x = 123456789012345678901234.5 or x = -2.50", "members where x = 0.00001 or x = 123456789012345690000000.0 or x = -2.5"),
        ("members where s = \"tab\\there \\u{7}\"", "members where s = \"tab\\there \\u{7}\""),
        ("count members select name as n", "count members select name as n"),
        ("  .format   json", ".format json"),
    ])
    func canonicalText(_ source: String, _ canonical: String) throws {
        let statement = try #require(try Parser.parseAll(source).get().first)
        #expect(ASTPrinter().statement(statement) == canonical)
    }
}
