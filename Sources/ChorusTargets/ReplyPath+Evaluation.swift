import ChorusModel
import ChorusSpec

extension ReplyPath {
    /// Every value the path selects in `json`, in document order; empty when nothing matches.
    public func select(in json: JSON) -> [JSON] {
        var current = [json]
        for step in steps {
            var next: [JSON] = []
            for value in current {
                switch (step, value) {
                case (.member(let name), .object(let members)):
                    if let member = members[name] { next.append(member) }
                case (.index(let index), .array(let items)):
                    let position = index < 0 ? items.count + index : index
                    if items.indices.contains(position) { next.append(items[position]) }
                case (.all, .array(let items)):
                    next += items
                default:
                    break
                }
            }
            current = next
        }
        return current
    }

    /// The first value the path selects, ignoring JSON `null`.
    public func first(in json: JSON) -> JSON? {
        select(in: json).first { $0 != .null }
    }
}
