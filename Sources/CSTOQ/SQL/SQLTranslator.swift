/// A checked query as one SQL statement that computes the same rows, in the
/// same order, on the tables SQLExporter writes. cstoq's meaning is made
/// explicit once, here, for both engines:
/// - text is compared, grouped and sorted by its `_fold` key, so `=` ignores
///   case and accents' composition as cstoq's does, and ordered by the bytes of
///   the key (`COLLATE "C"` on PostgreSQL);
/// - nulls sort last in both directions; ties keep the data's order (`_row`),
///   and groups come in the order of their first record;
/// - a path through a list is true when any element makes it true
///   (`EXISTS`), and `!=` on a list when no element is equal (`NOT EXISTS`);
/// - a reference compared with text matches the record whose id, or name
///   (else title), is that text;
/// - a merged group shows the spelling most frequent among its records, ties
///   to the first seen; `min`/`max` of text the first-seen spelling.
/// A query it cannot express fails with a diagnostic at the part that can't
/// be translated, never with SQL that would answer differently.
public struct SQLTranslator {
    public let dataset: Dataset
    /// Where the dataset's values are: the exporter's tables unless told otherwise.
    public let layout: SQLLayout

    public init(dataset: Dataset, layout: SQLLayout? = nil) {
        self.dataset = dataset
        self.layout = layout ?? .exported(dataset)
    }

    /// The SQL, values written in it as literals: what `explain sql` shows and
    /// what sqlite3 or psql run as is.
    public func translate(_ q: CheckedQuery, for dialect: SQLDialect) throws(Diagnostic) -> String {
        try statement(q, for: dialect, bindingValues: false).text
    }

    /// The SQL with every value as a bind parameter (`?` for SQLite, `$1`… for
    /// PostgreSQL), and the values in order: for running it through a driver.
    public func statement(_ q: CheckedQuery, for dialect: SQLDialect, bindingValues: Bool) throws(Diagnostic) -> SQLStatement {
        var lowering = SQLLowering(dataset: dataset, layout: layout, dialect: dialect, query: q, binding: bindingValues)
        let text = try lowering.lower()
        return SQLStatement(text: text, parameters: lowering.parameters)
    }
}

/// SQL text and the values of its parameters.
public struct SQLStatement: Sendable, Equatable {
    public var text: String
    public var parameters: [Value]

    public init(text: String, parameters: [Value]) {
        self.text = text
        self.parameters = parameters
    }
}

/// One lowering of one query: the joins it needs, the aliases it gave, the
/// parameters it collected.
struct SQLLowering {
    let dataset: Dataset
    let layout: SQLLayout
    let dialect: SQLDialect
    let query: CheckedQuery
    let binding: Bool
    var parameters: [Value] = []
    /// Joins of the main FROM, by the reference steps that lead to the record.
    var aliases: [[ResolvedPath.Step]: String] = [:]
    var joins: [String] = []
    var aliasCount = 0

    init(dataset: Dataset, layout: SQLLayout, dialect: SQLDialect, query: CheckedQuery, binding: Bool) {
        self.dataset = dataset
        self.layout = layout
        self.dialect = dialect
        self.query = query
        self.binding = binding
    }

    static let base = "t0"

    func q(_ name: String) -> String { SQLDialect.identifier(name) }
    func column(_ alias: String, _ name: String) -> String { alias + "." + q(name) }

    // MARK: Names, from the layout

    /// Collection `c`'s table, quoted.
    func table(_ c: Int) -> String { q(layout.tables[c].name) }
    /// Field `f` of collection `c` on the record `alias`.
    func field(_ alias: String, _ c: Int, _ f: Int) -> String { column(alias, layout.tables[c].columns[f]) }
    func idIndex(_ c: Int) -> Int { dataset.collections[c].fieldIndex(named: DatasetCollection.idField) ?? 0 }
    /// The id of the record `alias` of collection `c`.
    func id(_ alias: String, _ c: Int) -> String { field(alias, c, idIndex(c)) }
    /// The comparison key of text field `f` (or the id) on the record `alias`.
    func fold(_ alias: String, _ c: Int, _ f: Int) -> String? {
        switch layout.tables[c].folds[f] {
        case let .column(name)?: return column(alias, name)
        case .computed?: return dialect.fold(field(alias, c, f))
        case nil: return nil
        }
    }
    /// The id as text (a reference's label when its record has no name).
    func idText(_ alias: String, _ c: Int) -> String {
        layout.tables[c].idIsText ? id(alias, c) : "CAST(\(id(alias, c)) AS TEXT)"
    }
    /// What says whether list field `f` of the record `alias` is there: its
    /// own column when the table has one (null for a missing list), else the record's id.
    func listOwner(_ alias: String, _ c: Int, _ f: Int) -> String {
        layout.tables[c].columns[f].isEmpty ? id(alias, c) : field(alias, c, f)
    }
    func idFold(_ alias: String, _ c: Int) -> String { fold(alias, c, idIndex(c)) ?? dialect.fold(idText(alias, c)) }
    /// What orders the records of collection `c` as the dataset does.
    func order(_ alias: String, _ c: Int) -> String { column(alias, layout.tables[c].order) }
    /// The side table of list field `f` of collection `c`.
    func side(_ c: Int, _ f: Int) -> SQLLayout.SideTable { layout.tables[c].lists[f]! }
    func sideFold(_ s: SQLLayout.SideTable, _ alias: String) -> String {
        switch s.valueFold {
        case let .column(name): column(alias, name)
        case .computed: dialect.fold(column(alias, s.value))
        }
    }

    /// A value in the SQL: a literal, or a parameter when binding.
    mutating func value(_ v: Value) -> String {
        guard binding else { return dialect.literal(v) }
        parameters.append(v)
        // Numbered, so that the clauses may be lowered in any order (SQLite reads ?N as PostgreSQL $N).
        let placeholder = dialect == .postgres ? "$\(parameters.count)" : "?\(parameters.count)"
        // PostgreSQL infers a parameter's type from its use; a date compared with a date column needs no cast.
        return placeholder
    }

    mutating func text(_ s: String) -> String { value(.text(s)) }

    mutating func newAlias(_ prefix: String) -> String {
        aliasCount += 1
        return prefix + String(aliasCount)
    }

    func untranslatable(_ what: String, at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.sqlUntranslatable(what), at: range ?? query.source.range,
                   help: "run it in cstoq itself; `explain sql` covers the other query forms")
    }

    // MARK: The statement

    mutating func lower() throws(Diagnostic) -> String {
        var select = SQLSelect(from: table(query.collection) + " AS " + SQLLowering.base)
        if query.aggregates || query.distinct {
            select = try grouped()
        } else {
            if let condition = query.condition { select.conditions = [try self.condition(condition)] }
            for column in query.columns {
                if let p = column.expression.path {
                    select.columns.append((try shown(p), column.name))
                } else {
                    select.columns.append((try scalar(column.expression).shown, column.name))
                }
            }
            select.orderBy = try rowOrder()
            select.joins = joins
        }
        select.limit = query.limit
        select.offset = query.offset
        // `count C where …` with nothing cut: the records' count itself. The
        // joins follow references to one record each, so they add no rows; and
        // no subquery with an ORDER BY, which SQLite would not flatten.
        if query.isCount, !query.aggregates, !query.distinct, query.limit == nil, query.offset == 0 {
            select.columns = [("count(*)", "count")]
            select.orderBy = []
            return select.lines(dialect).joined(separator: "\n")
        }
        if query.isCount {
            var count = SQLSelect(from: "(\n" + select.lines(dialect).map { "  " + $0 }.joined(separator: "\n") + "\n) AS " + q("rows"))
            count.columns = [("count(*)", "count")]
            return count.lines(dialect).joined(separator: "\n")
        }
        return select.lines(dialect).joined(separator: "\n")
    }

    /// ORDER BY of a query without groups: its keys, then the data's order.
    mutating func rowOrder() throws(Diagnostic) -> [String] {
        var out: [String] = []
        for key in query.orderBy {
            let e: CheckedExpression
            switch key.key {
            case let .column(i): e = query.columns[i].expression
            case let .hidden(x): e = x
            }
            // A constant orders nothing (and SQL would read a whole number there as a column's position).
            if e.isConstant { continue }
            out.append(ordered(try sortKey(e), descending: key.descending))
        }
        out.append(order(SQLLowering.base, query.collection))
        return out
    }

    /// The query of `x in (…)` as a subquery giving the keys x is looked up
    /// by: the fold key of text, a reference's id (a record's own id when the
    /// query gives records), other values as they are; no nulls, taken after
    /// its `limit` as cstoq takes them. It is lowered on its own (its aliases
    /// are its own scope), its parameters numbered on from the outer ones.
    mutating func keys(of sub: Subquery) throws(Diagnostic) -> String {
        let q = sub.query
        guard !q.aggregates, !q.distinct, !q.isCount else {
            throw untranslatable("a query with totals, groups or distinct rows inside 'in (…)'", at: q.source.range)
        }
        var inner = SQLLowering(dataset: dataset, layout: layout, dialect: dialect, query: q, binding: binding)
        inner.parameters = parameters
        var select = SQLSelect(from: table(q.collection) + " AS " + SQLLowering.base)
        if let c = q.condition { select.conditions = [try inner.condition(c)] }
        let key: String
        if sub.givesRecords {
            key = id(SQLLowering.base, q.collection)
        } else {
            let v = try inner.scalar(q.columns[0].expression)
            key = v.fold ?? v.raw
        }
        select.columns = [(key, "k")]
        if q.limit != nil || q.offset > 0 {
            select.orderBy = try inner.rowOrder()
            select.limit = q.limit
            select.offset = q.offset
        }
        select.joins = inner.joins
        parameters = inner.parameters
        return "SELECT \(self.q("k")) FROM (\(select.inline(dialect))) AS \(self.q("s")) WHERE \(self.q("k")) IS NOT NULL"
    }

    /// `subject in (query)`, unknown when the subject is null (SQL's `IN` would say
    /// false for an empty subquery, and `not in` then true).
    func among(_ subject: String, _ keys: String) -> String {
        "CASE WHEN \(subject) IS NULL THEN NULL ELSE \(subject) IN (\(keys)) END"
    }

    func ordered(_ key: String, descending: Bool) -> String {
        key + (descending ? " DESC" : "") + " NULLS LAST"
    }

    // MARK: Paths

    /// The alias of the record reached by following `steps` (references, not
    /// lists) from the queried record, joining what is missing.
    mutating func record(_ steps: ArraySlice<ResolvedPath.Step>) -> String {
        guard let last = steps.last else { return SQLLowering.base }
        let key = Array(steps)
        if let a = aliases[key] { return a }
        let from = record(steps.dropLast())
        let field = dataset.collections[last.collection].fields[last.field]
        guard case let .reference(targetName) = field.type, let target = dataset.collectionIndex(named: targetName) else { return from }
        let alias = newAlias("t")
        joins.append("LEFT JOIN \(table(target)) AS \(alias) ON \(id(alias, target)) = \(self.field(from, last.collection, last.field))")
        aliases[key] = alias
        return alias
    }

    /// Where a path's values are: one value on a joined record, or the
    /// elements of a list, reached by a subquery.
    enum Place {
        case scalar(Leaf)
        case list(ListPlace)
    }

    /// The rows of a path's list elements: a FROM with its joins and
    /// conditions, correlated with the queried record; `owner` is the list
    /// column of the record that holds the first list (null when that list,
    /// or the record, is missing).
    struct ListPlace {
        var from: String
        var joins: [String]
        var conditions: [String]
        var positions: [String]
        var owner: String
        var leaf: Leaf
    }

    /// One value of a path as SQL sees it: the column that holds it, and for
    /// text and references the forms comparisons need.
    struct Leaf {
        var type: FieldType
        /// The value itself (for a reference, its id).
        var raw: String
        /// Text: its `_fold` key.
        var fold: String?
        /// A reference: the record it points to (joined).
        var target: String?
        var targetCollection: Int?

        var isBoolean: Bool { type == .boolean && target == nil }
    }

    /// The leaf of field `field` on record alias `alias`.
    func leaf(_ alias: String, _ collection: Int, _ field: Int, type: FieldType) -> Leaf {
        makeLeaf(raw: self.field(alias, collection, field), fold: type == .text ? fold(alias, collection, field) : nil, type: type)
    }

    func makeLeaf(raw: String, fold: String?, type: FieldType) -> Leaf {
        Leaf(type: type, raw: raw, fold: fold, target: nil, targetCollection: nil)
    }

    mutating func place(_ p: ResolvedPath) throws(Diagnostic) -> Place {
        let fields = p.steps.map { dataset.collections[$0.collection].fields[$0.field] }
        if fields.contains(where: { if case .list(.list) = $0.type { true } else { false } }) {
            throw untranslatable("a list of lists (\(p.name))")
        }
        guard let firstList = fields.firstIndex(where: { if case .list = $0.type { true } else { false } }) else {
            // References all the way: joins.
            let last = p.steps[p.steps.count - 1]
            let owner = record(p.steps.dropLast())
            var l = leaf(owner, last.collection, last.field, type: fields.last!.type)
            if case .reference = fields.last!.type { l = referenceLeaf(l, alias: record(p.steps[...])) }
            return .scalar(l)
        }
        let ownerAlias = record(p.steps[..<firstList])
        let ownerIndex = p.steps[firstList].collection
        let listField = fields[firstList]
        let listSide = side(ownerIndex, p.steps[firstList].field)
        // A list is missing when its owner is (no side table says a list is null).
        var place = ListPlace(from: "", joins: [], conditions: [], positions: [],
                              owner: listOwner(ownerAlias, ownerIndex, p.steps[firstList].field), leaf: makeLeaf(raw: "", fold: nil, type: .text))
        // The current element: a side table's value, or a field of a joined record.
        var element = newAlias("e")
        if listSide.isArray {
            place.from = unnest(field(ownerAlias, ownerIndex, p.steps[firstList].field), as: element, listSide)
        } else {
            place.from = q(listSide.name) + " AS " + element
            place.conditions.append("\(column(element, listSide.owner)) = \(id(ownerAlias, ownerIndex))")
        }
        place.positions.append(column(element, listSide.position))
        var elementType = listField.type.elementType
        var current = makeLeaf(raw: column(element, listSide.value), fold: elementType == .text ? sideFold(listSide, element) : nil, type: elementType)
        var onRecordField = false
        for i in (firstList + 1)..<max(firstList + 1, p.steps.count) {
            guard case let .reference(targetName) = elementType, let target = dataset.collectionIndex(named: targetName) else { break }
            let recordAlias = newAlias("e")
            place.joins.append("JOIN \(table(target)) AS \(recordAlias) ON \(id(recordAlias, target)) = \(current.raw)")
            let field = fields[i]
            if case let .list(inner) = field.type {
                element = newAlias("e")
                let s = side(target, p.steps[i].field)
                if s.isArray {
                    place.joins.append("CROSS JOIN LATERAL " + unnest(self.field(recordAlias, target, p.steps[i].field), as: element, s))
                } else {
                    place.joins.append("JOIN \(q(s.name)) AS \(element) ON \(column(element, s.owner)) = \(id(recordAlias, target))")
                }
                place.positions.append(column(element, s.position))
                elementType = inner
                current = makeLeaf(raw: column(element, s.value), fold: inner == .text ? sideFold(s, element) : nil, type: inner)
                onRecordField = false
            } else {
                elementType = field.type
                current = leaf(recordAlias, target, p.steps[i].field, type: field.type)
                onRecordField = true
            }
        }
        if case let .reference(targetName) = elementType, let target = dataset.collectionIndex(named: targetName) {
            let alias = newAlias("e")
            place.joins.append("JOIN \(table(target)) AS \(alias) ON \(id(alias, target)) = \(current.raw)")
            current.target = alias
            current.targetCollection = target
        }
        // A null field reached through a list is no element (a null inside a list field is one).
        if onRecordField { place.conditions.append("\(current.raw) IS NOT NULL") }
        place.leaf = current
        return .list(place)
    }

    /// A PostgreSQL array's elements as rows: `unnest(a) WITH ORDINALITY AS e(value, position)`.
    func unnest(_ array: String, as alias: String, _ s: SQLLayout.SideTable) -> String {
        "unnest(\(array)) WITH ORDINALITY AS \(alias)(\(q(s.value)), \(q(s.position)))"
    }

    /// A reference leaf with the record it points to joined (for its label).
    mutating func referenceLeaf(_ l: Leaf, alias: String) -> Leaf {
        var l = l
        l.target = alias
        if let t = aliases.first(where: { $0.value == alias })?.key.last,
           case let .reference(name) = dataset.collections[t.collection].fields[t.field].type {
            l.targetCollection = dataset.collectionIndex(named: name)
        }
        return l
    }

    /// The label a reference is shown by (name, else title, else id) and its fold key.
    func label(_ l: Leaf, folded: Bool) -> String {
        guard let target = l.target, let tc = l.targetCollection else { return l.raw }
        let c = dataset.collections[tc]
        var parts: [String] = []
        for name in ["name", "title"] {
            if let f = c.fieldIndex(named: name), c.fields[f].type == .text {
                parts.append(folded ? fold(target, tc, f)! : field(target, tc, f))
            }
        }
        parts.append(folded ? idFold(target, tc) : idText(target, tc))
        return parts.count == 1 ? parts[0] : "COALESCE(" + parts.joined(separator: ", ") + ")"
    }

    /// The elements of a list place as a subquery's clauses, with `extra` conditions.
    func subquery(_ place: ListPlace, select: String, extra: [String] = [], order: [String] = [], limit: Int? = nil) -> String {
        var s = SQLSelect(from: place.from)
        s.columns = [(select, nil)]
        s.joins = place.joins
        s.conditions = place.conditions + extra
        s.orderBy = order
        s.limit = limit
        return "(" + s.inline(dialect) + ")"
    }

    /// `CASE WHEN list IS NULL THEN NULL ELSE … END`: a missing list makes a test unknown, as in cstoq.
    func guarded(_ place: ListPlace, _ expression: String) -> String {
        "CASE WHEN \(place.owner) IS NULL THEN NULL ELSE \(expression) END"
    }

    // MARK: Conditions

    mutating func condition(_ c: CheckedCondition) throws(Diagnostic) -> String {
        switch c {
        case let .all(items):
            var parts: [String] = []
            for item in items { parts.append(try condition(item)) }
            // Tests that compute a text key (a function call per row) after the others:
            // SQL's AND means the same in any order, and SQLite tries them as written.
            let mark = dialect.foldMark
            let cheap = parts.filter { !$0.contains(mark) }, costly = parts.filter { $0.contains(mark) }
            parts = cheap + costly
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
        case let .any(items):
            var parts: [String] = []
            for item in items { parts.append(try condition(item)) }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
        case let .not(inner):
            return "NOT " + (try condition(inner))
        case let .compareBoth(x, op, y):
            return try compareBoth(try scalar(x), op, try scalar(y))
        case let .isNull(e, negated):
            guard let p = e.path else { return "\(try scalar(e).raw) IS \(negated ? "NOT " : "")NULL" }
            let test: String
            switch try place(p) {
            case let .scalar(l): test = "\(l.raw) IS NULL"
            case let .list(place):
                // An empty list is null to `is null`; a null inside a list field is an element.
                test = "(\(place.owner) IS NULL OR NOT EXISTS \(subquery(place, select: "1")))"
            }
            return negated ? "NOT " + test : test
        case let .truthy(p):
            return try anyElement(p, negated: false) { _, l in "\(l.raw) = TRUE" }
        case let .like(p, pattern):
            let sqlPattern = SQLLowering.likePattern(ValueComparison.fold(pattern.pattern))
            return try anyElement(p, negated: false) { s, l in "\(s.textKey(l)) LIKE \(s.text(sqlPattern)) ESCAPE '\\'" }
        case let .matchesAny(p, values, negated):
            return try anyElement(p, negated: negated) { s, l in s.isOneOf(l, values) }
        case let .inQuery(p, sub, negated):
            let keys = try self.keys(of: sub)
            return try anyElement(p, negated: negated) { s, l in s.among(l.fold ?? l.raw, keys) }
        case let .compare(p, op, target):
            switch op {
            case .notEqual:
                return try anyElement(p, negated: true) { s, l in s.compare(l, .equal, target) }
            default:
                return try anyElement(p, negated: false) { s, l in s.compare(l, op, target) }
            }
        }
    }

    /// A test on one value, or on any element of a list (`negated`: on no element).
    /// A computed subject is one value.
    mutating func anyElement(_ e: CheckedExpression, negated: Bool, _ test: (inout SQLLowering, Leaf) -> String) throws(Diagnostic) -> String {
        guard let p = e.path else {
            let v = try scalar(e)
            let t = test(&self, makeLeaf(raw: v.raw, fold: v.fold, type: v.fieldType))
            return negated ? "NOT (\(t))" : t
        }
        switch try place(p) {
        case let .scalar(l):
            let t = test(&self, l)
            return negated ? "NOT (\(t))" : t
        case let .list(place):
            let t = test(&self, place.leaf)
            return guarded(place, (negated ? "NOT EXISTS " : "EXISTS ") + subquery(place, select: "1", extra: [t]))
        }
    }

    /// The text a `contains` or `like` looks at: the fold key, or a reference's label's.
    func textKey(_ l: Leaf) -> String {
        if l.target != nil { return label(l, folded: true) }
        return l.fold ?? l.raw
    }

    mutating func compare(_ l: Leaf, _ op: ComparisonOperator, _ target: Value) -> String {
        switch target {
        case let .list(options):
            // A reference compared with text: the checker found the records; SQL finds them by the same rule.
            guard case let .text(s)? = options.last else { return "FALSE" }
            return referenceMatch(l, s)
        case let .text(s):
            let key = ValueComparison.fold(s)
            switch op {
            case .contains:
                let f = dialect == .postgres ? "strpos" : "instr"
                return "\(f)(\(textKey(l)), \(text(key))) > 0"
            case .equal, .notEqual:
                return "\(textKey(l)) \(op == .equal ? "=" : "<>") \(text(key))"
            default:
                return "\(textKey(l))\(dialect.byteOrder) \(op.rawValue) \(text(key))"
            }
        default:
            let sqlOp = op == .notEqual ? "<>" : op.rawValue
            return "\(l.raw) \(sqlOp) \(value(target))"
        }
    }

    /// Whether a reference points to the record whose id or label folds to `s`'s key.
    mutating func referenceMatch(_ l: Leaf, _ s: String) -> String {
        guard let target = l.target, let tc = l.targetCollection else { return "FALSE" }
        let key = text(ValueComparison.fold(s))
        let again = binding ? text(ValueComparison.fold(s)) : key
        return "(\(idFold(target, tc)) = \(key) OR \(label(l, folded: true)) = \(again))"
    }

    mutating func isOneOf(_ l: Leaf, _ values: [Value]) -> String {
        if l.target != nil {
            var parts: [String] = []
            for v in values {
                if case let .list(options) = v, case let .text(s)? = options.last { parts.append(referenceMatch(l, s)) }
            }
            return parts.isEmpty ? "FALSE" : "(" + parts.joined(separator: " OR ") + ")"
        }
        var items: [String] = []
        var seen = Set<String>()
        for v in values {
            let item: String
            if case let .text(s) = v {
                let key = ValueComparison.fold(s)
                guard seen.insert("t" + key).inserted else { continue }
                item = text(key)
            } else {
                item = value(v)
            }
            items.append(item)
        }
        let subject = l.fold ?? l.raw
        return "\(subject) IN (" + items.joined(separator: ", ") + ")"
    }

    /// A `like` pattern in SQL's spelling: `*` is `%`, `?` is `_`, and SQL's own wildcards escaped.
    static func likePattern(_ glob: String) -> String {
        var out = String.UnicodeScalarView()
        for u in glob.unicodeScalars {
            switch u {
            case "*": out.append("%")
            case "?": out.append("_")
            case "%", "_", "\\": out.append("\\"); out.append(u)
            default: out.append(u)
            }
        }
        return String(out)
    }

    // MARK: Values shown and sorted

    /// A path's value as cstoq shows it: a reference by its label, a list as a JSON array.
    mutating func shown(_ p: ResolvedPath) throws(Diagnostic) -> String {
        switch try place(p) {
        case let .scalar(l): return l.target != nil ? label(l, folded: false) : l.raw
        case let .list(place):
            return guarded(place, jsonArray(place, element: jsonElement(place.leaf), booleans: place.leaf.isBoolean))
        }
    }

    func jsonElement(_ l: Leaf) -> String {
        l.target != nil ? label(l, folded: false) : l.raw
    }

    /// The elements as a JSON array text, in list order; `[]` for none.
    /// SQLite has no boolean: its 1 and 0 become JSON's true and false here,
    /// at the aggregate (a `json()` value loses its JSON-ness through a subquery).
    func jsonArray(_ place: ListPlace, element: String, booleans: Bool = false) -> String {
        switch dialect {
        case .sqlite:
            // json_group_array keeps the order of the rows it is given.
            var inner = SQLSelect(from: place.from)
            inner.columns = [(element, "v")]
            inner.joins = place.joins
            inner.conditions = place.conditions
            inner.orderBy = place.positions
            let v = booleans ? "json(CASE \(q("v")) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)" : q("v")
            return "(SELECT json_group_array(\(v)) FROM (\(inner.inline(dialect))))"
        case .postgres:
            return subquery(place, select: "COALESCE(json_agg(\(element) ORDER BY \(place.positions.joined(separator: ", "))), '[]')::text")
        }
    }

    /// How an expression's values sort: a path's as below, a computed text by its fold key.
    mutating func sortKey(_ e: CheckedExpression) throws(Diagnostic) -> String {
        if let p = e.path { return try sortKey(p) }
        let v = try scalar(e)
        if let fold = v.fold { return fold + dialect.byteOrder }
        return v.raw
    }

    /// How a path's values sort: text by its fold key (as bytes), a
    /// reference by its label's; lists have no order in SQL.
    mutating func sortKey(_ p: ResolvedPath) throws(Diagnostic) -> String {
        switch try place(p) {
        case let .scalar(l):
            if l.target != nil { return label(l, folded: true) + dialect.byteOrder }
            if let fold = l.fold { return fold + dialect.byteOrder }
            return l.raw
        case .list:
            throw untranslatable("ordering by a list (\(p.name))")
        }
    }

    // MARK: Groups and distinct rows

    /// The columns of the records a grouped query groups (the CTE `r`), by expression.
    struct Records {
        var columns: [(expression: String, alias: String)] = []

        mutating func add(_ expression: String) -> String {
            if let c = columns.first(where: { $0.expression == expression }) { return c.alias }
            let alias = "c\(columns.count + 1)"
            columns.append((expression, alias))
            return alias
        }
    }

    /// A group key's columns in `r`: its equality key, what it shows, how it sorts.
    struct GroupKey {
        var expression: CheckedExpression
        var key: String
        var shown: String
        var sort: String?
        var isText: Bool
        var isReference: Bool
    }

    /// `group by` and `select distinct`: the filtered records in a CTE, then one
    /// row per group of equal keys, in the order of each group's first record.
    mutating func grouped() throws(Diagnostic) -> SQLSelect {
        if query.aggregates && query.distinct { throw untranslatable("'select distinct' with totals") }
        var records = Records()
        let position = records.add(order(SQLLowering.base, query.collection))
        let whereClause = try query.condition.map { x throws(Diagnostic) in try condition(x) }
        let keyExpressions = query.aggregates ? query.groupBy : query.columns.map(\.expression)
        var keys: [GroupKey] = []
        for e in keyExpressions {
            keys.append(try groupKey(e, &records))
        }
        let r = "r", r2 = "r2"
        func inR(_ alias: String) -> String { r + "." + alias }
        let sameGroup = keys.map { k in
            let op = dialect == .postgres ? "IS NOT DISTINCT FROM" : "IS"
            return "\(r2).\(k.key) \(op) \(r).\(k.key)"
        }
        func representative(_ k: GroupKey) -> String {
            guard k.isText else { return k.isReference ? "min(\(inR(k.shown)))" : inR(k.key) }
            var s = SQLSelect(from: "\(r) AS \(r2)")
            s.columns = [("\(r2).\(k.shown)", nil)]
            s.conditions = sameGroup
            s.groupBy = ["\(r2).\(k.shown)"]
            s.orderBy = ["count(*) DESC", "min(\(r2).\(position))"]
            s.limit = 1
            return "(" + s.inline(dialect) + ")"
        }
        func pick(_ value: String, by extreme: String, descending: Bool, text: Bool) -> String {
            var s = SQLSelect(from: "\(r) AS \(r2)")
            s.columns = [("\(r2).\(value)", nil)]
            s.conditions = sameGroup + ["\(r2).\(extreme) IS NOT NULL"]
            s.orderBy = ["\(r2).\(extreme)" + (text ? dialect.byteOrder : "") + (descending ? " DESC" : ""), "\(r2).\(position)"]
            s.limit = 1
            return "(" + s.inline(dialect) + ")"
        }
        /// Whether a column shown is an SQL aggregate over `r` (not only picks of min and max).
        var shownAggregate = false
        /// What an output expression shows, and how it sorts.
        func output(_ e: CheckedExpression) throws(Diagnostic) -> (shown: String, sort: String) {
            if let k = keys.first(where: { $0.expression == e }) {
                guard let sort = k.sort else { return (representative(k), "") }
                return (representative(k), sort)
            }
            switch e {
            case .path, .backCount:
                throw untranslatable("a field that is not grouped")
            case .constant, .negate, .arithmetic, .function:
                // Computed from the group's keys and totals.
                var parts: [SQLValue] = []
                for part in SQLLowering.children(e) {
                    let o = try output(part)
                    let k = keys.first { $0.expression == part }
                    parts.append(SQLValue(raw: k.map { $0.isText ? o.shown : inR($0.key) } ?? o.shown, shown: o.shown,
                                          fold: k.flatMap { $0.isText ? inR($0.key) : nil }, kind: part.kind))
                }
                let v = combine(e, parts)
                return (v.shown, v.fold.map { $0 + dialect.byteOrder } ?? v.raw)
            case .aggregate(_, nil, _):
                shownAggregate = true
                return ("count(*)", "count(*)")
            case let .aggregate(function, argument?, distinct):
                let a = try aggregate(function, argument, distinct: distinct, &records)
                switch a {
                case let .plain(sql):
                    shownAggregate = true
                    return (sql, sql)
                case let .extreme(value, extreme, sort, text, sortIsText):
                    let descending = function == .max
                    let sortSQL = pick(sort, by: extreme, descending: descending, text: text) + (sortIsText ? dialect.byteOrder : "")
                    return (pick(value, by: extreme, descending: descending, text: text), sortSQL)
                }
            }
        }
        var select = SQLSelect(from: r)
        for column in query.columns {
            select.columns.append((try output(column.expression).shown, column.name))
        }
        let columnsAggregate = shownAggregate
        for key in query.orderBy {
            var sort: String
            switch key.key {
            case let .column(i):
                sort = try output(query.columns[i].expression).sort
            case let .hidden(e):
                if !query.aggregates {
                    // A distinct row is sorted by the value of its first record.
                    let h = records.add(try sortKey(e))
                    var s = SQLSelect(from: "\(r) AS \(r2)")
                    s.columns = [("\(r2).\(h)", nil)]
                    s.conditions = sameGroup
                    s.orderBy = ["\(r2).\(position)"]
                    s.limit = 1
                    sort = "(" + s.inline(dialect) + ")"
                } else {
                    sort = try output(e).sort
                }
            }
            if sort.isEmpty { throw untranslatable("ordering by a list") }
            select.orderBy.append(ordered(sort, descending: key.descending))
        }
        select.orderBy.append("min(\(inR(position)))")
        select.groupBy = keys.map { inR($0.key) }
        /// A group's value for a `having` test: its key's columns, or what `output` computes.
        func groupValue(_ e: CheckedExpression) throws(Diagnostic) -> SQLValue {
            if let k = keys.first(where: { $0.expression == e }) {
                if k.isReference { return SQLValue(raw: inR(k.key), kind: .reference) }
                return SQLValue(raw: k.isText ? representative(k) : inR(k.key), fold: k.isText ? inR(k.key) : nil, kind: e.kind)
            }
            let o = try output(e)
            return SQLValue(raw: o.shown, fold: nil, kind: e.kind)
        }
        func groupCondition(_ c: CheckedCondition) throws(Diagnostic) -> String {
            switch c {
            case let .all(items), let .any(items):
                var parts: [String] = []
                for item in items { parts.append(try groupCondition(item)) }
                let joiner = if case .all = c { " AND " } else { " OR " }
                return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: joiner) + ")"
            case let .not(inner): return "NOT " + (try groupCondition(inner))
            case let .compareBoth(x, op, y): return try compareBoth(try groupValue(x), op, try groupValue(y))
            case let .isNull(e, negated): return "\(try groupValue(e).raw) IS \(negated ? "NOT " : "")NULL"
            case let .truthy(e): return "\(try groupValue(e).raw) = TRUE"
            case let .like(e, pattern):
                let v = try groupValue(e)
                let sqlPattern = SQLLowering.likePattern(ValueComparison.fold(pattern.pattern))
                return "\(v.fold ?? v.raw) LIKE \(text(sqlPattern)) ESCAPE '\\'"
            case let .matchesAny(e, values, negated):
                let v = try groupValue(e)
                guard v.kind != .reference else { throw untranslatable("'in' on a grouped reference") }
                let t = isOneOf(makeLeaf(raw: v.raw, fold: v.fold, type: v.fieldType), values)
                return negated ? "NOT (\(t))" : t
            case let .inQuery(e, sub, negated):
                let v = try groupValue(e)
                guard v.kind != .reference else { throw untranslatable("'in' on a grouped reference") }
                let t = among(v.fold ?? v.raw, try self.keys(of: sub))
                return negated ? "NOT (\(t))" : t
            case let .compare(e, op, target):
                let v = try groupValue(e)
                guard v.kind != .reference else { throw untranslatable("comparing a grouped reference") }
                let leaf = makeLeaf(raw: v.raw, fold: v.fold, type: v.fieldType)
                return op == .notEqual ? "NOT (\(compare(leaf, .equal, target)))" : compare(leaf, op, target)
            }
        }
        if let having = query.having {
            select.having = [try groupCondition(having)]
        }
        if keys.isEmpty {
            // Totals over all the records: one row, even when there are none; its
            // picks of min and max are subqueries of their own.
            select.orderBy = []
            if !columnsAggregate {
                select.from = "(SELECT 1) AS " + q("one")
            }
        }
        var inner = SQLSelect(from: table(query.collection) + " AS " + SQLLowering.base)
        inner.columns = records.columns.map { ($0.expression, $0.alias) }
        inner.joins = joins
        if let whereClause { inner.conditions = [whereClause] }
        select.with = (r, inner.lines(dialect))
        return select
    }

    mutating func groupKey(_ e: CheckedExpression, _ records: inout Records) throws(Diagnostic) -> GroupKey {
        guard let p = e.path else {
            let v = try scalar(e)
            if let fold = v.fold {
                let key = records.add(fold)
                return GroupKey(expression: e, key: key, shown: records.add(v.shown), sort: "r.\(key)" + dialect.byteOrder, isText: true, isReference: false)
            }
            let key = records.add(v.raw)
            return GroupKey(expression: e, key: key, shown: key, sort: "r.\(key)", isText: false, isReference: false)
        }
        switch try place(p) {
        case let .scalar(l):
            if l.target != nil {
                let sort = records.add(label(l, folded: true))
                return GroupKey(expression: e, key: records.add(l.raw), shown: records.add(label(l, folded: false)),
                                sort: "min(r.\(sort))" + dialect.byteOrder, isText: false, isReference: true)
            }
            if let fold = l.fold {
                let key = records.add(fold)
                return GroupKey(expression: e, key: key, shown: records.add(l.raw), sort: "r.\(key)" + dialect.byteOrder, isText: true, isReference: false)
            }
            let key = records.add(l.raw)
            return GroupKey(expression: e, key: key, shown: key, sort: "r.\(key)", isText: false, isReference: false)
        case let .list(place):
            let keyElement = place.leaf.fold ?? place.leaf.raw
            let key = records.add(guarded(place, jsonArray(place, element: keyElement)))
            let shown = records.add(guarded(place, jsonArray(place, element: jsonElement(place.leaf), booleans: place.leaf.isBoolean)))
            return GroupKey(expression: e, key: key, shown: shown, sort: nil, isText: true, isReference: false)
        }
    }

    /// An aggregate over the records of a group: SQL over the CTE `r`, or the columns a pick of the smallest or largest value needs.
    enum Aggregate {
        case plain(String)
        case extreme(value: String, extreme: String, sort: String, text: Bool, sortIsText: Bool)
    }

    mutating func aggregate(_ function: AggregateFunction, _ argument: CheckedExpression, distinct: Bool, _ records: inout Records) throws(Diagnostic) -> Aggregate {
        let double = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        guard let p = argument.path, !distinct else {
            // A computed value, or count(distinct …): one value per record, in the CTE.
            let v = try scalar(argument)
            let key = records.add(v.fold ?? v.raw)
            switch function {
            case .count: return .plain(distinct ? "count(DISTINCT r.\(key))" : "count(r.\(key))")
            case .sum: return .plain("sum(r.\(key))")
            case .avg: return .plain("avg(r.\(key))")
            case .min, .max:
                return .extreme(value: records.add(v.shown), extreme: key, sort: key, text: v.fold != nil, sortIsText: v.fold != nil)
            }
        }
        switch try place(p) {
        case let .scalar(l):
            switch function {
            case .count: return .plain("count(r.\(records.add(l.raw)))")
            case .sum: return .plain("sum(r.\(records.add(l.raw)))")
            case .avg: return .plain("avg(r.\(records.add(l.raw)))")
            case .min, .max:
                let shown = records.add(l.target != nil ? label(l, folded: false) : l.raw)
                let extreme = records.add(extremeKey(l))
                let sort = records.add(l.target != nil ? label(l, folded: true) : (l.fold ?? l.raw))
                return .extreme(value: shown, extreme: extreme, sort: sort, text: l.fold != nil, sortIsText: l.fold != nil || l.target != nil)
            }
        case let .list(place):
            let leaf = place.leaf
            let nonNull = "\(leaf.raw) IS NOT NULL"
            switch function {
            case .count:
                return .plain("COALESCE(sum(r.\(records.add(subquery(place, select: "count(\(leaf.raw))")))), 0)")
            case .sum:
                return .plain("sum(r.\(records.add(subquery(place, select: "sum(\(leaf.raw))"))))")
            case .avg:
                let total = records.add(subquery(place, select: "sum(\(leaf.raw))"))
                let count = records.add(subquery(place, select: "count(\(leaf.raw))"))
                return .plain("CAST(sum(r.\(total)) AS \(double)) / NULLIF(sum(r.\(count)), 0)")
            case .min, .max:
                let text = leaf.fold != nil
                let order = [extremeKey(leaf) + (text ? dialect.byteOrder : "") + (function == .max ? " DESC" : "")] + place.positions
                func first(_ expression: String) -> String {
                    subquery(place, select: expression, extra: [nonNull], order: order, limit: 1)
                }
                let shown = records.add(first(leaf.target != nil ? label(leaf, folded: false) : leaf.raw))
                let extreme = records.add(first(extremeKey(leaf)))
                let sort = records.add(first(leaf.target != nil ? label(leaf, folded: true) : (leaf.fold ?? leaf.raw)))
                return .extreme(value: shown, extreme: extreme, sort: sort, text: text, sortIsText: text || leaf.target != nil)
            }
        }
    }

    /// What `min` and `max` compare: text by fold key, a reference by the
    /// place of its record in the dataset (as cstoq orders references).
    func extremeKey(_ l: Leaf) -> String {
        if let target = l.target, let tc = l.targetCollection { return order(target, tc) }
        return l.fold ?? l.raw
    }
}
