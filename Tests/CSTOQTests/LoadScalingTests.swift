import Testing
@testable import CSTOQ

/// Loading takes time in proportion to the file: four times the fields or
/// the collections take about four times as long, not sixteen (a search of the
/// names read so far, per name, made 40,000 fields take seconds and a million
/// never end). Ratios, not timed thresholds: they hold on a slow machine too,
/// and the bound (10×) sits far from both 4× and 16×, for a busy one.
@Suite(.serialized) struct LoadScalingTests {
    /// `n` fields, half of them references to the collection itself, and one
    /// record that gives them in reverse order (so no key is where the loader
    /// first looks for it).
    static func manyFields(_ n: Int) -> String {
        let fields = (0..<n).map { #""f\#($0)": "\#($0.isMultiple(of: 2) ? "integer" : "ref a")""# }
        let values = (0..<n).reversed().map { #""f\#($0)": \#($0.isMultiple(of: 2) ? "\($0)" : #""r""#)"# }
        return #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {"# + fields.joined(separator: ", ")
            + #"}, "records": [{"id": "r", "# + values.joined(separator: ", ") + "}]}}}"
    }

    /// `n` collections in a ring, each with a reference to the next (and one to itself in a list).
    static func manyCollections(_ n: Int) -> String {
        let collections = (0..<n).map { i in
            #""c\#(i)": {"fields": {"x": "integer", "next": "ref c\#((i + 1) % n)", "me": "list ref c\#(i)"}, "records": [{"id": "r", "x": \#(i), "next": "r", "me": ["r"]}]}"#
        }
        return #"{"cstoq": 1, "title": "t", "collections": {"# + collections.joined(separator: ", ") + "}}"
    }

    /// The best of five loads of each size, measured in turns so that a
    /// busy moment of the machine falls on both.
    static func bestTimes(_ small: String, _ large: String) throws -> (small: Duration, large: Duration) {
        let clock = ContinuousClock()
        var best: (small: Duration, large: Duration) = (.seconds(1_000), .seconds(1_000))
        for _ in 0..<5 {
            for (text, isLarge) in [(small, false), (large, true)] {
                let start = clock.now
                let d = try DatasetLoader.load(text: text, name: "d.json")
                let t = clock.now - start
                #expect(!d.collections.isEmpty)
                if isLarge { best.large = min(best.large, t) } else { best.small = min(best.small, t) }
            }
        }
        return best
    }

    @Test func fourTimesTheFieldsTakeAboutFourTimesTheTime() throws {
        let n = 8_000
        let (small, large) = try Self.bestTimes(Self.manyFields(n), Self.manyFields(4 * n))
        #expect(large < small * 10, "\(n) fields: \(small), \(4 * n) fields: \(large)")
        let d = try DatasetLoader.load(text: Self.manyFields(2 * n), name: "d.json")
        let a = try #require(d.collection(named: "a"))
        #expect(a.fields.count == 2 * n + 2)
        #expect(a.fieldIndex(named: "f1") == 2)
        #expect(a.columns[2][0] == .reference(RecordRef(collection: 0, row: 0)))
    }

    @Test func fourTimesTheCollectionsTakeAboutFourTimesTheTime() throws {
        let n = 2_000
        let (small, large) = try Self.bestTimes(Self.manyCollections(n), Self.manyCollections(4 * n))
        #expect(large < small * 10, "\(n) collections: \(small), \(4 * n) collections: \(large)")
        let d = try DatasetLoader.load(text: Self.manyCollections(n), name: "d.json")
        #expect(d.collectionIndex(named: "c\(n - 1)") == n - 1)
        let last = try #require(d.collection(named: "c\(n - 1)"))
        #expect(last.columns[2][0] == .reference(RecordRef(collection: 0, row: 0)))
        #expect(last.columns[3][0] == .list([.reference(RecordRef(collection: n - 1, row: 0))]))
    }
}

/// `in (…)` is a set: four times the values against four times the records
/// take about four times as long, not sixteen (rows × values made 10,000
/// values on a million records take minutes). A ratio with a 10× bound,
/// measured in turns, best of five.
@Suite(.serialized) struct InScalingTests {
    static func dataset(_ n: Int) throws -> Dataset {
        let records = (0..<n).map { #"{"id": "r\#($0)", "name": "name\#($0)", "code": \#($0)}"# }
        return try DatasetLoader.load(text: #"{"cstoq": 1, "title": "t", "collections": {"r": {"fields": {"name": "text", "code": "integer"}, "records": ["#
                                      + records.joined(separator: ", ") + "]}}}", name: "in.json")
    }

    /// n / 2 values, every fourth name (or code) below 2n: a quarter of the n records match.
    static func query(_ n: Int, field: String) throws -> CheckedQuery {
        let values = stride(from: 0, to: 2 * n, by: 4).map { field == "name" ? "name\($0)" : String($0) }
        guard case let .success(s) = Parser.parseAll("count r where \(field) in (\(values.joined(separator: ", ")))"), case let .query(q)? = s.first else {
            throw TestFailure("the query does not parse")
        }
        return try Checker(dataset: dataset(n)).check(q)
    }

    @Test(arguments: ["name", "code"])
    func fourTimesTheValuesOnFourTimesTheRowsTakeAboutFourTimesAsLong(_ field: String) throws {
        let n = 10_000
        let small = (try Self.dataset(n), try Self.query(n, field: field))
        let large = (try Self.dataset(4 * n), try Self.query(4 * n, field: field))
        let clock = ContinuousClock()
        var best: (small: Duration, large: Duration) = (.seconds(1_000), .seconds(1_000))
        for _ in 0..<5 {
            for (isLarge, (d, q)) in [(false, small), (true, large)] {
                let start = clock.now
                let r = try Evaluator(dataset: d).run(q)
                let t = clock.now - start
                #expect(r.rows == [[.integer((isLarge ? 4 * n : n) / 4)]])
                if isLarge { best.large = min(best.large, t) } else { best.small = min(best.small, t) }
            }
        }
        #expect(best.large < best.small * 10, "\(field): \(best.small) for \(n) values and rows, \(best.large) for \(4 * n)")
    }
}
