/// A byte range into a source text. Positions stay byte offsets everywhere;
/// line and column are worked out only when a diagnostic is shown.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var length: Int { end - start }
    public var description: String { "\(start)..<\(end)" }

    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// The text a diagnostic points into, with its line-start table.
public struct SourceText: Sendable {
    /// The name shown before the location: a file path, or `<input>`.
    public let name: String
    public let bytes: [UInt8]
    /// Where in the file this text begins (for statements cut out of a script).
    public let firstLine: Int
    private let lineStarts: [Int]

    public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
        self.name = name
        self.bytes = bytes
        self.firstLine = firstLine
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    public func text(_ range: SourceRange) -> String {
        let s = min(max(0, range.start), bytes.count), e = min(max(s, range.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// The 0-based line index holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(0, offset), bytes.count)
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).count + 1
        return (index + firstLine, column)
    }

    /// The 1-based column (in characters) of a byte offset, found by looking
    /// back to the line's start only: no table of lines is built, so a parser
    /// can ask it for every parenthesis of a long script.
    public static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        let offset = min(max(0, offset), bytes.count)
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self).count + 1
    }

    /// The text of the line holding `offset`, without its newline, and its start offset.
    public func line(containing offset: Int) -> (text: String, start: Int) {
        let index = lineIndex(of: min(max(0, offset), bytes.count))
        let start = lineStarts[index]
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        var line = bytes[start..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return (String(decoding: line, as: UTF8.self), start)
    }
}
