import TextWidth

/// Lays out completion candidates in columns, the way `ls` does: read down
/// each column, then across, every column as wide as the widest item plus a
/// two-space gap, as many columns as fit the width (at least one). Items
/// are shown escaped (`Printable`): a file name or a value may hold anything.
public enum CompletionLayout {
    static let gap = 2

    /// The lines to print, without trailing spaces. Items keep their order.
    public static func columns(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let items = items.map(Printable.escapeControls)
        let widths = items.map { DisplayWidth.of($0) }
        let columnWidth = (widths.max() ?? 0) + gap
        // The last column needs no gap after it, hence `width + gap`.
        let columnCount = min(items.count, max(1, (width + gap) / columnWidth))
        let rowCount = (items.count + columnCount - 1) / columnCount

        return (0..<rowCount).map { row in
            var line = ""
            var index = row
            while index < items.count {
                line += items[index]
                let next = index + rowCount
                if next < items.count {
                    line += String(repeating: " ", count: columnWidth - widths[index])
                }
                index = next
            }
            return line
        }
    }
}
