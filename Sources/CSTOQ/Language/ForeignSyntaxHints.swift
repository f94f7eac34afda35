/// The friendly hints for syntax from other query languages: SQL's
/// `SELECT … FROM`, `==`, `*` and `count(*)`, Nushell's `|`. The parser calls
/// these where its own rules fail, so a hint replaces "expected X, found Y"
/// with the cstoq form of what was typed. Kept apart from the grammar's rules
/// so Parser.swift reads as the grammar alone.
extension Parser {
    /// Spellings from SQL, Nushell and C-like languages get the cstoq form as help.
    func foreignSyntax() -> Diagnostic? {
        switch current.kind {
        case .doubleEqual:
            return Diagnostic(.foreignSyntax("'=='"), at: current.range, help: "cstoq compares with a single '=': status = active")
        case .pipe where text(current) == "||":
            return Diagnostic(.foreignSyntax("'||'"), at: current.range,
                              help: "cstoq joins conditions with 'or': status = active or attended")
        case .invalidCharacter where text(current) == "&":
            let double = next.kind == .invalidCharacter && text(next) == "&" && next.range.start == current.range.end
            return Diagnostic(.foreignSyntax(double ? "'&&'" : "'&'"), at: double ? SourceRange(current.range.start, next.range.end) : current.range,
                              help: "cstoq joins conditions with 'and': status = active and attended")
        case .invalidCharacter where text(current) == "\\" && next.kind == .word && next.range.start == current.range.end:
            let command = ValueComparison.fold(text(next))
            let form = switch command {
            case "q": ".quit (or Ctrl-D) leaves cstoq"
            case "d", "dt", "d+": "describe NAME lists a collection's fields; .collections lists them all"
            case "x": ".format line shows each record one field per line, as \\x does (.format table goes back)"
            case "h", "help": ".help lists the commands and topics"
            case "i", "include": ".run FILE runs a script"
            case "o": ".save FILE writes the last result to a file"
            case "timing": ".timer on|off"
            default: "psql's backslash commands are dot-commands here: .help lists them"
            }
            return Diagnostic(.foreignSyntax("psql's '\\\(text(next))'"), at: SourceRange(current.range.start, next.range.end),
                              help: "cstoq's form: " + form)
        case .pipe:
            return Diagnostic(.foreignSyntax("'|'"), at: current.range,
                              help: "cstoq needs no pipe: write the clauses one after another, as in \(collectionOr("members")) where status = active")
        case .star:
            return Diagnostic(.foreignSyntax("'*'"), at: current.range,
                              help: "without 'select' a query shows every field: just \(collectionOr("members"))")
        case .word where isWord("from"):
            return Diagnostic(.foreignSyntax("'from'"), at: current.range,
                              help: "cstoq names the collection first: \(collectionOr("members")) where … select …")
        default:
            return nil
        }
    }

    fileprivate func collectionOr(_ fallback: String) -> String {
        collectionName.isEmpty ? fallback : collectionName
    }

    /// `count(*)`: the star is SQL's; cstoq counts rows with empty parentheses.
    func countStarHint() -> Diagnostic {
        Diagnostic(.foreignSyntax("'*'"), at: current.range, help: "cstoq counts rows with count()")
    }

    func isSQLSelect() -> Bool {
        guard isWord("select") else { return false }
        var i = index + 1
        while tokens[i].kind != .endOfInput && tokens[i].kind != .semicolon {
            if isWord("from", tokens[i]) { return true }
            i += 1
        }
        return false
    }

    /// `SELECT a, b FROM c WHERE x` → help: `c where x select a, b`.
    func sqlHint() -> Diagnostic {
        var i = index + 1
        var end = i
        while tokens[end].kind != .endOfInput && tokens[end].kind != .semicolon { end += 1 }
        var columns: [String] = []
        var from = ""
        var rest: [String] = []
        var part = 0
        while i < end {
            let t = tokens[i]
            if isWord("from", t) { part = 1; i += 1; continue }
            let s = t.kind == .doubleEqual ? "=" : text(t)
            if part == 0 { columns.append(s) } else if from.isEmpty { from = s; part = 2 } else { rest.append(ValueComparison.fold(s) == "where" || Keyword.all.contains(ValueComparison.fold(s)) ? ValueComparison.fold(s) : s) }
            i += 1
        }
        func join(_ parts: [String]) -> String {
            var out = ""
            for p in parts {
                if !out.isEmpty, p != ",", p != ")", !out.hasSuffix("(") { out += " " }
                out += p
            }
            return out
        }
        let select = columns == ["*"] ? "" : " select " + join(columns)
        let suggestion = join([from] + rest) + select
        return Diagnostic(.foreignSyntax("SQL's 'select … from'"), at: current.range,
                          help: "cstoq names the collection first: \(suggestion)")
    }
}
