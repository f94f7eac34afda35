/// What a test of the language means, in one place: a leaf of a checked
/// condition (a comparison, `in`, `like`, `contains`, `is null`, a boolean
/// field alone) applied to the value its path gave. The row-by-row test
/// (`Evaluator.holds`) asks it once per record; the column scans ask it once
/// per dictionary entry, per boolean state or per referenced record, and for
/// null. Only the number and date kernels of `ConditionScan` compare on their
/// own, and they take the null verdict from here too.
///
/// The verdict is true, false, or nil when a null made it unknown.
struct ValueTest {
    enum Kind {
        case truthy
        case isNull(negated: Bool)
        case like(GlobPattern)
        /// The folded needle.
        case contains(String)
        /// `=`, `!=` and `in`: the value's key is one of these (see `Equality`).
        case equal(Equality, negated: Bool)
        /// `<`, `<=`, `>`, `>=` against the target's key.
        case order(ComparisonOperator, Value)
    }

    let kind: Kind
    /// What the test looks at: a path, or a value computed per row.
    let subject: CheckedExpression?
    /// For the labels of references (`like` and `contains` look at them).
    let dataset: Dataset

    /// The path the test looks at, when its subject is one.
    var path: ResolvedPath? { subject?.path }

    /// The test of a leaf; nil for `and`, `or`, `not` and two computed sides.
    init?(_ c: CheckedCondition, dataset: Dataset) {
        self.dataset = dataset
        switch c {
        case .all, .any, .not, .compareBoth:
            return nil
        case let .truthy(p):
            (subject, kind) = (p, .truthy)
        case let .isNull(p, negated):
            (subject, kind) = (p, .isNull(negated: negated))
        case let .like(p, pattern):
            (subject, kind) = (p, .like(pattern))
        case let .matchesAny(p, values, negated):
            (subject, kind) = (p, .equal(Equality(values), negated: negated))
        case let .inQuery(p, sub, negated):
            (subject, kind) = (p, .equal(Equality(sub.values), negated: negated))
        case let .compare(p, op, target):
            (subject, kind) = (p, ValueTest.kind(op, target))
        }
    }

    /// A test of values against `target` by `op`, with no subject of its own
    /// (for comparing two computed sides, one row at a time).
    init(kind: Kind, dataset: Dataset) {
        self.kind = kind
        self.dataset = dataset
        subject = nil
    }

    /// What `op` against `target` tests.
    static func kind(_ op: ComparisonOperator, _ target: Value) -> Kind {
        switch op {
        case .equal, .notEqual:
            return .equal(Equality([target]), negated: op == .notEqual)
        case .contains:
            guard case let .text(needle) = target else { return .equal(Equality([]), negated: false) }
            return .contains(ValueComparison.fold(needle))
        case .like:
            guard case let .text(pattern) = target else { return .equal(Equality([]), negated: false) }
            return .like(GlobPattern(pattern))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return .order(op, ValueComparison.key(target))
        }
    }

    func holds(on v: Value) -> Bool? {
        switch kind {
        case .truthy:
            if case let .boolean(b) = v { return b }
            if case let .list(items) = v { return items.contains(.boolean(true)) }
            return nil
        case let .isNull(negated):
            // An empty list has no value: it is null to `is null`.
            let isNull = v.isNull || v == .list([])
            return isNull != negated
        case let .like(pattern):
            if v.isNull { return nil }
            return anyText(v) { pattern.matches($0) }
        case let .contains(needle):
            if v.isNull { return nil }
            return anyText(v) { ValueComparison.fold($0).contains(needle) }
        case let .equal(equality, negated):
            if case let .text(t) = v { return equality.matches(text: t) != negated }
            if v.isNull { return nil }
            return equality.matches(v) != negated
        case let .order(op, target):
            if v.isNull { return nil }
            if case let .list(items) = v {
                return items.contains { ValueComparison.order($0, target).map(op.accepts) ?? false }
            }
            return ValueComparison.order(v, target).map(op.accepts) ?? false
        }
    }

    /// 1 true, 0 false, -1 unknown: what the scans store.
    @inline(__always)
    func verdict(on v: Value) -> Int8 {
        ValueTest.verdict(holds(on: v))
    }

    @inline(__always)
    static func verdict(_ holds: Bool?) -> Int8 {
        switch holds {
        case true?: 1
        case false?: 0
        case nil: -1
        }
    }

    /// `verdict(on: .text(s))`, for the entries of a text column's dictionary:
    /// `=`, `!=` and `in` compare the text with their folded targets directly,
    /// without a value, a key or the switch of `holds` per entry.
    @inline(__always)
    func textVerdict(_ s: String) -> Int8 {
        if case let .equal(equality, negated) = kind { return equality.matches(text: s) != negated ? 1 : 0 }
        return verdict(on: .text(s))
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
}

/// `=` as the language means it, for one value or the many of `in (…)`: two
/// values are equal when their `ValueComparison.key`s are (case, NFC and
/// no-break space folded; 3 = 3.0), a list matches when any element does,
/// and a reference compared with text matches the records the checker found
/// by id or name (a target `.list` of references). Many values are a set, so
/// `in` costs one lookup a value, however long its list.
struct Equality {
    let keys: Set<Value>
    /// With one text target, its key, compared without building the value's
    /// key (`equalsFolded` allocates nothing for ASCII).
    let onlyText: String?

    init(_ targets: [Value]) {
        var keys = Set<Value>()
        func add(_ v: Value) {
            if case let .list(options) = v { options.forEach(add) } else if !v.isNull { keys.insert(ValueComparison.key(v)) }
        }
        targets.forEach(add)
        self.keys = keys
        if keys.count == 1, case let .text(t)? = keys.first { onlyText = t } else { onlyText = nil }
    }

    func matches(_ v: Value) -> Bool {
        switch v {
        case let .list(items): return items.contains(where: matches)
        case let .text(t): return matches(text: t)
        case .null: return false
        default: return keys.contains(ValueComparison.key(v))
        }
    }

    /// `matches(.text(t))`: with one text target, `equalsFolded`.
    @inline(__always)
    func matches(text t: String) -> Bool {
        if let onlyText { return ValueComparison.equalsFolded(t, onlyText) }
        return keys.contains(.text(ValueComparison.fold(t)))
    }
}
