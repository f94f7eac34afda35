import TextWidth
/// `.whynot RECORD QUERY`: which part of the condition leaves a record out.
///
///     .whynot Armenia members where status = active and attended = true
///     `status = active` is false: Armenia has status 'frozen'
public struct WhyNot {
    public let dataset: Dataset
    public let checker: Checker

    public init(dataset: Dataset, checker: Checker) {
        self.dataset = dataset
        self.checker = checker
    }

    public func explain(record: String, query: Query) -> Result<String, Diagnostic> {
        let checked: CheckedQuery
        do { checked = try checker.check(query) } catch { return .failure(error) }
        let collection = dataset.collections[checked.collection]
        // The record with that id (one at most: ids are unique by their fold key), else the first so named.
        let folded = ValueComparison.fold(record)
        guard let row = collection.row(withID: record) ?? (0..<collection.count).first(where: {
            ValueComparison.fold(dataset.label(of: RecordRef(collection: checked.collection, row: $0))) == folded
        }) else {
            let names = (0..<collection.count).map { dataset.label(of: RecordRef(collection: checked.collection, row: $0)) }
            let guess = Suggestion.closest(to: record, in: names + collection.ids)
            return .failure(Diagnostic(.unknownRecord(record, collection: collection.name),
                                       help: (guess.map(Hint.didYouMean) ?? .nameRecordByIDOrName).text))
        }
        // Names and values come from the data: control characters in them are shown escaped.
        let label = Printable.escapeControls(dataset.label(of: RecordRef(collection: checked.collection, row: row)))
        guard let condition = query.condition else {
            return .success("\(label) is in the result: the query has no condition")
        }
        let evaluator = Evaluator(dataset: dataset)
        let printer = ASTPrinter()
        func holds(_ c: Condition) -> Bool? {
            guard let cc = try? checker.check(c, in: checked.collection, clause: "where") else { return nil }
            return evaluator.holds(cc, row: row, collection: checked.collection)
        }
        /// What the record has for one side of a test: a field's value, or a computed one.
        func describe(_ e: ValueExpression) -> String {
            guard let x = try? checker.expression(e, in: checked.collection, clause: "where") else { return "" }
            let v: Value
            if let p = x.path {
                v = evaluator.presentable(evaluator.reached(p, row: row, collection: checked.collection))
            } else {
                guard let computed = try? evaluator.value(of: x, row: row, collection: checked.collection) else { return "" }
                v = evaluator.presentable(computed)
            }
            let name = x.path?.name ?? printer.expression(e)
            if v.isNull { return "\(label) has no \(name) (null)" }
            return x.path != nil ? "\(label) has \(name) \(shown(v))" : "for \(label), \(name) is \(shown(v))"
        }
        /// The reasons a condition is not true for the record.
        func reasons(_ c: Condition) -> [String] {
            switch c {
            case let .all(items):
                return items.filter { holds($0) != true }.flatMap(reasons)
            case let .any(items):
                return items.flatMap(reasons)
            case let .not(inner, _):
                return ["`\(printer.condition(c))` is \(holds(c) == nil ? "unknown" : "false"): `\(printer.condition(inner))` is true"]
            case let .compare(p, _, right, _):
                // The right side too, when it is computed for the record.
                let other: String = switch right {
                case .literal: ""
                case let .path(q) where q.segments.count == 1 && dataset.collections[checked.collection].fieldIndex(named: q.segments[0].text) == nil: ""
                default: "; " + describe(right)
                }
                return ["`\(printer.condition(c))` is \(holds(c) == nil ? "unknown" : "false"): \(describe(p))" + other]
            case let .isIn(p, _, _, _), let .inQuery(p, _, _, _), let .isNull(p, _, _):
                return ["`\(printer.condition(c))` is \(holds(c) == nil ? "unknown" : "false"): \(describe(p))"]
            case let .truthy(p):
                return ["`\(printer.condition(c))` is \(holds(c) == nil ? "unknown" : "false"): \(describe(p))"]
            }
        }
        if holds(condition) == true {
            var text = "\(label) meets the condition `\(printer.condition(condition))`"
            if checked.limit != nil || checked.offset > 0 { text += "; if it is not in the result, limit or offset cut it" }
            return .success(text)
        }
        return .success(reasons(condition).joined(separator: "\n"))
    }

    func shown(_ v: Value) -> String {
        switch v {
        case let .text(s): "'\(Printable.escapeControls(s))'"
        case let .list(items): "[" + items.map(shown).joined(separator: ", ") + "]"
        default: ValueText.plain(v)
        }
    }
}
