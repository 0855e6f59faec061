import ChorusSpec
import Foundation
import Yams

/// Scaffolds a runnable suite for a bot (`chorus init`): from a reference-bot file or a Rasa
/// project, personas, one goal per intent opening with the bot's own examples, slot values from
/// its entities, its fallback and handoff recognition, a gate with sensible defaults, and a
/// target file.
public enum SuiteScaffold {
    /// The files to write: `suite.yaml` and `target.yaml`, by name.
    public struct Output: Sendable {
        public var suite: String
        public var target: String
        /// What the scaffold could not carry over, or chose for the user.
        public var notes: [String]
    }

    struct Scaffold: Encodable {
        struct Noise: Encodable {
            var typo: Double
            var `case`: Double
            var punctuation: Double
        }

        struct Persona: Encodable {
            var weight: Double?
            var noise: Noise?
        }

        struct Slot: Encodable {
            var vocab: String?
            var ask: String?
        }

        struct Goal: Encodable {
            var intent: String
            var openings: [String]
            var slots: [String: Slot]?
        }

        struct Recognizer: Encodable {
            var intents: [String]
        }

        struct Bot: Encodable {
            var fallback: Recognizer
            var handoff: Recognizer?
        }

        struct Rule: Encodable {
            var min: Double?
            var max: Double?
            var maxDrop: Double?
            var maxRise: Double?

            enum CodingKeys: String, CodingKey {
                case min, max
                case maxDrop = "max_drop"
                case maxRise = "max_rise"
            }
        }

        var version = 1
        var suite: String
        var language: String
        var seed = 1
        var conversations = 1000
        var maxTurns = 10
        var vocab: [String: [String]]?
        var personas: [String: Persona] = [
            "careful": Persona(),
            "hurried": Persona(weight: 2, noise: Noise(typo: 0.05, case: 0.2, punctuation: 0.3)),
        ]
        var goals: [String: Goal]
        var bot: Bot
        var gate: [String: Rule] = [
            "intent_accuracy": Rule(min: 0.8, maxDrop: 0.03),
            "completion_rate": Rule(maxDrop: 0.05),
            "fallback_rate": Rule(max: 0.2, maxRise: 0.03),
            "intent_f1": Rule(maxDrop: 0.1),
        ]

        enum CodingKeys: String, CodingKey {
            case version, suite, language, seed, conversations
            case maxTurns = "max_turns"
            case vocab, personas, goals, bot, gate
        }
    }

    /// A suite for the reference bot at `botPath`, with a target file pointing at it from `folder`.
    public static func reference(botPath: String, writingTo folder: String) throws(SpecError) -> Output {
        let bot = try BotLoader.load(path: botPath)
        var notes: [String] = []
        var vocab: [String: [String]] = [:]
        for (name, entity) in bot.entities {
            if let values = entity.values, !values.isEmpty {
                vocab[name] = values
            } else {
                notes.append(
                    "entity \"\(name)\" is a pattern: its slots are answered with no values until you add vocab \"\(name)\""
                )
            }
        }
        var goals: [String: Scaffold.Goal] = [:]
        for (name, intent) in bot.intents where name != bot.fallback.intent && name != bot.handoff.intent {
            var slots: [String: Scaffold.Slot] = [:]
            for slot in intent.form?.slots ?? [] {
                let entity = slot.entity ?? slot.name
                guard vocab[entity] != nil else { continue }
                slots[slot.name] = Scaffold.Slot(
                    vocab: entity == slot.name ? nil : entity, ask: slot.ask.first.map(askPattern))
            }
            // Placeholders of examples that name no vocab would be errors; such examples are left out.
            let openings = intent.examples.filter { Template($0).placeholders.allSatisfy { vocab[$0] != nil } }
            guard !openings.isEmpty else { continue }
            goals[name] = Scaffold.Goal(intent: name, openings: openings, slots: slots.isEmpty ? nil : slots)
        }
        notes.append("openings are the bot's own training examples: write held-out paraphrases for an honest accuracy")
        let scaffold = Scaffold(
            suite: bot.bot, language: bot.language, vocab: vocab.isEmpty ? nil : vocab, goals: goals,
            bot: .init(fallback: .init(intents: [bot.fallback.intent]), handoff: .init(intents: [bot.handoff.intent])))
        let relative = relativePath(from: folder, to: botPath)
        let target =
            "# The reference bot \(bot.bot), embedded: no server needed.\nkind: reference\nname: \(bot.bot)\nbot: \(relative)\n"
        return Output(suite: try encode(scaffold), target: target, notes: notes)
    }

    /// A suite for a Rasa project: one goal per intent of its NLU data, opening with its examples,
    /// and a target for Rasa's REST channel on localhost.
    public static func rasa(project: String) throws(SpecError) -> Output {
        var examples: [String: [String]] = [:]
        var order: [String] = []
        for file in SuiteImporter.expand(project) where SourceKind.of(file) == .rasaNLU {
            for example in try RasaNLU.read(path: file).examples {
                if examples[example.intent] == nil { order.append(example.intent) }
                examples[example.intent, default: []].append(example.text)
            }
        }
        guard !order.isEmpty else {
            throw SpecError([
                Diagnostic(
                    file: project, line: 0, column: 0, message: "no Rasa NLU data (nlu: with - intent: items) found")
            ])
        }
        var goals: [String: Scaffold.Goal] = [:]
        for intent in order where intent != "nlu_fallback" {
            // Openings must not contain braces Chorus would read as placeholders.
            let usable = examples[intent]!.filter { Template($0).placeholders.isEmpty }
            guard !usable.isEmpty else { continue }
            goals[intent] = Scaffold.Goal(intent: intent, openings: usable)
        }
        let scaffold = Scaffold(
            suite: (project as NSString).lastPathComponent, language: "en", goals: goals,
            bot: .init(fallback: .init(intents: ["nlu_fallback"]), handoff: nil))
        let target =
            "# The Rasa bot over its REST channel (rasa run --enable-api); parse: true reads intents and entities.\nkind: rasa\nname: \((project as NSString).lastPathComponent)\nurl: http://127.0.0.1:5005\nparse: true\ntimeout: 10\nretries: 2\n"
        return Output(
            suite: try encode(scaffold), target: target,
            notes: [
                "openings are the project's NLU examples: move some out of training (or write paraphrases) for an honest accuracy",
                "set bot.handoff to the intent or text of the bot's handoff replies",
            ])
    }

    /// A regular expression matching a form question: its text up to the first placeholder.
    static func askPattern(_ question: String) -> String {
        let fixed = question.split(separator: "{", maxSplits: 1).first.map(String.init) ?? question
        let words = fixed.trimmingCharacters(in: .whitespaces).split(separator: " ").suffix(4).joined(separator: " ")
        return "(?i)" + NSRegularExpression.escapedPattern(for: words.isEmpty ? question : words)
    }

    static func encode(_ scaffold: Scaffold) throws(SpecError) -> String {
        try SuiteImporter.yaml(scaffold, header: "# Written by chorus init: edit freely.\n", name: scaffold.suite)
    }

    /// `to` as seen from folder `from` (both as given, made absolute against the working directory).
    static func relativePath(from folder: String, to file: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        var common = 0
        while common < min(base.count, target.count), base[common] == target[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }
}
