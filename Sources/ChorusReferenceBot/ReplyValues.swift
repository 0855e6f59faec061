import ChorusModel
import ChorusSpec

/// The values a reply's placeholders may quote: slots of the form being answered, entities of
/// the message, and rows of the bot's tables picked by either.
struct ReplyValues {
    var slots: [String: String] = [:]
    var entities: [Entity] = []
    let tables: [String: BotDefinition.Table]

    /// The value for placeholder `name`: a slot, else an entity of the message, else the row of
    /// table `name` for the value of its key.
    func value(of name: String) -> String? {
        if let value = direct(name) { return value }
        if let table = tables[name], let key = direct(table.key) { return table.rows[key] }
        return nil
    }

    private func direct(_ name: String) -> String? {
        if let value = slots[name] { return value }
        for entity in entities where entity.name == name { return entity.value }
        return nil
    }
}
