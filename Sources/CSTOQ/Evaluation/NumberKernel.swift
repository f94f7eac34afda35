/// Arithmetic on whole columns: an expression made of the collection's own
/// number fields, back-reference counts, number constants, `+ - * /` and
/// unary minus is computed for every row at once, loop by loop, into a
/// column the condition scan then compares like any stored one.
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
    let count: Int

    /// Numbers for every row, or one number for them all (`constant`, one
    /// element), and the rows where the value is null (their slot holds a
    /// placeholder the loops compute on and the nulls then hide).
    enum Numbers {
        case integers([Int], nulls: Bitmap?, constant: Bool)
        case decimals([Double], nulls: Bitmap?, constant: Bool)

        var nulls: Bitmap? {
            switch self {
            case let .integers(_, n, _), let .decimals(_, n, _): n
            }
        }

        var isConstant: Bool {
            switch self {
            case let .integers(_, _, c), let .decimals(_, _, c): c
            }
        }

        /// The same numbers as decimals, for an operation with one.
        var decimals: [Double] {
            switch self {
            case let .integers(v, _, _): v.map(Double.init)
            case let .decimals(v, _, _): v
            }
        }

        /// The column the scan reads.
        var column: Column {
            switch self {
            case let .integers(v, n, _): Column(.integer(v, nulls: n))
            case let .decimals(v, n, _): Column(.decimal(v, nulls: n))
            }
        }
    }

    /// The expression's value for every row, when it is a kernel's and no
    /// row fails; nil sends it down the row-by-row way.
    func column(_ e: CheckedExpression) -> Column? {
        guard !e.isConstant, let numbers = numbers(e) else { return nil }
        return numbers.column
    }

    func numbers(_ e: CheckedExpression) -> Numbers? {
        switch e {
        case let .constant(.integer(n)): return .integers([n], nulls: nil, constant: true)
        case let .constant(.decimal(d)): return .decimals([d], nulls: nil, constant: true)
        case let .path(p) where p.steps.count == 1 && !p.throughList:
            let column = dataset.collections[collection].columns[p.steps[0].field]
            switch column.storage {
            case let .integer(v, nulls): return .integers(v, nulls: nulls, constant: false)
            case let .decimal(v, nulls): return .decimals(v, nulls: nulls, constant: false)
            default: return nil
            }
        case let .backCount(b) where b.counts.count == count:
            return .integers(b.counts, nulls: nil, constant: false)
        case let .negate(x, _):
            guard let x = numbers(x) else { return nil }
            switch x {
            case let .integers(v, nulls, constant):
                // `-Int.min` does not fit: the row that holds it fails, unless it is null.
                var out = [Int](repeating: 0, count: v.count)
                for i in 0..<v.count {
                    let (r, o) = (0 as Int).subtractingReportingOverflow(v[i])
                    if o, !(nulls?[i] ?? false) { return nil }
                    out[i] = o ? 0 : r
                }
                return .integers(out, nulls: nulls, constant: constant)
            case let .decimals(v, nulls, constant):
                return .decimals(v.map { -$0 }, nulls: nulls, constant: constant)
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

    /// `x op y` row by row. A constant reads its one element through a mask
    /// of 0, a column its own through a mask of all ones: one loop for both.
    private func arithmetic(_ op: ArithmeticOperator, _ x: Numbers, _ y: Numbers) -> Numbers? {
        let constant = x.isConstant && y.isConstant
        let n = constant ? 1 : count
        var nulls = Self.union(x.nulls, y.nulls)
        if case let .integers(a, _, _) = x, case let .integers(b, _, _) = y {
            if op == .divide {
                // Exact as a decimal; by zero, null.
                var zero = Bitmap(count: n)
                var anyZero = false
                let out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, i -> Double in
                    if q == 0 { zero[i] = true; anyZero = true; return 0 }
                    return Double(p) / Double(q)
                }
                if anyZero { nulls = Self.union(nulls, zero) }
                return .decimals(out, nulls: nulls, constant: constant)
            }
            var failed = false
            let out: [Int]
            switch op {
            case .add: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in
                let (r, o) = p.addingReportingOverflow(q); failed = failed || o; return r
            }
            case .subtract: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in
                let (r, o) = p.subtractingReportingOverflow(q); failed = failed || o; return r
            }
            default: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in
                let (r, o) = p.multipliedReportingOverflow(by: q); failed = failed || o; return r
            }
            }
            // An overflow on a null row's placeholder is no failure (null in, null out);
            // on any other row the row-by-row way gives the error it gives.
            if failed, !Self.overflowsOnlyWhereNull(op, n, a, x.isConstant, b, y.isConstant, nulls) { return nil }
            return .integers(out, nulls: nulls, constant: constant)
        }
        let a = x.decimals, b = y.decimals
        var notANumber = Bitmap(count: n)
        var anyNaN = false, infinite = false
        // Whether any result is not finite, gathered in the loop: the rows are looked at again only then.
        var unusual = false
        let out: [Double]
        switch op {
        case .add: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in let r = p + q; unusual = unusual || !r.isFinite; return r }
        case .subtract: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in let r = p - q; unusual = unusual || !r.isFinite; return r }
        case .multiply: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in let r = p * q; unusual = unusual || !r.isFinite; return r }
        case .divide: out = Self.loop(n, a, x.isConstant, b, y.isConstant) { p, q, _ in
            let r = q == 0 ? .nan : p / q; unusual = unusual || !r.isFinite; return r
        }
        }
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
        return .decimals(out, nulls: nulls, constant: constant)
    }

    @inline(__always)
    private static func loop<T, R>(
        _ n: Int, _ a: [T], _ aConstant: Bool, _ b: [T], _ bConstant: Bool, _ f: (T, T, Int) -> R
    ) -> [R] {
        let ma = aConstant ? 0 : ~0, mb = bConstant ? 0 : ~0
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [R](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n { out.initializeElement(at: i, to: f(a[i & ma], b[i & mb], i)) }
                    initialized = n
                }
            }
        }
    }

    private static func overflowsOnlyWhereNull(
        _ op: ArithmeticOperator, _ n: Int, _ a: [Int], _ aConstant: Bool, _ b: [Int], _ bConstant: Bool, _ nulls: Bitmap?
    ) -> Bool {
        guard let nulls else { return false }
        let ma = aConstant ? 0 : ~0, mb = bConstant ? 0 : ~0
        for i in 0..<n where !nulls[i] {
            let p = a[i & ma], q = b[i & mb]
            let overflow = switch op {
            case .add: p.addingReportingOverflow(q).overflow
            case .subtract: p.subtractingReportingOverflow(q).overflow
            default: p.multipliedReportingOverflow(by: q).overflow
            }
            if overflow { return false }
        }
        return true
    }

    private static func union(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard var a else { return b }
        guard let b else { return a }
        a.formUnion(b)
        return a
    }
}
