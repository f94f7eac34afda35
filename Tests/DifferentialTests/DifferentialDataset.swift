@testable import CSTOQ

/// The dataset every differential query runs on, generated from a seed: every
/// field kind, nulls, empty lists, text in mixed case, accents in both
/// compositions, no-break spaces, quotes and SQL wildcards; references between
/// collections, to the same collection and in cycles; lists of every kind,
/// lists of references among them.
///
/// `people` have a `name` (a reference to one is shown and matched by it),
/// `items` a `title`, `places` neither (their id).
enum DifferentialDataset {
    static let peopleCount = 24
    static let itemCount = 48
    static let placeCount = 7

    /// Spellings of a few words: one value each under cstoq's `=`.
    static let words = ["alpha", "Beta", "caf\u{E9}", "new york", "\u{C4}rger", "stra\u{DF}e", "zo\u{EB}",
                        "50% off", "o'brien", "say \"hi\"", "a_b", "back\\slash", "\u{39A}\u{3B1}\u{3B9}\u{3C1}\u{3CC}\u{3C2}", "\u{5E73}\u{548C}"]

    static func spelling(of word: String, _ r: inout SplitMix64) -> String {
        switch r.below(7) {
        case 0: word.uppercased()
        case 1: word.lowercased()
        case 2: word.prefix(1).uppercased() + word.dropFirst()
        case 3: String(word.decomposedStringWithCanonicalMapping)
        case 4: word.replacingOccurrences(of: " ", with: "\u{A0}")
        default: word
        }
    }

    static func text(_ r: inout SplitMix64) -> String {
        r.chance(0.85) ? spelling(of: r.pick(words), &r) : r.pick(["", " ", "x", "Zz", "\u{E9}t\u{E9}"])
    }

    static func date(_ r: inout SplitMix64) -> String {
        let y = 2023 + r.below(3), m = 1 + r.below(12), d = 1 + r.below(28)
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }

    static func decimal(_ r: inout SplitMix64) -> String {
        r.chance(0.1) ? r.pick(["0.1", "1e-05", "-0.5", "2.0", "1234567.891"]) : String(Double(r.below(400) - 150) / 4)
    }

    static func integer(_ r: inout SplitMix64) -> String { String(r.below(30) - 8) }

    /// A field's JSON value: null now and then.
    static func maybe(_ r: inout SplitMix64, _ value: (inout SplitMix64) -> String) -> String {
        r.chance(0.15) ? "null" : value(&r)
    }

    static func list(_ r: inout SplitMix64, _ element: (inout SplitMix64) -> String) -> String {
        if r.chance(0.15) { return "null" }
        return "[" + (0..<r.below(4)).map { _ in element(&r) }.joined(separator: ", ") + "]"
    }

    static func json(seed: UInt64) -> String {
        var r = SplitMix64(seed: seed)
        func string(_ s: String) -> String { JSONRenderer.string(s) }
        func ref(_ prefix: String, _ count: Int, _ r: inout SplitMix64) -> String { string(prefix + String(r.below(count))) }
        var people: [String] = []
        for i in 0..<peopleCount {
            var f: [String] = ["\"id\": \(string("p" + String(i)))"]
            f.append("\"name\": " + maybe(&r) { string(text(&$0)) })
            f.append("\"city\": " + maybe(&r) { string(text(&$0)) })
            f.append("\"born\": " + maybe(&r) { string(date(&$0)) })
            f.append("\"height\": " + maybe(&r) { decimal(&$0) })
            f.append("\"age\": " + maybe(&r) { integer(&$0) })
            f.append("\"active\": " + maybe(&r) { $0.chance(0.5) ? "true" : "false" })
            f.append("\"boss\": " + maybe(&r) { ref("p", peopleCount, &$0) })
            f.append("\"favorite\": " + maybe(&r) { ref("i", itemCount, &$0) })
            f.append("\"nicknames\": " + list(&r) { string(text(&$0)) })
            f.append("\"friends\": " + list(&r) { ref("p", peopleCount, &$0) })
            f.append("\"source\": [\"s\"]")
            people.append("{" + f.joined(separator: ", ") + "}")
        }
        var items: [String] = []
        for i in 0..<itemCount {
            var f: [String] = ["\"id\": \(string("i" + String(i)))"]
            f.append("\"title\": " + maybe(&r) { string(text(&$0)) })
            f.append("\"status\": " + maybe(&r) { string(spelling(of: $0.pick(["active", "retired", "new\u{A0}york", "caf\u{E9}"]), &$0)) })
            f.append("\"qty\": " + maybe(&r) { integer(&$0) })
            f.append("\"price\": " + maybe(&r) { decimal(&$0) })
            f.append("\"flag\": " + maybe(&r) { $0.chance(0.5) ? "true" : "false" })
            f.append("\"day\": " + maybe(&r) { string(date(&$0)) })
            f.append("\"owner\": " + maybe(&r) { ref("p", peopleCount, &$0) })
            f.append("\"place\": " + maybe(&r) { ref("pl", placeCount, &$0) })
            f.append("\"tags\": " + list(&r) { string(text(&$0)) })
            f.append("\"scores\": " + list(&r) { integer(&$0) })
            f.append("\"weights\": " + list(&r) { decimal(&$0) })
            f.append("\"checks\": " + list(&r) { $0.chance(0.5) ? "true" : "false" })
            f.append("\"days\": " + list(&r) { string(date(&$0)) })
            f.append("\"related\": " + list(&r) { ref("i", itemCount, &$0) })
            f.append("\"source\": [\"s\"]")
            items.append("{" + f.joined(separator: ", ") + "}")
        }
        var places: [String] = []
        for i in 0..<placeCount {
            places.append("{\"id\": \(string("pl" + String(i))), \"kind\": " + maybe(&r) { string(text(&$0)) }
                          + ", \"parent\": " + maybe(&r) { ref("pl", placeCount, &$0) } + ", \"source\": [\"s\"]}")
        }
        return """
        {"cstoq": 1, "title": "differential", "collections": {
          "people": {"fields": {"name": "text", "city": "text", "born": "date", "height": "decimal", "age": "integer",
                     "active": "boolean", "boss": "ref people", "favorite": "ref items", "nicknames": "list text",
                     "friends": "list ref people"},
                     "records": [\(people.joined(separator: ",\n"))]},
          "items": {"fields": {"title": "text", "status": "text", "qty": "integer", "price": "decimal", "flag": "boolean",
                    "day": "date", "owner": "ref people", "place": "ref places", "tags": "list text", "scores": "list integer",
                    "weights": "list decimal", "checks": "list boolean", "days": "list date", "related": "list ref items"},
                    "records": [\(items.joined(separator: ",\n"))]},
          "places": {"fields": {"kind": "text", "parent": "ref places"}, "records": [\(places.joined(separator: ",\n"))]}
        }}
        """
    }

    static func load(seed: UInt64) throws -> Dataset {
        try DatasetLoader.load(text: json(seed: seed), name: "differential")
    }
}
