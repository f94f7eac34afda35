/// Evaluates a condition for every record at once, column by column, into
/// two bitmaps: the rows where it is true and the rows where it is false
/// (a row in neither is unknown, because of a null). `and`, `or`, `not` are
/// then word operations. Each leaf means what `ValueTest` says it means: a
/// field of the collection itself is scanned in its typed array (each
/// distinct text decided once by the test), any other path is followed
/// record by record (through lists as the records it reaches, `reached`)
/// and its value given to the same test.
struct ConditionScan {
    let evaluator: Evaluator
    let collection: Int
    let count: Int
    /// Whether number expressions are computed a column at a time (`NumberKernel`);
    /// off, every row goes the row-by-row way (the tests compare the two).
    var usesKernels = true

    /// The rows this scan decides: all of them, or a block of them (see `blocks`).
    var first = 0
    var rows: Range<Int> { first..<(first + count) }

    var kernel: NumberKernel { NumberKernel(dataset: evaluator.dataset, collection: collection, rows: rows) }

    /// Rows a kernel computes at a time: its numbers (64 KB a block) stay in
    /// the cache from one operator to the next, below the size the allocator
    /// maps fresh pages for, and no column-sized array is made.
    var blockRows = 8_192

    /// A kernel's leaf block by block, the blocks' bitmaps joined; nil as soon
    /// as a block is not a kernel's (an overflow in it): the row-by-row way then
    /// decides every row, and gives the error at the first that fails.
    func blocks(_ leaf: (ConditionScan) throws(Diagnostic) -> Outcome?) throws(Diagnostic) -> Outcome? {
        if count <= blockRows { return try leaf(self) }
        var out = Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
        var start = 0
        while start < count {
            if evaluator.isCancelled() { throw Diagnostic(.cancelled) }
            var block = ConditionScan(evaluator: evaluator, collection: collection, count: min(blockRows, count - start), usesKernels: true)
            block.first = first + start
            block.blockRows = blockRows
            guard let o = try leaf(block) else { return nil }
            let word = start / 64
            for w in o.yes.words.indices {
                out.yes.words[word + w] = o.yes.words[w]
                out.no.words[word + w] = o.no.words[w]
            }
            start += blockRows
        }
        return out
    }

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
            return try leaf(c)
        }
    }

    /// A leaf: on a field of the collection itself, from its typed column;
    /// through references, the shared test on each record's value.
    func leaf(_ c: CheckedCondition) throws(Diagnostic) -> Outcome {
        if case let .compareBoth(x, op, y) = c {
            if usesKernels, let out = try blocks({ $0.compareColumns(x, op, y) }) { return out }
            let dataset = evaluator.dataset
            return try perRowComputed { row throws(Diagnostic) in
                let a = try evaluator.tested(x, row: row, collection: collection)
                let b = try evaluator.tested(y, row: row, collection: collection)
                return ValueTest.verdict(Computation.compare(a, op, b, dataset: dataset))
            }
        }
        let test = ValueTest(c, dataset: evaluator.dataset)!
        guard let path = test.path else {
            // A computed subject: its value per record, given to the same test.
            let subject = test.subject!
            if usesKernels, let out = try blocks({ scan throws(Diagnostic) in
                try scan.kernel.column(subject).map { c throws(Diagnostic) in try scan.scanColumn(test, c) }
            }) {
                return out
            }
            return try perRowComputed { row throws(Diagnostic) in
                test.verdict(on: try evaluator.value(of: subject, row: row, collection: collection))
            }
        }
        if path.steps.count == 1 {
            return try scanColumn(test, evaluator.dataset.collections[collection].columns[path.steps[0].field])
        }
        return try perRow { row in test.verdict(on: evaluator.reached(path, row: row, collection: collection)) }
    }

    /// `x op y` for two number expressions of the collection's own columns,
    /// both computed by the kernel, compared row by row as `ValueTest` would
    /// compare them: whole numbers exactly, a whole number with a decimal as
    /// the order and the key of `=` have it; nil when either is not a kernel's.
    func compareColumns(_ x: CheckedExpression, _ op: ComparisonOperator, _ y: CheckedExpression) -> Outcome? {
        guard !(x.isConstant && y.isConstant), let a = kernel.numbers(x), let b = kernel.numbers(y) else { return nil }
        let nulls: Bitmap?
        switch (a.nulls, b.nulls) {
        case let (p?, q?) where !a.isConstant && !b.isConstant: var u = p; u.formUnion(q); nulls = u
        case let (p?, _) where !a.isConstant: nulls = p
        case let (_, q?) where !b.isConstant: nulls = q
        default: nulls = nil
        }
        // Where each side's rows start in its numbers (a stored column is read in place).
        let pa = a.base, pb = b.base
        if !a.isConstant, !b.isConstant { return twoColumns(a, op, b, nulls, pa, pb) }
        let ma = a.isConstant ? 0 : ~0, mb = b.isConstant ? 0 : ~0
        switch (a, b) {
        case let (.integers(rp), .integers(rq)):
            let p = rp.values, q = rq.values
            return p.withUnsafeBufferPointer { p in
                q.withUnsafeBufferPointer { q in
                    switch op {
                    case .equal: scan(count, nulls) { p[pa &+ ($0 & ma)] == q[pb &+ ($0 & mb)] }
                    case .notEqual: scan(count, nulls) { p[pa &+ ($0 & ma)] != q[pb &+ ($0 & mb)] }
                    case .less: scan(count, nulls) { p[pa &+ ($0 & ma)] < q[pb &+ ($0 & mb)] }
                    case .lessOrEqual: scan(count, nulls) { p[pa &+ ($0 & ma)] <= q[pb &+ ($0 & mb)] }
                    case .greater: scan(count, nulls) { p[pa &+ ($0 & ma)] > q[pb &+ ($0 & mb)] }
                    case .greaterOrEqual: scan(count, nulls) { p[pa &+ ($0 & ma)] >= q[pb &+ ($0 & mb)] }
                    case .contains, .like: Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
                    }
                }
            }
        case let (.integers(rp), .decimals(rq)):
            let p = rp.values, q = rq.values
            // Whole numbers within 2^53 are exact as doubles, and then the doubles'
            // order and equality are cstoq's; beyond, each row as `ValueTest` has it.
            if Self.exactAsDoubles(p, from: pa, count: rp.constant ? 1 : count) {
                return p.withUnsafeBufferPointer { p in
                    q.withUnsafeBufferPointer { q in compareDoubles(op, nulls, { Double(p[pa &+ ($0 & ma)]) }, { q[pb &+ ($0 & mb)] }) }
                }
            }
            // The decimal is the target: a whole one is the integer it equals (`ValueComparison.key`).
            return p.withUnsafeBufferPointer { p in
                q.withUnsafeBufferPointer { q in
                    scan(count, nulls) { Self.mixed(p[pa &+ ($0 & ma)], op, q[pb &+ ($0 & mb)]) }
                }
            }
        case let (.decimals(rp), .integers(rq)):
            let p = rp.values, q = rq.values
            if Self.exactAsDoubles(q, from: pb, count: rq.constant ? 1 : count) {
                return p.withUnsafeBufferPointer { p in
                    q.withUnsafeBufferPointer { q in compareDoubles(op, nulls, { p[pa &+ ($0 & ma)] }, { Double(q[pb &+ ($0 & mb)]) }) }
                }
            }
            return p.withUnsafeBufferPointer { p in
                q.withUnsafeBufferPointer { q in
                    switch op {
                    // `=` is by the key: a whole decimal is the integer it equals.
                    case .equal, .notEqual: scan(count, nulls) { Self.mixed(q[pb &+ ($0 & mb)], op, p[pa &+ ($0 & ma)]) }
                    default: scan(count, nulls) { op.accepts(p[pa &+ ($0 & ma)] < Double(q[pb &+ ($0 & mb)]) ? -1 : (p[pa &+ ($0 & ma)] == Double(q[pb &+ ($0 & mb)]) ? 0 : 1)) }
                    }
                }
            }
        case let (.decimals(rp), .decimals(rq)):
            let p = rp.values, q = rq.values
            return p.withUnsafeBufferPointer { p in
                q.withUnsafeBufferPointer { q in compareDoubles(op, nulls, { p[pa &+ ($0 & ma)] }, { q[pb &+ ($0 & mb)] }) }
            }
        }
    }

    /// The scan's rows of `v`, from `start`, as a buffer indexed from 0.
    @inline(__always)
    func rows<T, R>(_ v: [T], from start: Int, _ body: (UnsafeBufferPointer<T>) -> R) -> R {
        v.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    /// `compareColumns` when both sides are columns: each read from where its
    /// rows start, with no mask to apply (the loops the filter spends its time in).
    func twoColumns(_ a: NumberKernel.Numbers, _ op: ComparisonOperator, _ b: NumberKernel.Numbers,
                    _ nulls: Bitmap?, _ pa: Int, _ pb: Int) -> Outcome {
        switch (a, b) {
        case let (.integers(rp), .integers(rq)):
            let p = rp.values, q = rq.values
            return rows(p, from: pa) { p in
                rows(q, from: pb) { q in
                    switch op {
                    case .equal: scan(count, nulls) { p[$0] == q[$0] }
                    case .notEqual: scan(count, nulls) { p[$0] != q[$0] }
                    case .less: scan(count, nulls) { p[$0] < q[$0] }
                    case .lessOrEqual: scan(count, nulls) { p[$0] <= q[$0] }
                    case .greater: scan(count, nulls) { p[$0] > q[$0] }
                    case .greaterOrEqual: scan(count, nulls) { p[$0] >= q[$0] }
                    case .contains, .like: Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
                    }
                }
            }
        case let (.integers(rp), .decimals(rq)):
            let p = rp.values, q = rq.values
            // Whole numbers within 2^53 are exact as doubles, and then the doubles'
            // order and equality are cstoq's; beyond, each row as `ValueTest` has it.
            if Self.exactAsDoubles(p, from: pa, count: count) {
                return rows(p, from: pa) { p in
                    rows(q, from: pb) { q in compareDoubles(op, nulls, { Double(p[$0]) }, { q[$0] }) }
                }
            }
            // The decimal is the target: a whole one is the integer it equals (`ValueComparison.key`).
            return rows(p, from: pa) { p in
                rows(q, from: pb) { q in
                    scan(count, nulls) { Self.mixed(p[$0], op, q[$0]) }
                }
            }
        case let (.decimals(rp), .integers(rq)):
            let p = rp.values, q = rq.values
            if Self.exactAsDoubles(q, from: pb, count: count) {
                return rows(p, from: pa) { p in
                    rows(q, from: pb) { q in compareDoubles(op, nulls, { p[$0] }, { Double(q[$0]) }) }
                }
            }
            return rows(p, from: pa) { p in
                rows(q, from: pb) { q in
                    switch op {
                    // `=` is by the key: a whole decimal is the integer it equals.
                    case .equal, .notEqual: scan(count, nulls) { Self.mixed(q[$0], op, p[$0]) }
                    default: scan(count, nulls) { op.accepts(p[$0] < Double(q[$0]) ? -1 : (p[$0] == Double(q[$0]) ? 0 : 1)) }
                    }
                }
            }
        case let (.decimals(rp), .decimals(rq)):
            let p = rp.values, q = rq.values
            return rows(p, from: pa) { p in
                rows(q, from: pb) { q in compareDoubles(op, nulls, { p[$0] }, { q[$0] }) }
            }
        }
    }

    /// Whether every number is within 2^53, where a double holds it exactly.
    static func exactAsDoubles(_ v: [Int], from start: Int, count: Int) -> Bool {
        // One unsigned comparison a number, or-ed without a branch, so the loop vectorizes.
        var far: UInt8 = 0
        v.withUnsafeBufferPointer { v in
            for x in v[start..<(start + count)] { far |= UInt(bitPattern: x &+ (1 << 53)) > UInt(1 << 54) ? 1 : 0 }
        }
        return far == 0
    }

    /// `l(row) op r(row)` on doubles for every row (the two reads inlined into the loop).
    @inline(__always)
    func compareDoubles(_ op: ComparisonOperator, _ nulls: Bitmap?, _ l: (Int) -> Double, _ r: (Int) -> Double) -> Outcome {
        switch op {
        case .equal: scan(count, nulls) { l($0) == r($0) }
        case .notEqual: scan(count, nulls) { l($0) != r($0) }
        case .less: scan(count, nulls) { l($0) < r($0) }
        case .lessOrEqual: scan(count, nulls) { l($0) <= r($0) }
        case .greater: scan(count, nulls) { l($0) > r($0) }
        case .greaterOrEqual: scan(count, nulls) { l($0) >= r($0) }
        case .contains, .like: Outcome(yes: Bitmap(count: count), no: Bitmap(count: count))
        }
    }

    /// A whole number against a decimal target, as `ValueTest` has it: a whole
    /// decimal in range is the integer it equals (exact), any other compares
    /// as a double in an order and equals no whole number.
    @inline(__always)
    static func mixed(_ p: Int, _ op: ComparisonOperator, _ q: Double) -> Bool {
        if q == q.rounded(), Swift.abs(q) < 9.2e18 {
            let t = Int(q)
            return op.accepts(p < t ? -1 : (p == t ? 0 : 1))
        }
        switch op {
        case .equal: return false
        case .notEqual: return true
        default:
            let d = Double(p)
            return op.accepts(d < q ? -1 : (d == q ? 0 : 1))
        }
    }

    /// `perRow` for a verdict whose computation can fail (an overflow): the first error stops the scan.
    func perRowComputed(_ verdict: (Int) throws(Diagnostic) -> Int8) throws(Diagnostic) -> Outcome {
        var failure: Diagnostic?
        let out = try perRow { row in
            if failure != nil { return -1 }
            do throws(Diagnostic) {
                return try verdict(row)
            } catch {
                failure = error
                return -1
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The leaf on one column. Text, booleans and references have few values
    /// for many rows: the test decides each dictionary entry (each boolean
    /// state, each referenced record) once, and the rows look their verdict
    /// up. Numbers and dates compared with one value have their own loops.
    /// Null is decided by the test like any other value.
    func scanColumn(_ test: ValueTest, _ column: Column) throws(Diagnostic) -> Outcome {
        let onNull = test.verdict(on: .null)
        switch column.storage {
        case let .text(codes, dictionary):
            // A mostly distinct column has as many entries as rows: Ctrl-C is heard here too.
            var verdicts = [Int8](repeating: onNull, count: dictionary.count + 1)
            for (code, text) in dictionary.enumerated() {
                if code & 0xFFF == 0, evaluator.isCancelled() { throw Diagnostic(.cancelled) }
                verdicts[code] = test.textVerdict(text)
            }
            let nullSlot = UInt32(dictionary.count)
            return verdicts.withUnsafeMutableBufferPointer { v in
                codes.withUnsafeBufferPointer { codes in
                    fill { row in v[Int(min(codes[row], nullSlot))] }
                }
            }
        case let .boolean(values):
            // -1 null, 0 false, 1 true: three verdicts.
            let verdicts: [Int8] = [onNull, test.verdict(on: .boolean(false)), test.verdict(on: .boolean(true))]
            return values.withUnsafeBufferPointer { v in fill { row in verdicts[Int(v[row]) + 1] } }
        case let .reference(target, rows):
            let targets = evaluator.dataset.collections[target].count
            guard targets <= max(4096, count) else { break }
            var verdicts = [Int8](repeating: onNull, count: targets + 1)
            for r in 0..<targets {
                if r & 0xFFFF == 0, evaluator.isCancelled() { throw Diagnostic(.cancelled) }
                verdicts[r + 1] = test.verdict(on: .reference(RecordRef(collection: target, row: r)))
            }
            return rows.withUnsafeBufferPointer { v in fill { row in verdicts[Int(v[row]) + 1] } }
        case let .integer(values, nulls):
            guard let (op, target) = Self.oneComparison(test) else { break }
            switch target {
            case let .integer(t): return values.withUnsafeBufferPointer { withNulls(compare($0, op, t, nulls: nulls), nulls, onNull) }
            case let .decimal(t):
                // The null rows hold a placeholder: `scan` leaves them out of both sides.
                return withNulls(values.withUnsafeBufferPointer { v in
                    scan(v.count, nulls) { row in op.accepts(Double(v[row]) < t ? -1 : (Double(v[row]) == t ? 0 : 1)) }
                }, nulls, onNull)
            default: break
            }
        case let .decimal(values, nulls):
            guard let (op, target) = Self.oneComparison(test) else { break }
            let t: Double
            switch target {
            case let .integer(n): t = Double(n)
            case let .decimal(d): t = d
            default: return try perRow { row in test.verdict(on: column[row]) }
            }
            return values.withUnsafeBufferPointer { withNulls(compare($0, op, t, nulls: nulls), nulls, onNull) }
        case let .date(values):
            guard case let (op, .date(d))? = Self.oneComparison(test) else { break }
            let t = d.packed
            return values.withUnsafeBufferPointer { v in
                fill { row in v[row] == 0 ? onNull : (op.accepts(v[row] < t ? -1 : (v[row] == t ? 0 : 1)) ? 1 : 0) }
            }
        case .values:
            break
        }
        return try perRow { row in test.verdict(on: column[row]) }
    }

    /// The test as one comparison with one value (`=` and `!=` with a single
    /// target key, or an order), for the number and date loops.
    static func oneComparison(_ test: ValueTest) -> (ComparisonOperator, Value)? {
        switch test.kind {
        case let .order(op, target): return (op, target)
        case let .equal(equality, negated):
            guard equality.keys.count == 1, let key = equality.keys.first else { return nil }
            return (negated ? .notEqual : .equal, key)
        default: return nil
        }
    }

    /// Gives the null rows the verdict the test gives null (the loops leave them unknown).
    func withNulls(_ out: Outcome, _ nulls: Bitmap?, _ onNull: Int8) -> Outcome {
        guard let nulls, onNull >= 0 else { return out }
        var out = out
        if onNull == 1 { out.yes.formUnion(nulls) } else { out.no.formUnion(nulls) }
        return out
    }

    /// The general case: a verdict per row, polling for cancellation.
    func perRow(_ verdict: (Int) -> Int8) throws(Diagnostic) -> Outcome {
        var cancelled = false
        let out = fill { row in
            if row & 0xFFFF == 0, evaluator.isCancelled() { cancelled = true }
            return cancelled ? -1 : verdict(row)
        }
        if cancelled { throw Diagnostic(.cancelled) }
        return out
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
