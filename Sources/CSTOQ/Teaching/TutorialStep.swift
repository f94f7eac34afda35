/// The steps of `.tutorial`: each explains one idea and pre-fills the prompt
/// with an example to run or edit; some end with an exercise whose answer
/// cstoq checks. They follow the lessons in Samples/ (01 to 13).
public struct TutorialStep: Sendable {
    public var title: String
    public var explanation: String
    /// The query put into the prompt for the learner to run (nil for an exercise).
    public var example: String?
    public var exercise: Exercise?
}

public struct Exercise: Sendable {
    public var question: String
    /// A query whose rows are the right answer.
    public var answer: String
    public var hints: [String]
    /// Whether the order of the rows matters.
    public var ordered: Bool = false
    /// Whether the question names the columns (`as days`): then a column must
    /// have its name; else a right answer under other names is right.
    public var namesColumns: Bool = false
}

public enum TutorialCourse {
    public static let steps: [TutorialStep] = [
        TutorialStep(title: "Your first query",
                     explanation: "A query starts with the name of a collection. `members` shows every member state of the CSTO, one row each. Press Enter to run it.",
                     example: "members"),
        TutorialStep(title: "Keeping some rows: where",
                     explanation: "`where` keeps the rows that meet a condition. A bare word on the right is text, and text compares without regard to case.",
                     example: "members where status = active"),
        TutorialStep(title: "Exercise: who stayed away?",
                     explanation: "Each member has `attended`, true or false.",
                     example: nil,
                     exercise: Exercise(question: "Which members did not attend the summit? Show only their names.",
                                        answer: "members where attended = false select name",
                                        hints: ["attended is true or false: compare it with false", "add `select name` to show only the names"])),
        TutorialStep(title: "Choosing columns and following references: select",
                     explanation: "`select` picks the columns. `leader` refers to a person, so `leader.name` follows the reference to the person's name.",
                     example: "members where status = active select name, leader.name"),
        TutorialStep(title: "Sorting and cutting: order by, limit",
                     explanation: "`order by` sorts (add `desc` to reverse), `limit` keeps the first rows.",
                     example: "members select name order by name desc limit 3"),
        TutorialStep(title: "Counting",
                     explanation: "Put `count` in front of a query to get the number of rows instead of the rows.",
                     example: "count statements where speaker.name = \"Vladimir Putin\""),
        TutorialStep(title: "Exercise: quotes",
                     explanation: "Statements have a `kind`: `quote` for words the article quotes, `paraphrase` otherwise.",
                     example: nil,
                     exercise: Exercise(question: "How many statements are quotes?",
                                        answer: "count statements where kind = quote",
                                        hints: ["start with `count statements`", "then keep the rows where kind = quote"])),
        TutorialStep(title: "Matching text: like, contains, in",
                     explanation: "`like` matches a pattern (* any run, ? one character), `contains` a piece of text, `in` a list of values.",
                     example: "initiatives where area in (drugs, cybersecurity, counter_terrorism) select title, by.name"),
        TutorialStep(title: "Dates and missing values",
                     explanation: "Dates are written YYYY-MM-DD and compare in time. `is null` finds missing values.",
                     example: "events where date >= 2026-01-01 select name, date, city"),
        TutorialStep(title: "Groups: group by",
                     explanation: "`group by` makes one row per distinct value, with the count of rows in it. Try `.format chart` afterwards.",
                     example: "initiatives group by area select area, count() order by count() desc"),
        TutorialStep(title: "Exercise: who proposed what",
                     explanation: "Initiatives have `by`, the person who put them forward.",
                     example: nil,
                     exercise: Exercise(question: "How many initiatives did each leader put forward? One row per leader's name, with the count.",
                                        answer: "initiatives group by by.name",
                                        hints: ["group the initiatives by the name of the person in `by`", "group by by.name"])),
        TutorialStep(title: "Looking at the data: describe",
                     explanation: "`describe` lists a collection's fields, their kinds and example values.",
                     example: "describe documents"),
        TutorialStep(title: "Exercise: what is still to come",
                     explanation: "Documents have a `status`: signed, planned, …",
                     example: nil,
                     exercise: Exercise(question: "Which documents are planned? Show their titles.",
                                        answer: "documents where status = planned select title",
                                        hints: ["`describe documents` shows the statuses", "documents where status = planned, then select title"])),
        TutorialStep(title: "How a query runs: explain trace",
                     explanation: "`explain trace` runs a query and shows how many rows are left after each clause. `.whynot Armenia members where status = active` says why a record is left out.",
                     example: "explain trace members where status = active order by name limit 3"),
        TutorialStep(title: "The same question in SQL: explain sql",
                     explanation: "`explain sql` prints the one SQL statement that gives the same rows, for SQLite (`explain sql postgres …` for PostgreSQL). Text is compared by its `_fold` column, so `= active` ignores case as here; `cstoq --export sql | sqlite3 summit.db` makes the tables it reads. `.help sql` maps the two languages.",
                     example: "explain sql members where status = active select name, leader.name order by name"),
        TutorialStep(title: "Computing values",
                     explanation: "Wherever a field or a value stands, an expression can: `+ - * /` on numbers, `date + 7`, `date - date` in days. Name a computed column with `as`, and sort by it.",
                     example: "events select name, date, date - 2025-11-27 as days_after order by days_after"),
        TutorialStep(title: "Functions",
                     explanation: "`lower`, `upper`, `length`, `trim`, `year`, `month`, `day`, `abs`, `round`, `coalesce`: `.help functions` lists them, each with an example. `group by` takes an expression too: `events group by year(date)`.",
                     example: "members select name, length(name) as letters order by letters desc"),
        TutorialStep(title: "Exercise: how long until the next meeting",
                     explanation: "The next similar meeting is one of the events; the summit was on 2025-11-27.",
                     example: nil,
                     exercise: Exercise(question: "How many days after the summit (2025-11-27) is the next similar meeting? One row, one column named days.",
                                        answer: "events where name = \"Next similar meeting\" select date - 2025-11-27 as days",
                                        hints: ["keep the event whose name is \"Next similar meeting\"", "select date - 2025-11-27 as days"],
                                        namesColumns: true)),
        TutorialStep(title: "Keeping some groups: having",
                     explanation: "`having`, right after `group by`, keeps the groups whose totals pass a test; `where` tests records before they are grouped.",
                     example: "statements group by speaker.name having count() > 6"),
        TutorialStep(title: "What points here: back-references",
                     explanation: "`count(statements)` in people counts the statements whose speaker is the person (0 for none). Where several fields point here, name one: `count(appointments.incoming)`. `describe people` lists them.",
                     example: "people select name, count(statements) order by count(statements) desc"),
        TutorialStep(title: "Exercise: the talkative",
                     explanation: "Statements have a `speaker`; a group by or a back-reference both answer this.",
                     example: nil,
                     exercise: Exercise(question: "Who made more than five statements? One row per person, with the columns name and said (how many).",
                                        answer: "people where count(statements) > 5 select name, count(statements) as said",
                                        hints: ["`people where count(statements) > 5`, or group the statements by speaker.name and keep the groups `having count() > 5`",
                                                "select name, count(statements) as said"],
                                        namesColumns: true)),
        TutorialStep(title: "A query inside a query: in (…)",
                     explanation: "`in (query)` looks a value up in what another query gives: with no `select`, its records (a reference is among them); with one column selected, that column's values. `not in` keeps what is among none.",
                     example: "people where country in (members where status = active) select name, country"),
        TutorialStep(title: "Exercise: where the initiatives come from",
                     explanation: "Initiatives have a `by` (a person), and people a `country`.",
                     example: nil,
                     exercise: Exercise(question: "Which members is someone who put forward an initiative from? One column: name.",
                                        answer: "members where id in (initiatives select by.country.id) select name",
                                        hints: ["members where id in (initiatives select …): the member's id among the proposers' countries' ids",
                                                "select by.country.id inside, and name outside (a back-reference answers too: count(initiatives.by.country) > 0)"])),
        TutorialStep(title: "Where a fact comes from: .source",
                     explanation: "Every record cites the article's sentences. After any query, `.source` shows the sentences behind its rows. That is the end of the tutorial: `.help` lists everything else.",
                     example: "members where presidency is not null select name, presidency"),
    ]
}
