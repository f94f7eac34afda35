/// Runs a checked query over a dataset: filter, group, project, distinct,
/// sort, offset, limit — in that order, the order the clauses are written.
public struct Evaluator {
    public let dataset: Dataset
    /// How many records behind a `count` result are kept for `.source`.
    static let countProvenance = 1000

    /// Polled every few thousand rows; when it returns true the query stops with `.cancelled`.
    public var isCancelled: @Sendable () -> Bool

    public init(dataset: Dataset, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.dataset = dataset
        self.isCancelled = isCancelled
    }

    /// Rows left after each clause, for `explain trace`.
    public struct Step: Sendable, Equatable {
        public var clause: String
        public var rows: Int
    }

    public func run(_ q: CheckedQuery) throws(Diagnostic) -> ResultSet {
        var steps: [Step] = []
        return try run(q, steps: &steps)
    }

    public func run(_ q: CheckedQuery, steps: inout [Step]) throws(Diagnostic) -> ResultSet {
        let collection = dataset.collections[q.collection]
        let printer = ASTPrinter()
        steps.append(Step(clause: collection.name, rows: collection.count))
        var rows = try filter(q)
        if let c = q.source.condition { steps.append(Step(clause: "where " + printer.condition(c), rows: rows.count)) }

        if !q.aggregates && !q.distinct {
            return try runPlain(q, rows: rows, steps: &steps)
        }
        var table: [[Value]] = []
        var sortValues: [[Value]] = []
        var provenance: [[RecordRef]] = []
        var distinctKeys: [[Value]] = []
        let hidden = q.orderBy.compactMap { if case let .hidden(e) = $0.key { e } else { nil } }
        if q.aggregates {
            let groups = group(rows, by: q.groupBy, collection: q.collection)
            if !q.groupBy.isEmpty {
                steps.append(Step(clause: "group by " + q.source.groupBy.map(printer.path).joined(separator: ", "), rows: groups.count))
            }
            for g in groups {
                table.append(q.columns.map { presentable(aggregate($0.expression, g, collection: q.collection)) })
                sortValues.append(hidden.map { presentable(aggregate($0, g, collection: q.collection)) })
                provenance.append(g.map { RecordRef(collection: q.collection, row: $0) })
            }
        } else {
            table.reserveCapacity(rows.count)
            for (n, row) in rows.enumerated() {
                if n & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
                let values = q.columns.map { value(of: $0.expression, row: row, collection: q.collection) }
                table.append(values.map(presentable))
                // Distinct compares the values, not what they show: two records of the same name are two references.
                distinctKeys.append(values.map(ValueComparison.key))
                if !hidden.isEmpty { sortValues.append(hidden.map { presentable(value(of: $0, row: row, collection: q.collection)) }) }
                provenance.append([RecordRef(collection: q.collection, row: row)])
            }
        }
        if q.source.select != nil {
            steps.append(Step(clause: "select " + (q.distinct ? "distinct " : "") + q.source.select!.map(printer.selectItem).joined(separator: ", "), rows: table.count))
        }
        rows = Array(table.indices)
        if q.distinct {
            // Rows equal under `=` are one; each cell shows its most frequent spelling.
            var kept: [Int] = []
            var firstOf: [[Value]: Int] = [:]
            var merged: [[Int]] = []
            for i in rows {
                let key = distinctKeys[i]
                if let k = firstOf[key] {
                    provenance[kept[k]].append(contentsOf: provenance[i])
                    merged[k].append(i)
                } else {
                    firstOf[key] = kept.count
                    kept.append(i)
                    merged.append([i])
                }
            }
            for (k, members) in merged.enumerated() where members.count > 1 {
                for c in table[kept[k]].indices {
                    table[kept[k]][c] = Evaluator.mostFrequent(members.map { table[$0][c] })
                }
            }
            rows = kept
        }
        if !q.orderBy.isEmpty {
            var hiddenIndex = 0
            let keys: [(column: Int?, hidden: Int?, descending: Bool)] = q.orderBy.map { k in
                switch k.key {
                case let .column(c): return (c, nil, k.descending)
                case .hidden:
                    defer { hiddenIndex += 1 }
                    return (nil, hiddenIndex, k.descending)
                }
            }
            let order: (Int, Int) -> Bool = { a, b in
                for k in keys {
                    let x = k.column.map { table[a][$0] } ?? sortValues[a][k.hidden!]
                    let y = k.column.map { table[b][$0] } ?? sortValues[b][k.hidden!]
                    var o = ValueComparison.sortOrder(x, y)
                    if k.descending && !(x.isNull || y.isNull) { o = -o }
                    if o != 0 { return o < 0 }
                }
                return a < b  // stable: ties keep the data's order
            }
            let wanted = q.limit.map { $0 &+ q.offset }
            if let wanted, wanted >= 0, wanted < rows.count / 8 {
                rows = TopK.smallest(wanted, of: rows, by: order)
            } else {
                rows.sort(by: order)
            }
            steps.append(Step(clause: "order by " + q.source.orderBy.map(printer.orderKey).joined(separator: ", "), rows: rows.count))
        }
        rows = cut(rows, q, steps: &steps)
        if q.isCount {
            steps.append(Step(clause: "count", rows: 1))
            return ResultSet(columns: ["count"], rows: [[.integer(rows.count)]],
                             provenance: [rows.flatMap { provenance[$0] }])
        }
        return ResultSet(columns: q.columns.map(\.name), rows: rows.map { table[$0] },
                         provenance: rows.map { provenance[$0] }, isGrouped: !q.groupBy.isEmpty)
    }

    /// `offset` then `limit`, noted in the trace.
    func cut(_ rows: [Int], _ q: CheckedQuery, steps: inout [Step]) -> [Int] {
        var rows = rows
        if q.offset > 0 {
            rows = Array(rows.dropFirst(q.offset))
            steps.append(Step(clause: "offset \(q.offset)", rows: rows.count))
        }
        if let limit = q.limit {
            rows = Array(rows.prefix(limit))
            steps.append(Step(clause: "limit \(limit)", rows: rows.count))
        }
        return rows
    }

    /// Plain rows (no groups, no distinct): order and cut on the columns,
    /// then build values only for the rows that are shown.
    func runPlain(_ q: CheckedQuery, rows filtered: [Int], steps: inout [Step]) throws(Diagnostic) -> ResultSet {
        let printer = ASTPrinter()
        var rows = filtered
        if let select = q.source.select {
            steps.append(Step(clause: "select " + select.map(printer.selectItem).joined(separator: ", "), rows: rows.count))
        }
        if !q.orderBy.isEmpty {
            if isCancelled() { throw Diagnostic(.cancelled) }
            rows = RowOrder(q, rows: rows, evaluator: self).sorted(limit: q.limit.map { $0 &+ q.offset })
            steps.append(Step(clause: "order by " + q.source.orderBy.map(printer.orderKey).joined(separator: ", "), rows: filtered.count))
        }
        rows = cut(rows, q, steps: &steps)
        if q.isCount {
            steps.append(Step(clause: "count", rows: 1))
            // `.source` shows the sources of the first rows only: keep those.
            return ResultSet(columns: ["count"], rows: [[.integer(rows.count)]],
                             provenance: [rows.prefix(Evaluator.countProvenance).map { RecordRef(collection: q.collection, row: $0) }])
        }
        var table: [[Value]] = []
        table.reserveCapacity(rows.count)
        for (n, row) in rows.enumerated() {
            if n & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
            table.append(q.columns.map { presentable(value(of: $0.expression, row: row, collection: q.collection)) })
        }
        return ResultSet(columns: q.columns.map(\.name), rows: table,
                         provenance: rows.map { [RecordRef(collection: q.collection, row: $0)] })
    }

    // MARK: Filtering

    func filter(_ q: CheckedQuery) throws(Diagnostic) -> [Int] {
        let count = dataset.collections[q.collection].count
        guard let condition = q.condition else {
            return [Int](unsafeUninitializedCapacity: count) { buffer, n in
                for i in 0..<count { buffer[i] = i }
                n = count
            }
        }
        return try ConditionScan(evaluator: self, collection: q.collection, count: count).run(condition).yes.rows
    }

    /// Whether a condition holds for one record: true, false, or nil when a
    /// null made it unknown (`not` of unknown stays unknown, so a record with
    /// a null field matches neither `x = a` nor `not x = a`).
    public func holds(_ c: CheckedCondition, row: Int, collection: Int) -> Bool? {
        switch c {
        case let .all(items):
            var unknown = false
            for item in items {
                switch holds(item, row: row, collection: collection) {
                case false?: return false
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : true
        case let .any(items):
            var unknown = false
            for item in items {
                switch holds(item, row: row, collection: collection) {
                case true?: return true
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : false
        case let .not(inner):
            return holds(inner, row: row, collection: collection).map { !$0 }
        case let .truthy(p), let .isNull(p, _), let .like(p, _), let .matchesAny(p, _, _), let .compare(p, _, _):
            return holdsOnValue(c, value(of: p, row: row, collection: collection))
        }
    }

    /// A test (not and/or/not) applied to the value its path gave.
    func holdsOnValue(_ c: CheckedCondition, _ v: Value) -> Bool? {
        switch c {
        case .truthy:
            if case let .boolean(b) = v { return b }
            if case let .list(items) = v { return items.contains(.boolean(true)) }
            return nil
        case let .isNull(_, negated):
            let isNull = v.isNull || v == .list([])
            return negated ? !isNull : isNull
        case let .like(_, pattern):
            if v.isNull { return nil }
            return anyText(v) { pattern.matches($0) }
        case let .matchesAny(_, values, negated):
            if v.isNull { return nil }
            let found = values.contains { Evaluator.equals(v, $0) }
            return negated ? !found : found
        case let .compare(_, op, target):
            if v.isNull { return nil }
            switch op {
            case .equal: return Evaluator.equals(v, target)
            case .notEqual: return !Evaluator.equals(v, target)
            case .contains:
                guard case let .text(needle) = target else { return false }
                let folded = ValueComparison.fold(needle)
                return anyText(v) { ValueComparison.fold($0).contains(folded) }
            case .like: return false
            default:
                let values: [Value] = if case let .list(items) = v { items } else { [v] }
                return values.contains { x in ValueComparison.order(x, target).map(op.accepts) ?? false }
            }
        case .all, .any, .not:
            return nil
        }
    }

    /// Equality as `=` means it: a list matches when any element does; a
    /// reference matches the records a text value named (see Checker).
    static func equals(_ v: Value, _ target: Value) -> Bool {
        if case let .list(options) = target { return options.contains { equals(v, $0) } }
        return ValueComparison.equals(v, target) == true
    }

    /// Applies a text test to a value: to text itself, to the label of a
    /// reference, to any element of a list.
    func anyText(_ v: Value, _ test: (String) -> Bool) -> Bool {
        switch v {
        case let .text(t): return test(t)
        case let .reference(r): return test(dataset.label(of: r))
        case let .list(items): return items.contains { anyText($0, test) }
        default: return false
        }
    }

    // MARK: Values

    /// The value at the end of a path, following references; null anywhere on
    /// the way gives null. Through a list of references, a list.
    public func value(of p: ResolvedPath, row: Int, collection: Int) -> Value {
        var current = Value.reference(RecordRef(collection: collection, row: row))
        for step in p.steps {
            current = follow(current, step)
        }
        return current
    }

    private func follow(_ v: Value, _ step: ResolvedPath.Step) -> Value {
        switch v {
        case let .reference(r): return dataset.collections[r.collection].columns[step.field][r.row]
        case let .list(items):
            var out: [Value] = []
            for item in items {
                let x = follow(item, step)
                if case let .list(inner) = x { out.append(contentsOf: inner) } else if !x.isNull { out.append(x) }
            }
            return .list(out)
        default: return .null
        }
    }

    func value(of e: OutputExpression, row: Int, collection: Int) -> Value {
        switch e {
        case let .path(p): value(of: p, row: row, collection: collection)
        case .aggregate: aggregate(e, [row], collection: collection)
        }
    }

    /// References are shown by the name (or title) of the record they point to.
    func presentable(_ v: Value) -> Value {
        switch v {
        case let .reference(r): .text(dataset.label(of: r))
        case let .list(items): .list(items.map(presentable))
        default: v
        }
    }

    // MARK: Groups

    func group(_ rows: [Int], by paths: [ResolvedPath], collection: Int) -> [[Int]] {
        guard !paths.isEmpty else { return [rows] }
        // One text field of the collection: bucket by the class of each
        // dictionary code (codes whose texts are equal under `=` share one).
        if paths.count == 1, paths[0].steps.count == 1,
           case let .text(codes, dictionary) = dataset.collections[collection].columns[paths[0].steps[0].field].storage,
           dictionary.count <= max(4096, rows.count) {
            var classOf = [Int](repeating: 0, count: dictionary.count)
            var classes: [String: Int] = [:]
            for (code, text) in dictionary.enumerated() {
                let key = ValueComparison.fold(text)
                if let c = classes[key] { classOf[code] = c } else { classOf[code] = classes.count; classes[key] = classes.count }
            }
            var groupOf = [Int32](repeating: -1, count: classes.count + 1)
            var groups: [[Int]] = []
            for row in rows {
                let code = codes[row]
                let slot = code == Column.nullCode ? classes.count : classOf[Int(code)]
                var g = groupOf[slot]
                if g < 0 {
                    g = Int32(groups.count)
                    groupOf[slot] = g
                    groups.append([])
                }
                groups[Int(g)].append(row)
            }
            return groups
        }
        var index: [[Value]: Int] = [:]
        var groups: [[Int]] = []
        for row in rows {
            let key = paths.map { ValueComparison.key(value(of: $0, row: row, collection: collection)) }
            if let g = index[key] {
                groups[g].append(row)
            } else {
                index[key] = groups.count
                groups.append([row])
            }
        }
        return groups
    }

    func aggregate(_ e: OutputExpression, _ rows: [Int], collection: Int) -> Value {
        switch e {
        case let .path(p):
            return Evaluator.mostFrequent(rows.map { value(of: p, row: $0, collection: collection) })
        case let .aggregate(function, argument):
            guard let argument else { return .integer(rows.count) }
            var values: [Value] = []
            for row in rows {
                let v = value(of: argument, row: row, collection: collection)
                // A null inside a list is no value to count, add or compare.
                if case let .list(items) = v { values.append(contentsOf: items.lazy.filter { !$0.isNull }) } else if !v.isNull { values.append(v) }
            }
            switch function {
            case .count: return .integer(values.count)
            case .min: return values.min { ValueComparison.sortOrder($0, $1) < 0 } ?? .null
            case .max: return values.max { ValueComparison.sortOrder($0, $1) < 0 } ?? .null
            case .sum, .avg:
                if values.isEmpty { return .null }
                var intSum = 0, doubleSum = 0.0, isDecimal = false, overflow = false
                for v in values {
                    switch v {
                    case let .integer(n):
                        let (s, o) = intSum.addingReportingOverflow(n)
                        intSum = s
                        overflow = overflow || o
                        doubleSum += Double(n)
                    case let .decimal(d): isDecimal = true; doubleSum += d
                    default: break
                    }
                }
                if function == .avg { return values.isEmpty ? .null : .decimal(doubleSum / Double(values.count)) }
                return isDecimal || overflow ? .decimal(doubleSum) : .integer(intSum)
            }
        }
    }
}

extension Evaluator {
    /// What a group of equal values shows: the spelling (byte for byte) most
    /// frequent among them, ties to the first seen.
    static func mostFrequent(_ values: [Value]) -> Value {
        guard values.count > 1 else { return values.first ?? .null }
        var counts: [[UInt8]: (count: Int, first: Int)] = [:]
        for (i, v) in values.enumerated() {
            let spelling = Array(JSONRenderer.value(v).utf8)
            counts[spelling, default: (0, i)].count += 1
        }
        let best = counts.values.max { a, b in a.count < b.count || (a.count == b.count && a.first > b.first) }!
        return values[best.first]
    }
}

/// The k first rows in an order, in one pass with a bounded heap: N log k
/// instead of sorting everything for `order by … limit k`.
enum TopK {
    static func smallest(_ k: Int, of items: [Int], by less: (Int, Int) -> Bool) -> [Int] {
        guard k > 0 else { return [] }
        // A max-heap of the k best so far (its root is the worst of them).
        var heap: [Int] = []
        heap.reserveCapacity(k)
        func siftUp(_ i: Int) {
            var i = i
            while i > 0 {
                let parent = (i - 1) / 2
                guard less(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        }
        func siftDown(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var largest = i
                if l < heap.count, less(heap[largest], heap[l]) { largest = l }
                if r < heap.count, less(heap[largest], heap[r]) { largest = r }
                if largest == i { return }
                heap.swapAt(i, largest)
                i = largest
            }
        }
        for item in items {
            if heap.count < k {
                heap.append(item)
                siftUp(heap.count - 1)
            } else if less(item, heap[0]) {
                heap[0] = item
                siftDown(0)
            }
        }
        return heap.sorted(by: less)
    }
}
