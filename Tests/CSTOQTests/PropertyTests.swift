import Foundation
import Testing
@testable import CSTOQ

/// Properties over thousands of generated cases, from a seeded generator
/// (SplitMix64, in LanguageTestSupport.swift) so every run checks the same
/// cases and a failure names the seed that reproduces it:
///
/// - printing a statement and parsing it again gives the same tree;
/// - the completeness check agrees with the parser, line by line as the REPL
///   reads, and on every prefix of a statement;
/// - text comparison ignores case symmetrically and sorts consistently.
@Suite struct PropertyTests {
    static let cases = 3_000

    // MARK: Printing and parsing

    @Test func printedStatementsParseBackToTheSameTree() {
        let printer = ASTPrinter()
        for seed in 0..<UInt64(Self.cases) {
            var g = StatementGenerator(seed: seed)
            let statement = g.statement()
            let printed = printer.statement(statement)
            switch Parser.parseAll(printed) {
            case let .success(again):
                #expect(again.count == 1, "seed \(seed): \(printed)")
                if let first = again.first {
                    #expect(printer.tree(first) == printer.tree(statement), "seed \(seed): \(printed)")
                }
            case let .failure(d):
                Issue.record("seed \(seed): \(printed)\n\(d.text) at \(d.range.map(\.description) ?? "-")")
            }
        }
    }

    @Test func treesOfTheSamplesSurviveARoundTrip() throws {
        // Real statements too: every statement of the lessons.
        let folder = TestSupport.file("Samples").path
        let printer = ASTPrinter()
        var count = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".cstoq") {
            var parser = Parser(Array(try String(contentsOfFile: folder + "/" + file, encoding: .utf8).utf8))
            while let r = parser.nextStatement() {
                guard case let .success(p) = r else { continue }
                let printed = printer.statement(p.statement)
                let again = try Parser.parseAll(printed).get()
                #expect(again.map(printer.tree) == [printer.tree(p.statement)], "\(file): \(printed)")
                count += 1
            }
        }
        #expect(count > 50)
    }

    // MARK: Completeness

    /// A script laid out over lines and fed to the completeness check line by
    /// line, as the REPL does, gives the statements that parsing it whole gives.
    @Test func lineByLineReadingAgreesWithTheParser() {
        let printer = ASTPrinter()
        for seed in 0..<UInt64(Self.cases / 3) {
            var g = StatementGenerator(seed: seed, keywordNames: false)
            let script = (0..<(1 + g.below(3))).map { _ in g.layOut(g.query()) }.joined(separator: "\n")
            guard case let .success(whole) = Parser.parseAll(script) else {
                Issue.record("seed \(seed): the laid-out script does not parse:\n\(script)")
                continue
            }
            var pending: [String] = []
            var statements: [Statement] = []
            for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
                pending.append(String(line))
                let text = pending.joined(separator: "\n")
                if case .incomplete = Completeness.check(text) { continue }
                pending = []
                switch Parser.parseAll(text) {
                case let .success(s): statements += s
                case let .failure(d): Issue.record("seed \(seed): a complete chunk does not parse: \(text)\n\(d.text)")
                }
            }
            #expect(pending.allSatisfy { $0.allSatisfy(\.isWhitespace) }, "seed \(seed): left pending: \(pending)")
            #expect(statements.map(printer.tree) == whole.map(printer.tree), "seed \(seed):\n\(script)")
        }
    }

    /// On every prefix of a statement: what parses is complete; what the
    /// completeness check calls incomplete does not parse, and fails at its end.
    @Test func everyPrefixIsCompleteExactlyWhenTheParserCanGoOn() {
        for seed in 0..<UInt64(Self.cases / 6) {
            var g = StatementGenerator(seed: seed, keywordNames: false)
            let bytes = Array(g.layOut(g.query()).utf8)
            for end in 0...bytes.count {
                let prefix = Array(bytes[..<end])
                let completeness = Completeness.check(prefix)
                var parser = Parser(prefix)
                var failed = false, atEnd = false
                while let r = parser.nextStatement() {
                    if case .failure = r { failed = true; atEnd = parser.failedAtEnd; break }
                }
                if !failed {
                    #expect(completeness == .complete, "seed \(seed), prefix \(String(decoding: prefix, as: UTF8.self))")
                } else if case .incomplete(.string) = completeness {
                    continue
                } else if case .incomplete = completeness {
                    #expect(atEnd, "seed \(seed), prefix \(String(decoding: prefix, as: UTF8.self))")
                }
            }
        }
    }

    // MARK: Evaluation

    /// The evaluator's column scans (dictionary codes, bitmaps) keep exactly
    /// the records the plain row-by-row test keeps, for generated conditions
    /// over the real fields and values of the built-in and the tricky datasets.
    @Test func columnScansKeepTheRowsTheRowTestKeeps() throws {
        var random = SplitMix64(seed: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(random.next() % UInt64(xs.count))] }
        let printer = ASTPrinter()
        var checkedCount = 0
        for (dataset, name) in [(TestSupport.dataset, "members"), (TestSupport.dataset, "people"), (TestSupport.dataset, "events"),
                                (TestSupport.dataset, "initiatives"), (RobustnessTests.tricky, "nodes")] {
            let c = try #require(dataset.collectionIndex(named: name))
            let collection = dataset.collections[c]
            let evaluator = Evaluator(dataset: dataset)
            // Literals as they would be typed, from the values the column holds (case changed at times).
            func literal(for field: Int) -> String {
                let values = collection.columns[field].map { evaluator.presentable($0) }.flatMap { v -> [Value] in
                    if case let .list(items) = v { items } else { [v] }
                }.filter { !$0.isNull }
                guard let v = values.isEmpty ? nil : pick(values) else { return pick(["x", "1", "true", "2026-01-01"]) }
                switch v {
                case let .text(t):
                    let changed = random.next() % 3 == 0 ? t.uppercased() : (random.next() % 3 == 0 ? String(t.dropLast()) : t)
                    return printer.quoted(changed)
                case let .integer(n): return String(n &+ Int(random.next() % 3) &- 1)
                default: return ValueText.plain(v)
                }
            }
            func predicate() -> String {
                let f = Int(random.next() % UInt64(collection.fields.count))
                let field = collection.fields[f]
                switch field.type.elementType {
                case .text, .reference:
                    switch random.next() % 6 {
                    case 0: return "\(field.name) \(pick(["=", "!=", "<", "<=", ">", ">="])) \(literal(for: f))"
                    case 1: return "\(field.name) contains \(literal(for: f))"
                    case 2: return "\(field.name) like \(pick(["\"*a*\"", "\"?*\"", "\"*\"", "\"B*\"", "\"*an\""]))"
                    case 3: return "\(field.name) \(pick(["in", "not in"])) (\(literal(for: f)), \(literal(for: f)))"
                    case 4: return "\(field.name) is \(pick(["", "not "]))null"
                    default: return "\(field.name) = \(literal(for: f))"
                    }
                case .boolean:
                    return pick(["\(field.name)", "\(field.name) = true", "\(field.name) != false", "\(field.name) is null"])
                default:
                    switch random.next() % 3 {
                    case 0: return "\(field.name) \(pick(["=", "!=", "<", "<=", ">", ">="])) \(literal(for: f))"
                    case 1: return "\(field.name) \(pick(["in", "not in"])) (\(literal(for: f)), \(literal(for: f)))"
                    default: return "\(field.name) is \(pick(["", "not "]))null"
                    }
                }
            }
            func condition(_ depth: Int) -> String {
                switch depth > 2 ? 0 : random.next() % 4 {
                case 1: return "\(condition(depth + 1)) and \(condition(depth + 1))"
                case 2: return "(\(condition(depth + 1)) or \(condition(depth + 1)))"
                case 3: return "not \(condition(depth + 1))"
                default: return predicate()
                }
            }
            for _ in 0..<400 {
                let text = "\(name) where \(condition(0))"
                guard case let .success(statements) = Parser.parseAll(text), case let .query(q)? = statements.first,
                      let checked = try? Checker(dataset: dataset).check(q), let cond = checked.condition else { continue }
                let fast = try evaluator.filter(checked)
                let slow = (0..<collection.count).filter { evaluator.holds(cond, row: $0, collection: c) == true }
                #expect(fast == slow, "\(text)")
                checkedCount += 1
            }
        }
        #expect(checkedCount > 1_000)
    }

    // MARK: Comparison

    @Test func textComparisonIgnoresCaseSymmetrically() {
        var random = SplitMix64(seed: 42)
        // Letters whose case mapping is not one to one, and look-alikes.
        let alphabet: [String] = ["a", "A", "z", "Z", "ß", "SS", "ss", "ẞ", "İ", "i", "I", "ı", "Σ", "σ", "ς", "ǅ", "ǆ", "Ǆ",
                                  "ﬁ", "FI", "é", "É", "e\u{301}", "E\u{301}", "\u{A0}", " ", "Ω", "ω", "\u{2126}", "K", "\u{212A}", "-", "_", "1"]
        func text() -> String { (0..<Int(random.next() % 5)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined() }
        for _ in 0..<Self.cases {
            let (a, b, c) = (Value.text(text()), Value.text(text()), Value.text(text()))
            #expect(ValueComparison.equals(a, b) == ValueComparison.equals(b, a), "\(a) \(b)")
            let ab = ValueComparison.order(a, b), ba = ValueComparison.order(b, a)
            #expect(ab != nil && ab.map { -$0 } == ba, "\(a) \(b)")
            #expect((ValueComparison.equals(a, b) == true) == (ab == 0), "equal texts sort together: \(a) \(b)")
            #expect(ValueComparison.sortOrder(a, b) == -ValueComparison.sortOrder(b, a), "\(a) \(b)")
            // Sorting needs a transitive order.
            if ValueComparison.sortOrder(a, b) < 0, ValueComparison.sortOrder(b, c) < 0 {
                #expect(ValueComparison.sortOrder(a, c) < 0, "\(a) < \(b) < \(c)")
            }
            if case let .text(s) = a { #expect(ValueComparison.fold(ValueComparison.fold(s)) == ValueComparison.fold(s), "fold is idempotent: \(s)") }
        }
    }

    @Test func numbersCompareSymmetricallyAcrossIntegersAndDecimals() {
        var random = SplitMix64(seed: 7)
        let specials: [Value] = [.integer(0), .integer(-1), .integer(Int.max), .integer(Int.min), .decimal(0), .decimal(-0.0),
                                 .decimal(9.223372036854775807e18), .decimal(-9.223372036854775808e18), .decimal(0.5), .decimal(1e308), .null]
        func number() -> Value {
            switch random.next() % 4 {
            case 0: return specials[Int(random.next() % UInt64(specials.count))]
            case 1: return .integer(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64))
            case 2: return .decimal(Double(Int(truncatingIfNeeded: random.next()) >> 40) / 8)
            default: return .integer(Int(random.next() % 5))
            }
        }
        for _ in 0..<Self.cases {
            let (a, b) = (number(), number())
            #expect(ValueComparison.equals(a, b) == ValueComparison.equals(b, a), "\(a) \(b)")
            #expect(ValueComparison.order(a, b).map { -$0 } == ValueComparison.order(b, a), "\(a) \(b)")
            #expect(ValueComparison.sortOrder(a, b) == -ValueComparison.sortOrder(b, a), "\(a) \(b)")
        }
    }
}

/// Random statements as trees, of every shape the parser builds: flat
/// `and`/`or` chains, `not`, every predicate and literal kind, every clause,
/// names that are keywords elsewhere (`by`, `count`, `desc` as fields).
struct StatementGenerator {
    var random: SplitMix64
    /// The names to draw from: with keywords (for printing and parsing) or
    /// without (for `layOut`, which breaks lines after keywords by their text).
    let names: [String]
    let words: [String]

    init(seed: UInt64, keywordNames: Bool = true) {
        random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 1)
        names = keywordNames ? StatementGenerator.allNames : StatementGenerator.plainNames
        words = keywordNames ? ["active", "frozen", "secretary_general", "counter-terrorism", "Émile", "and", "or", "select", "by", "x1"]
                             : ["active", "frozen", "secretary_general", "counter-terrorism", "Émile", "x1"]
    }

    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

    static let range = SourceRange(0, 0)
    static let allNames = ["members", "status", "name", "leader", "country", "x", "é_1", "vladimir-putin", "Кыргызстан", "_a2",
                        "by", "count", "desc", "asc", "as", "order", "group", "where", "select", "limit", "offset", "distinct",
                        "and", "or", "in", "is", "like", "contains", "true", "false", "null", "trace", "explain", "describe", "from"]
    /// Names that are not keywords anywhere: for the places where the grammar reads a keyword first.
    static let plainNames = ["members", "status", "name", "leader", "x", "é_1", "vladimir-putin", "_a2"]

    mutating func name() -> Name { Name(pick(names), Self.range) }

    mutating func path() -> Path {
        Path((0..<(chance(70) ? 1 : 2 + below(3))).map { _ in name() })
    }

    mutating func literal() -> Literal {
        let kind: Literal.Kind
        switch below(9) {
        case 0: kind = .text(pick(["", "Vladimir Putin", "it's", "say \"hi\"", "tab\there\nline", "\u{1B}[2J", "\\", "😀 é", "--", "\0"]))
        case 1: kind = .word(pick(words))
        case 2: kind = .integer(pick([0, 3, -1, Int.max, Int.min, 2026]))
        case 3: kind = .decimal(pick([2.5, -0.75, 1e-5, 1e21, 123456.789, 0.1, -0.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]))
        case 4: kind = .date(pick([CalendarDate(year: 2026, month: 1, day: 1)!, CalendarDate(year: 2024, month: 2, day: 29)!, CalendarDate(year: 1, month: 12, day: 31)!]))
        case 5: kind = .boolean(chance(50))
        case 6: kind = .parameter(pick(["country", "n", "x1"]))
        case 7: kind = .null
        default: kind = .word("active")
        }
        return Literal(kind, Self.range)
    }

    /// A condition; `top` is the operator around it (0 none, 1 `or`, 2 `and`), to keep chains flat.
    mutating func condition(depth: Int = 0, inside: Int = 0) -> Condition {
        let leaf = depth > 3 || chance(45)
        if !leaf {
            switch below(3) {
            case 0 where inside != 1:
                return .any((0..<(2 + below(3))).map { _ in condition(depth: depth + 1, inside: 1) })
            case 1 where inside != 2:
                return .all((0..<(2 + below(3))).map { _ in condition(depth: depth + 1, inside: 2) })
            default:
                return .not(condition(depth: depth + 1, inside: 0), Self.range)
            }
        }
        // A condition starting with `not` is a negation: a field called `not` cannot start one (README).
        let p = expression()
        switch below(4) {
        case 0: return .isIn(p, (0..<(1 + below(4))).map { _ in literal() }, negated: chance(30), Self.range)
        case 1: return .isNull(p, negated: chance(50), Self.range)
        case 2: return .truthy(p)
        default: return .compare(p, pick(ComparisonOperator.allCases), expression(), Self.range)
        }
    }

    /// A path where an expression stands: `true`, `false` and `null` there are values, not fields.
    mutating func expressionPath() -> Path {
        var p = path()
        while p.segments.count == 1, ["true", "false", "null"].contains(p.segments[0].text) { p = path() }
        return p
    }

    /// An expression of every shape: paths, literals, `-`, the four operators, calls.
    mutating func expression(depth: Int = 0) -> ValueExpression {
        if depth > 2 || chance(60) {
            if chance(20) {
                var l = literal()
                if case .word = l.kind { l = Literal(.integer(2), Self.range) }
                return .literal(l)
            }
            return .path(expressionPath())
        }
        switch below(4) {
        case 0: return .negate(expression(depth: depth + 1), Self.range)
        case 1: return .arithmetic(pick(ArithmeticOperator.allCases), expression(depth: depth + 1), expression(depth: depth + 1))
        case 2:
            let f = pick(FunctionCatalog.names)
            let args = f == "count" && chance(50) ? [] : (0..<(1 + below(2))).map { _ in expression(depth: depth + 1) }
            return .call(Name(f, Self.range), args, distinct: f == "count" && !args.isEmpty && chance(30), Self.range)
        default: return .path(expressionPath())
        }
    }

    mutating func column() -> ValueExpression {
        expression()
    }

    mutating func query() -> Query {
        // `count`, `describe` and `explain` start their own statements; a
        // collection so named is printed with its clauses on the next line.
        // A statement starting `select … from` is read as SQL, to show its cstoq form: no collection `select`.
        var collection = name()
        while collection.text == "select" { collection = name() }
        var q = Query(collection: collection, range: Self.range)
        q.isCount = chance(15)
        if chance(70) { q.condition = condition() }
        if chance(25) { q.groupBy = (0..<(1 + below(2))).map { _ in expression() } }
        if !q.groupBy.isEmpty, chance(30) { q.having = condition() }
        if chance(50) {
            q.distinct = chance(20)
            q.select = (0..<(1 + below(3))).map { _ in SelectItem(column(), alias: chance(20) ? name() : nil) }
            // `select distinct as x` selects the field `as`, distinct: a field called
            // `distinct` cannot come first with an alias (Grammar/README.md).
            if !q.distinct, let p = q.select![0].expression.asPath, p.segments.count == 1,
               ValueComparison.fold(p.segments[0].text) == "distinct" {
                q.select![0].alias = nil
            }
        }
        if chance(30) { q.orderBy = (0..<(1 + below(2))).map { _ in OrderKey(column(), descending: chance(50)) } }
        if chance(20) { q.limit = RowCount(value: pick([0, 3, Int.max]), range: Self.range) }
        if chance(10) { q.offset = RowCount(value: pick([0, 1, Int.max]), range: Self.range) }
        return q
    }

    mutating func statement() -> Statement {
        switch below(10) {
        case 0: return .describe(name())
        case 1: return .explain(query(), mode: pick([ExplainMode.plan, .trace, .sql(.sqlite), .sql(.postgres)]), range: Self.range)
        case 2: return .dotCommand(name: pick(["format", "help", "run", "x"]), argument: pick(["", "json", "a b  c", "-- not a comment; nor this"]), range: Self.range)
        default: return .query(query())
        }
    }

    /// The printed query laid over lines the way people write them: a line
    /// break before a clause, after an operator, inside parentheses.
    mutating func layOut(_ q: Query) -> String {
        var text = ASTPrinter().query(q)
        for keyword in [" where ", " group by ", " select ", " order by ", " limit ", " offset ", " and ", " or ", "(", " = ", ", "] where chance(30) {
            guard let r = text.range(of: keyword) else { continue }
            // Not inside a quoted string: only where no quote comes before.
            guard !text[..<r.lowerBound].contains("\"") else { continue }
            text.replaceSubrange(r, with: keyword.hasSuffix(" ") ? keyword.dropLast() + "\n  " : keyword + "\n  ")
        }
        return text
    }
}
