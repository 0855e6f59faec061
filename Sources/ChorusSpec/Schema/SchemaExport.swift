import ChorusModel

/// JSON Schemas (draft 2020-12) of Chorus's input files, generated from the same `SchemaNode`
/// descriptions the validator uses, for editor completion and checking.
public enum SchemaExport {
    /// The JSON Schema of a scenario suite file, committed as `Scenarios/scenario.schema.json`.
    ///
    /// It describes one file of a suite, so `suite:` is not required: in a folder suite only one
    /// file sets it, and an editor must not flag the others. The loader still requires it.
    public static func suiteJSONSchema() -> String {
        jsonSchema(for: Suite.fragmentSchema, title: "Chorus scenario suite")
    }

    /// The JSON Schema of a reference bot file.
    public static func botJSONSchema() -> String {
        jsonSchema(for: BotDefinition.schema, title: "Chorus reference bot")
    }

    /// The JSON Schema of a target file.
    public static func targetJSONSchema() -> String {
        jsonSchema(for: TargetConfig.schema, title: "Chorus target")
    }

    /// The JSON Schema of any schema description, pretty-printed with sorted keys.
    public static func jsonSchema(for schema: SchemaNode, title: String) -> String {
        guard case .object(var members) = json(schema) else { return JSON.object([:]).rendered() }
        members["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        members["title"] = .string(title)
        return JSON.object(members).rendered()
    }

    /// The JSON Schema `pattern` for placeholder names: no white space and no ASCII punctuation
    /// but `_`. The exact rule (Unicode letters, digits and `_`) needs `\p{…}` classes, which
    /// ECMA-262 without the `u` flag and Python's `re` lack; this one means the same in every
    /// engine, and the loader still applies the exact rule.
    static let placeholderNamePattern = #"^[^\s!-/:-@\[-^`{-~]+$"#

    /// `schema` with `description` added, when it is a JSON object.
    static func described(_ schema: JSON, _ description: String) -> JSON {
        guard case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        return .object(members)
    }

    static func json(_ schema: SchemaNode) -> JSON {
        switch schema {
        case .object(let object):
            var properties: [String: JSON] = [:]
            for property in object.properties {
                properties[property.name] = described(json(property.schema), property.description)
            }
            var members: [String: JSON] = [
                "type": .string("object"),
                "description": .string(object.description),
                "properties": .object(properties),
                "additionalProperties": .bool(false),
            ]
            let required = object.properties.filter(\.required).map(\.name)
            if !required.isEmpty { members["required"] = .array(required.map(JSON.string)) }
            return .object(members)
        case .map(_, let keys, let values):
            var members: [String: JSON] = ["type": .string("object"), "additionalProperties": json(values)]
            switch keys {
            case .any: break
            case .placeholderName: members["propertyNames"] = .object(["pattern": .string(placeholderNamePattern)])
            case .oneOf(let names): members["propertyNames"] = .object(["enum": .array(names.map(JSON.string))])
            case .fixed(let names):
                // Each name with its own shape, and no other name.
                members["properties"] = .object(
                    Dictionary(
                        uniqueKeysWithValues: names.map { ($0.name, described(json($0.schema), $0.description)) }))
                members["additionalProperties"] = .bool(false)
            }
            return .object(members)
        case .array(let items, let minItems):
            var members: [String: JSON] = ["type": .string("array"), "items": json(items)]
            if minItems > 0 { members["minItems"] = .number(Double(minItems)) }
            return .object(members)
        case .string:
            // Any scalar reads as text (`hour: [9, 10]` is a list of strings to Chorus), so the
            // schema accepts numbers and booleans too. No `format: regex`: Chorus's patterns are
            // ICU regular expressions (`(?i)…`), which validators check as ECMA-262 and reject.
            return .object(["type": .array(["string", "number", "boolean"].map(JSON.string))])
        case .integer(let minimum):
            var members: [String: JSON] = ["type": .string("integer")]
            if let minimum { members["minimum"] = .number(Double(minimum)) }
            return .object(members)
        case .number(let minimum, let maximum, let exclusiveMinimum):
            var members: [String: JSON] = ["type": .string("number")]
            if let minimum { members[exclusiveMinimum ? "exclusiveMinimum" : "minimum"] = .number(minimum) }
            if let maximum { members["maximum"] = .number(maximum) }
            return .object(members)
        case .boolean:
            return .object(["type": .string("boolean")])
        case .enumeration(let values):
            return .object(["type": .string("string"), "enum": .array(values.map(JSON.string))])
        case .oneOf(let branches):
            return .object(["oneOf": .array(branches.map(json))])
        }
    }
}
