/// Runs a checked query over a dataset: filter, group, distinct, sort,
/// offset, limit, in that order, then the values of the rows that are left.
public struct Evaluator: Sendable {
    public let dataset: Dataset
    /// How many records behind a `count` result are kept for `.source`.
    static let countProvenance = 1000

    /// Polled every few thousand rows; when it returns true the query stops with `.cancelled`.
    public var isCancelled: @Sendable () -> Bool

    /// Whether conditions compute number expressions a column at a time
    /// (`NumberKernel`); the tests turn it off to compare with the rows' way.
    var usesKernels = true
    /// Rows a kernel computes at a time (the tests make blocks small, to have many).
    var kernelBlockRows = 8_192

    public init(dataset: Dataset, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.dataset = dataset
        self.isCancelled = isCancelled
    }

    /// Rows left after each step, for `explain trace`: the evaluator only
    /// counts; `Explainer` says which clause each step is.
    public struct Step: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case scan, filter, group, having, select, order, offset, limit, count
        }

        public var kind: Kind
        public var rows: Int

        public init(_ kind: Kind, rows: Int) {
            self.kind = kind
            self.rows = rows
        }
    }

    public func run(_ q: CheckedQuery) throws(Diagnostic) -> ResultSet {
        var steps: [Step] = []
        return try run(q, steps: &steps)
    }

    /// The one pipeline every query takes: filter, group (or distinct),
    /// order (a top-k when a limit is near), offset and limit, then the
    /// values of the rows that are left. Plain rows stay record numbers
    /// until then, so a million are filtered and ordered on their columns
    /// and only the rows shown become values; groups and distinct rows have
    /// their values from the start, because those are what they are.
    public func run(_ q: CheckedQuery, steps: inout [Step]) throws(Diagnostic) -> ResultSet {
        steps.append(Step(.scan, rows: dataset.collections[q.collection].count))
        let records = try filter(q)
        if q.condition != nil { steps.append(Step(.filter, rows: records.count)) }

        var table: Table?
        if q.aggregates {
            table = try groups(q, records)
            if !q.groupBy.isEmpty { steps.append(Step(.group, rows: table!.cells.count)) }
            if let having = q.having {
                table = try keep(table!, where: having, collection: q.collection)
                steps.append(Step(.having, rows: table!.cells.count))
            }
        }
        if q.distinct {
            if table == nil { table = try rows(q, records) }
            table = try distinct(q, table!)
        }
        // Plain rows are records; computed rows are positions in the table.
        var picked = table.map { Array($0.cells.indices) } ?? records
        if q.source.select != nil { steps.append(Step(.select, rows: picked.count)) }

        if !q.orderBy.isEmpty {
            if isCancelled() { throw Diagnostic(.cancelled) }
            let order = if let table { RowOrder(q, table: table) } else { try RowOrder(q, records: picked, evaluator: self) }
            picked = try order.sorted(limit: q.limit.map { $0 &+ q.offset }, isCancelled: isCancelled)
            steps.append(Step(.order, rows: order.count))
        }
        if q.offset > 0 {
            picked = Array(picked.dropFirst(q.offset))
            steps.append(Step(.offset, rows: picked.count))
        }
        if let limit = q.limit {
            picked = Array(picked.prefix(limit))
            steps.append(Step(.limit, rows: picked.count))
        }

        if q.isCount {
            steps.append(Step(.count, rows: 1))
            // `.source` shows the sources of the first records only: keep those.
            let behind = table.map { t in picked.lazy.flatMap { t.members[$0] } .prefix(Evaluator.countProvenance) }
            let refs = (behind.map(Array.init) ?? Array(picked.prefix(Evaluator.countProvenance)))
                .map { RecordRef(collection: q.collection, row: $0) }
            return ResultSet(columns: ["count"], rows: [[.integer(picked.count)]], provenance: [refs])
        }
        if let table {
            return ResultSet(columns: q.columns.map(\.name), rows: picked.map { table.cells[$0] },
                             provenance: picked.map { table.members[$0].map { RecordRef(collection: q.collection, row: $0) } },
                             isGrouped: !q.groupBy.isEmpty)
        }
        // Paths that follow no list cannot fail (the list-value limit is the
        // only error of a path): their rows are made as they are written.
        let paths = q.columns.compactMap { c -> ResolvedPath? in
            if case let .path(p) = c.expression, !p.throughList { p } else { nil }
        }
        if paths.count == q.columns.count {
            let shown = Evaluator(dataset: dataset)
            let collection = q.collection
            return ResultSet(columns: q.columns.map(\.name), records: picked, collection: collection) { record in
                paths.map { p in shown.presentable((try? shown.value(of: p, row: record, collection: collection)) ?? .null) }
            }
        }
        return ResultSet(columns: q.columns.map(\.name), rows: try rows(q, picked).cells,
                         provenance: picked.map { [RecordRef(collection: q.collection, row: $0)] })
    }

    /// Rows whose values are computed: their cells, the values of the sort
    /// keys that are not columns, and the records behind each.
    struct Table {
        var cells: [[Value]] = []
        var hidden: [[Value]] = []
        var members: [[Int]] = []
        /// For distinct: each row's values by `ValueComparison.key`, taken from
        /// the values, not from what they show — two records of the same name
        /// are two references (empty: the cells are the values).
        var keys: [[Value]] = []
    }

    /// The sort keys that are not output columns.
    func hiddenKeys(_ q: CheckedQuery) -> [CheckedExpression] {
        q.orderBy.compactMap { if case let .hidden(e) = $0.key { e } else { nil } }
    }

    /// Plain records as computed rows (for distinct, and for the rows shown).
    func rows(_ q: CheckedQuery, _ records: [Int]) throws(Diagnostic) -> Table {
        let hidden = q.distinct ? hiddenKeys(q) : []
        var t = Table()
        t.cells.reserveCapacity(records.count)
        for (n, row) in records.enumerated() {
            if n & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
            var values: [Value] = []
            for c in q.columns { values.append(try value(of: c.expression, row: row, collection: q.collection)) }
            t.cells.append(values.map(presentable))
            if q.distinct { t.keys.append(values.map(ValueComparison.key)) }
            if !hidden.isEmpty {
                var keys: [Value] = []
                for e in hidden { keys.append(presentable(try value(of: e, row: row, collection: q.collection))) }
                t.hidden.append(keys)
            }
        }
        t.members = q.distinct ? records.map { [$0] } : []
        return t
    }

    /// One row per group (all records in one group for totals without `group by`).
    func groups(_ q: CheckedQuery, _ records: [Int]) throws(Diagnostic) -> Table {
        let hidden = hiddenKeys(q)
        var t = Table()
        for g in try group(records, by: q.groupBy, collection: q.collection) {
            if isCancelled() { throw Diagnostic(.cancelled) }
            var cells: [Value] = [], keys: [Value] = []
            for c in q.columns { cells.append(presentable(try groupValue(c.expression, g, collection: q.collection))) }
            for e in hidden { keys.append(presentable(try groupValue(e, g, collection: q.collection))) }
            t.cells.append(cells)
            t.hidden.append(keys)
            t.members.append(g)
        }
        return t
    }

    /// Rows equal under `=` are one; each cell shows its most frequent spelling.
    func distinct(_ q: CheckedQuery, _ table: Table) throws(Diagnostic) -> Table {
        var out = Table()
        var firstOf: [[Value]: Int] = [:]
        var merged: [[Int]] = []
        for (i, cells) in table.cells.enumerated() {
            if i & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
            let key = table.keys.isEmpty ? cells.map(ValueComparison.key) : table.keys[i]
            if let k = firstOf[key] {
                out.members[k].append(contentsOf: table.members[i])
                merged[k].append(i)
            } else {
                firstOf[key] = out.cells.count
                out.cells.append(cells)
                if !table.hidden.isEmpty { out.hidden.append(table.hidden[i]) }
                out.members.append(table.members[i])
                merged.append([i])
            }
        }
        for (k, rows) in merged.enumerated() where rows.count > 1 {
            for c in out.cells[k].indices {
                out.cells[k][c] = Evaluator.mostFrequent(rows.map { table.cells[$0][c] })
            }
        }
        return out
    }

    /// The groups for which `having` holds (unknown is not kept, as in `where`).
    func keep(_ table: Table, where c: CheckedCondition, collection: Int) throws(Diagnostic) -> Table {
        var out = Table()
        for i in table.cells.indices {
            if i & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
            guard try holds(c, group: table.members[i], collection: collection) == true else { continue }
            out.cells.append(table.cells[i])
            if !table.hidden.isEmpty { out.hidden.append(table.hidden[i]) }
            out.members.append(table.members[i])
        }
        return out
    }

    /// `and` (all) or `or` (any) of three-valued answers: one false (true) decides;
    /// else an unknown part makes the whole unknown.
    static func combine<E: Error>(_ items: [CheckedCondition], all: Bool,
                                  _ test: (CheckedCondition) throws(E) -> Bool?) throws(E) -> Bool? {
        var unknown = false
        for item in items {
            switch try test(item) {
            case let decided? where decided != all: return decided
            case nil: unknown = true
            default: break
            }
        }
        return unknown ? nil : all
    }

    /// Whether a condition holds for a group: its subjects are the group's values.
    func holds(_ c: CheckedCondition, group rows: [Int], collection: Int) throws(Diagnostic) -> Bool? {
        switch c {
        case let .all(items):
            return try Evaluator.combine(items, all: true) { x throws(Diagnostic) in try holds(x, group: rows, collection: collection) }
        case let .any(items):
            return try Evaluator.combine(items, all: false) { x throws(Diagnostic) in try holds(x, group: rows, collection: collection) }
        case let .not(inner):
            return try holds(inner, group: rows, collection: collection).map { !$0 }
        case let .compareBoth(x, op, y):
            return Computation.compare(try groupValue(x, rows, collection: collection), op,
                                       try groupValue(y, rows, collection: collection), dataset: dataset)
        case .truthy, .isNull, .like, .matchesAny, .inQuery, .compare:
            let test = ValueTest(c, dataset: dataset)!
            return test.holds(on: try groupValue(test.subject!, rows, collection: collection))
        }
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
        var scan = ConditionScan(evaluator: self, collection: q.collection, count: count, usesKernels: usesKernels)
        scan.blockRows = kernelBlockRows
        return try scan.run(condition).yes.rows
    }

    /// Whether a condition holds for one record: true, false, or nil when a
    /// null made it unknown (`not` of unknown stays unknown, so a record with
    /// a null field matches neither `x = a` nor `not x = a`).
    public func holds(_ c: CheckedCondition, row: Int, collection: Int) -> Bool? {
        switch c {
        case let .all(items):
            return Evaluator.combine(items, all: true) { holds($0, row: row, collection: collection) }
        case let .any(items):
            return Evaluator.combine(items, all: false) { holds($0, row: row, collection: collection) }
        case let .not(inner):
            return holds(inner, row: row, collection: collection).map { !$0 }
        case let .compareBoth(x, op, y):
            // A failing computation (an overflow) is unknown here; the filter itself reports it.
            guard let a = try? tested(x, row: row, collection: collection),
                  let b = try? tested(y, row: row, collection: collection) else { return nil }
            return Computation.compare(a, op, b, dataset: dataset)
        case .truthy, .isNull, .like, .matchesAny, .inQuery, .compare:
            let test = ValueTest(c, dataset: dataset)!
            guard let v = try? tested(test.subject!, row: row, collection: collection) else { return nil }
            return test.holds(on: v)
        }
    }

    /// The value a test looks at: a path's reached values (`reached`), or the computed value.
    func tested(_ e: CheckedExpression, row: Int, collection: Int) throws(Diagnostic) -> Value {
        if let p = e.path { return reached(p, row: row, collection: collection) }
        return try value(of: e, row: row, collection: collection)
    }

    // MARK: Values

    /// How many values a path through lists may give one record where its
    /// values are all kept (shown, sorted, grouped, added up): through a list
    /// of references each step multiplies them, so `friends.friends.….name`
    /// grows as the friend lists' lengths multiplied. Conditions never build
    /// that list (see `reached`).
    public static let listValueLimit = 1_000_000

    /// The value at the end of a path, following references; null anywhere on
    /// the way gives null. Through a list of references, a list, one element
    /// per way along the path (an error past `listValueLimit` of them).
    public func value(of p: ResolvedPath, row: Int, collection: Int) throws(Diagnostic) -> Value {
        var current = Value.reference(RecordRef(collection: collection, row: row))
        for step in p.steps {
            var count = 0
            current = try follow(current, step, count: &count, path: p)
        }
        return current
    }

    private func follow(_ v: Value, _ step: ResolvedPath.Step, count: inout Int, path: ResolvedPath) throws(Diagnostic) -> Value {
        switch v {
        case let .reference(r): return dataset.collections[r.collection].columns[step.field][r.row]
        case let .list(items):
            var out: [Value] = []
            for item in items {
                let x = try follow(item, step, count: &count, path: path)
                if case let .list(inner) = x { out.append(contentsOf: inner) } else if !x.isNull { out.append(x) }
                count += 1
                if out.count > Evaluator.listValueLimit || count > Evaluator.listValueLimit {
                    throw Diagnostic(.pathGivesTooManyValues(path: path.name, limit: Evaluator.listValueLimit))
                }
            }
            return .list(out)
        default: return .null
        }
    }

    /// What a test sees at the end of a path: `value(of:)`, except that
    /// through a list each step follows the distinct records reached once, so
    /// the list holds each value reachable at the end, once or more, but not
    /// once per way of reaching it. Every test of a list asks whether some
    /// element passes (`!=`: whether none is equal; `is null`: whether there
    /// is none), which that list answers as the full one does. The work per
    /// record is at most the path's length times the records of the
    /// collections on the way times the length of their lists.
    public func reached(_ p: ResolvedPath, row: Int, collection: Int) -> Value {
        var current = Value.reference(RecordRef(collection: collection, row: row))
        var next = 0
        // Up to the first list the path is one value, as `value(of:)` has it.
        while next < p.steps.count {
            if case .list = current { break }
            if case let .reference(r) = current {
                current = dataset.collections[r.collection].columns[p.steps[next].field][r.row]
            } else {
                return .null
            }
            next += 1
        }
        guard case var .list(values) = current else { return current }
        var seen = Set<RecordRef>()
        var records: [RecordRef] = []
        // Only references lead on; anything else on a list is dropped by the next step.
        func collect(_ v: Value) {
            switch v {
            case let .reference(r): if seen.insert(r).inserted { records.append(r) }
            case let .list(items): items.forEach(collect)
            default: break
            }
        }
        while next < p.steps.count {
            let field = p.steps[next].field
            seen.removeAll(keepingCapacity: true)
            records.removeAll(keepingCapacity: true)
            values.forEach(collect)
            values.removeAll(keepingCapacity: true)
            for r in records {
                let x = dataset.collections[r.collection].columns[field][r.row]
                if case let .list(inner) = x { values.append(contentsOf: inner) } else if !x.isNull { values.append(x) }
            }
            next += 1
        }
        return .list(values)
    }

    /// An expression's value for one record (an aggregate: over that record alone).
    func value(of e: CheckedExpression, row: Int, collection: Int) throws(Diagnostic) -> Value {
        switch e {
        case let .path(p): return try value(of: p, row: row, collection: collection)
        case let .constant(v): return v
        case let .backCount(b): return .integer(b.counts[row])
        case let .negate(x, written):
            let v = try value(of: x, row: row, collection: collection)
            do { return try Computation.negate(v) } catch { throw error.located(written.range) }
        case let .arithmetic(op, a, b, written):
            let x = try value(of: a, row: row, collection: collection)
            if x.isNull { return .null }
            let y = try value(of: b, row: row, collection: collection)
            do { return try Computation.apply(op, x, y) } catch { throw error.located(written.range) }
        case let .function(f, args, written):
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for a in args {
                let v = try value(of: a, row: row, collection: collection)
                values.append(v)
                if f == .coalesce, !v.isNull { break }
            }
            do { return try Computation.apply(f, values) } catch { throw error.located(written.range) }
        case .aggregate: return try groupValue(e, [row], collection: collection)
        }
    }

    /// An expression's value for a group of records: an aggregate over them,
    /// a grouped value as its most frequent spelling, and what is computed
    /// from those.
    func groupValue(_ e: CheckedExpression, _ rows: [Int], collection: Int) throws(Diagnostic) -> Value {
        switch e {
        case .aggregate, .path: return try aggregate(e, rows, collection: collection)
        case let .constant(v): return v
        case _ where !e.hasAggregate:
            // A grouped expression: one value for the group (equal under `=`), shown as spelt most often.
            var values: [Value] = []
            for row in rows { values.append(try value(of: e, row: row, collection: collection)) }
            return Evaluator.mostFrequent(values)
        case let .negate(x, written):
            let v = try groupValue(x, rows, collection: collection)
            do { return try Computation.negate(v) } catch { throw error.located(written.range) }
        case let .arithmetic(op, a, b, written):
            let x = try groupValue(a, rows, collection: collection)
            if x.isNull { return .null }
            let y = try groupValue(b, rows, collection: collection)
            do { return try Computation.apply(op, x, y) } catch { throw error.located(written.range) }
        case let .function(f, args, written):
            var values: [Value] = []
            for a in args { values.append(try groupValue(a, rows, collection: collection)) }
            do { return try Computation.apply(f, values) } catch { throw error.located(written.range) }
        case .backCount:
            // Not reached (it has no aggregate, so the case above takes it); a grouped value like any other.
            var values: [Value] = []
            for row in rows { values.append(try value(of: e, row: row, collection: collection)) }
            return Evaluator.mostFrequent(values)
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

    func group(_ rows: [Int], by keys: [CheckedExpression], collection: Int) throws(Diagnostic) -> [[Int]] {
        guard !keys.isEmpty else { return [rows] }
        // One text field of the collection: bucket by the class of each
        // dictionary code (codes whose texts are equal under `=` share one).
        if keys.count == 1, let p = keys[0].path, p.steps.count == 1,
           case let .text(codes, dictionary) = dataset.collections[collection].columns[p.steps[0].field].storage,
           dictionary.count <= max(4096, rows.count) {
            var classOf = [Int](repeating: 0, count: dictionary.count)
            var classes: [String: Int] = [:]
            for (code, text) in dictionary.enumerated() {
                let key = ValueComparison.fold(text)
                if let c = classes[key] { classOf[code] = c } else { classOf[code] = classes.count; classes[key] = classes.count }
            }
            var groupOf = [Int32](repeating: -1, count: classes.count + 1)
            var groups: [[Int]] = []
            for (n, row) in rows.enumerated() {
                if n & 0xFFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
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
        for (n, row) in rows.enumerated() {
            if n & 0xFFF == 0, isCancelled() { throw Diagnostic(.cancelled) }
            var key: [Value] = []
            for e in keys { key.append(ValueComparison.key(try value(of: e, row: row, collection: collection))) }
            if let g = index[key] {
                groups[g].append(row)
            } else {
                index[key] = groups.count
                groups.append([row])
            }
        }
        return groups
    }

    func aggregate(_ e: CheckedExpression, _ rows: [Int], collection: Int) throws(Diagnostic) -> Value {
        switch e {
        case let .path(p):
            if let v = mostFrequentText(p, rows, collection: collection) { return v }
            var values: [Value] = []
            for row in rows { values.append(try value(of: p, row: row, collection: collection)) }
            return Evaluator.mostFrequent(values)
        case .constant, .negate, .arithmetic, .function, .backCount:
            return try groupValue(e, rows, collection: collection)
        case let .aggregate(function, argument, distinct):
            guard let argument else { return .integer(rows.count) }
            var values: [Value] = []
            for row in rows {
                let v = try value(of: argument, row: row, collection: collection)
                // A null inside a list is no value to count, add or compare.
                if case let .list(items) = v { values.append(contentsOf: items.lazy.filter { !$0.isNull }) } else if !v.isNull { values.append(v) }
            }
            if distinct {
                // Different under `=`: one of each key.
                var seen = Set<Value>()
                return .integer(values.reduce(0) { n, v in seen.insert(ValueComparison.key(v)).inserted ? n + 1 : n })
            }
            switch function {
            case .count: return .integer(values.count)
            case .min: return values.min { ValueComparison.sortOrder($0, $1) < 0 } ?? .null
            case .max: return values.max { ValueComparison.sortOrder($0, $1) < 0 } ?? .null
            case .sum, .avg:
                if values.isEmpty { return .null }
                let field = argument.path?.name ?? "the values"
                var exact = ExactSum(), anyDecimal = false
                for v in values {
                    switch v {
                    case let .integer(n): exact.add(n)
                    case .decimal: anyDecimal = true
                    default: break
                    }
                }
                if !anyDecimal {
                    if function == .avg { return .decimal(exact.double / Double(values.count)) }
                    guard let total = exact.int else { throw Diagnostic(.sumTooLargeForInteger(field: field)) }
                    return .integer(total)
                }
                // With a decimal among them, the numbers add up as decimals, in order.
                var total = 0.0
                for v in values {
                    if case let .integer(n) = v { total += Double(n) } else if case let .decimal(d) = v { total += d }
                }
                if total.isFinite { return .decimal(function == .avg ? total / Double(values.count) : total) }
                // Past the largest decimal on the way: added again scaled down, where it
                // cannot overflow, so only a total (not an average) that is too large fails.
                let scale = 0x1p-64
                var scaled = 0.0
                for v in values {
                    if case let .integer(n) = v { scaled += Double(n) * scale } else if case let .decimal(d) = v { scaled += d * scale }
                }
                if function == .avg { return .decimal(scaled / Double(values.count) / scale) }
                let unscaled = scaled / scale
                guard unscaled.isFinite else { throw Diagnostic(.sumBeyondDecimal(field: field)) }
                return .decimal(unscaled)
            }
        }
    }
}

/// A sum of 64-bit integers in 128 bits, two's complement: no total of up
/// to 2^64 of them overflows, and the total is exact, whatever the order.
struct ExactSum {
    var high: Int64 = 0
    var low: UInt64 = 0

    mutating func add(_ n: Int) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: Int64(n)))
        low = sum
        high = high &+ (n < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    /// The total, when it fits in 64 bits.
    var int: Int? {
        let asInt = Int64(bitPattern: low)
        return high == (asInt < 0 ? -1 : 0) ? Int(asInt) : nil
    }

    var double: Double {
        if let n = int { return Double(n) }
        // The magnitude in two halves, then the sign: a negative high half
        // plus a large low one would cancel in decimals.
        let negative = high < 0
        var (h, l) = (UInt64(bitPattern: high), low)
        if negative { (h, l) = (~h &+ (~l == .max ? 1 : 0), ~l &+ 1) }
        let magnitude = Double(h) * 0x1p64 + Double(l)
        return negative ? -magnitude : magnitude
    }
}

extension Evaluator {
    /// `mostFrequent` for a text field of the collection itself, counted by
    /// dictionary code without building a value per record; nil for other paths.
    func mostFrequentText(_ p: ResolvedPath, _ rows: [Int], collection: Int) -> Value? {
        guard rows.count > 1, p.steps.count == 1,
              case let .text(codes, dictionary) = dataset.collections[collection].columns[p.steps[0].field].storage else { return nil }
        // Most groups have one spelling, one code: seen in one pass of comparisons.
        let only = codes[rows[0]]
        let one = codes.withUnsafeBufferPointer { c in !rows.contains { c[$0] != only } }
        if one { return only == Column.nullCode ? .null : .text(dictionary[Int(only)]) }
        // Per code: how many rows have it, and the position of the first.
        var tally: [UInt32: (count: Int, first: Int)] = [:]
        if dictionary.count < rows.count * 4 {
            // A small dictionary: count in an array (the last slot is null).
            var counts = [Int](repeating: 0, count: dictionary.count + 1), first = counts
            let nullSlot = UInt32(dictionary.count)
            codes.withUnsafeBufferPointer { codes in
                for (i, row) in rows.enumerated() {
                    let slot = Int(min(codes[row], nullSlot))
                    if counts[slot] == 0 { first[slot] = i }
                    counts[slot] += 1
                }
            }
            for slot in counts.indices where counts[slot] > 0 {
                tally[slot == dictionary.count ? Column.nullCode : UInt32(slot)] = (counts[slot], first[slot])
            }
        } else {
            for (i, row) in rows.enumerated() { tally[codes[row], default: (0, i)].count += 1 }
        }
        // Codes of the same spelling (a dictionary need not be distinct) count together.
        var bySpelling: [[UInt8]: (count: Int, first: Int)] = [:]
        for (code, t) in tally {
            let spelling = code == Column.nullCode ? [] : Array(dictionary[Int(code)].utf8) + [0]
            let old = bySpelling[spelling] ?? (0, t.first)
            bySpelling[spelling] = (old.count + t.count, min(old.first, t.first))
        }
        let best = bySpelling.values.max { a, b in a.count < b.count || (a.count == b.count && a.first > b.first) }!
        let code = codes[rows[best.first]]
        return code == Column.nullCode ? .null : .text(dictionary[Int(code)])
    }

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

