import ChorusSpec
import Foundation
import Testing

struct ValidSuiteTests {
    @Test func loadsASingleFileSuite() throws {
        let path = Fixtures.scenario("valid/shop.yaml")
        let loaded = try SuiteLoader.load(path: path)
        let suite = loaded.suite
        #expect(loaded.files == [path])
        #expect(suite.suite == "shop")
        #expect(suite.seed == 42)
        #expect(suite.maxTurns == 8)
        #expect(suite.vocab["order_id"] == .pattern("[A-Z]{2}-[0-9]{6}"))
        #expect(suite.vocab["product"] == .values(["laptop", "phone", "headphones", "charger"]))
        #expect(suite.personas.keys.sorted() == ["careful", "hurried"])
        #expect(suite.personas["hurried"]?.noise.punctuation == 0.5)
        #expect(suite.goals.keys.sorted() == ["opening_hours", "order_status", "refund"])
        #expect(suite.goals["refund"]?.slots?["purchase_date"]?.vocab == "date")
        #expect(suite.goals["opening_hours"]?.steps?.first?.required == true)
        #expect(suite.gate?["latency_p95_ms"] == GateRule(maxRise: 0.2))
    }

    @Test func mergesAFolderSuite() throws {
        let folder = Fixtures.scenario("valid/shop-folder")
        let loaded = try SuiteLoader.load(path: folder)
        #expect(loaded.files == ["\(folder)/1-suite.yaml", "\(folder)/2-goals.yaml"])
        #expect(loaded.suite.suite == "shop-folder")
        #expect(loaded.suite.seed == 7)
        #expect(loaded.suite.vocab.keys.sorted() == ["order_id", "product"])
        #expect(loaded.suite.personas.keys.sorted() == ["careful", "hurried"])
        #expect(loaded.suite.goals.keys.sorted() == ["order_status", "refund"])
        #expect(loaded.suite.gate?.keys.sorted() == ["completion_rate"])
    }

    @Test func contentHashIsStableAndDependsOnContent() throws {
        let a = try SuiteLoader.load(path: Fixtures.scenario("valid/shop.yaml")).contentHash
        let b = try SuiteLoader.load(path: Fixtures.scenario("valid/shop.yaml")).contentHash
        let folder = try SuiteLoader.load(path: Fixtures.scenario("valid/shop-folder")).contentHash
        #expect(a == b)
        #expect(a != folder)
        #expect(a.count == 16 && a.allSatisfy(\.isHexDigit))
    }

    @Test func contentHashIgnoresWhereTheFolderLives() throws {
        let text = try String(contentsOfFile: Fixtures.scenario("valid/shop.yaml"), encoding: .utf8)
        let first = try Fixtures.temporaryFolder(["shop.yaml": text])
        let second = try Fixtures.temporaryFolder(["shop.yaml": text])
        let changed = try Fixtures.temporaryFolder(["shop.yaml": text + "\n# a comment\n"])
        let hash = { (url: URL) throws in
            try SuiteLoader.load(path: url.appendingPathComponent("shop.yaml").path).contentHash
        }
        #expect(try hash(first) == hash(second))
        #expect(try hash(first) != hash(changed))
    }

    @Test func relativePathsStayRelativeInDiagnostics() throws {
        let folder = try Fixtures.temporaryFolder(["bad.yaml": "version: 1\nsuite: x\nseed: minus one\n"])
        let cwd = FileManager.default.currentDirectoryPath
        // Express the file relative to the working directory without changing it (tests run in parallel).
        let relative = String(repeating: "../", count: cwd.split(separator: "/").count) + folder.path.dropFirst()
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: relative + "/bad.yaml") }
        #expect(error?.diagnostics.first?.file == relative + "/bad.yaml")
    }

    @Test func aFolderSuiteNeedsASuiteName() throws {
        let folder = try Fixtures.temporaryFolder([
            "a.yaml": "version: 1\npersonas: {careful: {}}\n",
            "b.yaml": "version: 1\ngoals: {refund: {intent: refund, openings: [hi]}}\n",
        ])
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: folder.path) }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.line == 0)
        #expect(error?.diagnostics.first?.message.contains("missing required key \"suite\"") == true)
    }

    @Test func anEmptyFolderIsAnError() throws {
        let folder = try Fixtures.temporaryFolder(["notes.txt": "nothing"])
        let error = #expect(throws: SpecError.self) { try SuiteLoader.load(path: folder.path) }
        #expect(error?.diagnostics.first?.message == "folder has no .yaml or .yml files")
    }
}
