/// A text column's values sorted by their comparison key (`ValueComparison.fold`),
/// each key once in its most frequent spelling (ties to the first seen, as
/// `group by` shows a merged group): the values that begin with a prefix are
/// one range of it, found by binary search, however many there are.
struct SortedTexts {
    /// One per distinct key, in byte order (NFC keys: byte order is scalar order).
    private(set) var keys: [String] = []
    /// The spelling shown for each key.
    private(set) var shown: [String] = []

    init(codes: [UInt32], dictionary: [String]) {
        var uses = [Int](repeating: 0, count: dictionary.count)
        for code in codes where code != Column.nullCode { uses[Int(code)] += 1 }
        var entries: [(key: String, code: Int)] = []
        for code in dictionary.indices where uses[code] > 0 { entries.append((ValueComparison.fold(dictionary[code]), code)) }
        // Codes are given in order of first use, so the smaller code is the first seen.
        entries.sort { $0.key < $1.key || ($0.key == $1.key && $0.code < $1.code) }
        keys.reserveCapacity(entries.count)
        shown.reserveCapacity(entries.count)
        var i = 0
        while i < entries.count {
            var j = i + 1
            while j < entries.count, entries[j].key == entries[i].key { j += 1 }
            var best = entries[i].code
            if j > i + 1 {
                // Several spellings of one value: the one most rows use, byte for byte.
                var tally: [[UInt8]: (count: Int, first: Int)] = [:]
                for e in entries[i..<j] { tally[Array(dictionary[e.code].utf8), default: (0, e.code)].count += uses[e.code] }
                best = tally.values.max { a, b in a.count < b.count || (a.count == b.count && a.first > b.first) }!.first
            }
            keys.append(entries[i].key)
            shown.append(dictionary[best])
            i = j
        }
    }

    /// The spellings of the values whose key begins with `prefix` (already folded).
    func matching(_ prefix: String) -> ArraySlice<String> {
        let p = Array(prefix.utf8)
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid].utf8.lexicographicallyPrecedes(p) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < keys.count, keys[end].utf8.starts(with: p) { end += 1 }
        return shown[lo..<end]
    }
}
