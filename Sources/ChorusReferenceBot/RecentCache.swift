import ChorusModel
import Synchronization

/// What the bot understood of one message: the classifier's prediction and the entities.
struct Understanding: Sendable {
    var prediction: IntentPrediction
    var entities: [Entity]
}

/// Remembers the values of recent keys, so work that depends on the key alone is not done twice.
/// The bot keeps two: the understanding of each message text ("yes", "thanks, bye", the same
/// paraphrase with the same values), and the classifier's prediction for each normalised text
/// (case, accents, punctuation and digits folded), which many more messages share — "order
/// AB-123456" and "order CD-654321" differ only in values.
///
/// A remembered value is exactly what the computation would give. Synthetic users repeat
/// themselves a lot: in the example suite about two messages in three were said before, and at
/// 100,000 conversations seven in eight normalised texts were. The cache is bounded: two
/// generations of at most `generationSize` entries each; a hit in the older generation moves to
/// the newer one, and when the newer one is full the older is dropped, so memory stays flat
/// however long the run.
final class RecentCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var current: [Key: Value] = [:]
        var previous: [Key: Value] = [:]
    }

    private let generations = Mutex(Generations())
    private let generationSize: Int

    init(generationSize: Int = 32_768) {
        self.generationSize = generationSize
    }

    /// The remembered value of `key`, or `compute(key)` remembered.
    func value(for key: Key, _ compute: (Key) -> Value) -> Value {
        let found: Value? = generations.withLock { generations in
            if let hit = generations.current[key] { return hit }
            guard let hit = generations.previous.removeValue(forKey: key) else { return nil }
            Self.insert(key, hit, into: &generations, limit: generationSize)
            return hit
        }
        if let found { return found }
        // Computed outside the lock: two threads may both compute a new key, with the same result.
        let computed = compute(key)
        generations.withLock { Self.insert(key, computed, into: &$0, limit: generationSize) }
        return computed
    }

    private static func insert(_ key: Key, _ value: Value, into generations: inout Generations, limit: Int) {
        if generations.current.count >= limit {
            generations.previous = generations.current
            generations.current = Dictionary(minimumCapacity: limit)
        }
        generations.current[key] = value
    }
}
