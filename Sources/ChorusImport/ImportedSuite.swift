import ChorusSpec

/// The suite an import writes: only the keys it sets, so the file reads like one written by hand.
struct ImportedSuite: Encodable {
    struct Persona: Encodable {}

    struct Recognizer: Encodable {
        var intents: [String]
    }

    struct Bot: Encodable {
        var fallback = Recognizer(intents: ["nlu_fallback"])
    }

    struct Goal: Encodable {
        var steps: [Step]
    }

    /// A scripted step, with `each` when its variants come from an utterance list.
    struct Step: Encodable {
        var user: [String]
        var expect: Expectation?
        var each: Bool?
    }

    var version = 1
    var suite: String
    var personas = ["tester": Persona()]
    var bot = Bot()
    var goals: [String: Goal]?
    var data: [DataSource]?
}
