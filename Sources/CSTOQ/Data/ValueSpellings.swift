/// Values merged under the one equality of `=` (`ValueComparison.key`: case,
/// NFC, no-break space), each shown once in its most frequent spelling, byte
/// for byte, ties to the first seen: the rule `group by` uses for a merged
/// group (`Evaluator.mostFrequent`), here for the places that list values —
/// completion after `field =`, and the "did you mean" of a query with 0 rows.
struct ValueSpellings {
    /// A spelling, byte for byte: Swift's `==` on strings would merge é and
    /// e + U+0301, which are two spellings of one value.
    private enum Spelling: Hashable {
        case text([UInt8])
        case other(Value)
    }

    private struct Tally {
        var count: Int
        var first: Int
        var value: Value
    }

    private var slotOfKey: [Value: Int] = [:]
    private var slots: [[Spelling: Tally]] = []
    private var added = 0

    /// How many distinct values (under `=`) have been seen.
    var count: Int { slots.count }

    /// Counts `v` (`times` times, as for a dictionary code that many rows use).
    mutating func add(_ v: Value, times: Int = 1) {
        let key = ValueComparison.key(v)
        let slot: Int
        if let s = slotOfKey[key] { slot = s } else {
            slot = slots.count
            slotOfKey[key] = slot
            slots.append([:])
        }
        let spelling: Spelling = if case let .text(s) = v { .text(Array(s.utf8)) } else { .other(v) }
        slots[slot][spelling, default: Tally(count: 0, first: added, value: v)].count += times
        added += 1
    }

    func contains(_ v: Value) -> Bool { slotOfKey[ValueComparison.key(v)] != nil }

    /// One value per key, in the order first seen, each in its most frequent spelling.
    var values: [Value] {
        slots.map { spellings in
            spellings.values.max { a, b in a.count < b.count || (a.count == b.count && a.first > b.first) }!.value
        }
    }
}
