/// Loads and validates a reference bot definition (`Fixtures/bots/*.yaml`).
public enum BotLoader {
    /// Loads the bot file at `path`, reporting every problem with its line and column.
    public static func load(path: String) throws(SpecError) -> BotDefinition {
        let checked = try SpecReader.check(path: path, schema: BotDefinition.schema)
        let locator = SpecLocator(documents: [checked.document])
        let bot = try SpecReader.decode(BotDefinition.self, from: checked.document.root, locator: locator)
        let diagnostics = checked.valueErrors + BotValidator.validate(bot, locator: locator)
        guard diagnostics.isEmpty else { throw SpecError(diagnostics.sortedForReport()) }
        return bot
    }
}
