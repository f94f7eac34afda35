/// A `like` pattern: `*` matches any run of characters, `?` exactly one;
/// matching ignores case like every text comparison.
///
/// The pattern is cut at each run of `*` into segments. The first must match
/// where the text begins and the last where it ends; each one between is
/// found left to right, after the one before it: taking the leftmost place
/// for each never loses a match, because a `*` on either side absorbs
/// whatever lies between. A segment without `?` is found with
/// Knuth–Morris–Pratt, in time linear in the text; one with `?` compares only
/// its other characters at each place. So a text of n characters costs
/// O(n + m) for a pattern of m characters without `?`, and at most O(n · k)
/// where a segment with `?` has k other characters — never the
/// backtracking of one `*` against another.
public struct GlobPattern: Sendable, Equatable {
    public let pattern: String
    private let characters: Matcher<Character>
    /// The same pattern as bytes, when it is ASCII: texts in ASCII are
    /// matched byte by byte (each byte is one character, but for CR LF).
    private let bytes: Matcher<UInt8>?

    public init(_ pattern: String) {
        self.pattern = pattern
        let folded = ValueComparison.fold(pattern)
        characters = Matcher(Array(folded), star: "*", any: "?")
        bytes = GlobPattern.isPlainASCII(folded) ? Matcher(Array(folded.utf8), star: UInt8(ascii: "*"), any: UInt8(ascii: "?")) : nil
    }

    public func matches(_ text: String) -> Bool {
        var work = 0
        return matches(text, work: &work)
    }

    /// `matches`, adding to `work` the characters compared (for the tests of the bound).
    func matches(_ text: String, work: inout Int) -> Bool {
        var folded = ValueComparison.fold(text)
        if let bytes, GlobPattern.isPlainASCII(folded) {
            return folded.withUTF8 { bytes.matches($0, work: &work) }
        }
        return characters.matches(Array(folded), work: &work)
    }

    /// ASCII without CR LF, the one pair of ASCII bytes that is one character.
    static func isPlainASCII(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if b >= 0x80 || (b == 0x0A && previous == 0x0D) { return false }
            previous = b
        }
        return true
    }

    public static func == (a: GlobPattern, b: GlobPattern) -> Bool { a.pattern == b.pattern }
}

/// The segments of a pattern, over characters or bytes.
private struct Matcher<E: Equatable & Sendable>: Sendable {
    struct Segment: Sendable {
        var elements: [E]
        /// The positions that are not `?`.
        var literals: [Int]
        /// Knuth–Morris–Pratt's failure table, for a segment without `?`.
        var failure: [Int]?
    }

    let segments: [Segment]
    let hasStar: Bool
    let minimumLength: Int

    init(_ pattern: [E], star: E, any: E) {
        var parts: [[E]] = [[]]
        for e in pattern {
            if e == star {
                if !(parts.last!.isEmpty && parts.count > 1) { parts.append([]) }
            } else {
                parts[parts.count - 1].append(e)
            }
        }
        hasStar = pattern.contains(star)
        segments = parts.map { p in
            let literals = p.indices.filter { p[$0] != any }
            return Segment(elements: p, literals: literals, failure: literals.count == p.count ? Matcher.failureTable(p) : nil)
        }
        minimumLength = parts.reduce(0) { $0 + $1.count }
    }

    static func failureTable(_ p: [E]) -> [Int] {
        var f = [Int](repeating: 0, count: p.count)
        var k = 0
        for i in p.indices.dropFirst() {
            while k > 0, p[i] != p[k] { k = f[k - 1] }
            if p[i] == p[k] { k += 1 }
            f[i] = k
        }
        return f
    }

    func matches<C: RandomAccessCollection>(_ s: C, work: inout Int) -> Bool where C.Element == E, C.Index == Int {
        let n = s.count
        guard n >= minimumLength else { return false }
        let base = s.startIndex
        guard hasStar else { return n == segments[0].elements.count && fits(segments[0], s, at: base, work: &work) }
        let first = segments[0], last = segments[segments.count - 1]
        guard fits(first, s, at: base, work: &work), fits(last, s, at: base + n - last.elements.count, work: &work) else { return false }
        var from = base + first.elements.count
        let end = base + n - last.elements.count
        for segment in segments.dropFirst().dropLast() {
            guard let at = find(segment, s, from: from, end: end, work: &work) else { return false }
            from = at + segment.elements.count
        }
        return true
    }

    /// Whether the segment matches at `at`, comparing its characters that are not `?`.
    @inline(__always)
    func fits<C: RandomAccessCollection>(_ segment: Segment, _ s: C, at: Int, work: inout Int) -> Bool where C.Element == E, C.Index == Int {
        for i in segment.literals {
            work += 1
            if s[at + i] != segment.elements[i] { return false }
        }
        return true
    }

    /// Where the segment first fits wholly in `from..<end`.
    func find<C: RandomAccessCollection>(_ segment: Segment, _ s: C, from: Int, end: Int, work: inout Int) -> Int? where C.Element == E, C.Index == Int {
        let m = segment.elements.count
        guard end - from >= m else { return nil }
        guard let failure = segment.failure else {
            for at in from...(end - m) where fits(segment, s, at: at, work: &work) { return at }
            return nil
        }
        let p = segment.elements
        var k = 0
        for i in from..<end {
            work += 1
            while k > 0, s[i] != p[k] {
                k = failure[k - 1]
                work += 1
            }
            if s[i] == p[k] { k += 1 }
            if k == m { return i - m + 1 }
        }
        return nil
    }
}
