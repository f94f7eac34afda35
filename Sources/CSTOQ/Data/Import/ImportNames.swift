/// Names for what a file brings: a collection named after its file, fields
/// after its header or keys, made valid (`[a-z_][a-z0-9_]*`) by one rule:
/// lower case; accented Latin letters without their accent (`è` → `e`,
/// `ß` → `ss`); every run of other characters one `_`, none at the ends; a
/// leading digit gets a `_` before it. An empty result is `field_N` (the
/// N-th column). A name met twice gets `_2`, `_3`, … A collection named like
/// a word that starts a statement (`count`, `describe`, `explain`) gets a `_` after it.
enum ImportNames {
    static func valid(_ raw: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for ch in raw.lowercased().unicodeScalars {
            let v = ch.value
            let piece: String?
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                piece = String(ch)
            } else {
                piece = ImportNames.unaccented[ch]
            }
            guard let piece else { pendingUnderscore = !out.isEmpty; continue }
            if pendingUnderscore { out += "_" }
            pendingUnderscore = false
            out += piece
        }
        if let first = out.utf8.first, first >= 0x30, first <= 0x39 { out = "_" + out }
        return out
    }

    /// The collection a file becomes: its name without folder and extension.
    static func collection(forFile path: String) -> String {
        var base = Substring(path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path))
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        var name = valid(String(base))
        if name.isEmpty { name = "data" }
        if Keyword.statementStarters.contains(name) { name += "_" }
        return name
    }

    /// Field names for a header, with a note for each header that had to change.
    /// Collection names for tables (a SQLite file's, a database's): each
    /// made valid, `table` for none left, `_` after a word that starts a
    /// statement, `_2`, `_3` … after a name taken before.
    static func collections(_ tables: [String]) -> [String] {
        var taken = Set<String>()
        return tables.map { table in
            var name = valid(table)
            if name.isEmpty { name = "table" }
            if Keyword.statementStarters.contains(name) { name += "_" }
            let base = name
            var n = 2
            while taken.contains(name) { name = "\(base)_\(n)"; n += 1 }
            taken.insert(name)
            return name
        }
    }

    static func fields(_ header: [String]) -> (names: [String], renamed: [String]) {
        var names: [String] = []
        var taken = Set<String>()
        var renamed: [String] = []
        for (i, raw) in header.enumerated() {
            var name = valid(raw)
            if name.isEmpty { name = "field_\(i + 1)" }
            let base = name
            var n = 2
            while taken.contains(name) { name = "\(base)_\(n)"; n += 1 }
            taken.insert(name)
            names.append(name)
            if name != raw {
                renamed.append(raw.isEmpty ? "(empty) → \(name)" : "'\(Printable.escapeControls(raw))' → \(name)")
            }
        }
        return (names, renamed)
    }

    static let unaccented: [Unicode.Scalar: String] = {
        var m: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, base) in groups { for s in letters.unicodeScalars { m[s] = base } }
        m["ß"] = "ss"; m["æ"] = "ae"; m["œ"] = "oe"; m["þ"] = "th"; m["ð"] = "d"
        return m
    }()
}
