/// The small relational form a query is lowered to before it is printed as
/// SQL (as PRQL does): the clauses of one SELECT, with expressions already
/// in SQL. The lowering (SQLTranslator) decides what cstoq means; this type
/// and its printer only decide how it is written.
struct SQLSelect {
    /// `WITH name AS (…)`: at most one, the records a grouped query groups.
    var with: (name: String, query: [String])?
    var columns: [(expression: String, alias: String?)] = []
    var from: String
    var joins: [String] = []
    var conditions: [String] = []
    var groupBy: [String] = []
    var having: [String] = []
    var orderBy: [String] = []
    var limit: Int?
    var offset: Int = 0

    init(from: String) {
        self.from = from
    }

    /// The statement over several lines, clauses at the margin, as a person
    /// would lay it out.
    func lines(_ dialect: SQLDialect) -> [String] {
        var out: [String] = []
        if let with {
            out.append("WITH \(SQLDialect.identifier(with.name)) AS (")
            out += with.query.map { "  " + $0 }
            out.append(")")
        }
        let items = columns.map { c in c.alias.map { c.expression + " AS " + SQLDialect.identifier($0) } ?? c.expression }
        out.append("SELECT " + items.joined(separator: ",\n       "))
        out.append("FROM " + from)
        out += joins.map { "  " + $0 }
        if !conditions.isEmpty { out.append("WHERE " + conditions.joined(separator: "\n  AND ")) }
        if !groupBy.isEmpty { out.append("GROUP BY " + groupBy.joined(separator: ", ")) }
        if !having.isEmpty { out.append("HAVING " + having.joined(separator: "\n  AND ")) }
        if !orderBy.isEmpty { out.append("ORDER BY " + orderBy.joined(separator: ", ")) }
        switch (limit, offset, dialect) {
        case (nil, 0, _): break
        case let (limit?, 0, _): out.append("LIMIT \(limit)")
        case let (limit?, offset, _): out.append("LIMIT \(limit) OFFSET \(offset)")
        // SQLite has no OFFSET without LIMIT; -1 is its "no limit".
        case let (nil, offset, .sqlite): out.append("LIMIT -1 OFFSET \(offset)")
        case let (nil, offset, .postgres): out.append("OFFSET \(offset)")
        }
        return out
    }

    /// On one line, for a subquery inside an expression.
    func inline(_ dialect: SQLDialect) -> String {
        lines(dialect).map { $0.trimmingLeadingSpaces() }.joined(separator: " ")
            .replacingNewlines()
    }
}

extension String {
    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }

    /// A subquery's clauses on one line: the line breaks between its select
    /// items and conditions become spaces.
    func replacingNewlines() -> String {
        var out = ""
        var afterBreak = false
        for c in self {
            if c == "\n" { afterBreak = true; out.append(" "); continue }
            if afterBreak, c == " " { continue }
            afterBreak = false
            out.append(c)
        }
        return out
    }
}
