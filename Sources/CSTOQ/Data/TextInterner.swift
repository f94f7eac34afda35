/// Gives each distinct string one code while a dataset loads, looking raw
/// UTF-8 bytes up in an open-addressing table: repeated values (a status, a
/// city) cost no new String, and the column keeps 4-byte codes.
struct TextInterner {
    private(set) var strings: [String] = []
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { strings.count }

    /// The code of `bytes`, adding it when new; nil when the bytes are not UTF-8.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (code: UInt32, isNew: Bool)? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            let e = Int(s)
            if hashes[e] == h, offsets[e + 1] - offsets[e] == bytes.count {
                let same = arena.withUnsafeBufferPointer { a in
                    bytes.count == 0 || memcmpEqual(a.baseAddress! + offsets[e], bytes.baseAddress!, bytes.count)
                }
                if same { return (UInt32(e), false) }
            }
            i = (i + 1) & mask
        }
        guard let s = makeString(bytes) else { return nil }
        let code = strings.count
        strings.append(s)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(h)
        slots[i] = Int32(code)
        if strings.count * 2 > slots.count { grow() }
        return (UInt32(code), true)
    }

    mutating func intern(_ text: String) -> (code: UInt32, isNew: Bool) {
        var t = text
        return t.withUTF8 { intern($0)! }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }
}

/// A String from bytes that must be UTF-8: ASCII (the common case) is
/// checked a word at a time; anything else goes through full validation.
@inline(__always)
func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var i = 0
    let n = bytes.count
    if let base = bytes.baseAddress {
        while i + 8 <= n {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n, base[i] < 0x80 { i += 1 }
    }
    if i == n { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
