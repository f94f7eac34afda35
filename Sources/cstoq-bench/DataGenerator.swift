#if canImport(Glibc)
import Glibc
#endif
import CSTOQ

// The seeded generator is the library's `SplitMix64` (the same numbers on
// every platform and Swift version, unlike the standard library's).

/// The benchmark's data: one collection `items` of N records with eight
/// fields of every scalar type, written four ways from the same rows:
///
/// - `items.json`: the cstoq dataset format (for `cstoq --data`);
/// - `items.csv`: with a header line (for sqlite3's `.import`);
/// - `items.ndjson`: one JSON object per line (for DuckDB);
/// - `items.array.json`: one JSON array (for jq and DuckDB).
///
/// The peers' files leave out `source`, which only cstoq's format has.
/// `manifest.txt` is written last: it records N, the seed and the right
/// answers to the benchmark's queries, and a folder with a matching manifest
/// is reused instead of generated again.
struct DataGenerator {
    static let version = 1
    static let statuses = ["active", "frozen", "observer", "suspended"]
    static let cities = ["Bishkek", "Moscow", "Minsk", "Astana", "Yerevan", "Dushanbe", "Almaty", "Osh"]
    static let firstNames = ["Ava", "Boris", "Chen", "Dana", "Elif", "Farid", "Gulnara", "Hugo", "Irina", "Jamal",
                             "Kira", "Lev", "Mira", "Nurlan", "Olga", "Pavel", "Qadir", "Rosa", "Sergei", "Timur",
                             "Ulla", "Vera", "Wen", "Xenia", "Yusuf", "Zara", "Aibek", "Bella", "Daniyar", "Emma",
                             "Fatima", "Gleb"]
    static let lastNames = ["Novak", "Ivanov", "Petrova", "Sato", "Kim", "Aliev", "Rossi", "Bauer", "Omarov", "Silva",
                            "Smirnov", "Kowalski", "Tanaka", "Haddad", "Lund", "Moreau", "Popescu", "Rahimov", "Costa", "Weber",
                            "Nazarov", "Jansen", "Garcia", "Sultanov", "Horvat", "Dumas", "Berg", "Ismailov", "Kuznets", "Abbasi",
                            "Yilmaz", "Park"]

    /// The answers every tool must give, checked in each run.
    struct Answers: Equatable {
        /// `status = active and score > 50000`.
        var filterCount = 0
        /// The ten highest scores, highest first (ties make the ids differ between tools).
        var topScores: [Int] = []
        /// Records per status.
        var statusCounts: [String: Int] = [:]
    }

    struct Files {
        var folder: String
        var records: Int
        var seed: UInt64
        var answers: Answers

        var cstoq: String { folder + "/items.json" }
        var csv: String { folder + "/items.csv" }
        var ndjson: String { folder + "/items.ndjson" }
        var array: String { folder + "/items.array.json" }
        var tiny: String { folder + "/tiny.json" }
        var manifest: String { folder + "/manifest.txt" }

        func size(of path: String) -> Int {
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_size) : 0
        }
    }

    var records: Int
    var seed: UInt64

    /// The data for `records` and `seed` under `root`, generated unless a
    /// previous run left it complete.
    func files(under root: String, log: (String) -> Void) throws(OutputFile.Failure) -> Files {
        let folder = "\(root)/\(records)-\(seed)"
        if let files = DataGenerator.existing(folder: folder, records: records, seed: seed) { return files }
        try DataGenerator.makeFolder(folder)
        log("generating \(records) records (seed \(seed)) in \(folder)")
        let start = ChildProcess.now()
        let answers = try write(to: folder)
        log(String(format1: ChildProcess.now() - start, "generated in %.1f s"))
        return Files(folder: folder, records: records, seed: seed, answers: answers)
    }

    static func makeFolder(_ path: String) throws(OutputFile.Failure) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0, errno != EEXIST {
                throw OutputFile.Failure(description: "cannot make \(built): \(String(cString: strerror(errno)))")
            }
        }
    }

    // MARK: Writing

    func write(to folder: String) throws(OutputFile.Failure) -> Answers {
        let base = Files(folder: folder, records: records, seed: seed, answers: Answers())
        unlink(base.manifest)
        var cstoq = try OutputFile(path: base.cstoq)
        var csv = try OutputFile(path: base.csv)
        var ndjson = try OutputFile(path: base.ndjson)
        var array = try OutputFile(path: base.array)

        cstoq.write(#"{"cstoq":1,"title":"cstoq-bench items: "#)
        cstoq.write(records)
        cstoq.write(#" records, seed "#)
        cstoq.write(String(seed))
        cstoq.write(#"","collections":{"items":{"fields":{"name":"text","status":"text","city":"text","score":"integer","weight":"decimal","active":"boolean","day":"date"},"records":["#)
        cstoq.write("\n")
        csv.write("id,name,status,city,score,weight,active,day\n")
        array.write("[\n")

        var answers = Answers()
        var statusCounts = [Int](repeating: 0, count: DataGenerator.statuses.count)
        var scoreCounts = [Int](repeating: 0, count: 100_000)
        var random = SplitMix64(seed: seed)
        for row in 0..<records {
            let first = random.below(DataGenerator.firstNames.count)
            let last = random.below(DataGenerator.lastNames.count)
            let number = random.below(10_000)
            let status = random.below(DataGenerator.statuses.count)
            let city = random.below(DataGenerator.cities.count)
            let score = random.below(100_000)
            let weight = random.below(50) == 0 ? nil : 4_000 + random.below(10_000)  // hundredths, 2% null
            let active = random.below(10) < 6
            let day = random.below(100) == 0 ? nil : (2020 + random.below(6), 1 + random.below(12), 1 + random.below(28))

            statusCounts[status] += 1
            scoreCounts[score] += 1
            if status == 0, score > 50_000 { answers.filterCount += 1 }

            // The JSON object, as the peers get it; cstoq's adds `source`.
            func object(_ out: inout OutputFile, source: Bool) {
                out.write(#"{"id":"r"#)
                out.write(row)
                out.write(#"","name":""#)
                out.write(DataGenerator.firstNames[first])
                out.write(byte: UInt8(ascii: " "))
                out.write(DataGenerator.lastNames[last])
                out.write(byte: UInt8(ascii: " "))
                out.write(number)
                out.write(#"","status":""#)
                out.write(DataGenerator.statuses[status])
                out.write(#"","city":""#)
                out.write(DataGenerator.cities[city])
                out.write(#"","score":"#)
                out.write(score)
                out.write(#","weight":"#)
                if let weight {
                    out.write(weight / 100)
                    out.write(byte: UInt8(ascii: "."))
                    out.write(weight % 100, width: 2)
                } else {
                    out.write("null")
                }
                out.write(active ? #","active":true,"day":"# : #","active":false,"day":"#)
                if let (y, m, d) = day {
                    out.write(byte: UInt8(ascii: "\""))
                    out.write(y)
                    out.write(byte: UInt8(ascii: "-"))
                    out.write(m, width: 2)
                    out.write(byte: UInt8(ascii: "-"))
                    out.write(d, width: 2)
                    out.write(byte: UInt8(ascii: "\""))
                } else {
                    out.write("null")
                }
                out.write(source ? #","source":["Generated row."]}"# : "}")
            }
            if row > 0 {
                cstoq.write(",\n")
                array.write(",\n")
            }
            object(&cstoq, source: true)
            object(&array, source: false)
            object(&ndjson, source: false)
            ndjson.write("\n")

            csv.write("r")
            csv.write(row)
            csv.write(",")
            csv.write(DataGenerator.firstNames[first])
            csv.write(" ")
            csv.write(DataGenerator.lastNames[last])
            csv.write(" ")
            csv.write(number)
            csv.write(",")
            csv.write(DataGenerator.statuses[status])
            csv.write(",")
            csv.write(DataGenerator.cities[city])
            csv.write(",")
            csv.write(score)
            csv.write(",")
            if let weight {
                csv.write(weight / 100)
                csv.write(".")
                csv.write(weight % 100, width: 2)
            }
            csv.write(active ? ",true," : ",false,")
            if let (y, m, d) = day {
                csv.write(y)
                csv.write("-")
                csv.write(m, width: 2)
                csv.write("-")
                csv.write(d, width: 2)
            }
            csv.write("\n")

            try cstoq.endRecord()
            try csv.endRecord()
            try ndjson.endRecord()
            try array.endRecord()
        }
        cstoq.write("\n]}}}\n")
        array.write(records > 0 ? "\n]\n" : "]\n")
        try cstoq.close()
        try csv.close()
        try ndjson.close()
        try array.close()

        var tiny = try OutputFile(path: base.tiny)
        tiny.write(#"{"a":1}"#)
        tiny.write("\n")
        try tiny.close()

        for (i, name) in DataGenerator.statuses.enumerated() where statusCounts[i] > 0 {
            answers.statusCounts[name] = statusCounts[i]
        }
        var score = scoreCounts.count - 1
        while answers.topScores.count < min(10, records) {
            if scoreCounts[score] > 0 {
                answers.topScores.append(score)
                scoreCounts[score] -= 1
            } else {
                score -= 1
            }
        }
        var manifest = try OutputFile(path: base.manifest)
        manifest.write(DataGenerator.manifestText(records: records, seed: seed, answers: answers))
        try manifest.close()
        return answers
    }

    // MARK: The manifest

    static func manifestText(records: Int, seed: UInt64, answers: Answers) -> String {
        var lines = ["cstoq-bench data \(version)", "records \(records)", "seed \(seed)", "filter \(answers.filterCount)",
                     "top " + answers.topScores.map(String.init).joined(separator: " ")]
        lines.append("groups " + answers.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The files of a previous run, when its manifest says they are complete
    /// and made by this version of the generator with the same N and seed.
    static func existing(folder: String, records: Int, seed: UInt64) -> Files? {
        guard let bytes = try? FileReader.read(folder + "/manifest.txt") else { return nil }
        var fields: [String: [Substring]] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ")
            if let key = words.first { fields[String(key)] = Array(words.dropFirst()) }
        }
        guard fields["cstoq-bench"] == ["data", Substring(String(version))],
              fields["records"] == [Substring(String(records))], fields["seed"] == [Substring(String(seed))],
              let filter = fields["filter"]?.first.flatMap({ Int($0) }) else { return nil }
        var answers = Answers(filterCount: filter)
        answers.topScores = (fields["top"] ?? []).compactMap { Int($0) }
        for pair in fields["groups"] ?? [] {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let n = Int(parts[1]) { answers.statusCounts[String(parts[0])] = n }
        }
        let files = Files(folder: folder, records: records, seed: seed, answers: answers)
        for path in [files.cstoq, files.csv, files.ndjson, files.array, files.tiny] where access(path, R_OK) != 0 {
            return nil
        }
        return files
    }
}

extension String {
    /// `printf`-style formatting of one number, without Foundation.
    init(format1 value: Double, _ format: String) {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
