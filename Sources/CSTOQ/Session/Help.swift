import TextWidth

/// `.help` and `.help TOPIC`. Every example in a topic is a real query: its
/// output is computed from the built-in dataset each time help is shown (and
/// the test suite runs each one), so help can't show an answer cstoq doesn't give.
public enum Help {
    public struct Topic: Sendable {
        public var name: String
        public var summary: String
        public var text: String
        public var examples: [String]
    }

    /// The comparison operators as help lists them: `= != < <= > >= contains like`.
    static let operators = ComparisonOperator.allCases.map(\.rawValue).joined(separator: " ")

    public static let topics: [Topic] = [
        Topic(name: "queries", summary: "the shape of a query",
              text: """
              A query names a collection, then optional clauses in this order:
                COLLECTION [where CONDITION] [group by KEYS [having CONDITION]]
                           [select COLUMNS] [order by KEYS] [limit N] [offset M]
              `count COLLECTION …` gives the number of rows instead of the rows.
              A statement ends at ';' or at the end of the line; a line that starts
              with a clause keyword (where, group, having, select, order, limit, and, or)
              continues the statement above it.
              """,
              examples: ["count members where status = active"]),
        Topic(name: "where", summary: "conditions: \(operators) in, is null, and/or/not",
              text: """
              where X OP Y, with OP one of \(operators) and X, Y paths, values or
              expressions (score > weight * 2), or PATH in (V1, V2, …), X is null, X is not null;
              combine with and, or, not and parentheses (not binds tightest, then and, then or).
              Text compares without regard to case; like uses * and ? as wildcards.
              X in (QUERY) looks X up in another query: among its records when it has no
              select (X refers to its collection), else among the values of its one column.
              """,
              examples: ["members where status = frozen", "people where name like \"*ov\" order by name",
                         "documents where title contains budget select title, kind",
                         "people where country in (members where status = active) select name"]),
        Topic(name: "values", summary: "strings, numbers, dates, true/false/null, bare words",
              text: """
              "double" or 'single' quoted strings (escapes \\n \\t \\" \\' \\\\ \\u{HEX}), 42, 2.5,
              dates as 2026-11-11, true, false, null. A bare word on the right of a
              comparison is a field when the collection has one of that name, else
              text: status = active is status = "active".
              """,
              examples: ["events where date >= 2026-01-01 select name, date, city"]),
        Topic(name: "paths", summary: "following references: leader.name, speaker.country.status",
              text: """
              A field that refers to another record can be followed with '.':
              leader.name is the name of the member's leader. A path through null is null.
              A reference shown on its own shows the name (or title) of the record.
              """,
              examples: ["members where status = active select name, leader.name order by name"]),
        Topic(name: "select", summary: "columns, distinct, aggregates, as",
              text: """
              select X [as NAME], … picks and names the columns (paths or expressions);
              select distinct drops repeated rows. Aggregates: count(), count(distinct x),
              min(x), max(x), sum(x), avg(x); other functions: .help functions.
              """,
              examples: ["documents select distinct kind", "members select name, length(name) as letters order by letters desc limit 3"]),
        Topic(name: "expressions", summary: "+ - * /, dates ± days, functions: score * 2, date + 7",
              text: """
              Wherever a path or a value stands, an expression can: + - * / and unary
              minus on numbers (* and / before + and -; parentheses group), a function
              call (.help functions). 7 / 2 is 3.5: / of whole numbers is exact. A whole
              number past 64 bits is an error; / by zero is null, as in SQLite.
              Dates: date + 7 and date - 7 move by days, date - date is the days between.
              A '-' inside a word is part of it (vladimir-putin): put spaces around it to subtract.
              """,
              examples: ["events select name, date + 7 as week_after, date - 2025-01-01 as days_into_2025",
                         "events where date - 2025-11-27 > 30 select name, date"]),
        Topic(name: "group", summary: "group by: one row per group, with its count",
              text: """
              group by KEY, … (paths or expressions such as year(date)) makes one row per
              distinct value; without select it shows the groups and their count. Select
              the keys and aggregates. having CONDITION, after group by, keeps the groups
              whose totals pass: having count() > 6.
              """,
              examples: ["initiatives group by area select area, count() order by count() desc limit 3",
                         "statements group by speaker.name having count() > 6"]),
        Topic(name: "functions", summary: "lower upper length trim year month day abs round coalesce, and the aggregates",
              text: functionTable(),
              examples: FunctionCatalog.scalar.map(\.1.example) + FunctionCatalog.aggregate.map(\.1.example)),
        Topic(name: "order", summary: "order by, asc/desc, limit and offset",
              text: """
              order by KEY [asc|desc], … sorts (nulls last); limit N keeps N rows, offset M skips M.
              """,
              examples: ["members select name order by name desc limit 3"]),
        Topic(name: "describe", summary: "the fields of a collection",
              text: "describe COLLECTION lists the fields, their kinds, how many records fill them, and example values.",
              examples: ["describe exercises"]),
        Topic(name: "explain", summary: "how a query is read and run; explain trace counts rows per clause",
              text: """
              explain QUERY shows the tokens, the syntax tree and the plan.
              explain trace QUERY runs it and shows how many rows are left after each clause.
              .whynot RECORD QUERY tells which part of the condition leaves a record out.
              """,
              examples: ["explain trace members where status = active order by name limit 3"]),
        Topic(name: "sql", summary: "the same query in SQL: explain sql, .export sql",
              text: """
              explain sql [sqlite|postgres] QUERY prints one SQL statement that gives the
              same rows in the same order, on the tables .export sql FILE (or
              cstoq --export sql) writes. How the two languages map:
                COLLECTION where C        FROM collection WHERE C
                group by P / select …     GROUP BY / SELECT …, count(*)
                order by K desc           ORDER BY K DESC NULLS LAST, then the data's order
                limit N offset M          LIMIT N OFFSET M
                a = text, ignoring case   a_fold = 'text' (a_fold: a case folded, NFC)
                list.x = v (any element)  EXISTS (SELECT 1 FROM collection_list …)
                leader = "Vladimir Putin" the record whose id or name is that text
              """,
              examples: ["explain sql members where status = active select name order by name"]),
        Topic(name: "formats", summary: "table, line, json, csv, markdown, chart; long and wide results",
              text: """
              .format table|line|json|csv|markdown|chart (or --format on the command line).
              line shows each record one field per line (psql's \\x, sqlite3's .mode line).
              chart draws bars for results with a column of numbers, such as group by results.
              On a terminal a table never wraps: long cells are cut with …, columns that
              don't fit are named under it, and a result that doesn't fit at all is shown
              one field per line. A result taller than the terminal is cut to fit, with a
              footer; .last shows all of it (long cells wrapped), .save FILE writes it, and
              .pager on sends long results through $PAGER (less -FRX when unset).
              """,
              examples: []),
        Topic(name: "data", summary: "your own data: CSV, TSV, NDJSON, JSON arrays, SQLite files, PostgreSQL",
              text: """
              .load FILE… (or cstoq --data FILE, repeatable) reads CSV, TSV, NDJSON, a JSON
              array of objects, a SQLite database or a dataset in cstoq's format; several
              files load side by side. Each file is a collection named after it (a SQLite
              file one per table). Kinds come from the values (integer, decimal, boolean,
              date, else text) and the load summary says which values made a column text.
              A column named id gives the ids (else records are numbered); a SQLite
              foreign key is a reference.
                --kind items.zip=text       set a field's kind by hand
                --ref items.city=cities     make a field a reference to another collection
              Both go after .load's files too; .load --ref … alone reloads the same files.
              .source names the file and line (or table and rowid) of each row.
              A database is queried where it is, nothing loaded: each query goes to it as
              SQL, its values as parameters, read-only, stopped after .timeout SECONDS.
                .load postgres://user@host:5432/db   a PostgreSQL database (libpq, ~/.pgpass)
                .load "host=/run/postgresql dbname=db"   libpq's keyword form
                .load big.db --in-place      a SQLite file (any of 256 MB or more always is)
              explain QUERY shows the SQL sent and the database's plan; Ctrl-C cancels it.
              A PostgreSQL array is a list; --ref meetings.people=people makes an array of
              ids a list of references. On a terminal only the first screen of rows is
              read; .last, .save FILE and .pager on read them all, written as they come.
              """,
              examples: []),
        Topic(name: "scripts", summary: "saved .cstoq scripts, parameters, .run",
              text: """
              A script is statements and dot-commands, with -- comments; `cstoq FILE.cstoq`
              runs it. $name in a script takes the value given by --set name=VALUE (or .set).
              .run FILE runs another script, relative to the folder of the current one.
              """,
              examples: []),
    ]

    /// `.help functions`: each function's signature and what it gives, from the catalog.
    static func functionTable() -> String {
        let entries = FunctionCatalog.scalar.map(\.1) + FunctionCatalog.aggregate.map(\.1)
        let width = entries.map { DisplayWidth.of($0.signature) }.max() ?? 0
        var lines = ["Functions of a row's values:"]
        for e in FunctionCatalog.scalar.map(\.1) { lines.append("  " + DisplayWidth.pad(e.signature, to: width) + "  " + e.summary) }
        lines.append("Aggregates, of a group's rows (or of all rows without group by):")
        for e in FunctionCatalog.aggregate.map(\.1) { lines.append("  " + DisplayWidth.pad(e.signature, to: width) + "  " + e.summary) }
        lines.append("count(distinct x) counts the different values of x. Null in gives null out,")
        lines.append("but coalesce; aggregates skip nulls.")
        return lines.joined(separator: "\n")
    }

    public static func text(for topic: String, color: Bool = false) -> Result<String, Diagnostic> {
        let t = ValueComparison.fold(Substring(topic).trimmingBlanks()).replacingDot()
        if t.isEmpty { return .success(overview()) }
        if let topic = topics.first(where: { $0.name == t || ($0.name == "group" && t == "group by") || ($0.name == "order" && t == "order by") }) {
            return .success(render(topic, color: color))
        }
        if case let .found(command) = DotCommand.lookup(t) {
            return .success("\(command.usage)\n  \(command.summary)")
        }
        let names = topics.map(\.name) + DotCommand.all.map(\.name)
        return .failure(Diagnostic(.unknownHelpTopic(topic),
                                   help: (Suggestion.closest(to: t, in: names).map(Hint.didYouMeanHelpTopic)
                                       ?? .helpTopics(topics.map(\.name))).text))
    }

    static func overview() -> String {
        var lines = ["cstoq: ask questions of the CSTO summit data. Try:",
                     "  members where status = active select name, leader.name",
                     "", "Commands:"]
        let width = DotCommand.all.map(\.usage.count).max() ?? 0
        for c in DotCommand.all {
            lines.append("  " + DisplayWidth.pad(c.usage, to: width) + "  " + c.summary)
        }
        lines.append("")
        lines.append("Topics (.help TOPIC, with examples and their real output):")
        let topicWidth = topics.map { DisplayWidth.of($0.name) }.max() ?? 0
        for t in topics { lines.append("  " + DisplayWidth.pad(t.name, to: topicWidth) + "  " + t.summary) }
        lines.append("")
        lines.append("Tab completes names, fields and values; Ctrl-R searches the history; Ctrl-D quits.")
        return lines.joined(separator: "\n")
    }

    static func render(_ topic: Topic, color: Bool) -> String {
        var out = topic.text
        guard !topic.examples.isEmpty else { return out }
        out += "\n\nExamples (run on the built-in summit data):"
        for example in topic.examples {
            out += "\n\ncstoq> " + example + "\n" + run(example)
        }
        return out
    }

    /// Runs one example on the built-in dataset, capturing what a session prints.
    public static func run(_ example: String) -> String {
        final class Capture: @unchecked Sendable { var text: [String] = [] }
        let capture = Capture()
        let session = Session(dataset: BuiltinDataset.load(), datasetName: BuiltinDataset.name,
                              options: RenderOptions(format: .table, width: 100),
                              output: { capture.text.append($0) }, errors: { capture.text.append($0) })
        session.run(SourceText(name: "<help>", text: example))
        return capture.text.joined(separator: "\n")
    }
}

private extension String {
    func replacingDot() -> String { hasPrefix(".") ? String(dropFirst()) : self }
}
