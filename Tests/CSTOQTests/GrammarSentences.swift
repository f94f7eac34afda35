import Foundation
import CSTOQ

/// Random sentences from the grammar: syntax rules are expanded, lexical
/// rules are replaced by sample tokens, recursion is bounded.
struct GrammarSentences {
    /// One token of a generated sentence.
    struct Piece: Equatable {
        var text: String
        /// A keyword written by the grammar (not a sample name that happens to be one).
        var isKeyword: Bool
    }

    let grammar: EBNF
    /// Sample tokens for lexical rules: `rule@parent` for a rule used inside
    /// `parent` only, else `rule`.
    let samples: [String: [String]]
    /// Rule expansions deeper than this take the shortest way out.
    let maximumDepth: Int
    /// Write keywords in random case (they match without regard to case;
    /// the letters of escapes and the like do not).
    let varyCase: Bool
    var random: SplitMix64
    /// How many rule expansions it takes at least to finish each rule.
    private var height: [String: Int] = [:]
    /// How many times each rule was expanded (to count statements in a script).
    private(set) var expansions: [String: Int] = [:]

    init(grammar: EBNF, samples: [String: [String]], maximumDepth: Int, varyCase: Bool = true, seed: UInt64) {
        self.grammar = grammar
        self.samples = samples
        self.maximumDepth = maximumDepth
        self.varyCase = varyCase
        self.random = SplitMix64(seed: seed)
        computeHeights()
    }

    func isSample(_ name: String) -> Bool {
        samples[name] != nil || samples.keys.contains { $0.hasPrefix(name + "@") }
    }

    private mutating func computeHeights() {
        let unknown = Int.max / 2
        for rule in grammar.rules { height[rule.name] = isSample(rule.name) ? 0 : unknown }
        var changed = true
        while changed {
            changed = false
            for rule in grammar.rules where !isSample(rule.name) {
                let h = min(unknown, 1 + heightOf(rule.body))
                if h < height[rule.name]! {
                    height[rule.name] = h
                    changed = true
                }
            }
        }
    }

    private func heightOf(_ e: EBNF.Term) -> Int {
        switch e {
        case let .reference(name): height[name] ?? Int.max / 2
        case .literal, .characterClass: 0
        case let .sequence(items): items.map(heightOf).max() ?? 0
        case let .choice(items): items.map(heightOf).min() ?? 0
        case .optional, .zeroOrMore: 0
        case let .oneOrMore(inner): heightOf(inner)
        case let .exclusion(inner, _): heightOf(inner)
        }
    }

    /// Whether every rule can finish (no rule recurses without a way out).
    var everyRuleFinishes: Bool {
        height.values.allSatisfy { $0 < Int.max / 2 }
    }

    mutating func sentence(from rule: String) -> [Piece] {
        expansions = [:]
        var out: [Piece] = []
        expand(.reference(rule), depth: 0, parent: "", into: &out)
        return out
    }

    private mutating func chance(_ percent: UInt64) -> Bool {
        random.next() % 100 < percent
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    /// A keyword in a random case: `where`, `WHERE` or `Where`.
    private mutating func cased(_ word: String) -> String {
        switch random.next() % 10 {
        case 0, 1: word.uppercased()
        case 2: word.prefix(1).uppercased() + word.dropFirst()
        default: word
        }
    }

    private mutating func expand(_ e: EBNF.Term, depth: Int, parent: String, into out: inout [Piece]) {
        let deep = depth >= maximumDepth
        switch e {
        case let .literal(text):
            let isWord = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
            out.append(Piece(text: isWord && varyCase ? cased(text) : text, isKeyword: isWord))
        case let .reference(name):
            expansions[name, default: 0] += 1
            if let options = samples[name + "@" + parent] ?? samples[name] {
                out.append(Piece(text: pick(options), isKeyword: false))
            } else if let rule = grammar[name] {
                expand(rule.body, depth: depth + 1, parent: name, into: &out)
            } else {
                out.append(Piece(text: "⟪undefined \(name)⟫", isKeyword: false))
            }
        case let .sequence(items):
            for item in items { expand(item, depth: depth, parent: parent, into: &out) }
        case let .choice(items):
            if deep {
                let lowest = items.map(heightOf).min()!
                let shortest = items.filter { heightOf($0) == lowest }
                expand(pick(shortest), depth: depth, parent: parent, into: &out)
            } else {
                expand(pick(items), depth: depth, parent: parent, into: &out)
            }
        case let .optional(inner):
            if !deep, chance(50) { expand(inner, depth: depth, parent: parent, into: &out) }
        case let .zeroOrMore(inner):
            let count = deep ? 0 : [0, 0, 1, 1, 2][Int(random.next() % 5)]
            for _ in 0..<count { expand(inner, depth: depth, parent: parent, into: &out) }
        case let .oneOrMore(inner):
            let count = deep ? 1 : [1, 1, 2, 3][Int(random.next() % 4)]
            for _ in 0..<count { expand(inner, depth: depth, parent: parent, into: &out) }
        case let .characterClass(c):
            out.append(Piece(text: String(character(in: c)), isKeyword: false))
        case let .exclusion(inner, _):
            expand(inner, depth: depth, parent: parent, into: &out)
        }
    }

    /// A character of the class; negated classes pick from a pool of likely characters.
    private mutating func character(in c: EBNF.CharacterClass) -> Character {
        if !c.negated {
            let range = pick(c.ranges)
            while true {
                let v = range.lowerBound + UInt32(random.next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(v) { return Character(scalar) }
            }
        }
        let pool = Array("abcXYZ019 _-.,;:!?()[]{}<>=+*/|#$%&@~^`'\"\\\téüß«»€東Ж😀\n".unicodeScalars)
        while true {
            let scalar = pick(pool)
            if c.contains(scalar) { return Character(scalar) }
        }
    }

    /// The lexical text of a generated token list: the characters of a
    /// lexical rule go together, with nothing between them.
    static func joinedCharacters(_ pieces: [Piece]) -> String {
        pieces.map(\.text).joined()
    }

    /// The pieces of a sentence joined with spaces; now and then a line break
    /// before a keyword that continues a statement, and no space next to
    /// punctuation.
    mutating func layout(_ pieces: [Piece], lineBreaks: Bool) -> String {
        let continuation: Set<String> = ["where", "select", "order", "group", "limit", "offset", "and", "or"]
        let tight: Set<String> = ["(", ")", ",", "."]
        var out = ""
        for (i, piece) in pieces.enumerated() {
            if i > 0 {
                let previous = pieces[i - 1]
                if lineBreaks, piece.isKeyword, continuation.contains(piece.text.lowercased()), chance(25) {
                    out += "\n"
                } else if (tight.contains(piece.text) || tight.contains(previous.text)), chance(50) {
                    out += ""
                } else {
                    out += " "
                }
            }
            out += piece.text
        }
        return out
    }
}
