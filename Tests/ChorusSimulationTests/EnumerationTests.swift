import ChorusModel
import ChorusSpec
import Testing

@testable import ChorusSimulation

/// Goals that enumerate their variants (`each`): every variant exactly once, in a stable order,
/// one conversation each, before any sampled conversation.
struct EnumerationTests {
    static let greetings = ["hi", "hello", "good morning", "hey there"]

    static func suite(
        coverage: Coverage? = nil, greetEach: Bool? = true,
        personas: [String: Persona] = ["a": Persona(), "b": Persona(weight: 3)]
    )
        throws -> CompiledSuite
    {
        try CompiledSuite(
            Suite(
                suite: "each", seed: 5, personas: personas,
                goals: [
                    "greet": Goal(intent: "greet", openings: greetings, each: greetEach),
                    "hours": Goal(intent: "opening_hours", openings: ["when are you open?", "opening hours?"]),
                    "script": Goal(steps: [
                        Step(user: ["start"]),
                        Step(user: ["one", "two", "three"], expect: Expectation(intent: "count"), each: true),
                    ]),
                ],
                coverage: coverage))
    }

    /// The first utterance of the enumerated step or opening of each conversation.
    static func played(_ suite: CompiledSuite, count: Int) -> [(goal: String, text: String)] {
        (0..<count).map { index in
            var user = SyntheticUser(suite: suite, seed: 5, conversation: index)
            let first = user.opening()
            guard user.goalName == "script" else { return (user.goalName, first.text) }
            let next = user.react(
                to: BotObservation(texts: ["ok"], intent: nil, entities: [], fallback: false, handoff: false))
            guard case .say(let turn) = next.next else { return (user.goalName, "?") }
            return (user.goalName, turn.text)
        }
    }

    @Test func eachGoalsComeFirstInNameOrderEveryVariantOnce() throws {
        let suite = try Self.suite()
        // greet (each) and script (its step is each) enumerate; hours is sampled.
        #expect(suite.enumeratedCount == 4 + 3)
        #expect(suite.hasSampledGoals)
        #expect(suite.conversationCount(sampled: 10) == 17)
        let played = Self.played(suite, count: 7)
        #expect(played.map(\.goal) == ["greet", "greet", "greet", "greet", "script", "script", "script"])
        #expect(played.map(\.text) == Self.greetings + ["one", "two", "three"])
        // After them, only sampled goals.
        for index in 7..<60 {
            #expect(SyntheticUser(suite: suite, seed: 5, conversation: index).goalName == "hours")
        }
    }

    @Test func suiteCoverageEachEnumeratesEveryGoalAndSamplesNone() throws {
        let suite = try Self.suite(coverage: .each, greetEach: nil)
        #expect(suite.enumeratedCount == 4 + 2 + 3)
        #expect(!suite.hasSampledGoals)
        #expect(suite.conversationCount(sampled: 1000) == 9)
        #expect(
            Self.played(suite, count: 9).map(\.text) == Self.greetings + [
                "when are you open?", "opening hours?", "one", "two", "three",
            ])
    }

    @Test func aGoalCanOptOutOfSuiteCoverage() throws {
        let suite = try Self.suite(coverage: .each, greetEach: false)
        #expect(suite.enumeratedCount == 2 + 3)
        #expect(suite.hasSampledGoals)
    }

    @Test func personasOfEnumeratedConversationsFollowTheirWeightsAndTheGoalsPersonas() throws {
        let only = try CompiledSuite(
            Suite(
                suite: "each", personas: ["a": Persona(), "b": Persona()],
                goals: [
                    "greet": Goal(personas: ["b"], intent: "greet", openings: Self.greetings, each: true),
                    "hours": Goal(personas: ["a"], intent: "opening_hours", openings: ["when are you open?"]),
                ]))
        for index in 0..<4 { #expect(SyntheticUser(suite: only, seed: 1, conversation: index).persona == "b") }
        // Sampled conversations come only from the persona that has a sampled goal.
        for index in 4..<40 { #expect(SyntheticUser(suite: only, seed: 1, conversation: index).persona == "a") }
        let both = try Self.suite()
        let personas = Set((0..<4).map { SyntheticUser(suite: both, seed: 5, conversation: $0).persona })
        #expect(personas.isSubset(of: ["a", "b"]))
    }

    @Test func anEnumeratedOpeningIsNeverSaidAgain() throws {
        let suite = try Self.suite()
        let fallback = BotObservation(
            texts: ["Sorry?"], intent: "nlu_fallback", entities: [], fallback: true, handoff: false)
        let other = BotObservation(
            texts: ["It is sunny."], intent: "weather", entities: [], fallback: false, handoff: false)
        for (reply, outcome) in [(fallback, Outcome.abandoned), (other, Outcome.failed)] {
            var user = SyntheticUser(suite: suite, seed: 5, conversation: 2)
            _ = user.opening()
            let reaction = user.react(to: reply)
            guard case .end(let ended) = reaction.next else {
                Issue.record("the user said something again after \(reply.texts)")
                continue
            }
            #expect(ended == outcome)
            #expect(user.turnCount == 1)
        }
    }

    @Test func dataExamplesBecomeOneGoalPerIntentWithProtectedSpans() throws {
        let annotated = AnnotatedText(markup: "track [AB-12  3](order_id) now")
        let data = [
            LabelledSource(
                source: DataSource(file: "x.yml"), path: "x.yml",
                examples: [
                    LabelledExample(text: "hi  there", intent: "greet"),
                    LabelledExample(
                        text: annotated.text, intent: "order_status", slots: annotated.entities, annotated: annotated),
                    LabelledExample(text: "yo {name}", intent: "greet"),
                ])
        ]
        let suite = try CompiledSuite(
            Suite(suite: "d", personas: ["p": Persona(noise: Noise(typo: 1, case: 1, punctuation: 1))]), data: data)
        #expect(suite.enumeratedCount == 3)
        #expect(suite.conversationCount(sampled: 100) == 3)
        var texts: [String] = []
        for index in 0..<3 {
            var user = SyntheticUser(suite: suite, seed: 1, conversation: index)
            let turn = user.opening()
            texts.append(turn.text)
            if user.goalName == "order_status" {
                #expect(turn.expectedIntent == "order_status")
                #expect(turn.expectedSlots == [Entity(name: "order_id", value: "AB-12  3")])
                // Noise may touch the words around it, never the annotated value.
                #expect(turn.text.contains("AB-12  3"))
            }
        }
        #expect(texts.count == 3)
        let plain = try CompiledSuite(Suite(suite: "d", personas: ["p": Persona()]), data: data)
        let said = (0..<3).map { index -> String in
            var user = SyntheticUser(suite: plain, seed: 1, conversation: index)
            return user.opening().text
        }
        // Goals in name order (greet, order_status), examples in file order; braces are text.
        #expect(said == ["hi  there", "yo {name}", "track AB-12  3 now"])
    }
}

extension EnumerationTests {
    @Test func anIndexPastAnEnumeratedOnlySuiteWrapsAroundInsteadOfDrawingFromNothing() throws {
        let suite = try Self.suite(coverage: .each, greetEach: nil)
        var past = SyntheticUser(suite: suite, seed: 5, conversation: suite.enumeratedCount + 1)
        var second = SyntheticUser(suite: suite, seed: 5, conversation: 1)
        #expect(past.opening().text == second.opening().text)
    }
}
