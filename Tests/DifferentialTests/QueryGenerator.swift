@testable import CSTOQ

/// Random valid queries over a dataset, from the grammar's `query` rule: an
/// optional `count`, a collection, then each clause or not — `where` with
/// comparisons, `contains`, `like`, `in`, `is null` and bare booleans under
/// `and`/`or`/`not`; `group by`; `select` of paths or aggregates, `distinct`;
/// `order by` columns and aggregates, `asc`/`desc`; `limit` and `offset`.
/// Paths follow references and lists up to three steps; values are drawn
/// from the same pools as the data, in other spellings, so comparisons hit.
/// Expressions (2.2) stand where values do: arithmetic on numbers, dates
/// plus or minus days, date - date, the functions, comparisons of two
/// expressions, computed columns and sort keys, `group by` an expression,
/// aggregates of expressions, `count(distinct …)`, `having`, back-references,
/// `in (query)` (records of a reference's target, or one column of the same
/// kind; the inner query without totals, which `explain sql` does not
/// translate inside `in`). Two things it
/// leaves out, because the engines define them otherwise and `explain sql`
/// says so: `lower`/`upper` shown (SQLite changes only A–Z; they are drawn
/// inside comparisons, which fold case anyway) and `length` of text that
/// may be decomposed (cstoq counts characters, SQL code points; drawn on ids).
struct QueryGenerator {
    /// A path from a collection and what it ends in.
    struct PathInfo {
        var text: String
        /// The type of the last field (a list field keeps its `list`).
        var type: FieldType
        /// Whether a list lies on the way (an element-wise path).
        var throughList: Bool

        /// The type of one value the path reaches.
        var scalar: FieldType {
            if case let .list(inner) = type { return inner }
            return type
        }
        var isList: Bool { throughList || { if case .list = type { true } else { false } }() }
    }

    let dataset: Dataset
    var random: SplitMix64
    /// Paths by collection.
    private var paths: [String: [PathInfo]] = [:]
    /// Texts of the dataset itself (then spelled otherwise), so that comparisons hit.
    private var texts: [String] = []
    /// Back-references by collection, as written: `count(items.owner)`.
    private var backs: [String: [String]] = [:]
    /// The collection the query being written is of.
    private var current = ""
    /// Whether a query inside `in (…)` is being written (it holds none of its own).
    private var inSubquery = false

    init(dataset: Dataset, seed: UInt64) {
        self.dataset = dataset
        self.random = SplitMix64(seed: seed)
        for c in dataset.collections {
            var found: [PathInfo] = []
            collect(c, prefix: "", throughList: false, depth: 0, into: &found)
            paths[c.name] = found
            for column in c.columns {
                if case let .text(_, dictionary) = column.storage { texts += dictionary.prefix(200) }
            }
            texts += c.ids.prefix(50)
        }
        let checker = Checker(dataset: dataset)
        for (i, c) in dataset.collections.enumerated() {
            backs[c.name] = checker.backReferences(to: i).map { "count(" + ASTPrinter().path($0) + ")" }
        }
    }

    private func collect(_ c: DatasetCollection, prefix: String, throughList: Bool, depth: Int, into found: inout [PathInfo]) {
        for field in c.fields {
            if field.name == DatasetCollection.sourceField && depth > 0 { continue }
            let text = prefix + field.name
            found.append(PathInfo(text: text, type: field.type, throughList: throughList))
            guard depth < 2 else { continue }
            switch field.type {
            case let .reference(target):
                if let t = dataset.collection(named: target) { collect(t, prefix: text + ".", throughList: throughList, depth: depth + 1, into: &found) }
            case let .list(.reference(target)):
                if let t = dataset.collection(named: target) { collect(t, prefix: text + ".", throughList: true, depth: depth + 1, into: &found) }
            default: break
            }
        }
    }

    // MARK: Queries

    mutating func query() -> String {
        let c = random.pick(dataset.collections)
        current = c.name
        let ps = paths[c.name]!
        var out = ""
        let isCount = random.chance(0.1)
        if isCount { out += "count " }
        out += c.name
        if random.chance(0.75) { out += " where " + condition(ps, depth: 0) }
        let grouped = !isCount && random.chance(0.3)
        var columns: [String] = []
        var aggregates: [String] = []
        var groupKeys: [String] = []
        if grouped {
            let keys = (0..<(1 + random.below(2))).map { _ in random.chance(0.25) ? groupExpression(ps) : groupable(ps).text }
            groupKeys = keys
            out += " group by " + keys.joined(separator: ", ")
            if random.chance(0.3) { out += " having " + having(ps) }
            if random.chance(0.6) {
                aggregates = (0..<random.below(3)).map { _ in aggregate(ps) }
                var items = keys.filter { _ in random.chance(0.7) } + aggregates
                if items.isEmpty { items = keys }
                items.shuffle(using: &random)
                columns = items
                out += " select " + items.joined(separator: ", ")
            } else {
                columns = keys + ["count"]
            }
        } else if !isCount, random.chance(0.15) {
            // A total over all the rows.
            aggregates = (0..<(1 + random.below(3))).map { _ in aggregate(ps) }
            columns = aggregates
            out += " select " + aggregates.joined(separator: ", ")
        } else if !isCount, random.chance(0.7) {
            let distinct = random.chance(0.25)
            columns = (0..<(1 + random.below(3))).map { _ in random.chance(0.3) ? shownExpression(ps) : random.pick(ps).text }
            out += " select " + (distinct ? "distinct " : "") + columns.joined(separator: ", ")
        }
        if !isCount, random.chance(0.6) {
            var keys: [String] = []
            for _ in 0..<(1 + random.below(2)) {
                let key: String
                if grouped {
                    key = random.chance(0.5) ? random.pick(groupKeys + aggregates + ["count()"]) : aggregate(ps)
                } else if !aggregates.isEmpty {
                    key = random.pick(aggregates)
                } else {
                    key = random.chance(0.25) ? shownExpression(ps) : orderable(ps).text
                }
                keys.append(key + random.pick(["", " asc", " desc"]))
            }
            out += " order by " + keys.joined(separator: ", ")
        }
        if random.chance(0.3) { out += " limit " + String(random.below(8)) }
        if random.chance(0.15) { out += " offset " + String(random.below(6)) }
        return out
    }

    mutating func groupable(_ ps: [PathInfo]) -> PathInfo {
        let scalars = ps.filter { !$0.isList }
        return random.pick(scalars.isEmpty ? ps : scalars)
    }

    mutating func orderable(_ ps: [PathInfo]) -> PathInfo {
        groupable(ps)
    }

    mutating func aggregate(_ ps: [PathInfo]) -> String {
        let scalars = ps.filter { !$0.isList }
        if random.chance(0.25) {
            switch random.below(4) {
            case 0: return "count(distinct " + random.pick(scalars).text + ")"
            case 1: return random.pick(["sum", "avg", "min", "max"]) + "(" + numeric(scalars, depth: 1) + ")"
            case 2: return random.pick(["min", "max"]) + "(" + dateExpression(scalars) + ")"
            default: return "count(" + numeric(scalars, depth: 1) + ")"
            }
        }
        switch random.below(5) {
        case 0: return "count()"
        case 1: return "count(" + random.pick(scalars).text + ")"
        case 2:
            let numbers = scalars.filter { $0.type == .integer || $0.type == .decimal }
            if numbers.isEmpty { return "count()" }
            return random.pick(["sum", "avg"]) + "(" + random.pick(numbers).text + ")"
        default:
            let ordered = scalars.filter { [.integer, .decimal, .text, .date].contains($0.type) }
            return random.pick(["min", "max"]) + "(" + random.pick(ordered).text + ")"
        }
    }

    // MARK: Expressions

    /// A number computed from the record's numbers, dates and ids (depth bounds the nesting).
    mutating func numeric(_ scalars: [PathInfo], depth: Int) -> String {
        let numbers = scalars.filter { $0.type == .integer || $0.type == .decimal }
        let dates = scalars.filter { $0.type == .date }
        if depth >= 2 || random.chance(0.35) {
            switch random.below(6) {
            case 0, 1, 2: if let p = numbers.randomElement(using: &random) { return p.text }
            case 3: return random.pick(["1", "2", "3", "0", "0.5", "-2", "10"])
            case 4: if let p = dates.randomElement(using: &random) { return random.pick(["year", "month", "day"]) + "(" + p.text + ")" }
            default:
                if random.chance(0.6), let back = backs[current]?.randomElement(using: &random) { return back }
                return "length(id)"
            }
            return random.pick(["1", "2", "7"])
        }
        switch random.below(9) {
        case 0:
            let x = numeric(scalars, depth: depth + 1)
            return x.hasPrefix("-") ? "-(" + x + ")" : "-" + x
        case 1: return "abs(" + numeric(scalars, depth: depth + 1) + ")"
        case 2: return "round(" + numeric(scalars, depth: depth + 1) + random.pick(["", ", 1", ", 0"]) + ")"
        case 3: return "coalesce(" + numeric(scalars, depth: depth + 1) + ", " + random.pick(["0", "1.5"]) + ")"
        case 4 where dates.count > 0:
            return "(" + dateExpression(scalars) + " - " + random.pick(dates).text + ")"
        default:
            let a = numeric(scalars, depth: depth + 1), b = numeric(scalars, depth: depth + 1)
            let e = a + " " + random.pick(["+", "-", "*", "/", "+", "*"]) + " " + b
            return random.chance(0.5) ? "(" + e + ")" : e
        }
    }

    /// A date: a date field, or it plus or minus some days.
    mutating func dateExpression(_ scalars: [PathInfo]) -> String {
        let dates = scalars.filter { $0.type == .date }
        guard let p = dates.randomElement(using: &random) else { return DifferentialDataset.date(&random) }
        switch random.below(4) {
        case 0: return p.text + " + " + String(random.below(40))
        case 1: return p.text + " - " + String(random.below(40))
        default: return p.text
        }
    }

    /// Text computed from a text field (only what both engines show alike).
    mutating func textExpression(_ scalars: [PathInfo], shown: Bool) -> String {
        let texts = scalars.filter { $0.type == .text }
        guard let p = texts.randomElement(using: &random) else { return "id" }
        switch random.below(shown ? 3 : 5) {
        case 0: return "trim(" + p.text + ")"
        case 1: return "coalesce(" + p.text + ", " + quoted(textValue()) + ")"
        case 2: return "trim(coalesce(" + p.text + ", id))"
        case 3: return "lower(" + p.text + ")"
        default: return "upper(trim(" + p.text + "))"
        }
    }

    /// A computed column or sort key, now and then named with `as`.
    mutating func shownExpression(_ ps: [PathInfo]) -> String {
        let scalars = ps.filter { !$0.isList }
        let e: String = switch random.below(4) {
        case 0, 1: numeric(scalars, depth: 0)
        case 2: dateExpression(scalars)
        default: textExpression(scalars, shown: true)
        }
        return e
    }

    /// A computed group key.
    mutating func groupExpression(_ ps: [PathInfo]) -> String {
        let scalars = ps.filter { !$0.isList }
        switch random.below(4) {
        case 0:
            let dates = scalars.filter { $0.type == .date }
            if let p = dates.randomElement(using: &random) { return random.pick(["year", "month"]) + "(" + p.text + ")" }
            return "length(id)"
        case 1: return numeric(scalars, depth: 1)
        case 2: return textExpression(scalars, shown: true)
        default: return dateExpression(scalars)
        }
    }

    /// A test of each group's totals.
    mutating func having(_ ps: [PathInfo]) -> String {
        let scalars = ps.filter { !$0.isList }
        let numbers = scalars.filter { $0.type == .integer || $0.type == .decimal }
        switch random.below(4) {
        case 0: return "count() " + comparison() + " " + String(random.below(5))
        case 1 where !numbers.isEmpty:
            return random.pick(["sum", "avg", "min", "max"]) + "(" + random.pick(numbers).text + ") " + comparison() + " " + number()
        case 2: return "count(distinct " + random.pick(scalars).text + ") > 1 and count() " + comparison() + " " + String(random.below(4))
        default: return "not count() = 1"
        }
    }

    /// A comparison with computed values on one side or both.
    mutating func computedPredicate(_ ps: [PathInfo]) -> String {
        let scalars = ps.filter { !$0.isList }
        switch random.below(5) {
        case 0, 1:
            let right = random.chance(0.5) ? numeric(scalars, depth: 1) : number()
            return numeric(scalars, depth: 0) + " " + comparison() + " " + right
        case 2:
            let right = random.chance(0.5) ? dateExpression(scalars) : DifferentialDataset.date(&random)
            return dateExpression(scalars) + " " + comparison() + " " + right
        case 3:
            return textExpression(scalars, shown: false) + " " + comparison() + " " + literal(textValue())
        default:
            return textExpression(scalars, shown: false) + " " + random.pick(["=", "!=", "<", ">="]) + " "
                + textExpression(scalars, shown: false)
        }
    }

    // MARK: Conditions

    mutating func condition(_ ps: [PathInfo], depth: Int) -> String {
        if depth < 2, random.chance(0.3) {
            let parts = (0..<(2 + random.below(2))).map { _ in condition(ps, depth: depth + 1) }
            let joined = parts.joined(separator: random.chance(0.5) ? " and " : " or ")
            return random.chance(0.5) ? "(" + joined + ")" : joined
        }
        if depth < 2, random.chance(0.1) { return "not " + condition(ps, depth: depth + 1) }
        if random.chance(0.2) { return computedPredicate(ps) }
        return predicate(random.pick(ps))
    }

    mutating func predicate(_ p: PathInfo) -> String {
        if random.chance(0.1) { return p.text + random.pick([" is null", " is not null"]) }
        if !inSubquery, random.chance(0.12), let sub = subquery(for: p) {
            return p.text + (random.chance(0.3) ? " not in " : " in ") + "(" + sub + ")"
        }
        switch p.scalar {
        case .boolean:
            return random.chance(0.4) ? p.text : p.text + " " + random.pick(["=", "!="]) + " " + random.pick(["true", "false"])
        case .text:
            switch random.below(6) {
            case 0: return p.text + " contains " + quoted(String(textValue().prefix(1 + random.below(3))))
            case 1: return p.text + " like " + quoted(pattern())
            case 2: return p.text + (random.chance(0.3) ? " not in " : " in ") + "(" + (0..<(1 + random.below(3))).map { _ in literal(textValue()) }.joined(separator: ", ") + ")"
            default: return p.text + " " + comparison() + " " + literal(textValue())
            }
        case .integer, .decimal:
            if random.chance(0.2) {
                return p.text + (random.chance(0.3) ? " not in " : " in ") + "(" + (0..<(1 + random.below(3))).map { _ in number() }.joined(separator: ", ") + ")"
            }
            return p.text + " " + comparison() + " " + number()
        case .date:
            return p.text + " " + comparison() + " " + DifferentialDataset.date(&random)
        case let .reference(target):
            let prefix = target == "people" ? "p" : target == "items" ? "i" : "pl"
            let v: String = random.chance(0.5) ? prefix + String(random.below(30)) : textValue()
            if random.chance(0.2) { return p.text + " in (" + literal(v) + ", " + literal(textValue()) + ")" }
            return p.text + " " + random.pick(["=", "!="]) + " " + literal(v)
        case .list:
            return p.text + " is null"
        }
    }

    /// A query `p` is looked up in: for a reference, records of its target
    /// (no select); else one column of the same kind from any collection, a
    /// path that reaches one value (a list's column has no SQL key). The
    /// inner query has a condition, and sometimes an order and a limit.
    mutating func subquery(for p: PathInfo) -> String? {
        let outer = current
        defer { current = outer; inSubquery = false }
        inSubquery = true
        let kind = p.scalar
        var choices: [(collection: String, select: String?)] = []
        if case let .reference(target) = kind { choices.append((target, nil)) }
        for c in dataset.collections {
            for q in paths[c.name]! where !q.isList && q.scalar != .boolean {
                let fits = switch (kind, q.scalar) {
                case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal), (.text, .text), (.date, .date): true
                case let (.reference(a), .reference(b)): a == b
                default: false
                }
                if fits { choices.append((c.name, q.text)) }
            }
        }
        guard !choices.isEmpty else { return nil }
        let choice = random.pick(choices)
        current = choice.collection
        let ps = paths[choice.collection]!
        var out = choice.collection
        if random.chance(0.8) { out += " where " + condition(ps, depth: 1) }
        if let select = choice.select { out += " select " + select }
        if random.chance(0.3) {
            out += " order by " + orderable(ps).text + random.pick(["", " desc"]) + " limit " + String(random.below(6))
        }
        return out
    }

    mutating func comparison() -> String {
        random.pick(["=", "!=", "<>", "<", "<=", ">", ">=", "=", "="])
    }

    mutating func number() -> String {
        // The data's numbers as the grammar writes them (no exponent), or `$n` (`--set n=3`).
        if random.chance(0.04) { return "$n" }
        return random.chance(0.5) ? DifferentialDataset.integer(&random)
            : random.chance(0.2) ? random.pick(["0.1", "0.00001", "-0.5", "2.0", "1234567.891"]) : String(Double(random.below(400) - 150) / 4)
    }

    mutating func textValue() -> String {
        guard !texts.isEmpty, random.chance(0.6) else { return DifferentialDataset.text(&random) }
        let t = random.pick(texts)
        return random.chance(0.7) ? t : DifferentialDataset.spelling(of: t, &random)
    }

    mutating func pattern() -> String {
        let t = Array(textValue())
        var out = ""
        for ch in t.prefix(4) {
            switch random.below(6) {
            case 0: out += "*"
            case 1: out += "?"
            default: out.append(ch)
            }
        }
        return random.chance(0.5) ? out + "*" : out
    }

    /// A text value as the query writes it: a bare word when it is one, else
    /// quoted; now and then the parameter `$t` instead (`--set t=Active`).
    mutating func literal(_ text: String) -> String {
        if random.chance(0.04) { return "$t" }
        let isWord = text.first.map { $0.isLetter || $0 == "_" } ?? false
            && text.allSatisfy { ($0.isLetter && !$0.unicodeScalars.contains { (0x80...0xBF).contains($0.value) }) || $0.isNumber || $0 == "_" }
            && !["true", "false", "null", "and", "or", "not", "order", "group", "select", "limit", "offset", "where"].contains(text.lowercased())
        return isWord && random.chance(0.5) ? text : quoted(text)
    }

    func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
