import Foundation
import Testing
@testable import CSTOQ

/// A records array of 8 MB or more is read in two halves on two threads.
/// The result, and any error, must be exactly what one thread reads.
@Suite struct ParallelLoadTests {
    /// One record per line (splittable) or all on one line (never split).
    static func dataset(records n: Int, oneLine: Bool, breakRecord: Int? = nil) -> String {
        var lines: [String] = []
        let cities = ["Bishkek", "Moscow", "Minsk", "Astana", "Dushanbe"]
        for i in 0..<n {
            var fields = [
                "\"id\": \"r\(i)\"",
                "\"name\": \"person \(i * 7919 % 100_000) with a fairly long name to take space\"",
                "\"city\": \(i % 13 == 0 ? "null" : "\"\(cities[i % cities.count])\"")",
                "\"score\": \(i % 17 == 0 ? "null" : String(i * 31 % 1000))",
                "\"weight\": \(Double(i % 1000) / 8)",
                "\"day\": \"2025-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28))\"",
                "\"home\": \"c\(i % 3)\"",
                "\"near\": [\"c\(i % 3)\", \"c\((i + 1) % 3)\"]",
                "\"source\": \"Sentence \(i % 4).\"",
            ]
            if i == breakRecord { fields[0] = "\"ident\": \"r\(i)\"" }
            lines.append("{" + fields.joined(separator: ", ") + "}")
        }
        let cities3 = "{\"id\": \"c0\", \"name\": \"Bishkek\"}, {\"id\": \"c1\", \"name\": \"Moscow\"}, {\"id\": \"c2\", \"name\": \"Minsk\"}"
        let separator = oneLine ? ", " : ",\n"
        return """
        {"cstoq": 1, "title": "big", "collections": {
        "cities": {"fields": {"name": "text"}, "records": [\(cities3)]},
        "people": {"fields": {"name": "text", "city": "text", "score": "integer", "weight": "decimal", "day": "date", "home": "ref cities", "near": "list ref cities"}, "records": [
        \(lines.joined(separator: separator))
        ]}}}
        """
    }

    static let count = 60_000

    @Test func twoThreadsReadWhatOneReads() throws {
        let split = Self.dataset(records: Self.count, oneLine: false)
        #expect(split.utf8.count > 8 << 20, "the test needs 8 MB to take the two-thread path")
        let a = try DatasetLoader.load(text: split, name: "split")
        let b = try DatasetLoader.load(text: Self.dataset(records: Self.count, oneLine: true), name: "whole")
        let pa = a.collections[1], pb = b.collections[1]
        #expect(pa.count == Self.count)
        #expect(pa.ids == pb.ids)
        for f in pa.fields.indices {
            for row in stride(from: 0, to: Self.count, by: 1) where pa.columns[f][row] != pb.columns[f][row] {
                Issue.record("field \(pa.fields[f].name), row \(row): \(pa.columns[f][row]) != \(pb.columns[f][row])")
                return
            }
        }
        // Queries agree too, including groups over the merged dictionaries.
        for q in ["people group by city select city, count() order by city", "count people where home = Moscow and score > 500",
                  "people select id order by score desc, id limit 5", "people group by near.name order by count desc"] {
            #expect(try TestSupport.query(q, in: a).rows == TestSupport.query(q, in: b).rows, "\(q)")
        }
    }

    @Test func anErrorInTheSecondHalfIsReportedAsOneThreadReportsIt() {
        let bad = Self.count * 3 / 4
        func error(_ text: String) -> String {
            do {
                _ = try DatasetLoader.load(text: text, name: "d")
                return "(loaded)"
            } catch {
                return error.message.text
            }
        }
        let split = error(Self.dataset(records: Self.count, oneLine: false, breakRecord: bad))
        #expect(split == "field 'ident' is not declared in the fields of people")
        #expect(split == error(Self.dataset(records: Self.count, oneLine: true, breakRecord: bad)))
    }
}
