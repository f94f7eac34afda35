/// What is wrong with a dataset's JSON text, for `Message.jsonSyntax`: one
/// case per problem the reader finds, with its wording here in the catalog.
public enum JSONProblem: Sendable, Equatable {
    case expected(JSONExpected, found: JSONFound)
    case endInsideObject
    case endInsideList
    case endExpectingValue
    case unterminatedString
    case stringRunsToEndOfLine
    case controlCharacterInString
    case badEscape
    case badUnicodeEscape
    case unpairedSurrogate
    case unknownEscape(Character)
    case malformedNumber
    case leadingZero
    case numberOutOfRange
    case afterTheEnd(found: JSONFound)
    // Structure the loader reads as JSON keys: a key it doesn't know, or one given twice.
    case unknownDatasetKey(String)
    case unknownCollectionKey(String, collection: String)
    case fieldDeclaredTwice(field: String, collection: String)
    case fieldRepeatedInRecord(field: String, record: Int, collection: String)

    public var text: String {
        switch self {
        case let .expected(what, found): "expected \(what.text), found \(found.text)"
        case .endInsideObject: "unexpected end of file inside an object"
        case .endInsideList: "unexpected end of file inside a list"
        case .endExpectingValue: "unexpected end of file, expected a value"
        case .unterminatedString: "unterminated string"
        case .stringRunsToEndOfLine: "unterminated string: it runs to the end of the line"
        case .controlCharacterInString: "control character inside a string (escape it as \\u00XX)"
        case .badEscape: "bad escape in string"
        case .badUnicodeEscape: "bad \\u escape in string"
        case .unpairedSurrogate: "unpaired surrogate in \\u escape"
        case let .unknownEscape(c): "bad escape '\\\(c)' in string"
        case .malformedNumber: "malformed number"
        case .leadingZero: "numbers must not start with 0"
        case .numberOutOfRange: "number out of range"
        case let .afterTheEnd(found): "unexpected \(found.text) after the end of the dataset"
        case let .unknownDatasetKey(key): "unknown key '\(key)' in the dataset (expected cstoq, title, article, note, collections)"
        case let .unknownCollectionKey(key, collection): "unknown key '\(key)' in collection '\(collection)' (expected fields, records)"
        case let .fieldDeclaredTwice(field, collection): "field '\(field)' of \(collection) is declared twice"
        case let .fieldRepeatedInRecord(field, record, collection): "field '\(field)' appears twice in record \(record) of \(collection)"
        }
    }
}

/// What the JSON reader wanted next.
public enum JSONExpected: Sendable, Equatable {
    case openBrace, openBracket, colonAfterKey, string, quotedKey, commaOrCloseBrace, commaOrCloseBracket, value

    public var text: String {
        switch self {
        case .openBrace: "'{'"
        case .openBracket: "'['"
        case .colonAfterKey: "':' after the key"
        case .string: "a string"
        case .quotedKey: "a key in double quotes"
        case .commaOrCloseBrace: "',' or '}' in an object"
        case .commaOrCloseBracket: "',' or ']' in a list"
        case .value: "a value"
        }
    }
}

/// What the JSON reader found instead, in words: "expected X, found Y".
public enum JSONFound: Sendable, Equatable {
    case object, list, string, number, boolean, null, end
    case character(Character)
    /// A number with a fraction where a whole number was wanted.
    case decimalNumber

    public var text: String {
        switch self {
        case .object: "an object"
        case .list: "a list"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "true or false"
        case .null: "null"
        case .end: "the end of the file"
        case let .character(c): "'\(c)'"
        case .decimalNumber: "a decimal number"
        }
    }
}
