import ChorusSpec
import Testing

@testable import ChorusSimulation

@Suite struct NoiseModelTests {
    let english = LanguageProfile(language: "en")

    @Test func noNoiseLeavesTheTextAlone() {
        let model = NoiseModel(noise: Noise(), language: english)
        var generator = SeededGenerator(seed: 1)
        let text = model.apply(to: [.init("Where is my order, please?", isProtected: false)], using: &generator)
        #expect(text == "Where is my order, please?")
    }

    @Test func typosReplaceOneLetterPerWordByAKeyboardNeighbour() {
        let model = NoiseModel(noise: Noise(typo: 1), language: english)
        var generator = SeededGenerator(seed: 9)
        let original = "where is my order"
        let noisy = model.apply(to: [.init(original, isProtected: false)], using: &generator)
        let before = original.split(separator: " ").map(Array.init)
        let after = noisy.split(separator: " ").map(Array.init)
        #expect(before.count == after.count)
        for (word, typed) in zip(before, after) {
            let differences = zip(word, typed).filter { $0 != $1 }
            if word.count < 3 {
                #expect(differences.isEmpty, "short words are left alone")
            } else {
                #expect(differences.count == 1)
                if let (intended, hit) = differences.first {
                    let neighbours = KeyboardLayout.qwerty[intended.asciiValue!] ?? []
                    #expect(neighbours.contains(hit.asciiValue!))
                }
            }
        }
    }

    @Test func slotValuesAreNeverAltered() {
        let model = NoiseModel(noise: Noise(typo: 1, case: 1, punctuation: 1, filler: 0), language: english)
        for seed in 0..<50 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let text = model.apply(
                to: [.init("my order is ", isProtected: false), .init("AB-123456", isProtected: true), .init(".", isProtected: false)],
                using: &generator)
            #expect(text.contains("AB-123456"))
        }
    }

    @Test func punctuationIsDropped() {
        let model = NoiseModel(noise: Noise(punctuation: 1), language: english)
        var generator = SeededGenerator(seed: 2)
        let text = model.apply(to: [.init("hello, where's my order?!", isProtected: false)], using: &generator)
        #expect(text == "hello wheres my order")
    }

    @Test func fillersComeFromTheLanguageOrThePersona() {
        var generator = SeededGenerator(seed: 4)
        let spanish = NoiseModel(noise: Noise(filler: 1), language: LanguageProfile(language: "es"))
        let text = spanish.apply(to: [.init("quiero un reembolso", isProtected: false)], using: &generator)
        let first = String(text.split(separator: " ").first!)
        #expect(["eh", "pues", "bueno", "mmm"].contains(first))

        let custom = NoiseModel(noise: Noise(filler: 1, fillers: ["erm"]), language: english)
        #expect(custom.apply(to: [.init("hi", isProtected: false)], using: &generator) == "erm hi")
    }

    @Test func chineseFillersAreNotSeparatedBySpaces() {
        var generator = SeededGenerator(seed: 4)
        let model = NoiseModel(noise: Noise(filler: 1, fillers: ["嗯"]), language: LanguageProfile(language: "zh"))
        #expect(model.apply(to: [.init("我的订单在哪里", isProtected: false)], using: &generator) == "嗯我的订单在哪里")
    }

    @Test func caseChangesTouchOnlyUnprotectedText() {
        let model = NoiseModel(noise: Noise(case: 1), language: english)
        var outputs = Set<String>()
        for seed in 0..<40 {
            var generator = SeededGenerator(seed: UInt64(seed))
            outputs.insert(model.apply(to: [.init("Track order ", isProtected: false), .init("AB-123456", isProtected: true)], using: &generator))
        }
        // Lower case and flipping the first letter both give "track …"; upper case gives "TRACK …".
        #expect(outputs == ["track order AB-123456", "TRACK ORDER AB-123456"])
    }
}
