import TextWidth
/// The recursive-descent parser: one function per rule of Grammar/cstoq.ebnf,
/// the rule quoted above it. Conditions go through one precedence loop
/// (`or` < `and` < `not`), as Go's `parseBinaryExpr` and Lua's `subexpr` do.
///
/// Keywords are contextual: the parser checks a word's text where a keyword
/// may stand, and takes any word as a name where a name is expected.
///
/// Statements end at `;`, at the end of the input, or at a line break when the
/// statement is complete and the next line does not start with a clause
/// keyword; where the grammar still needs something, line breaks are spaces.
///
/// Every loop consumes a token or stops, and nesting is capped
/// (`maximumDepth`), so no input makes it hang or overflow the stack.
public struct Parser {
    public static let maximumDepth = 200
    public static let maximumPathLength = 100
    public static let maximumListLength = 1_000_000

    public let lexer: Lexer
    public let tokens: [Token]
    private(set) var index = 0
    private var depth = 0
    private(set) var collectionName = ""
    /// Whether the argument of `count(` is being read (see `parseCall`).
    private var inCountArgument = false
    /// Set right of a comparison with a path on the left: the next primary is
    /// where completion offers that path's values.
    private var valueSide: [String]?
    /// What would have been accepted where the input ended (for completion).
    public private(set) var expectations: [Expectation] = []
    /// The last error happened at the end of the input: more text could fix it.
    public private(set) var failedAtEnd = false
    /// Open parentheses at the point of failure.
    public private(set) var openParentheses = 0

    public init(_ source: [UInt8]) {
        lexer = Lexer(source)
        tokens = lexer.tokenize()
    }

    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    // MARK: Statements one by one

    /// A statement with the source range it was written in.
    public struct Parsed: Sendable {
        public var statement: Statement
        public var range: SourceRange
    }

    /// The next statement, or nil at the end. After an error the parser skips
    /// to the next statement, so a script can go on (`--keep-going`).
    public mutating func nextStatement() -> Result<Parsed, Diagnostic>? {
        while current.kind == .semicolon { index += 1 }
        guard current.kind != .endOfInput else { return nil }
        let start = current.range.start
        failedAtEnd = false
        openParentheses = 0
        depth = 0
        do throws(Diagnostic) {
            let statement = try parseStatement()
            let end = tokens[max(0, index - 1)].range.end
            try endStatement()
            return .success(Parsed(statement: statement, range: SourceRange(start, end)))
        } catch {
            synchronize()
            return .failure(error)
        }
    }

    /// Skips to where the next statement can start: past a `;`, or to a token
    /// on a new line that does not continue the statement.
    private mutating func synchronize() {
        if current.kind != .endOfInput { index += 1 }
        while current.kind != .endOfInput {
            if current.kind == .semicolon { index += 1; return }
            if current.followsNewline && !continuesStatement(current) { return }
            index += 1
        }
    }

    /// All statements of a text, stopping at the first error.
    public static func parseAll(_ text: String) -> Result<[Statement], Diagnostic> {
        var parser = Parser(text)
        var out: [Statement] = []
        while let r = parser.nextStatement() {
            switch r {
            case let .success(p): out.append(p.statement)
            case let .failure(d): return .failure(d)
            }
        }
        return .success(out)
    }

    // MARK: Token helpers

    var current: Token { tokens[index] }
    var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    public func text(_ token: Token) -> String { lexer.text(token) }

    func isWord(_ keyword: StaticString, _ token: Token? = nil) -> Bool {
        let t = token ?? current
        return t.kind == .word && Keyword.matches(lexer.bytes[t.range.start..<t.range.end], keyword)
    }

    func folded(_ token: Token) -> String { ValueComparison.fold(text(token)) }

    @discardableResult
    mutating func advance() -> Token {
        let t = current
        if t.kind != .endOfInput { index += 1 }
        return t
    }

    /// Records what would be accepted here when the input has run out.
    mutating func expecting(_ e: Expectation) {
        if current.kind == .endOfInput, !expectations.contains(e) { expectations.append(e) }
    }

    /// A word on a new line that is not a clause keyword starts the next statement.
    func continuesStatement(_ token: Token) -> Bool {
        token.kind == .word && Keyword.continuation.contains(folded(token))
    }

    /// At a point where the statement could end, a token on a new line ends it
    /// unless it is a clause keyword, `and` or `or`. Inside parentheses the
    /// statement is incomplete, so there a line break is only a space.
    var newLineEndsStatement: Bool {
        current.followsNewline && openParentheses == 0 && !continuesStatement(current)
    }

    var atStatementEnd: Bool {
        switch current.kind {
        case .semicolon, .endOfInput, .dotCommand: return true
        default: return current.followsNewline && !continuesStatement(current)
        }
    }

    /// How the current token is named in a message.
    func describeCurrent() -> FoundToken {
        switch current.kind {
        case .word: .word(text(current))
        case .string: .string(text(current))
        case .integer, .decimal: .number(text(current))
        case .date: .date(text(current))
        case .parameter: .parameter(text(current))
        case .endOfInput: .endOfInput
        default: .symbol(current.kind.spelling)
        }
    }

    /// The one "expected X after Y, found Z" helper every rule uses. A lexical
    /// error at this point is reported as itself.
    func errorExpected(_ what: String, after: String?, help: String? = nil) -> Diagnostic {
        // Another language's spelling first: `&&` lexes as an unexpected character.
        if let foreign = foreignSyntax() { return foreign }
        if let lexical = lexicalError(current) { return lexical }
        return Diagnostic(.expected(what, after: after, found: describeCurrent().text), at: current.range, help: help)
    }

    func lexicalError(_ t: Token) -> Diagnostic? {
        switch t.kind {
        case .unterminatedString: return Diagnostic(.unterminatedString, at: SourceRange(t.range.start, t.range.start + 1))
        case .invalidUTF8: return Diagnostic(.invalidUTF8, at: t.range)
        case .nulByte: return Diagnostic(.nulByte, at: t.range)
        case .invalidCharacter:
            let s = text(t)
            if let first = s.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) {
                return Diagnostic(.invalidNumber(s), at: t.range, help: "put text in quotes: \"\(s)\"")
            }
            return Diagnostic(.invalidCharacter(Printable.escapeControls(s)), at: t.range)
        default: return nil
        }
    }

    mutating func expectKind(_ kind: TokenKind, _ what: String, after: String?) throws(Diagnostic) -> Token {
        guard current.kind == kind else {
            if current.kind == .endOfInput { failedAtEnd = true }
            throw errorExpected(what, after: after)
        }
        return advance()
    }

    /// The `)` that closes `open`: at the end of the input the parenthesis is
    /// unbalanced (the statement may go on, on the next line); else `what` was expected.
    mutating func closeParenthesis(_ open: Token, expecting what: String, after context: String?) throws(Diagnostic) -> Token {
        guard current.kind == .rightParen else {
            if current.kind == .endOfInput {
                failedAtEnd = true
                throw Diagnostic(.unbalancedParenthesis, at: open.range)
            }
            throw fail(what, after: context)
        }
        openParentheses -= 1
        return advance()
    }

    mutating func fail(_ what: String, after: String?, help: String? = nil) -> Diagnostic {
        if current.kind == .endOfInput { failedAtEnd = true }
        return errorExpected(what, after: after, help: help)
    }

    mutating func endStatement() throws(Diagnostic) {
        if current.kind == .semicolon { advance(); return }
        if atStatementEnd { return }
        if let foreign = foreignSyntax() { throw foreign }
        if let lexical = lexicalError(current) { throw lexical }
        if current.kind == .rightParen { throw Diagnostic(.unmatchedCloseParenthesis, at: current.range) }
        throw Diagnostic(.unexpectedToken(found: describeCurrent(), expectedStatementEnd: true), at: current.range,
                         help: "end the statement with ';' or a new line, or continue it with a clause such as 'where'")
    }

    // MARK: Rules

    /// statement ::= dot_command | describe_statement | explain_statement | query
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        expecting(.statementStart)
        if current.kind == .dotCommand {
            let t = advance()
            // Split on scalars, not characters: a blank followed by a combining mark is one
            // character, and would otherwise join the name or keep the blank in the argument.
            let scalars = text(t).dropFirst().unicodeScalars
            let nameEnd = scalars.firstIndex { $0 == " " || $0 == "\t" } ?? scalars.endIndex
            var rest = scalars[nameEnd...]
            while let f = rest.first, f == " " || f == "\t" { rest = rest.dropFirst() }
            while let l = rest.last, l == " " || l == "\t" || l == "\r" { rest = rest.dropLast() }
            return .dotCommand(name: String(scalars[..<nameEnd]), argument: String(rest), range: t.range)
        }
        if isSQLSelect() { throw sqlHint() }
        if isWord("describe"), next.kind == .word, !next.followsNewline {
            return try parseDescribe()
        }
        if isWord("explain") && (next.kind == .word && !next.followsNewline) {
            return try parseExplain()
        }
        if current.kind == .word { return .query(try parseQuery()) }
        throw fail("a collection name or a statement", after: nil,
                   help: "a statement starts with a collection name, as in: members where status = active")
    }

    /// describe_statement ::= "describe" name
    mutating func parseDescribe() throws(Diagnostic) -> Statement {
        advance()
        expecting(.collection)
        let t = try expectKind(.word, "a collection name", after: "'describe'")
        return .describe(Name(text(t), t.range))
    }

    /// explain_statement ::= "explain" ( "trace" | "sql" sql_dialect? )? query
    mutating func parseExplain() throws(Diagnostic) -> Statement {
        let start = advance().range.start
        var mode = ExplainMode.plan
        expecting(.keyword("trace"))
        expecting(.keyword("sql"))
        if isWord("trace"), next.kind == .word, !next.followsNewline {
            advance()
            mode = .trace
        } else if isWord("sql"), next.kind == .word, !next.followsNewline {
            advance()
            mode = .sql(parseSQLDialect())
        }
        let query = try parseQuery()
        return .explain(query, mode: mode, range: SourceRange(start, query.range.end))
    }

    /// sql_dialect ::= "sqlite" | "postgres" | "postgresql"
    ///
    /// A dialect's name is one only when a query follows it on the line, so a
    /// collection may still be called `sqlite`.
    mutating func parseSQLDialect() -> SQLDialect {
        expecting(.keyword("sqlite"))
        expecting(.keyword("postgres"))
        if current.kind == .word, let dialect = SQLDialect(name: text(current)), next.kind == .word, !next.followsNewline {
            advance()
            return dialect
        }
        return .sqlite
    }

    /// query ::= "count"? name where_clause? group_clause? having_clause?
    ///           select_clause? order_clause? limit_clause? offset_clause?
    mutating func parseQuery() throws(Diagnostic) -> Query {
        let start = current.range.start
        var isCount = false
        if isWord("count"), next.kind == .word, !next.followsNewline {
            advance()
            isCount = true
        }
        expecting(.collection)
        let nameToken = try expectKind(.word, "a collection name", after: isCount ? "'count'" : nil)
        var query = Query(collection: Name(text(nameToken), nameToken.range), range: nameToken.range)
        query.isCount = isCount
        collectionName = text(nameToken)
        var stage = 0  // index into Keyword.clauses of the next clause allowed
        while true {
            // `having` is offered only after a `group by` (the checker explains one without).
            for k in Keyword.clauses[stage...] where k != "having" || !query.groupBy.isEmpty { expecting(.keyword(k)) }
            if atStatementEnd { break }
            guard current.kind == .word else { break }
            let word = folded(current)
            guard let position = Keyword.clauses.firstIndex(of: word) else {
                if stage == Keyword.clauses.count { break }  // after `offset`: endStatement says what is wrong
                if stage == 0, let blamed = firstWordMistake(nameToken) { throw blamed }
                throw unknownClause(allowedFrom: stage, grouped: !query.groupBy.isEmpty)
            }
            guard position >= stage else {
                if position == stage - 1 {
                    let name = Parser.clauseName(word)
                    throw Diagnostic(.expected("one '\(name)' clause", after: nil, found: "a second one"), at: current.range,
                                     help: word == "where" ? "join the conditions with 'and': where a = 1 and b = 2"
                                                           : "a query has at most one '\(name)'")
                }
                throw Diagnostic(.clauseOutOfOrder(Parser.clauseName(word), before: Parser.clauseName(Keyword.clauses[stage - 1])),
                                 at: current.range,
                                 help: "the clauses go in this order: where, group by, having, select, order by, limit, offset")
            }
            switch word {
            case "where": query.condition = try parseWhereClause()
            case "group": query.groupBy = try parseGroupClause()
            case "having": query.having = try parseHavingClause()
            case "select": (query.distinct, query.select) = try parseSelectClause()
            case "order": query.orderBy = try parseOrderClause()
            case "limit": query.limit = try parseRowCount("limit")
            default: query.offset = try parseRowCount("offset")
            }
            stage = position + 1
        }
        query.range = SourceRange(start, tokens[max(0, index - 1)].range.end)
        return query
    }

    /// A word after the collection's name that is no clause, where the
    /// first word is the mistake: a clause keyword (`where status = active`,
    /// no collection) or another tool's command (`show tables`, `list members`).
    func firstWordMistake(_ first: Token) -> Diagnostic? {
        let word = folded(first)
        let shown = text(first)
        if Keyword.continuation.contains(word) {
            return Diagnostic(.queryStartsWithClause(shown), at: first.range,
                              help: "put the collection first, as in: members \(shown) … (.collections lists the collections)")
        }
        guard Keyword.otherToolsVerbs.contains(word) else { return nil }
        let second = ValueComparison.fold(text(current))
        let help = ["tables", "collections", "databases", "all"].contains(second)
            ? ".collections lists the collections (describe NAME, a collection's fields)"
            : "the query is the collection's name itself, then its clauses: \(text(current)) where …"
        return Diagnostic(.notACommand(shown), at: first.range, help: help)
    }

    /// An unknown word where a clause could start: a misspelt keyword most likely.
    func unknownClause(allowedFrom stage: Int, grouped: Bool) -> Diagnostic {
        if let foreign = foreignSyntax() { return foreign }
        let word = text(current)
        // `name = Vladimir Putin`: a text of several words without its quotes.
        if index >= 2, tokens[index - 1].kind == .word, !current.followsNewline,
           ["=", "!=", "<>", "<", "<=", ">", ">=", "like"].contains(ValueComparison.fold(text(tokens[index - 2]))) {
            var end = index
            while end < tokens.count, tokens[end].kind == .word, !tokens[end].followsNewline,
                  !Keyword.continuation.contains(folded(tokens[end])) { end += 1 }
            let words = tokens[(index - 1)..<end].map { text($0) }.joined(separator: " ")
            return Diagnostic(.unknownKeyword(word), at: current.range,
                              help: "a text of several words goes in quotes: \(text(tokens[index - 2])) \"\(words)\"")
        }
        var allowed = Keyword.clauses[stage...].filter { $0 != "having" || grouped }
        // After a finished condition (of `where` or `having`) it can also go on with `and`/`or`.
        if stage > 0, ["where", "having"].contains(Keyword.clauses[stage - 1]) { allowed = ["and", "or"] + allowed }
        if let guess = Suggestion.closest(to: word, in: allowed) {
            return Diagnostic(.unknownKeyword(word), at: current.range, help: Hint.didYouMean(guess).text)
        }
        return Diagnostic(.unknownKeyword(word), at: current.range,
                          help: Hint.clausesThatCanFollow(allowed.map(Parser.clauseName)).text)
    }

    /// A clause as users write it: `group by`, `order by`, `where`…
    static func clauseName(_ keyword: String) -> String {
        keyword == "group" || keyword == "order" ? keyword + " by" : keyword
    }

    /// where_clause ::= "where" condition
    mutating func parseWhereClause() throws(Diagnostic) -> Condition {
        advance()
        return try parseCondition(after: "'where'")
    }

    /// condition ::= and_condition ( "or" and_condition )*
    mutating func parseCondition(after context: String) throws(Diagnostic) -> Condition {
        try parseBinary(precedence: 1, after: context)
    }

    /// and_condition ::= unary ( "and" unary )*
    ///
    /// The precedence loop reads `condition` and `and_condition`: `or` is 1,
    /// `and` is 2. Chains of one operator are collected into one flat
    /// `any`/`all` list, parenthesised ones too (`a or (b or c)` is
    /// `a or b or c`), so printing a tree without its redundant parentheses
    /// and reading it back gives the same tree.
    mutating func parseBinary(precedence minimum: Int, after context: String) throws(Diagnostic) -> Condition {
        var terms = [try parseUnary(after: context)]
        var joiner = 0  // the operator joining `terms`: none yet, `or` or `and`
        while true {
            expecting(.keyword("and"))
            expecting(.keyword("or"))
            let op: Int
            if isWord("or") { op = 1 } else if isWord("and") { op = 2 } else { break }
            guard op >= minimum else { break }
            let opText = "'\(text(advance()))'"
            let right = try parseBinary(precedence: op + 1, after: opText)
            if op != joiner {
                // A looser operator takes everything before it as its first term.
                terms = Parser.operands(of: Parser.joined(terms, by: joiner), joinedBy: op)
                joiner = op
            }
            // Appending to a local array, not to the enum's payload, keeps a long chain linear.
            terms.append(contentsOf: Parser.operands(of: right, joinedBy: op))
            if terms.count > Parser.maximumListLength { throw Diagnostic(.tooManyTerms(limit: Parser.maximumListLength), at: current.range) }
        }
        return Parser.joined(terms, by: joiner)
    }

    /// The terms `c` adds to a chain of `op`: its own items when it is a chain of the same operator.
    static func operands(of c: Condition, joinedBy op: Int) -> [Condition] {
        switch (op, c) {
        case let (1, .any(items)), let (2, .all(items)): items
        default: [c]
        }
    }

    static func joined(_ terms: [Condition], by op: Int) -> Condition {
        terms.count == 1 ? terms[0] : (op == 1 ? .any(terms) : .all(terms))
    }

    /// unary ::= "not" unary | predicate
    mutating func parseUnary(after context: String) throws(Diagnostic) -> Condition {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw Diagnostic(.nestingTooDeep(limit: Parser.maximumDepth), at: current.range,
                             help: "split the condition, or remove redundant parentheses and 'not's")
        }
        expecting(.keyword("not"))
        // A condition starting with `not` is a negation, whatever follows
        // (Grammar/README.md): `not in.x = 1` negates a test of the field `in`.
        if isWord("not") {
            let t = advance()
            let inner = try parseUnary(after: "'not'")
            return .not(inner, t.range)
        }
        return try parsePredicate(after: context)
    }

    func columnOf(_ t: Token) -> Int {
        SourceText.column(of: t.range.start, in: lexer.bytes)
    }

    /// predicate ::= expression ( comparison_operator expression
    ///                          | ( "contains" | "like" ) expression
    ///                          | "not"? "in" ( subquery | value_list )
    ///                          | "is" "not"? "null" )?
    /// comparison_operator ::= "=" | "!=" | "<>" | "<" | "<=" | ">" | ">="
    ///
    /// An expression on its own is a boolean test (`members where attended`),
    /// or a condition in parentheses (`(a = 1 or b = 2)`).
    mutating func parsePredicate(after context: String) throws(Diagnostic) -> Condition {
        let left = try parseExpression(after: context)
        let start = left.range.start
        let pathNames = left.asPath?.segments.map { ValueComparison.fold($0.text) } ?? []
        func alone() -> Condition {
            if case let .condition(c, _) = left { return c }
            return .truthy(left)
        }
        // `members where attended` then a new line: a complete statement.
        if newLineEndsStatement { return alone() }
        if current.kind == .doubleEqual { throw foreignSyntax()! }
        let op = ComparisonOperator(token: current.kind)
            ?? (current.kind == .word ? ComparisonOperator.words.first { $0.rawValue == folded(current) } : nil)
        if let op {
            let opToken = advance()
            valueSide = pathNames.isEmpty ? nil : pathNames
            let right = try parseExpression(after: "'\(text(opToken))'")
            return .compare(left, op, right, SourceRange(start, right.range.end))
        }
        if isWord("not"), next.kind == .endOfInput {
            // `x not` at the end: `in (…)` may follow on the next line.
            advance()
            expecting(.keyword("in"))
            throw fail("'in'", after: "'not'")
        }
        if isWord("in") || (isWord("not") && isWord("in", next)) {
            let negated = isWord("not")
            if negated { advance() }
            advance()
            if subqueryFollows {
                let (inner, end) = try parseSubquery()
                return .inQuery(left, inner, negated: negated, SourceRange(start, end))
            }
            let values = try parseValueList(for: pathNames)
            return .isIn(left, values.list, negated: negated, SourceRange(start, values.end))
        }
        if isWord("is") {
            advance()
            expecting(.keyword("not"))
            expecting(.keyword("null"))
            let negated = isWord("not")
            if negated { advance() }
            guard isWord("null") else { throw fail("'null'", after: negated ? "'is not'" : "'is'") }
            let end = advance().range.end
            return .isNull(left, negated: negated, SourceRange(start, end))
        }
        for op in ComparisonOperator.allCases.map(\.rawValue) + ["in", "is"] { expecting(.keyword(op)) }
        // A bare field is a boolean test, when the condition ends here.
        if atStatementEnd || current.kind == .rightParen || current.kind == .comma || isWord("and") || isWord("or")
            || (current.kind == .word && Keyword.clauses.contains(folded(current))) {
            return alone()
        }
        let shown = left.asPath.map { $0.segments.map(\.text).joined(separator: ".") } ?? ASTPrinter().expression(left)
        throw fail("a comparison (" + ComparisonOperator.allCases.map(\.rawValue).joined(separator: ", ") + ", in, is null)", after: "'\(shown)'")
    }

    /// expression ::= term ( ( "+" | "-" ) term )*
    /// term ::= factor ( ( "*" | "/" ) factor )*
    ///
    /// One precedence loop reads both rules: `+` and `-` are 1, `*` and `/`
    /// are 2, each left-associative (`a - b - c` is `(a - b) - c`).
    mutating func parseExpression(after context: String) throws(Diagnostic) -> ValueExpression {
        try parseArithmetic(precedence: 1, after: context)
    }

    mutating func parseArithmetic(precedence minimum: Int, after context: String) throws(Diagnostic) -> ValueExpression {
        var left = try parseFactor(after: context)
        // A chain a + b + c is a tree as deep as it is long: each operator is a level of nesting.
        let outer = depth
        defer { depth = outer }
        while true {
            // An operator on a new line where the statement could end starts nothing: it is an error there.
            guard let op = ArithmeticOperator(token: current.kind), op.precedence >= minimum, !newLineEndsStatement else { break }
            let opToken = advance()
            depth += 1
            guard depth <= Parser.maximumDepth else {
                throw Diagnostic(.nestingTooDeep(limit: Parser.maximumDepth), at: opToken.range,
                                 help: "split the computation: a chain of operators counts as nesting")
            }
            let right = try parseArithmetic(precedence: op.precedence + 1, after: "'\(text(opToken))'")
            left = .arithmetic(op, left, right)
        }
        return left
    }

    /// factor ::= "-" factor | primary
    mutating func parseFactor(after context: String) throws(Diagnostic) -> ValueExpression {
        guard current.kind == .minus else { return try parsePrimary(after: context) }
        // `-` joined to a number where a value starts is the number's sign (after
        // a keyword such as `where` the lexer cannot know that no value came before).
        if next.kind == .integer || next.kind == .decimal, next.range.start == current.range.end, !text(next).hasPrefix("-") {
            let minus = advance(), number = advance()
            let digits = "-" + text(number)
            let range = SourceRange(minus.range.start, number.range.end)
            if number.kind == .integer {
                guard let v = Int(digits) else { throw Diagnostic(.numberTooLarge(digits), at: range) }
                return .literal(Literal(.integer(v), range))
            }
            guard let v = Double(digits), v.isFinite else { throw Diagnostic(.invalidNumber(digits), at: range) }
            return .literal(Literal(.decimal(v), range))
        }
        if !Parser.startsExpression(next.kind) {
            // `x = -`: no value after the sign; most likely the text "-".
            if next.kind == .endOfInput { failedAtEnd = true }
            throw Diagnostic(.invalidNumber("-"), at: current.range, help: "put text in quotes: \"-\"")
        }
        let minus = advance()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw Diagnostic(.nestingTooDeep(limit: Parser.maximumDepth), at: minus.range, help: "remove the redundant '-' signs")
        }
        valueSide = nil
        return .negate(try parseFactor(after: "'-'"), minus.range)
    }

    /// primary ::= "(" condition ")" | call | literal | path
    ///
    /// Right of a comparison, a lone word that names no field is text
    /// (`status = active`): the checker decides, as it knows the fields.
    mutating func parsePrimary(after context: String) throws(Diagnostic) -> ValueExpression {
        let valuePath = valueSide
        valueSide = nil
        if let valuePath { expecting(.value(collection: collectionName, path: valuePath)) } else { expecting(.function) }
        if current.kind == .leftParen {
            let open = advance()
            openParentheses += 1
            let inner = try parseCondition(after: "'('")
            let close = try closeParenthesis(open, expecting: "')' to close the '(' at column \(columnOf(open))", after: nil)
            if case let .truthy(e) = inner { return e }
            return .condition(inner, SourceRange(open.range.start, close.range.end))
        }
        if current.kind == .word, next.kind == .leftParen, !next.followsNewline {
            return try parseCall()
        }
        switch current.kind {
        case .string, .integer, .decimal, .date, .parameter:
            return .literal(try parseValue(for: valuePath ?? [], after: context))
        case .word where (isWord("true") || isWord("false") || isWord("null")) && next.kind != .dot:
            return .literal(try parseValue(for: valuePath ?? [], after: context))
        case .star:
            throw foreignSyntax()!
        case .word:
            if valuePath != nil, next.kind != .dot { return .path(try parsePath(after: context, registering: false)) }
            return .path(try parsePath(after: context))
        default:
            if valuePath != nil {
                throw fail("a value", after: context, help: "text with spaces goes in quotes, as in \"Vladimir Putin\"")
            }
            return .path(try parsePath(after: context))
        }
    }

    /// Whether a token of this kind can start an expression.
    static func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .word, .string, .integer, .decimal, .date, .parameter, .leftParen, .minus: true
        default: false
        }
    }

    /// call ::= function_name "(" ( "distinct"? expression ( "," expression )* )? ")"
    /// function_name ::= "count" | "min" | "max" | "sum" | "avg"
    ///                 | "lower" | "upper" | "length" | "trim" | "year" | "month" | "day"
    ///                 | "abs" | "round" | "coalesce"
    ///
    /// A call is a word directly followed by "(" on the same line; another
    /// word there is an unknown function (with a "did you mean"), not a field.
    mutating func parseCall() throws(Diagnostic) -> ValueExpression {
        let nameToken = advance()
        let name = folded(nameToken)
        guard FunctionCatalog.names.contains(name) else {
            let guess = Suggestion.closest(to: name, in: FunctionCatalog.names)
            throw Diagnostic(.unknownAggregate(text(nameToken)), at: nameToken.range,
                             help: (guess.map(Hint.didYouMean) ?? .aggregateFunctions).text)
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw Diagnostic(.nestingTooDeep(limit: Parser.maximumDepth), at: nameToken.range, help: "split the expression")
        }
        let open = advance()
        openParentheses += 1
        // Inside count( a back-reference may stand: completion offers the collections that point here.
        let outerCount = inCountArgument
        inCountArgument = name == "count"
        defer { inCountArgument = outerCount }
        var arguments: [ValueExpression] = []
        var distinct = false
        if current.kind != .rightParen {
            if current.kind == .star, name == "count" { throw countStarHint() }
            expecting(.keyword("distinct"))
            // `distinct` then a value is the keyword; `distinct)`, `distinct.x`, `distinct * 2` are a field so named.
            if isWord("distinct"), Parser.startsExpression(next.kind) {
                advance()
                distinct = true
            }
            repeat {
                if !arguments.isEmpty { advance() }
                arguments.append(try parseExpression(after: arguments.isEmpty ? (distinct ? "'distinct'" : "'\(name)('") : "','"))
            } while current.kind == .comma
        }
        let end = try closeParenthesis(open, expecting: "')'", after: arguments.isEmpty ? "'\(name)('" : "the argument").range.end
        let range = SourceRange(nameToken.range.start, end)
        return .call(Name(text(nameToken), nameToken.range), arguments, distinct: distinct, range)
    }

    /// Whether `(` opens a query rather than a list of values: a word (the
    /// collection) and a clause keyword after it, or `count` and a word.
    /// `(members)` alone stays a list holding the value `members`.
    var subqueryFollows: Bool {
        guard current.kind == .leftParen, next.kind == .word, index + 2 < tokens.count else { return false }
        let third = tokens[index + 2]
        guard third.kind == .word else { return false }
        return Keyword.clauses.contains(folded(third)) || isWord("count", next)
    }

    /// subquery ::= "(" query ")"
    ///
    /// The query inside is read as one on its own (completion offers its
    /// collection's fields), and it is one level of nesting more.
    mutating func parseSubquery() throws(Diagnostic) -> (Query, end: Int) {
        let open = advance()
        openParentheses += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw Diagnostic(.nestingTooDeep(limit: Parser.maximumDepth), at: open.range)
        }
        let outer = collectionName
        let inner = try parseQuery()
        collectionName = outer
        return (inner, try closeParenthesis(open, expecting: "')' to close the query", after: "'\(ASTPrinter().query(inner))'").range.end)
    }

    /// value_list ::= "(" value ( "," value )* ")"
    mutating func parseValueList(for path: [String]) throws(Diagnostic) -> (list: [Literal], end: Int) {
        let open = try expectKind(.leftParen, "'('", after: "'in'")
        openParentheses += 1
        var values: [Literal] = []
        // `in (` ⇥: a value, or the collection a query inside starts with.
        expecting(.collection)
        repeat {
            values.append(try parseValue(for: path, after: values.isEmpty ? "'('" : "','"))
            if values.count == 1, case let .word(w) = values[0].kind { expecting(.subqueryClauses(after: w)) }
            if values.count > Parser.maximumListLength {
                throw Diagnostic(.tooManyTerms(limit: Parser.maximumListLength), at: current.range)
            }
            if current.kind == .comma { advance(); continue }
            break
        } while true
        return (values, try closeParenthesis(open, expecting: "',' or ')'", after: "a value in the list").range.end)
    }

    /// value ::= literal | word
    /// literal ::= string | integer | decimal | date
    ///           | "true" | "false" | "null" | parameter
    mutating func parseValue(for path: [String], after context: String) throws(Diagnostic) -> Literal {
        expecting(.value(collection: collectionName, path: path))
        let t = current
        switch t.kind {
        case .string:
            advance()
            switch lexer.stringValue(t) {
            case let .success(s): return Literal(.text(s), t.range)
            case let .failure(d): throw d
            }
        case .integer:
            advance()
            guard let v = Int(text(t)) else { throw Diagnostic(.numberTooLarge(text(t)), at: t.range) }
            return Literal(.integer(v), t.range)
        case .decimal:
            advance()
            guard let v = Double(text(t)), v.isFinite else { throw Diagnostic(.invalidNumber(text(t)), at: t.range) }
            return Literal(.decimal(v), t.range)
        case .date:
            advance()
            guard let d = CalendarDate(iso: text(t)) else {
                throw Diagnostic(.invalidDate(text(t)), at: t.range, help: "a date is written YYYY-MM-DD, as in 2026-11-11")
            }
            return Literal(.date(d), t.range)
        case .parameter:
            advance()
            return Literal(.parameter(String(text(t).dropFirst())), t.range)
        case .word:
            advance()
            if isWord("true", t) { return Literal(.boolean(true), t.range) }
            if isWord("false", t) { return Literal(.boolean(false), t.range) }
            if isWord("null", t) { return Literal(.null, t.range) }
            return Literal(.word(text(t)), t.range)
        default:
            throw fail("a value", after: context, help: "text with spaces goes in quotes, as in \"Vladimir Putin\"")
        }
    }

    /// path ::= name ( "." name )*
    ///
    /// `registering`: whether a field is what completion offers here (not
    /// right of a comparison, where values are).
    mutating func parsePath(after context: String, registering: Bool = true) throws(Diagnostic) -> Path {
        if registering { expecting(.field(collection: collectionName, path: [])) }
        if registering, inCountArgument { expecting(.backReference(collection: collectionName, path: [])) }
        let first = try expectKind(.word, "a field name", after: context)
        var segments = [Name(text(first), first.range)]
        while current.kind == .dot {
            advance()
            expecting(.field(collection: collectionName, path: segments.map { ValueComparison.fold($0.text) }))
            if registering, inCountArgument { expecting(.backReference(collection: collectionName, path: segments.map { ValueComparison.fold($0.text) })) }
            let t = try expectKind(.word, "a field name", after: "'.'")
            segments.append(Name(text(t), t.range))
            if segments.count > Parser.maximumPathLength {
                throw Diagnostic(.pathTooLong(limit: Parser.maximumPathLength), at: t.range)
            }
        }
        return Path(segments)
    }

    /// group_clause ::= "group" "by" expression ( "," expression )*
    mutating func parseGroupClause() throws(Diagnostic) -> [ValueExpression] {
        advance()
        expecting(.keyword("by"))
        guard isWord("by") else { throw fail("'by'", after: "'group'") }
        advance()
        var keys = [try parseExpression(after: "'group by'")]
        while current.kind == .comma, !newLineEndsStatement {
            advance()
            keys.append(try parseExpression(after: "','"))
        }
        return keys
    }

    /// having_clause ::= "having" condition
    mutating func parseHavingClause() throws(Diagnostic) -> Condition {
        advance()
        return try parseCondition(after: "'having'")
    }

    /// select_clause ::= "select" "distinct"? select_item ( "," select_item )*
    mutating func parseSelectClause() throws(Diagnostic) -> (Bool, [SelectItem]) {
        advance()
        var distinct = false
        expecting(.keyword("distinct"))
        if isWord("distinct"), Parser.startsExpression(next.kind) || next.kind == .star, !next.followsNewline {
            advance()
            distinct = true
        }
        var items = [try parseSelectItem(after: distinct ? "'distinct'" : "'select'")]
        while current.kind == .comma, !newLineEndsStatement {
            advance()
            items.append(try parseSelectItem(after: "','"))
        }
        return (distinct, items)
    }

    /// select_item ::= expression ( "as" name )?
    mutating func parseSelectItem(after context: String) throws(Diagnostic) -> SelectItem {
        if current.kind == .star { throw foreignSyntax()! }
        let column = try parseExpression(after: context)
        expecting(.keyword("as"))
        guard isWord("as"), !newLineEndsStatement else { return SelectItem(column) }
        advance()
        let t = try expectKind(.word, "a column name", after: "'as'")
        return SelectItem(column, alias: Name(text(t), t.range))
    }

    /// order_clause ::= "order" "by" order_key ( "," order_key )*
    /// order_key ::= expression ( "asc" | "desc" )?
    mutating func parseOrderClause() throws(Diagnostic) -> [OrderKey] {
        advance()
        expecting(.keyword("by"))
        guard isWord("by") else { throw fail("'by'", after: "'order'") }
        advance()
        var keys: [OrderKey] = []
        repeat {
            if !keys.isEmpty { advance() }
            let column = try parseExpression(after: keys.isEmpty ? "'order by'" : "','")
            expecting(.keyword("asc"))
            expecting(.keyword("desc"))
            var descending = false
            // `desc` on the next line would start the next statement, not end this key.
            if !newLineEndsStatement {
                if isWord("desc") { advance(); descending = true } else if isWord("asc") { advance() }
            }
            keys.append(OrderKey(column, descending: descending))
        } while current.kind == .comma && !newLineEndsStatement
        return keys
    }

    /// limit_clause ::= "limit" row_count
    /// offset_clause ::= "offset" row_count
    mutating func parseRowCount(_ keyword: String) throws(Diagnostic) -> RowCount {
        advance()
        let t = current
        if t.kind == .minus, next.kind == .integer || next.kind == .decimal, next.range.start == t.range.end {
            throw Diagnostic(.negativeLimit("-" + text(next)), at: SourceRange(t.range.start, next.range.end))
        }
        guard t.kind == .integer else {
            if t.kind == .decimal { throw Diagnostic(.negativeLimit(text(t)), at: t.range) }
            throw fail("a whole number", after: "'\(keyword)'")
        }
        advance()
        let s = text(t)
        if s.hasPrefix("-") { throw Diagnostic(.negativeLimit(s), at: t.range) }
        guard let v = Int(s) else { throw Diagnostic(.limitTooLarge(s), at: t.range) }
        return RowCount(value: v, range: t.range)
    }
}

extension Substring {
    func trimmingBlanks() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
