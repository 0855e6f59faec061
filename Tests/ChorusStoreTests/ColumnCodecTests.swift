import ChorusModel
import Testing

@testable import ChorusStore

/// The store's JSON columns are written without building a `JSON` tree; they must be exactly
/// what `JSON.text` writes for the same values, and read back unchanged.
@Suite struct ColumnCodecTests {
    /// Texts that need every kind of escaping, and some that need none.
    static let awkward = [
        "", "plain", "quote \" backslash \\ slash /", "line\nbreak\ttab\r", "\u{01}\u{1F}", "line\u{2028}sep\u{2029}",
        "é ñ 你好 👋", "AB-123456",
    ]

    /// What one of the codec's writers writes, as text.
    static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    static func pairs(_ entities: [Entity]) -> JSON {
        .array(entities.map { .array([.string($0.name), .string($0.value)]) })
    }

    @Test func textsAreWrittenAsJSONWritesThemAndReadBack() throws {
        for texts in [[], Self.awkward, ["one"]] {
            let written = Self.text { ColumnCodec.write(texts, to: &$0) }
            #expect(written == JSON.array(texts.map(JSON.string)).text)
            #expect(try ColumnCodec.strings(written, column: "bot") == texts)
        }
    }

    @Test func namesAreWrittenAsJSONWritesThemAndReadBack() throws {
        for names in [[], [DialogueFailure.contextLost, .loop]] {
            let written = Self.text { ColumnCodec.write(names, to: &$0) }
            #expect(written == JSON.array(names.map { .string($0.rawValue) }).text)
            #expect(try ColumnCodec.names(written, column: "dialogue_failures", as: DialogueFailure.self) == names)
        }
    }

    @Test func entitiesAreWrittenAsJSONWritesThemAndReadBack() throws {
        let entities = zip(Self.awkward, Self.awkward.reversed()).map { Entity(name: $0, value: $1) }
        for list in [[], entities] {
            let written = Self.text { ColumnCodec.write(list, to: &$0) }
            #expect(written == Self.pairs(list).text)
            #expect(try ColumnCodec.entities(written, column: "entities") == list)
        }
    }

    @Test func goalsAreWrittenAsJSONWritesThemAndReadBack() throws {
        let goals = [
            GoalRecord(
                name: "refund \"now\"", outcome: .completed, turns: 3,
                values: [Entity(name: "order_id", value: "AB-123456")],
                confirmed: [Entity(name: "product", value: "the \\ laptop")]),
            GoalRecord(name: "hours", outcome: .failed, turns: 0),
        ]
        let written = Self.text { ColumnCodec.write(goals, to: &$0) }
        let tree = JSON.array(
            goals.map { goal in
                .object([
                    "name": .string(goal.name), "outcome": .string(goal.outcome.rawValue),
                    "turns": .number(Double(goal.turns)),
                    "values": Self.pairs(goal.values), "confirmed": Self.pairs(goal.confirmed),
                ])
            })
        #expect(written == tree.text)
        #expect(try ColumnCodec.goals(written, column: "goals") == goals)
    }
}
