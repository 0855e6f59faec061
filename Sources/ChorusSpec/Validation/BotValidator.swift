/// The checks on a decoded reference bot that its schema cannot express: entities referenced by
/// forms, tables and replies, the intents behind fallback, handoff and confirmation, and the
/// placeholders each reply may use.
struct BotValidator {
    let bot: BotDefinition
    let locator: SpecLocator
    private(set) var diagnostics: [Diagnostic] = []

    /// Runs every check and returns the findings.
    static func validate(_ bot: BotDefinition, locator: SpecLocator) -> [Diagnostic] {
        var validator = BotValidator(bot: bot, locator: locator)
        validator.run()
        return validator.diagnostics
    }

    private mutating func run() {
        let entities = Set(bot.entities.keys)
        let tables = Set(bot.tables.keys)
        for name in bot.entities.keys.sorted() {
            checkEntity(name, bot.entities[name]!)
        }
        for name in bot.tables.keys.sorted() {
            checkTable(name, bot.tables[name]!, entities: entities)
        }

        if bot.intents[bot.handoff.intent] == nil {
            report(
                ["handoff", "intent"],
                "handoff intent \"\(bot.handoff.intent)\" is not defined in \"intents\"; the classifier needs its examples"
                    + NameSuggestion.hint(for: bot.handoff.intent, in: bot.intents.keys))
        }
        if bot.fallback.intent == bot.handoff.intent {
            report(
                ["fallback", "intent"],
                "the fallback and handoff intents must differ, both are \"\(bot.fallback.intent)\"")
        }
        checkPlaceholders(bot.fallback.replies, at: ["fallback", "replies"], owner: "fallback", known: entities)
        checkPlaceholders(bot.handoff.replies, at: ["handoff", "replies"], owner: "handoff", known: entities)
        checkConfirmation(entities: entities.union(tables))

        for name in bot.intents.keys.sorted() {
            checkIntent(name, bot.intents[name]!, known: entities.union(tables))
        }
    }

    private mutating func checkEntity(_ name: String, _ entity: EntityDefinition) {
        let path: SpecPath = ["entities", .key(name)]
        if entity.values == nil && entity.pattern == nil {
            report(path, "entity \"\(name)\" needs \"values\" or \"pattern\"", at: .key)
        }
        if let values = entity.values, let synonyms = entity.synonyms {
            for spelling in synonyms.keys.sorted() where !values.contains(synonyms[spelling]!) {
                let value = synonyms[spelling]!
                report(
                    path.appending("synonyms").appending(spelling),
                    "synonym \"\(spelling)\" of entity \"\(name)\" maps to \"\(value)\", which is not one of its values"
                        + NameSuggestion.hint(for: value, in: values))
            }
        }
        if let invalid = entity.invalid {
            checkPlaceholders(
                invalid.replies, at: path.appending("invalid").appending("replies"),
                owner: "invalid value of entity \"\(name)\"", known: [name])
        }
    }

    private mutating func checkTable(_ name: String, _ table: BotDefinition.Table, entities: Set<String>) {
        let path: SpecPath = ["tables", .key(name)]
        if entities.contains(name) {
            report(
                path, "table \"\(name)\" has the name of an entity; a {\(name)} placeholder would be ambiguous",
                at: .key)
        }
        guard let key = bot.entities[table.key] else {
            report(
                path.appending("key"),
                "table \"\(name)\" is keyed by unknown entity \"\(table.key)\""
                    + NameSuggestion.hint(for: table.key, in: entities))
            return
        }
        // Rows of a listed entity must name its values, or they could never be picked.
        guard let values = key.values else { return }
        for row in table.rows.keys.sorted() where !values.contains(row) {
            report(
                path.appending("rows").appending(row),
                "row \"\(row)\" of table \"\(name)\" is not a value of entity \"\(table.key)\""
                    + NameSuggestion.hint(for: row, in: values),
                at: .key)
        }
    }

    private mutating func checkConfirmation(entities: Set<String>) {
        guard let confirmation = bot.confirmation else {
            for name in bot.intents.keys.sorted() where bot.intents[name]!.form?.confirm != nil {
                report(
                    ["intents", .key(name), "form", "confirm"],
                    "the form of intent \"\(name)\" asks for confirmation, but the bot has no \"confirmation\" section naming its affirm and deny intents",
                    at: .key)
            }
            return
        }
        for (role, intent) in [("affirm", confirmation.affirm), ("deny", confirmation.deny)] {
            if bot.intents[intent] == nil {
                report(
                    ["confirmation", .key(role)],
                    "\(role) intent \"\(intent)\" is not defined in \"intents\""
                        + NameSuggestion.hint(for: intent, in: bot.intents.keys))
            } else if bot.intents[intent]?.form != nil {
                report(
                    ["confirmation", .key(role)], "\(role) intent \"\(intent)\" has a form; it must be a plain intent")
            }
        }
        if confirmation.affirm == confirmation.deny {
            report(
                ["confirmation", "deny"], "the affirm and deny intents must differ, both are \"\(confirmation.deny)\"")
        }
        let slots = Set(bot.intents.values.flatMap { $0.form?.slots.map(\.name) ?? [] })
        checkPlaceholders(
            confirmation.askChange, at: ["confirmation", "ask_change"], owner: "confirmation",
            known: entities.union(slots))
    }

    private mutating func checkIntent(_ name: String, _ intent: IntentDefinition, known: Set<String>) {
        let path: SpecPath = ["intents", .key(name)]
        let owner = "intent \"\(name)\""
        if intent.replies != nil && intent.form != nil {
            report(path, "\(owner) has both \"replies\" and \"form\"; use one", at: .key)
        } else if intent.replies == nil && intent.form == nil && name != bot.handoff.intent {
            report(path, "\(owner) needs \"replies\" or a \"form\"", at: .key)
        }
        if intent.closes == true && intent.form != nil {
            report(path.appending("closes"), "\(owner) has a form, so it cannot close the conversation")
        }
        checkPlaceholders(intent.replies ?? [], at: path.appending("replies"), owner: owner, known: known)
        guard let form = intent.form else { return }
        let formPath = path.appending("form")
        let withSlots = known.union(form.slots.map(\.name))
        for (index, slot) in form.slots.enumerated() {
            let slotPath = formPath.appending("slots").appending(index: index)
            let entity = slot.entity ?? slot.name
            if bot.entities[entity] == nil {
                let hint = NameSuggestion.hint(for: entity, in: bot.entities.keys)
                report(
                    slotPath.appending(slot.entity == nil ? "name" : "entity"),
                    "form slot \"\(slot.name)\" of \(owner) uses unknown entity \"\(entity)\"\(hint)")
            }
            if form.slots[..<index].contains(where: { $0.name == slot.name }) {
                report(slotPath.appending("name"), "\(owner) has two form slots named \"\(slot.name)\"")
            }
            checkPlaceholders(slot.ask, at: slotPath.appending("ask"), owner: owner, known: withSlots)
            checkPlaceholders(slot.changed ?? [], at: slotPath.appending("changed"), owner: owner, known: withSlots)
        }
        checkPlaceholders(form.confirm ?? [], at: formPath.appending("confirm"), owner: owner, known: withSlots)
        checkPlaceholders(form.done, at: formPath.appending("done"), owner: owner, known: withSlots)
    }

    private mutating func checkPlaceholders(_ replies: [String], at path: SpecPath, owner: String, known: Set<String>) {
        for (index, reply) in replies.enumerated() {
            for placeholder in Template(reply).placeholders where !known.contains(placeholder) {
                let hint = NameSuggestion.hint(for: placeholder, in: known)
                diagnostics.append(
                    locator.diagnostic(
                        path.appending(index: index),
                        "\(owner) reply uses unknown entity or slot \"{\(placeholder)}\"\(hint)",
                        pointingAt: "{\(placeholder)}"))
            }
        }
    }

    private mutating func report(_ path: SpecPath, _ message: String, at anchor: SpecLocator.Anchor = .value) {
        diagnostics.append(locator.diagnostic(path, message, at: anchor))
    }
}
