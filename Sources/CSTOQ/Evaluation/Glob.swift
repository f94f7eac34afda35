/// A `like` pattern: `*` matches any run of characters, `?` exactly one;
/// matching ignores case like every text comparison.
public struct GlobPattern: Sendable, Equatable {
    public let pattern: String
    private let folded: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.folded = Array(ValueComparison.fold(pattern))
    }

    public func matches(_ text: String) -> Bool {
        let s = Array(ValueComparison.fold(text))
        let p = folded
        // Iterative matching with one backtrack point: linear in practice, never recursive.
        var si = 0, pi = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || (p[pi] != "*" && p[pi] == s[si]) {
                si += 1
                pi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
