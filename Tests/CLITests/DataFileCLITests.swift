import Foundation
import Testing

/// Data files from the command line: `--data` (repeatable), a data file
/// given like a script, `--kind`, `--ref`, `.load` in a script, and the
/// exit statuses of their mistakes.
@Suite struct DataFileCLITests {
    typealias R = BinaryRunner

    static func folder(_ files: [String: String]) throws -> URL {
        let dir = try R.temporaryFolder()
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    static let items = "name,city,score\nPen,bishkek,3\nInk,osh,n/a\nCup,bishkek,5\n"
    static let cities = "id,name,country\nbishkek,Bishkek,KG\nosh,Osh,KG\nmoscow,Moscow,RU\n"

    @Test func aDataFileGivenLikeAScriptIsLoadedAndFilesLoadSideBySide() throws {
        let dir = try Self.folder(["items.csv": Self.items, "cities.csv": Self.cities])
        let one = try R.run(["items.csv", "--format", "csv", "-e", "count items"], in: dir)
        #expect(one.status == 0 && one.out == "count\r\n3\r\n", "\(one.err)")
        let both = try R.run(["--data", "items.csv", "--data", "cities.csv", "--ref", "items.city=cities", "--format", "csv",
                              "-e", "items where city.country = KG and score != \"n/a\" select name, city.name order by name"], in: dir)
        #expect(both.status == 0, "\(both.err)")
        #expect(both.out == "name,city.name\r\nCup,Bishkek\r\nPen,Bishkek\r\n")
        // A batch run prints results only; --check prints the summary with its notes.
        let check = try R.run(["items.csv", "cities.csv", "--check"], in: dir)
        #expect(check.status == 0)
        #expect(check.out.contains("loaded items.csv: 3 records, 3 fields (name text, city text, score text)"))
        #expect(check.out.contains("note: score is text, not integer, because of \"n/a\" (line 3)"))
        #expect(check.out.contains("note: items.city holds ids of cities: --ref items.city=cities"))
    }

    @Test func aKindSetByHandAndABrokenFileFromTheCommandLine() throws {
        let dir = try Self.folder(["items.csv": Self.items, "bad.csv": "a,b\n1,\"open\n"])
        let kind = try R.run(["items.csv", "--kind", "items.score=integer", "--format", "csv", "-e", "items select score"], in: dir)
        #expect(kind.status == 0 && kind.out == "score\r\n3\r\n\r\n5\r\n", "\(kind.out)\(kind.err)")
        let bad = try R.run(["bad.csv", "-e", "bad"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("bad.csv:2:3: error: the quoted field that starts here is never closed\nhelp: add the closing \""))
        // Settings written wrong are bad usage (2), and say what to write.
        let wrong = try R.run(["items.csv", "--kind", "items.score=number", "-e", "items"], in: dir)
        #expect(wrong.status == 2 && wrong.err.contains("unknown kind 'number'") && wrong.err.contains("text, integer, decimal, boolean or date"))
        let noFile = try R.run(["--ref", "items.city=cities", "-e", "members"], in: dir)
        #expect(noFile.status == 2 && noFile.err.contains("give the files with --data"))
        let noField = try R.run(["items.csv", "--ref", "items.town=cities", "-e", "items"], in: dir)
        #expect(noField.status == 1 && noField.err.contains("--ref names field 'town', which items does not have"))
    }

    @Test func loadInAScriptTakesFilesAndSettingsAndReloadsWithSettingsAlone() throws {
        let dir = try Self.folder(["items.csv": Self.items, "cities.csv": Self.cities,
                                   "s.cstoq": ".load items.csv cities.csv\ncount items\n.load --ref items.city=cities\nitems where city.name = Osh select name\n.load --bogus x\n"])
        let r = try R.run(["--keep-going", "s.cstoq"], in: dir)
        #expect(r.status == 1)
        #expect(r.out.contains("loaded items.csv: 3 records"))
        #expect(r.out.contains("│ Ink  │"))
        #expect(r.err.contains("unknown option '--bogus'"))
    }
}
