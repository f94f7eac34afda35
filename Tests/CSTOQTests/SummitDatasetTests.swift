import Foundation
import Testing
@testable import CSTOQ

/// The built-in dataset tells what the article tells: facts checked one by
/// one, and every record traced to a sentence of the article, verbatim.
@Suite struct SummitDatasetTests {
    let data = TestSupport.dataset

    @Test func hasTheCollectionsTheIssueNames() {
        let names = data.collections.map(\.name)
        for required in ["members", "people", "events", "statements", "initiatives", "exercises", "documents", "appointments"] {
            #expect(names.contains(required), "missing collection \(required)")
        }
    }

    @Test func sixMembersFiveActiveArmeniaFrozen() throws {
        #expect(try TestSupport.query("members").rows.count == 6)
        #expect(try TestSupport.firstColumn("members where status = active select name order by name")
                == ["Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"])
        #expect(try TestSupport.firstColumn("members where status = frozen select name") == ["Armenia"])
        #expect(try TestSupport.firstColumn("members where leader is null select name") == ["Armenia"])
    }

    @Test func fivePresidentsAttended() throws {
        let names = try TestSupport.firstColumn("members where attended = true select leader.name order by leader.name")
        #expect(names == ["Alexander Lukashenko", "Emomali Rahmon", "Kassym-Jomart Tokayev", "Sadyr Japarov", "Vladimir Putin"])
        #expect(try TestSupport.firstColumn("people where role = president select name").count == 5)
    }

    @Test func presidencyGoesFromKyrgyzstanToRussia() throws {
        #expect(try TestSupport.firstColumn("members where presidency = current select name") == ["Kyrgyzstan"])
        #expect(try TestSupport.firstColumn("members where presidency = next select name") == ["Russia"])
    }

    @Test func theNextMeetingIsInMoscowOn11November2026() throws {
        let r = try TestSupport.query("events where status = planned select date, city")
        #expect(r.rows == [[.date(CalendarDate(year: 2026, month: 11, day: 11)!), .text("Moscow")]])
        let held = try TestSupport.query("events where status = held select date, city")
        #expect(held.rows.count == 2)
        #expect(held.rows.allSatisfy { $0 == [.date(CalendarDate(year: 2025, month: 11, day: 27)!), .text("Bishkek")] })
    }

    @Test func theSecretaryGeneralChanged() throws {
        let r = try TestSupport.query("appointments select outgoing.name, incoming.name, incoming.country.name")
        #expect(r.rows == [[.text("Imangali Tasmagambetov"), .text("Taalabek Masadykov"), .text("Kyrgyzstan")]])
        #expect(try TestSupport.firstColumn("people where role = secretary_general select name") == ["Taalabek Masadykov"])
        #expect(try TestSupport.firstColumn("people where role = former_secretary_general select country.name") == ["Kazakhstan"])
    }

    @Test func theThreeExercisesAndTheBudgetDecision() throws {
        #expect(try TestSupport.firstColumn("exercises select name_it order by name_it") == ["Interazione", "Ricerca", "Scaglione"])
        let budget = try TestSupport.query("documents where title contains budget select kind, status")
        #expect(budget.rows == [[.text("decision"), .text("signed")]])
    }

    @Test func putinAndRahmonProposed() throws {
        let r = try TestSupport.query("initiatives group by by.name order by by.name")
        #expect(r.columns == ["by.name", "count"])
        #expect(r.rows.map { ValueText.plain($0[0]) } == ["Emomali Rahmon", "Vladimir Putin"])
        #expect(try TestSupport.query("statements where speaker.name = \"Sadyr Japarov\" and kind = quote").rows.count == 1)
    }

    @Test func everyRecordHasAnIDAndASource() {
        for c in data.collections {
            for row in 0..<c.count {
                #expect(!c.ids[row].isEmpty)
                #expect(!c.sources(of: row).isEmpty, "\(c.name)/\(c.ids[row]) cites no sentence")
            }
        }
    }

    /// A statement's `text_it` is the article's words, inside its source sentence;
    /// its `text` an English rendering (asked in English: "artificial intelligence").
    @Test func everyStatementHasTheArticlesWordsAndAnEnglishRendering() throws {
        let c = try #require(data.collections.first { $0.name == "statements" })
        let italian = try #require(c.fieldIndex(named: "text_it")), english = try #require(c.fieldIndex(named: "text"))
        for row in 0..<c.count {
            guard case let .text(words) = c.columns[italian][row], case let .text(rendering) = c.columns[english][row] else {
                Issue.record("statements/\(c.ids[row]) lacks text or text_it")
                continue
            }
            #expect(c.sources(of: row).contains { $0.contains(words) }, "statements/\(c.ids[row]): text_it is not in its source")
            #expect(rendering != words && !rendering.isEmpty)
        }
        let r = try TestSupport.query("statements where text contains \"artificial intelligence\" select speaker.name")
        #expect(r.rows == [[.text("Emomali Rahmon")]])
    }

    /// Facts the data keeps twice, for the questions each answers, agree: a
    /// member's leader is a person of that country and every president leads
    /// their country; a member attended when its leader is among the summit's participants.
    @Test func theFactsKeptTwiceAgree() throws {
        for row in try TestSupport.query("members where leader is not null select name, leader.country").rows {
            #expect(row[0] == row[1], "\(row)")
        }
        for row in try TestSupport.query("people where role = president select name, country.leader").rows {
            #expect(row[0] == row[1], "\(row)")
        }
        let participants = try TestSupport.query("events where id = summit-2025 select participants").rows
        let value = try #require(participants.first?.first)
        let names: [Value] = if case let .list(items) = value { items } else { [] }
        #expect(names.count == 5)
        for row in try TestSupport.query("members select name, attended, leader.name").rows {
            #expect(row[1] == .boolean(names.contains(row[2])), "\(row)")
        }
    }

    /// The title's year is an inference: the dataset's own note says so, and `.collections` shows it.
    @Test func theTitlesYearIsMarkedAnInference() {
        #expect(data.note?.contains("the 2025 of the title is an inference") == true)
        let (out, _, ok) = TestSupport.session(".collections")
        #expect(ok)
        #expect(out.hasSuffix("note: " + (data.note ?? "?")), "\(out)")
    }

    // MARK: Sources, verbatim

    static let article: String = (try? String(contentsOf: TestSupport.file("Sources/CSTOQ/Data/summit-article.it.txt"), encoding: .utf8)) ?? ""

    @Test func theArticleCopyIsTheSharedArticle() throws {
        // The repository keeps a copy so that it builds and tests alone; when the
        // project's shared folder is beside it, the copy must be identical.
        let shared = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/summit-article.it.txt")
        #expect(!Self.article.isEmpty)
        if let original = try? String(contentsOf: shared, encoding: .utf8) {
            #expect(original == Self.article)
        }
    }

    @Test func everySourceOccursVerbatimInTheArticle() {
        var checked = 0
        for c in data.collections {
            for row in 0..<c.count {
                for sentence in c.sources(of: row) {
                    #expect(Self.article.contains(sentence), "\(c.name)/\(c.ids[row]): not in the article: \(sentence)")
                    checked += 1
                }
            }
        }
        #expect(checked > 60)
    }

    /// Paragraphs split at blank lines, sentences at ". ", "! ", "? " (the
    /// article's «» quotes hold no sentence end).
    static func sentences(of text: String) -> [String] {
        var out: [String] = []
        for paragraph in text.components(separatedBy: "\n\n") {
            var p = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            if p.hasPrefix("ℹ️ ") { p = String(p.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            var current = ""
            var chars = Array(p)
            chars.append("\n")
            for i in 0..<(chars.count - 1) {
                current.append(chars[i])
                if ".!?".contains(chars[i]), chars[i + 1] == " " || chars[i + 1] == "\n" {
                    out.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
            let rest = current.trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { out.append(rest) }
        }
        return out.filter { !$0.isEmpty }
    }

    @Test func everySentenceOfTheArticleIsTheSourceOfARecord() {
        let sentences = Self.sentences(of: Self.article)
        #expect(sentences.count >= 25)
        var cited = Set<String>()
        for c in data.collections {
            for row in 0..<c.count { cited.formUnion(c.sources(of: row)) }
        }
        for sentence in sentences {
            let covered = cited.contains { $0 == sentence || $0.contains(sentence) || sentence.contains($0) }
            #expect(covered, "no record cites: \(sentence)")
        }
    }

    // MARK: The compiled-in copy

    @Test func builtinDatasetMatchesFile() throws {
        let fileURL = TestSupport.file("Sources/CSTOQ/Data/summit.json")
        let file = try String(contentsOf: fileURL, encoding: .utf8)
        let embedded = String(decoding: BuiltinDataset.bytes, as: UTF8.self)
        if ProcessInfo.processInfo.environment["CSTOQ_RECORD"] == "1", embedded != file.trimmingCharacters(in: .newlines) {
            let swift = """
            // Generated from summit.json by the test `builtinDatasetMatchesFile`
            // (run `CSTOQ_RECORD=1 swift test --filter builtinDatasetMatchesFile` after editing summit.json).
            // Compiled in so that start-up reads no file; summit.json stays the file to read and edit.

            extension BuiltinDataset {
                static let json: StaticString = ##\"\"\"
            \(file.trimmingCharacters(in: .newlines))
            \"\"\"##
            }

            """
            try swift.write(to: TestSupport.file("Sources/CSTOQ/Data/BuiltinDataset+JSON.swift"), atomically: true, encoding: .utf8)
            // This test binary still holds the old copy: only a new build can check the new one.
            Issue.record("recorded BuiltinDataset+JSON.swift from summit.json; run again without CSTOQ_RECORD=1")
            return
        }
        #expect(embedded == file.trimmingCharacters(in: .newlines),
                "BuiltinDataset+JSON.swift is stale: run CSTOQ_RECORD=1 swift test --filter builtinDatasetMatchesFile")
    }

    @Test func summitFileLoadsLikeTheBuiltin() throws {
        let fromFile = try DatasetLoader.load(path: TestSupport.file("Sources/CSTOQ/Data/summit.json").path)
        #expect(fromFile.collections.map(\.name) == data.collections.map(\.name))
        #expect(fromFile.recordCount == data.recordCount)
    }
}
