import TextWidth
/// Prints a syntax tree two ways: back as canonical cstoq source (one line but
/// for the case `query(_:)` notes, keywords lower case; parsing it gives the
/// same tree), and as a tree dump
/// in a stable S-expression form for tests and `explain`.
public struct ASTPrinter: Sendable {
    public init() {}

    // MARK: Canonical source

    public func statement(_ s: Statement) -> String {
        let text = statementText(s)
        // A name may start with U+FEFF (a letter to the grammar), but at the very
        // start of a text it would be read as a byte-order mark and dropped.
        return text.unicodeScalars.first == "\u{FEFF}" ? " " + text : text
    }

    func statementText(_ s: Statement) -> String {
        switch s {
        case let .query(q): query(q)
        case let .describe(n): "describe \(n.text)"
        case let .explain(q, mode, _):
            // `explain trace where …` would trace a collection called `where`;
            // the dialect is always written, so a collection may be called `postgres`.
            switch mode {
            case .plan: "explain " + query(q, ownLine: !q.isCount && ["trace", "sql"].contains(ValueComparison.fold(q.collection.text)))
            case .trace: "explain trace " + query(q)
            case let .sql(d): "explain sql \(d.rawValue) " + query(q)
            }
        case let .dotCommand(name, argument, _): "." + name + (argument.isEmpty ? "" : " " + argument)
        }
    }

    /// One line, except where the parser would read a name as a keyword
    /// because a word follows it on the same line; there the next clause goes
    /// on the next line, which it continues:
    /// - a collection named like a statement keyword (`count`, `describe`,
    ///   `explain`; `trace` after `explain`): `count where a = 1` would count
    ///   a collection called `where`;
    /// - a lone selected field called `distinct`: `select distinct order by a`
    ///   would select the field `order`, distinct.
    public func query(_ q: Query) -> String {
        query(q, ownLine: false)
    }

    func query(_ q: Query, ownLine: Bool) -> String {
        var out = ""
        var breakBefore = false
        func add(_ part: String) {
            if !out.isEmpty { out += breakBefore ? "\n" : " " }
            out += part
            breakBefore = false
        }
        if q.isCount { add("count") }
        add(q.collection.text)
        breakBefore = ownLine || (!q.isCount && Keyword.statementStarters.contains(ValueComparison.fold(q.collection.text)))
        if let c = q.condition { add("where " + condition(c)) }
        if !q.groupBy.isEmpty { add("group by " + q.groupBy.map(expression).joined(separator: ", ")) }
        if let h = q.having { add("having " + condition(h)) }
        if let s = q.select {
            let items = s.enumerated().map { i, item in
                i == 0 && !q.distinct ? guardingDistinct(item.expression) + (item.alias.map { " as \($0.text)" } ?? "") : selectItem(item)
            }
            add("select " + (q.distinct ? "distinct " : "") + items.joined(separator: ", "))
            if !q.distinct, s.count == 1, s[0].alias == nil, let p = s[0].expression.asPath,
               p.segments.count == 1, ValueComparison.fold(p.segments[0].text) == "distinct" {
                breakBefore = true
            }
        }
        if !q.orderBy.isEmpty { add("order by " + q.orderBy.map(orderKey).joined(separator: ", ")) }
        if let l = q.limit { add("limit \(l.value)") }
        if let o = q.offset { add("offset \(o.value)") }
        return out
    }

    public func path(_ p: Path) -> String { p.segments.map(\.text).joined(separator: ".") }

    public func condition(_ c: Condition) -> String { condition(c, parent: 0) }

    /// `parent` is the binding strength around: 0 none, 1 inside `or`, 2 inside `and`, 3 under `not`.
    private func condition(_ c: Condition, parent: Int) -> String {
        switch c {
        case let .any(items):
            let s = items.map { condition($0, parent: 1) }.joined(separator: " or ")
            return parent > 1 ? "(\(s))" : s
        case let .all(items):
            let s = items.map { condition($0, parent: 2) }.joined(separator: " and ")
            return parent > 2 ? "(\(s))" : s
        case let .not(inner, _):
            return "not " + condition(inner, parent: 3)
        case let .compare(l, op, r, _):
            return "\(expression(l)) \(op.rawValue) \(expression(r))"
        case let .isIn(e, values, negated, _):
            return "\(expression(e)) \(negated ? "not in" : "in") (" + values.map(literal).joined(separator: ", ") + ")"
        case let .inQuery(e, q, negated, _):
            return "\(expression(e)) \(negated ? "not in" : "in") (" + query(q) + ")"
        case let .isNull(e, negated, _):
            return "\(expression(e)) is \(negated ? "not null" : "null")"
        case let .truthy(e):
            return expression(e)
        }
    }

    /// A first select item or call argument: a field called `distinct` at its
    /// start goes in parentheses when more follows (`(distinct) - x`), where
    /// the word would be read as the keyword.
    func guardingDistinct(_ e: ValueExpression) -> String {
        var leftmost = e
        while true {
            switch leftmost {
            case let .arithmetic(_, a, _): leftmost = a
            default:
                if case let .path(p) = leftmost, p.segments.count == 1, ValueComparison.fold(p.segments[0].text) == "distinct", leftmost != e {
                    let text = expression(e)
                    // Printed in parentheses already (`(distinct - a) * b`), the word is a field there.
                    guard text.hasPrefix(p.segments[0].text) else { return text }
                    return "(distinct)" + text.dropFirst(p.segments[0].text.count)
                }
                return expression(e)
            }
        }
    }

    /// An expression with only the parentheses its tree needs: `(a + b) * c`, `a - (b - c)`.
    public func expression(_ e: ValueExpression) -> String { expression(e, parent: 0) }

    /// `parent`: the precedence the expression must bind at least as tightly as
    /// (0 anything, 1 `+ -`, 2 `* /`, 3 a factor).
    private func expression(_ e: ValueExpression, parent: Int) -> String {
        switch e {
        case let .path(p): return path(p)
        case let .literal(l): return literal(l)
        case let .negate(inner, _):
            // `-(1)` and `-(-x)`: written `-1` and `--x` they would read back as a number and a comment.
            var wrapped = false
            if case .negate = inner { wrapped = true }
            if case let .literal(l) = inner {
                switch l.kind {
                case .integer, .decimal, .date: wrapped = true
                default: break
                }
            }
            return wrapped ? "-(" + expression(inner) + ")" : "-" + expression(inner, parent: 3)
        case let .arithmetic(op, a, b):
            let text = expression(a, parent: op.precedence) + " \(op.rawValue) " + expression(b, parent: op.precedence + 1)
            return op.precedence < parent ? "(" + text + ")" : text
        case let .call(name, arguments, distinct, _):
            let first = arguments.first.map { distinct ? expression($0) : guardingDistinct($0) }
            return name.text + "(" + (distinct ? "distinct " : "") + ([first].compactMap { $0 } + arguments.dropFirst().map(expression)).joined(separator: ", ") + ")"
        case let .condition(c, _):
            return "(" + condition(c) + ")"
        }
    }

    public func literal(_ l: Literal) -> String {
        switch l.kind {
        case let .text(s): quoted(s)
        case let .word(w): w
        case let .integer(n): String(n)
        case let .decimal(d): decimal(d)
        case let .date(d): d.description
        case let .boolean(b): b ? "true" : "false"
        case .null: "null"
        case let .parameter(name): "$" + name
        }
    }

    /// A decimal the way the lexer reads one: digits, a point, digits. Swift
    /// writes large and small doubles with an exponent (`1e-05`), which is not
    /// cstoq syntax, so the exponent is turned back into a shifted point.
    public func decimal(_ d: Double) -> String {
        let s = String(d)
        guard let e = s.firstIndex(of: "e"), let exponent = Int(s[s.index(after: e)...]) else { return s }
        var mantissa = s[..<e]
        let sign = mantissa.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { mantissa = mantissa.dropFirst() }
        let whole = mantissa.prefix { $0 != "." }
        var digits = String(whole) + mantissa.dropFirst(whole.count + 1)
        var point = whole.count + exponent  // where the point goes among the digits
        if point < 1 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        }
        if digits.count <= point { digits += String(repeating: "0", count: point - digits.count + 1) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }

    /// `s` as a string literal in `quote` (`"` or `'`) that reads back as `s`.
    public func quoted(_ s: String, in quote: Unicode.Scalar = "\"") -> String {
        var out = String(quote)
        for ch in s.unicodeScalars {
            switch ch {
            case quote: out += "\\" + String(quote)
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // What a terminal must not get raw (C1 controls, bidi and
                // invisible characters) is written as an escape the lexer reads back.
                if Printable.isEscaped(ch) { out += "\\u{\(String(ch.value, radix: 16))}" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + String(quote)
    }

    public func selectItem(_ i: SelectItem) -> String {
        expression(i.expression) + (i.alias.map { " as \($0.text)" } ?? "")
    }

    public func orderKey(_ k: OrderKey) -> String {
        expression(k.expression) + (k.descending ? " desc" : "")
    }

    // MARK: Tree dump

    /// The tree in S-expressions, one clause per line:
    ///
    ///     (query members
    ///       (where (and (= status active) (= attended true)))
    ///       (limit 3))
    public func tree(_ s: Statement) -> String {
        switch s {
        case let .query(q): tree(q)
        case let .describe(n): "(describe \(n.text))"
        case let .explain(q, mode, _): "(explain\(ASTPrinter.words(mode))\n  " + tree(q).split(separator: "\n").joined(separator: "\n  ") + ")"
        case let .dotCommand(name, argument, _): "(dot-command \(name)\(argument.isEmpty ? "" : " " + quoted(argument)))"
        }
    }

    public func tree(_ q: Query) -> String {
        var lines = ["(\(q.isCount ? "count" : "query") \(q.collection.text)"]
        if let c = q.condition { lines.append("  (where \(tree(c)))") }
        if !q.groupBy.isEmpty { lines.append("  (group-by " + q.groupBy.map(tree).joined(separator: " ") + ")") }
        if let h = q.having { lines.append("  (having \(tree(h)))") }
        if let s = q.select {
            lines.append("  (select\(q.distinct ? " distinct" : "") " + s.map { i in
                i.alias.map { "(as \(tree(i.expression)) \($0.text))" } ?? tree(i.expression)
            }.joined(separator: " ") + ")")
        }
        if !q.orderBy.isEmpty {
            lines.append("  (order-by " + q.orderBy.map { "(\($0.descending ? "desc" : "asc") \(tree($0.expression)))" }.joined(separator: " ") + ")")
        }
        if let l = q.limit { lines.append("  (limit \(l.value))") }
        if let o = q.offset { lines.append("  (offset \(o.value))") }
        lines[lines.count - 1] += ")"
        return lines.joined(separator: "\n")
    }

    public func tree(_ c: Condition) -> String {
        switch c {
        case let .any(items): "(or " + items.map(tree).joined(separator: " ") + ")"
        case let .all(items): "(and " + items.map(tree).joined(separator: " ") + ")"
        case let .not(inner, _): "(not \(tree(inner)))"
        case let .compare(l, op, r, _): "(\(op.rawValue) \(tree(l)) \(tree(r)))"
        case let .isIn(e, values, negated, _): "(\(negated ? "not-in" : "in") \(tree(e)) " + values.map(treeLiteral).joined(separator: " ") + ")"
        case let .inQuery(e, q, negated, _):
            "(\(negated ? "not-in" : "in") \(tree(e)) " + tree(q).split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ") + ")"
        case let .isNull(e, negated, _): "(\(negated ? "is-not-null" : "is-null") \(tree(e)))"
        case let .truthy(e): "(true? \(tree(e)))"
        }
    }

    /// Expressions in the dump: paths as written, operators first: `(* score 2)`, `(neg x)`, `(lower name)`.
    public func tree(_ e: ValueExpression) -> String {
        switch e {
        case let .path(p): path(p)
        case let .literal(l): treeLiteral(l)
        case let .negate(inner, _): "(neg \(tree(inner)))"
        case let .arithmetic(op, a, b): "(\(op.rawValue) \(tree(a)) \(tree(b)))"
        case let .call(name, arguments, distinct, _):
            "(\(ValueComparison.fold(name.text))" + (distinct ? " distinct" : "") + arguments.map { " " + tree($0) }.joined() + ")"
        case let .condition(c, _): tree(c)
        }
    }

    /// Literals in the dump show their kind: text in quotes, words as `word:x`.
    func treeLiteral(_ l: Literal) -> String {
        switch l.kind {
        case let .word(w): "\(quoted(w))"
        case let .text(s): quoted(s)
        case let .date(d): "date:\(d)"
        case let .decimal(d): "decimal:\(d)"
        default: literal(l)
        }
    }

    /// The words after `explain` in a tree dump: ` trace`, ` sql postgres`.
    static func words(_ mode: ExplainMode) -> String {
        switch mode {
        case .plan: ""
        case .trace: " trace"
        case let .sql(d): " sql " + d.rawValue
        }
    }
}
