import Foundation
import Testing

/// The committed man page is generated from the command definition
/// (`./dev.sh manual`); it must still describe every option `--help` lists.
@Suite struct ManPageTests {
    @Test func manPageCoversEveryOption() throws {
        let page = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("Sources/cstoq/cstoq.1"), encoding: .utf8)
        #expect(page.contains(".Nm cstoq"))
        let help = try BinaryRunner.run(["--help"]).out
        let options = Set(help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," })
            .filter { $0.hasPrefix("--") && $0.count > 2 }
            .map { String($0.prefix { $0 != "=" && $0 != "<" }) })
        #expect(options.count >= 8)
        for option in options {
            // mdoc writes --data as "Fl -data".
            #expect(page.contains("Fl -" + option.dropFirst(2)), "the man page lacks \(option): run ./dev.sh manual")
        }
        #expect(page.contains("EXAMPLES:"))
    }
}
