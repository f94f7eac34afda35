/// The history file, version 1:
///
///     #cstoq-history 1
///     select name from leaders
///     select name\n  from leaders\nwhere note = 'C:\\temp'
///
/// UTF-8, one entry per line. Inside an entry a backslash is written `\\`, a
/// line feed `\n` and a carriage return `\r`, so a multi-line statement is
/// still exactly one line and the file can be read line by line.
///
/// Reading is forgiving: a line that does not decode (an unknown escape, a
/// lone trailing backslash, invalid UTF-8) or is empty is skipped, so one
/// damaged line never costs the others. An empty file is an empty history.
/// Any other first line means the file is not ours (or is a newer version),
/// and the caller must leave it alone.
enum HistoryFileFormat {
    static let header = "#cstoq-history 1"

    enum Decoded: Equatable {
        case entries([String])
        /// The first line, for the warning.
        case foreign(firstLine: String)
    }

    static func encode(_ entries: [String]) -> [UInt8] {
        var bytes = Array(header.utf8)
        bytes.append(newline)
        for entry in entries {
            bytes += encodeLine(entry)
            bytes.append(newline)
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        if bytes.isEmpty { return .entries([]) }
        let lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
        let first = lines[0]
        guard first.elementsEqual(header.utf8) else {
            return .foreign(firstLine: String(decoding: first.prefix(60), as: UTF8.self))
        }
        return .entries(lines.dropFirst().compactMap(decodeLine))
    }

    static func encodeLine(_ entry: String) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(entry.utf8.count)
        for byte in entry.utf8 {
            switch byte {
            case backslash: line += [backslash, backslash]
            case newline: line += [backslash, UInt8(ascii: "n")]
            case carriageReturn: line += [backslash, UInt8(ascii: "r")]
            default: line.append(byte)
            }
        }
        return line
    }

    /// The entry a line holds, or nil if the line is empty or damaged.
    static func decodeLine(_ line: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count)
        var escaped = false
        for byte in line {
            if escaped {
                switch byte {
                case backslash: bytes.append(backslash)
                case UInt8(ascii: "n"): bytes.append(newline)
                case UInt8(ascii: "r"): bytes.append(carriageReturn)
                default: return nil
                }
                escaped = false
            } else if byte == backslash {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        guard !escaped, !bytes.isEmpty else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let backslash = UInt8(ascii: "\\")
}
