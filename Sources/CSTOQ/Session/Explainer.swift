import TextWidth

/// `explain`: how cstoq reads and runs a query, for teaching — the tokens the
/// scanner made, the tree the parser built, and the steps the evaluator will
/// take. `explain trace` runs it and shows the rows left after each clause.
public struct Explainer {
    public let dataset: Dataset

    public init(dataset: Dataset) {
        self.dataset = dataset
    }

    public func explain(_ q: Query, checked: CheckedQuery, source: SourceText, range: SourceRange) -> String {
        // Tokens of the query itself (after `explain`).
        let text = source.text(q.range)
        let lexer = Lexer(text)
        let tokens = lexer.tokenize().dropLast()
        var out = ["tokens:"]
        var line = " "
        for t in tokens {
            let item = " \(Explainer.name(of: t.kind)) \(Printable.escapeControls(lexer.text(t)))"
            if line.count + item.count + 1 > 78 {
                out.append(line)
                line = " "
            }
            line += item + " ·"
        }
        if line != " " { out.append(String(line.dropLast(2))) }
        out.append("")
        out.append("tree:")
        // Literals in the tree are quoted with escapes already; names of
        // collections and fields come from the data and are escaped here.
        out.append(contentsOf: ASTPrinter().tree(q).split(separator: "\n").map { "  " + Printable.escapeControls(String($0)) })
        out.append("")
        out.append("plan:")
        out.append(contentsOf: plan(checked).enumerated().map { "  \($0 + 1). \(Printable.escapeControls($1))" })
        return out.joined(separator: "\n")
    }

    static func name(of kind: TokenKind) -> String {
        switch kind {
        case .word: "word"
        case .string: "string"
        case .integer: "integer"
        case .decimal: "decimal"
        case .date: "date"
        case .parameter: "parameter"
        case .dotCommand: "command"
        default: "symbol"
        }
    }

    /// The evaluation steps in words.
    public func plan(_ q: CheckedQuery) -> [String] {
        let c = dataset.collections[q.collection]
        let printer = ASTPrinter()
        var steps = ["scan \(c.name): \(c.count) records"]
        if let condition = q.source.condition {
            steps.append("keep the records where \(printer.condition(condition))" + (mentionsText(condition) ? " (text compared ignoring case)" : ""))
        }
        if !q.groupBy.isEmpty {
            steps.append("group them by " + q.source.groupBy.map(printer.expression).joined(separator: ", ") + ", one row per group")
        } else if q.aggregates {
            steps.append("combine all of them into one row")
        }
        if let having = q.source.having {
            steps.append("keep the groups where \(printer.condition(having))")
        }
        let columns = q.columns.map(\.name).joined(separator: ", ")
        steps.append((q.distinct ? "take the distinct rows of " : q.columns.count == 1 ? "show the column " : "show the columns ") + columns)
        if !q.orderBy.isEmpty {
            let keys = q.source.orderBy.map(printer.orderKey).joined(separator: ", ")
            steps.append(q.limit != nil ? "keep the first \(q.limit! + q.offset) in order of \(keys) (a one-pass top-k, no full sort)" : "sort by \(keys)")
        }
        if q.offset > 0 { steps.append("skip the first \(q.offset) rows") }
        if let limit = q.limit { steps.append("stop after \(limit) rows") }
        if q.isCount { steps.append("count the rows") }
        let divisions = Explainer.divisions(in: q.source)
        if !divisions.isEmpty {
            steps.append("note: " + divisions.map { "\(printer.expression($0.0)) / \(printer.expression($0.1)) is null where \(printer.expression($0.1)) is 0" }
                .joined(separator: "; ") + " (as in SQLite)")
        }
        return steps
    }

    /// Every division written in a query, as (dividend, divisor).
    static func divisions(in q: Query) -> [(ValueExpression, ValueExpression)] {
        var out: [(ValueExpression, ValueExpression)] = []
        func walk(_ e: ValueExpression) {
            switch e {
            case .path, .literal: break
            case let .negate(x, _): walk(x)
            case let .arithmetic(op, a, b):
                walk(a)
                walk(b)
                if op == .divide { out.append((a, b)) }
            case let .call(_, args, _, _): args.forEach(walk)
            case let .condition(c, _): walk(c)
            }
        }
        func walk(_ c: Condition) {
            switch c {
            case let .any(items), let .all(items): items.forEach(walk)
            case let .not(inner, _): walk(inner)
            case let .compare(a, _, b, _): walk(a); walk(b)
            case let .isIn(e, _, _, _), let .isNull(e, _, _), let .truthy(e): walk(e)
            case let .inQuery(e, inner, _, _):
                walk(e)
                inner.condition.map(walk)
            }
        }
        q.condition.map(walk)
        q.groupBy.forEach(walk)
        q.having.map(walk)
        q.select?.forEach { walk($0.expression) }
        q.orderBy.forEach { walk($0.expression) }
        return out
    }

    func mentionsText(_ c: Condition) -> Bool {
        switch c {
        case let .any(items), let .all(items): items.contains(where: mentionsText)
        case let .not(inner, _): mentionsText(inner)
        case let .compare(_, _, v, _):
            switch v {
            case let .literal(l): if case .text = l.kind { true } else { false }
            case let .path(p): p.segments.count == 1
            default: false
            }
        case let .isIn(_, values, _, _): values.contains { if case .word = $0.kind { true } else if case .text = $0.kind { true } else { false } }
        default: false
        }
    }

    /// `members 6 → where status = active 5 → limit 3 3`, one clause per line.
    public func trace(_ steps: [Evaluator.Step], of q: CheckedQuery) -> String {
        let clauses = self.clauses(steps, of: q)
        let width = min(60, clauses.map { DisplayWidth.of($0.clause) }.max() ?? 0)
        let countWidth = clauses.map { String($0.rows).count }.max() ?? 1
        var lines: [String] = []
        for (i, s) in clauses.enumerated() {
            let arrow = i == 0 ? "  " : "→ "
            lines.append(arrow + DisplayWidth.pad(DisplayWidth.truncate(Printable.escapeControls(s.clause), to: width), to: width)
                         + "  " + DisplayWidth.padLeft(String(s.rows), to: countWidth) + (s.rows == 1 ? " row" : " rows"))
        }
        return lines.joined(separator: "\n")
    }

    /// Each step the evaluator counted, with the clause it ran, as written.
    public func clauses(_ steps: [Evaluator.Step], of q: CheckedQuery) -> [(clause: String, rows: Int)] {
        let printer = ASTPrinter()
        return steps.map { step in
            let clause: String
            switch step.kind {
            case .scan: clause = dataset.collections[q.collection].name
            case .filter: clause = "where " + (q.source.condition.map(printer.condition) ?? "")
            case .group: clause = "group by " + q.source.groupBy.map(printer.expression).joined(separator: ", ")
            case .having: clause = "having " + (q.source.having.map(printer.condition) ?? "")
            case .select: clause = "select " + (q.distinct ? "distinct " : "") + (q.source.select ?? []).map(printer.selectItem).joined(separator: ", ")
            case .order: clause = "order by " + q.source.orderBy.map(printer.orderKey).joined(separator: ", ")
            case .offset: clause = "offset \(q.offset)"
            case .limit: clause = "limit \(q.limit ?? 0)"
            case .count: clause = "count"
            }
            return (clause, step.rows)
        }
    }
}
