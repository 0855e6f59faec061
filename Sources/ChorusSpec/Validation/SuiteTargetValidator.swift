/// Checks a suite against what the bot under test declares (`BotDeclaration`): every intent the
/// suite expects must be one the bot can predict, every entity it expects one the bot extracts,
/// and every slot's `ask` pattern must match at least one of the bot's questions — otherwise the
/// synthetic user would never recognise the question and every such conversation would fail for
/// a reason that is the suite's, not the bot's. Each finding points at the suite's YAML.
public struct SuiteTargetValidator {
    let suite: Suite
    let bot: BotDeclaration
    let locator: SpecLocator
    private(set) var diagnostics: [Diagnostic] = []

    /// Checks `loaded` (reading its files again for positions) against `bot`.
    public static func validate(_ loaded: LoadedSuite, against bot: BotDeclaration) throws(SpecError) -> [Diagnostic] {
        var documents: [YAMLDocument] = []
        for file in loaded.files { documents.append(try YAMLDocument.compose(try SourceFile.read(file))) }
        var validator = SuiteTargetValidator(suite: loaded.suite, bot: bot, locator: SpecLocator(documents: documents))
        validator.run()
        return validator.diagnostics.sortedForReport()
    }

    private mutating func run() {
        let recognizers = [
            ("fallback", suite.bot.fallback), ("handoff", suite.bot.handoff), ("confirm", suite.bot.confirm),
            ("closing", suite.bot.closing),
        ]
        for (kind, recognizer) in recognizers {
            for (index, intent) in recognizer.intents.enumerated() {
                expect(
                    intent: intent, at: ["bot", .key(kind), "intents", .index(index)],
                    by: "the suite's \(kind) recognition")
            }
        }
        if let dialogue = suite.dialogue {
            for key in (dialogue.intents ?? [:]).keys.sorted() {
                expect(
                    intent: dialogue.intents![key]!, at: ["dialogue", "intents", .key(key)], by: "the \"\(key)\" act")
            }
            for (index, digression) in (dialogue.digressions ?? []).enumerated() {
                if let intent = digression.intent {
                    expect(
                        intent: intent, at: ["dialogue", "digressions", .index(index), "intent"],
                        by: "digression \(index + 1)")
                }
            }
        }
        for name in suite.goals.keys.sorted() {
            guard let goal = suite.goals[name] else { continue }
            let path: SpecPath = ["goals", .key(name)]
            let quoted = "goal \"\(name)\""
            if let intent = goal.intent { expect(intent: intent, at: path.appending("intent"), by: quoted) }
            if let intent = goal.success?.intent {
                expect(
                    intent: intent, at: path.appending("success").appending("intent"), by: "the success of \(quoted)")
            }
            let slots = goal.slots ?? [:]
            if let intent = goal.answerIntent {
                expect(intent: intent, at: path.appending("answer_intent"), by: "the answers of \(quoted)")
            } else if !goal.isScripted, !slots.isEmpty, !bot.intents.contains(Goal.defaultAnswerIntent) {
                report(
                    path,
                    "\(quoted) expects its answers as intent \"\(Goal.defaultAnswerIntent)\" (the default \"answer_intent\"), "
                        + "which \(bot.name) does not have; set \"answer_intent\"", at: .key)
            }
            for slotName in slots.keys.sorted() {
                guard let slot = slots[slotName] else { continue }
                let slotPath = path.appending("slots").appending(slotName)
                if !bot.entities.contains(slotName) {
                    let hint = NameSuggestion.hint(for: slotName, in: bot.entities)
                    report(
                        slotPath, "slot \"\(slotName)\" of \(quoted) is not an entity \(bot.name) extracts\(hint)",
                        at: .key)
                }
                if let ask = slot.ask {
                    checkQuestion(ask, slot: slotName, of: quoted, goal: goal, at: slotPath.appending("ask"))
                }
            }
            for requestName in (goal.requests ?? [:]).keys.sorted() {
                if let intent = goal.requests?[requestName]?.intent {
                    expect(
                        intent: intent, at: path.appending("requests").appending(requestName).appending("intent"),
                        by: "request \"\(requestName)\" of \(quoted)")
                }
            }
            for (index, step) in (goal.steps ?? []).enumerated() {
                let expectPath = path.appending("steps").appending(index: index).appending("expect")
                let named = "step \(index + 1) of \(quoted)"
                if let intent = step.expect?.intent {
                    expect(intent: intent, at: expectPath.appending("intent"), by: named)
                }
                for entity in (step.expect?.slots ?? [:]).keys.sorted() where !bot.entities.contains(entity) {
                    let hint = NameSuggestion.hint(for: entity, in: bot.entities)
                    report(
                        expectPath.appending("slots").appending(entity),
                        "\(named) expects entity \"\(entity)\", which \(bot.name) does not extract\(hint)", at: .key)
                }
            }
        }
    }

    private mutating func expect(intent: String, at path: SpecPath, by who: String) {
        guard !bot.intents.contains(intent) else { return }
        let hint = NameSuggestion.hint(for: intent, in: bot.intents)
        report(path, "\(who) expects intent \"\(intent)\", which \(bot.name) does not have\(hint)")
    }

    /// An `ask` pattern must recognise at least one of the bot's questions (its `{placeholders}`
    /// standing for any value of their vocab, as the bot's question templates are not filled in).
    private mutating func checkQuestion(
        _ ask: String, slot: String, of goal: String, goal spec: Goal, at path: SpecPath
    ) {
        let anyValue: (String) -> String? = { name in
            self.suite.vocab(forPlaceholder: name, in: spec)?.anyValueRegex ?? ".+?"
        }
        guard let pattern = try? ValuedPattern(ask, anyValue: anyValue),
            !bot.questions.contains(where: { pattern.matchesAny([$0.text]) })
        else { return }
        // Show the questions the bot asks for this slot, or else any, so the fix is in view.
        let own = bot.questions.filter { $0.slot == slot || $0.slot.hasSuffix("_\(slot)") }
        let shown = (own.isEmpty ? bot.questions : own).prefix(3).map(\.text.debugDescription)
        let asks =
            shown.isEmpty
            ? "; it asks no questions"
            : "; it asks \(own.isEmpty ? "" : "for \"\(slot)\" ")\(shown.joined(separator: ", "))"
        report(path, "\"ask\" of slot \"\(slot)\" of \(goal) matches none of the questions of \(bot.name)\(asks)")
    }

    private mutating func report(_ path: SpecPath, _ message: String, at anchor: SpecLocator.Anchor = .value) {
        diagnostics.append(locator.diagnostic(path, message, at: anchor))
    }
}
