import Foundation
import Testing
@testable import CSTOQ

/// What the differential tests share: the generated dataset, the generated
/// queries, and cstoq's own answers to them.
enum Differential {
    static let datasetSeed: UInt64 = 20251127
    static let dataset: Dataset = {
        // CSTOQ_DIFFERENTIAL_DATASET=FILE writes the dataset there, to try a query on it with cstoq itself.
        if let file = ProcessInfo.processInfo.environment["CSTOQ_DIFFERENTIAL_DATASET"] {
            try? DifferentialDataset.json(seed: datasetSeed).write(toFile: file, atomically: true, encoding: .utf8)
        }
        return try! DifferentialDataset.load(seed: datasetSeed)
    }()

    /// The values of `$t` and `$n`, as `--set t=… --set n=…` would give them.
    static let parameters = ["t": "Active", "n": "3"]

    /// How many queries a run checks: CSTOQ_DIFFERENTIAL_QUERIES overrides.
    static func count(default n: Int) -> Int {
        ProcessInfo.processInfo.environment["CSTOQ_DIFFERENTIAL_QUERIES"].flatMap(Int.init) ?? n
    }

    /// One query, checked and answered by cstoq.
    struct Case {
        var seed: UInt64?
        /// "dataset seed N" or the built-in dataset's title, to say where the query ran.
        var datasetName: String
        var text: String
        var query: CheckedQuery
        var columns: Int
        var answer: Answer
    }

    enum Outcome {
        case checked(Case)
        /// The checker refused it (the generator wrote something the language rejects).
        case refused(String, Diagnostic)
        /// Valid, but `explain sql` says there is no SQL form for it yet.
        case untranslatable(String, Diagnostic)
        /// Not a query at all: a fault of the generator.
        case malformed(String)
    }

    static func run(_ text: String, seed: UInt64?, on dataset: Dataset = Differential.dataset) -> Outcome {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q)? = statements.first else {
            return .malformed(text)
        }
        let checked: CheckedQuery
        do { checked = try Checker(dataset: dataset, parameters: parameters).check(q) } catch { return .refused(text, error) }
        do { _ = try SQLTranslator(dataset: dataset).translate(checked, for: .sqlite) } catch { return .untranslatable(text, error) }
        let result: ResultSet
        do { result = try Evaluator(dataset: dataset).run(checked) } catch { return .refused(text, error) }
        let answer = result.rows.map { $0.map { Cell($0, in: dataset) } }
        return .checked(Case(seed: seed, datasetName: dataset.title == Differential.dataset.title ? "dataset seed \(datasetSeed)" : dataset.title, text: text, query: checked, columns: result.columns.count, answer: answer))
    }

    /// The generated queries seeded 0..<n, then the regressions (on the generated dataset).
    static func cases(_ n: Int, on dataset: Dataset = Differential.dataset) -> (cases: [Case], refused: [(String, Diagnostic)], untranslatable: [(String, Diagnostic)]) {
        var cases: [Case] = [], refused: [(String, Diagnostic)] = [], untranslatable: [(String, Diagnostic)] = []
        let texts = (0..<UInt64(n)).map { seed -> (UInt64?, String) in
            var g = QueryGenerator(dataset: dataset, seed: seed)
            return (seed, g.query())
        } + (dataset.title == Differential.dataset.title ? Regressions.queries.map { (nil, $0) } : [])
        for (seed, text) in texts {
            switch run(text, seed: seed, on: dataset) {
            case let .checked(c): cases.append(c)
            case let .refused(t, d): refused.append((t, d))
            case let .untranslatable(t, d): untranslatable.append((t, d))
            case let .malformed(t): Issue.record("the generator wrote what does not parse as a query: \(t)")
            }
        }
        return (cases, refused, untranslatable)
    }

    static func report(_ c: Case, engine: String, sql: String, got: Answer) -> String {
        """
        \(engine) disagrees with cstoq on \(c.seed.map { "generated query seed \($0)" } ?? "a regression") (\(c.datasetName)):
          \(c.text)
        cstoq:
        \(describe(c.answer))
        \(engine):
        \(describe(got))
        \(firstDifference(c.answer, got))
        SQL:
        \(sql)
        """
    }

    /// Where two answers first differ, with text spelled scalar by scalar.
    static func firstDifference(_ a: Answer, _ b: Answer) -> String {
        for (i, (x, y)) in zip(a, b).enumerated() {
            for (j, (p, q)) in zip(x, y).enumerated() where !p.agrees(with: q) {
                return "first difference: row \(i + 1), column \(j + 1): \(p.debugDescription) vs \(q.debugDescription)"
            }
            if x.count != y.count { return "row \(i + 1) has \(x.count) vs \(y.count) columns" }
        }
        return "\(a.count) vs \(b.count) rows"
    }
}
