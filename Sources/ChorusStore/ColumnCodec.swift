import ChorusModel

/// The one codec of the store's JSON columns (bot texts, failed expectations, slot values,
/// entities, dialogue failures, behaviours, goal records): each is written exactly as
/// ChorusModel's `JSON.text` writes the same value (compact, keys sorted, strings escaped by
/// `JSONText`) and read with its strict RFC 8259 parser, so what is written is what is read back.
///
/// Chosen over `JSONEncoder`/`JSONDecoder` because the writer runs for every turn of every
/// conversation (millions per run) and Foundation's reflection-based coder would dominate the
/// writer's time; and because one codec on both sides cannot disagree about escaping.
///
/// A column that does not decode is an error naming the column and what is wrong, never an empty
/// list: a damaged database must not read as a run where the bot said nothing.
enum ColumnCodec {
    /// A list of texts: `["Which item?","Or say 'human'."]`.
    static func write(_ strings: [String], to out: inout [UInt8]) {
        appendList(strings, to: &out) { JSONText.appendString($0, to: &$1) }
    }

    /// A list of name–value pairs: `[["order_id","AB-123456"]]`.
    static func write(_ entities: [Entity], to out: inout [UInt8]) {
        appendList(entities, to: &out) { entity, out in
            out.append(UInt8(ascii: "["))
            JSONText.appendString(entity.name, to: &out)
            out.append(UInt8(ascii: ","))
            JSONText.appendString(entity.value, to: &out)
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A list of names of a closed set (`DialogueFailure`, `Behaviour`): `["context_lost"]`.
    static func write<Name: RawRepresentable<String>>(_ names: [Name], to out: inout [UInt8]) {
        appendList(names, to: &out) { JSONText.appendString($0.rawValue, to: &$1) }
    }

    /// A conversation's goals: `[{"confirmed":[[…]],"name":"refund","outcome":"completed","turns":3,"values":[[…]]}]`
    /// (keys in order, as `JSON.text` writes an object).
    static func write(_ goals: [GoalRecord], to out: inout [UInt8]) {
        appendList(goals, to: &out) { goal, out in
            out.append(contentsOf: #"{"confirmed":"#.utf8)
            write(goal.confirmed, to: &out)
            out.append(contentsOf: #","name":"#.utf8)
            JSONText.appendString(goal.name, to: &out)
            out.append(contentsOf: #","outcome":"#.utf8)
            JSONText.appendString(goal.outcome.rawValue, to: &out)
            out.append(contentsOf: #","turns":"#.utf8)
            out.append(contentsOf: String(goal.turns).utf8)
            out.append(contentsOf: #","values":"#.utf8)
            write(goal.values, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    // The writers above produce exactly what `JSON.text` writes for the same values (compact, keys
    // sorted, strings escaped by `JSONText`), without building the `JSON` tree and as UTF-8 bytes
    // bound straight into the statement: they run for every turn of every conversation.
    // `ColumnCodecTests` checks them against `JSON.text`.

    /// `[item,item,…]`.
    private static func appendList<Element>(
        _ items: [Element], to out: inout [UInt8], _ item: (Element, inout [UInt8]) -> Void
    ) {
        out.append(UInt8(ascii: "["))
        for index in items.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            item(items[index], &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A run's labels: `{"bot":"v2","model":"small"}`.
    static func encode(labels: [String: String]) -> String {
        JSON.object(labels.mapValues(JSON.string)).text
    }

    /// Reads labels written by `encode(labels:)`.
    static func labels(_ text: String, column: String) throws(StoreError) -> [String: String] {
        guard case .object(let members) = try parse(text, column: column) else {
            throw StoreError("column \(column) is not a JSON object: \(excerpt(text))")
        }
        var labels: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else {
                throw StoreError("column \(column) holds a label that is not a text: \(excerpt(text))")
            }
            labels[key] = text
        }
        return labels
    }

    /// Reads a list of names written by `encode(_: [Name])`; a name this version does not know is an error.
    static func names<Name: RawRepresentable<String>>(_ text: String, column: String, as: Name.Type) throws(StoreError)
        -> [Name]
    {
        try list(text, column: column, of: "a known name") { item in
            if case .string(let name) = item { Name(rawValue: name) } else { nil }
        }
    }

    /// Reads goal records written by `encode(_: [GoalRecord])`.
    static func goals(_ text: String, column: String) throws(StoreError) -> [GoalRecord] {
        try list(text, column: column, of: "a goal record") { item in
            guard case .string(let name)? = item["name"], case .string(let outcome)? = item["outcome"],
                let outcome = Outcome(rawValue: outcome), case .number(let number)? = item["turns"],
                case let turns = number.double, turns >= 0, turns == turns.rounded(),
                let values = item["values"].flatMap(pairs),
                let confirmed = item["confirmed"].flatMap(pairs)
            else { return nil }
            return GoalRecord(name: name, outcome: outcome, turns: Int(turns), values: values, confirmed: confirmed)
        }
    }

    /// Reads a list of texts written by `encode(_: [String])`.
    static func strings(_ text: String, column: String) throws(StoreError) -> [String] {
        try list(text, column: column, of: "a text") { item in
            if case .string(let string) = item { string } else { nil }
        }
    }

    /// Reads a list of name–value pairs written by `encode(_: [Entity])`.
    static func entities(_ text: String, column: String) throws(StoreError) -> [Entity] {
        try list(text, column: column, of: "a [name, value] pair", pair)
    }

    /// One `[name, value]` pair.
    private static func pair(_ item: JSON) -> Entity? {
        guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0],
            case .string(let value) = pair[1]
        else { return nil }
        return Entity(name: name, value: value)
    }

    /// A list of `[name, value]` pairs inside another value; `nil` when it is not one.
    private static func pairs(_ value: JSON) -> [Entity]? {
        guard case .array(let items) = value else { return nil }
        let entities = items.compactMap(pair)
        return entities.count == items.count ? entities : nil
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
