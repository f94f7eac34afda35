/// The functions a query may call, listed once: the checker resolves calls
/// here, completion offers these names, `.help functions` prints this table
/// (and runs each example), and the SQL translator writes each one.

/// Functions of one row's values: `lower(name)`, `year(date)`.
public enum ScalarFunction: String, Sendable, Equatable, Hashable, CaseIterable {
    case lower, upper, length, trim, year, month, day, abs, round, coalesce
}

/// Functions of a group's (or the whole result's) values: `count()`, `avg(score)`.
public enum AggregateFunction: String, Sendable, Equatable, Hashable, CaseIterable {
    case count, min, max, sum, avg
}

/// One line of `.help functions`.
public struct FunctionEntry: Sendable {
    public var name: String
    /// How a call is written: `round(x, digits)`.
    public var signature: String
    public var summary: String
    /// A query on the built-in data that shows it (its output is computed by `.help`, and a test runs it).
    public var example: String
}

public enum FunctionCatalog {
    public static let scalar: [(ScalarFunction, FunctionEntry)] = [
        (.lower, FunctionEntry(name: "lower", signature: "lower(text)", summary: "the text in lower case",
                               example: "members select name, lower(name) limit 2")),
        (.upper, FunctionEntry(name: "upper", signature: "upper(text)", summary: "the text in upper case",
                               example: "members select name, upper(name) limit 2")),
        (.length, FunctionEntry(name: "length", signature: "length(text)", summary: "how many characters it has",
                                example: "members select name, length(name) as letters order by letters desc limit 3")),
        (.trim, FunctionEntry(name: "trim", signature: "trim(text)", summary: "the text without blanks at its ends",
                              example: "members select trim(name) limit 2")),
        (.year, FunctionEntry(name: "year", signature: "year(date)", summary: "the year of a date",
                              example: "events group by year(date)")),
        (.month, FunctionEntry(name: "month", signature: "month(date)", summary: "the month of a date, 1 to 12",
                               example: "events select date, month(date) limit 2")),
        (.day, FunctionEntry(name: "day", signature: "day(date)", summary: "the day of the month, 1 to 31",
                             example: "events select date, day(date) limit 2")),
        (.abs, FunctionEntry(name: "abs", signature: "abs(x)", summary: "x without its sign",
                             example: "events select date, abs(date - 2025-11-27) as days_away limit 3")),
        (.round, FunctionEntry(name: "round", signature: "round(x), round(x, digits)",
                               summary: "x rounded (halves away from zero)",
                               example: "statements group by speaker.name select speaker.name, round(count() * 100 / 22, 1) as percent order by percent desc limit 3")),
        (.coalesce, FunctionEntry(name: "coalesce", signature: "coalesce(a, b, …)",
                                  summary: "the first value that is not null",
                                  example: "members select name, coalesce(presidency, \"none\") as presidency limit 3")),
    ]

    public static let aggregate: [(AggregateFunction, FunctionEntry)] = [
        (.count, FunctionEntry(name: "count", signature: "count(), count(x)",
                               summary: "how many rows; how many non-null x",
                               example: "statements select count(), count(distinct speaker)")),
        (.min, FunctionEntry(name: "min", signature: "min(x)", summary: "the smallest value (text, numbers, dates)",
                             example: "events select min(date)")),
        (.max, FunctionEntry(name: "max", signature: "max(x)", summary: "the largest value (text, numbers, dates)",
                             example: "events select max(date)")),
        (.sum, FunctionEntry(name: "sum", signature: "sum(number)", summary: "the total (exact for whole numbers)",
                             example: "statements group by speaker.name select speaker.name, sum(1) as said order by said desc limit 3")),
        (.avg, FunctionEntry(name: "avg", signature: "avg(number)", summary: "the average, a decimal",
                             example: "members select avg(length(name))")),
    ]

    /// Every name a call may use, aggregates first.
    public static var names: [String] {
        aggregate.map(\.1.name) + scalar.map(\.1.name)
    }

    public static func entry(_ f: ScalarFunction) -> FunctionEntry {
        scalar.first { $0.0 == f }!.1
    }

    public static func entry(_ f: AggregateFunction) -> FunctionEntry {
        aggregate.first { $0.0 == f }!.1
    }
}
