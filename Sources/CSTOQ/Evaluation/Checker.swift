/// Resolves a parsed query against a dataset's schema before anything runs:
/// collection and field names (with "did you mean"), paths through
/// references, literal kinds against field types, aggregates against
/// `group by`. What it returns can be evaluated without further checks.
public struct Checker {
    public let dataset: Dataset
    /// Values for `$name` parameters (from `--set name=value`).
    public var parameters: [String: String]
    /// Polled by the queries inside `in (…)`, which run while the outer one is checked.
    public var isCancelled: @Sendable () -> Bool = { false }

    public init(dataset: Dataset, parameters: [String: String] = [:]) {
        self.dataset = dataset
        self.parameters = parameters
    }

    public func check(_ query: Query) throws(Diagnostic) -> CheckedQuery {
        guard let collection = dataset.collectionIndex(named: query.collection.text) else {
            throw unknownCollection(query.collection)
        }
        let condition = try query.condition.map { c throws(Diagnostic) in try check(c, in: collection, clause: "where") }
        var groupBy: [CheckedExpression] = []
        for key in query.groupBy { groupBy.append(try expression(key, in: collection, clause: "group by")) }
        let hasAggregate = query.select?.contains { callsAggregate($0.expression, in: collection) } ?? false
        let aggregates = !groupBy.isEmpty || hasAggregate
        var columns: [OutputColumn] = []
        if let select = query.select {
            for item in select {
                let expression = try expression(item.expression, in: collection, clause: aggregates ? nil : "select")
                let name = item.alias.map { ValueComparison.fold($0.text) } ?? columnName(item.expression)
                if aggregates { try requireGrouped(expression, item.expression, groupBy: groupBy) }
                columns.append(OutputColumn(name: name, expression: expression))
            }
        } else if !groupBy.isEmpty {
            columns = zip(query.groupBy, groupBy).map { OutputColumn(name: columnName($0.0), expression: $0.1) }
            columns.append(OutputColumn(name: "count", expression: .aggregate(.count, nil, distinct: false)))
        } else {
            let c = dataset.collections[collection]
            columns = c.displayFields.map { f in
                let p = ResolvedPath(steps: [.init(collection: collection, field: f)], type: c.fields[f].type,
                                     name: c.fields[f].name, throughList: false)
                return OutputColumn(name: p.name, expression: .path(p))
            }
        }
        var having: CheckedCondition?
        if let h = query.having {
            guard !groupBy.isEmpty else {
                throw Diagnostic(.havingWithoutGroup, at: SourceRange(h.range.start, h.range.end),
                                 help: "test each row with 'where', or add 'group by' before 'having'")
            }
            having = try check(h, in: collection, clause: nil, groupBy: groupBy)
        }
        var orderBy: [(key: SortKey, descending: Bool)] = []
        for key in query.orderBy {
            orderBy.append((try resolveOrderKey(key.expression, columns: columns, groupBy: groupBy, aggregates: aggregates, in: collection),
                            key.descending))
        }
        return CheckedQuery(source: query, collection: collection, condition: condition, groupBy: groupBy, having: having,
                            aggregates: aggregates, columns: columns, distinct: query.distinct, orderBy: orderBy,
                            limit: query.limit?.value, offset: query.offset?.value ?? 0, isCount: query.isCount)
    }

    func unknownCollection(_ name: Name) -> Diagnostic {
        let names = dataset.collections.map(\.name)
        // Words other shells know (the REPL leaves on `exit` and `quit`, and `help` runs .help).
        switch ValueComparison.fold(name.text) {
        case "exit", "quit":
            return Diagnostic(.unknownCollection(name.text), at: name.range, help: ".quit (or Ctrl-D) leaves cstoq")
        case "help":
            return Diagnostic(.unknownCollection(name.text), at: name.range, help: ".help lists the commands and topics")
        default: break
        }
        let help = Suggestion.closest(to: name.text, in: names).map { "did you mean '\($0)'?" }
            ?? "the collections are: " + names.joined(separator: ", ")
        return Diagnostic(.unknownCollection(name.text), at: name.range, help: help)
    }

    /// Whether an expression calls an aggregate function (count, min, …) anywhere.
    /// `count(statements)`, a back-reference, is a value of each record, not a total.
    func callsAggregate(_ e: ValueExpression, in collection: Int) -> Bool {
        switch e {
        case .path, .literal, .condition: return false
        case let .negate(inner, _): return callsAggregate(inner, in: collection)
        case let .arithmetic(_, a, b): return callsAggregate(a, in: collection) || callsAggregate(b, in: collection)
        case let .call(name, args, _, _):
            let f = AggregateFunction(rawValue: ValueComparison.fold(name.text))
            if f == .count, args.count == 1, let p = args[0].asPath, isBackReference(p, in: collection) { return false }
            return f != nil || args.contains { callsAggregate($0, in: collection) }
        }
    }

    /// Whether a path's first name is another collection's rather than a field here.
    func isBackReference(_ p: Path, in collection: Int) -> Bool {
        guard let first = p.segments.first else { return false }
        return dataset.collections[collection].fieldIndex(named: first.text) == nil && dataset.collectionIndex(named: first.text) != nil
    }

    /// A column's name: the expression as written, names lower-cased (`leader.name`,
    /// `count`, `min(date)`, `length(name)`, `score * 2`).
    func columnName(_ e: ValueExpression) -> String {
        switch e {
        // count() is named count, like the column of a group by without select.
        case let .call(name, args, false, _) where args.isEmpty: return ValueComparison.fold(name.text)
        default: return ASTPrinter().expression(Checker.foldingNames(e))
        }
    }

    static func foldingNames(_ e: ValueExpression) -> ValueExpression {
        switch e {
        case let .path(p): .path(Path(p.segments.map { Name(ValueComparison.fold($0.text), $0.range) }))
        case .literal, .condition: e
        case let .negate(inner, r): .negate(foldingNames(inner), r)
        case let .arithmetic(op, a, b): .arithmetic(op, foldingNames(a), foldingNames(b))
        case let .call(name, args, distinct, r):
            .call(Name(ValueComparison.fold(name.text), name.range), args.map(foldingNames), distinct: distinct, r)
        }
    }

    /// In a grouped query every value shown, tested or sorted is a group's:
    /// a grouped expression, an aggregate, or made of them.
    func requireGrouped(_ e: CheckedExpression, _ written: ValueExpression, groupBy: [CheckedExpression]) throws(Diagnostic) {
        if groupBy.contains(e) { return }
        switch e {
        case .constant, .aggregate: return
        case .path, .backCount:
            let shown: String = if case let .path(p) = e { p.name } else { ASTPrinter().expression(written) }
            if groupBy.isEmpty {
                throw Diagnostic(.aggregateWithoutGroup("'\(shown)'"), at: written.range,
                                 help: "add 'group by \(shown)', or select only totals such as count()")
            }
            let keys = groupBy.map { k in k.path?.name ?? "…" }
            throw Diagnostic(.fieldNotGrouped(shown), at: written.range,
                             help: "group by it too (group by \((keys + [shown]).joined(separator: ", "))), or take an aggregate such as min(\(shown))")
        case let .negate(inner, _): try requireGrouped(inner, Checker.part(written, 0), groupBy: groupBy)
        case let .arithmetic(_, a, b, _):
            try requireGrouped(a, Checker.part(written, 0), groupBy: groupBy)
            try requireGrouped(b, Checker.part(written, 1), groupBy: groupBy)
        case let .function(_, args, _):
            for (i, a) in args.enumerated() { try requireGrouped(a, Checker.part(written, i), groupBy: groupBy) }
        }
    }

    /// The n-th operand of a written expression (for the caret of a message about it).
    static func part(_ e: ValueExpression, _ n: Int) -> ValueExpression {
        switch e {
        case let .negate(inner, _): inner
        case let .arithmetic(_, a, b): n == 0 ? a : b
        case let .call(_, args, _, _): n < args.count ? args[n] : e
        default: e
        }
    }

    func resolveOrderKey(_ e: ValueExpression, columns: [OutputColumn], groupBy: [CheckedExpression], aggregates: Bool, in collection: Int) throws(Diagnostic) -> SortKey {
        // A column alias or a selected column, by name.
        if let p = e.asPath, p.segments.count == 1,
           let i = columns.firstIndex(where: { $0.name == ValueComparison.fold(p.segments[0].text) }) {
            return .column(i)
        }
        let expression = try expression(e, in: collection, clause: aggregates ? nil : "order by")
        if let i = columns.firstIndex(where: { $0.expression == expression }) { return .column(i) }
        if aggregates {
            do {
                try requireGrouped(expression, e, groupBy: groupBy)
            } catch {
                let shown = expression.path?.name ?? ASTPrinter().expression(e)
                throw Diagnostic(.unknownOrderKey(shown), at: e.range,
                                 help: "order a grouped result by a grouped field or an aggregate such as count()")
            }
        }
        return .hidden(expression)
    }

    // MARK: Expressions

    /// A written expression, typed. `clause`: where aggregates are not
    /// allowed, the clause it is in (for the message); nil where they are.
    /// `textFallback`: a lone word that names no field is text (right of a comparison).
    func expression(_ e: ValueExpression, in collection: Int, clause: String?, textFallback: Bool = false) throws(Diagnostic) -> CheckedExpression {
        switch e {
        case let .path(p):
            if textFallback, p.segments.count == 1, dataset.collections[collection].fieldIndex(named: p.segments[0].text) == nil {
                return .constant(.text(p.segments[0].text))
            }
            return .path(try resolve(p, in: collection))
        case let .literal(l):
            return .constant(try constant(l))
        case let .condition(_, r):
            throw Diagnostic(.conditionAsValue, at: r, help: "compare values with =, <, … inside 'where' or 'having'")
        case let .negate(inner, _):
            let x = try expression(inner, in: collection, clause: clause)
            guard [.integer, .decimal, .null].contains(x.kind) else {
                throw Diagnostic(.negateNeedsNumber(operand: ASTPrinter().expression(inner), kind: kindName(x)), at: e.range)
            }
            if case let .constant(.integer(n)) = x, n != .min { return .constant(.integer(-n)) }
            if case let .constant(.decimal(d)) = x { return .constant(.decimal(-d)) }
            return .negate(x, Written(e.range))
        case let .arithmetic(op, a, b):
            let x = try expression(a, in: collection, clause: clause), y = try expression(b, in: collection, clause: clause)
            let ok: Bool = switch (x.kind, y.kind) {
            case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal): true
            case (.date, .date): op == .subtract
            case (.date, .integer): op == .add || op == .subtract
            case (.integer, .date): op == .add
            case (.null, let k), (let k, .null): [.integer, .decimal, .date, .null].contains(k)
            default: false
            }
            guard ok else {
                var help: String?
                if x.kind == .date || y.kind == .date {
                    help = "dates subtract to days (date - 2025-01-01) and take days added or subtracted (date + 7)"
                } else if x.kind == .text || y.kind == .text {
                    help = "arithmetic works on numbers; text with a '-' in it is one word (score-1): put spaces around the operator"
                }
                throw Diagnostic(.arithmeticKinds(op: op.rawValue, left: ASTPrinter().expression(a), leftKind: kindName(x),
                                                  right: ASTPrinter().expression(b), rightKind: kindName(y)),
                                 at: SourceRange(a.range.start, b.range.end), help: help)
            }
            return .arithmetic(op, x, y, Written(e.range))
        case let .call(name, arguments, distinct, range):
            let folded = ValueComparison.fold(name.text)
            if let f = AggregateFunction(rawValue: folded) {
                return try aggregate(f, name: name, arguments, distinct: distinct, range: range, in: collection, clause: clause)
            }
            guard let f = ScalarFunction(rawValue: folded) else {
                throw Diagnostic(.unknownAggregate(name.text), at: name.range, help: Hint.aggregateFunctions.text)
            }
            if distinct {
                throw Diagnostic(.expected("a value", after: "'\(folded)('", found: "'distinct'"), at: name.range,
                                 help: "only count() takes distinct: count(distinct x)")
            }
            var args: [CheckedExpression] = []
            for a in arguments { args.append(try expression(a, in: collection, clause: clause)) }
            try checkArguments(f, args, arguments, range: range)
            return .function(f, args, Written(range))
        }
    }

    func aggregate(_ f: AggregateFunction, name: Name, _ arguments: [ValueExpression], distinct: Bool, range: SourceRange,
                   in collection: Int, clause: String?) throws(Diagnostic) -> CheckedExpression {
        let shown = ASTPrinter().expression(.call(name, arguments, distinct: distinct, range))
        // count(statements): another collection's records that point here, a value of each record.
        if f == .count, arguments.count == 1, let p = arguments[0].asPath, let back = try backReference(p, to: collection) {
            return .backCount(back)
        }
        if let clause {
            if clause == "where" {
                throw Diagnostic(.aggregateInCondition(shown), at: range,
                                 help: "test totals of groups with 'having' after 'group by': … group by x having \(shown) > 1")
            }
            if clause == "aggregate" {
                throw Diagnostic(.aggregateInsideAggregate(shown), at: range, help: "take the total of the values themselves")
            }
            if clause == "group by" {
                throw Diagnostic(.aggregateInsideAggregate(shown), at: range, help: "group by values of the records, then count in select")
            }
        }
        guard arguments.count <= 1 else {
            throw Diagnostic(.functionArgumentCount(function: f.rawValue, expected: "one value", found: arguments.count), at: range)
        }
        guard let written = arguments.first else {
            guard f == .count else { throw Diagnostic(.aggregateNeedsField(f.rawValue), at: range) }
            return .aggregate(f, nil, distinct: false)
        }
        let arg = try expression(written, in: collection, clause: "aggregate")
        let argName = arg.path?.name ?? ASTPrinter().expression(written)
        switch f {
        case .sum, .avg:
            guard [.integer, .decimal, .null].contains(arg.kind), !(arg.path?.throughList ?? false) else {
                throw Diagnostic(.aggregateNeedsNumber(function: f.rawValue, field: argName, kind: kindName(arg)), at: written.range)
            }
        case .min, .max:
            guard ![.list, .boolean].contains(arg.kind) else {
                throw Diagnostic(.aggregateNeedsOrder(function: f.rawValue, field: argName, kind: kindName(arg)),
                                 at: written.range, help: "min and max work on text, numbers and dates")
            }
        case .count: break
        }
        if distinct, f != .count {
            throw Diagnostic(.expected("a value", after: "'\(f.rawValue)('", found: "'distinct'"), at: name.range,
                             help: "only count() takes distinct: count(distinct x)")
        }
        return .aggregate(f, arg, distinct: distinct)
    }

    /// The back-references a collection has, as the path inside `count(…)`
    /// writes them: `D` where D has one way here, `D.field` for each of
    /// several (`describe` lists them, completion offers them).
    public func backReferences(to target: Int) -> [Path] {
        func path(_ written: String) -> Path {
            Path(written.split(separator: ".").map { Name(String($0), SourceRange(0, 0)) })
        }
        var out: [Path] = []
        for (from, source) in dataset.collections.enumerated() where dataset.collections[target].fieldIndex(named: source.name) == nil {
            let here = dataset.collections[target].name
            let direct = source.fields.filter {
                if case let .reference(t) = $0.type.elementType { return ValueComparison.fold(t) == ValueComparison.fold(here) }
                return false
            }
            if direct.count == 1 { out.append(path(source.name)); continue }
            if direct.count > 1 { out += direct.map { path("\(source.name).\($0.name)") }; continue }
            let name = Name(source.name, SourceRange(0, 0))
            switch Result(catching: { () throws(Diagnostic) in try backReference(Path([name]), to: target) }) {
            case .success: out.append(path(source.name))
            case let .failure(d):
                if case let .backReferenceAmbiguous(_, _, ways) = d.message { out += ways.map(path) }
            }
            _ = from
        }
        return out
    }

    /// `count(D)` or `count(D.path)` in collection C: D's records whose path
    /// leads to C's record. A field of C named like D wins (nil: not a back-reference).
    /// Without a path, D's one reference to C, else its one way in two steps.
    func backReference(_ p: Path, to target: Int) throws(Diagnostic) -> BackReference? {
        let first = p.segments[0]
        let here = dataset.collections[target]
        guard here.fieldIndex(named: first.text) == nil, let from = dataset.collectionIndex(named: first.text) else { return nil }
        let source = dataset.collections[from]
        func pointsHere(_ type: FieldType) -> Bool {
            if case let .reference(t) = type.elementType { return dataset.collectionIndex(named: t) == target }
            return false
        }
        let path: ResolvedPath
        if p.segments.count > 1 {
            path = try resolve(Path(Array(p.segments.dropFirst())), in: from)
            guard pointsHere(path.type) else {
                throw Diagnostic(.backReferenceNotHere(path: p.dotted, collection: here.name), at: p.range,
                                 help: "name a path of \(source.name) that ends in a reference to \(here.name)")
            }
        } else {
            var ways: [[ResolvedPath.Step]] = []
            for (f, field) in source.fields.enumerated() where pointsHere(field.type) {
                ways.append([.init(collection: from, field: f)])
            }
            // Two steps, to another collection only: members' leader's country is not a way members point at members.
            if ways.isEmpty, from != target {
                for (f, field) in source.fields.enumerated() {
                    guard case let .reference(t) = field.type.elementType, let middle = dataset.collectionIndex(named: t) else { continue }
                    for (g, next) in dataset.collections[middle].fields.enumerated() where pointsHere(next.type) {
                        ways.append([.init(collection: from, field: f), .init(collection: middle, field: g)])
                    }
                }
            }
            func spelled(_ way: [ResolvedPath.Step]) -> String {
                source.name + "." + way.map { dataset.collections[$0.collection].fields[$0.field].name }.joined(separator: ".")
            }
            guard ways.count == 1 else {
                if ways.isEmpty {
                    throw Diagnostic(.backReferenceNone(from: source.name, to: here.name), at: p.range,
                                     help: "a back-reference counts the records of a collection that refer to this one; describe \(here.name) lists them")
                }
                let choices = ways.map(spelled)
                throw Diagnostic(.backReferenceAmbiguous(from: source.name, to: here.name, ways: choices), at: p.range,
                                 help: "name the way: " + choices.map { "count(\($0))" }.joined(separator: " or "))
            }
            let names = ways[0].map { dataset.collections[$0.collection].fields[$0.field].name }
            path = try resolve(Path(names.map { Name($0, first.range) }), in: from)
        }
        // Each record of `from` counts once for each record of here it reaches.
        var counts = [Int](repeating: 0, count: here.count)
        var reached = Set<Int>()
        for row in 0..<source.count {
            var rows = [row]
            for step in path.steps {
                let column = dataset.collections[step.collection].columns[step.field]
                var next: [Int] = []
                for r in rows {
                    switch column[r] {
                    case let .reference(ref): next.append(ref.row)
                    case let .list(items):
                        for case let .reference(ref) in items { next.append(ref.row) }
                    default: break
                    }
                }
                rows = next
            }
            reached.removeAll(keepingCapacity: true)
            for r in rows where reached.insert(r).inserted { counts[r] += 1 }
        }
        return BackReference(from: from, path: path, name: p.dotted, counts: counts)
    }

    func checkArguments(_ f: ScalarFunction, _ args: [CheckedExpression], _ written: [ValueExpression], range: SourceRange) throws(Diagnostic) {
        let expected: (count: ClosedRange<Int>, text: String) = switch f {
        case .round: (1...2, "one or two values")
        case .coalesce: (1...Parser.maximumListLength, "one value or more")
        default: (1...1, "one value")
        }
        guard expected.count.contains(args.count) else {
            throw Diagnostic(.functionArgumentCount(function: f.rawValue, expected: expected.text, found: args.count), at: range,
                             help: "as in " + FunctionCatalog.entry(f).signature)
        }
        func require(_ i: Int, _ kinds: [ValueKind], _ text: String) throws(Diagnostic) {
            guard kinds.contains(args[i].kind) || args[i].kind == .null else {
                throw Diagnostic(.functionArgumentKind(function: f.rawValue, position: i + 1, argument: args[i].path?.name ?? ASTPrinter().expression(written[i]),
                                                       kind: kindName(args[i]), expected: text),
                                 at: written[i].range, help: "as in " + FunctionCatalog.entry(f).signature)
            }
        }
        switch f {
        case .lower, .upper, .trim, .length: try require(0, [.text], "text")
        case .year, .month, .day: try require(0, [.date], "a date")
        case .abs: try require(0, [.integer, .decimal], "a number")
        case .round:
            try require(0, [.integer, .decimal], "a number")
            if args.count == 2 {
                try require(1, [.integer], "a whole number of digits")
                guard case .constant = args[1] else {
                    throw Diagnostic(.functionArgumentKind(function: "round", position: 2, argument: ASTPrinter().expression(written[1]),
                                                           kind: "computed", expected: "a whole number written in the query"),
                                     at: written[1].range, help: "as in round(avg(score), 2)")
                }
            }
        case .coalesce:
            let kinds = Set(args.map(\.kind)).subtracting([.null])
            let fits = kinds.count <= 1 || kinds == [.integer, .decimal]
            if !fits || kinds.contains(.list) {
                let i = args.indices.first { args[$0].kind != args[0].kind && args[$0].kind != .null } ?? 0
                throw Diagnostic(.functionArgumentKind(function: "coalesce", position: i + 1, argument: args[i].path?.name ?? ASTPrinter().expression(written[i]),
                                                       kind: kindName(args[i]), expected: "a value of the first one's kind (\(kindName(args[0])))"),
                                 at: written[i].range)
            }
        }
    }

    /// How a kind is named in a message: a path's field type as `describe` says it.
    func kindName(_ e: CheckedExpression) -> String {
        if let p = e.path { return p.type.description }
        return e.kind == .integer ? "integer" : e.kind.rawValue
    }

    /// A literal as a value: words are text, `$name` is filled in.
    func constant(_ l: Literal) throws(Diagnostic) -> Value {
        var kind = l.kind
        if case let .parameter(name) = kind {
            guard let text = parameters[name] else {
                throw Diagnostic(.missingParameter(name), at: l.range, help: "give it a value: .set \(name) VALUE, or --set \(name)=… on the command line")
            }
            kind = Checker.parameterLiteral(text)
        }
        switch kind {
        case let .text(s), let .word(s): return .text(s)
        case let .integer(n): return .integer(n)
        case let .decimal(d): return .decimal(d)
        case let .date(d): return .date(d)
        case let .boolean(b): return .boolean(b)
        case .null, .parameter: return .null
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

    /// A condition, typed. `clause`: "where" (no aggregates) or nil (`having`,
    /// where `groupBy` is given and every subject must be a group's value).
    func check(_ c: Condition, in collection: Int, clause: String?, groupBy: [CheckedExpression]? = nil) throws(Diagnostic) -> CheckedCondition {
        func subject(_ e: ValueExpression) throws(Diagnostic) -> CheckedExpression {
            let x = try expression(e, in: collection, clause: clause)
            if let groupBy { try requireGrouped(x, e, groupBy: groupBy) }
            return x
        }
        switch c {
        case let .any(items):
            var out: [CheckedCondition] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try check(item, in: collection, clause: clause, groupBy: groupBy)) }
            return .any(out)
        case let .all(items):
            var out: [CheckedCondition] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try check(item, in: collection, clause: clause, groupBy: groupBy)) }
            return .all(out)
        case let .not(inner, _):
            return .not(try check(inner, in: collection, clause: clause, groupBy: groupBy))
        case let .truthy(e):
            let x = try subject(e)
            guard x.kind == .boolean || x.path?.type.elementType == .boolean else {
                let name = x.path?.name ?? ASTPrinter().expression(e)
                throw Diagnostic(.expected("a comparison", after: "'\(name)'", found: "nothing"), at: e.range,
                                 help: "\(name) is \(kindName(x)); compare it, as in \(name) = …, or test it with 'is null'")
            }
            return .truthy(x)
        case let .isNull(e, negated, _):
            return .isNull(try subject(e), negated: negated)
        case let .compare(left, op, right, _):
            let x = try subject(left)
            // A literal (or a lone word that names no field) on the right: typed for the left side.
            let literal: Literal? = switch right {
            case let .literal(l): l
            case let .path(p) where p.segments.count == 1 && dataset.collections[collection].fieldIndex(named: p.segments[0].text) == nil:
                Literal(.word(p.segments[0].text), p.range)
            default: nil
            }
            if let literal { return try compare(x, left, op, literal) }
            let y = try subject(right)
            do {
                return try compareBoth(x, left, op, y, right)
            } catch {
                // A lone word naming a field of another kind is the text it spells: in a
                // collection with a boolean `active`, status = active is status = "active".
                if case .incomparableSides = error.message, case let .path(p) = right, p.segments.count == 1,
                   let asText = try? compare(x, left, op, Literal(.word(p.segments[0].text), p.range)) {
                    return asText
                }
                throw error
            }
        case let .isIn(e, literals, negated, _):
            let x = try subject(e)
            let target = Subject(x, name: x.path?.name ?? ASTPrinter().expression(e))
            var values: [Value] = []
            values.reserveCapacity(literals.count)
            for l in literals { values.append(try typedValue(l, for: target, op: "in", findingRecords: false)) }
            if case let .reference(name) = target.type.elementType, let t = dataset.collectionIndex(named: name) {
                values = records(named: values, in: t)
            }
            return .matchesAny(x, values, negated: negated)
        case let .inQuery(e, inner, negated, _):
            let x = try subject(e)
            return .inQuery(x, try subquery(inner, for: e, x), negated: negated)
        }
    }

    /// The query of `x in (…)`, checked and run: its one column, of a kind
    /// x compares with, or (no `select`) records of the collection x refers to.
    func subquery(_ inner: Query, for written: ValueExpression, _ x: CheckedExpression) throws(Diagnostic) -> Subquery {
        let checked = try check(inner)
        let left = x.path?.name ?? ASTPrinter().expression(written)
        let innerName = dataset.collections[checked.collection].name
        let givesRecords = inner.select == nil && inner.groupBy.isEmpty && !inner.isCount
        func element(_ e: CheckedExpression) -> FieldType {
            if let p = e.path { return p.type.elementType }
            return Subject(e, name: "").type
        }
        let a = element(x)
        if givesRecords {
            guard case let .reference(target) = a, ValueComparison.fold(target) == ValueComparison.fold(innerName) else {
                var named = inner
                named.select = [SelectItem(.path(Path([Name("name", inner.range)])))]
                throw Diagnostic(.subqueryKind(left: left, leftKind: kindName(x), right: "records of \(innerName)", rightKind: ""),
                                 at: inner.range,
                                 help: "select the field to look up, as in (\(ASTPrinter().query(named)))")
            }
        } else if inner.isCount {
            // One number: the rows counted.
            guard [.integer, .decimal].contains(a.valueKind) else {
                throw Diagnostic(.subqueryKind(left: left, leftKind: kindName(x), right: "a count", rightKind: "integer"), at: inner.range)
            }
        } else {
            guard checked.columns.count == 1 else {
                throw Diagnostic(.subqueryColumns(count: checked.columns.count, names: checked.columns.map(\.name).joined(separator: ", ")),
                                 at: inner.select.flatMap { s in s.count > 1 ? s[1].expression.range.union(s[s.count - 1].expression.range) : nil } ?? inner.range,
                                 help: "select the one column to look up, as in (\(inner.collection.text) where … select \(checked.columns.first?.name ?? "name"))")
            }
            let column = checked.columns[0].expression
            let b = element(column)
            let numbers: Set<ValueKind> = [.integer, .decimal]
            var fits = a.valueKind == b.valueKind || (numbers.contains(a.valueKind) && numbers.contains(b.valueKind)) || b.valueKind == .null
            if case let .reference(t1) = a, case let .reference(t2) = b, ValueComparison.fold(t1) != ValueComparison.fold(t2) { fits = false }
            guard fits else {
                var records = inner
                records.select = nil
                let help: String? = if case .reference = b { "compare like with like: select a field of the records, as in select \(checked.columns[0].name).name" }
                    else if case let .reference(t) = a, ValueComparison.fold(t) == ValueComparison.fold(innerName), records.groupBy.isEmpty {
                        "\(left) is a record of \(t): leave out 'select' to look it up among the records, as in (\(ASTPrinter().query(records)))"
                    } else if case let .reference(t) = a { "\(left) is a record of \(t): look it up among records of \(t), or compare \(left).name" }
                    else { nil }
                throw Diagnostic(.subqueryKind(left: left, leftKind: kindName(x), right: checked.columns[0].name, rightKind: kindName(column)),
                                 at: inner.select?.first?.expression.range ?? inner.range, help: help)
            }
        }
        let evaluator = Evaluator(dataset: dataset, isCancelled: isCancelled)
        let result = try evaluator.run(checked)
        var values: [Value] = []
        var seen = Set<Value>()
        func add(_ v: Value) {
            switch v {
            case .null: break
            case let .list(items): items.forEach(add)
            default: if seen.insert(ValueComparison.key(v)).inserted { values.append(v) }
            }
        }
        for row in 0..<result.count {
            if givesRecords {
                result.records(ofRow: row).forEach { add(.reference($0)) }
            } else if let column = checked.columns.first?.expression, !column.hasAggregate, !inner.isCount {
                // The value itself, not as the table shows it (a reference is shown by its name):
                // of the row's record, or of the group's first (a group key is the same for all).
                if let record = result.records(ofRow: row).first {
                    add(try evaluator.value(of: column, row: record.row, collection: checked.collection))
                }
            } else {
                add(result.row(row)[0])
            }
        }
        return Subquery(query: checked, givesRecords: givesRecords, values: values)
    }

    /// What a value on the right of a comparison is compared with: a path's
    /// field type, or the kind a computed value has.
    struct Subject {
        var name: String
        var type: FieldType

        init(_ e: CheckedExpression, name: String) {
            self.name = name
            if let p = e.path {
                type = p.type
            } else {
                type = switch e.kind {
                case .integer: .integer
                case .decimal: .decimal
                case .boolean: .boolean
                case .date: .date
                default: .text
                }
            }
        }
    }

    func compare(_ x: CheckedExpression, _ written: ValueExpression, _ op: ComparisonOperator, _ literal: Literal) throws(Diagnostic) -> CheckedCondition {
        let p = Subject(x, name: x.path?.name ?? ASTPrinter().expression(written))
        if op == .like || op == .contains, ![.text, .reference].contains(p.type.elementType.valueKind) {
            throw needsText(op.rawValue, p, literal)
        }
        let value = try typedValue(literal, for: p, op: op.rawValue)
        switch op {
        case .like:
            guard case let .text(pattern) = value else { throw needsText(op.rawValue, p, literal) }
            return .like(x, GlobPattern(pattern))
        case .contains:
            guard case .text = value else { throw needsText(op.rawValue, p, literal) }
            return .compare(x, op, value)
        case .equal, .notEqual:
            try checkVocabulary(x, value, literal, op)
            return .compare(x, op, value)
        default:
            guard ![.boolean, .reference].contains(p.type.elementType.valueKind) else {
                throw Diagnostic(.incomparable(field: p.name, fieldKind: p.type.description, op: op.rawValue, valueKind: literalKind(literal)),
                                 at: literal.range, help: "\(p.name) can only be compared with = and !=")
            }
            return .compare(x, op, value)
        }
    }

    /// Two computed sides: they must be of kinds that compare (numbers with
    /// numbers, text with text, dates, the same references).
    func compareBoth(_ x: CheckedExpression, _ left: ValueExpression, _ op: ComparisonOperator,
                     _ y: CheckedExpression, _ right: ValueExpression) throws(Diagnostic) -> CheckedCondition {
        func element(_ e: CheckedExpression) -> ValueKind {
            if let p = e.path { return p.type.elementType.valueKind }
            return e.kind
        }
        let a = element(x), b = element(y)
        let numbers: Set<ValueKind> = [.integer, .decimal]
        var fits = a == b || (numbers.contains(a) && numbers.contains(b)) || a == .null || b == .null
        if case let .reference(t1) = x.path?.type.elementType, case let .reference(t2) = y.path?.type.elementType, t1 != t2 { fits = false }
        if op == .like || op == .contains { fits = [.text].contains(a) && [.text].contains(b) }
        if [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op), a == .boolean || a == .reference { fits = false }
        guard fits else {
            throw Diagnostic(.incomparableSides(left: x.path?.name ?? ASTPrinter().expression(left), leftKind: kindName(x), op: op.rawValue,
                                                right: y.path?.name ?? ASTPrinter().expression(right), rightKind: kindName(y)),
                             at: SourceRange(left.range.start, right.range.end),
                             help: op == .like ? "a like pattern is text written in the query" : nil)
        }
        if op == .like {
            throw Diagnostic(.operatorNeedsText(op: "like", field: "a pattern", fieldKind: "computed"), at: right.range,
                             help: "write the pattern in quotes: like \"Vlad*\"")
        }
        return .compareBoth(x, op, y)
    }

    /// A field with a closed vocabulary compared with a value outside it: an
    /// error before anything runs (`=` could match no record, `!=` every one
    /// with a value), with the closest value: most likely a slip.
    func checkVocabulary(_ x: CheckedExpression, _ value: Value, _ literal: Literal, _ op: ComparisonOperator) throws(Diagnostic) {
        guard case let .text(t) = value, let step = x.path?.steps.last else { return }
        let field = dataset.collections[step.collection].fields[step.field]
        guard let values = field.values, !field.admits(t) else { return }
        let help = Suggestion.closest(to: t, in: values).map { "did you mean '\($0)'?" }
            ?? "the values: " + values.joined(separator: ", ")
        throw Diagnostic(.notInVocabulary(field: x.path!.name, found: t, values: values, op: op.rawValue), at: literal.range, help: help)
    }

    func needsText(_ op: String, _ p: Subject, _ literal: Literal) -> Diagnostic {
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
    func typedValue(_ literal: Literal, for p: Subject, op: String, findingRecords: Bool = true) throws(Diagnostic) -> Value {
        var kind = literal.kind
        if case let .parameter(name) = kind {
            guard let text = parameters[name] else {
                throw Diagnostic(.missingParameter(name), at: literal.range, help: "give it a value: .set \(name) VALUE, or --set \(name)=… on the command line")
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
