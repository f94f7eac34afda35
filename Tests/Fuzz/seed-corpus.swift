// Rebuilds the committed seed corpus of the fuzz targets from the lessons in
// Samples/ and the queries written in the tests. Run from the package root:
//
//     swift Tests/Fuzz/seed-corpus.swift
//
// Query seeds: each lesson whole, each of its statements, and every one-line
// string literal in the tests that starts like a statement. Dataset seeds:
// the built-in dataset, and the JSON literals of the loader tests.
// The hand-written edge cases (edge-*) and tricky.json are kept as they are.
import Foundation

let fm = FileManager.default
let queryFolder = "Tests/Fuzz/Corpus/query"
let datasetFolder = "Tests/Fuzz/Corpus/dataset"

func fnv(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return String(String(h, radix: 16).suffix(10))
}

func write(_ text: String, _ folder: String, _ name: String) {
    try! text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
}

// Old generated seeds go; hand-written ones stay.
for folder in [queryFolder, datasetFolder] {
    for f in try! fm.contentsOfDirectory(atPath: folder) where f.hasPrefix("sample-") || f.hasPrefix("test-") || f.hasPrefix("summit") {
        try! fm.removeItem(atPath: folder + "/" + f)
    }
}

var seen = Set<String>()

// The lessons, whole and statement by statement (blocks of non-comment lines).
for file in try! fm.contentsOfDirectory(atPath: "Samples").sorted() where file.hasSuffix(".cstoq") {
    let text = try! String(contentsOfFile: "Samples/" + file, encoding: .utf8)
    let base = String(file.dropLast(6))
    write(text, queryFolder, "sample-\(base).cstoq")
    var blocks: [[Substring]] = [[]]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("--") || line.hasPrefix("#!") { continue }
        if line.trimmingCharacters(in: .whitespaces).isEmpty {
            if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
        } else {
            blocks[blocks.count - 1].append(line)
        }
    }
    for (n, block) in blocks.enumerated() where !block.isEmpty {
        let statement = block.joined(separator: "\n")
        if seen.insert(statement).inserted { write(statement, queryFolder, "sample-\(base)-\(n + 1)") }
    }
}

// One-line string literals of the tests that read like statements.
func unescape(_ s: Substring) -> String {
    var out = ""
    var i = s.startIndex
    while i < s.endIndex {
        let c = s[i]
        i = s.index(after: i)
        guard c == "\\", i < s.endIndex else { out.append(c); continue }
        let e = s[i]
        i = s.index(after: i)
        switch e {
        case "n": out += "\n"
        case "t": out += "\t"
        case "r": out += "\r"
        case "0": out += "\0"
        case "u":
            if let close = s[i...].firstIndex(of: "}"), let v = UInt32(s[s.index(after: i)..<close], radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                i = s.index(after: close)
            }
        default: out.append(e)
        }
    }
    return out
}

let starters: Set<String> = ["members", "people", "events", "statements", "initiatives", "exercises", "documents", "appointments",
                             "organizations", "credits", "count", "describe", "explain", "select", "nodes", "empty"]
let literal = try! NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
for folder in ["Tests/CSTOQTests", "Tests/CLITests"] {
    for file in try! fm.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".swift") {
        let text = try! String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        let ns = text as NSString
        for m in literal.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let raw = ns.substring(with: m.range(at: 1))
            // Marked sources (`members ⟨wher⟩ …`) without their marks.
            let value = unescape(Substring(raw)).replacingOccurrences(of: "⟨", with: "").replacingOccurrences(of: "⟩", with: "")
            let first = value.prefix { $0.isLetter || $0 == "_" }.lowercased()
            let isDot = value.hasPrefix(".") && value.dropFirst().first?.isLetter == true
            guard value.count >= 3, isDot || starters.contains(first), seen.insert(value).inserted else { continue }
            write(value, queryFolder, "test-\(fnv(value))")
        }
    }
}

// Datasets: the built-in one and the loader tests' JSON (multi-line literals starting with "{").
try! fm.copyItem(atPath: "Sources/CSTOQ/Data/summit.json", toPath: datasetFolder + "/summit.json")
let block = try! NSRegularExpression(pattern: #"\"\"\"\n(\s*\{.*?)\n\s*\"\"\""#, options: [.dotMatchesLineSeparators])
for file in ["Tests/CSTOQTests/DatasetLoaderTests.swift", "Tests/CSTOQTests/SessionTests.swift"] {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
    let ns = text as NSString
    for m in block.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
        let json = ns.substring(with: m.range(at: 1))
        if !json.contains("\\("), seen.insert(json).inserted { write(json, datasetFolder, "test-\(fnv(json)).json") }
    }
}
print("query seeds: \(try! fm.contentsOfDirectory(atPath: queryFolder).count), dataset seeds: \(try! fm.contentsOfDirectory(atPath: datasetFolder).count)")
