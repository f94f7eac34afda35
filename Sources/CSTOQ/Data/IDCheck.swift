/// Duplicate ids, found by sorting hashes (no hash table the size of the
/// collection): the first repeated id in file order, with the earlier one it
/// repeats. Ids are compared by their `ValueComparison.fold` key, as `=`
/// compares them: `ABC` repeats `abc`, `café` in NFD repeats it in NFC. So a
/// reference, `.whynot ID` and `.source` never have two records to choose
/// from. Used by the loader of cstoq's format and by the data files' tables.
enum IDCheck {
    /// FNV-1a of an id's fold key.
    static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in ValueComparison.fold(id).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The same hash from an id's bytes, without making a String when the
    /// bytes are their own fold key (ASCII without capitals, as most ids are).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            if b >= 0x41 && (b <= 0x5A || b >= 0x80) { return hash(String(decoding: bytes, as: UTF8.self)) }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h
    }

    static func sorted(_ hashes: [UInt64]) -> [UInt64] {
        var sortedHashes = hashes
        sortedHashes.withUnsafeMutableBufferPointer { RadixSort.sort($0) }
        return sortedHashes
    }

    static func firstDuplicate(_ ids: [String]) -> (later: Int, earlier: Int)? {
        firstDuplicate(ids, hashes: ids.map(hash))
    }

    /// `hashes[i]` is `hash(ids[i])`, computed while the ids were read.
    static func firstDuplicate(_ ids: [String], hashes: [UInt64]) -> (later: Int, earlier: Int)? {
        firstDuplicate(ids, sortedRuns: [sorted(hashes)])
    }

    /// `sortedRuns` are the ids' hashes sorted in parts (one per thread that
    /// read them), together all of them; the hashes are computed again only
    /// when two are equal, to find which ids they belong to.
    static func firstDuplicate(_ ids: [String], sortedRuns runs: [[UInt64]]) -> (later: Int, earlier: Int)? {
        // Sort the hashes alone; only when two are equal look at the ids themselves.
        var repeated = Set<UInt64>()
        for run in runs {
            for i in run.indices.dropFirst() where run[i] == run[i - 1] { repeated.insert(run[i]) }
        }
        // Across runs: a walk through each pair, as a merge would.
        for r in runs.indices {
            for q in runs.indices where q > r {
                let (a, b) = (runs[r], runs[q])
                var i = 0, j = 0
                while i < a.count, j < b.count {
                    if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { repeated.insert(a[i]); i += 1; j += 1 }
                }
            }
        }
        guard !repeated.isEmpty else { return nil }
        let hashes = ids.map(hash)
        var hashed = hashes.enumerated().filter { repeated.contains($0.element) }.map { ($0.element, $0.offset) }
        hashed.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var firstDuplicate: (later: Int, earlier: Int)?
        var i = 1
        while i < hashed.count {
            if hashed[i].0 == hashed[i - 1].0 {
                // Same hash: compare the keys of the run.
                let key = ValueComparison.fold(ids[hashed[i].1])
                var j = i - 1
                while j >= 0, hashed[j].0 == hashed[i].0 {
                    if ValueComparison.fold(ids[hashed[j].1]) == key {
                        // One earlier equal id is enough: without this stop, n equal ids took n² steps.
                        if hashed[i].1 < firstDuplicate?.later ?? Int.max { firstDuplicate = (hashed[i].1, hashed[j].1) }
                        break
                    }
                    j -= 1
                }
            }
            i += 1
        }
        return firstDuplicate
    }
}
