/// A Markdown table padded so that it also reads in a terminal; pasted into
/// README.md as it is.
struct ResultTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    var text: String {
        var widths = header.map(ResultTable.width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], ResultTable.width(cell)) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { i, c in
                c.replacingPipes + String(repeating: " ", count: max(0, widths[i] - ResultTable.width(c)))
            }.joined(separator: " | ") + " |"
        }
        var out = [line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    /// Characters, which is the terminal width for the text this table holds.
    static func width(_ s: String) -> Int {
        s.replacingPipes.count
    }
}

extension String {
    /// A `|` inside a cell would end it in Markdown.
    var replacingPipes: String {
        contains("|") ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
    }
}
