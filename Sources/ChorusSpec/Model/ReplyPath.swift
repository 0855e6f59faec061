import ChorusModel

/// A path into a JSON reply, in a small subset of JSONPath:
///
/// - `$` is the whole reply;
/// - `.name` a member of an object (letters, digits, `_` and `-`), `["any name"]` or
///   `['any name']` for other names;
/// - `[N]` the N-th item of a list (from 0; `[-1]` is the last), `[*]` every item.
///
/// `$.messages[*].text` selects the `text` of every message; `$.nlu.intent.name` one value;
/// `$[0].metadata.handoff` a member of the first item of a list reply.
public struct ReplyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        /// A member of an object.
        case member(String)
        /// An item of a list; negative counts from the end.
        case index(Int)
        /// Every item of a list.
        case all
    }

    public let steps: [Step]
    /// The path as written.
    public let text: String

    /// Parses `text`; throws with the offset of the first character it cannot read.
    public init(parsing text: String) throws(ReplyPathError) {
        let scalars = Array(text.unicodeScalars)
        func fail(_ offset: Int, _ reason: String) -> ReplyPathError {
            ReplyPathError(path: text, offset: offset, reason: reason)
        }
        guard scalars.first == "$" else { throw fail(0, "a reply path starts with \"$\"") }
        var steps: [Step] = []
        var position = 1
        while position < scalars.count {
            switch scalars[position] {
            case ".":
                var end = position + 1
                while end < scalars.count, Self.isNameScalar(scalars[end]) { end += 1 }
                guard end > position + 1 else { throw fail(position + 1, "expected a member name after \".\"") }
                steps.append(.member(String(String.UnicodeScalarView(scalars[(position + 1)..<end]))))
                position = end
            case "[":
                guard position + 1 < scalars.count else { throw fail(position, "unclosed \"[\"") }
                let next = scalars[position + 1]
                if next == "\"" || next == "'" {
                    var end = position + 2
                    while end < scalars.count, scalars[end] != next { end += 1 }
                    guard end + 1 < scalars.count, scalars[end + 1] == "]" else {
                        throw fail(position, "unclosed quoted member name")
                    }
                    steps.append(.member(String(String.UnicodeScalarView(scalars[(position + 2)..<end]))))
                    position = end + 2
                } else {
                    guard let close = scalars[position...].firstIndex(of: "]") else {
                        throw fail(position, "unclosed \"[\"")
                    }
                    let inside = String(String.UnicodeScalarView(scalars[(position + 1)..<close]))
                    if inside == "*" {
                        steps.append(.all)
                    } else if let index = Int(inside) {
                        steps.append(.index(index))
                    } else {
                        throw fail(position + 1, "expected a list index, \"*\" or a quoted name inside \"[…]\"")
                    }
                    position = close + 1
                }
            default:
                throw fail(position, "expected \".\" or \"[\"")
            }
        }
        self.steps = steps
        self.text = text
    }

    public var description: String { text }

    /// Whether the path can select more than one value (it has a `[*]`).
    public var selectsMany: Bool { steps.contains(.all) }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "-" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
