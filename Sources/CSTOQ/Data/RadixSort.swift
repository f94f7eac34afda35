/// Least-significant-digit radix sort of 64-bit keys, 16 bits a pass: linear
/// time for the million id hashes a big dataset's duplicate check sorts.
enum RadixSort {
    static func sort(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        var keys = keys
        let n = keys.count
        guard n > 1 else { return }
        // Below this size the passes' 64K counters cost more than a comparison sort.
        guard n >= 100_000 else { keys.sort(); return }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer { scratch.deallocate() }
        var source = keys, target = scratch
        var counts = [Int](repeating: 0, count: 65536)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            for i in counts.indices { counts[i] = 0 }
            for k in source { counts[Int((k >> shift) & 0xFFFF)] += 1 }
            var total = 0
            for i in counts.indices {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            for k in source {
                let d = Int((k >> shift) & 0xFFFF)
                target[counts[d]] = k
                counts[d] += 1
            }
            swap(&source, &target)
        }
        // After an even number of passes the result is back in `keys`.
    }
}
