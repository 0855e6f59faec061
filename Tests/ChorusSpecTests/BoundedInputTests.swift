import ChorusSpec
import Foundation
import Testing

/// Suite patterns run on untrusted bot text in linear time, and a YAML file's aliases cannot
/// make validation do more than a bounded amount of work.
@Suite struct BoundedInputTests {
    /// The pattern that hangs a backtracking engine returns at once on RE2 (the test would never
    /// end otherwise; no clock is read).
    @Test func aCatastrophicPatternReturnsOnBotText() throws {
        let pattern = try TextPattern("(a+)+$")
        #expect(!pattern.matches(String(repeating: "a", count: 60) + "!"))
        #expect(pattern.matches(String(repeating: "a", count: 60)))
        let nested = try TextPattern("(x+x+)+y")
        #expect(!nested.matches(String(repeating: "x", count: 5000)))
    }

    @Test func lookaroundAndBackreferencesAreRefusedWithAReason() {
        for source in ["(?<!not )understood", "human(?= agent)", "(\\w+) and \\1"] {
            let error = #expect(throws: PatternError.self) { try TextPattern(source) }
            #expect(error?.reason?.contains("linear time") == true, "\(source): \(String(describing: error))")
        }
        // The reference bot's own patterns keep ICU's syntax.
        #expect((try? TextPattern("(?<![A-Za-z])[A-Z]{2}", engine: .backtracking)) != nil)
    }

    @Test func matchesCapturesAndRangesOnUnicodeText() throws {
        let pattern = try TextPattern("(?i)commande ([A-Z]{2}-\\d{3})")
        let text = "Voilà ma Commande ab-123 et la commande CD-456 — merci"
        #expect(pattern.matches(text))
        #expect(pattern.captureGroups(in: text) == [["ab-123"], ["CD-456"]])
        #expect(pattern.matchRanges(in: text).map { String(text[$0]) } == ["Commande ab-123", "commande CD-456"])
        // Empty matches step over whole characters.
        let empty = try TextPattern("x*")
        #expect(empty.matchRanges(in: "éxé").map { String("éxé"[$0]) } == ["", "x", "", ""])
    }

    /// Bot text fed to a pattern is capped: a match beyond the first `maxTextBytes` is not seen.
    @Test func botTextIsCappedBeforeMatching() throws {
        let pattern = try TextPattern("needle")
        let long = String(repeating: "é", count: TextPattern.maxTextBytes) + "needle"
        #expect(!pattern.matches(long))
        #expect(pattern.matches("needle" + long))
        #expect(TextPattern.capped(long).utf8.count <= TextPattern.maxTextBytes)
        #expect(TextPattern.capped(long).unicodeScalars.allSatisfy { $0 == "é" })
    }

    /// A 1 MB string referenced 1,000 times, and nested aliases ("a billion laughs"), are refused
    /// where the aliases are written, before any other step walks the expansion.
    @Test(arguments: ["wide", "nested"])
    func aliasAmplificationIsALocatedError(_ shape: String) throws {
        var yaml = "version: 1\nsuite: shop\n"
        switch shape {
        case "wide":
            yaml += "big: &big \"" + String(repeating: "x", count: 1_000_000) + "\"\n"
            yaml += "vocab:\n  many: [" + Array(repeating: "*big", count: 1000).joined(separator: ", ") + "]\n"
        default:
            yaml += "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
            for level in 1...9 {
                yaml +=
                    "l\(level): &l\(level) ["
                    + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
            }
        }
        let folder = try Fixtures.temporaryFolder(["suite.yaml": yaml])
        let error = #expect(throws: SpecError.self) {
            try SuiteLoader.load(path: folder.appendingPathComponent("suite.yaml").path)
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(error?.diagnostics.count == 1)
        #expect(diagnostic.message.contains("once its aliases are expanded"), "\(diagnostic.message)")
        #expect(diagnostic.line > 2)
    }
}
