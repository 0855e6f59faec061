import ChorusSpec
import Foundation
import Testing

/// Keys that name goals, personas, vocab, slots and intents are strings whatever they look like
/// (YAML 1.1 reads a plain `yes` as a boolean, `1` as an integer, `null` as nothing), and
/// file-level problems are located.
struct NamesAreNamesTests {
    /// CLINC150 has intents named `yes`, `no` and `on` is a plausible vocab; every tricky name,
    /// plain and quoted, as goal, persona, vocab and slot.
    static let trickyNames = ["yes", "no", "on", "off", "null", "true", "1", "0.5", "~"]

    static func suite(names: [String], quoted: Bool) -> String {
        func key(_ name: String) -> String { quoted ? "\"\(name)\"" : name }
        var text = "version: 1\nsuite: tricky\nvocab:\n  on: [a, b]\n  \"yes\": [c]\npersonas:\n"
        for name in names { text += "  \(key(name)): {weight: 1}\n" }
        text += "goals:\n"
        for name in names {
            text +=
                "  \(key(name)):\n    intent: \(name == "~" || name == "null" ? "\"\(name)\"" : name)\n    openings: [\"go {on}\"]\n"
            text += "    slots:\n      on: {ask: \"which\"}\n"
        }
        return text
    }

    @Test(arguments: [false, true])
    func trickyNamesLoadAsStrings(quoted: Bool) throws {
        let folder = try Fixtures.temporaryFolder(["s.yaml": Self.suite(names: Self.trickyNames, quoted: quoted)])
        let loaded = try SuiteLoader.load(path: folder.appendingPathComponent("s.yaml").path)
        #expect(loaded.suite.goals.keys.sorted() == Self.trickyNames.sorted())
        #expect(loaded.suite.personas.keys.sorted() == Self.trickyNames.sorted())
        #expect(loaded.suite.vocab.keys.sorted() == ["on", "yes"])
        #expect(loaded.suite.goals["yes"]?.intent == "yes")
        #expect(loaded.suite.goals["1"]?.slots?.keys.sorted() == ["on"])
    }

    @Test func trickyNamesMergeAcrossTheFilesOfAFolder() throws {
        let folder = try Fixtures.temporaryFolder([
            "a.yaml":
                "version: 1\nsuite: tricky\npersonas:\n  no: {}\ngoals:\n  yes: {intent: yes, openings: [\"yes please\"]}\n",
            "b.yaml":
                "version: 1\ngoals:\n  no: {intent: no, openings: [\"no thanks\"]}\n  \"1\": {intent: one, openings: [\"one\"]}\n",
        ])
        let loaded = try SuiteLoader.load(path: folder.path)
        #expect(loaded.suite.goals.keys.sorted() == ["1", "no", "yes"])
        #expect(loaded.suite.goals["no"]?.intent == "no")
    }

    @Test func anErrorInAGoalNamedLikeABooleanIsLocatedAtThatGoal() throws {
        let text = """
            version: 1
            suite: tricky
            personas:
              someone: {}
            goals:
              no:
                intent: no
                openings: ["no"]
              yes:
                intent: yes
                opening: ["yes"]
            """
        let folder = try Fixtures.temporaryFolder(["s.yaml": text])
        let error = #expect(throws: SpecError.self) {
            try SuiteLoader.load(path: folder.appendingPathComponent("s.yaml").path)
        }
        let diagnostics = error?.diagnostics ?? []
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 11)
        #expect(diagnostics.first?.column == 5)
        #expect(diagnostics.first?.message.contains("unknown key \"opening\" in goal \"yes\"") == true)
    }

    @Test func anEmptyFileIsLocatedAtItsStart() throws {
        let folder = try Fixtures.temporaryFolder(["s.yaml": "# nothing yet\n"])
        let error = #expect(throws: SpecError.self) {
            try SuiteLoader.load(path: folder.appendingPathComponent("s.yaml").path)
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect((diagnostic.line, diagnostic.column) == (1, 1))
        #expect(diagnostic.description.hasSuffix("s.yaml:1:1: error: file is empty (or holds only comments)"))
    }

    @Test func invalidUTF8IsLocatedAtTheFirstBadByte() throws {
        let folder = try Fixtures.temporaryFolder([:])
        let path = folder.appendingPathComponent("s.yaml").path
        // Line 3, after "  é" (three scalars): a lone continuation byte.
        let bytes = Data("version: 1\nsuite: s\n  é".utf8) + Data([0x80]) + Data("x\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: path) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect((diagnostic.line, diagnostic.column) == (3, 4))
        #expect(diagnostic.message.contains("not valid UTF-8"))
        #expect(diagnostic.message.contains("0x80"))
    }

    @Test func aTruncatedSequenceAtTheEndIsLocatedToo() throws {
        let folder = try Fixtures.temporaryFolder([:])
        let path = folder.appendingPathComponent("s.yaml").path
        try (Data("suite: ab".utf8) + Data([0xE2, 0x82])).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: path) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect((diagnostic.line, diagnostic.column) == (1, 10))
    }
}
