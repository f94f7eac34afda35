import TextWidth
/// `.source`: the article's sentences behind the rows of a result, each
/// sentence once, with the rows that rest on it.
public struct Provenance {
    public let dataset: Dataset

    public init(dataset: Dataset) {
        self.dataset = dataset
    }

    public func sentences(for result: ResultSet, maximumRows: Int = 50) -> String {
        var order: [String] = []
        var rowsBySentence: [String: [String]] = [:]
        for i in 0..<min(result.count, maximumRows) {
            let label = result.row(i).first.map(ValueText.plain) ?? "row \(i + 1)"
            for ref in result.records(ofRow: i) {
                for sentence in dataset.collections[ref.collection].sources(of: ref.row) {
                    if rowsBySentence[sentence] == nil { order.append(sentence) }
                    if !(rowsBySentence[sentence]?.contains(label) ?? false) { rowsBySentence[sentence, default: []].append(label) }
                }
            }
        }
        guard !order.isEmpty else { return "(the rows of the last result cite no sentence)" }
        var out: [String] = []
        for (n, sentence) in order.enumerated() {
            let rows = rowsBySentence[sentence]!
            let shown = rows.prefix(6).joined(separator: ", ") + (rows.count > 6 ? ", … (\(rows.count) rows)" : "")
            out.append("[\(n + 1)] \(Printable.escapeControls(sentence))\n    ↳ \(Printable.escapeControls(shown))")
        }
        if result.hasProvenance, result.count > maximumRows { out.append("(sources of the first \(maximumRows) rows)") }
        return out.joined(separator: "\n")
    }
}
