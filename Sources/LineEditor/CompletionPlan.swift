/// What a Tab press does to the line, decided without a terminal so that the
/// rules (and the byte-to-character arithmetic) can be unit-tested.
///
/// Counts are in Unicode scalars because that is what libedit's narrow API
/// counts: it keeps the line as `wchar_t`, one per code point, so
/// `el_deletestr(el, n)` removes n code points, not n bytes and not n
/// grapheme clusters.
enum CompletionPlan: Equatable {
    /// No candidate, or nothing would change.
    case beep
    /// Delete `deleteCount` code points before the cursor, then insert `insertion`.
    case replace(deleteCount: Int, insertion: String)
    /// Several candidates and no common progress: show them (and how many more there are).
    case list([String], more: Int)

    static func make(lineBeforeCursor: String, result: CompletionResult) -> CompletionPlan {
        let replaced = replacedSuffix(of: lineBeforeCursor, byteCount: result.replacing)
        let deleteCount = replaced.unicodeScalars.count
        let candidates = uniqued(result.candidates.filter { !$0.isEmpty })

        if result.more > 0 {
            // Only some matches are listed: Tab may insert only what all of them share.
            let prefix = result.commonPrefix ?? ""
            if prefix.count > replaced.count { return .replace(deleteCount: deleteCount, insertion: prefix) }
            return .list(candidates, more: result.more)
        }
        switch candidates.count {
        case 0:
            return .beep
        case 1:
            let insertion = candidates[0] + (result.appendSpace ? " " : "")
            return insertion == replaced ? .beep : .replace(deleteCount: deleteCount, insertion: insertion)
        default:
            let prefix = commonPrefix(candidates)
            // Progress means the line gets longer; a prefix of the same length
            // (say, differing only in case) would just flip text back and forth.
            if prefix.count > replaced.count {
                return .replace(deleteCount: deleteCount, insertion: prefix)
            }
            return .list(candidates, more: 0)
        }
    }

    /// The last `byteCount` bytes of `line`, widened to the start of a UTF-8
    /// sequence if the count lands inside one, and clamped to the line.
    static func replacedSuffix(of line: String, byteCount: Int) -> String {
        let bytes = Array(line.utf8)
        var start = bytes.count - min(max(byteCount, 0), bytes.count)
        while start > 0, start < bytes.count, bytes[start] & 0b1100_0000 == 0b1000_0000 {
            start -= 1
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Longest common prefix in whole characters, so a shared first code point
    /// of two different accented letters is never inserted on its own.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let shared = zip(prefix, string).prefix { $0 == $1 }.count
            prefix.removeLast(prefix.count - shared)
        }
        return String(prefix)
    }

    private static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }
}
