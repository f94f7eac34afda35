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
    /// `path op value`; for a reference field compared to text, the value is
    /// the set of records whose id or name matched (see Checker).
    case compare(ResolvedPath, ComparisonOperator, Value)
    case matchesAny(ResolvedPath, [Value], negated: Bool)
    case like(ResolvedPath, GlobPattern)
    case isNull(ResolvedPath, negated: Bool)
    case truthy(ResolvedPath)
}

public enum OutputExpression: Sendable, Equatable {
    case path(ResolvedPath)
    case aggregate(AggregateFunction, ResolvedPath?)
}

public struct OutputColumn: Sendable, Equatable {
    public var name: String
    public var expression: OutputExpression
}

public struct CheckedQuery: Sendable {
    public var source: Query
    public var collection: Int
    public var condition: CheckedCondition?
    public var groupBy: [ResolvedPath]
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
    case hidden(OutputExpression)
}
