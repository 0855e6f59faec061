import ChorusModel
import Synchronization

/// What the bot understood of one message: the classifier's prediction and the entities.
struct Understanding: Sendable {
    var prediction: IntentPrediction
    var entities: [Entity]
}

/// Remembers the understanding of recent messages, so a message said again ("yes", "thanks,
/// bye", the same paraphrase with the same values) is not classified and scanned again.
///
/// Understanding depends on the text alone, so a remembered one is exactly what the classifier
/// and extractor would say. Synthetic users repeat themselves a lot: in the example suite about
/// two messages in three were said before. The cache is bounded: two generations of at most
/// `generationSize` entries each; a hit in the older generation moves to the newer one, and
/// when the newer one is full the older is dropped, so memory stays flat however long the run.
final class UnderstandingCache: Sendable {
    private struct Generations {
        var current: [String: Understanding] = [:]
        var previous: [String: Understanding] = [:]
    }

    private let generations = Mutex(Generations())
    private let generationSize: Int

    init(generationSize: Int = 32_768) {
        self.generationSize = generationSize
    }

    /// The remembered understanding of `text`, or `understand(text)` remembered.
    func understanding(of text: String, _ understand: (String) -> Understanding) -> Understanding {
        let found: Understanding? = generations.withLock { generations in
            if let hit = generations.current[text] { return hit }
            guard let hit = generations.previous.removeValue(forKey: text) else { return nil }
            Self.insert(text, hit, into: &generations, limit: generationSize)
            return hit
        }
        if let found { return found }
        // Computed outside the lock: two threads may both compute a new text, with the same result.
        let computed = understand(text)
        generations.withLock { Self.insert(text, computed, into: &$0, limit: generationSize) }
        return computed
    }

    private static func insert(_ text: String, _ value: Understanding, into generations: inout Generations, limit: Int)
    {
        if generations.current.count >= limit {
            generations.previous = generations.current
            generations.current = Dictionary(minimumCapacity: limit)
        }
        generations.current[text] = value
    }
}
