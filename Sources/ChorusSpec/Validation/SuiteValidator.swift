/// The checks on a decoded suite that its schema cannot express: cross-references between
/// sections, goal kinds and gate bounds. Each finding points at the YAML that causes it.
struct SuiteValidator {
    let suite: Suite
    let locator: SpecLocator
    private(set) var diagnostics: [Diagnostic] = []

    init(suite: Suite, locator: SpecLocator) {
        self.suite = suite
        self.locator = locator
    }

    /// Runs every check and returns the findings.
    static func validate(_ suite: Suite, locator: SpecLocator) -> [Diagnostic] {
        var validator = SuiteValidator(suite: suite, locator: locator)
        validator.run()
        return validator.diagnostics
    }

    private mutating func run() {
        if suite.personas.isEmpty {
            report(["personas"], "suite \"\(suite.suite)\" defines no personas; add at least one under \"personas\"")
        }
        if suite.goals.isEmpty, suite.data?.isEmpty ?? true {
            report(["goals"], "suite \"\(suite.suite)\" defines no goals; add at least one under \"goals\"")
        }
        for name in suite.goals.keys.sorted() {
            checkGoal(name, suite.goals[name]!)
        }
        for (index, source) in (suite.data ?? []).enumerated() {
            checkPersonas(source.personas, at: ["data", .index(index)], of: "data file \"\(source.file)\"")
            if source.resolvedFormat == nil {
                report(
                    ["data", .index(index), "file"],
                    "cannot tell the format of \"\(source.file)\" from its name; set \"format\" (csv, tsv, jsonl or rasa)"
                )
            }
        }
        for name in suite.vocab.keys.sorted() {
            if case .lookup(let key, let table) = suite.vocab[name]! { checkLookup(name, key: key, table: table) }
        }
        if let dialogue = suite.dialogue { checkDialogue(dialogue) }
        if let label = suite.bot.fallbackAsIntent {
            if label.allSatisfy(\.isWhitespace) {
                report(
                    ["bot", "fallback_as_intent"], "\"fallback_as_intent\" must name an intent, e.g. \"nlu_fallback\"")
            } else if suite.bot.fallback.intents.isEmpty && suite.bot.fallback.patterns.isEmpty {
                report(
                    ["bot", "fallback_as_intent"],
                    "\"fallback_as_intent\" needs a way to recognise a fallback; give \"bot.fallback\" intents or patterns"
                )
            }
        }
        for name in (suite.gate ?? [:]).keys.sorted() {
            checkGateRule(name, suite.gate![name]!)
        }
    }

    private mutating func checkGoal(_ name: String, _ goal: Goal) {
        let path: SpecPath = ["goals", .key(name)]
        let quoted = "goal \"\(name)\""

        checkPersonas(goal.personas, at: path, of: quoted)
        let eachSteps = (goal.steps ?? []).indices.filter { goal.steps![$0].each == true }
        for index in eachSteps.dropFirst() {
            report(
                path.appending("steps").appending(index: index).appending("each"),
                "\(quoted) enumerates step \(eachSteps[0] + 1) already; only one step of a goal can be \"each\"",
                at: .key)
        }
        if goal.each == false, let first = eachSteps.first {
            report(
                path.appending("steps").appending(index: first).appending("each"),
                "\(quoted) sets \"each: false\" but this step is \"each\"", at: .key)
        }

        let agendaKeys = [("intent", goal.intent != nil), ("openings", goal.openings != nil)]
        let isAgenda = agendaKeys.contains { $0.1 }
        if goal.isScripted && isAgenda {
            let keys = agendaKeys.filter(\.1).map { "\"\($0.0)\"" }.joined(separator: " and ")
            report(path, "\(quoted) has both \(keys) (agenda) and \"steps\" (scripted); use one or the other", at: .key)
        } else if !goal.isScripted && !isAgenda {
            report(
                path, "\(quoted) needs either \"intent\" and \"openings\" (agenda) or \"steps\" (scripted)", at: .key)
        } else if isAgenda {
            for (key, present) in agendaKeys where !present {
                report(path, "agenda \(quoted) is missing \"\(key)\"", at: .key)
            }
        } else {
            // A scripted user never answers slot questions or checks a success condition, so
            // these keys would be silently ignored.
            for (key, present) in [("answer_intent", goal.answerIntent != nil), ("success", goal.success != nil)]
            where present {
                report(
                    path.appending(key), "scripted \(quoted) cannot use \"\(key)\"; it applies to agenda goals only",
                    at: .key)
            }
        }

        let slots = goal.slots ?? [:]
        for slotName in slots.keys.sorted() {
            let slot = slots[slotName]!
            let vocab = slot.vocab ?? slotName
            guard suite.vocab[vocab] == nil else { continue }
            let hint = NameSuggestion.hint(for: vocab, in: suite.vocab.keys)
            let slotPath = path.appending("slots").appending(slotName)
            if slot.vocab != nil {
                report(
                    slotPath.appending("vocab"),
                    "slot \"\(slotName)\" of \(quoted) uses unknown vocab \"\(vocab)\"\(hint)")
            } else {
                report(
                    slotPath,
                    "slot \"\(slotName)\" of \(quoted) draws from vocab \"\(vocab)\", which is not defined\(hint); "
                        + "add it to \"vocab\" or set the slot's \"vocab\"", at: .key)
            }
        }

        // Every template a synthetic user speaks or expects, with its path.
        var templates: [(SpecPath, String)] = []
        for (index, opening) in (goal.openings ?? []).enumerated() {
            templates.append((path.appending("openings").appending(index: index), opening))
        }
        for slotName in slots.keys.sorted() {
            for (index, answer) in (slots[slotName]!.answers ?? []).enumerated() {
                templates.append(
                    (path.appending("slots").appending(slotName).appending("answers").appending(index: index), answer))
            }
        }
        // Every reply pattern, whose `{placeholders}` stand for the conversation's values.
        var patterns: [(SpecPath, String)] = []
        if let reply = goal.success?.reply { patterns.append((path.appending("success").appending("reply"), reply)) }
        for slotName in slots.keys.sorted() {
            if let ask = slots[slotName]!.ask {
                patterns.append((path.appending("slots").appending(slotName).appending("ask"), ask))
            }
        }
        for (stepIndex, step) in (goal.steps ?? []).enumerated() {
            let stepPath = path.appending("steps").appending(index: stepIndex)
            for (index, utterance) in step.user.enumerated() {
                templates.append((stepPath.appending("user").appending(index: index), utterance))
            }
            let expected = step.expect?.slots ?? [:]
            for key in expected.keys.sorted() {
                templates.append((stepPath.appending("expect").appending("slots").appending(key), expected[key]!))
            }
            if let reply = step.expect?.reply {
                patterns.append((stepPath.appending("expect").appending("reply"), reply))
            }
        }
        let requests = goal.requests ?? [:]
        for requestName in requests.keys.sorted() {
            let requestPath = path.appending("requests").appending(requestName)
            for (index, utterance) in requests[requestName]!.user.enumerated() {
                templates.append((requestPath.appending("user").appending(index: index), utterance))
            }
            patterns.append((requestPath.appending("reply"), requests[requestName]!.reply))
        }
        if goal.isScripted, goal.requests != nil {
            report(
                path.appending("requests"),
                "scripted \(quoted) cannot use \"requests\"; it applies to agenda goals only", at: .key)
        }
        let known = Set(slots.keys).union(suite.vocab.keys)
        for (templatePath, text) in templates {
            for placeholder in Template(text).placeholders where !known.contains(placeholder) {
                let hint = NameSuggestion.hint(for: placeholder, in: known)
                report(
                    templatePath, "\(quoted) uses unknown slot or vocab \"{\(placeholder)}\"\(hint)",
                    pointingAt: "{\(placeholder)}")
            }
        }
        for (patternPath, text) in patterns {
            var unknown = false
            for placeholder in ValuedPattern.placeholderNames(in: text) where !known.contains(placeholder) {
                unknown = true
                let hint = NameSuggestion.hint(for: placeholder, in: known)
                report(
                    patternPath, "\(quoted) uses unknown slot or vocab \"{\(placeholder)}\"\(hint)",
                    pointingAt: "{\(placeholder)}")
            }
            guard !unknown else { continue }
            // With every placeholder standing for its vocab's values, the whole must compile.
            let compiles =
                (try? ValuedPattern(text, anyValue: { suite.vocab(forPlaceholder: $0, in: goal)?.anyValueRegex }))
                != nil
            if !compiles, (try? ValuedPattern(text, anyValue: { _ in ".+?" })) != nil {
                report(
                    patternPath,
                    "\(quoted): the pattern \"\(text)\" does not compile once its placeholders stand for their values")
            }
        }
        for (index, slot) in (goal.success?.slots ?? []).enumerated() where slots[slot] == nil {
            let hint = NameSuggestion.hint(for: slot, in: slots.keys)
            report(
                path.appending("success").appending("slots").appending(index: index),
                "\(quoted) requires unknown slot \"\(slot)\" in its success\(hint)")
        }
    }

    private mutating func checkPersonas(_ personas: [String]?, at path: SpecPath, of quoted: String) {
        for (index, persona) in (personas ?? []).enumerated() where suite.personas[persona] == nil {
            let hint = NameSuggestion.hint(for: persona, in: suite.personas.keys)
            report(
                path.appending("personas").appending(index: index),
                "\(quoted) names unknown persona \"\(persona)\"\(hint)")
        }
    }

    private mutating func checkLookup(_ name: String, key: String, table: [String: String]) {
        let path: SpecPath = ["vocab", .key(name), "lookup"]
        guard let keyVocab = suite.vocab[key] else {
            let hint = NameSuggestion.hint(for: key, in: suite.vocab.keys)
            return report(path, "vocab \"\(name)\" looks up by unknown vocab \"\(key)\"\(hint)")
        }
        switch keyVocab {
        case .lookup:
            report(
                path,
                "vocab \"\(name)\" looks up by vocab \"\(key)\", which is itself a lookup; key it by a list or pattern vocab"
            )
        case .values(let values):
            let missing = values.filter { table[$0] == nil }
            if !missing.isEmpty {
                report(
                    ["vocab", .key(name), "values"],
                    "vocab \"\(name)\" has no value for \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) of vocab \"\(key)\"",
                    at: .key)
            }
        case .pattern:
            break
        }
    }

    private mutating func checkDialogue(_ dialogue: DialoguePhrases) {
        for (key, phrases) in [("deny", dialogue.deny), ("correct", dialogue.correct)] {
            for (index, phrase) in (phrases ?? []).enumerated() where !Template(phrase).placeholders.contains("value") {
                report(
                    ["dialogue", .key(key), .index(index)],
                    "\"\(key)\" phrase \"\(phrase)\" must say the value: put {value} in it")
            }
        }
        for (key, phrases) in [
            ("affirm", dialogue.affirm), ("escalate", dialogue.escalate), ("close", dialogue.close),
            ("also", dialogue.also),
        ] {
            for (index, phrase) in (phrases ?? []).enumerated() {
                for placeholder in Template(phrase).placeholders {
                    report(
                        ["dialogue", .key(key), .index(index)],
                        "\"\(key)\" phrase \"\(phrase)\" cannot use \"{\(placeholder)}\"",
                        pointingAt: "{\(placeholder)}")
                }
            }
        }
        let known = Set(suite.vocab.keys)
        for (number, digression) in (dialogue.digressions ?? []).enumerated() {
            for (index, utterance) in digression.user.enumerated() {
                for placeholder in Template(utterance).placeholders where !known.contains(placeholder) {
                    let hint = NameSuggestion.hint(for: placeholder, in: known)
                    report(
                        ["dialogue", "digressions", .index(number), "user", .index(index)],
                        "digression uses unknown vocab \"{\(placeholder)}\"\(hint)", pointingAt: "{\(placeholder)}")
                }
            }
        }
    }

    private mutating func checkGateRule(_ name: String, _ rule: GateRule) {
        let path: SpecPath = ["gate", .key(name)]
        if rule.min == nil && rule.max == nil && rule.maxDrop == nil && rule.maxRise == nil && rule.languages == nil {
            report(
                path, "gate rule \"\(name)\" sets no bound; give \"min\", \"max\", \"max_drop\" or \"max_rise\"",
                at: .key)
        }
        if let min = rule.min, let max = rule.max, min > max {
            report(
                path.appending("min"),
                "gate rule \"\(name)\" has \"min\" \(SchemaNode.format(min)) greater than \"max\" \(SchemaNode.format(max))"
            )
        }
    }

    private mutating func report(
        _ path: SpecPath, _ message: String, at anchor: SpecLocator.Anchor = .value, pointingAt needle: String? = nil
    ) {
        diagnostics.append(locator.diagnostic(path, message, at: anchor, pointingAt: needle))
    }
}
