/// Resolves a parsed query against a dataset's schema before anything runs:
/// collection and field names (with "did you mean"), paths through
/// references, literal kinds against field types, aggregates against
/// `group by`. What it returns can be evaluated without further checks.
public struct Checker {
    public let dataset: Dataset
    /// Values for `$name` parameters (from `--set name=value`).
    public var parameters: [String: String]

    public init(dataset: Dataset, parameters: [String: String] = [:]) {
        self.dataset = dataset
        self.parameters = parameters
    }

    public func check(_ query: Query) throws(Diagnostic) -> CheckedQuery {
        guard let collection = dataset.collectionIndex(named: query.collection.text) else {
            throw unknownCollection(query.collection)
        }
        let condition = try query.condition.map { c throws(Diagnostic) in try check(c, in: collection) }
        let groupBy = try query.groupBy.map { p throws(Diagnostic) in try resolve(p, in: collection) }
        for p in groupBy where p.type.valueKind == .list && !p.throughList {
            _ = p  // grouping by a list groups by the whole list; allowed
        }
        let hasAggregate = query.select?.contains { if case .aggregate = $0.expression { true } else { false } } ?? false
        let aggregates = !groupBy.isEmpty || hasAggregate
        var columns: [OutputColumn] = []
        if let select = query.select {
            for item in select {
                let expression = try resolve(item.expression, in: collection)
                let name = item.alias.map { ValueComparison.fold($0.text) } ?? columnName(item.expression)
                if aggregates, case let .path(p) = expression, !groupBy.contains(where: { $0.name == p.name }) {
                    if groupBy.isEmpty {
                        throw Diagnostic(.aggregateWithoutGroup("'\(p.name)'"), at: item.expression.range,
                                         help: "add 'group by \(p.name)', or select only totals such as count()")
                    }
                    throw Diagnostic(.fieldNotGrouped(p.name), at: item.expression.range,
                                     help: "group by it too (group by \((groupBy.map(\.name) + [p.name]).joined(separator: ", "))), or take an aggregate such as min(\(p.name))")
                }
                columns.append(OutputColumn(name: name, expression: expression))
            }
        } else if !groupBy.isEmpty {
            columns = groupBy.map { OutputColumn(name: $0.name, expression: .path($0)) }
            columns.append(OutputColumn(name: "count", expression: .aggregate(.count, nil)))
        } else {
            let c = dataset.collections[collection]
            columns = c.displayFields.map { f in
                let p = ResolvedPath(steps: [.init(collection: collection, field: f)], type: c.fields[f].type,
                                     name: c.fields[f].name, throughList: false)
                return OutputColumn(name: p.name, expression: .path(p))
            }
        }
        var orderBy: [(key: SortKey, descending: Bool)] = []
        for key in query.orderBy {
            orderBy.append((try resolveOrderKey(key.expression, columns: columns, groupBy: groupBy, aggregates: aggregates, in: collection),
                            key.descending))
        }
        return CheckedQuery(source: query, collection: collection, condition: condition, groupBy: groupBy,
                            aggregates: aggregates, columns: columns, distinct: query.distinct, orderBy: orderBy,
                            limit: query.limit?.value, offset: query.offset?.value ?? 0, isCount: query.isCount)
    }

    func unknownCollection(_ name: Name) -> Diagnostic {
        let names = dataset.collections.map(\.name)
        let help = Suggestion.closest(to: name.text, in: names).map { "did you mean '\($0)'?" }
            ?? "the collections are: " + names.joined(separator: ", ")
        return Diagnostic(.unknownCollection(name.text), at: name.range, help: help)
    }

    func columnName(_ e: ColumnExpression) -> String {
        switch e {
        case let .path(p): p.dotted
        // count() is named count, like the column of a group by without select.
        case let .aggregate(f, p, _): p == nil ? f.rawValue : "\(f.rawValue)(\(p!.dotted))"
        }
    }

    func resolveOrderKey(_ e: ColumnExpression, columns: [OutputColumn], groupBy: [ResolvedPath], aggregates: Bool, in collection: Int) throws(Diagnostic) -> SortKey {
        // A column alias or a selected column, by name.
        if case let .path(p) = e, p.segments.count == 1,
           let i = columns.firstIndex(where: { $0.name == ValueComparison.fold(p.segments[0].text) }) {
            return .column(i)
        }
        let expression = try resolve(e, in: collection)
        if let i = columns.firstIndex(where: { $0.expression == expression }) { return .column(i) }
        if aggregates, case let .path(p) = expression, !groupBy.contains(where: { $0.name == p.name }) {
            throw Diagnostic(.unknownOrderKey(p.name), at: e.range,
                             help: "order a grouped result by a grouped field or an aggregate such as count()")
        }
        return .hidden(expression)
    }

    func resolve(_ e: ColumnExpression, in collection: Int) throws(Diagnostic) -> OutputExpression {
        switch e {
        case let .path(p):
            return .path(try resolve(p, in: collection))
        case let .aggregate(function, argument, _):
            guard let argument else { return .aggregate(function, nil) }
            let p = try resolve(argument, in: collection)
            switch function {
            case .sum, .avg:
                guard [.integer, .decimal].contains(p.type.valueKind) else {
                    throw Diagnostic(.aggregateNeedsNumber(function: function.rawValue, field: p.name, kind: p.type.description),
                                     at: argument.range)
                }
            case .min, .max:
                guard ![.list, .boolean].contains(p.type.valueKind) else {
                    throw Diagnostic(.aggregateNeedsOrder(function: function.rawValue, field: p.name, kind: p.type.description),
                                     at: argument.range, help: "min and max work on text, numbers and dates")
                }
            case .count: break
            }
            return .aggregate(function, p)
        }
    }

    /// Follows a path through references; a misspelt field gets a "did you mean".
    public func resolve(_ path: Path, in collection: Int) throws(Diagnostic) -> ResolvedPath {
        var steps: [ResolvedPath.Step] = []
        var current = collection
        var throughList = false
        var type = FieldType.text
        for (i, segment) in path.segments.enumerated() {
            let c = dataset.collections[current]
            guard let f = c.fieldIndex(named: segment.text) else {
                let help = Suggestion.closest(to: segment.text, in: c.fields.map(\.name)).map { "did you mean '\($0)'?" }
                    ?? "the fields of \(c.name) are: " + c.fields.map(\.name).joined(separator: ", ")
                throw Diagnostic(.unknownField(segment.text, collection: c.name), at: segment.range, help: help)
            }
            steps.append(.init(collection: current, field: f))
            type = c.fields[f].type
            if i < path.segments.count - 1 {
                guard case let .reference(target) = type.elementType, let t = dataset.collectionIndex(named: target) else {
                    throw Diagnostic(.notAReference(field: c.fields[f].name, collection: c.name), at: path.segments[i + 1].range,
                                     help: "only references (such as leader or speaker) lead to other records")
                }
                if case .list = type { throughList = true }
                current = t
            }
        }
        if throughList, case .list = type {} else if throughList { type = .list(type) }
        return ResolvedPath(steps: steps, type: type, name: path.dotted, throughList: throughList)
    }

    // MARK: Conditions

    func check(_ c: Condition, in collection: Int) throws(Diagnostic) -> CheckedCondition {
        switch c {
        case let .any(items):
            var out: [CheckedCondition] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try check(item, in: collection)) }
            return .any(out)
        case let .all(items):
            var out: [CheckedCondition] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try check(item, in: collection)) }
            return .all(out)
        case let .not(inner, _):
            return .not(try check(inner, in: collection))
        case let .truthy(path):
            let p = try resolve(path, in: collection)
            guard p.type.elementType == .boolean else {
                throw Diagnostic(.expected("a comparison", after: "'\(p.name)'", found: "nothing"), at: path.range,
                                 help: "\(p.name) is \(p.type); compare it, as in \(p.name) = …, or test it with 'is null'")
            }
            return .truthy(p)
        case let .isNull(path, negated, _):
            return .isNull(try resolve(path, in: collection), negated: negated)
        case let .compare(path, op, literal, _):
            let p = try resolve(path, in: collection)
            if op == .like || op == .contains, ![.text, .reference].contains(p.type.elementType.valueKind) {
                throw needsText(op.rawValue, p, literal)
            }
            let value = try typedValue(literal, for: p, op: op.rawValue)
            switch op {
            case .like:
                guard case let .text(pattern) = value else { throw needsText(op.rawValue, p, literal) }
                guard [.text, .reference].contains(p.type.elementType.valueKind) else { throw needsText(op.rawValue, p, literal) }
                return .like(p, GlobPattern(pattern))
            case .contains:
                guard case .text = value, [.text, .reference].contains(p.type.elementType.valueKind) else { throw needsText(op.rawValue, p, literal) }
                return .compare(p, op, value)
            case .equal, .notEqual:
                return .compare(p, op, value)
            default:
                guard ![.boolean, .reference].contains(p.type.elementType.valueKind) else {
                    throw Diagnostic(.incomparable(field: p.name, fieldKind: p.type.description, op: op.rawValue, valueKind: literalKind(literal)),
                                     at: literal.range, help: "\(p.name) can only be compared with = and !=")
                }
                return .compare(p, op, value)
            }
        case let .isIn(path, literals, negated, _):
            let p = try resolve(path, in: collection)
            var values: [Value] = []
            values.reserveCapacity(literals.count)
            for l in literals { values.append(try typedValue(l, for: p, op: "in", findingRecords: false)) }
            if case let .reference(name) = p.type.elementType, let t = dataset.collectionIndex(named: name) {
                values = records(named: values, in: t)
            }
            return .matchesAny(p, values, negated: negated)
        }
    }

    func needsText(_ op: String, _ p: ResolvedPath, _ literal: Literal) -> Diagnostic {
        Diagnostic(.operatorNeedsText(op: op, field: p.name, fieldKind: p.type.description), at: literal.range,
                   help: "use = or a range comparison for \(p.type.elementType.valueKind.rawValue) values")
    }

    func literalKind(_ l: Literal) -> String {
        switch l.kind {
        case .text, .word: "text"
        case .integer: "integer"
        case .decimal: "decimal"
        case .date: "date"
        case .boolean: "boolean"
        case .null: "null"
        case .parameter: "parameter"
        }
    }

    /// The literal as a value of the field's kind, or a diagnostic saying why it can't be.
    /// `findingRecords`: whether text for a reference becomes the records it
    /// names (`records(named:in:)`), which `in` does for all its texts at once.
    func typedValue(_ literal: Literal, for p: ResolvedPath, op: String, findingRecords: Bool = true) throws(Diagnostic) -> Value {
        var kind = literal.kind
        if case let .parameter(name) = kind {
            guard let text = parameters[name] else {
                throw Diagnostic(.missingParameter(name), at: literal.range, help: "give it a value: --set \(name)=…")
            }
            kind = Checker.parameterLiteral(text)
        }
        let target = p.type.elementType
        func incomparable(_ found: String) -> Diagnostic {
            var help: String?
            if target == .text { help = "put the value in quotes to compare it as text: \(p.name) \(op) \"…\"" }
            return Diagnostic(.incomparable(field: p.name, fieldKind: p.type.description, op: op, valueKind: found),
                              at: literal.range, help: help)
        }
        switch (kind, target) {
        case (.null, _):
            throw Diagnostic(.incomparable(field: p.name, fieldKind: p.type.description, op: op, valueKind: "null"),
                             at: literal.range, help: "test for a missing value with: \(p.name) is null")
        case let (.text(s), .text), let (.word(s), .text):
            return .text(s)
        case let (.text(s), .reference(targetName)), let (.word(s), .reference(targetName)):
            // A reference matches by the id or the name (or title) of the record it points to.
            if findingRecords, ["=", "!="].contains(op), let t = dataset.collectionIndex(named: targetName) {
                return records(named: [.text(s)], in: t)[0]
            }
            return .text(s)
        case let (.text(s), .date), let (.word(s), .date):
            if let d = CalendarDate(iso: s) { return .date(d) }
            throw incomparable("text")
        case let (.integer(n), .integer): return .integer(n)
        case let (.integer(n), .decimal): return .decimal(Double(n))
        case let (.decimal(d), .decimal): return .decimal(d)
        case let (.decimal(d), .integer): return .decimal(d)
        case let (.date(d), .date): return .date(d)
        case let (.boolean(b), .boolean): return .boolean(b)
        case (.text, _), (.word, _): throw incomparable("text")
        case (.integer, _): throw incomparable("integer")
        case (.decimal, _): throw incomparable("decimal")
        case (.date, _): throw incomparable("date")
        case (.boolean, _): throw incomparable("boolean")
        case (.parameter, _): throw incomparable("parameter")
        }
    }

    /// Each text as the records of collection `t` it names: those whose id
    /// or label (name, else title) has its key, then the text itself, as
    /// `.list([references…, text])`. One pass over the records for all the
    /// texts, each record's id and label folded once: `in` with many names
    /// costs the records plus the names, not their product.
    func records(named texts: [Value], in t: Int) -> [Value] {
        var wanted: [String: [Int]] = [:]
        for (i, v) in texts.enumerated() {
            if case let .text(s) = v { wanted[ValueComparison.fold(s), default: []].append(i) }
        }
        var found = [[Value]](repeating: [], count: texts.count)
        let c = dataset.collections[t]
        for row in 0..<c.count where !wanted.isEmpty {
            let ref = RecordRef(collection: t, row: row)
            let id = ValueComparison.fold(c.ids[row]), label = ValueComparison.fold(dataset.label(of: ref))
            for i in wanted[id] ?? [] { found[i].append(.reference(ref)) }
            if label != id { for i in wanted[label] ?? [] { found[i].append(.reference(ref)) } }
        }
        return texts.enumerated().map { i, v in
            if case .text = v { .list(found[i] + [v]) } else { v }
        }
    }

    /// A `--set` value read as the literal it looks like: a number, a date,
    /// true/false, else text.
    public static func parameterLiteral(_ text: String) -> Literal.Kind {
        let tokens = Lexer(text).tokenize()
        if tokens.count == 2 {
            let t = tokens[0]
            switch t.kind {
            case .integer: if let v = Int(text) { return .integer(v) }
            case .decimal: if let v = Double(text) { return .decimal(v) }
            case .date: if let d = CalendarDate(iso: text) { return .date(d) }
            case .word:
                if ValueComparison.fold(text) == "true" { return .boolean(true) }
                if ValueComparison.fold(text) == "false" { return .boolean(false) }
            default: break
            }
        }
        return .text(text)
    }
}
