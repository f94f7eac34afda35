/// Arithmetic on columns: an expression made of the collection's own number
/// fields, back-reference counts, number constants, `+ - * /` and unary
/// minus is computed for a block of rows at once, loop by loop, into numbers
/// the condition scan then compares like a stored column's.
///
/// It computes what `Computation` computes, row for row: null in gives null
/// out, `/` gives a decimal and null for zero, a decimal result that is not
/// a number is null. Where any row would fail (a whole number past 64 bits,
/// a decimal past the largest double) the kernel gives the expression up and
/// the row-by-row evaluation runs instead, so the error is the one it gives,
/// at the first row that fails, operands named. Anything else (dates, text,
/// functions, paths through references) is not a kernel's either.
struct NumberKernel {
    let dataset: Dataset
    let collection: Int
    /// The rows computed: all of them, or one block (`ConditionScan.blocks`:
    /// the numbers in between stay in the cache, and no column-sized array is
    /// made). Starts at a multiple of 64, so null masks are sliced by words.
    let rows: Range<Int>
    var count: Int { rows.count }

    init(dataset: Dataset, collection: Int, rows: Range<Int>) {
        precondition(rows.lowerBound % 64 == 0)
        self.dataset = dataset
        self.collection = collection
        self.rows = rows
    }

    init(dataset: Dataset, collection: Int, count: Int) {
        self.init(dataset: dataset, collection: collection, rows: 0..<count)
    }

    /// Numbers for the rows: row i of the block is `values[base + (i & mask)]`.
    /// A stored column is read in place (base: the block's first row); a
    /// computed one starts at 0; a constant has one element and a mask of 0.
    /// `nulls` (block-sized) marks the rows that are null: their slot holds a
    /// placeholder the loops compute on and the mask then hides.
    struct Run<T> {
        var values: [T]
        var base = 0
        var constant = false
        var nulls: Bitmap?

        var mask: Int { constant ? 0 : ~0 }
    }

    enum Numbers {
        case integers(Run<Int>)
        case decimals(Run<Double>)

        var nulls: Bitmap? {
            switch self {
            case let .integers(r): r.nulls
            case let .decimals(r): r.nulls
            }
        }

        var isConstant: Bool {
            switch self {
            case let .integers(r): r.constant
            case let .decimals(r): r.constant
            }
        }

        var base: Int {
            switch self {
            case let .integers(r): r.base
            case let .decimals(r): r.base
            }
        }
    }

    /// The expression's value for the rows, as a column of them, when it is a
    /// kernel's and no row fails; nil sends it down the row-by-row way.
    func column(_ e: CheckedExpression) -> Column? {
        guard !e.isConstant, let numbers = numbers(e) else { return nil }
        switch numbers {
        case let .integers(r): return Column(.integer(own(r), nulls: r.nulls))
        case let .decimals(r): return Column(.decimal(own(r), nulls: r.nulls))
        }
    }

    /// The run's numbers for the rows alone, starting at 0.
    private func own<T>(_ r: Run<T>) -> [T] {
        if r.base == 0, r.values.count == count { return r.values }
        return Array(r.values[r.base..<(r.base + count)])
    }

    func numbers(_ e: CheckedExpression) -> Numbers? {
        switch e {
        case let .constant(.integer(n)): return .integers(Run(values: [n], constant: true))
        case let .constant(.decimal(d)): return .decimals(Run(values: [d], constant: true))
        case let .path(p) where p.steps.count == 1 && !p.throughList:
            let column = dataset.collections[collection].columns[p.steps[0].field]
            switch column.storage {
            case let .integer(v, nulls): return .integers(Run(values: v, base: rows.lowerBound, nulls: nulls.map(slice)))
            case let .decimal(v, nulls): return .decimals(Run(values: v, base: rows.lowerBound, nulls: nulls.map(slice)))
            default: return nil
            }
        case let .backCount(b) where b.counts.count >= rows.upperBound:
            return .integers(Run(values: b.counts, base: rows.lowerBound))
        case let .negate(x, _):
            guard let x = numbers(x) else { return nil }
            switch x {
            case let .integers(r):
                // `-Int.min` does not fit: the row that holds it fails, unless it is null.
                let n = r.constant ? 1 : count
                var out = [Int](repeating: 0, count: n)
                for i in 0..<n {
                    let (v, o) = (0 as Int).subtractingReportingOverflow(r.values[r.base + i])
                    if o, !(r.nulls?[i] ?? false) { return nil }
                    out[i] = o ? 0 : v
                }
                return .integers(Run(values: out, constant: r.constant, nulls: r.nulls))
            case let .decimals(r):
                let n = r.constant ? 1 : count
                return .decimals(Run(values: (0..<n).map { -r.values[r.base + $0] }, constant: r.constant, nulls: r.nulls))
            }
        case let .arithmetic(op, a, b, _):
            guard let x = numbers(a), let y = numbers(b), let r = arithmetic(op, x, y) else { return nil }
            // A constant part that is null (`1 / 0`) is rare: its one-row mask stays out of the loops.
            if r.isConstant, r.nulls != nil { return nil }
            return r
        default:
            return nil
        }
    }

    /// `x op y` row by row, one loop whether each side is a column or a constant.
    private func arithmetic(_ op: ArithmeticOperator, _ x: Numbers, _ y: Numbers) -> Numbers? {
        let constant = x.isConstant && y.isConstant
        let n = constant ? 1 : count
        var nulls = Self.union(x.nulls, y.nulls)
        if case let .integers(a) = x, case let .integers(b) = y {
            if op == .divide {
                // Exact as a decimal; by zero, null.
                var zero = Bitmap(count: n)
                var anyZero = false
                let out = Self.loop(n, a, b) { p, q, i -> Double in
                    if q == 0 { zero[i] = true; anyZero = true; return 0 }
                    return Double(p) / Double(q)
                }
                if anyZero { nulls = Self.union(nulls, zero) }
                return .decimals(Run(values: out, constant: constant, nulls: nulls))
            }
            let (out, failed) = Self.wholeNumbers(op, n, a, b)
            // An overflow on a null row's placeholder is no failure (null in, null out);
            // on any other row the row-by-row way gives the error it gives.
            if failed, !Self.overflowsOnlyWhereNull(op, n, a, b, nulls) { return nil }
            return .integers(Run(values: out, constant: constant, nulls: nulls))
        }
        let a = decimals(x), b = decimals(y)
        var notANumber = Bitmap(count: n)
        var anyNaN = false, infinite = false
        // Whether any result is not finite, gathered in the loop: the rows are looked at again only then.
        let (out, unusual) = Self.decimalNumbers(op, n, a, b)
        if unusual {
            for i in 0..<n {
                let r = out[i]
                if r.isNaN {
                    notANumber[i] = true
                    anyNaN = true
                } else if !r.isFinite, !(nulls?[i] ?? false) {
                    infinite = true
                }
            }
        }
        if infinite { return nil }
        if anyNaN { nulls = Self.union(nulls, notANumber) }
        return .decimals(Run(values: out, constant: constant, nulls: nulls))
    }

    /// The same numbers as decimals, for an operation with one (whole numbers converted, the rows alone).
    private func decimals(_ x: Numbers) -> Run<Double> {
        switch x {
        case let .decimals(r): return r
        case let .integers(r):
            let n = r.constant ? 1 : count
            return Run(values: (0..<n).map { Double(r.values[r.base + $0]) }, constant: r.constant, nulls: r.nulls)
        }
    }

    @inline(__always)
    private static func loop<T, R>(_ n: Int, _ a: Run<T>, _ b: Run<T>, _ f: (T, T, Int) -> R) -> [R] {
        let ma = a.mask, mb = b.mask, pa = a.base, pb = b.base
        return a.values.withUnsafeBufferPointer { x in
            b.values.withUnsafeBufferPointer { y in
                [R](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n { out.initializeElement(at: i, to: f(x[pa + (i & ma)], y[pb + (i & mb)], i)) }
                    initialized = n
                }
            }
        }
    }

    /// `+ - *` on whole numbers, and whether any row overflowed: a loop of its
    /// own for each operator, the overflow flag kept in a register.
    private static func wholeNumbers(_ op: ArithmeticOperator, _ n: Int, _ a: Run<Int>, _ b: Run<Int>) -> ([Int], Bool) {
        let ma = a.mask, mb = b.mask, pa = a.base, pb = b.base
        var overflow = false
        let out = a.values.withUnsafeBufferPointer { x in
            b.values.withUnsafeBufferPointer { y in
                [Int](unsafeUninitializedCapacity: n) { out, initialized in
                    // The flag or-ed without a branch, so the loops vectorize.
                    var o: UInt8 = 0
                    switch op {
                    case .add:
                        for i in 0..<n {
                            let (r, v) = x[pa &+ (i & ma)].addingReportingOverflow(y[pb &+ (i & mb)])
                            out[i] = r
                            o |= v ? 1 : 0
                        }
                    case .subtract:
                        for i in 0..<n {
                            let (r, v) = x[pa &+ (i & ma)].subtractingReportingOverflow(y[pb &+ (i & mb)])
                            out[i] = r
                            o |= v ? 1 : 0
                        }
                    default:
                        for i in 0..<n {
                            let (r, v) = x[pa &+ (i & ma)].multipliedReportingOverflow(by: y[pb &+ (i & mb)])
                            out[i] = r
                            o |= v ? 1 : 0
                        }
                    }
                    overflow = o != 0
                    initialized = n
                }
            }
        }
        return (out, overflow)
    }

    /// `+ - * /` on decimals (`/ 0` not a number), and whether any result is
    /// not finite: a loop of its own for each operator, the flag without a branch.
    private static func decimalNumbers(_ op: ArithmeticOperator, _ n: Int, _ a: Run<Double>, _ b: Run<Double>) -> ([Double], Bool) {
        let ma = a.mask, mb = b.mask, pa = a.base, pb = b.base
        var unusual = false
        let out = a.values.withUnsafeBufferPointer { x in
            b.values.withUnsafeBufferPointer { y in
                [Double](unsafeUninitializedCapacity: n) { out, initialized in
                    var u: UInt8 = 0
                    switch op {
                    case .add:
                        for i in 0..<n { let r = x[pa &+ (i & ma)] + y[pb &+ (i & mb)]; out[i] = r; u |= r.isFinite ? 0 : 1 }
                    case .subtract:
                        for i in 0..<n { let r = x[pa &+ (i & ma)] - y[pb &+ (i & mb)]; out[i] = r; u |= r.isFinite ? 0 : 1 }
                    case .multiply:
                        for i in 0..<n { let r = x[pa &+ (i & ma)] * y[pb &+ (i & mb)]; out[i] = r; u |= r.isFinite ? 0 : 1 }
                    case .divide:
                        for i in 0..<n {
                            let q = y[pb &+ (i & mb)]
                            let r = q == 0 ? Double.nan : x[pa &+ (i & ma)] / q
                            out[i] = r
                            u |= r.isFinite ? 0 : 1
                        }
                    }
                    unusual = u != 0
                    initialized = n
                }
            }
        }
        return (out, unusual)
    }

    private static func overflowsOnlyWhereNull(_ op: ArithmeticOperator, _ n: Int, _ a: Run<Int>, _ b: Run<Int>, _ nulls: Bitmap?) -> Bool {
        guard let nulls else { return false }
        for i in 0..<n where !nulls[i] {
            let p = a.values[a.base + (i & a.mask)], q = b.values[b.base + (i & b.mask)]
            let overflow = switch op {
            case .add: p.addingReportingOverflow(q).overflow
            case .subtract: p.subtractingReportingOverflow(q).overflow
            default: p.multipliedReportingOverflow(by: q).overflow
            }
            if overflow { return false }
        }
        return true
    }

    /// The kernel's rows of a column's null mask.
    private func slice(_ b: Bitmap) -> Bitmap {
        if rows.count == b.count { return b }
        let first = rows.lowerBound / 64
        var out = Bitmap(count: rows.count)
        for w in out.words.indices { out.words[w] = b.words[first + w] }
        out.clearTail()
        return out
    }

    private static func union(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard var a else { return b }
        guard let b else { return a }
        a.formUnion(b)
        return a
    }
}
