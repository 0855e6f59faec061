import ChorusModel

/// An `${ENV_VAR}` reference in a target file: the only way a secret may appear there. The
/// variable is read when the target is made; its value never reaches `TargetInfo`, the store
/// or reports.
public struct SecretReference: Sendable, Equatable {
    /// The environment variable's name.
    public var variable: String
    /// The setting that uses it, e.g. `headers.Authorization`.
    public var setting: String
    /// Where the reference is written, with the message reported when the variable is unset.
    public var unsetDiagnostic: Diagnostic

    public init(variable: String, setting: String, unsetDiagnostic: Diagnostic) {
        self.variable = variable
        self.setting = setting
        self.unsetDiagnostic = unsetDiagnostic
    }

    /// The variable names referenced in `text`, in order; throws a reason when a `${` is not a
    /// well-formed reference (`${NAME}`, NAME of letters, digits and `_`, not starting with a digit).
    public static func variables(in text: String) throws(SecretSyntaxError) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                throw SecretSyntaxError(reference: String(rest[start.lowerBound...]), reason: "unclosed \"${\"")
            }
            let name = String(after[..<close])
            guard isVariableName(name) else {
                throw SecretSyntaxError(
                    reference: "${\(name)}", reason: "\"\(name)\" is not an environment variable name")
            }
            names.append(name)
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// `text` with every `${NAME}` replaced by `transform(value)`; nil values (unset variables)
    /// are left as they are, so check `variables(in:)` against the environment first.
    public static func expand(
        _ text: String, environment: [String: String], transform: (String) -> String = { $0 }
    ) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let close = rest[start.upperBound...].firstIndex(of: "}") {
            out += rest[..<start.lowerBound]
            let name = String(rest[start.upperBound..<close])
            out += environment[name].map(transform) ?? "${\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }
}

/// A malformed `${…}` reference.
public struct SecretSyntaxError: Error, Sendable, Equatable {
    public var reference: String
    public var reason: String
}
