/// `cstoq-bench scale`: cstoq alone at several sizes (10k, 100k, 1M by
/// default), to see how each cost grows with N: load and filter should grow
/// linearly, top-k as N log k (so also about linearly for a fixed k), and the
/// completion of values with the rows it scans.
struct ScalingRun {
    var sizes = [10_000, 100_000, 1_000_000]
    var seed: UInt64 = 42
    var repetitions = 5
    var dataRoot = ".build/bench-data"
    var tools: Tools

    struct Point {
        var records: Int
        var jsonBytes: Int
        var process: ProcessFigures
        var inProcess: Measurements
    }

    func run() throws(BenchError) -> Bool {
        let workFolder = dataRoot + "/runs"
        do { try DataGenerator.makeFolder(workFolder) } catch { throw BenchError(error.description) }
        let work = ProcessBenchmarks(workFolder: workFolder, log: BenchmarkRun.log)
        let harness = Harness(warmUp: 3, repetitions: max(20, repetitions * 4))
        var points: [Point] = []
        let competition = CompetingWork()
        var problems: [String] = []
        for records in sizes {
            let files: DataGenerator.Files
            do {
                files = try DataGenerator(records: records, seed: seed).files(under: dataRoot, log: BenchmarkRun.log)
            } catch {
                throw BenchError(error.description)
            }
            BenchmarkRun.log("\(records) records: load + filter, \(repetitions) runs; then in process")
            let load = ProcessCase(name: "cstoq", arguments: [tools.cstoq, "--data", files.cstoq, "--format", "csv", "-e", InProcessBenchmarks.filterQuery],
                                   expected: String(files.answers.filterCount))
            let figures = work.alternate([load], rounds: repetitions, warmUp: 1)["cstoq"] ?? ProcessFigures()
            if let failure = figures.failure { problems.append("\(records) records: \(failure)") }
            var measured = Measurements()
            do {
                let outcome = try work.once([tools.bench, "measure", "--data", files.cstoq, "--warm-up", String(harness.warmUp),
                                             "--repeat", String(harness.repetitions), "--script-bytes", "0"], name: "measure")
                measured = Measurements(parsing: outcome.output)
            } catch {
                problems.append(error.description)
            }
            points.append(Point(records: records, jsonBytes: files.size(of: files.cstoq), process: figures, inProcess: measured))
        }

        var table = ResultTable(["records", "JSON", "load + filter (process)", "its cpu", "peak memory", "load (in process)", "filter", "top 10",
                                 "group by", "Tab `status = `", "Tab `active = `"])
        let keys = ["load", "filter", "top", "group", "complete.value.first", "complete.boolean.first"]
        for p in points {
            table.add([Figure.count(p.records), Figure.megabytes(Double(p.jsonBytes) / 1_048_576), Figure.durations(p.process.times),
                       Figure.duration(p.process.cpu.median), Figure.megabytes(p.process.peakMB)] + keys.map { Figure.duration(p.inProcess[$0].median) })
        }
        // Growth from one size to the next: 10× the records should cost about 10× for linear work.
        for (a, b) in zip(points, points.dropFirst()) {
            func growth(_ x: Double, _ y: Double) -> String { Figure.ratio(y / x) }
            table.add(["×\(b.records / max(1, a.records)) (\(Figure.count(a.records)) → \(Figure.count(b.records)))",
                       growth(Double(a.jsonBytes), Double(b.jsonBytes)), growth(a.process.times.median, b.process.times.median),
                       growth(a.process.cpu.median, b.process.cpu.median), growth(a.process.peakMB, b.process.peakMB)]
                      + keys.map { growth(a.inProcess[$0].median, b.inProcess[$0].median) })
        }
        var text = table.text
        text += "\n- medians; process runs: \(repetitions) after one warm-up; in process: \(harness.warmUp) warm-up runs then \(harness.repetitions) timed\n"
        text += "- the rows marked ×10 give how much each figure grew when the records grew tenfold (×10 is linear)\n"
        text += "- machine: \(BenchmarkRun.machine()); \(competition.note())\n"
        if !problems.isEmpty {
            text += "\nProblems (the benchmark itself failed):\n" + problems.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        print(text, terminator: "")
        try? BenchmarkRun.write(text, to: "\(dataRoot)/results-scaling.md")
        BenchmarkRun.log("table saved to \(dataRoot)/results-scaling.md")
        return problems.isEmpty
    }
}
