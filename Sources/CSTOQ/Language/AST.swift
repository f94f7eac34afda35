/// The syntax tree of a statement, as the parser builds it: names as written,
/// with their source ranges, nothing resolved yet (the checker does that).
/// Value types throughout; conditions are n-ary (`any`/`all`) so a statement
/// with thousands of `or` terms is a flat list, not a deep tree.

public struct Name: Sendable, Equatable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// `leader.country.status`: a field, then fields of what it refers to.
public struct Path: Sendable, Equatable {
    public var segments: [Name]

    public init(_ segments: [Name]) {
        self.segments = segments
    }

    public var range: SourceRange {
        SourceRange(segments.first?.range.start ?? 0, segments.last?.range.end ?? 0)
    }

    /// `leader.name`, folded to lower case as names are matched.
    public var dotted: String { segments.map { ValueComparison.fold($0.text) }.joined(separator: ".") }
}

public enum Statement: Sendable, Equatable {
    case query(Query)
    /// `describe members`
    case describe(Name)
    /// `explain QUERY` shows tokens, tree and plan; `explain trace QUERY` runs it and counts rows per clause;
    /// `explain sql [sqlite|postgres] QUERY` prints the SQL that computes the same rows.
    case explain(Query, mode: ExplainMode, range: SourceRange)
    /// `.format json` and the like: the name without the dot, the rest of the line.
    case dotCommand(name: String, argument: String, range: SourceRange)
}

public enum ExplainMode: Sendable, Equatable {
    case plan
    case trace
    case sql(SQLDialect)
}

/// The SQL engines `explain sql` and `--export sql` write for.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    /// `explain sql postgres …` and `--dialect postgresql` both name PostgreSQL.
    public init?(name: String) {
        switch ValueComparison.fold(name) {
        case "sqlite", "sqlite3": self = .sqlite
        case "postgres", "postgresql": self = .postgres
        default: return nil
        }
    }
}

public struct Query: Sendable, Equatable {
    /// `count members …`: the result is one row with the column `count`.
    public var isCount: Bool = false
    public var collection: Name
    public var condition: Condition?
    public var groupBy: [ValueExpression] = []
    /// `having` tests the groups (after `group by`).
    public var having: Condition?
    public var distinct: Bool = false
    /// nil when there is no `select` clause (all fields, or the groups and their count).
    public var select: [SelectItem]?
    public var orderBy: [OrderKey] = []
    public var limit: RowCount?
    public var offset: RowCount?
    public var range: SourceRange

    public init(collection: Name, range: SourceRange) {
        self.collection = collection
        self.range = range
    }
}

public struct RowCount: Sendable, Equatable {
    public var value: Int
    public var range: SourceRange
}

public indirect enum Condition: Sendable, Equatable {
    case any([Condition])               // a or b or …
    case all([Condition])               // a and b and …
    case not(Condition, SourceRange)    // not a (the range is the keyword's)
    case compare(ValueExpression, ComparisonOperator, ValueExpression, SourceRange)
    case isIn(ValueExpression, [Literal], negated: Bool, SourceRange)
    /// `country in (members where status = active)`: the values of another query's one column, or its records.
    case inQuery(ValueExpression, Query, negated: Bool, SourceRange)
    case isNull(ValueExpression, negated: Bool, SourceRange)
    /// A bare boolean field (`members where attended`), or any expression the checker finds boolean.
    case truthy(ValueExpression)

    /// The whole source range the condition was written in.
    public var range: SourceRange {
        switch self {
        case let .any(items), let .all(items):
            items.dropFirst().reduce(items.first?.range ?? SourceRange(0, 0)) { $0.union($1.range) }
        case let .not(inner, r): r.union(inner.range)
        case let .compare(_, _, _, r), let .isIn(_, _, _, r), let .inQuery(_, _, _, r), let .isNull(_, _, r): r
        case let .truthy(e): e.range
        }
    }
}

/// A value computed from a record (or a group): `score * 2`, `year(date)`,
/// `count()`. Names are not resolved yet: a lone word may be a field or,
/// where a value may stand, text (the checker decides, Grammar/README.md).
public indirect enum ValueExpression: Sendable, Equatable {
    case path(Path)
    case literal(Literal)
    /// `-x`; the range is the minus sign's.
    case negate(ValueExpression, SourceRange)
    case arithmetic(ArithmeticOperator, ValueExpression, ValueExpression)
    /// `lower(name)`, `count()`, `count(distinct city)`: the range runs from the name to `)`.
    case call(Name, [ValueExpression], distinct: Bool, SourceRange)
    /// `(a = 1 or b)` where a value was expected: a condition in parentheses.
    case condition(Condition, SourceRange)

    public var range: SourceRange {
        switch self {
        case let .path(p): p.range
        case let .literal(l): l.range
        case let .negate(e, r): r.union(e.range)
        case let .arithmetic(_, a, b): a.range.union(b.range)
        case let .call(_, _, _, r), let .condition(_, r): r
        }
    }

    /// The path when the expression is one, else nil.
    public var asPath: Path? {
        if case let .path(p) = self { p } else { nil }
    }
}

public enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    /// `*` and `/` bind tighter than `+` and `-`.
    public var precedence: Int { self == .add || self == .subtract ? 1 : 2 }

    public init?(token: TokenKind) {
        switch token {
        case .plus: self = .add
        case .minus: self = .subtract
        case .star: self = .multiply
        case .slash: self = .divide
        default: return nil
        }
    }
}

public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case contains
    case like
}

/// The comparison operators listed once: the lexer's tokens, the parser, the
/// completion offers, the "expected a comparison" message, help and the
/// grammar (checked by a test) all follow this table.
extension ComparisonOperator {
    /// The operators written with symbols, each with its token and every
    /// spelling the lexer reads for it; the first is how cstoq writes it.
    public static let symbols: [(op: ComparisonOperator, token: TokenKind, spellings: [String])] = [
        (.equal, .equal, ["="]),
        (.notEqual, .notEqual, ["!=", "<>"]),
        (.less, .less, ["<"]),
        (.lessOrEqual, .lessEqual, ["<="]),
        (.greater, .greater, [">"]),
        (.greaterOrEqual, .greaterEqual, [">="]),
    ]

    /// The operators written as words (contextual keywords).
    public static let words: [ComparisonOperator] = [.contains, .like]

    /// The operator a symbol token stands for.
    public init?(token: TokenKind) {
        guard let entry = ComparisonOperator.symbols.first(where: { $0.token == token }) else { return nil }
        self = entry.op
    }

    /// Whether a three-way order (-1, 0, 1) of `value` against the compared
    /// value satisfies this operator (`contains` and `like` are not orders).
    @inline(__always)
    public func accepts(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        case .contains, .like: false
        }
    }
}

public struct Literal: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(String)          // "quoted" or 'quoted'
        case word(String)          // a bare word on the right of a comparison: text
        case integer(Int)
        case decimal(Double)
        case date(CalendarDate)
        case boolean(Bool)
        case null
        case parameter(String)     // $name, filled in from --set
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}


public struct SelectItem: Sendable, Equatable {
    public var expression: ValueExpression
    public var alias: Name?

    public init(_ expression: ValueExpression, alias: Name? = nil) {
        self.expression = expression
        self.alias = alias
    }
}

public struct OrderKey: Sendable, Equatable {
    public var expression: ValueExpression
    public var descending: Bool

    public init(_ expression: ValueExpression, descending: Bool) {
        self.expression = expression
        self.descending = descending
    }
}
