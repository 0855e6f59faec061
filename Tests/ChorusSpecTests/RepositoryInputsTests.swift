import ChorusSpec
import Foundation
import Testing

/// The bots, targets and example suites shipped in the repository pass validation, so what users
/// copy from it works and the validator is not stricter than the product's own inputs.
struct RepositoryInputsTests {
    static func yamlFiles(in folder: String) -> [String] {
        let url = Fixtures.packageRoot.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0).path }
    }

    static var exampleSuites: [String] {
        let url = Fixtures.packageRoot.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") }.sorted().map {
            url.appendingPathComponent($0).path
        }
    }

    @Test(arguments: yamlFiles(in: "Fixtures/bots"))
    func botIsValid(path: String) {
        #expect(throws: Never.self) { try BotLoader.load(path: path) }
    }

    @Test(arguments: yamlFiles(in: "Fixtures/targets"))
    func targetIsValid(path: String) {
        #expect(throws: Never.self) { try TargetLoader.load(path: path) }
    }

    @Test(
        arguments: exampleSuites + yamlFiles(in: "Fixtures/scenarios/valid") + [Fixtures.scenario("valid/shop-folder")])
    func suiteIsValid(path: String) {
        #expect(throws: Never.self) { try SuiteLoader.load(path: path) }
    }
}
