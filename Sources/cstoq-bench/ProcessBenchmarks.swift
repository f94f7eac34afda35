/// Whole programs started as a user starts them, each run measured by
/// ChildProcess. The programs of one comparison take turns run by run
/// (cstoq, sqlite3, jq, cstoq, sqlite3, jq, …), so a slow moment of the
/// machine falls on all of them alike rather than on one.
struct ProcessCase {
    /// Who it is in the table: "cstoq", "sqlite3", "jq", "DuckDB (array)", …
    var name: String
    var arguments: [String]
    var standardInput: String?
    /// The answer the last line of its output must be, when there is one.
    var expected: String?
}

struct ProcessFigures {
    var times = Samples()
    var cpu = Samples()
    var peaksKB: [Int] = []
    /// Why a run failed or answered wrong; the first such reason.
    var failure: String?

    /// The median of the runs' peaks (a program's peak barely varies; the
    /// median keeps one odd run from deciding).
    var peakMB: Double {
        let s = peaksKB.sorted()
        return s.isEmpty ? .nan : Double(s[s.count / 2]) / 1024
    }

    var summary: String {
        if let failure, times.isEmpty { return "failed: \(failure)" }
        return "\(Figure.durations(times)), cpu \(Figure.duration(cpu.median)), \(Figure.megabytes(peakMB))"
    }
}

struct ProcessBenchmarks {
    /// Where each run's output goes, to be read back and checked.
    var workFolder: String
    var log: (String) -> Void

    /// Runs `warmUp + rounds` rounds; in each, every case once, in order.
    /// A case that fails is not run again.
    func alternate(_ cases: [ProcessCase], rounds: Int, warmUp: Int) -> [String: ProcessFigures] {
        var figures: [String: ProcessFigures] = [:]
        for c in cases { figures[c.name] = ProcessFigures() }
        for round in 0..<(warmUp + rounds) {
            for (i, c) in cases.enumerated() where figures[c.name]?.failure == nil {
                let child = ChildProcess(arguments: c.arguments, standardInput: c.standardInput,
                                         outputPath: "\(workFolder)/out-\(i).txt", errorPath: "\(workFolder)/err-\(i).txt")
                let outcome: ChildProcess.Outcome
                do {
                    outcome = try child.run()
                } catch {
                    figures[c.name]?.failure = error.description
                    continue
                }
                if outcome.status != 0 {
                    let message = outcome.errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                    figures[c.name]?.failure = "exit status \(outcome.status)" + (message.isEmpty ? "" : ": \(message)")
                    log("\(c.name) failed: \(figures[c.name]!.failure!)")
                    continue
                }
                if let expected = c.expected {
                    let answer = ProcessBenchmarks.lastLine(outcome.output)
                    if answer != expected {
                        figures[c.name]?.failure = "wrong answer \(answer.isEmpty ? "(nothing)" : answer), expected \(expected)"
                        log("\(c.name): \(figures[c.name]!.failure!)")
                    }
                }
                if round >= warmUp {
                    figures[c.name]?.times.append(outcome.seconds)
                    figures[c.name]?.cpu.append(outcome.cpuSeconds)
                    figures[c.name]?.peaksKB.append(outcome.peakKB)
                }
            }
        }
        return figures
    }

    /// Runs one program once, for the peers' in-memory timings and the
    /// in-process measurements (which time themselves).
    func once(_ arguments: [String], standardInput: String? = nil, name: String) throws(ChildProcess.LaunchError) -> ChildProcess.Outcome {
        let child = ChildProcess(arguments: arguments, standardInput: standardInput,
                                 outputPath: "\(workFolder)/\(name).out.txt", errorPath: "\(workFolder)/\(name).err.txt")
        let outcome = try child.run()
        guard outcome.status == 0 else {
            let message = outcome.errorOutput.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
            throw ChildProcess.LaunchError(description: "\(name) ended with status \(outcome.status): \(message)")
        }
        return outcome
    }

    static func lastLine(_ output: String) -> String {
        output.split(whereSeparator: \.isNewline).last { !$0.allSatisfy { $0 == " " } }
            .map { String($0.filter { $0 != " " }) } ?? ""
    }
}

/// Figures printed by a child as lines `samples KEY SECONDS…` and
/// `value KEY TEXT` (InProcessBenchmarks, and the DuckDB script).
struct Measurements {
    var samples: [String: Samples] = [:]
    var values: [String: String] = [:]

    init(parsing output: String) {
        for line in output.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ", maxSplits: 2)
            guard words.count >= 2 else { continue }
            switch words[0] {
            case "samples":
                samples[String(words[1])] = Samples(line.split(separator: " ").dropFirst(2).compactMap { Double($0) })
            case "value":
                values[String(words[1])] = words.count > 2 ? String(words[2]) : ""
            default:
                continue
            }
        }
    }

    init() {}

    subscript(key: String) -> Samples {
        samples[key] ?? Samples()
    }
}
