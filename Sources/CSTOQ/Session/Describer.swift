import TextWidth

/// `describe`, `.collections` and the one-line summaries: the shape of the
/// data, with real example values, as result sets like any other.
public struct Describer {
    public let dataset: Dataset

    public init(dataset: Dataset) {
        self.dataset = dataset
    }

    /// One row per field: its name, its kind, how many records have a value, a few example values.
    public func describe(_ index: Int) -> ResultSet {
        let c = dataset.collections[index]
        var rows: [[Value]] = []
        for (f, field) in c.fields.enumerated() {
            var filled = 0
            var examples: [String] = []
            var seen = Set<String>()
            for v in c.columns[f] {
                if v.isNull || v == .list([]) { continue }
                filled += 1
                if examples.count < 3 {
                    let text = example(v)
                    if seen.insert(text).inserted { examples.append(text) }
                }
            }
            rows.append([.text(field.name), .text(field.kindDescription), .text("\(filled) of \(c.count)"),
                         .text(examples.joined(separator: ", "))])
        }
        // The records of other collections that point here, as count(…) writes them.
        let checker = Checker(dataset: dataset)
        for p in checker.backReferences(to: index) {
            guard let back = try? checker.backReference(p, to: index) else { continue }
            // Different counts, in the records' order, as the fields' examples are different values.
            var seen = Set<Int>(), examples: [String] = []
            for n in back.counts where examples.count < 3 && seen.insert(n).inserted { examples.append(String(n)) }
            rows.append([.text("count(\(ASTPrinter().path(p)))"), .text("back-reference"),
                         .text("\(back.counts.filter { $0 > 0 }.count) of \(c.count)"), .text(examples.joined(separator: ", "))])
        }
        return ResultSet(columns: ["field", "kind", "filled", "examples"], rows: rows)
    }

    func example(_ v: Value) -> String {
        let text: String
        switch v {
        case let .reference(r): text = dataset.label(of: r)
        case let .list(items):
            guard let first = items.first else { return "[]" }
            return example(first) + (items.count > 1 ? " (+\(items.count - 1))" : "")
        case .text: text = ValueText.plain(v)
        default: text = ValueText.plain(v)
        }
        return DisplayWidth.truncate(text, to: 28)
    }

    /// `.collections` and `--check`: name, record count, fields.
    public func collections() -> ResultSet {
        ResultSet(columns: ["collection", "records", "fields"], rows: dataset.collections.map { c in
            [.text(c.name), .integer(c.count), .text(c.fields.map(\.name).joined(separator: ", "))]
        })
    }

    /// `10 collections, 67 records`.
    /// `1000000` as `1,000,000`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public func summary() -> String {
        let n = dataset.collections.count
        return "\(n) \(n == 1 ? "collection" : "collections"), \(dataset.recordCount) records"
    }

    /// One line per collection, as `--check` prints it.
    public func checkLines() -> [String] {
        let width = dataset.collections.map { DisplayWidth.of($0.name) }.max() ?? 0
        let countWidth = dataset.collections.map { String($0.count).count }.max() ?? 0
        return dataset.collections.map { c in
            DisplayWidth.pad(Printable.escapeControls(c.name), to: width) + "  " + DisplayWidth.padLeft(String(c.count), to: countWidth)
                + " \(c.count == 1 ? "record " : "records")  " + Printable.escapeControls(c.fields.map(\.name).joined(separator: ", "))
        }
    }
}
