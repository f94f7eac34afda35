/// A query whose names are resolved against a dataset's schema and whose
/// literals are typed: what the evaluator runs. It never sees text.

/// A path resolved to field positions: `leader.name` on members is
/// [(members, leader), (people, name)].
public struct ResolvedPath: Sendable, Equatable, Hashable {
    public struct Step: Sendable, Equatable, Hashable {
        public var collection: Int
        public var field: Int
    }

    public var steps: [Step]
    /// The type of the last field.
    public var type: FieldType
    /// The path as written, lower-cased (`leader.name`): the column name.
    public var name: String
    /// Whether a step follows a list of references, so the value is a list.
    public var throughList: Bool
}

public indirect enum CheckedCondition: Sendable {
    case any([CheckedCondition])
    case all([CheckedCondition])
    case not(CheckedCondition)
    /// `subject op value`; for a reference field compared to text, the value is
    /// the set of records whose id or name matched (see Checker).
    case compare(CheckedExpression, ComparisonOperator, Value)
    case matchesAny(CheckedExpression, [Value], negated: Bool)
    case like(CheckedExpression, GlobPattern)
    case isNull(CheckedExpression, negated: Bool)
    case truthy(CheckedExpression)
    /// Both sides computed for each row: `score > weight * 2`, `outgoing.country = incoming.country`.
    case compareBoth(CheckedExpression, ComparisonOperator, CheckedExpression)
    /// `x in (query)`: x among the values (or records) another query gives.
    case inQuery(CheckedExpression, Subquery, negated: Bool)
}

/// The query inside `in (…)`, checked, and what it gives: the values of its
/// one column (list values opened into their elements, nulls left out, as
/// null equals nothing) or, for a query with no `select`, its records. The
/// checker runs it once, so every row of the outer query looks its value up
/// in the same set; `explain sql` writes it as a subquery.
public struct Subquery: Sendable {
    public var query: CheckedQuery
    public var givesRecords: Bool
    public var values: [Value]
}

/// A value computed for a row (or a group): a path, a constant, arithmetic,
/// a function, an aggregate. The checker has typed it: arithmetic is on
/// numbers and dates only, functions have arguments of the kinds they take.
/// Where a computation was written, so that an error found while computing
/// it (an overflow) points there. Not part of what the expression means:
/// any two are equal, so `year(date)` in `select` matches it in `group by`.
public struct Written: Sendable, Equatable {
    public var range: SourceRange
    public init(_ range: SourceRange) { self.range = range }
    public static func == (_: Written, _: Written) -> Bool { true }
}

/// The records of another collection that point at this one, by a path of
/// references: `count(statements)` in people is statements whose `speaker`
/// is the person. The checker counts them once, per record of this
/// collection (`counts[row]`), as it resolves the query.
public struct BackReference: Sendable, Equatable {
    /// The collection that points here, and the path in it (ending in a reference here).
    public var from: Int
    public var path: ResolvedPath
    /// As written: `statements`, `appointments.incoming`.
    public var name: String
    public var counts: [Int]

    public static func == (a: BackReference, b: BackReference) -> Bool { a.from == b.from && a.path == b.path }
}

public indirect enum CheckedExpression: Sendable, Equatable {
    case path(ResolvedPath)
    /// How many records of another collection point at this record (`count(statements)`): a value of the record.
    case backCount(BackReference)
    case constant(Value)
    case negate(CheckedExpression, Written)
    case arithmetic(ArithmeticOperator, CheckedExpression, CheckedExpression, Written)
    case function(ScalarFunction, [CheckedExpression], Written)
    /// Of the rows of a group (or of the whole result without `group by`).
    case aggregate(AggregateFunction, CheckedExpression?, distinct: Bool)

    /// The path when the expression is one.
    public var path: ResolvedPath? {
        if case let .path(p) = self { p } else { nil }
    }

    /// Whether it is the same for every row: no field and no total in it.
    public var isConstant: Bool {
        switch self {
        case .constant: true
        case .path, .aggregate, .backCount: false
        case let .negate(e, _): e.isConstant
        case let .arithmetic(_, a, b, _): a.isConstant && b.isConstant
        case let .function(_, args, _): args.allSatisfy(\.isConstant)
        }
    }

    /// Whether an aggregate is in it (it is then a value of a group, not of a row).
    public var hasAggregate: Bool {
        switch self {
        case .path, .constant, .backCount: false
        case .aggregate: true
        case let .negate(e, _): e.hasAggregate
        case let .arithmetic(_, a, b, _): a.hasAggregate || b.hasAggregate
        case let .function(_, args, _): args.contains { $0.hasAggregate }
        }
    }

    /// The kind of value it gives (null when it is always null).
    public var kind: ValueKind {
        switch self {
        case let .path(p): p.throughList ? .list : p.type.valueKind
        case let .constant(v): v.kind
        case .backCount: .integer
        case let .negate(e, _): e.kind
        case let .arithmetic(op, a, b, _): CheckedExpression.kind(of: op, a.kind, b.kind)
        case let .function(f, args, _):
            switch f {
            case .lower, .upper, .trim: .text
            case .length, .year, .month, .day: .integer
            case .abs, .round: args[0].kind
            case .coalesce: args.map(\.kind).first { $0 != .null } ?? .null
            }
        case let .aggregate(f, arg, _):
            switch f {
            case .count: .integer
            case .avg: .decimal
            case .sum: arg?.kind == .integer ? .integer : .decimal
            case .min, .max: arg?.kind ?? .null
            }
        }
    }

    /// What arithmetic on two kinds gives: whole numbers stay whole except
    /// for `/`; a date minus a date is days; a date plus or minus days is a date.
    public static func kind(of op: ArithmeticOperator, _ a: ValueKind, _ b: ValueKind) -> ValueKind {
        switch (a, b) {
        case (.date, .date): .integer
        case (.date, _), (_, .date): .date
        case (.integer, .integer): op == .divide ? .decimal : .integer
        case (.null, let k), (let k, .null): k == .integer && op == .divide ? .decimal : k
        default: .decimal
        }
    }
}

public struct OutputColumn: Sendable, Equatable {
    public var name: String
    public var expression: CheckedExpression
}

public struct CheckedQuery: Sendable {
    public var source: Query
    public var collection: Int
    public var condition: CheckedCondition?
    public var groupBy: [CheckedExpression]
    /// `having`: a condition on each group's values (its subjects may be aggregates).
    public var having: CheckedCondition?
    /// True for `group by` queries and for totals such as `select count()`.
    public var aggregates: Bool
    public var columns: [OutputColumn]
    public var distinct: Bool
    /// Sort keys: a column of the output (by index), or an expression computed
    /// only for sorting (a field that is not selected).
    public var orderBy: [(key: SortKey, descending: Bool)]
    public var limit: Int?
    public var offset: Int
    public var isCount: Bool
}

public enum SortKey: Sendable, Equatable {
    case column(Int)
    case hidden(CheckedExpression)
}
