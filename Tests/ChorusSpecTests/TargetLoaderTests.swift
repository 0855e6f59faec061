import ChorusSpec
import Foundation
import Testing

struct TargetLoaderTests {
    @Test func loadsAReferenceTargetAndResolvesItsBot() throws {
        let folder = try Fixtures.temporaryFolder([
            "target.yaml": "kind: reference\nname: Shop bot\nbot: bot.yaml\n", "bot.yaml": BotLoaderTests.validBot,
        ])
        let path = folder.appendingPathComponent("target.yaml").path
        let target = try TargetLoader.load(path: path)
        #expect(target.config == TargetConfig(kind: .reference, name: "Shop bot", bot: "bot.yaml"))
        #expect(target.path == path)
        #expect(target.directory == folder.path)
        #expect(target.botPath == folder.appendingPathComponent("bot.yaml").path)
    }

    @Test func reportsUnknownKindWithSuggestion() throws {
        let folder = try Fixtures.temporaryFolder(["target.yaml": "kind: referense\nbto: bot.yaml\n"])
        let error = #expect(throws: SpecError.self) {
            try TargetLoader.load(path: folder.appendingPathComponent("target.yaml").path)
        }
        #expect(
            error?.diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == [
                "1:7: \"kind\" must be one of \"reference\", \"rasa\", \"http\", \"openai\", \"process\", found \"referense\" (did you mean \"reference\"?)",
                "2:1: unknown key \"bto\" in target (did you mean \"bot\"?)",
            ])
    }

    @Test func aReferenceTargetNeedsAnExistingBot() throws {
        let missing = try Fixtures.temporaryFolder(["target.yaml": "kind: reference\n"])
        let error = #expect(throws: SpecError.self) {
            try TargetLoader.load(path: missing.appendingPathComponent("target.yaml").path)
        }
        #expect(
            error?.diagnostics.map(\.message) == [
                "a \"reference\" target needs \"bot\": the path of its bot definition"
            ])

        let dangling = try Fixtures.temporaryFolder(["target.yaml": "kind: reference\nbot: nowhere.yaml\n"])
        let second = #expect(throws: SpecError.self) {
            try TargetLoader.load(path: dangling.appendingPathComponent("target.yaml").path)
        }
        #expect(second?.diagnostics.first?.line == 2)
        #expect(second?.diagnostics.first?.message.hasPrefix("bot file \"nowhere.yaml\" not found") == true)
    }
}
