import Foundation
import Yams

/// Walks a YAML node tree against a `SchemaNode` and collects every mismatch as a located
/// diagnostic, instead of stopping at the first one as `Decodable` would.
///
/// Problems come in two grades: `shapeErrors` (wrong type, unknown or missing key, a value not in
/// an enumeration) mean the model cannot be decoded faithfully; `valueErrors` (out of range, empty
/// list, invalid regular expression or vocab pattern, bad map key) leave it decodable, so the
/// semantic checks can still run and every problem is reported in one go.
struct StructuralValidator {
    let file: SourceFile
    private(set) var shapeErrors: [Diagnostic] = []
    private(set) var valueErrors: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
    }

    /// Where a node sits, for naming it in messages.
    struct Place {
        enum Role {
            case root
            case property
            /// An entry of a named map, already described (`goal "refund"`).
            case entry(String)
            /// A list item (0-based).
            case item(Int)
        }

        /// How a wrong value is named: `"weight"`, `goal "refund"`, `item 2 of "openings"`.
        var label: String
        var role: Role
        /// The description of the mapping the node belongs to, or nil for the root's children.
        var parent: String?

        static let root = Place(label: "the document", role: .root, parent: nil)

        /// How the mapping at this place is named in "in …" phrases: `goal "refund"`,
        /// `noise of persona "careful"`, `step 2 of goal "checkout"`.
        func context(noun: String) -> String {
            let own: String
            switch role {
            case .root: return noun
            case .property: own = noun
            case .entry(let entry): own = entry
            case .item(let index): own = "\(noun) \(index + 1)"
            }
            return parent.map { "\(own) of \($0)" } ?? own
        }
    }

    /// Checks `node` (the document's root) against `schema`.
    mutating func validate(_ node: Node, against schema: SchemaNode) {
        check(node, schema, at: .root)
    }

    private mutating func check(_ node: Node, _ schema: SchemaNode, at place: Place) {
        switch schema {
        case .object(let object):
            guard let mapping = node.mapping else { return typeMismatch(node, schema, place) }
            let context = place.context(noun: object.noun)
            // The root's children are named without an "of suite" suffix.
            let childParent: String? = if case .root = place.role { nil } else { context }
            checkObject(mapping, object, context: context, childParent: childParent)

        case .map(let entry, let keys, let values):
            guard let mapping = node.mapping else { return typeMismatch(node, schema, place) }
            for (key, value) in mapping {
                guard let name = scalarKey(key) else { continue }
                checkKey(name, at: key, rule: keys, entry: entry)
                let described = "\(entry) \"\(name)\""
                check(
                    value, keys.schema(for: name) ?? values,
                    at: Place(label: described, role: .entry(described), parent: place.parent))
            }

        case .array(let items, let minItems):
            guard let sequence = node.sequence else { return typeMismatch(node, schema, place) }
            if sequence.count < minItems {
                let message =
                    minItems == 1
                    ? "\(place.label) must not be empty" : "\(place.label) needs at least \(minItems) items"
                valueErrors.append(file.diagnostic(at: node.mark, message))
            }
            for (index, item) in sequence.enumerated() {
                check(
                    item, items,
                    at: Place(label: "item \(index + 1) of \(place.label)", role: .item(index), parent: place.parent))
            }

        case .string(let format):
            guard let scalar = node.scalar, !isNull(node) else { return typeMismatch(node, schema, place) }
            if let format { checkFormat(scalar, format, at: node, place) }

        case .integer(let minimum):
            guard let scalar = node.scalar, let value = integerValue(scalar) else {
                return typeMismatch(node, schema, place)
            }
            if let minimum, value < Double(minimum) {
                valueErrors.append(
                    file.diagnostic(at: node.mark, "\(place.label) must be at least \(minimum), found \(scalar.string)")
                )
            }

        case .number:
            guard let scalar = node.scalar, let value = Double.construct(from: scalar), value.isFinite else {
                return typeMismatch(node, schema, place)
            }
            if let problem = schema.rangeProblem(value) {
                valueErrors.append(
                    file.diagnostic(at: node.mark, "\(place.label) must be \(problem), found \(scalar.string)"))
            }

        case .boolean:
            guard let scalar = node.scalar, Bool.construct(from: scalar) != nil else {
                return typeMismatch(node, schema, place)
            }

        case .enumeration(let values):
            guard let scalar = node.scalar, !isNull(node) else { return typeMismatch(node, schema, place) }
            if !values.contains(scalar.string) {
                let hint = NameSuggestion.hint(for: scalar.string, in: values)
                shapeErrors.append(
                    file.diagnostic(
                        at: node.mark, "\(place.label) must be \(schema.expectation), found \"\(scalar.string)\"\(hint)"
                    ))
            }

        case .oneOf(let branches):
            checkOneOf(node, branches, schema, at: place)
        }
    }

    private mutating func checkObject(
        _ mapping: Node.Mapping, _ object: SchemaObject, context: String, childParent: String?
    ) {
        for (key, value) in mapping {
            guard let name = scalarKey(key) else { continue }
            guard let property = object.property(name) else {
                let hint = NameSuggestion.hint(for: name, in: object.properties.map(\.name))
                shapeErrors.append(file.diagnostic(at: key.mark, "unknown key \"\(name)\" in \(context)\(hint)"))
                continue
            }
            check(value, property.schema, at: Place(label: "\"\(name)\"", role: .property, parent: childParent))
        }
        for property in object.properties where property.required && mapping[property.name] == nil {
            shapeErrors.append(
                file.diagnostic(at: mapping.mark, "missing required key \"\(property.name)\" in \(context)"))
        }
    }

    private mutating func checkOneOf(_ node: Node, _ branches: [SchemaNode], _ schema: SchemaNode, at place: Place) {
        let candidates = branches.filter { Self.accepts($0, kindOf: node) }
        guard !candidates.isEmpty else { return typeMismatch(node, schema, place) }
        // Try each branch of the right kind and keep the one that fits best, so the messages
        // describe the shape the author most likely meant.
        var best: StructuralValidator?
        for branch in candidates {
            var trial = StructuralValidator(file: file)
            trial.check(node, branch, at: place)
            if let current = best {
                let score = (trial.shapeErrors.count, trial.valueErrors.count)
                if score < (current.shapeErrors.count, current.valueErrors.count) { best = trial }
            } else {
                best = trial
            }
        }
        if let best {
            shapeErrors += best.shapeErrors
            valueErrors += best.valueErrors
        }
    }

    /// Whether `schema` could describe a node of this kind (mapping, list or scalar).
    private static func accepts(_ schema: SchemaNode, kindOf node: Node) -> Bool {
        switch (schema, node) {
        case (.object, .mapping), (.map, .mapping), (.array, .sequence): return true
        case (.string, .scalar), (.integer, .scalar), (.number, .scalar), (.boolean, .scalar), (.enumeration, .scalar):
            return true
        case (.oneOf(let branches), _): return branches.contains { accepts($0, kindOf: node) }
        default: return false
        }
    }

    private mutating func checkKey(_ name: String, at key: Node, rule: SchemaKeyRule, entry: String) {
        switch rule {
        case .any:
            break
        case .placeholderName:
            if !SchemaKeyRule.isPlaceholderName(name) {
                valueErrors.append(
                    file.diagnostic(at: key.mark, "invalid \(entry) name \"\(name)\": use letters, digits and _"))
            }
        case .oneOf, .fixed:
            let names = rule.names ?? []
            if !names.contains(name) {
                let hint = NameSuggestion.hint(for: name, in: names)
                valueErrors.append(file.diagnostic(at: key.mark, "unknown \(entry) \"\(name)\"\(hint)"))
            }
        }
    }

    private mutating func checkFormat(
        _ scalar: Node.Scalar, _ format: SchemaStringFormat, at node: Node, _ place: Place
    ) {
        switch format {
        case .regex, .botRegex:
            do {
                _ = try TextPattern(scalar.string, engine: format == .regex ? .linear : .backtracking)
            } catch {
                valueErrors.append(
                    file.diagnostic(
                        at: node.mark,
                        "invalid regular expression \"\(scalar.string)\" in \(place.label)\(error.reason.map { ": \($0)" } ?? "")"
                    ))
            }
        case .valuePattern:
            do {
                _ = try ValuePattern(parsing: scalar.string)
            } catch {
                valueErrors.append(
                    file.diagnostic(
                        at: node.mark, pointingAt: scalar.string, offset: error.offset,
                        "invalid vocab pattern \"\(scalar.string)\": \(error.reason) (offset \(error.offset))"))
            }
        case .replyPattern:
            // Placeholders are checked against the goal's slots by the suite validator; here,
            // the expression around them.
            do {
                _ = try ValuedPattern(scalar.string, anyValue: { _ in ".+?" })
            } catch {
                valueErrors.append(
                    file.diagnostic(
                        at: node.mark,
                        "invalid regular expression \"\(scalar.string)\" in \(place.label)\(error.reason.map { ": \($0)" } ?? "")"
                    ))
            }
        case .replyPath:
            do {
                _ = try ReplyPath(parsing: scalar.string)
            } catch {
                valueErrors.append(
                    file.diagnostic(
                        at: node.mark, pointingAt: scalar.string, offset: error.offset,
                        "invalid reply path \"\(scalar.string)\" in \(place.label): \(error.reason) (offset \(error.offset))"
                    ))
            }
        }
    }

    private mutating func typeMismatch(_ node: Node, _ schema: SchemaNode, _ place: Place) {
        shapeErrors.append(
            file.diagnostic(at: node.mark, "\(place.label) must be \(schema.expectation), found \(Self.describe(node))")
        )
    }

    /// A mapping key as text; non-scalar keys are a shape error.
    private mutating func scalarKey(_ key: Node) -> String? {
        guard let scalar = key.scalar else {
            shapeErrors.append(file.diagnostic(at: key.mark, "keys must be plain names, found \(Self.describe(key))"))
            return nil
        }
        return scalar.string
    }

    private func isNull(_ node: Node) -> Bool { node.tag.rawValue == Tag.Name.null.rawValue }

    /// Integers as the decoder reads them; `seed` may exceed `Int.max`, so `UInt64` too.
    private func integerValue(_ scalar: Node.Scalar) -> Double? {
        if let value = Int.construct(from: scalar) { return Double(value) }
        return UInt64.construct(from: scalar).map(Double.init)
    }

    /// What was found instead, for type messages: `string "heavy"`, `integer 3`, `a list`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return "nothing"
            case .int: return "integer \(scalar.string)"
            case .float: return "number \(scalar.string)"
            case .bool: return "boolean \(scalar.string)"
            default: return "string \"\(scalar.string)\""
            }
        }
    }
}
