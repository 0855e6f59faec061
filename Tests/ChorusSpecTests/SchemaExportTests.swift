import ChorusModel
import ChorusSpec
import Foundation
import Testing

struct SchemaExportTests {
    /// The schemas published for editors, and the code that generates each.
    static let published: [(file: String, generate: @Sendable () -> String)] = [
        ("Scenarios/scenario.schema.json", SchemaExport.suiteJSONSchema),
        ("Scenarios/target.schema.json", SchemaExport.targetJSONSchema),
        ("Scenarios/bot.schema.json", SchemaExport.botJSONSchema),
    ]

    /// Each committed schema is what the code generates. With `RECORD=1` a mismatch rewrites the
    /// file and still fails, so a regenerated schema is always looked at before it is committed.
    @Test(arguments: 0..<3)
    func committedSchemaIsUpToDate(index: Int) throws {
        let (file, generate) = Self.published[index]
        let path = Fixtures.packageRoot.appendingPathComponent(file)
        let generated = generate()
        let committed = try? String(contentsOf: path, encoding: .utf8)
        guard committed != generated else { return }
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try generated.write(to: path, atomically: true, encoding: .utf8)
            Issue.record("Rewrote \(file); review and commit it, then run the tests again.")
        } else {
            Issue.record(
                """
                \(file) is out of date with the schema description.
                Run `RECORD=1 swift test --filter ChorusSpecTests` to regenerate it.
                First difference: \(Self.firstDifference(committed ?? "", generated))
                """)
        }
    }

    @Test func schemaIsValidJSONWithClosedObjects() throws {
        let data = Data(SchemaExport.suiteJSONSchema().utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(json["additionalProperties"] as? Bool == false)
        // A folder suite sets `suite:` in one file only, so the per-file schema cannot require it.
        #expect(json["required"] as? [String] == ["version"])
        #expect(json["title"] as? String == "Chorus scenario suite")
        let properties = try #require(json["properties"] as? [String: Any])
        let personas = try #require(properties["personas"] as? [String: Any])
        let persona = try #require(personas["additionalProperties"] as? [String: Any])
        #expect(persona["additionalProperties"] as? Bool == false)
        #expect((persona["description"] as? String)?.isEmpty == false)
    }

    @Test func botAndTargetSchemasAreValidJSON() throws {
        for text in [SchemaExport.botJSONSchema(), SchemaExport.targetJSONSchema()] {
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        }
    }

    /// `complete.yaml` uses every key the schema knows. Decoding it and encoding the model back
    /// must produce exactly the schema's key paths (map entry names replaced by `*`), so a field
    /// added to the model but not to the schema, or the other way round, fails here.
    @Test func schemaIsInStepWithTheModel() throws {
        let loaded = try SuiteLoader.load(path: Fixtures.scenario("complete.yaml"))
        let data = try JSONEncoder().encode(loaded.suite)
        let json = try JSONSerialization.jsonObject(with: data)
        var modelPaths = Set<String>()
        Self.collectPaths(json: json, schema: Suite.schema, prefix: "", into: &modelPaths)
        var schemaPaths = Set<String>()
        Self.collectPaths(schema: Suite.schema, prefix: "", into: &schemaPaths)
        #expect(modelPaths.subtracting(schemaPaths).sorted() == [], "in the model but not the schema")
        #expect(
            schemaPaths.subtracting(modelPaths).sorted() == [],
            "in the schema but not the model (or not in complete.yaml)")
    }

    static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    static func collectPaths(schema: SchemaNode, prefix: String, into paths: inout Set<String>) {
        switch schema {
        case .object(let object):
            for property in object.properties {
                let path = join(prefix, property.name)
                paths.insert(path)
                collectPaths(schema: property.schema, prefix: path, into: &paths)
            }
        case .map(_, _, let values):
            let path = join(prefix, "*")
            paths.insert(path)
            collectPaths(schema: values, prefix: path, into: &paths)
        case .array(let items, _):
            collectPaths(schema: items, prefix: prefix, into: &paths)
        case .oneOf(let branches):
            for branch in branches { collectPaths(schema: branch, prefix: prefix, into: &paths) }
        case .string, .integer, .number, .boolean, .enumeration:
            break
        }
    }

    static func collectPaths(json: Any, schema: SchemaNode?, prefix: String, into paths: inout Set<String>) {
        if let dictionary = json as? [String: Any] {
            for (key, value) in dictionary {
                var child: SchemaNode?
                var name = key
                switch schema.map({ branch(of: $0, for: dictionary) }) {
                case .object(let object)?: child = object.property(key)?.schema
                case .map(_, _, let values)?: (name, child) = ("*", values)
                default: break
                }
                let path = join(prefix, name)
                paths.insert(path)
                collectPaths(json: value, schema: child, prefix: path, into: &paths)
            }
        } else if let array = json as? [Any] {
            var items: SchemaNode?
            if case .array(let itemSchema, _)? = schema.map({ branch(of: $0, for: array) }) { items = itemSchema }
            for item in array { collectPaths(json: item, schema: items, prefix: prefix, into: &paths) }
        }
    }

    /// For a `oneOf`, the branch describing `json`: the object whose properties cover its keys,
    /// or the array branch for a list.
    static func branch(of schema: SchemaNode, for json: Any) -> SchemaNode {
        guard case .oneOf(let branches) = schema else { return schema }
        if let dictionary = json as? [String: Any] {
            return branches.first {
                if case .object(let object) = $0 {
                    dictionary.keys.allSatisfy { object.property($0) != nil }
                } else {
                    false
                }
            } ?? schema
        }
        return branches.first { if case .array = $0 { true } else { false } } ?? schema
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let linesA = a.split(separator: "\n", omittingEmptySubsequences: false)
        let linesB = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(linesA.count, linesB.count) {
            let left = index < linesA.count ? String(linesA[index]) : "<end>"
            let right = index < linesB.count ? String(linesB[index]) : "<end>"
            if left != right {
                return "line \(index + 1): committed \(left.debugDescription), generated \(right.debugDescription)"
            }
        }
        return "none"
    }
}
