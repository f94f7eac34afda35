/// Every message cstoq shows, in one place. Messages are lowercase, say what
/// was found and what was expected; suggestions go on the `help:` line.
public enum Message: Sendable, Equatable {
    // Reading a dataset
    case fileNotFound(path: String)
    case fileNotReadable(path: String, reason: String)
    case fileIsFolder(path: String)
    case fileEmpty(path: String)
    case fileTooLarge(path: String, limit: Int)
    case jsonSyntax(JSONProblem)
    case jsonInvalidUTF8
    case jsonNestingTooDeep(limit: Int)
    case datasetNotObject
    case datasetMissingKey(String, in: String)
    case datasetBadVersion(found: String)
    case datasetWrongJSONType(what: String, expected: String, found: JSONFound)
    case datasetBadFieldName(String)
    case datasetReservedField(String, collection: String)
    case datasetBadFieldType(field: String, declared: String)
    case datasetBadVocabulary(field: String, problem: String)
    case recordNotInVocabulary(field: String, collection: String, found: String, values: [String])
    case notInVocabulary(field: String, found: String, values: [String], op: String)
    case datasetListNestedTooDeep(field: String, limit: Int)
    case datasetUnknownRefTarget(field: String, target: String)
    case datasetDuplicateCollection(String)
    /// A key of the dataset or of a collection (`title`, `fields`, `records`, …) given twice.
    case datasetKeyRepeated(String, in: String)
    case datasetFieldsAfterRecords(collection: String)
    case recordMissingID(collection: String, index: Int)
    case recordBadID(collection: String)
    case recordDuplicateID(id: String, collection: String)
    /// Two ids that differ in bytes but are one id under `ValueComparison.fold`; `line` is the earlier one's.
    case recordIDsFoldEqual(id: String, earlier: String, line: Int, collection: String)
    case recordUndeclaredField(field: String, collection: String)
    case recordWrongType(field: String, collection: String, expected: FieldType, found: JSONFound)
    case recordBadDate(field: String, found: String)
    case recordBadSource(collection: String)
    case recordDanglingReference(field: String, collection: String, id: String, target: String)

    // Reading a data file (CSV, TSV, NDJSON, a JSON array, SQLite)
    case dataFileEmpty(path: String, kind: String)
    case importInvalidUTF8(byte: UInt8)
    case csvQuoteNotClosed
    case csvTextAfterQuote(found: String)
    case csvTooManyFields(found: Int, header: Int, delimiter: String)
    case importEmptyID(collection: String)
    case importDuplicateID(id: String, firstLine: Int, collection: String)
    case importNotObject(what: String, found: JSONFound)
    case importListOfObjects(field: String)
    case importListInList(field: String)
    case importNullInList(field: String)
    case importNestedTooDeep(field: String, limit: Int)
    case sqliteCannotOpen(path: String, reason: String)
    case sqliteFailed(table: String, reason: String)
    case sqliteNoTables(path: String)
    case importTwoDatasets(first: String, second: String)
    case importNoSuchCollection(String, setting: String)
    case importNoSuchField(field: String, collection: String, setting: String)
    case importFieldIsDeclared(field: String, collection: String)
    case importRefTargetIsRowNumbers(target: String)

    // A live database (PostgreSQL, a SQLite file in place)
    case liveFailed(database: String, reason: String)
    case liveTimeout(database: String, after: Duration)
    case liveCannotConnect(database: String, reason: String)
    case liveConnectionLost(database: String, reason: String)
    case liveNotHere(what: String)
    case liveSetting(setting: String, problem: String)
    case liveAlone

    // Reading a statement
    case unterminatedString
    case invalidCharacter(String)
    case invalidUTF8
    case nulByte
    case invalidNumber(String)
    case numberTooLarge(String)
    case invalidDate(String)
    case invalidEscape(String)
    case expected(String, after: String?, found: String)
    case unexpectedToken(found: FoundToken, expectedStatementEnd: Bool)
    case unbalancedParenthesis
    case unmatchedCloseParenthesis
    case nestingTooDeep(limit: Int)
    case tooManyTerms(limit: Int)
    case statementTooLong(limit: Int)
    case foreignSyntax(String)
    case unknownKeyword(String)
    /// `where status = active`: a clause keyword where the collection's name goes.
    case queryStartsWithClause(String)
    /// `show tables`, `list members`: another tool's command word.
    case notACommand(String)
    /// `.whynot Vladimir Putin people where …`: a record's name of several words, unquoted.
    case whyNotNameUnquoted(String)
    case clauseOutOfOrder(String, before: String)
    case missingParameter(String)

    // Checking a statement against the dataset
    case unknownCollection(String)
    case unknownField(String, collection: String)
    case notAReference(field: String, collection: String)
    case incomparable(field: String, fieldKind: String, op: String, valueKind: String)
    case operatorNeedsText(op: String, field: String, fieldKind: String)
    case aggregateWithoutGroup(String)
    case fieldNotGrouped(String)
    case unknownAggregate(String)
    case aggregateNeedsField(String)
    case aggregateNeedsNumber(function: String, field: String, kind: String)
    case aggregateNeedsOrder(function: String, field: String, kind: String)
    case negativeLimit(String)
    case limitTooLarge(String)
    case unknownOrderKey(String)
    case pathTooLong(limit: Int)
    case sqlUntranslatable(String)
    /// `a + b` on kinds arithmetic has no meaning for.
    case arithmeticKinds(op: String, left: String, leftKind: String, right: String, rightKind: String)
    /// `-x` on something that is not a number.
    case negateNeedsNumber(operand: String, kind: String)
    /// A function given a value of a kind it does not take.
    case functionArgumentKind(function: String, position: Int, argument: String, kind: String, expected: String)
    case functionArgumentCount(function: String, expected: String, found: Int)
    case aggregateInsideAggregate(String)
    case aggregateInCondition(String)
    case havingWithoutGroup
    case conditionAsValue
    /// Two sides of a comparison that can never be compared.
    case incomparableSides(left: String, leftKind: String, op: String, right: String, rightKind: String)
    /// `x in (query)` where the query gives several columns.
    case subqueryColumns(count: Int, names: String)
    /// `x in (query)` where the query's column (or records) never equals x's kind.
    case subqueryKind(left: String, leftKind: String, right: String, rightKind: String)

    // Running
    case cancelled
    /// Ctrl-C during `.load` (or `--data`): the dataset loaded before stays.
    case loadCancelled
    /// Integer arithmetic past 64 bits, with the values that overflowed.
    /// The computation as written with its operands' values: `9223372036854775807 + 1`, `abs(-9223372036854775808)`.
    case integerOverflow(String)
    case backReferenceNone(from: String, to: String)
    case backReferenceAmbiguous(from: String, to: String, ways: [String])
    case backReferenceNotHere(path: String, collection: String)
    case dateOutOfRange(op: String, left: String, right: String)
    case decimalOverflow(op: String, left: String, right: String)
    case unknownDotCommand(String)
    case ambiguousDotCommand(String, [String])
    case dotCommandUsage(String)
    case interactiveOnly(String)
    case scriptIncludesItself(String)
    case scriptTooDeep(limit: Int)
    case noLastResult
    case cannotWrite(path: String, reason: String)
    case chartNeedsNumbers
    case unknownHelpTopic(String)
    case unknownRecord(String, collection: String)
    case whyNotNeedsQuery
    case pathGivesTooManyValues(path: String, limit: Int)
    case sumTooLargeForInteger(field: String)
    case sumBeyondDecimal(field: String)

    public var text: String {
        switch self {
        case let .fileNotFound(path): "cannot open '\(path)': no such file"
        case let .fileNotReadable(path, reason): "cannot read '\(path)': \(reason)"
        case let .fileIsFolder(path): "cannot read '\(path)': it is a folder, not a file"
        case let .fileEmpty(path): "'\(path)' is empty: a dataset is a JSON object"
        case let .fileTooLarge(path, limit): "'\(path)' is larger than the \(limit / 1_048_576) MB limit"
        case let .jsonSyntax(problem): "malformed JSON: \(problem.text)"
        case .jsonInvalidUTF8: "malformed JSON: the text is not valid UTF-8"
        case let .jsonNestingTooDeep(limit): "malformed JSON: nested deeper than \(limit) levels"
        case .datasetNotObject: "a dataset must be a JSON object with 'cstoq', 'title' and 'collections'"
        case let .datasetMissingKey(key, container): "\(container) has no '\(key)'"
        case let .datasetBadVersion(found): "unsupported dataset format version \(found); this cstoq reads version 1"
        case let .datasetWrongJSONType(what, expected, found): "\(what) must be \(expected), found \(found.text)"
        case let .datasetBadFieldName(name): "'\(name)' is not a valid name: use lowercase letters, digits and _"
        case let .datasetReservedField(name, collection): "field '\(name)' of \(collection) is implicit and must not be declared"
        case let .datasetBadFieldType(field, declared): "field '\(field)' has unknown type '\(declared)'"
        case let .datasetBadVocabulary(field, problem): "the values of field '\(field)': \(problem)"
        case let .recordNotInVocabulary(field, collection, found, values):
            "field '\(field)' of \(collection) is one of \(values.joined(separator: ", ")); \"\(found)\" is none of them"
        case let .notInVocabulary(field, found, values, op):
            "\(field) is one of \(values.joined(separator: ", ")): '\(found)' is none of them, so "
                + (op == "=" ? "nothing can match" : "every \(field) that is set differs from it")
        case let .datasetListNestedTooDeep(field, limit): "the type of field '\(field)' nests 'list' deeper than \(limit) levels"
        case let .datasetUnknownRefTarget(field, target): "field '\(field)' refers to collection '\(target)', which does not exist"
        case let .datasetDuplicateCollection(name): "collection '\(name)' is defined twice"
        case let .datasetKeyRepeated(key, container): "key '\(key)' appears twice in \(container)"
        case let .datasetFieldsAfterRecords(collection): "collection '\(collection)' lists its records before its fields"
        case let .recordMissingID(collection, index): "record \(index + 1) of \(collection) has no 'id'"
        case let .recordBadID(collection): "an 'id' in \(collection) must be a non-empty string"
        case let .recordDuplicateID(id, collection): "duplicate id '\(id)' in \(collection)"
        case let .recordIDsFoldEqual(id, earlier, line, collection):
            // NFC and NFD spellings print alike: say that they differ in scalars only.
            "duplicate id '\(id)' in \(collection): the same id as '\(earlier)' on line \(line)"
                + (id == earlier ? ", written with other Unicode scalars" : "")
        case let .recordUndeclaredField(field, collection): "field '\(field)' is not declared in the fields of \(collection)"
        case let .recordWrongType(field, collection, expected, found):
            "field '\(field)' of \(collection) must be \(Message.value(of: expected)), found \(found.text)"
        case let .recordBadDate(field, found): "field '\(field)' must be a date written YYYY-MM-DD, found \"\(found)\""
        case let .recordBadSource(collection): "'source' in \(collection) must be a string or a list of strings"
        case let .recordDanglingReference(field, collection, id, target):
            "field '\(field)' of \(collection) refers to '\(id)', which is not an id in \(target)"

        case let .dataFileEmpty(path, kind): "'\(path)' is empty: \(kind)"
        case let .importInvalidUTF8(byte): "the file is not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) here starts no UTF-8 character"
        case .csvQuoteNotClosed: "the quoted field that starts here is never closed"
        case let .csvTextAfterQuote(found): "'\(found)' after the closing quote of a field"
        case let .csvTooManyFields(found, header, _): "this record has \(found) fields, the header \(header)"
        case let .importEmptyID(collection): "a record of \(collection) has an empty id"
        case let .importDuplicateID(id, firstLine, collection): "duplicate id '\(id)' in \(collection): line \(firstLine) has it already"
        case let .importNotObject(what, found): "\(what) must be a JSON object, found \(found.text)"
        case let .importListOfObjects(field): "field '\(field)' holds a list of objects"
        case let .importListInList(field): "field '\(field)' holds a list inside a list"
        case let .importNullInList(field): "field '\(field)' holds a list with a null in it"
        case let .importNestedTooDeep(field, limit): "field '\(field)' nests objects deeper than \(limit) levels"
        case let .sqliteCannotOpen(path, reason): "cannot read '\(path)' as a SQLite database: \(reason)"
        case let .sqliteFailed(table, reason): "cannot read table '\(table)': \(reason)"
        case let .sqliteNoTables(path): "'\(path)' holds no tables"
        case let .importTwoDatasets(first, second): "'\(second)' is a dataset in cstoq's format, and so is '\(first)': one such dataset can be loaded at a time"
        case let .importNoSuchCollection(name, setting): "\(setting) names collection '\(name)', which no file given brings"
        case let .importNoSuchField(field, collection, setting): "\(setting) names field '\(field)', which \(collection) does not have"
        case let .importFieldIsDeclared(field, collection): "the kind of \(collection).\(field) is declared by its dataset's 'fields'"
        case let .importRefTargetIsRowNumbers(target): "\(target) has no ids of its own (its records are numbered): a reference needs a column named id, or a primary key"
        case let .liveFailed(database, reason): "\(database) refused the query: \(reason)"
        case let .liveTimeout(database, after): "\(database) did not answer within \(Message.seconds(after)): the query was stopped"
        case let .liveCannotConnect(database, reason): "cannot connect to \(database): \(reason)"
        case let .liveConnectionLost(database, reason): "the connection to \(database) was lost: \(reason)"
        case let .liveNotHere(what): "\(what) needs the records in memory, and this dataset is a live database"
        case let .liveSetting(setting, problem): "\(setting): \(problem)"
        case .liveAlone: "a live database (PostgreSQL, a SQLite file in place) is queried on its own, not beside other files"

        case .unterminatedString: "unterminated string"
        case let .invalidCharacter(c): "unexpected character '\(c)'"
        case .invalidUTF8: "the statement is not valid UTF-8 text"
        case .nulByte: "unexpected NUL byte"
        case let .invalidNumber(s): "'\(s)' is not a number"
        case let .numberTooLarge(s): "the number \(s) is too large"
        case let .invalidDate(s): "'\(s)' is not a real date"
        case let .invalidEscape(s): "unknown escape '\(s)' in string"
        case let .expected(what, after, found):
            if let after { "expected \(what) after \(after), found \(found)" } else { "expected \(what), found \(found)" }
        case let .unexpectedToken(found, atEnd):
            atEnd ? "unexpected \(found.named) after the end of the statement" : "unexpected \(found.named)"
        case .unbalancedParenthesis: "unbalanced parenthesis: '(' is never closed"
        case .unmatchedCloseParenthesis: "unbalanced parenthesis: ')' has no matching '('"
        case let .nestingTooDeep(limit): "the statement is nested deeper than \(limit) levels"
        case let .tooManyTerms(limit): "the statement has more than \(limit) terms"
        case let .statementTooLong(limit): "the statement is longer than \(limit / 1_048_576) MB"
        case let .foreignSyntax(what): "\(what) is not cstoq syntax"
        case let .unknownKeyword(word): "unknown keyword '\(word)'"
        case let .queryStartsWithClause(word): "a query starts with a collection's name, not with '\(word)'"
        case let .whyNotNameUnquoted(name): "the record '\(name)' has a blank in it, so it goes in quotes"
        case let .notACommand(word): "'\(word)' is not a cstoq command: a query starts with a collection's name"
        case let .clauseOutOfOrder(clause, before): "'\(clause)' must come before '\(before)'"
        case let .missingParameter(name): "parameter '$\(name)' has no value"

        case let .unknownCollection(name): "unknown collection '\(name)'"
        case let .unknownField(name, collection): "unknown field '\(name)' in \(collection)"
        case let .notAReference(field, collection): "'\(field)' in \(collection) is not a reference, so it has no fields"
        case let .incomparable(field, fieldKind, op, valueKind):
            "cannot compare \(field) (\(fieldKind)) \(op) \(valueKind == "integer" ? "an" : "a") \(valueKind) value"
        case let .operatorNeedsText(op, field, kind): "'\(op)' works on text, but \(field) is \(kind)"
        case let .aggregateWithoutGroup(name): "\(name) mixes a total with single rows: it needs 'group by'"
        case let .fieldNotGrouped(name): "'\(name)' is neither grouped nor an aggregate"
        case let .unknownAggregate(name): "unknown function '\(name)'"
        case let .aggregateNeedsField(name): "\(name)() needs a field, as in \(name)(field)"
        case let .aggregateNeedsNumber(function, field, kind): "\(function)() works on numbers, but \(field) is \(kind)"
        case let .aggregateNeedsOrder(function, field, kind): "\(function)() needs values in an order, but \(field) is \(kind)"
        case let .negativeLimit(s): "limit and offset count rows: \(s) is not a row count"
        case let .limitTooLarge(s): "\(s) is too large for a row count"
        case let .unknownOrderKey(name): "cannot order by '\(name)': it is not a column of the result"
        case let .pathTooLong(limit): "the path has more than \(limit) segments"
        case let .sqlUntranslatable(what): "no SQL form for \(what) yet"
        case let .arithmeticKinds(op, left, leftKind, right, rightKind):
            "cannot compute \(left) \(op) \(right): \(left) is \(leftKind) and \(right) is \(rightKind)"
        case let .negateNeedsNumber(operand, kind): "cannot negate \(operand): it is \(kind), not a number"
        case let .functionArgumentKind(function, position, argument, kind, expected):
            "\(function)() takes \(expected) as its \(Message.ordinal(position)) argument, but \(argument) is \(kind)"
        case let .functionArgumentCount(function, expected, found):
            "\(function)() takes \(expected), not \(found)"
        case let .aggregateInsideAggregate(name): "\(name) is inside another total: a total of totals has no rows to count"
        case let .aggregateInCondition(name): "\(name) is a total of rows, and 'where' tests each row"
        case .havingWithoutGroup: "'having' tests groups, and this query has no 'group by'"
        case .conditionAsValue: "a condition in parentheses is not a value here"
        case let .incomparableSides(left, leftKind, op, right, rightKind):
            "cannot compare \(left) (\(leftKind)) \(op) \(right) (\(rightKind))"
        case let .subqueryColumns(count, names):
            "the query in 'in (…)' gives \(count) columns (\(names)); it must give one"
        case let .subqueryKind(left, leftKind, right, rightKind):
            "cannot look up \(left) (\(leftKind)) among \(right)" + (rightKind.isEmpty ? "" : " (\(rightKind))")

        case .cancelled: "query cancelled"
        case .loadCancelled: "load cancelled"
        case let .integerOverflow(computation): "\(computation) does not fit in 64 bits"
        case let .backReferenceNone(from, to): "no field of \(from) refers to \(to)"
        case let .backReferenceAmbiguous(from, to, ways):
            "\(from) refers to \(to) in \(ways.count) ways: " + ways.joined(separator: ", ")
        case let .backReferenceNotHere(path, collection): "\(path) does not lead to \(collection)"
        case let .dateOutOfRange(op, left, right): "\(left) \(op) \(right) is outside the calendar (0001-01-01 to 9999-12-31)"
        case let .decimalOverflow(op, left, right): "\(left) \(op) \(right) is beyond the largest decimal"
        case let .pathGivesTooManyValues(path, limit): "'\(path)' gives more than \(limit) values for one record"
        case let .sumTooLargeForInteger(field): "the sum of \(field) does not fit in 64 bits"
        case let .sumBeyondDecimal(field): "the sum of \(field) is beyond the largest decimal"
        case let .unknownDotCommand(name): "unknown command '.\(name)'"
        case let .ambiguousDotCommand(name, options): "'.\(name)' could be " + options.map { ".\($0)" }.joined(separator: ", ")
        case let .dotCommandUsage(usage): "usage: \(usage)"
        case let .interactiveOnly(name): "'.\(name)' works only in the interactive session"
        case let .scriptIncludesItself(path): "'\(path)' runs itself (through .run): stopped"
        case let .scriptTooDeep(limit): ".run is nested deeper than \(limit) scripts"
        case .noLastResult: "there is no result yet: run a query first"
        case let .cannotWrite(path, reason): "cannot write '\(path)': \(reason)"
        case .chartNeedsNumbers: "a chart needs a column of numbers and a column of labels"
        case let .unknownHelpTopic(topic): "no help on '\(topic)'"
        case let .unknownRecord(name, collection): "no record '\(name)' in \(collection)"
        case .whyNotNeedsQuery: "usage: .whynot RECORD QUERY, as in .whynot Armenia members where status = active"
        }
    }

    /// A value of a field's type, as a dataset must write it: "a whole number", "a list of dates".
    static func value(of type: FieldType) -> String {
        switch type {
        case .text: "a string"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .boolean: "true or false"
        case .date: "a date string \"YYYY-MM-DD\""
        case let .reference(target): "the id of a record in \(target) (a string)"
        case let .list(inner): "a list of \(values(of: inner))"
        }
    }

    /// The same, for several values (the elements of a list).
    static func values(of type: FieldType) -> String {
        switch type {
        case .text: "strings"
        case .integer: "whole numbers"
        case .decimal: "numbers"
        case .boolean: "true or false values"
        case .date: "date strings \"YYYY-MM-DD\""
        case let .reference(target): "ids of records in \(target) (strings)"
        case let .list(inner): "lists of \(values(of: inner))"
        }
    }

    /// Help that is always the same for a message (most help depends on context).
    public var defaultHelp: String? {
        switch self {
        case .unterminatedString: "close the string with the quote it starts with"
        case .unbalancedParenthesis: "add ')' to close it"
        case .unmatchedCloseParenthesis: "remove it, or add the '(' it closes"
        case .negativeLimit: "use a whole number of 0 or more"
        case .limitTooLarge: "use a number below 2^63"
        case .importInvalidUTF8: "cstoq reads UTF-8 only; convert the file first, e.g. iconv -f LATIN1 -t UTF-8 FILE > FILE-utf8.csv (iconv -l lists the encodings)"
        case .csvQuoteNotClosed: "add the closing \" (a quote inside a quoted field is written twice: \"\")"
        case .csvTextAfterQuote: "a quote inside a quoted field is written twice (\"\"); a field that is not all quoted starts with no quote"
        case let .csvTooManyFields(_, _, delimiter): "quote a field that holds the delimiter (\(delimiter)), or add a name for the extra field to the header"
        case .importEmptyID, .importDuplicateID: "a column named id gives each record its id, so its values must be there and differ; if they are not ids, rename that column in the header"
        case .importListOfObjects: "cstoq reads lists of plain values; put those objects in a file of their own, with a field naming the record they belong to, and link it with --ref"
        case .importListInList: "cstoq reads lists of plain values; flatten the inner lists first, e.g. with jq"
        case .importNullInList: "list elements are never null in cstoq; remove the nulls, e.g. with jq 'del(..|nulls)'"
        case .importTwoDatasets: "load the other files beside one of them"
        case .importFieldIsDeclared: ".kind and --kind set kinds of fields read from CSV, TSV, NDJSON, JSON arrays and SQLite files"
        case .datasetFieldsAfterRecords: "put \"fields\" before \"records\" in that collection"
        case .recordIDsFoldEqual: "ids are compared as '=' compares text (case ignored, accents composed, a no-break space as a space): give each record an id of its own"
        case .nulByte, .invalidUTF8: "type the statement as plain text"
        case .chartNeedsNumbers: "group the rows and count them, as in: initiatives group by area (then .format chart)"
        case .noLastResult: "try: members"
        case .integerOverflow: "whole numbers go from -9223372036854775808 to 9223372036854775807; to compute with decimals, multiply one operand by 1.0"
        case .dateOutOfRange: "dates go from 0001-01-01 to 9999-12-31"
        case .decimalOverflow: "decimals go up to about 1.8e308"
        case .pathGivesTooManyValues: "through lists of references every way along the path is a value; a condition on the path (where …) looks at each record once"
        default: nil
        }
    }
}

/// What the parser found where it wanted something else, in the two ways
/// messages say it: "expected X, found the number 2" and "unexpected number 2".
public enum FoundToken: Sendable, Equatable {
    case word(String)
    case string(String)
    case number(String)
    case date(String)
    case parameter(String)
    case endOfInput
    /// Any other token, by its spelling ("'('", "a dot-command").
    case symbol(String)

    /// After "found": "the number 2", "'wher'".
    public var text: String {
        switch self {
        case .word, .symbol: named
        default: "the " + named
        }
    }

    /// After "unexpected": "number 2", "end of the input".
    public var named: String {
        switch self {
        case let .word(w): "'\(w)'"
        case let .string(s): "string \(s)"
        case let .number(n): "number \(n)"
        case let .date(d): "date \(d)"
        case let .parameter(p): "parameter \(p)"
        case .endOfInput: "end of the input"
        case let .symbol(spelling): spelling
        }
    }
}

/// The `help:` lines that several places give (suggestions by name), worded
/// once here like the messages. Help that only one rule gives is written there.
public enum Hint: Sendable, Equatable {
    case didYouMean(String)
    case didYouMeanCommand(String)
    case didYouMeanHelpTopic(String)
    case helpTopics([String])
    case listCommands
    case typeMoreOfTheName
    case nameRecordByIDOrName
    case clausesThatCanFollow([String])
    case aggregateFunctions

    public var text: String {
        switch self {
        case let .didYouMean(name): "did you mean '\(name)'?"
        case let .didYouMeanCommand(name): "did you mean '.\(name)'?"
        case let .didYouMeanHelpTopic(topic): "did you mean '.help \(topic)'?"
        case let .helpTopics(topics): "the topics are: " + topics.joined(separator: ", ")
        case .listCommands: "type .help for the list of commands"
        case .typeMoreOfTheName: "type more of the name"
        case .nameRecordByIDOrName: "name it by its id or its name"
        case let .clausesThatCanFollow(clauses): "here a query can go on with: " + clauses.joined(separator: ", ")
        case .aggregateFunctions: "the functions are " + FunctionCatalog.names.map { $0 + "()" }.joined(separator: ", ") + " (.help functions)"
        }
    }
}

extension Message {
    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: "first"
        case 2: "second"
        case 3: "third"
        default: "\(n)th"
        }
    }
}

extension Message {
    /// `5 s`, `0.5 s`: a timeout as `.set timeout` takes it.
    static func seconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        let value = Double(s) + Double(atto) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
