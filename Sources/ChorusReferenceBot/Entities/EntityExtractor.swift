import ChorusModel
import ChorusSpec

/// Finds a bot's entities in a message: value lists (with synonyms) and regular expressions.
///
/// Value lists match whole words, case- and accent-insensitively (unless the bot's `normalize:`
/// keeps case or accents), on the normalised text (`TextNormalizer` without digit folding); a synonym yields its canonical value, and where
/// two candidates overlap the longer one wins (`"phone charger"` is not also a `"phone"`).
/// Ideographic text has no word boundaries, so a value written in Han, Kana or Hangul matches
/// anywhere. Patterns run on the original text and yield the matched text.
///
/// An entity's `invalid` pattern (what users mean as a value, valid or not) is not run by
/// `extract`: the engine asks for it with `malformed(_:in:)` only when a form needs the
/// entity and the message has no valid value for it, so most turns never pay for it.
struct EntityExtractor: Sendable {
    /// One spelling of a listed value.
    private struct Surface: Sendable {
        var scalars: [UInt32]
        var entity: String
        var value: String
    }

    private let surfaces: [Surface]
    /// The surfaces by their first scalar, in definition order: a text position is only
    /// compared with the spellings that can start there.
    private let surfacesByFirstScalar: [UInt32: [Int]]
    private let patterns: [(entity: String, pattern: TextPattern)]
    private let invalidPatterns: [String: TextPattern]
    private let normalizer: TextNormalizer

    /// Compiles the entity definitions, with values folded as `folding` says (a bot's
    /// `normalize:`); throws on a pattern that does not compile.
    init(
        _ definitions: [String: EntityDefinition], folding: BotDefinition.Normalization = BotDefinition.Normalization()
    ) throws(ReferenceBotError) {
        let normalizer = TextNormalizer(foldDigits: false, folding: folding)
        self.normalizer = normalizer
        var surfaces: [Surface] = []
        var patterns: [(entity: String, pattern: TextPattern)] = []
        var invalidPatterns: [String: TextPattern] = [:]
        for name in definitions.keys.sorted() {
            guard let definition = definitions[name] else { continue }
            if definition.values == nil && definition.pattern == nil {
                throw .entityWithoutValuesOrPattern(entity: name)
            }
            var spellings: [(String, String)] = (definition.values ?? []).map { ($0, $0) }
            spellings += (definition.synonyms ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (spelling, value) in spellings {
                let scalars = normalizer.normalize(spelling).scalars
                if scalars.isEmpty { throw .emptyEntityValue(entity: name) }
                surfaces.append(Surface(scalars: scalars, entity: name, value: value))
            }
            if let source = definition.pattern {
                do {
                    patterns.append((name, try TextPattern(source, engine: .backtracking)))
                } catch {
                    throw .invalidPattern(entity: name, pattern: source)
                }
            }
            if let source = definition.invalid?.pattern {
                do {
                    invalidPatterns[name] = try TextPattern(source, engine: .backtracking)
                } catch {
                    throw .invalidPattern(entity: name, pattern: source)
                }
            }
        }
        self.surfaces = surfaces
        self.surfacesByFirstScalar = Dictionary(grouping: surfaces.indices) { surfaces[$0].scalars[0] }
        self.patterns = patterns
        self.invalidPatterns = invalidPatterns
    }

    /// Whether `entity` has an `invalid` pattern.
    func checksInvalidValues(of entity: String) -> Bool {
        invalidPatterns[entity] != nil
    }

    /// The first match of `entity`'s `invalid` pattern in `text`. Call it when `text` has no
    /// valid value of `entity`: then any match is malformed.
    func malformed(_ entity: String, in text: String) -> String? {
        guard let pattern = invalidPatterns[entity] else { return nil }
        return pattern.matchRanges(in: text).first { !$0.isEmpty }.map { String(text[$0]) }
    }

    /// The entities in `text`: listed values in text order, then pattern matches in text order;
    /// the same name and value is reported once.
    func extract(from text: String) -> [Entity] {
        var found: [Entity] = []
        if !surfaces.isEmpty {
            for match in valueMatches(in: normalizer.normalize(text).scalars) {
                found.append(Entity(name: match.entity, value: match.value))
            }
        }
        for (entity, pattern) in patterns {
            for range in pattern.matchRanges(in: text) where !range.isEmpty {
                found.append(Entity(name: entity, value: String(text[range])))
            }
        }
        var seen = Set<Entity>()
        return found.filter { seen.insert($0).inserted }
    }

    /// Non-overlapping whole-word occurrences of listed values, longest first, in text order.
    private func valueMatches(in text: [UInt32]) -> [(start: Int, entity: String, value: String)] {
        var candidates: [(start: Int, length: Int, surface: Int)] = []
        for start in text.indices {
            guard let starting = surfacesByFirstScalar[text[start]] else { continue }
            for index in starting {
                let needle = surfaces[index].scalars
                let end = start + needle.count
                guard end <= text.count, text[start..<end].elementsEqual(needle) else { continue }
                let startsWord =
                    start == 0 || text[start - 1] == 0x20
                    || ScalarClass.isIdeographic(text[start - 1]) || ScalarClass.isIdeographic(needle[0])
                let endsWord =
                    end == text.count || text[end] == 0x20
                    || ScalarClass.isIdeographic(text[end]) || ScalarClass.isIdeographic(needle[needle.count - 1])
                if startsWord && endsWord { candidates.append((start, needle.count, index)) }
            }
        }
        guard !candidates.isEmpty else { return [] }
        // Longest first; among equals, earliest first, then definition order.
        candidates.sort { ($0.length, -$0.start, -$0.surface) > ($1.length, -$1.start, -$1.surface) }
        var taken = [Bool](repeating: false, count: text.count)
        var accepted: [(start: Int, entity: String, value: String)] = []
        for candidate in candidates {
            let range = candidate.start..<(candidate.start + candidate.length)
            if range.contains(where: { taken[$0] }) { continue }
            for position in range { taken[position] = true }
            let surface = surfaces[candidate.surface]
            accepted.append((candidate.start, surface.entity, surface.value))
        }
        return accepted.sorted { $0.start < $1.start }
    }
}
