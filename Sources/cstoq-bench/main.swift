import CSTOQ
#if canImport(Glibc)
import Glibc
#endif

// cstoq-bench: the benchmark of issue "cstoq 5/6". `./dev.sh bench` builds
// everything in release mode and runs `cstoq-bench run`; README.md's
// Performance section shows the latest table.

let usage = """
usage: cstoq-bench run [--records N] [--repeat R] [--quick] [--seed S] [--data-dir DIR]
                       [--cstoq PATH] [--sqlite3 PATH] [--jq PATH] [--python PATH] [--build-note TEXT]
                       [--psql PATH] [--postgres-cluster SCRIPT]
       cstoq-bench scale [--records N,N,…] [--repeat R] [--seed S] [--data-dir DIR] [--cstoq PATH]
       cstoq-bench generate --records N [--seed S] --out DIR
       cstoq-bench measure --data FILE [--warm-up W] [--repeat K] [--script-bytes B] [--queries FILE]

run       generates N records (default 1,000,000; kept in DIR for the next run), runs cstoq,
          sqlite3, jq and DuckDB (its Python package) on the same questions, R times each
          (default 5), and prints a table of the figures against the goals; with
          --postgres-cluster (the tests' script that starts a private server), also
          cstoq and psql on the same records in PostgreSQL
scale     times cstoq alone at several sizes (default 10000,100000,1000000)
generate  writes DIR/items.json (cstoq's format), items.csv, items.ndjson, items.array.json
measure   the in-process part of run, on one dataset (its output is read by run); --queries
          times more queries too, one a line of FILE

"""

/// `--name value` options and `--flag`s, in any order.
struct Options {
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>, flags known: Set<String>) throws(BenchError) {
        var rest = arguments.makeIterator()
        while let a = rest.next() {
            guard a.hasPrefix("--") else { throw BenchError("unexpected argument '\(a)'") }
            let name = String(a.dropFirst(2))
            if known.contains(name) {
                flags.insert(name)
            } else if let v = rest.next() {
                values[name] = v
            } else {
                throw BenchError("\(a) needs a value")
            }
        }
    }

    func int(_ name: String, _ fallback: Int) throws(BenchError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let n = Int(text.filter { $0 != "_" && $0 != "," }), n >= 0 else { throw BenchError("--\(name) takes a whole number, not '\(text)'") }
        return n
    }

    func check(allowed: Set<String>) throws(BenchError) {
        for name in values.keys where !allowed.contains(name) { throw BenchError("unknown option --\(name)") }
    }
}

/// This program's own path, to start it again as `cstoq-bench measure`.
func ownPath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return n > 0 ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
}

func tools(_ options: Options) throws(BenchError) -> Tools {
    let bench = ownPath()
    let folder = bench.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let cstoq = options.values["cstoq"] ?? folder + "/cstoq"
    guard access(cstoq, X_OK) == 0 else { throw BenchError("no cstoq binary at \(cstoq) (build it, or say where with --cstoq)") }
    return Tools(cstoq: cstoq, bench: bench,
                 sqlite3: ChildProcess.find(options.values["sqlite3"] ?? "sqlite3"),
                 jq: ChildProcess.find(options.values["jq"] ?? "jq"),
                 python: ChildProcess.find(options.values["python"] ?? "python3"),
                 psql: ChildProcess.find(options.values["psql"] ?? "psql"),
                 pythonPlain: ChildProcess.find(options.values["python"] ?? "python3"))
}

func main() -> Int32 {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2, !["-h", "--help", "help"].contains(arguments[1]) else {
        print(usage, terminator: "")
        return arguments.count >= 2 ? 0 : 2
    }
    do throws(BenchError) {
        let options = try Options(arguments.dropFirst(2), flags: ["quick"])
        let seed = UInt64(try options.int("seed", 42))
        switch arguments[1] {
        case "run":
            try options.check(allowed: ["records", "repeat", "seed", "data-dir", "cstoq", "sqlite3", "jq", "python", "build-note", "psql", "postgres-cluster"])
            var run = BenchmarkRun(tools: try tools(options))
            run.records = try options.int("records", 1_000_000)
            run.repetitions = max(1, try options.int("repeat", 5))
            run.seed = seed
            run.quick = options.flags.contains("quick")
            run.dataRoot = options.values["data-dir"] ?? run.dataRoot
            run.buildNote = options.values["build-note"]
            run.postgresCluster = options.values["postgres-cluster"]
            return try run.run() ? 0 : 1
        case "scale":
            try options.check(allowed: ["records", "repeat", "seed", "data-dir", "cstoq"])
            var scale = ScalingRun(tools: try tools(options))
            if let list = options.values["records"] {
                scale.sizes = list.split(separator: ",").compactMap { Int($0.filter { $0 != "_" }) }
                guard !scale.sizes.isEmpty else { throw BenchError("--records takes sizes separated by commas: 10000,100000") }
            }
            scale.repetitions = max(1, try options.int("repeat", 5))
            scale.seed = seed
            scale.dataRoot = options.values["data-dir"] ?? scale.dataRoot
            return try scale.run() ? 0 : 1
        case "generate":
            try options.check(allowed: ["records", "seed", "out"])
            guard let out = options.values["out"], options.values["records"] != nil else { throw BenchError("generate needs --records N and --out DIR") }
            let generator = DataGenerator(records: try options.int("records", 0), seed: seed)
            do {
                try DataGenerator.makeFolder(out)
                let answers = try generator.write(to: out)
                print("wrote \(generator.records) records to \(out)/items.json, items.csv, items.ndjson, items.array.json")
                print("count items where status = active and score > 50000 → \(answers.filterCount)")
            } catch {
                throw BenchError(error.description)
            }
            return 0
        case "measure":
            try options.check(allowed: ["data", "warm-up", "repeat", "script-bytes", "queries"])
            guard let data = options.values["data"] else { throw BenchError("measure needs --data FILE") }
            var extra: [String] = []
            if let file = options.values["queries"] {
                guard let bytes = try? FileReader.read(file) else { throw BenchError("cannot read \(file)") }
                extra = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            }
            var benchmarks = InProcessBenchmarks(dataPath: data,
                                                 harness: Harness(warmUp: try options.int("warm-up", 3), repetitions: max(1, try options.int("repeat", 20))),
                                                 scriptBytes: try options.int("script-bytes", 4 << 20),
                                                 emit: { print($0) })
            benchmarks.extraQueries = extra
            do {
                try benchmarks.run()
            } catch {
                throw BenchError(error.description)
            }
            return 0
        default:
            throw BenchError("unknown command '\(arguments[1])'")
        }
    } catch {
        BenchmarkRun.log("error: \(error.description)")
        if error.description.hasPrefix("unknown") || error.description.hasPrefix("unexpected") { return 2 }
        return 1
    }
}

exit(main())
