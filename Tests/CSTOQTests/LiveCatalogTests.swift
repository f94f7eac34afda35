import Testing
@testable import CSTOQ

/// The rules by which a database's catalog becomes a schema: array columns
/// as lists, references declared by hand, and the settings refused.
@Suite struct LiveCatalogTests {
    static let tables = [
        CatalogTable(name: "people", columns: [.init(name: "id", type: "integer"), .init(name: "name", type: "text")], primaryKey: ["id"]),
        CatalogTable(name: "meetings", columns: [
            .init(name: "id", type: "text"), .init(name: "topics", type: "text[]"), .init(name: "scores", type: "_int4"),
            .init(name: "grid", type: "double precision[][]"), .init(name: "days", type: "date[]"), .init(name: "people", type: "integer[]"),
            .init(name: "chair", type: "integer"), .init(name: "note", type: "text"),
        ], primaryKey: ["id"]),
    ]

    static func parse(_ text: String) throws -> Query {
        guard case let .success(statements) = Parser.parseAll(text), case let .query(q)? = statements.first else {
            throw Diagnostic(.cancelled)
        }
        return q
    }

    @Test func postgresArraysAreListsOfTheirElementsKind() throws {
        let schema = LiveCatalog.schema(Self.tables, dialect: .postgres, title: "t")
        let meetings = try #require(schema.dataset.collections.first { $0.name == "meetings" })
        #expect(meetings.fields.map(\.type) == [.text, .list(.text), .list(.integer), .list(.decimal), .list(.date), .list(.integer), .integer, .text])
        let table = schema.layout.tables[1]
        #expect(table.lists.keys.sorted() == [1, 2, 3, 4, 5])
        #expect(table.lists.values.allSatisfy { $0.isArray })
        // In SQLite an array type's name is only a name: text.
        let sqlite = LiveCatalog.schema(Self.tables, dialect: .sqlite, title: "t")
        #expect(sqlite.dataset.collections[1].fields[1].type == .text)
    }

    @Test func referencesDeclaredByHandMakeRefsAndListsOfThem() throws {
        var settings = DataFileSettings()
        settings.references = [.init(collection: "meetings", field: "people", target: "people"),
                               .init(collection: "meetings", field: "chair", target: "people")]
        let schema = try LiveCatalog.applying(settings, to: LiveCatalog.schema(Self.tables, dialect: .postgres, title: "t"))
        let meetings = schema.dataset.collections[1]
        #expect(meetings.fields[5].type == .list(.reference("people")))
        #expect(meetings.fields[6].type == .reference("people"))
        // Paths through them translate: the array unnested, its ids joined.
        let sql = try SQLTranslator(dataset: schema.dataset, layout: schema.layout)
            .translate(try Checker(dataset: schema.dataset).check(Self.parse("meetings where people.name = Ada and chair.name = Bob")), for: .postgres)
        #expect(sql.contains("unnest(t0.\"people\") WITH ORDINALITY AS"))
        #expect(sql.contains("JOIN \"people\" AS"))
        // A back-reference through an array: the records whose array holds the id.
        let back = try SQLTranslator(dataset: schema.dataset, layout: schema.layout)
            .translate(try Checker(dataset: schema.dataset).check(Self.parse("people select name, count(meetings.people)")), for: .postgres)
        #expect(back.contains("= ANY(b"), "\(back)")
    }

    @Test(arguments: [
        ("meeting.chair=people", "--ref meeting.chair=people: the database has no table 'meeting'", "help: the tables: people, meetings"),
        ("meetings.chairs=people", "--ref meetings.chairs=people: meetings has no column 'chairs'", "help: its columns: topics, scores, grid, days, people, chair, note"),
        ("meetings.chair=person", "--ref meetings.chair=person: the database has no table 'person'", "help: the tables: people, meetings"),
        ("meetings.days=people", "--ref meetings.days=people: meetings.days is list date, and a reference holds ids", "help: a text or whole-number column, or a list of them, can be a reference"),
    ])
    func aWrongReferenceSaysWhatIsThere(_ c: (String, String, String)) throws {
        var settings = DataFileSettings()
        let (left, target) = (c.0.split(separator: "=")[0], c.0.split(separator: "=")[1])
        let parts = left.split(separator: ".")
        settings.references = [.init(collection: String(parts[0]), field: String(parts[1]), target: String(target))]
        let schema = LiveCatalog.schema(Self.tables, dialect: .postgres, title: "t")
        let error = try #require(throws: Diagnostic.self) { try LiveCatalog.applying(settings, to: schema) }
        let text = DiagnosticFormatter(color: false).render(error, in: nil)
        #expect(text.contains(c.1), "\(text)")
        #expect(text.contains(c.2), "\(text)")
    }

    @Test func kindsAreTheColumnsTypes() throws {
        var settings = DataFileSettings()
        settings.kinds = [.init(collection: "meetings", field: "note", kind: .integer)]
        let error = try #require(throws: Diagnostic.self) {
            try LiveCatalog.applying(settings, to: LiveCatalog.schema(Self.tables, dialect: .postgres, title: "t"))
        }
        let text = DiagnosticFormatter(color: false).render(error, in: nil)
        #expect(text.contains("--kind meetings.note=integer: on a live database each field's kind is its column's type"))
        #expect(text.contains("help: make a view that casts the column"))
    }
}
