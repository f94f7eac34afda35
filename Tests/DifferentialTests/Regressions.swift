/// Queries on which cstoq and an engine once disagreed, kept once fixed:
/// each runs in every differential test, on the generated dataset.
enum Regressions {
    static let queries: [String] = [
        // cstoq sorted "A" + U+0308 (Ä, decomposed) as if it were A: the ASCII fast path ignored a combining mark.
        "items order by title asc",
        "items select title, id order by title desc limit 12",
        // SQLite wrote a list of booleans as ["true", "false"] (a json() value loses its JSON-ness through a subquery).
        "people select favorite.related.price, boss.favorite.owner, friends.boss.active",
        "items where owner.favorite.checks order by title desc, place desc limit 4",
        // A total of only min and max: SQLite refused ORDER BY min(); no rows at all must still give one row.
        "items where owner.favorite.weights != 0.00001 select max(owner.boss.name)",
        "items where qty > 1000 select max(title), min(day)",
        // cstoq's distinct merged two references to records of the same name; group by never did.
        "items select distinct owner.boss.favorite offset 1",
        "items select distinct related, owner",
        // An integer column compared with a decimal kept its null rows (the column scan compared their placeholder).
        "count items where qty <> -1.25",
        "items where qty < 18.5 select qty, title",
        // A group whose key shows as empty text is a row of its own (psql writes it as an empty line).
        "people group by boss.boss.name select boss.boss.name limit 6",
    ]
}
