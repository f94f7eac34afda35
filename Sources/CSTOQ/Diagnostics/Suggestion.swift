/// "Did you mean": the closest known name to a misspelt one.
///
/// As Gleam does: a case-insensitive exact match wins, then the candidate at the
/// smallest edit distance, if that distance is at most a third of the name.
public enum Suggestion {
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(ValueComparison.fold(name).unicodeScalars)
        let threshold = max(1, (target.count + 2) / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(ValueComparison.fold(candidate).unicodeScalars)
            if c == target { return candidate }
            // The distance is at least the difference in length: past the threshold,
            // skip the quadratic work (a 10 MB value against a field's values).
            if abs(c.count - target.count) > threshold { continue }
            let d = distance(target, c)
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        return d <= threshold ? candidate : nil
    }

    /// Levenshtein distance with adjacent transpositions (so `stauts` is one edit from `status`).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
