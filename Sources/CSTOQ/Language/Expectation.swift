/// What the parser would have accepted where the input ran out. The
/// completion engine asks the parser for these, so Tab offers exactly what
/// the grammar allows at the cursor.
public enum Expectation: Sendable, Equatable, Hashable {
    /// A collection name, or a word that starts a statement.
    case statementStart
    case collection
    case keyword(String)
    /// A field of the query's collection, after following `path` (empty: the collection's own fields).
    case field(collection: String, path: [String])
    /// A value of the field at `path` (for `status = ` ⇥).
    case value(collection: String, path: [String])
    /// A function name (`lower`, `count`, …) where an expression may start.
    case function
    /// The clauses of a query inside `in (…)`, when `word` (the one word in the
    /// parentheses so far) names a collection: `in (members ` ⇥ offers `where`….
    /// The parser knows no collections; the completer does.
    case subqueryClauses(after: String)
    /// Inside `count(`: a back-reference to `collection`, after `path` (`count(appointments.` ⇥).
    case backReference(collection: String, path: [String])
}
