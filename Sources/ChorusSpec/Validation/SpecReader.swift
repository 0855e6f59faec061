import Yams

/// The steps every input file goes through: read, compose, refuse unknown versions, validate the
/// structure against the file kind's schema, and decode the model.
enum SpecReader {
    /// The only scenario, bot and target format version this Chorus reads.
    static let supportedVersion = 1

    /// A file that composed and passed the structural checks that decoding depends on.
    struct Checked {
        let document: YAMLDocument
        /// Problems that leave the file decodable (ranges, empty lists, patterns), reported together
        /// with the semantic checks' findings.
        let valueErrors: [Diagnostic]
    }

    /// Reads and checks the file at `path`. Throws when the file is missing, malformed, of an
    /// unsupported version, or has shape errors (all of them, with the value errors found alongside).
    static func check(path: String, schema: SchemaNode) throws(SpecError) -> Checked {
        let document = try YAMLDocument.compose(try SourceFile.read(path))
        if let unsupported = unsupportedVersion(of: document, schema: schema) {
            // A newer format may differ in any way, so its other "errors" would only mislead.
            throw SpecError([unsupported])
        }
        var validator = StructuralValidator(file: document.file)
        validator.validate(document.root, against: schema)
        guard validator.shapeErrors.isEmpty else {
            throw SpecError((validator.shapeErrors + validator.valueErrors).sortedForReport())
        }
        return Checked(document: document, valueErrors: validator.valueErrors)
    }

    private static func unsupportedVersion(of document: YAMLDocument, schema: SchemaNode) -> Diagnostic? {
        guard case .object(let object) = schema, object.property("version") != nil,
            let node = document.root.mapping?["version"], let version = node.int, version != supportedVersion
        else { return nil }
        return document.file.diagnostic(
            at: node.mark, "unsupported version \(version) (this Chorus reads version \(supportedVersion))")
    }

    /// Decodes `T` from `node`. The structural checks make failure unlikely; when it happens
    /// anyway, the coding path is turned back into a position.
    static func decode<T: Decodable>(_ type: T.Type, from node: Node, locator: SpecLocator) throws(SpecError) -> T {
        do {
            return try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            let (codingPath, message) = describe(error)
            throw SpecError([locator.diagnostic(SpecPath(codingPath: codingPath), message)])
        } catch {
            throw SpecError([locator.diagnostic([], "cannot decode: \(error)")])
        }
    }

    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (
                context.codingPath,
                "cannot decode \"\(SpecPath(codingPath: context.codingPath))\": \(context.debugDescription)"
            )
        case .keyNotFound(let key, let context):
            return (context.codingPath, "missing required key \"\(key.stringValue)\"")
        @unknown default:
            return ([], "cannot decode: \(error)")
        }
    }
}

extension Array where Element == Diagnostic {
    /// In report order: by file, line, column (stable for equal positions).
    func sortedForReport() -> [Diagnostic] {
        enumerated().sorted { a, b in
            (a.element.file, a.element.line, a.element.column, a.offset) < (
                b.element.file, b.element.line, b.element.column, b.offset
            )
        }.map(\.element)
    }
}
