import TextWidth
/// When a query finds nothing because a compared value occurs nowhere in
/// the data, says so and names the closest value that does:
///
///     0 rows — no person has name 'Vladimir Puttin'; did you mean 'Vladimir Putin'?
public struct EmptyResultAdvisor {
    public let dataset: Dataset
    public let checker: Checker
    /// The values of a field when the records are not in memory (a live
    /// database: a bounded sample); nil for the dataset's own records.
    public var sample: ((_ collection: Int, _ field: Int) -> [Value]?)?

    public init(dataset: Dataset, checker: Checker) {
        self.dataset = dataset
        self.checker = checker
    }

    public func advice(for q: Query) -> String? {
        guard let condition = q.condition, let c = dataset.collectionIndex(named: q.collection.text) else { return nil }
        if let pattern = sqlPattern(condition) {
            // SQL's wildcards: `like 'K%'` finds nothing here, where * and ? are the wildcards.
            let cstoq = String(pattern.map { $0 == "%" ? "*" : $0 == "_" ? "?" : $0 })
            return (q.isCount ? "" : "0 rows — ") + "like uses * and ? as wildcards, not SQL's % and _: like \"\(Printable.escapeControls(cstoq))\""
        }
        let evaluator = Evaluator(dataset: dataset)
        for (path, text) in textComparisons(condition) {
            guard let p = try? checker.resolve(path, in: c), p.type.elementType == .text else { continue }
            // The values equal under '=' once each, in their most frequent spelling.
            var spellings = ValueSpellings()
            if let sample {
                // A live database: a field of the queried table itself, from its first rows.
                guard p.steps.count == 1, let values = sample(c, p.steps[0].field) else { continue }
                for case let .text(s) in values { spellings.add(.text(s)) }
            }
            for row in 0..<(sample == nil ? dataset.collections[c].count : 0) {
                let v = evaluator.reached(p, row: row, collection: c)
                let items: [Value] = if case let .list(xs) = v { xs } else { [v] }
                for case let .text(s) in items where spellings.count < 10_000 || spellings.contains(.text(s)) {
                    spellings.add(.text(s))
                }
            }
            if spellings.contains(.text(text)) { continue }
            let values = spellings.values.compactMap { v -> String? in if case let .text(s) = v { s } else { nil } }
            let record = EmptyResultAdvisor.singular(dataset.collections[c].name)
            // A value pasted by mistake (megabytes of it) is named by its start.
            let named = text.utf8.count > 80 ? String(text.prefix(60)) + "…" : text
            var line = (q.isCount ? "" : "0 rows — ") + "no \(record) has \(p.name) '\(Printable.escapeControls(named))'"
            if let guess = Suggestion.closest(to: text, in: values.sorted()) {
                line += "; " + Hint.didYouMean(Printable.escapeControls(guess)).text
            }
            return line
        }
        return nil
    }

    /// A `like` pattern with SQL's `%` or `_` and none of cstoq's wildcards.
    func sqlPattern(_ c: Condition) -> String? {
        switch c {
        case let .any(items), let .all(items): return items.lazy.compactMap(sqlPattern).first
        case let .not(inner, _): return sqlPattern(inner)
        case let .compare(_, .like, .literal(l), _):
            guard case let .text(s) = l.kind, s.contains("%") || s.contains("_"), !s.contains("*"), !s.contains("?") else { return nil }
            return s
        default: return nil
        }
    }

    /// The `path = text` and `path in (text, …)` tests of a condition.
    func textComparisons(_ c: Condition) -> [(Path, String)] {
        switch c {
        case let .any(items), let .all(items): return items.flatMap(textComparisons)
        case let .not(inner, _): return textComparisons(inner)
        case let .compare(.path(p), .equal, .literal(l), _):
            if case let .text(s) = l.kind { return [(p, s)] }
            return []
        case let .compare(.path(p), .equal, .path(word), _) where word.segments.count == 1:
            // A lone word on the right is text when it names no field (the checker's rule).
            return [(p, word.segments[0].text)]
        case let .isIn(.path(p), values, false, _):
            return values.compactMap { l in
                if case let .word(s) = l.kind { return (p, s) }
                if case let .text(s) = l.kind { return (p, s) }
                return nil
            }
        default: return []
        }
    }

    static func singular(_ name: String) -> String {
        switch name {
        case "people": "person"
        case let n where n.hasSuffix("ies"): String(n.dropLast(3)) + "y"
        case let n where n.hasSuffix("s"): String(n.dropLast())
        default: "record of " + name
        }
    }
}
