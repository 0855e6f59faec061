import ChorusTestSupport
import Foundation
import Testing

/// The published JSON Schemas in an independent, standard validator — Python's `jsonschema`,
/// through `scripts/check-schemas` — as editors and CI tools use them: each schema is valid
/// against its metaschema (format checks on), every example and fixture input the loader accepts
/// is valid against it, and the invalid fixtures are rejected wherever a schema can tell.
///
/// `scripts/setup` installs `jsonschema`; without it these tests fail (they never skip).
struct StandardValidatorTests {
    /// The invalid fixtures whose mistake no JSON Schema can see, each with why. Every other
    /// invalid fixture must be rejected by the schema.
    static let beyondTheSchema: [String: String] = [
        "duplicate-across-files/a.yaml": "a name defined in two files of a folder suite",
        "duplicate-across-files/b.yaml": "a name defined in two files of a folder suite",
        "duplicate-key.yaml": "YAML readers keep the last of two equal keys",
        "goal-kind.yaml": "agenda and scripted keys mixed in one goal",
        "linear-time-patterns.yaml": "the schema publishes no regex format: patterns are RE2's, not ECMAScript's",
        "no-personas-or-goals.yaml": "a suite file may leave personas and goals to another file",
        "undefined-placeholder.yaml": "a {placeholder} naming no slot or vocab",
        "unknown-persona.yaml": "a goal naming a persona defined elsewhere",
        "unknown-slot-vocab.yaml": "a slot naming a vocab defined elsewhere",
        "bad-vocab-pattern.yaml": "vocab generation patterns have their own syntax",
        "bad-regex.yaml": "patterns are ICU regular expressions, which JSON Schema cannot check",
        "fallback-as-intent.yaml": "fallback_as_intent needs a fallback recognizer, a rule across two keys",
    ]

    struct Result: Decodable {
        /// Problems with the schema itself.
        var schema: [String]
        /// Problems of each file, by path.
        var files: [String: [String]]
    }

    /// Runs `scripts/check-schemas schema files…` and returns what it found.
    static func check(schema: String, files: [String]) async throws -> Result {
        let root = Fixtures.packageRoot.path
        let output = ChorusTestSupport.Fixtures.processDirectory.appendingPathComponent(
            "chorus-schemas-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "\(root)/scripts/check-schemas", "\(root)/\(schema)"] + files
        process.currentDirectoryURL = Fixtures.packageRoot
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardInput = FileHandle.nullDevice
        // Waits without holding a cooperative thread.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try #require(
            process.terminationStatus != 3,
            "Python's jsonschema or PyYAML is missing: run scripts/setup (these tests do not skip)")
        try #require(process.terminationStatus <= 1, "scripts/check-schemas exited \(process.terminationStatus)")
        return try JSONDecoder().decode(Result.self, from: Data(contentsOf: output))
    }

    /// The `.yaml` files under `folder` (relative to the repository), at any depth, sorted.
    static func yamlFiles(under folder: String) -> [String] {
        let root = Fixtures.packageRoot.appendingPathComponent(folder)
        let entries = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test(
        "example and fixture suites are valid",
        arguments: [
            (
                "Scenarios/scenario.schema.json",
                yamlFiles(under: "Scenarios") + yamlFiles(under: "Fixtures/scenarios/valid") + [
                    "Fixtures/scenarios/complete.yaml"
                ]
            ),
            ("Scenarios/target.schema.json", yamlFiles(under: "Fixtures/targets")),
            ("Scenarios/bot.schema.json", yamlFiles(under: "Fixtures/bots")),
        ])
    func repositoryInputsAreValid(schema: String, files: [String]) async throws {
        #expect(!files.isEmpty)
        let result = try await Self.check(schema: schema, files: files)
        #expect(result.schema == [], "\(schema) is not a valid JSON Schema")
        #expect(result.files.keys.sorted() == files.sorted())
        for file in files {
            #expect(result.files[file] == [], "\(file) against \(schema)")
        }
    }

    @Test func invalidSuitesAreRejectedWhereTheSchemaCanTell() async throws {
        let folder = "Fixtures/scenarios/invalid"
        let files = Self.yamlFiles(under: folder)
        let result = try await Self.check(schema: "Scenarios/scenario.schema.json", files: files)
        for file in files {
            let name = String(file.dropFirst(folder.count + 1))
            let problems = result.files[file] ?? []
            if let reason = Self.beyondTheSchema[name] {
                #expect(problems == [], "\(name) is listed as beyond the schema (\(reason)) but the schema rejects it")
            } else {
                #expect(
                    !problems.isEmpty,
                    "\(name) passes the JSON Schema; list it in beyondTheSchema if no schema can tell")
            }
        }
        #expect(Set(Self.beyondTheSchema.keys).isSubset(of: files.map { String($0.dropFirst(folder.count + 1)) }))
    }

    /// The schema reads as Chorus reads: rates are fractions (`min: 90` is refused), names may
    /// be in any script, and any scalar is text.
    @Test func theSchemaReadsSuitesAsChorusDoes() async throws {
        let folder = try Fixtures.temporaryFolder([
            "percent.yaml": "version: 1\nsuite: s\ngate:\n  completion_rate: {min: 90}\n",
            "fraction.yaml":
                "version: 1\nsuite: s\ngate:\n  completion_rate: {min: 0.9}\n  latency_p95_ms: {max: 900}\n",
            "año.yaml": "version: 1\nvocab:\n  año: [\"2024\"]\n  订单号: [\"A1\"]\n",
            "bad-name.yaml": "version: 1\nvocab:\n  order-id: [\"A1\"]\n",
            "scalars.yaml": "version: 1\nvocab:\n  hour: [9, 10.5, true]\ngoals:\n  g: {intent: 42}\n",
        ])
        let names = ["percent.yaml", "fraction.yaml", "año.yaml", "bad-name.yaml", "scalars.yaml"]
        let paths = names.map { folder.appendingPathComponent($0).path }
        let result = try await Self.check(schema: "Scenarios/scenario.schema.json", files: paths)
        #expect(result.files[paths[0]]?.isEmpty == false)
        #expect(result.files[paths[1]] == [])
        #expect(result.files[paths[2]] == [], "letters of any script name a vocab")
        #expect(result.files[paths[3]]?.isEmpty == false)
        #expect(result.files[paths[4]] == [], "any scalar reads as text, as Chorus reads it")
    }
}
