/// The checks on a decoded reference bot that its schema cannot express: entities referenced by
/// forms and replies, and the intents behind fallback and handoff.
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
        for name in bot.entities.keys.sorted() {
            let entity = bot.entities[name]!
            if entity.values == nil && entity.pattern == nil {
                report(["entities", .key(name)], "entity \"\(name)\" needs \"values\" or \"pattern\"", at: .key)
            }
            if let values = entity.values, let synonyms = entity.synonyms {
                for spelling in synonyms.keys.sorted() where !values.contains(synonyms[spelling]!) {
                    let value = synonyms[spelling]!
                    report(
                        ["entities", .key(name), "synonyms", .key(spelling)],
                        "synonym \"\(spelling)\" of entity \"\(name)\" maps to \"\(value)\", which is not one of its values"
                            + NameSuggestion.hint(for: value, in: values))
                }
            }
        }

        if bot.intents[bot.handoff.intent] == nil {
            report(
                ["handoff", "intent"],
                "handoff intent \"\(bot.handoff.intent)\" is not defined in \"intents\"; the classifier needs its examples"
                    + NameSuggestion.hint(for: bot.handoff.intent, in: bot.intents.keys))
        }
        if bot.fallback.intent == bot.handoff.intent {
            report(["fallback", "intent"], "the fallback and handoff intents must differ, both are \"\(bot.fallback.intent)\"")
        }
        checkPlaceholders(bot.fallback.replies, at: ["fallback", "replies"], owner: "fallback", known: entities)
        checkPlaceholders(bot.handoff.replies, at: ["handoff", "replies"], owner: "handoff", known: entities)

        for name in bot.intents.keys.sorted() {
            checkIntent(name, bot.intents[name]!, entities: entities)
        }
    }

    private mutating func checkIntent(_ name: String, _ intent: IntentDefinition, entities: Set<String>) {
        let path: SpecPath = ["intents", .key(name)]
        let owner = "intent \"\(name)\""
        if intent.replies != nil && intent.form != nil {
            report(path, "\(owner) has both \"replies\" and \"form\"; use one", at: .key)
        } else if intent.replies == nil && intent.form == nil && name != bot.handoff.intent {
            report(path, "\(owner) needs \"replies\" or a \"form\"", at: .key)
        }
        checkPlaceholders(intent.replies ?? [], at: path.appending("replies"), owner: owner, known: entities)
        guard let form = intent.form else { return }
        let formPath = path.appending("form")
        let slotNames = Set(form.slots.map(\.name))
        for (index, slot) in form.slots.enumerated() {
            let slotPath = formPath.appending("slots").appending(index: index)
            let entity = slot.entity ?? slot.name
            if !entities.contains(entity) {
                let hint = NameSuggestion.hint(for: entity, in: entities)
                report(
                    slotPath.appending(slot.entity == nil ? "name" : "entity"),
                    "form slot \"\(slot.name)\" of \(owner) uses unknown entity \"\(entity)\"\(hint)")
            }
            checkPlaceholders(slot.ask, at: slotPath.appending("ask"), owner: owner, known: entities.union(slotNames))
        }
        checkPlaceholders(form.done, at: formPath.appending("done"), owner: owner, known: entities.union(slotNames))
    }

    private mutating func checkPlaceholders(_ replies: [String], at path: SpecPath, owner: String, known: Set<String>) {
        for (index, reply) in replies.enumerated() {
            for placeholder in Template(reply).placeholders where !known.contains(placeholder) {
                let hint = NameSuggestion.hint(for: placeholder, in: known)
                diagnostics.append(
                    locator.diagnostic(
                        path.appending(index: index), "\(owner) reply uses unknown entity or slot \"{\(placeholder)}\"\(hint)",
                        pointingAt: "{\(placeholder)}"))
            }
        }
    }

    private mutating func report(_ path: SpecPath, _ message: String, at anchor: SpecLocator.Anchor = .value) {
        diagnostics.append(locator.diagnostic(path, message, at: anchor))
    }
}
