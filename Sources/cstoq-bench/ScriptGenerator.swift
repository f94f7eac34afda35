import CSTOQ
/// A long cstoq script of varied, valid statements for timing the lexer and
/// the parser: every clause and token kind of Grammar/cstoq.ebnf appears —
/// conditions nested in parentheses, `in` lists, strings with escapes and
/// non-ASCII text, dates, decimals, parameters, aggregates, comments,
/// statements over several lines, `explain`, `describe` and dot-commands.
/// Deterministic for a seed, so every run times the same text.
struct ScriptGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    static let collections = ["items", "members", "people", "events", "documents", "initiatives"]
    static let fields = ["status", "city", "score", "weight", "active", "day", "name", "leader.name", "leader.country.status", "by.name"]
    static let words = ["active", "frozen", "observer", "Bishkek", "Osh", "vladimir-putin", "armenia", "Almaty", "planned", "x_1"]
    static let strings = [#""Vladimir Putin""#, #"'budget'"#, #""say \"hi\"\n""#, #""Кыргызстан""#, #""Città di Bishkek""#,
                          #"'it\'s'"#, #""\u{1F600} emoji""#, #""tab\there""#]

    mutating func pick(_ options: [String]) -> String {
        options[random.below(options.count)]
    }

    mutating func value() -> String {
        switch random.below(7) {
        case 0: return String(random.below(100_000))
        case 1: return "\(random.below(1000)).\(random.below(100))"
        case 2: return "20\(10 + random.below(16))-0\(1 + random.below(9))-\(10 + random.below(18))"
        case 3: return pick(ScriptGenerator.strings)
        case 4: return pick(["true", "false", "null", "$country", "$limit"])
        default: return pick(ScriptGenerator.words)
        }
    }

    mutating func predicate() -> String {
        let field = pick(ScriptGenerator.fields)
        switch random.below(8) {
        case 0: return "\(field) \(pick(["=", "!=", "<>", "<", "<=", ">", ">="])) \(value())"
        case 1: return "\(field) \(pick(["contains", "like"])) \(pick(["\"nov\"", "'Ava*'", "\"*stan\""]))"
        case 2: return "\(field) \(pick(["in", "not in"])) (\(value()), \(value()), \(value()))"
        case 3: return "\(field) is \(pick(["", "not "]))null"
        case 4: return field
        default: return "\(field) \(pick(["=", ">", "<="])) \(value())"
        }
    }

    mutating func condition(depth: Int = 0) -> String {
        var parts = [depth < 2 && random.below(4) == 0 ? "(\(condition(depth: depth + 1)))" : predicate()]
        for _ in 0..<random.below(3) {
            let next = depth < 2 && random.below(5) == 0 ? "(\(condition(depth: depth + 1)))" : predicate()
            parts.append(pick(["and", "or", "and not"]) + " " + next)
        }
        return parts.joined(separator: " ")
    }

    mutating func column() -> String {
        random.below(4) == 0 ? "\(pick(["count", "min", "max", "sum", "avg"]))(\(pick(ScriptGenerator.fields)))" : pick(ScriptGenerator.fields)
    }

    mutating func query() -> String {
        var q = (random.below(6) == 0 ? "count " : "") + pick(ScriptGenerator.collections)
        let multiline = random.below(5) == 0
        let gap = multiline ? "\n  " : " "
        if random.below(4) != 0 { q += gap + "where " + condition() }
        if random.below(5) == 0 {
            q += gap + "group by " + pick(ScriptGenerator.fields)
            q += gap + "select \(pick(ScriptGenerator.fields)), count() as n, avg(score)"
        } else if random.below(2) == 0 {
            q += gap + "select " + (random.below(6) == 0 ? "distinct " : "") + (0...random.below(3)).map { _ in column() }.joined(separator: ", ")
        }
        if random.below(3) == 0 { q += gap + "order by \(pick(ScriptGenerator.fields)) \(pick(["asc", "desc", ""]))" }
        if random.below(3) == 0 { q += gap + "limit \(random.below(100))" }
        if random.below(8) == 0 { q += " offset \(random.below(10))" }
        return q
    }

    mutating func statement() -> String {
        switch random.below(20) {
        case 0: return "-- a comment between statements: \(pick(ScriptGenerator.words))\n" + query()
        case 1: return "explain " + (random.below(2) == 0 ? "trace " : "") + query()
        case 2: return "describe " + pick(ScriptGenerator.collections)
        case 3: return "." + pick(["format csv", "timer on", "format table", "set country Armenia"])
        default: return query()
        }
    }

    /// Statements, one or more to a line (`;` between), until `bytes` are written.
    mutating func script(bytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 1024)
        while out.count < bytes {
            let s = statement()
            // A dot-command has its line to itself.
            if s.hasPrefix("."), let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
            out.append(contentsOf: s.utf8)
            out.append(contentsOf: (!s.hasPrefix(".") && random.below(4) == 0 ? "; " : "\n").utf8)
        }
        return out
    }
}
