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
                    let neighbours = KeyboardLayout.named(.qwerty).ascii[intended.asciiValue!] ?? []
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
                to: [
                    .init("my order is ", isProtected: false), .init("AB-123456", isProtected: true),
                    .init(".", isProtected: false),
                ],
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
            outputs.insert(
                model.apply(
                    to: [.init("Track order ", isProtected: false), .init("AB-123456", isProtected: true)],
                    using: &generator))
        }
        // Lower case and flipping the first letter both give "track …"; upper case gives "TRACK …".
        #expect(outputs == ["track order AB-123456", "TRACK ORDER AB-123456"])
    }

    // MARK: Languages

    @Test func layoutsComeFromTheDataFilesAndFollowTheLanguage() {
        let azerty = KeyboardLayout.named(.azerty)
        #expect(Set(azerty.neighbours["a"] ?? []) == ["z", "q"])
        #expect(Set(azerty.neighbours["m"] ?? []) == ["l", "ù", "p"])
        let nordic = KeyboardLayout.named(.nordic)
        #expect(nordic.neighbours["ä"]?.contains("ö") == true)
        #expect(KeyboardLayout.named(.qwertz).neighbours["z"]?.contains("t") == true)
        #expect(KeyboardLayout.named(.spanish).neighbours["ñ"]?.contains("l") == true)
        #expect(KeyboardLayoutName(language: "fr-CA") == .azerty && KeyboardLayoutName(language: "fi") == .nordic)
        #expect(KeyboardLayoutName(language: "en") == .qwerty)
    }

    @Test func frenchTyposHitAZERTYNeighboursAndFinnishOnesTouchUmlauts() {
        let french = NoiseModel(noise: Noise(typo: 1), language: LanguageProfile(language: "fr"))
        for seed in 0..<30 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let typed = Array(french.apply(to: [.init("aaa", isProtected: false)], using: &generator))
            #expect(typed.filter { $0 != "a" }.allSatisfy { ["z", "q"].contains($0) })
        }
        let finnish = NoiseModel(noise: Noise(typo: 1), language: LanguageProfile(language: "fi"))
        var changed = Set<Character>()
        for seed in 0..<40 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let typed = finnish.apply(to: [.init("äää", isProtected: false)], using: &generator)
            #expect(typed.count == 3)
            changed.formUnion(typed.filter { $0 != "ä" })
        }
        #expect(
            !changed.isEmpty
                && changed.isSubset(of: Set(KeyboardLayout.named(.nordic).neighbours["ä"]!.map(Character.init))))
    }

    @Test func accentsAndInvertedMarksAreDropped() {
        let model = NoiseModel(noise: Noise(accents: 1), language: LanguageProfile(language: "es"))
        var generator = SeededGenerator(seed: 1)
        let text = model.apply(
            to: [
                .init("¿Dónde está mi pedido ", isProtected: false), .init("Ñandú-1", isProtected: true),
                .init("? ¡Gracias!", isProtected: false),
            ],
            using: &generator)
        #expect(text == "Donde esta mi pedido Ñandú-1? Gracias!")
        var other = SeededGenerator(seed: 1)
        #expect(
            NoiseModel(noise: Noise(accents: 1), language: LanguageProfile(language: "fi")).apply(
                to: [.init("tilaukseni äöå", isProtected: false)], using: &other) == "tilaukseni aoa")
    }

    @Test func homophonesKeepThePinyin() {
        let model = NoiseModel(noise: Noise(homophones: 1), language: LanguageProfile(language: "zh"))
        var generator = SeededGenerator(seed: 3)
        let original = "我要退款"
        let typed = model.apply(to: [.init(original, isProtected: false)], using: &generator)
        #expect(typed.count == original.count && typed != original)
        let table = NoiseData.shared.homophones
        for (intended, hit) in zip(original, typed) where intended != hit {
            #expect(table[intended]?.contains(hit) == true, "\(hit) is not a homophone of \(intended)")
        }
        var protected = SeededGenerator(seed: 3)
        #expect(model.apply(to: [.init("订单", isProtected: true)], using: &protected) == "订单")
    }

    @Test func widthSwapsPunctuation() {
        let model = NoiseModel(noise: Noise(width: 1), language: LanguageProfile(language: "zh"))
        var generator = SeededGenerator(seed: 1)
        #expect(model.apply(to: [.init("你好，我的订单呢？ok?", isProtected: false)], using: &generator) == "你好,我的订单呢?ok？")
    }

    @Test func abbreviationsComeFromTheLanguagesList() {
        var generator = SeededGenerator(seed: 1)
        let english = NoiseModel(noise: Noise(abbreviations: 1), language: english)
        #expect(
            english.apply(to: [.init("Thank you, please refund it", isProtected: false)], using: &generator)
                == "ty, pls refund it")
        let spanish = NoiseModel(noise: Noise(abbreviations: 1), language: LanguageProfile(language: "es"))
        #expect(
            spanish.apply(to: [.init("quiero saber porque", isProtected: false)], using: &generator) == "kiero saber xq"
        )
        let french = NoiseModel(noise: Noise(abbreviations: 1), language: LanguageProfile(language: "fr"))
        #expect(french.apply(to: [.init("merci, s'il te plaît", isProtected: false)], using: &generator) == "mrc, stp")
        let finnish = NoiseModel(noise: Noise(abbreviations: 1), language: LanguageProfile(language: "fi"))
        #expect(finnish.apply(to: [.init("kiitos paljon", isProtected: false)], using: &generator) == "kiitti paljon")
        // Inside a word nothing changes ("you" in "young").
        #expect(english.apply(to: [.init("young", isProtected: false)], using: &generator) == "young")
    }

    @Test func stretchedVowelsAndMissingSpacesLeaveValuesAlone() {
        let model = NoiseModel(noise: Noise(repeats: 1, spaces: 1), language: english)
        for seed in 0..<30 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let text = model.apply(
                to: [.init("please check my order ", isProtected: false), .init("AB 123", isProtected: true)],
                using: &generator)
            #expect(text.hasSuffix(" AB 123") || text.hasSuffix("AB 123"))
            #expect(
                text.count == "please check my order AB 123".count + 1
                    || text.count == "please check my order AB 123".count + 2)
            #expect(text.contains(where: { $0 == " " }))
        }
    }

    @Test func eachNoiseKindIsReproducible() {
        let noise = Noise(
            typo: 0.3, case: 0.3, punctuation: 0.3, filler: 0.3, accents: 0.5, homophones: 0.3, width: 0.5,
            abbreviations: 0.5, repeats: 0.5, spaces: 0.5)
        let model = NoiseModel(noise: noise, language: LanguageProfile(language: "fr"))
        for seed in 0..<20 {
            var a = SeededGenerator(seed: UInt64(seed))
            var b = SeededGenerator(seed: UInt64(seed))
            let pieces: [NoiseModel.Piece] = [.init("Bonjour, où est ma commande ? Merci", isProtected: false)]
            #expect(model.apply(to: pieces, using: &a) == model.apply(to: pieces, using: &b))
        }
    }
}
