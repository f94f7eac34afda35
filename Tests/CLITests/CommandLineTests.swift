import Foundation
import Testing

/// The binary end to end: options, exit statuses, stdin, scripts, formats.
@Suite struct CommandLineTests {
    typealias R = BinaryRunner

    @Test func versionAndHelp() throws {
        let v = try R.run(["--version"])
        #expect(v.status == 0)
        #expect(v.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let h = try R.run(["--help"])
        #expect(h.status == 0)
        #expect(h.out.contains("EXAMPLES:"))
        #expect(h.out.contains("--format"))
        #expect(h.out.contains("cstoq -e 'members where status = active"))
    }

    @Test func checkPrintsOneLinePerCollection() throws {
        let r = try R.run(["--check"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 12)  // the title, then eleven collections
        #expect(lines.contains { $0.hasPrefix("members") && $0.contains("6 records") && $0.contains("status") })
        #expect(lines.contains { $0.hasPrefix("appointments") && $0.contains("1 record ") })
    }

    @Test func checkReportsABadDatasetOnOneLine() throws {
        let dir = try R.temporaryFolder()
        let bad = dir.appendingPathComponent("bad.json")
        try "{\"cstoq\": 1, \"title\": \"t\", \"collections\": {\"a\": {\"fields\": {\"x\": \"ref b\"}, \"records\": []}}}"
            .write(to: bad, atomically: true, encoding: .utf8)
        let r = try R.run(["--data", bad.path, "--check"])
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err == "\(bad.path):1:66: error: field 'x' refers to collection 'b', which does not exist\n")
        let missing = try R.run(["--data", "/nonexistent/x.json", "--check"])
        #expect(missing.status == 1)
        #expect(missing.err == "/nonexistent/x.json: error: cannot open '/nonexistent/x.json': no such file\n")
    }

    /// `--check` enforces a closed vocabulary: a stray value is one line with its place.
    @Test func checkRefusesAValueOutsideItsVocabulary() throws {
        let dir = try R.temporaryFolder()
        let file = dir.appendingPathComponent("v.json")
        let text = #"{"cstoq": 1, "title": "t", "collections": {"a": {"fields": {"status": "one of active, frozen"}, "records": [{"id": "x", "status": "Frozen"}, {"id": "y", "status": "frozn"}]}}}"#
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try R.run(["--data", file.path, "--check"])
        #expect(r.status == 1)
        #expect(r.err == "\(file.path):1:164: error: field 'status' of a is one of active, frozen; \"frozn\" is none of them\n", "\(r.err)")
        try text.replacingOccurrences(of: "frozn", with: "active").write(to: file, atomically: true, encoding: .utf8)
        #expect(try R.run(["--data", file.path, "--check"]).status == 0)
    }

    @Test func oneShotQueryPrintsATable() throws {
        let r = try R.run(["-e", "members where status = active select name order by name"])
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        #expect(r.out == """
        ┌────────────┐
        │ name       │
        ├────────────┤
        │ Belarus    │
        │ Kazakhstan │
        │ Kyrgyzstan │
        │ Russia     │
        │ Tajikistan │
        └────────────┘
        (5 rows)

        """)
    }

    @Test func repeatedQueriesRunInOrder() throws {
        let r = try R.run(["-e", "count members", "-e", "count people"])
        #expect(r.status == 0)
        #expect(r.out.contains("│     6 │"))
        #expect(r.out.contains("│     7 │"))
        #expect(r.out.range(of: "6")!.lowerBound < r.out.range(of: "7")!.lowerBound)
    }

    @Test func aQueryErrorExitsOneWithADiagnostic() throws {
        let r = try R.run(["-e", "members where stauts = active"])
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err == """
        <input>:1:15: error: unknown field 'stauts' in members
          |
        1 | members where stauts = active
          |               ^^^^^^
        help: did you mean 'status'?

        """)
    }

    @Test(arguments: [["--format", "xml", "-e", "members"], ["--frobnicate"], ["--set", "novalue", "-e", "members"]])
    func badUsageExitsTwo(_ args: [String]) throws {
        let r = try R.run(args)
        #expect(r.status == 2)
        #expect(r.err.contains("Error:") || r.err.contains("error:"))
        #expect(r.out.isEmpty)
    }

    @Test func readsStatementsFromStdin() throws {
        let r = try R.run([], stdin: "count people\n-- a comment\ncount members where status = frozen;\n")
        #expect(r.status == 0)
        #expect(r.out.contains("│     7 │"))
        #expect(r.out.contains("│     1 │"))
        #expect(!r.out.contains("cstoq>"))  // no prompt, no welcome in a pipe
        #expect(!r.out.contains("\u{1B}["))  // no escape codes
    }

    @Test func scriptsReportFileLineColumnAndStop() throws {
        let dir = try R.temporaryFolder()
        let script = dir.appendingPathComponent("s.cstoq")
        try "count members\n\nmembers\n  where staus = active\ncount people\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try R.run([script.path])
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("\(script.path):4:9: error: unknown field 'staus' in members"))
        #expect(r.err.contains("4 |   where staus = active"))
        #expect(!r.out.contains("│     7 │"))  // stopped before the last statement
        let k = try R.run(["--keep-going", script.path])
        #expect(k.status == 1)
        #expect(k.out.contains("│     7 │"))  // went on
    }

    @Test func echoPrintsEachStatementAsWritten() throws {
        let r = try R.run(["--echo", "-e", "count members\ncount   people"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("cstoq> count members\n"))
        #expect(r.out.contains("cstoq> count   people\n"))
    }

    @Test func parametersFillDollarNames() throws {
        let dir = try R.temporaryFolder()
        let script = dir.appendingPathComponent("report.cstoq")
        try "people where country.name = $country select name\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try R.run([script.path, "--set", "country=Russia"])
        #expect(r.status == 0)
        #expect(r.out.contains("Vladimir Putin"))
        let missing = try R.run([script.path])
        #expect(missing.status == 1)
        #expect(missing.err.contains("error: parameter '$country' has no value"))
        #expect(missing.err.contains("help: give it a value: .set country VALUE, or --set country=… on the command line"))
    }

    @Test func formats() throws {
        let json = try R.run(["--format", "json", "-e", "events where status = planned select name, date, city"])
        #expect(json.out == "[\n  {\"name\": \"Next similar meeting\", \"date\": \"2026-11-11\", \"city\": \"Moscow\"}\n]\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["city"] as? String == "Moscow")
        let csv = try R.run(["--format", "csv", "-e", "members where status = frozen select name, attended, leader"])
        #expect(csv.out == "name,attended,leader\r\nArmenia,false,\r\n")
        let md = try R.run(["--format", "markdown", "-e", "count members"])
        #expect(md.out == "| count |\n| ---: |\n| 6 |\n")
        let chart = try R.run(["--format", "chart", "-e", "initiatives group by by.name order by by.name"])
        #expect(chart.out.contains("Emomali Rahmon  "))
        #expect(chart.out.contains("█"))
    }

    @Test func closedPipeEndsQuietly() throws {
        let r = Process()
        r.executableURL = URL(fileURLWithPath: "/bin/bash")
        r.arguments = ["-c", "'\(R.binary)' --format json -e 'statements' -e 'statements' -e 'statements' | head -c 10 >/dev/null; echo \"${PIPESTATUS[0]}\""]
        let out = Pipe(), err = Pipe()
        r.standardOutput = out
        r.standardError = err
        try r.run()
        r.waitUntilExit()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.isEmpty)
        #expect(["0", "141"].contains(status))
    }

    @Test func shebangScriptRunsWhenExecutable() throws {
        let dir = try R.temporaryFolder()
        let script = dir.appendingPathComponent("lesson.cstoq")
        try "#!/usr/bin/env cstoq\ncount members where attended = true\n".write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let p = Process()
        p.executableURL = script
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = URL(fileURLWithPath: R.binary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("│     5 │"))
    }

    @Test func runIncludesRelativeToTheScriptAndStopsSelfInclusion() throws {
        let dir = try R.temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try ".run lib/inner.cstoq\n".write(to: dir.appendingPathComponent("outer.cstoq"), atomically: true, encoding: .utf8)
        try "count exercises\n".write(to: dir.appendingPathComponent("lib/inner.cstoq"), atomically: true, encoding: .utf8)
        let r = try R.run([dir.appendingPathComponent("outer.cstoq").path])
        #expect(r.status == 0)
        #expect(r.out.contains("│     3 │"))
        try ".run b.cstoq\n".write(to: dir.appendingPathComponent("a.cstoq"), atomically: true, encoding: .utf8)
        try "count members\n.run a.cstoq\n".write(to: dir.appendingPathComponent("b.cstoq"), atomically: true, encoding: .utf8)
        let loop = try R.run([dir.appendingPathComponent("a.cstoq").path])
        #expect(loop.status == 1)
        #expect(loop.err.contains("runs itself (through .run): stopped"))
    }
}
