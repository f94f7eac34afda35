/// Evaluates a condition for every record at once, column by column, into
/// two bitmaps: the rows where it is true and the rows where it is false
/// (a row in neither is unknown, because of a null). `and`, `or`, `not` are
/// then word operations; a comparison on a field of the collection itself
/// scans that field's typed array, deciding each distinct text once; any other
/// condition falls back to testing record by record.
struct ConditionScan {
    let evaluator: Evaluator
    let collection: Int
    let count: Int

    struct Outcome {
        var yes: Bitmap
        var no: Bitmap
    }

    func run(_ c: CheckedCondition) throws(Diagnostic) -> Outcome {
        if evaluator.isCancelled() { throw Diagnostic(.cancelled) }
        switch c {
        case let .all(items):
            var out = Outcome(yes: Bitmap(count: count, filled: true), no: Bitmap(count: count))
            for item in items {
                let o = try run(item)
                out.yes.formIntersection(o.yes)
                out.no.formUnion(o.no)
            }
            return out
        case let .any(items):
            var out = Outcome(yes: Bitmap(count: count), no: Bitmap(count: count, filled: true))
            for item in items {
                let o = try run(item)
                out.yes.formUnion(o.yes)
                out.no.formIntersection(o.no)
            }
            return out
        case let .not(inner):
            let o = try run(inner)
            return Outcome(yes: o.no, no: o.yes)
        default:
            if let fast = scanLeaf(c) { return fast }
            return try rowByRow(c)
        }
    }

    /// The general case: the evaluator's own test, one record at a time.
    func rowByRow(_ c: CheckedCondition) throws(Diagnostic) -> Outcome {
        var yes = Bitmap(count: count), no = Bitmap(count: count)
        for row in 0..<count {
            if row & 0xFFFF == 0, evaluator.isCancelled() { throw Diagnostic(.cancelled) }
            switch evaluator.holds(c, row: row, collection: collection) {
            case true?: yes[row] = true
            case false?: no[row] = true
            case nil: break
            }
        }
        return Outcome(yes: yes, no: no)
    }

    /// Fills the bitmaps from a per-row verdict (1 yes, 0 no, -1 unknown), a
    /// word at a time.
    @inline(__always)
    func fill(_ verdict: (Int) -> Int8) -> Outcome {
        var yes = Bitmap(count: count), no = Bitmap(count: count)
        yes.words.withUnsafeMutableBufferPointer { y in
            no.words.withUnsafeMutableBufferPointer { n in
                var row = 0
                for w in 0..<y.count {
                    var yw: UInt64 = 0, nw: UInt64 = 0
                    let end = min(row + 64, count)
                    var shift: UInt64 = 0
                    while row < end {
                        // Branch-free, like `scan`.
                        let v = verdict(row)
                        yw |= UInt64(unsafeBitCast(v == 1, to: UInt8.self)) &<< shift
                        nw |= UInt64(unsafeBitCast(v == 0, to: UInt8.self)) &<< shift
                        shift &+= 1
                        row += 1
                    }
                    y[w] = yw
                    n[w] = nw
                }
            }
        }
        return Outcome(yes: yes, no: no)
    }

    /// A test on a field of the collection itself, on its typed column; nil
    /// when there is no fast way.
    func scanLeaf(_ c: CheckedCondition) -> Outcome? {
        let path: ResolvedPath
        switch c {
        case let .compare(p, _, _), let .matchesAny(p, _, _), let .like(p, _), let .isNull(p, _), let .truthy(p): path = p
        default: return nil
        }
        guard path.steps.count == 1 else { return nil }
        let column = evaluator.dataset.collections[collection].columns[path.steps[0].field]
        if case let .isNull(_, negated) = c {
            // An empty list is null to `is null`, as in the row test (`Evaluator.holds`).
            if case let .values(values) = column.storage {
                return fill { row in (values[row].isNull || values[row] == .list([])) != negated ? 1 : 0 }
            }
            return fill { row in column.isNull(row) != negated ? 1 : 0 }
        }
        switch column.storage {
        case let .text(codes, dictionary):
            // Decide each distinct text once, then look the verdict up per row.
            guard dictionary.count <= max(4096, count / 2) || isEquality(c) else { return nil }
            let verdicts = textVerdicts(c, dictionary)
            return verdicts.withUnsafeBufferPointer { v in
                codes.withUnsafeBufferPointer { codes in
                    fill { row in
                        let code = codes[row]
                        return code == Column.nullCode ? -1 : v[Int(code)]
                    }
                }
            }
        case let .integer(values, nulls):
            guard case let .compare(_, op, target) = c else { break }
            switch target {
            case let .integer(t):
                return values.withUnsafeBufferPointer { compare($0, op, t, nulls: nulls) }
            case let .decimal(t):
                return values.withUnsafeBufferPointer { v in
                    fill { row in (nulls?[row] ?? false) ? -1 : (op.accepts(Double(v[row]) < t ? -1 : (Double(v[row]) == t ? 0 : 1)) ? 1 : 0) }
                }
            default: return nil
            }
        case let .decimal(values, nulls):
            guard case let .compare(_, op, .decimal(t)) = c else { break }
            return values.withUnsafeBufferPointer { compare($0, op, t, nulls: nulls) }
        case let .date(values):
            guard case let .compare(_, op, .date(d)) = c else { break }
            let t = d.packed
            return values.withUnsafeBufferPointer { v in fill { row in v[row] == 0 ? -1 : (op.accepts(v[row] < t ? -1 : (v[row] == t ? 0 : 1)) ? 1 : 0) } }
        case let .boolean(values):
            let wanted: Int8
            switch c {
            case .truthy: wanted = 1
            case let .compare(_, .equal, .boolean(b)): wanted = b ? 1 : 0
            case let .compare(_, .notEqual, .boolean(b)): wanted = b ? 0 : 1
            default: return nil
            }
            return values.withUnsafeBufferPointer { v in
                fill { row in v[row] < 0 ? -1 : (v[row] == wanted ? 1 : 0) }
            }
        case let .reference(target, rows):
            // `= text` matched a set of records by id or name (see Checker).
            let options: [Value]
            let negated: Bool
            switch c {
            case let .compare(_, .equal, .list(o)): (options, negated) = (o, false)
            case let .compare(_, .notEqual, .list(o)): (options, negated) = (o, true)
            default: return nil
            }
            var hit = [Bool](repeating: false, count: evaluator.dataset.collections[target].count)
            for case let .reference(r) in options where r.collection == target { hit[r.row] = true }
            return rows.withUnsafeBufferPointer { v in
                fill { row in v[row] < 0 ? -1 : (hit[Int(v[row])] != negated ? 1 : 0) }
            }
        case .values:
            return nil
        }
        return nil
    }

    func isEquality(_ c: CheckedCondition) -> Bool {
        switch c {
        case .compare(_, .equal, _), .compare(_, .notEqual, _), .matchesAny: true
        default: false
        }
    }

    /// The verdict for each distinct text of a column.
    func textVerdicts(_ c: CheckedCondition, _ dictionary: [String]) -> [Int8] {
        switch c {
        case let .compare(_, op, .text(target)):
            let folded = ValueComparison.fold(target)
            return dictionary.map { s in
                let r: Bool
                switch op {
                case .equal: r = ValueComparison.equalsFolded(s, folded)
                case .notEqual: r = !ValueComparison.equalsFolded(s, folded)
                case .contains: r = ValueComparison.fold(s).contains(folded)
                case .less: r = ValueComparison.compareText(s, target) < 0 && !ValueComparison.equalsFolded(s, folded)
                case .lessOrEqual: r = ValueComparison.compareText(s, target) <= 0 || ValueComparison.equalsFolded(s, folded)
                case .greater: r = ValueComparison.compareText(s, target) > 0 && !ValueComparison.equalsFolded(s, folded)
                case .greaterOrEqual: r = ValueComparison.compareText(s, target) >= 0 || ValueComparison.equalsFolded(s, folded)
                case .like: r = false
                }
                return r ? 1 : 0
            }
        case let .like(_, pattern):
            return dictionary.map { pattern.matches($0) ? 1 : 0 }
        case let .matchesAny(_, values, negated):
            let targets = values.compactMap { v -> String? in if case let .text(t) = v { ValueComparison.fold(t) } else { nil } }
            return dictionary.map { s in
                let found = targets.contains { ValueComparison.equalsFolded(s, $0) }
                return found != negated ? 1 : 0
            }
        default:
            // Let the general test decide, text by text.
            return dictionary.map { s in
                switch evaluator.holdsOnValue(c, .text(s)) {
                case true?: 1
                case false?: 0
                case nil: -1
                }
            }
        }
    }

    /// `value op target` for every row, 64 rows to a word, with the operator
    /// chosen once outside the loop; a null (by mask, or 0 for dates) is
    /// neither. Written for Int and Double separately: a generic version runs
    /// five times slower here, through Comparable's witness table.
    func compare(_ v: UnsafeBufferPointer<Int>, _ op: ComparisonOperator, _ t: Int, nulls: Bitmap?) -> Outcome {
        switch op {
        case .equal: scan(v.count, nulls) { v[$0] == t }
        case .notEqual: scan(v.count, nulls) { v[$0] != t }
        case .less: scan(v.count, nulls) { v[$0] < t }
        case .lessOrEqual: scan(v.count, nulls) { v[$0] <= t }
        case .greater: scan(v.count, nulls) { v[$0] > t }
        case .greaterOrEqual: scan(v.count, nulls) { v[$0] >= t }
        case .contains, .like: Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
        }
    }

    func compare(_ v: UnsafeBufferPointer<Double>, _ op: ComparisonOperator, _ t: Double, nulls: Bitmap?) -> Outcome {
        switch op {
        case .equal: scan(v.count, nulls) { v[$0] == t }
        case .notEqual: scan(v.count, nulls) { v[$0] != t }
        case .less: scan(v.count, nulls) { v[$0] < t }
        case .lessOrEqual: scan(v.count, nulls) { v[$0] <= t }
        case .greater: scan(v.count, nulls) { v[$0] > t }
        case .greaterOrEqual: scan(v.count, nulls) { v[$0] >= t }
        case .contains, .like: Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
        }
    }

    /// The word loop behind `compare`: `test(row)` for each row, nulls cleared from both sides.
    @inline(__always)
    func scan(_ n: Int, _ nulls: Bitmap?, _ test: (Int) -> Bool) -> Outcome {
        var yes = Bitmap(count: count), no = Bitmap(count: count)
        let all = Bitmap(count: count, filled: true)
        var row = 0
        for w in 0..<yes.words.count {
            var yw: UInt64 = 0
            let end = min(row + 64, n)
            var shift: UInt64 = 0
            while row < end {
                // Branch-free: a data-dependent branch here mispredicts half the time.
                yw |= UInt64(unsafeBitCast(test(row), to: UInt8.self)) &<< shift
                shift &+= 1
                row += 1
            }
            let nw = nulls?.words[w] ?? 0
            yes.words[w] = yw & ~nw
            no.words[w] = ~yw & ~nw & all.words[w]
        }
        return Outcome(yes: yes, no: no)
    }
}
