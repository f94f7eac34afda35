/// How values compare: equality and ordering as the query language defines them.
///
/// Text is compared case-insensitively (Unicode caseless matching: ß = ss), numbers across
/// integer and decimal, dates by the calendar. `null` equals nothing, not even
/// `null` (use `is null`); ordering puts nulls last.
public enum ValueComparison {
    /// The comparison key of a text, used by every text comparison, grouping,
    /// distinct and sort: case folded, no-break space as space, and NFC, so
    /// that `é` typed as one scalar or as `e` + U+0301 is one value. The key's
    /// UTF-8 bytes order as Swift orders the strings (by NFC scalars), which is
    /// also how SQL orders the `_fold` columns the SQL export writes.
    @inlinable
    public static func fold(_ text: String) -> String {
        // Fast path: ASCII without upper case needs no work.
        var needsWork = false
        for b in text.utf8 where b >= 0x41 && (b <= 0x5A || b >= 0x80) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        // Case ignored as Unicode's caseless match does (ß = SS, ς = σ): lower
        // case of upper case of lower case (ẞ → ß → SS → ss), so that upper(x)
        // and lower(x) keep x's key.
        // The article uses no-break spaces; a typed space must match them.
        let lower = text.lowercased().uppercased().lowercased()
        let spaced = lower.contains("\u{A0}") ? String(lower.map { $0 == "\u{A0}" ? " " : $0 }) : lower
        return nfc(spaced)
    }

    /// NFC through the standard library's own normalizer (the one its String
    /// comparison uses), which it exposes only under this name.
    @usableFromInline
    static func nfc(_ text: String) -> String {
        var ascii = true
        for b in text.utf8 where b >= 0x80 { ascii = false; break }
        return ascii ? text : String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// A value as grouping and distinct see it: text by its key, lists
    /// element by element, a whole decimal as the integer it equals (3 = 3.0).
    public static func key(_ v: Value) -> Value {
        switch v {
        case let .text(t): .text(fold(t))
        case let .list(items): .list(items.map(key))
        case let .decimal(d) where d == d.rounded() && abs(d) < 9.2e18: .integer(Int(d))
        default: v
        }
    }

    /// `fold(a) == folded` without allocating when `a` is ASCII (`folded` is already folded).
    @inlinable
    public static func equalsFolded(_ a: String, _ folded: String) -> Bool {
        var a = a
        var f = folded
        let fast: Bool? = a.withUTF8 { x in
            f.withUTF8 { y in
                for b in x where b >= 0x80 { return nil }
                guard x.count == y.count else { return false }
                for i in 0..<x.count {
                    let c = x[i]
                    let lower = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                    if lower != y[i] { return false }
                }
                return true
            }
        }
        return fast ?? (fold(a) == folded)
    }

    /// Three-way comparison of two texts by their keys (0 for texts that are
    /// equal under `=`); no allocation for ASCII.
    @inlinable
    public static func compareText(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        let fast: Int? = a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                for i in 0..<n {
                    let c = x[i], d = y[i]
                    if c >= 0x80 || d >= 0x80 { return nil }
                    if c == d { continue }
                    let lc = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                    let ld = (d >= 0x41 && d <= 0x5A) ? d | 0x20 : d
                    // A combining mark after the letter composes with it (A + U+0308 is Ä): then only the fold can tell.
                    if lc != ld {
                        if i + 1 < x.count, x[i + 1] >= 0x80 { return nil }
                        if i + 1 < y.count, y[i + 1] >= 0x80 { return nil }
                        return lc < ld ? -1 : 1
                    }
                }
                for i in n..<x.count where x[i] >= 0x80 { return nil }
                for i in n..<y.count where y[i] >= 0x80 { return nil }
                if x.count != y.count { return x.count < y.count ? -1 : 1 }
                return 0
            }
        }
        if let fast { return fast }
        let fa = fold(a), fb = fold(b)
        return fa == fb ? 0 : (fa < fb ? -1 : 1)
    }

    /// Equality for `=`: nil when the kinds cannot be compared.
    public static func equals(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.null, _), (_, .null): return false
        case let (.text(x), .text(y)): return x == y || fold(x) == fold(y)
        case let (.boolean(x), .boolean(y)): return x == y
        case let (.date(x), .date(y)): return x == y
        case let (.reference(x), .reference(y)): return x == y
        case let (.list(xs), _): return xs.contains { equals($0, b) == true }
        default:
            if let order = order(a, b) { return order == 0 }
            return nil
        }
    }

    /// Three-way order of two values of comparable kinds (-1, 0, 1); nil otherwise.
    public static func order(_ a: Value, _ b: Value) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case let (.integer(x), .integer(y)): return cmp(x, y)
        case let (.integer(x), .decimal(y)): return cmp(Double(x), y)
        case let (.decimal(x), .integer(y)): return cmp(x, Double(y))
        case let (.decimal(x), .decimal(y)): return cmp(x, y)
        case let (.text(x), .text(y)):
            let c = cmp(fold(x), fold(y))
            return c
        case let (.date(x), .date(y)): return cmp(x, y)
        case let (.boolean(x), .boolean(y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case let (.reference(x), .reference(y)): return cmp(x, y)
        default: return nil
        }
    }

    /// A total order for sorting result rows: nulls last, then by kind, then by
    /// value; values equal under `=` are ties (a stable sort keeps their order).
    public static func sortOrder(_ a: Value, _ b: Value) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        default: break
        }
        if let o = order(a, b) { return o }
        if case let (.list(x), .list(y)) = (a, b) {
            for (u, v) in zip(x, y) {
                let o = sortOrder(u, v)
                if o != 0 { return o }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        }
        return a.kind.rawValue < b.kind.rawValue ? -1 : 1
    }

    /// `contains`: substring test ignoring case; on a list, any element contains it.
    public static func contains(_ haystack: Value, _ needle: String) -> Bool {
        switch haystack {
        case let .text(t): return fold(t).contains(fold(needle))
        case let .list(items): return items.contains { contains($0, needle) }
        default: return false
        }
    }
}
