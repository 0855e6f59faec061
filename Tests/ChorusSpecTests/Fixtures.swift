import ChorusTestSupport
import Foundation

/// Paths of the package's fixture files, found from this source file so tests work from any
/// working directory.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let scenarios = packageRoot.appendingPathComponent("Fixtures/scenarios")

    static func scenario(_ relativePath: String) -> String {
        scenarios.appendingPathComponent(relativePath).path
    }

    /// The names of the entries (files and folders) in `Fixtures/scenarios/invalid`, sorted.
    static var invalidScenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenario("invalid"))) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A fresh temporary folder holding `files` (name → contents).
    static func temporaryFolder(_ files: [String: String]) throws -> URL {
        let folder = URL(fileURLWithPath: try ChorusTestSupport.Fixtures.temporaryDirectory("chorus-spec"))
        for (name, contents) in files {
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }
}
