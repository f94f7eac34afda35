import Testing
import TextWidth
@testable import CSTOQ

/// Every output format on one small result with the awkward cases in it:
/// null, a number, a comma, a quote, a line break, a wide character, an escape.
@Suite struct RendererTests {
    let result = ResultSet(columns: ["name", "n", "note"], rows: [
        [.text("Kirghizistàn"), .integer(5), .text("a, \"b\"")],
        [.text("日本"), .decimal(2.5), .null],
        [.text("x|y"), .integer(-1), .text("line\nbreak")],
    ])

    @Test func table() {
        let text = TableRenderer(options: RenderOptions()).render(result)
        #expect(text == """
        ┌──────────────┬─────┬─────────────┐
        │ name         │ n   │ note        │
        ├──────────────┼─────┼─────────────┤
        │ Kirghizistàn │   5 │ a, "b"      │
        │ 日本         │ 2.5 │ null        │
        │ x|y          │  -1 │ line\\nbreak │
        └──────────────┴─────┴─────────────┘
        (3 rows)
        """)
    }

    @Test func tableFitsTheWidthAndCutsWithAnEllipsis() {
        let wide = ResultSet(columns: ["text"], rows: [[.text(String(repeating: "abcdefghij", count: 10))]])
        let text = TableRenderer(options: RenderOptions(width: 30)).render(wide)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 30 })
        #expect(text.contains("…"))
    }

    @Test func tableEscapesControlCharactersSoDataCannotDriveTheTerminal() {
        let evil = ResultSet(columns: ["x"], rows: [[.text("\u{1B}[2Jgone")]])
        let text = TableRenderer(options: RenderOptions()).render(evil)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\u{1b}[2Jgone"))
        // JSON and CSV stay exact (JSON escapes it as JSON does).
        #expect(JSONRenderer().render(evil).contains("\\u001b[2Jgone"))
        #expect(CSVRenderer().render(evil).contains("\u{1B}[2Jgone"))
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!TableRenderer(options: RenderOptions(color: false)).render(result).contains("\u{1B}["))
        #expect(TableRenderer(options: RenderOptions(color: true)).render(result).contains("\u{1B}[1m"))
    }

    @Test func oneRowSaysRow() {
        let text = TableRenderer(options: RenderOptions()).render(ResultSet(columns: ["count"], rows: [[.integer(6)]]))
        #expect(text.hasSuffix("(1 row)"))
        #expect(TableRenderer(options: RenderOptions()).render(ResultSet(columns: ["a"], rows: [])).hasSuffix("(0 rows)"))
    }

    @Test func json() {
        #expect(JSONRenderer().render(result) == """
        [
          {"name": "Kirghizistàn", "n": 5, "note": "a, \\"b\\""},
          {"name": "日本", "n": 2.5, "note": null},
          {"name": "x|y", "n": -1, "note": "line\\nbreak"}
        ]
        """)
        #expect(JSONRenderer().render(ResultSet(columns: ["a"], rows: [])) == "[]")
        let dated = ResultSet(columns: ["d", "l"], rows: [[.date(CalendarDate(year: 2026, month: 11, day: 11)!), .list([.text("a"), .boolean(true)])]])
        #expect(JSONRenderer().render(dated) == "[\n  {\"d\": \"2026-11-11\", \"l\": [\"a\", true]}\n]")
    }

    @Test func csvFollowsRFC4180() {
        #expect(CSVRenderer().render(result) == "name,n,note\r\nKirghizistàn,5,\"a, \"\"b\"\"\"\r\n日本,2.5,\r\nx|y,-1,\"line\nbreak\"\r\n")
    }

    @Test func markdown() {
        #expect(MarkdownRenderer().render(result) == """
        | name | n | note |
        | --- | ---: | --- |
        | Kirghizistàn | 5 | a, "b" |
        | 日本 | 2.5 | null |
        | x\\|y | -1 | line<br>break |
        """)
    }

    @Test func chartDrawsBarsProportionalToTheNumbers() {
        let grouped = ResultSet(columns: ["area", "count"], rows: [[.text("drugs"), .integer(4)], [.text("borders"), .integer(2)]], isGrouped: true)
        #expect(ChartRenderer.canDraw(grouped))
        let text = ChartRenderer(options: RenderOptions(format: .chart, width: 40)).render(grouped)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let bars = lines.prefix(2).map { $0.filter { $0 == "█" }.count }
        #expect(abs(bars[0] - 2 * bars[1]) <= 1)
        #expect(lines[0].hasPrefix("drugs  ") && lines[0].hasSuffix(" 4"))
        #expect(lines[2] == "(2 rows, bars: count)")
        #expect(!ChartRenderer.canDraw(ResultSet(columns: ["a"], rows: [[.text("x")]])))
    }

    @Test func negativeValuesAreBarsLeftOfAnAxisNotPositiveBars() throws {
        let r = ResultSet(columns: ["who", "change"], rows: [[.text("up"), .integer(6)], [.text("down"), .integer(-3)], [.text("flat"), .integer(0)]])
        let lines = ChartRenderer(options: RenderOptions(format: .chart, width: 40)).render(r).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // Every row has its axis, in the same column.
        #expect(lines.prefix(3).allSatisfy { $0.contains("│") })
        let cols = lines.prefix(3).map { line in line.prefix { $0 != "│" }.count }
        #expect(Set(cols).count == 1, "\(lines)")
        // Up: bar right of the axis; down: left of it, half as long; flat: none.
        let right = lines.prefix(3).map { $0.drop { $0 != "│" }.filter { $0 == "█" }.count }
        let left = lines.prefix(3).map { $0.prefix { $0 != "│" }.filter { $0 == "█" }.count }
        #expect(right[0] > 0 && left[0] == 0)
        #expect(left[1] > 0 && right[1] == 0 && abs(right[0] - 2 * left[1]) <= 1)
        #expect(left[2] == 0 && right[2] == 0)
        #expect(lines[1].hasSuffix(" -3"))
        #expect(lines[3] == "(3 rows, bars: change, left of │ below zero)")
    }

    /// Found by the fuzzer: -1.7e308 and 1.7e308 in one chart added up to infinity.
    @Test func aChartOfValuesNearTheLargestDoubleOnBothSidesIsDrawn() {
        let r = ResultSet(columns: ["who", "d"], rows: [[.text("a"), .decimal(1.7e308)], [.text("b"), .decimal(-1.7e308)], [.text("c"), .decimal(1e-5)]])
        let lines = ChartRenderer(options: RenderOptions(format: .chart, width: 40)).render(r).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].filter { $0 == "█" }.count == lines[1].filter { $0 == "█" }.count)
    }

    @Test func wideTextKeepsTheTableAligned() {
        let table = TableRenderer(options: RenderOptions()).render(ResultSet(columns: ["name"], rows: [[.text("日本")], [.text("ab")]]))
        let widths = Set(table.split(separator: "\n").dropLast().map { DisplayWidth.of(String($0)) })
        #expect(widths.count == 1, "\(table)")
    }
}
