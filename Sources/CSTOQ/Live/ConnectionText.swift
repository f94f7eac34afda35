/// Connection strings as text: telling one from a file name, naming the
/// database without its password, and taking passwords out of what is
/// kept or shown (history, messages). libpq reads the string itself; this
/// only has to find the password in it, in either of libpq's two forms:
/// `postgres://user:PASSWORD@host/db` and `… password=PASSWORD …`.
public enum ConnectionText {
    public static func isConnectionString(_ s: String) -> Bool {
        let t = s.drop { $0 == " " }
        if t.hasPrefix("postgres://") || t.hasPrefix("postgresql://") { return true }
        // libpq's keyword form: `host=… dbname=…` (a file name rarely starts with a keyword and `=`).
        let keywords = ["host", "hostaddr", "port", "dbname", "user", "service", "password", "sslmode"]
        return keywords.contains { t.hasPrefix($0 + "=") }
    }

    /// The string with every password replaced by `***`.
    public static func redacted(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        // URLs: the text between `://user:` and `@`.
        while let scheme = rest.firstRange(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[...colon] + "***" + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        out += rest
        // The keyword form and URL parameters: `password=…` up to a blank or `&` (or a quoted value).
        var result = ""
        var text = Substring(out)
        while let r = text.firstRange(of: "password=") {
            result += text[..<r.upperBound] + "***"
            text = text[r.upperBound...]
            if text.first == "'" {
                var i = text.index(after: text.startIndex)
                while i < text.endIndex, text[i] != "'" {
                    if text[i] == "\\" { i = text.index(after: i); if i == text.endIndex { break } }
                    i = text.index(after: i)
                }
                text = i < text.endIndex ? text[text.index(after: i)...] : text[text.endIndex...]
            } else {
                text = text.drop { $0 != " " && $0 != "&" && $0 != "\t" }
            }
        }
        return result + text
    }

    /// The passwords a connection string holds (to take them out of a server's message too).
    static func passwords(in s: String) -> [String] {
        let shown = redacted(s)
        guard shown != s else { return [] }
        // Compare the two texts: what `***` stands for at each place.
        var found: [String] = []
        var a = Substring(s), b = Substring(shown)
        while let star = b.firstRange(of: "***") {
            let before = b[..<star.lowerBound]
            guard a.hasPrefix(before) else { break }
            a = a.dropFirst(before.count)
            b = b[star.upperBound...]
            let next = b.first
            let secret = a.prefix { $0 != next }
            if !secret.isEmpty { found.append(String(secret.hasPrefix("'") ? secret.dropFirst() : secret)) }
            a = a.dropFirst(secret.count)
        }
        return found
    }

    /// A message with any password of `conninfo` in it replaced.
    public static func redacting(_ message: String, in conninfo: String) -> String {
        var m = message
        for p in passwords(in: conninfo) where p.count >= 1 {
            m = m.replacingAll(p, with: "***")
        }
        return m
    }

    /// The name messages use before a connection is made: the string without its password.
    public static func displayName(_ conninfo: String) -> String {
        redacted(Substring(conninfo).trimmingBlanks())
    }

    /// The name of a connected database: `postgres://user@host:port/db`
    /// (a socket folder as the host is written in brackets).
    public static func url(user: String, host: String, port: String, database: String) -> String {
        let h = host.hasPrefix("/") ? "[\(host)]" : host
        return "postgres://\(user)@\(h)\(port.isEmpty ? "" : ":" + port)/\(database)"
    }

    public static func firstLine(_ s: String) -> String {
        var lines = s.split(separator: "\n").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        // libpq starts with `connection to server at …, port N failed:` and puts the reason after it.
        if lines.count > 1, lines[0].hasSuffix("failed:") { lines[0] += " " + lines.remove(at: 1) }
        return lines.first ?? ""
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
