/// Computed values in SQL: arithmetic, dates and the function catalog, with
/// cstoq's meaning spelt out for both engines:
/// - `/` is exact (`7 / 2` is 3.5: the dividend is made a decimal) and a
///   division by zero is null (`NULLIF`, which PostgreSQL needs and SQLite does anyway);
/// - a date minus a date is whole days, a date plus days a date;
/// - text keeps its fold key beside its value, so `lower(name) = "x"`
///   compares keys as `=` always does (`lower`, `upper` and `trim` of a key
///   are the key of the result, trim taking the same four blanks);
/// - `round` halves away from zero on the decimal a number is written as
///   (PostgreSQL through `numeric`); of a whole number it is the number.
extension SQLLowering {
    /// A value in SQL: what it shows (`shown`; a reference's label), what it
    /// is (`raw`; a reference's id) and, for text, its fold key.
    struct SQLValue {
        var raw: String
        var shown: String
        var fold: String?
        var kind: ValueKind

        init(raw: String, shown: String? = nil, fold: String? = nil, kind: ValueKind) {
            self.raw = raw
            self.shown = shown ?? raw
            self.fold = fold
            self.kind = kind
        }

        /// The kind as a field type, for the comparison helpers that take leaves.
        var fieldType: FieldType {
            switch kind {
            case .integer: .integer
            case .decimal: .decimal
            case .boolean: .boolean
            case .date: .date
            default: .text
            }
        }
    }

    /// A row's computed value (no aggregates: those are a group's).
    mutating func scalar(_ e: CheckedExpression) throws(Diagnostic) -> SQLValue {
        switch e {
        case let .path(p):
            switch try place(p) {
            case let .scalar(l):
                if l.target != nil {
                    return SQLValue(raw: l.raw, shown: label(l, folded: false), kind: .reference)
                }
                return SQLValue(raw: l.raw, fold: l.fold, kind: p.type.valueKind)
            case .list:
                throw untranslatable("a value computed from a list (\(p.name))")
            }
        case .aggregate:
            throw untranslatable("an aggregate outside a group")
        case let .backCount(b):
            return SQLValue(raw: try backCount(b), kind: .integer)
        default:
            var parts: [SQLValue] = []
            for child in SQLLowering.children(e) { parts.append(try scalar(child)) }
            return combine(e, parts)
        }
    }

    /// The operands of a computed node, in order (what `combine` is given translated).
    static func children(_ e: CheckedExpression) -> [CheckedExpression] {
        switch e {
        case .path, .constant, .aggregate, .backCount: []
        case let .negate(x, _): [x]
        case let .arithmetic(_, a, b, _): [a, b]
        case let .function(_, args, _): args
        }
    }

    /// A computed node from its operands' SQL (`children`, translated for a
    /// row by `scalar`, for a group from its keys and totals).
    /// A bound value inside a computation, typed for PostgreSQL, which
    /// cannot infer a parameter's type under `abs($1)` or `$1 * $2`.
    func typed(_ sql: String, _ type: FieldType) -> String {
        dialect == .postgres && binding ? "CAST(\(sql) AS \(dialect.typeName(type)))" : sql
    }

    /// `count(statements)`: a correlated count of the records that point at the row (`t0`).
    mutating func backCount(_ b: BackReference) throws(Diagnostic) -> String {
        let here = id(SQLLowering.base, query.collection)
        let steps = b.path.steps
        func isList(_ step: ResolvedPath.Step) -> Bool {
            if case .list = dataset.collections[step.collection].fields[step.field].type { true } else { false }
        }
        let first = steps[0]
        let a = newAlias("b")
        if steps.count == 1 {
            if isList(first) {
                let s = side(first.collection, first.field)
                // An array column: the records whose array holds the id.
                if s.isArray {
                    return "(SELECT count(*) FROM \(table(first.collection)) AS \(a) WHERE \(here) = ANY(\(field(a, first.collection, first.field))))"
                }
                return "(SELECT count(DISTINCT \(column(a, s.owner))) FROM \(q(s.name)) AS \(a) WHERE \(column(a, s.value)) = \(here))"
            }
            return "(SELECT count(*) FROM \(table(first.collection)) AS \(a) WHERE \(field(a, first.collection, first.field)) = \(here))"
        }
        let second = steps[1]
        guard steps.count == 2, !isList(first), !isList(second) else {
            throw untranslatable("a back-reference through a list (\(b.name))")
        }
        let m = newAlias("b")
        return "(SELECT count(*) FROM \(table(first.collection)) AS \(a) JOIN \(table(second.collection)) AS \(m)"
            + " ON \(id(m, second.collection)) = \(field(a, first.collection, first.field)) WHERE \(field(m, second.collection, second.field)) = \(here))"
    }

    mutating func combine(_ e: CheckedExpression, _ parts: [SQLValue]) -> SQLValue {
        let real = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        switch e {
        case let .constant(v):
            if case let .text(t) = v { return SQLValue(raw: typed(text(t), .text), fold: typed(text(ValueComparison.fold(t)), .text), kind: .text) }
            if v.isNull { return SQLValue(raw: "NULL", kind: .null) }
            let type: FieldType = switch v.kind {
            case .integer: .integer
            case .decimal: .decimal
            case .date: .date
            case .boolean: .boolean
            default: .text
            }
            return SQLValue(raw: typed(value(v), type), kind: v.kind)
        case .negate:
            let a = parts[0]
            return SQLValue(raw: "(-\(a.raw))", kind: a.kind)
        case let .arithmetic(op, _, _, _):
            let a = parts[0], b = parts[1]
            let kind = CheckedExpression.kind(of: op, a.kind, b.kind)
            switch (a.kind, b.kind) {
            case (.date, .date):
                let sql = dialect == .postgres ? "(\(a.raw) - \(b.raw))" : "CAST(julianday(\(a.raw)) - julianday(\(b.raw)) AS INTEGER)"
                return SQLValue(raw: sql, kind: .integer)
            case (.date, _), (_, .date):
                let (date, days) = a.kind == .date ? (a.raw, b.raw) : (b.raw, a.raw)
                // PostgreSQL adds an integer to a date, not a bigint (what a bound whole number is).
                if dialect == .postgres { return SQLValue(raw: "(\(date) \(op.rawValue) CAST(\(days) AS INTEGER))", kind: .date) }
                let signed = op == .subtract ? "(-(\(days)))" : "(\(days))"
                return SQLValue(raw: "date(\(date), \(signed) || ' days')", kind: .date)
            default:
                if op == .divide {
                    return SQLValue(raw: "(CAST(\(a.raw) AS \(real)) / NULLIF(\(b.raw), 0))", kind: .decimal)
                }
                return SQLValue(raw: "(\(a.raw) \(op.rawValue) \(b.raw))", kind: kind)
            }
        case let .function(f, args, _):
            let values = parts
            let a = values[0]
            switch f {
            case .lower, .upper:
                return SQLValue(raw: "\(f.rawValue)(\(a.raw))", fold: a.fold, kind: .text)
            case .trim:
                let blanks = SQLDialect.string(" \t\n\r")
                let name = dialect == .postgres ? "btrim" : "trim"
                return SQLValue(raw: "\(name)(\(a.raw), \(blanks))", fold: a.fold.map { "\(name)(\($0), \(blanks))" }, kind: .text)
            case .length:
                return SQLValue(raw: "length(\(a.raw))", kind: .integer)
            case .year, .month, .day:
                if dialect == .postgres {
                    return SQLValue(raw: "CAST(EXTRACT(\(f.rawValue.uppercased()) FROM \(a.raw)) AS INTEGER)", kind: .integer)
                }
                let format = f == .year ? "%Y" : f == .month ? "%m" : "%d"
                return SQLValue(raw: "CAST(strftime('\(format)', \(a.raw)) AS INTEGER)", kind: .integer)
            case .abs:
                return SQLValue(raw: "abs(\(a.raw))", kind: a.kind)
            case .round:
                if a.kind == .integer { return a }
                var digits = 0
                if values.count > 1, case let .constant(.integer(n)) = args[1] { digits = max(0, n) }
                if dialect == .postgres {
                    return SQLValue(raw: "CAST(round(CAST(\(a.raw) AS NUMERIC), \(digits)) AS DOUBLE PRECISION)", kind: .decimal)
                }
                return SQLValue(raw: "round(\(a.raw), \(digits))", kind: .decimal)
            case .coalesce:
                let kind = values.map(\.kind).first { $0 != .null } ?? .null
                let folds = values.compactMap(\.fold)
                return SQLValue(raw: "COALESCE(" + values.map(\.raw).joined(separator: ", ") + ")",
                                shown: "COALESCE(" + values.map(\.shown).joined(separator: ", ") + ")",
                                fold: folds.count == values.count ? "COALESCE(" + folds.joined(separator: ", ") + ")" : nil, kind: kind)
            }
        case .path, .aggregate, .backCount:
            return parts.first ?? SQLValue(raw: "NULL", kind: .null)
        }
    }

    /// Two computed sides: text by fold keys (ordered as bytes), the rest as they are.
    mutating func compareBoth(_ a: SQLValue, _ op: ComparisonOperator, _ b: SQLValue) throws(Diagnostic) -> String {
        if let x = a.fold, let y = b.fold {
            switch op {
            case .contains:
                let f = dialect == .postgres ? "strpos" : "instr"
                return "\(f)(\(x), \(y)) > 0"
            case .equal: return "\(x) = \(y)"
            case .notEqual: return "\(x) <> \(y)"
            case .like: throw untranslatable("a computed like pattern")
            default: return "\(x)\(dialect.byteOrder) \(op.rawValue) \(y)\(dialect.byteOrder)"
            }
        }
        switch op {
        case .contains, .like: throw untranslatable("'\(op.rawValue)' on values that are not text")
        case .notEqual: return "\(a.raw) <> \(b.raw)"
        default: return "\(a.raw) \(op.rawValue) \(b.raw)"
        }
    }
}
