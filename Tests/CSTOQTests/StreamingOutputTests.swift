import Synchronization
import Testing
@testable import CSTOQ

/// Output is streamed: a plain query's rows are made as they are written,
/// the text leaves in pieces of about 64 KB, and a cancel stops the writing.
@Suite struct StreamingOutputTests {
    static let rowCount = 100_000

    /// Counts, across the closures of one test, the rows made (or whether a cancel came).
    final class Counter: Sendable {
        let made = Atomic<Int>(0)
        let cancelled = Atomic<Bool>(false)
        var count: Int { made.load(ordering: .relaxed) }
    }

    @Test(arguments: [OutputFormat.csv, .json])
    func rowFormatsWriteTheFirstPieceBeforeMostRowsAreMade(_ format: OutputFormat) throws {
        let box = Counter()
        let result = ResultSet(columns: ["n", "name"], records: Array(0..<Self.rowCount), collection: 0) { record in
            box.made.add(1, ordering: .relaxed)
            return [.integer(record), .text("name \(record)")]
        }
        var madeAtFirstPiece: Int?
        var pieces: [String] = []
        var out = LineWriter { piece in
            if madeAtFirstPiece == nil { madeAtFirstPiece = box.count }
            pieces.append(piece)
        }
        Renderer.write(result, RenderOptions(format: format), to: &out)
        out.flush()
        let first = try #require(madeAtFirstPiece)
        #expect(first < Self.rowCount / 10, "the first piece left after \(first) of \(Self.rowCount) rows were made")
        #expect(box.count == Self.rowCount, "each row is made once")
        #expect(pieces.count > 10)
        // Pieces are whole lines, none much bigger than a piece, and together the whole output.
        #expect(pieces.allSatisfy { $0.utf8.count < LineWriter.pieceSize + 200 && $0.utf8.last != 0x0A })
        let whole = pieces.joined(separator: "\n") + (format == .csv ? "\n" : "")
        #expect(whole == Renderer.render(result, RenderOptions(format: format)))
        if format == .csv { #expect(whole.hasPrefix("n,name\r\n0,name 0\r\n") && whole.hasSuffix("99999,name 99999\r\n")) }
    }

    @Test func aTableMeasuresEveryRowThenWritesEachAsItIsMade() {
        let box = Counter()
        let result = ResultSet(columns: ["n"], records: Array(0..<Self.rowCount), collection: 0) { record in
            box.made.add(1, ordering: .relaxed)
            return [.integer(record == 77_777 ? 123_456_789 : record)]
        }
        var pieces: [String] = []
        var out = LineWriter { pieces.append($0) }
        TableRenderer(options: RenderOptions()).write(result, to: &out)
        out.flush()
        // The widest value, far down, sets the column's width from the first line on.
        #expect(pieces[0].hasPrefix("┌───────────┐\n│ n         │"))
        #expect(pieces.count > 10)
        #expect(box.count == 2 * Self.rowCount, "made once to measure, once to write")
        #expect(pieces.last?.hasSuffix("(100000 rows)") == true)
    }

    @Test func aCancelStopsTheWritingAndSaysSo() throws {
        final class Printed: @unchecked Sendable { var out: [String] = []; var err: [String] = [] }
        let printed = Printed()
        let counter = Counter()
        // 20,000 records: more than one piece of CSV.
        let records = (0..<20_000).map { "{\"id\": \"i\($0)\", \"name\": \"item \($0)\", \"source\": \"s\"}" }
        let data = "{\"cstoq\": 1, \"title\": \"t\", \"collections\": {\"items\": {\"fields\": {\"name\": \"text\"}, \"records\": [\(records.joined(separator: ","))]}}}"
        let dataset = try DatasetLoader.load(text: data, name: "items.json")
        let session = Session(dataset: dataset, datasetName: "items.json", options: RenderOptions(format: .csv),
                              output: { piece in
                                  printed.out.append(piece)
                                  // Ctrl-C while the first piece is on its way.
                                  counter.cancelled.store(true, ordering: .relaxed)
                              }, errors: { printed.err.append($0) })
        session.isCancelled = { counter.cancelled.load(ordering: .relaxed) }
        #expect(!session.run(SourceText(name: "<input>", text: "items select name")))
        #expect(printed.out.count == 1, "nothing is written after the cancel")
        #expect(printed.out.first?.hasPrefix("name\r\nitem 0\r\n") == true)
        #expect(printed.err.joined().contains("query cancelled"))
    }

    // MARK: Results in parts (a live database's rows, batch by batch)

    static let mixed = ResultSet(columns: ["id", "name", "score"], rows: (0..<23).map { i in
        [.integer(i), i % 5 == 4 ? .null : .text("name, \"\(String(repeating: "x", count: 23 - i))\""), .decimal(Double(100 - i) / 4)]
    })

    /// The rows of `result` from `start` on, `size` at most.
    static func slice(_ result: ResultSet, _ start: Int, _ size: Int) -> ResultSet {
        ResultSet(columns: result.columns, rows: Array(result.rows[start..<min(start + size, result.count)]))
    }

    /// A result written in parts of `size` rows reads exactly as written whole,
    /// when the first part holds the widest cells (a table's widths come from it).
    @Test(arguments: [OutputFormat.csv, .json, .markdown, .table, .line], [1, 4, 23, 50])
    func aResultInPartsReadsAsTheWholeResult(_ format: OutputFormat, size: Int) {
        let options = RenderOptions(format: format, width: 200)
        let text = LineWriter.collect { out in
            var parted = PartedOutput(options: options)
            for start in stride(from: 0, to: Self.mixed.count, by: size) { parted.add(Self.slice(Self.mixed, start, size), to: &out) }
            parted.finish(columns: Self.mixed.columns, to: &out)
        }
        let wide = size == 1 ? nil : LineWriter.collect { Renderer.write(Self.mixed, options, to: &$0) }
        if let wide { #expect(text == wide) }
        // One row at a time: the first row fixes the widths, so compare the rows' fields, not the padding.
        #expect(text.contains(format == .line ? "─[ 23 ]" : format == .table ? "(23 rows)" : "22"))
        if format == .json { #expect(text.hasSuffix("}\n]") && !text.hasSuffix("},\n]")) }
        if format == .csv { #expect(text.components(separatedBy: "id,name,score").count == 2) }
    }

    @Test func anEmptyResultInPartsIsTheEmptyResult() {
        for format in [OutputFormat.csv, .json, .markdown, .table] {
            let options = RenderOptions(format: format)
            let parted = LineWriter.collect { out in
                var p = PartedOutput(options: options)
                p.finish(columns: ["a", "b"], to: &out)
            }
            // Renderer.render ends CSV with its last line end, as a file does.
            #expect(parted + (format == .csv ? "\n" : "") == Renderer.render(ResultSet(columns: ["a", "b"], rows: []), options), "\(format)")
        }
    }

    /// Cells of later parts wider than the first part's are cut to its widths, not widened.
    @Test func laterPartsKeepTheFirstPartsWidths() {
        let first = ResultSet(columns: ["name"], rows: [[.text("short")]])
        let later = ResultSet(columns: ["name"], rows: [[.text("a much longer name")]])
        let text = LineWriter.collect { out in
            var p = PartedOutput(options: RenderOptions(format: .table))
            p.add(first, to: &out)
            p.add(later, to: &out)
            p.finish(columns: ["name"], to: &out)
        }
        let lines = text.split(separator: "\n")
        #expect(lines.contains("│ a mu… │"))
        #expect(lines.last == "(2 rows)")
        #expect(Set(lines.dropLast().map(\.count)).count == 1, "every line of the table is as wide")
    }

    /// A partial result (a live database's first screen) says that more rows follow, not how many.
    @Test func aPartialResultSaysMoreRowsFollow() {
        var r = ResultSet(columns: ["n"], rows: (0..<41).map { [.integer($0)] })
        r.isPartial = true
        let options = RenderOptions(format: .table, width: 200, height: 40)
        #expect(TableRenderer(options: options).isCut(r))
        let text = Renderer.render(r, options)
        #expect(text.hasSuffix("(at least 41 rows, the first 32 shown: .last shows all, .save FILE writes them, .pager on pages them)"))
    }
}

