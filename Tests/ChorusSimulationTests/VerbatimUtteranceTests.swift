import ChorusModel
import ChorusSpec
import Testing

@testable import ChorusSimulation

/// With no noise an utterance reaches the bot exactly as written; noise tidies only the spaces it
/// disturbed.
struct VerbatimUtteranceTests {
    let english = LanguageProfile(language: "en")

    /// CLINC150's test set writes this with two spaces; a bot must be scored on what the set says.
    static let clinc = "i lost my credit card recently  how long will it take to get a new one"

    @Test(arguments: [clinc, "  leading and trailing  ", "tab\tand  two", "中文  空格"])
    func noNoiseKeepsEverySpace(text: String) {
        let model = NoiseModel(noise: Noise(), language: english)
        var generator = SeededGenerator(seed: 3)
        #expect(model.apply(to: [.init(text, isProtected: false)], using: &generator) == text)
    }

    @Test func aSyntheticUserWithoutNoiseSaysTheOpeningByteForByte() throws {
        let suite = try CompiledSuite(
            Suite(
                suite: "clinc", personas: ["plain": Persona()],
                goals: ["lost_card": Goal(intent: "report_lost_card", openings: [Self.clinc])]))
        for index in 0..<5 {
            var user = SyntheticUser(suite: suite, seed: 1, conversation: index)
            #expect(Array(user.opening().text.utf8) == Array(Self.clinc.utf8))
        }
    }

    @Test func droppedPunctuationLeavesNoDoubleSpaceButUntouchedPiecesStayVerbatim() {
        let model = NoiseModel(noise: Noise(punctuation: 1), language: english)
        var generator = SeededGenerator(seed: 5)
        let pieces: [NoiseModel.Piece] = [
            .init("refund - now ", isProtected: false), .init("AB-123  456", isProtected: true),
        ]
        #expect(model.apply(to: pieces, using: &generator) == "refund now AB-123  456")
    }

    @Test func aFillerIsJoinedWithOneSpace() {
        let model = NoiseModel(noise: Noise(filler: 1, fillers: ["um"]), language: english)
        var generator = SeededGenerator(seed: 5)
        #expect(model.apply(to: [.init("where  is it", isProtected: false)], using: &generator) == "um where  is it")
    }
}
