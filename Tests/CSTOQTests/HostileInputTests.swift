import Foundation
import Testing
@testable import CSTOQ

/// Small inputs that once cost minutes or gigabytes, or gave a wrong total:
/// paths through lists of references, long `like` patterns, sums past 64
/// bits. Time is checked as work counted or as the ratio when the input
/// doubles, never against a clock's absolute threshold.
@Suite struct HostileInputTests {
    static func load(_ text: String) -> Dataset {
        do throws(DatasetLoader.LoadError) {
            return try DatasetLoader.load(text: text, name: "hostile")
        } catch {
            fatalError(error.description)
        }
    }

    func run(_ text: String, on dataset: Dataset) -> Result<ResultSet, Diagnostic> {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q) = statements.first else {
            return .failure(Diagnostic(.whyNotNeedsQuery))
        }
        return Result { () throws(Diagnostic) in try Evaluator(dataset: dataset).run(try Checker(dataset: dataset).check(q)) }
    }

    // MARK: Paths through lists

    /// `records` people whose friends are three times `c`, who is their own friend three times.
    static func friends(_ records: Int) -> Dataset {
        var rows = [#"{"id": "c", "name": "B", "friends": ["c", "c", "c"]}"#]
        for i in 0..<records { rows.append(#"{"id": "r\#(i)", "name": "n\#(i)", "friends": ["c", "c", "c"]}"#) }
        return load(#"{"cstoq": 1, "title": "f", "collections": {"p": {"fields": {"name": "text", "friends": "list ref p"}, "records": ["#
                    + rows.joined(separator: ",") + "]}}}")
    }

    static func path(_ segments: Int) -> String { String(repeating: "friends.", count: segments) + "name" }

    @Test func aConditionThroughListsIsLinearInThePathNotExponential() throws {
        let d = Self.friends(2000)
        func seconds(_ segments: Int) throws -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                let r = try run("count p where \(Self.path(segments)) = B", on: d).get()
                #expect(r.rows == [[.integer(2001)]])
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return best
        }
        // Every combination would be 3^8 / 3^4 = 81 times the work; a set of records per step is about twice.
        let ratio = try seconds(8) / max(seconds(4), 1e-6)
        #expect(ratio < 12, "doubling the path took \(ratio) times as long")
        // And the path of the issue, 40 segments (3^40 combinations), answers.
        #expect(try run("count p where \(Self.path(40)) = B", on: Self.friends(1)).get().rows == [[.integer(2)]])
    }

    @Test func aConditionSeesWhatTheFullListWouldShow() throws {
        // Lists with repeats, nulls, empty lists, a record without friends, numbers and booleans at the end.
        let d = Self.load(#"""
        {"cstoq": 1, "title": "s", "collections": {"p": {"fields": {"name": "text", "age": "integer", "ok": "boolean",
          "friends": "list ref p", "boss": "ref p", "tags": "list text"}, "records": [
          {"id": "a", "name": "Ann", "age": 30, "ok": true, "friends": ["b", "b", "c"], "boss": "c", "tags": ["x", "Y"]},
          {"id": "b", "name": "Bob", "ok": false, "friends": ["c"], "tags": []},
          {"id": "c", "name": "Cy", "age": 5, "friends": [], "boss": "a"},
          {"id": "d", "friends": ["a", "d", "d"], "tags": ["x", "x"]},
          {"id": "e", "name": "Eve", "age": 41, "ok": true}
        ]}}}
        """#)
        let paths = ["friends.name", "friends.friends.name", "friends.friends.age", "friends.ok", "friends.friends.ok",
                     "friends.boss.friends.name", "boss.friends.tags", "friends.friends.friends.tags", "friends.friends", "friends"]
        let tests = ["= Bob", "!= Bob", "= cy", "< Bz", "like \"*y\"", "contains o", "in (Ann, Cy)", "not in (Ann, Cy)",
                     "is null", "is not null", "= 5", "!= 30", "> 10", "<= 5", "= true", "!= false", "= x", "= a", "!= c"]
        let checker = Checker(dataset: d)
        let evaluator = Evaluator(dataset: d)
        var compared = 0
        for path in paths {
            for test in tests + [""] {
                guard case let .success(s) = Parser.parseAll("p where \(path) \(test)"), case let .query(q) = s.first,
                      let checked = try? checker.check(q), let condition = checked.condition,
                      let leaf = ValueTest(condition, dataset: d) else { continue }
                for row in 0..<d.collections[0].count {
                    let path = try #require(leaf.path)
                    let full = try evaluator.value(of: path, row: row, collection: 0)
                    let reached = evaluator.reached(path, row: row, collection: 0)
                    #expect(leaf.holds(on: full) == leaf.holds(on: reached), "\(path) \(test), record \(row)")
                    compared += 1
                }
            }
        }
        #expect(compared > 200)
    }

    @Test func selectingAPathOfTooManyValuesIsAnError() throws {
        let d = Self.friends(1)
        // 3^12 values a record are shown (a list of the same name); 3^13 are past the limit.
        let shown = try run("p select \(Self.path(12)) limit 1", on: d).get()
        guard case let .list(names) = shown.rows[0][0] else { Issue.record("not a list"); return }
        #expect(names.count == 531_441)
        let tooMany = run("p select \(Self.path(13))", on: d)
        #expect(throws: Diagnostic.self) { try tooMany.get() }
        if case let .failure(diagnostic) = tooMany {
            #expect(diagnostic.message == .pathGivesTooManyValues(path: Self.path(13), limit: Evaluator.listValueLimit))
            #expect(diagnostic.text == "'\(Self.path(13))' gives more than 1000000 values for one record")
            #expect(diagnostic.help != nil)
        }
        // Counting and sorting by it too; a condition on it does not build it.
        #expect(throws: Diagnostic.self) { try run("p group by name select count(\(Self.path(13)))", on: d).get() }
        #expect(throws: Diagnostic.self) { try run("p order by \(Self.path(13))", on: d).get() }
        #expect(try run("count p where \(Self.path(13)) = b", on: d).get().rows == [[.integer(2)]])
    }

    // MARK: like

    @Test func likeWorkIsLinearInTheTextForLongPatterns() {
        func work(_ pattern: String, _ text: String) -> (Bool, Int) {
            var w = 0
            let m = GlobPattern(pattern).matches(text, work: &w)
            return (m, w)
        }
        let m = 10_000
        for n in [100_000, 200_000] {
            let text = String(repeating: "a", count: n)
            // A middle segment without `?`: Knuth–Morris–Pratt, at most 2n comparisons.
            let (a, wa) = work("*" + String(repeating: "a", count: m) + "b*", text)
            #expect(!a && wa <= 2 * n, "\(wa) comparisons")
            // The last segment is anchored at the end: only its one letter is compared.
            let (b, wb) = work("*" + String(repeating: "?", count: m) + "b", text)
            #expect(!b && wb <= 1)
            // A middle segment with `?`: its one letter at each place.
            let (c, wc) = work("*" + String(repeating: "?", count: m) + "b*", text)
            #expect(!c && wc <= n)
            // Found: the text ends in the segment.
            let (d, wd) = work("*" + String(repeating: "a", count: m) + "b*", text + "b")
            #expect(d && wd <= 2 * (n + 1))
        }
        // Not ASCII: the same matcher over characters.
        let accented = String(repeating: "é", count: 50_000)
        let (e, we) = work("*" + String(repeating: "É", count: 5_000) + "b*", accented)
        #expect(!e && we <= 100_000)
    }

    /// The matcher agrees with the plain definition (`*` any run, `?` one
    /// character, case ignored) on every pattern and text over a small alphabet.
    @Test func likeMeansWhatItSays() {
        func reference(_ p: [Character], _ s: [Character]) -> Bool {
            // match[i][j]: p[i...] matches s[j...].
            var match = [[Bool]](repeating: [Bool](repeating: false, count: s.count + 1), count: p.count + 1)
            match[p.count][s.count] = true
            for i in stride(from: p.count - 1, through: 0, by: -1) {
                for j in stride(from: s.count, through: 0, by: -1) {
                    switch p[i] {
                    case "*": match[i][j] = match[i + 1][j] || (j < s.count && match[i][j + 1])
                    case "?": match[i][j] = j < s.count && match[i + 1][j + 1]
                    default: match[i][j] = j < s.count && p[i] == s[j] && match[i + 1][j + 1]
                    }
                }
            }
            return match[0][0]
        }
        var random = SystemRandomNumberGenerator()
        let patternAlphabet: [Character] = ["a", "b", "A", "é", "*", "?", "\r\n"]
        let textAlphabet: [Character] = ["a", "b", "B", "É", "\r\n", "\r", "\n"]
        for _ in 0..<20_000 {
            let p = (0..<Int.random(in: 0...7, using: &random)).map { _ in patternAlphabet.randomElement(using: &random)! }
            let s = (0..<Int.random(in: 0...9, using: &random)).map { _ in textAlphabet.randomElement(using: &random)! }
            let expected = reference(Array(ValueComparison.fold(String(p))), Array(ValueComparison.fold(String(s))))
            #expect(GlobPattern(String(p)).matches(String(s)) == expected, "\(String(p).debugDescription) on \(String(s).debugDescription)")
        }
    }

    // MARK: Sums

    static let numbers = load(#"""
    {"cstoq": 1, "title": "n", "collections": {"n": {"fields": {"g": "text", "i": "integer", "d": "decimal"}, "records": [
      {"id": "1", "g": "edge", "i": 9223372036854775807, "d": 1.7e308},
      {"id": "2", "g": "edge", "i": 9223372036854775807, "d": 1.7e308},
      {"id": "3", "g": "edge", "i": -9223372036854775808, "d": -1.7e308},
      {"id": "4", "g": "edge", "i": -9223372036854775808, "d": -1.7e308},
      {"id": "5", "g": "edge", "i": 1, "d": 1.7e308},
      {"id": "6", "g": "edge", "i": 1},
      {"id": "7", "g": "big", "i": 9223372036854775807, "d": 1.7e308},
      {"id": "8", "g": "big", "i": 1, "d": 1.7e308}
    ]}}}
    """#)

    @Test func integerSumsAreExactWhateverTheOrder() throws {
        let r = try run(#"n where g = edge select sum(i), avg(i)"#, on: Self.numbers).get()
        #expect(r.rows == [[.integer(0), .decimal(0)]])
        // Past 64 bits the sum is an error, not a decimal near it.
        let big = run(#"n where g = big select sum(i)"#, on: Self.numbers)
        #expect(throws: Diagnostic.self) { try big.get() }
        if case let .failure(d) = big {
            #expect(d.message == .sumTooLargeForInteger(field: "i"))
            #expect(d.text == "the sum of i does not fit in 64 bits")
        }
        // Its average is still a number: from the exact sum.
        #expect(try run(#"n where g = big select avg(i)"#, on: Self.numbers).get().rows == [[.decimal(4611686018427387904.0)]])
    }

    @Test func decimalSumsPastTheLargestDecimalAreAnError() throws {
        // 1.7e308 twice, less twice, once more: 1.7e308, though the running sum passes the largest decimal.
        let r = try run(#"n where g = edge select sum(d), avg(d)"#, on: Self.numbers).get()
        #expect(r.rows == [[.decimal(1.7e308), .decimal(1.7e308 / 5)]])
        let big = run(#"n where g = big select sum(d)"#, on: Self.numbers)
        if case let .failure(d) = big {
            #expect(d.message == .sumBeyondDecimal(field: "d"))
            #expect(d.text == "the sum of d is beyond the largest decimal")
        } else {
            Issue.record("expected an error, got \(big)")
        }
        #expect(try run(#"n where g = big select avg(d)"#, on: Self.numbers).get().rows == [[.decimal(1.7e308)]])
    }

    @Test func exactSumCarriesAcrossSixtyFourBits() {
        var s = ExactSum()
        for _ in 0..<4 { s.add(.max) }
        #expect(s.int == nil)
        for _ in 0..<4 { s.add(-.max) }
        #expect(s.int == 0)
        s.add(.min)
        #expect(s.int == .min && s.double == -0x1p63)
        s.add(-1)
        #expect(s.int == nil && s.double == -0x1p63 - 1)
        var t = ExactSum()
        t.add(-1)
        #expect(t.int == -1 && t.double == -1)
        for _ in 0..<3 { t.add(.min) }
        #expect(t.int == nil && t.double == -3 * 0x1p63)
    }
}
