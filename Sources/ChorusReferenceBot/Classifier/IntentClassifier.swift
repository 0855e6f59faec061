import ChorusSpec
import Foundation

/// A TF-IDF nearest-neighbour intent classifier over word and character n-grams.
///
/// Every training example becomes a unit vector of TF-IDF weights (sublinear term frequency,
/// smoothed IDF) in two equally weighted blocks — word unigrams+bigrams and character 2–4-grams
/// (see `FeatureExtractor`) — so the cosine of two texts is the mean of their word cosine and
/// their character cosine. A text is scored against *every training example* through an
/// inverted index, and an intent's score is the similarity of its nearest example.
///
/// Why nearest neighbours rather than one centroid per intent: intents are multimodal (`inform`
/// holds order numbers, product names, dates and times; `small_talk` holds unrelated chit-chat),
/// and a centroid blurs those clusters into a vector close to none of them. The cosine to the
/// nearest real example also makes the confidence mean something — "how close is this message
/// to anything the bot was trained on" — so one threshold separates in-scope messages from
/// out-of-scope ones, and unseen features (which count in the message's norm with the highest
/// IDF) pull gibberish towards zero. The inverted index keeps the cost proportional to the
/// features the message shares with the training set, not to the number of examples.
public struct IntentClassifier: Sendable {
    /// The intents the classifier knows, sorted by name (ties go to the first).
    public let intents: [String]

    /// The share of the cosine carried by the word block; the character block carries the rest.
    static let wordBlockShare: Float = 0.5

    private let extractor: FeatureExtractor
    private let vocabulary: FeatureTable
    private let idf: [Float]
    /// IDF of a feature never seen in training: that of a feature with document frequency 0.
    private let unseenIDF: Float
    /// Inverted index in compressed-row form: the postings of feature `f` are
    /// `postingStart[f]..<postingStart[f + 1]` in `postingExample` / `postingWeight`.
    private let postingStart: [Int32]
    private let postingExample: [Int32]
    private let postingWeight: [Float]
    /// The intent (index into `intents`) of each training example.
    private let exampleIntent: [Int32]

    /// Trains on `examples` (intent name → example texts), folding text as `folding` says (a
    /// bot's `normalize:`; default: accents, case, punctuation and width). Intents without
    /// examples are kept (they can never be predicted) so that callers can rely on `intents`.
    public init(examples: [String: [String]], folding: BotDefinition.Normalization = BotDefinition.Normalization()) {
        self.init(examples: examples, extractor: FeatureExtractor(folding: folding))
    }

    /// Trains with a given feature extractor (tests measure what each feature block adds).
    init(examples: [String: [String]], extractor: FeatureExtractor) {
        self.extractor = extractor
        let intents = examples.keys.sorted()
        self.intents = intents

        // Term frequencies of every example, and the vocabulary with document frequencies.
        var vocabulary = FeatureTable(minimumCapacity: 1024)
        var documentFrequency: [Int32] = []
        var documents: [(word: [(Int32, Int32)], char: [(Int32, Int32)])] = []
        var exampleIntent: [Int32] = []
        for (intentIndex, intent) in intents.enumerated() {
            for text in examples[intent] ?? [] {
                var features = extractor.features(of: text)
                var blocks: [[(Int32, Int32)]] = []
                for block in [\FeatureExtractor.Features.word, \.char] {
                    var counted: [(Int32, Int32)] = []
                    Self.forEachCounted(&features[keyPath: block]) { hash, count in
                        let (index, inserted) = vocabulary.insert(hash, value: Int32(documentFrequency.count))
                        if inserted { documentFrequency.append(0) }
                        documentFrequency[Int(index)] += 1
                        counted.append((index, count))
                    }
                    blocks.append(counted)
                }
                documents.append((blocks[0], blocks[1]))
                exampleIntent.append(Int32(intentIndex))
            }
        }

        let exampleCount = Float(documents.count)
        let idf = documentFrequency.map { logf((1 + exampleCount) / (1 + Float($0))) + 1 }
        self.idf = idf
        self.unseenIDF = logf(1 + exampleCount) + 1
        self.vocabulary = vocabulary
        self.exampleIntent = exampleIntent

        // Unit-normalised example vectors, laid out as an inverted index.
        var postingCount = [Int32](repeating: 0, count: idf.count + 1)
        for document in documents {
            for (feature, _) in document.word { postingCount[Int(feature) + 1] += 1 }
            for (feature, _) in document.char { postingCount[Int(feature) + 1] += 1 }
        }
        var postingStart = postingCount
        for index in 1..<postingStart.count { postingStart[index] += postingStart[index - 1] }
        var cursor = postingStart
        var postingExample = [Int32](repeating: 0, count: Int(postingStart.last ?? 0))
        var postingWeight = [Float](repeating: 0, count: postingExample.count)
        for (exampleIndex, document) in documents.enumerated() {
            var word = document.word.map { (feature: $0.0, weight: Self.termWeight($0.1) * idf[Int($0.0)]) }
            var char = document.char.map { (feature: $0.0, weight: Self.termWeight($0.1) * idf[Int($0.0)]) }
            let (wordScale, charScale) = Self.blockScales(
                wordNorm: Self.norm(word.lazy.map(\.weight)), charNorm: Self.norm(char.lazy.map(\.weight)))
            for index in word.indices { word[index].weight *= wordScale }
            for index in char.indices { char[index].weight *= charScale }
            for (feature, weight) in word + char {
                let slot = Int(cursor[Int(feature)])
                postingExample[slot] = Int32(exampleIndex)
                postingWeight[slot] = weight
                cursor[Int(feature)] += 1
            }
        }
        self.postingStart = postingStart
        self.postingExample = postingExample
        self.postingWeight = postingWeight
    }

    /// The most likely intent and its confidence: the cosine similarity (0…1) between `text`
    /// and the nearest training example.
    public func classify(_ text: String) -> IntentPrediction {
        classify(normalize(text))
    }

    /// `text` normalised as the classifier sees it; texts with the same `identity` get the same
    /// prediction.
    func normalize(_ text: String) -> NormalizedText {
        extractor.normalize(text)
    }

    /// The prediction for a text already normalised by `normalize`.
    func classify(_ text: NormalizedText) -> IntentPrediction {
        let scores = intentScores(text)
        var best = 0
        for index in scores.indices where scores[index] > scores[best] { best = index }
        guard !intents.isEmpty else { return IntentPrediction(intent: "", confidence: 0) }
        return IntentPrediction(intent: intents[best], confidence: Double(scores[best]))
    }

    /// Every intent with its score, best first (ties by name).
    public func ranking(_ text: String) -> [IntentPrediction] {
        let scores = intentScores(normalize(text))
        return zip(intents, scores)
            .map { IntentPrediction(intent: $0, confidence: Double($1)) }
            .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.intent < $1.intent }
    }

    /// The similarity of `text` to each intent's nearest example, indexed like `intents`.
    private func intentScores(_ text: NormalizedText) -> [Float] {
        var features = extractor.features(of: text)
        var query: [(feature: Int32, weight: Float)] = []
        query.reserveCapacity(features.word.count + features.char.count)

        // Weights of the known features; unseen ones only add to the norm.
        func addBlock(_ hashes: inout [UInt64]) -> Float {
            var squares: Float = 0
            Self.forEachCounted(&hashes) { hash, count in
                let feature = vocabulary.index(of: hash)
                let weight = Self.termWeight(count) * (feature >= 0 ? idf[Int(feature)] : unseenIDF)
                squares += weight * weight
                if feature >= 0 { query.append((feature, weight)) }
            }
            return squares.squareRoot()
        }
        let wordNorm = addBlock(&features.word)
        let blockEnd = query.count
        let charNorm = addBlock(&features.char)
        let (wordScale, charScale) = Self.blockScales(wordNorm: wordNorm, charNorm: charNorm)

        var exampleScores = [Float](repeating: 0, count: exampleIntent.count)
        exampleScores.withUnsafeMutableBufferPointer { scores in
            postingStart.withUnsafeBufferPointer { start in
                postingExample.withUnsafeBufferPointer { examples in
                    postingWeight.withUnsafeBufferPointer { weights in
                        for (position, term) in query.enumerated() {
                            let scaled = term.weight * (position < blockEnd ? wordScale : charScale)
                            for posting in Int(start[Int(term.feature)])..<Int(start[Int(term.feature) + 1]) {
                                scores[Int(examples[posting])] += scaled * weights[posting]
                            }
                        }
                    }
                }
            }
        }

        var intentScores = [Float](repeating: 0, count: intents.count)
        for (example, score) in exampleScores.enumerated() {
            let intent = Int(exampleIntent[example])
            if score > intentScores[intent] { intentScores[intent] = score }
        }
        // Rounding can push an exact duplicate a hair above 1.
        for index in intentScores.indices { intentScores[index] = min(intentScores[index], 1) }
        return intentScores
    }

    /// Sublinear term frequency: a word said three times is not three times as telling.
    @inline(__always)
    private static func termWeight(_ count: Int32) -> Float {
        count == 1 ? 1 : 1 + logf(Float(count))
    }

    private static func norm(_ weights: some Sequence<Float>) -> Float {
        weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Factors that make each block's share of a unit vector `wordBlockShare` / the rest, or the
    /// whole of it when the other block is empty (ideographic text has no character block).
    private static func blockScales(wordNorm: Float, charNorm: Float) -> (word: Float, char: Float) {
        switch (wordNorm > 0, charNorm > 0) {
        case (true, true):
            return (wordBlockShare.squareRoot() / wordNorm, (1 - wordBlockShare).squareRoot() / charNorm)
        case (true, false): return (1 / wordNorm, 0)
        case (false, true): return (0, 1 / charNorm)
        case (false, false): return (0, 0)
        }
    }

    /// Sorts `hashes` and calls `body` once per distinct hash with its number of repeats.
    private static func forEachCounted(_ hashes: inout [UInt64], _ body: (UInt64, Int32) -> Void) {
        hashes.sort()
        var index = 0
        while index < hashes.count {
            let hash = hashes[index]
            var next = index + 1
            while next < hashes.count && hashes[next] == hash { next += 1 }
            body(hash, Int32(next - index))
            index = next
        }
    }
}

/// An intent with the classifier's confidence in it.
public struct IntentPrediction: Sendable, Equatable {
    /// The intent's name.
    public var intent: String
    /// Cosine similarity to the nearest training example of the intent, from 0 to 1.
    public var confidence: Double

    /// A prediction of `intent` with `confidence`.
    public init(intent: String, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}
