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

    static func json(_ schema: SchemaNode) -> JSON {
        switch schema {
        case .object(let object):
            var properties: [String: JSON] = [:]
            for property in object.properties {
                var value = json(property.schema)
                if case .object(var members) = value {
                    members["description"] = .string(property.description)
                    value = .object(members)
                }
                properties[property.name] = value
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
            case .pattern(let pattern, _): members["propertyNames"] = .object(["pattern": .string(pattern)])
            case .oneOf(let names): members["propertyNames"] = .object(["enum": .array(names.map(JSON.string))])
            }
            return .object(members)
        case .array(let items, let minItems):
            var members: [String: JSON] = ["type": .string("array"), "items": json(items)]
            if minItems > 0 { members["minItems"] = .number(Double(minItems)) }
            return .object(members)
        case .string(let format):
            var members: [String: JSON] = ["type": .string("string")]
            if format == .regex { members["format"] = .string("regex") }
            return .object(members)
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
