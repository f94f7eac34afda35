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

    static func firstDuplicate(_ ids: [String]) -> (later: Int, earlier: Int)? {
        firstDuplicate(ids, hashes: ids.map(hash))
    }

    /// `hashes[i]` is `hash(ids[i])`, computed while the ids were read.
    static func firstDuplicate(_ ids: [String], hashes: [UInt64]) -> (later: Int, earlier: Int)? {
        // Sort the hashes alone; only when two are equal look at the ids themselves.
        var sortedHashes = hashes
        sortedHashes.withUnsafeMutableBufferPointer { RadixSort.sort($0) }
        var repeated = Set<UInt64>()
        for i in sortedHashes.indices.dropFirst() where sortedHashes[i] == sortedHashes[i - 1] { repeated.insert(sortedHashes[i]) }
        guard !repeated.isEmpty else { return nil }
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
