/// The answer of a completer to one Tab press.
public struct CompletionResult: Sendable, Equatable {
    /// How many UTF-8 bytes just before the cursor the candidates replace
    /// (usually the length of the word being completed).
    public var replacing: Int
    /// Full replacement texts for those bytes, in the order to list them.
    public var candidates: [String]
    /// Whether a unique match gets a space after it. False when more typing is
    /// expected right after it, e.g. after `leader.` or a folder name ending in `/`.
    public var appendSpace: Bool
    /// How many more matches there are than `candidates` lists (a listing says so).
    public var more: Int
    /// What every match begins with, listed or not; nil when `candidates` are all of them.
    public var commonPrefix: String?

    public init(replacing: Int, candidates: [String], appendSpace: Bool = true, more: Int = 0, commonPrefix: String? = nil) {
        self.replacing = replacing
        self.candidates = candidates
        self.appendSpace = appendSpace
        self.more = more
        self.commonPrefix = commonPrefix
    }

    /// Nothing to offer: Tab beeps.
    public static let none = CompletionResult(replacing: 0, candidates: [])
}
