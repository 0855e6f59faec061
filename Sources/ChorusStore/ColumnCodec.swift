import ChorusModel

/// The one codec of the store's JSON columns (bot texts, failed expectations, slot values,
/// entities): each is written and read with ChorusModel's `JSON` value — its writer (`JSON.text`,
/// compact and exact) and its strict RFC 8259 parser — so what is written is what is read back.
///
/// Chosen over `JSONEncoder`/`JSONDecoder` because the writer runs for every turn of every
/// conversation (millions per run) and Foundation's reflection-based coder would dominate the
/// writer's time; and because one codec on both sides cannot disagree about escaping.
///
/// A column that does not decode is an error naming the column and what is wrong, never an empty
/// list: a damaged database must not read as a run where the bot said nothing.
enum ColumnCodec {
    /// A list of texts: `["Which item?","Or say 'human'."]`.
    static func encode(_ strings: [String]) -> String {
        JSON.array(strings.map(JSON.string)).text
    }

    /// A list of name–value pairs: `[["order_id","AB-123456"]]`.
    static func encode(_ entities: [Entity]) -> String {
        JSON.array(entities.map { JSON.array([.string($0.name), .string($0.value)]) }).text
    }

    /// Reads a list of texts written by `encode(_: [String])`.
    static func strings(_ text: String, column: String) throws(StoreError) -> [String] {
        try list(text, column: column, of: "a text") { item in
            if case .string(let string) = item { string } else { nil }
        }
    }

    /// Reads a list of name–value pairs written by `encode(_: [Entity])`.
    static func entities(_ text: String, column: String) throws(StoreError) -> [Entity] {
        try list(text, column: column, of: "a [name, value] pair") { item in
            guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0],
                case .string(let value) = pair[1]
            else { return nil }
            return Entity(name: name, value: value)
        }
    }

    /// Reads a JSON list whose every item `element` accepts; `what` names an item in the message.
    private static func list<Element>(
        _ text: String, column: String, of what: String, _ element: (JSON) -> Element?
    ) throws(StoreError) -> [Element] {
        guard case .array(let items) = try parse(text, column: column) else {
            throw StoreError("column \(column) is not a JSON list: \(excerpt(text))")
        }
        var elements: [Element] = []
        elements.reserveCapacity(items.count)
        for item in items {
            guard let value = element(item) else {
                throw StoreError("column \(column) holds an item that is not \(what): \(excerpt(text))")
            }
            elements.append(value)
        }
        return elements
    }

    private static func parse(_ text: String, column: String) throws(StoreError) -> JSON {
        do {
            return try JSON(parsing: text)
        } catch {
            throw StoreError("column \(column) is not valid JSON (\(error.description)): \(excerpt(text))")
        }
    }

    /// The start of a damaged value, for the message.
    private static func excerpt(_ text: String) -> String {
        text.count > 80 ? "\"\(text.prefix(80))…\"" : "\"\(text)\""
    }
}
